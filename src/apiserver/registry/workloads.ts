/**
 * The registries of nodes, pods and the workload APIs around them (apps/v1, discovery.k8s.io/v1,
 * coordination.k8s.io/v1, ConfigMaps), registered in one place so kube-apiserver.ts stays small.
 *
 * Objects of these kinds draw their uids and generated names from a second random stream derived from
 * the cluster's: a Service's ClusterIP must not depend on how many EndpointSlices, Leases or Pods the
 * controllers happened to create before it, or every transcript would shift whenever a controller
 * changes. The stream is derived from the cluster stream's state and the store's resourceVersion, so a
 * restarted apiserver continues with a fresh sequence instead of replaying names it already handed out.
 */
import type { ApiServer } from "../api.ts";
import { GenericRegistry, type RegistryDeps, type RequestContext } from "../machinery/rest.ts";
import type { Event } from "./event/types.ts";
import { SeededRandom } from "../machinery/random.ts";
import { NODE, type Node } from "./node/types.ts";
import { nodeStatusStrategy, nodeStrategy, setNodeDefaults } from "./node/strategy.ts";
import { nodeTable } from "./node/table.ts";
import { NODE_SCHEMA } from "./node/schema.ts";
import { POD, type Pod } from "./pod/types.ts";
import { PodRegistry } from "./pod/registry.ts";
import { podStatusStrategy, podStrategy } from "./pod/strategy.ts";
import { setPodDefaults } from "./pod/defaults.ts";
import { podTable } from "./pod/table.ts";
import { POD_SCHEMA } from "./pod/schema.ts";
import { CONFIG_MAP, type ConfigMap } from "./configmap/types.ts";
import { configMapStrategy, configMapTable } from "./configmap/strategy.ts";
import { CONFIG_MAP_SCHEMA } from "./configmap/schema.ts";
import { DAEMON_SET, type DaemonSet } from "./daemonset/types.ts";
import { daemonSetStatusStrategy, daemonSetStrategy, setDaemonSetDefaults } from "./daemonset/strategy.ts";
import { daemonSetTable } from "./daemonset/table.ts";
import { DAEMON_SET_SCHEMA } from "./daemonset/schema.ts";
import { DEPLOYMENT, type Deployment } from "./deployment/types.ts";
import { deploymentStatusStrategy, deploymentStrategy } from "./deployment/strategy.ts";
import { setDeploymentDefaults } from "./deployment/defaults.ts";
import { deploymentTable } from "./deployment/table.ts";
import { DEPLOYMENT_SCHEMA } from "./deployment/schema.ts";
import { REPLICA_SET, type ReplicaSet } from "./replicaset/types.ts";
import { replicaSetStatusStrategy, replicaSetStrategy, setReplicaSetDefaults } from "./replicaset/strategy.ts";
import { replicaSetTable } from "./replicaset/table.ts";
import { REPLICA_SET_SCHEMA } from "./replicaset/schema.ts";
import { ENDPOINT_SLICE, type EndpointSlice } from "./endpointslice/types.ts";
import { endpointSliceStrategy, setEndpointSliceDefaults } from "./endpointslice/strategy.ts";
import { endpointSliceTable } from "./endpointslice/table.ts";
import { ENDPOINT_SLICE_SCHEMA } from "./endpointslice/schema.ts";
import { LEASE, type Lease } from "./lease/types.ts";
import { LEASE_SCHEMA, leaseStrategy, leaseTable } from "./lease/strategy.ts";

/** A splitmix32 step: spreads one word over the state so nearby inputs give unrelated streams. */
function mix(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

export function workloadRandom(random: SeededRandom, salt: number): SeededRandom {
  const state: number[] = random.state().map((w, i) => mix(w ^ mix(salt + i)));
  if (!state.some((w) => w !== 0)) state[0] = 1;
  return new SeededRandom(0, state);
}

export function registerWorkloads(api: ApiServer, deps: RegistryDeps): void {
  api.register<ConfigMap>({ def: CONFIG_MAP, registry: new GenericRegistry(CONFIG_MAP, configMapStrategy, deps), table: configMapTable, schema: CONFIG_MAP_SCHEMA });
  api.register<Node>({
    def: NODE,
    registry: new GenericRegistry(NODE, nodeStrategy, deps, {}, { status: nodeStatusStrategy }),
    table: nodeTable,
    defaults: setNodeDefaults,
    schema: NODE_SCHEMA,
  });
  api.register<Pod>({
    def: POD,
    registry: new PodRegistry(POD, podStrategy, deps, {}, { status: podStatusStrategy }),
    table: podTable,
    defaults: setPodDefaults,
    schema: POD_SCHEMA,
  });
  api.register<DaemonSet>({
    def: DAEMON_SET,
    registry: new GenericRegistry(DAEMON_SET, daemonSetStrategy, deps, {}, { status: daemonSetStatusStrategy }),
    table: daemonSetTable,
    defaults: setDaemonSetDefaults,
    schema: DAEMON_SET_SCHEMA,
  });
  api.register<Deployment>({
    def: DEPLOYMENT,
    registry: new GenericRegistry(DEPLOYMENT, deploymentStrategy, deps, {}, { status: deploymentStatusStrategy }),
    table: deploymentTable,
    defaults: setDeploymentDefaults,
    schema: DEPLOYMENT_SCHEMA,
  });
  api.register<ReplicaSet>({
    def: REPLICA_SET,
    registry: new GenericRegistry(REPLICA_SET, replicaSetStrategy, deps, {}, { status: replicaSetStatusStrategy }),
    table: replicaSetTable,
    defaults: setReplicaSetDefaults,
    schema: REPLICA_SET_SCHEMA,
  });
  api.register<Lease>({ def: LEASE, registry: new GenericRegistry(LEASE, leaseStrategy, deps), table: leaseTable, schema: LEASE_SCHEMA });
  api.register<EndpointSlice>({
    def: ENDPOINT_SLICE,
    registry: new GenericRegistry(ENDPOINT_SLICE, endpointSliceStrategy, deps),
    table: endpointSliceTable,
    defaults: setEndpointSliceDefaults,
    schema: ENDPOINT_SLICE_SCHEMA,
  });
}

/** Kinds whose events come from the workload machinery (controllers, scheduler, node agents). */
const WORKLOAD_EVENT_KINDS = new Set(["Node", "ReplicaSet", "Deployment", "DaemonSet", "EndpointSlice"]);

/**
 * Event storage that draws the uids of events about workload objects from the workload stream, so
 * that a node joining or a pod starting does not move the ClusterIPs later Services get. Events about
 * a Pod count as workload events when that Pod object exists with the event's uid; a static pod's
 * events (its kubelet's uid, not the mirror pod's) keep the cluster stream, as they always had.
 */
export class EventRegistry extends GenericRegistry<Event> {
  readonly #workload: GenericRegistry<Event>;

  constructor(def: ConstructorParameters<typeof GenericRegistry<Event>>[0], strategy: ConstructorParameters<typeof GenericRegistry<Event>>[1], deps: RegistryDeps, workload: SeededRandom) {
    super(def, strategy, deps);
    this.#workload = new GenericRegistry<Event>(def, strategy, { ...deps, random: workload });
  }

  override create(namespace: string | undefined, input: Event, ctx: RequestContext, version?: string): Event {
    return this.#isWorkload(input) ? this.#workload.create(namespace, input, ctx, version) : super.create(namespace, input, ctx, version);
  }

  #isWorkload(e: Event): boolean {
    const ref = e.involvedObject;
    if (!ref) return false;
    if (WORKLOAD_EVENT_KINDS.has(ref.kind ?? "")) return true;
    if (ref.kind !== "Pod" || !ref.name) return false;
    const pod = this.deps.store.get("pods", ref.namespace, ref.name);
    return pod !== undefined && pod.metadata.uid === ref.uid;
  }
}

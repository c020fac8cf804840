/**
 * The garbage collector (pkg/controller/garbagecollector), for background cascading deletion: when an
 * owner goes, each dependent whose owners are all gone is deleted (a ReplicaSet's pods when the
 * ReplicaSet is deleted, the ReplicaSets of a deleted Deployment, a Service's EndpointSlices).
 * Dependents are pods, ReplicaSets and EndpointSlices; owners are looked up by kind and name and
 * must still have the uid the reference names. Orphaning (--cascade=orphan) is not modelled.
 */
import type { ApiClient, GroupVersionResource } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { isStatusError } from "../machinery/errors.ts";
import type { KubeObject, OwnerReference } from "../machinery/object.ts";
import { Informer } from "./informer.ts";
import { QueueController } from "./queue.ts";
import { PODS } from "./scheduler.ts";
import { REPLICA_SETS } from "./replicaset.ts";
import { ENDPOINT_SLICES } from "./endpointslice.ts";

const USER = { username: "system:serviceaccount:kube-system:generic-garbage-collector", groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"] };
const DEPENDENTS: GroupVersionResource[] = [PODS, REPLICA_SETS, ENDPOINT_SLICES];
/** Owner kinds the sandbox's objects name, by apiVersion/kind. */
const OWNERS: Record<string, GroupVersionResource> = {
  "apps/v1/Deployment": { group: "apps", version: "v1", resource: "deployments" },
  "apps/v1/ReplicaSet": REPLICA_SETS,
  "apps/v1/DaemonSet": { group: "apps", version: "v1", resource: "daemonsets" },
  "v1/Service": { group: "", version: "v1", resource: "services" },
  "v1/Node": { group: "", version: "v1", resource: "nodes" },
  "v1/Pod": PODS,
};

const owners = (o: KubeObject) => (o.metadata.ownerReferences ?? []).map((r) => r.uid);

export class GarbageCollector extends QueueController {
  readonly #informers: Informer<KubeObject>[];

  constructor(
    private readonly client: ApiClient,
    clock: VirtualClock,
  ) {
    super("garbage-collector-controller", clock);
    this.#informers = DEPENDENTS.map((gvr) => new Informer<KubeObject>(client, gvr, { owner: owners }));
    this.#informers.forEach((inf, i) => {
      for (const o of inf.list()) if (o.metadata.ownerReferences?.length) this.queue.add(dependentKey(i, o));
    });
    // Any deleted object may own dependents: watch the owner kinds for deletions.
    const ownerGVRs = [...new Set(Object.values(OWNERS))];
    for (const gvr of ownerGVRs) {
      this.onStop(
        client.watch(gvr, (type, obj) => {
          if (type !== "DELETED") return;
          this.#informers.forEach((inf, i) => {
            for (const d of inf.byIndex("owner", obj.metadata.uid!)) this.queue.add(dependentKey(i, d));
          });
        }),
      );
    }
    this.onStop(() => this.#informers.forEach((i) => i.stop()));
  }

  protected sync(k: string): void {
    const [index, ns, name] = k.split("|") as [string, string, string];
    const inf = this.#informers[Number(index)]!;
    const obj = inf.get(ns || undefined, name);
    if (!obj || obj.metadata.deletionTimestamp || !obj.metadata.ownerReferences?.length) return;
    if (obj.metadata.ownerReferences.some((r) => this.#ownerExists(r, obj.metadata.namespace))) return;
    try {
      this.client.delete(DEPENDENTS[Number(index)]!, ns || undefined, name, { user: USER });
    } catch (e) {
      if (!isStatusError(e) || e.reason !== "NotFound") throw e;
    }
  }

  /** An owner we cannot resolve is assumed to exist, as the collector never deletes on doubt. */
  #ownerExists(ref: OwnerReference, namespace: string | undefined): boolean {
    const gvr = OWNERS[`${ref.apiVersion}/${ref.kind}`];
    if (!gvr) return true;
    try {
      const owner = this.client.get(gvr, gvr.resource === "nodes" ? undefined : namespace, ref.name);
      return owner.metadata.uid === ref.uid;
    } catch (e) {
      return !(isStatusError(e) && e.reason === "NotFound");
    }
  }
}

function dependentKey(index: number, o: KubeObject): string {
  return `${index}|${o.metadata.namespace ?? ""}|${o.metadata.name}`;
}

/**
 * The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a selector, one
 * slice per address family and port mapping, named `<service>-` plus five random characters, labelled
 * kubernetes.io/service-name and endpointslice.kubernetes.io/managed-by, owned by the Service, with
 * the Service's own labels copied on. A Service that selects nothing keeps one empty placeholder slice
 * per family, so that consumers can tell "no endpoints" from "not synced yet".
 */
import type { ApiClient } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { deepEqual, objectKey } from "../machinery/object.ts";
import { LabelSelector } from "../machinery/labels.ts";
import { isStatusError } from "../machinery/errors.ts";
import { parseTime, rfc3339 } from "../machinery/time.ts";
import type { Pod } from "../registry/pod/types.ts";
import type { Service } from "../registry/service/types.ts";
import type { Node } from "../registry/node/types.ts";
import {
  ENDPOINTSLICE_CONTROLLER_NAME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  type AddressType,
  type EndpointSlice,
} from "../registry/endpointslice/types.ts";
import type { EventRecorder } from "./events.ts";
import { Informer } from "./informer.ts";
import { QueueController } from "./queue.ts";
import { addressTypes, desiredGroups, type DesiredGroup } from "./endpointslice-desired.ts";
import { ownerRef } from "./replicaset-pods.ts";
import { PODS } from "./scheduler.ts";
import { NODES } from "./nodeipam.ts";

export const ENDPOINT_SLICES = { group: "discovery.k8s.io", version: "v1", resource: "endpointslices" };
const SERVICES = { group: "", version: "v1", resource: "services" };
const USER = { username: "system:serviceaccount:kube-system:endpointslice-controller", groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"] };
const TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";
const ZONE_LABEL = "topology.kubernetes.io/zone";

const selects = (svc: Service, pod: Pod) => Boolean(svc.spec.selector) && LabelSelector.fromMatchLabels(svc.spec.selector).matches(pod.metadata.labels);

export class EndpointSliceController extends QueueController {
  readonly #services: Informer<Service>;
  readonly #pods: Informer<Pod>;
  readonly #slices: Informer<EndpointSlice>;
  readonly #nodes: Informer<Node>;

  constructor(
    private readonly client: ApiClient,
    clock: VirtualClock,
    private readonly events: EventRecorder,
  ) {
    super("endpointslice-controller", clock);
    this.#services = new Informer<Service>(client, SERVICES);
    this.#pods = new Informer<Pod>(client, PODS);
    this.#slices = new Informer<EndpointSlice>(client, ENDPOINT_SLICES, {
      service: (s) => (s.metadata.labels?.[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_NAME && s.metadata.labels[LABEL_SERVICE_NAME] ? [objectKey(s.metadata.namespace, s.metadata.labels[LABEL_SERVICE_NAME]!)] : []),
    });
    this.#nodes = new Informer<Node>(client, NODES);
    for (const s of this.#services.list()) this.queue.add(key(s));
    this.#services.onEvent((_t, svc) => this.queue.add(key(svc)));
    this.#pods.onEvent((_t, pod, old) => {
      for (const svc of this.#services.list(pod.metadata.namespace)) {
        if (selects(svc, pod) || (old && selects(svc, old))) this.queue.add(key(svc));
      }
    });
    this.#slices.onEvent((_t, s, old) => {
      for (const o of [s, old]) {
        const svc = o?.metadata.labels?.[LABEL_SERVICE_NAME];
        if (svc && o!.metadata.labels?.[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_NAME) this.queue.add(objectKey(o!.metadata.namespace, svc));
      }
    });
    this.onStop(() => {
      this.#services.stop();
      this.#pods.stop();
      this.#slices.stop();
      this.#nodes.stop();
    });
  }

  protected sync(k: string): void {
    const [ns, name] = k.split("/") as [string, string];
    const svc = this.#services.get(ns, name);
    const existing = this.#slices.byIndex("service", k);
    // Without a Service, its slices go with it (their owner reference lets the garbage collector do it).
    if (!svc || svc.metadata.deletionTimestamp) return;
    if (!svc.spec.selector || svc.spec.type === "ExternalName") {
      for (const s of existing) this.#delete(s);
      return;
    }
    const pods = this.#pods.list(ns).filter((p) => selects(svc, p));
    const zoneOf = (node: string) => this.#nodes.get(undefined, node)?.metadata.labels?.[ZONE_LABEL];
    const families = addressTypes(svc);
    for (const s of existing) if (!families.includes(s.addressType)) this.#delete(s);
    const trigger = this.#triggerTime(svc, pods);
    for (const family of families) {
      const groups = desiredGroups(svc, pods, family, zoneOf);
      const mine = existing.filter((s) => s.addressType === family).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
      const placeholder: DesiredGroup = { ports: null as never, endpoints: null as never };
      const wanted = groups.length ? groups : [placeholder];
      const unused = [...mine];
      for (const g of wanted) {
        const i = unused.findIndex((s) => deepEqual(s.ports ?? null, g.ports ?? null));
        const slice = i >= 0 ? unused.splice(i, 1)[0] : unused.shift();
        if (slice) this.#update(svc, slice, g, trigger);
        else this.#create(svc, family, g, trigger);
      }
      for (const s of unused) this.#delete(s);
    }
  }

  /** The latest change the slices reflect: a pod becoming ready or going, or the Service itself. */
  #triggerTime(svc: Service, pods: readonly Pod[]): string {
    let t = parseTime(svc.metadata.creationTimestamp) ?? 0;
    for (const p of pods) {
      const ready = parseTime(p.status?.conditions?.find((c) => c.type === "Ready")?.lastTransitionTime);
      if (ready && ready > t) t = ready;
      const created = parseTime(p.metadata.creationTimestamp);
      if (created && created > t) t = created;
    }
    return rfc3339(t);
  }

  #labels(svc: Service): Record<string, string> {
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (k !== LABEL_SERVICE_NAME && k !== LABEL_MANAGED_BY) labels[k] = v;
    labels[LABEL_MANAGED_BY] = ENDPOINTSLICE_CONTROLLER_NAME;
    labels[LABEL_SERVICE_NAME] = svc.metadata.name!;
    if (svc.spec.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
    return labels;
  }

  #create(svc: Service, family: AddressType, g: DesiredGroup, trigger: string): void {
    const slice: EndpointSlice = {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: {
        generateName: `${svc.metadata.name!.slice(0, 58)}-`,
        namespace: svc.metadata.namespace,
        labels: this.#labels(svc),
        annotations: { [TRIGGER_TIME]: trigger },
        ownerReferences: [ownerRef(svc)],
      },
      addressType: family,
      endpoints: g.endpoints,
      ports: g.ports,
    };
    try {
      this.client.create(ENDPOINT_SLICES, svc.metadata.namespace, slice, { user: USER });
    } catch (e) {
      // A namespace being deleted refuses new slices; the Service goes with it.
      if (isStatusError(e) && e.reason === "Forbidden") return;
      this.events.event(svc, "Warning", "FailedToUpdateEndpointSlices", `Error updating Endpoint Slices for Service ${svc.metadata.namespace}/${svc.metadata.name}: ${(e as Error).message}`);
      throw e;
    }
  }

  #update(svc: Service, slice: EndpointSlice, g: DesiredGroup, trigger: string): void {
    const labels = this.#labels(svc);
    const same = deepEqual(slice.endpoints ?? null, g.endpoints ?? null) && deepEqual(slice.ports ?? null, g.ports ?? null) && deepEqual(slice.metadata.labels, labels);
    if (same) return;
    const next: EndpointSlice = {
      ...slice,
      metadata: { ...slice.metadata, labels, annotations: { ...(slice.metadata.annotations ?? {}), [TRIGGER_TIME]: trigger } },
      endpoints: g.endpoints,
      ports: g.ports,
    };
    this.client.update(ENDPOINT_SLICES, slice.metadata.namespace, next, { user: USER });
  }

  #delete(s: EndpointSlice): void {
    try {
      this.client.delete(ENDPOINT_SLICES, s.metadata.namespace, s.metadata.name!, { user: USER });
    } catch {
      // gone already
    }
  }
}

function key(o: { metadata: { namespace?: string; name?: string } }): string {
  return objectKey(o.metadata.namespace, o.metadata.name!);
}

/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per node the template fits, pinned to its
 * node with a required node affinity on metadata.name (the scheduler then binds it), with the
 * tolerations every daemon pod gets (util.AddOrUpdateDaemonPodTolerations) so that it also runs on
 * unschedulable or not-ready nodes. A changed template replaces old pods, at most maxUnavailable at a
 * time. ControllerRevisions are not kept; the template's hash is the controller-revision-hash label.
 */
import type { ApiClient } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { deepClone, deepEqual, objectKey } from "../machinery/object.ts";
import { CONTROLLER_REVISION_HASH_LABEL, POD_TEMPLATE_GENERATION_LABEL, type DaemonSet } from "../registry/daemonset/types.ts";
import { scaledValue } from "../registry/deployment/workload.ts";
import type { Node } from "../registry/node/types.ts";
import { isPodReady, controllerOf, type Pod, type Toleration } from "../registry/pod/types.ts";
import type { EventRecorder } from "./events.ts";
import { Informer } from "./informer.ts";
import { QueueController } from "./queue.ts";
import { computeHash } from "./deployment-hash.ts";
import { errorMessageOf, isActive, podFromTemplate } from "./replicaset-pods.ts";
import { byController, isPodAvailable } from "./replicaset.ts";
import { PODS } from "./scheduler.ts";
import { NODES } from "./nodeipam.ts";
import { matchesNodeAffinity, tolerates } from "./scheduler-filters.ts";

export const DAEMON_SETS = { group: "apps", version: "v1", resource: "daemonsets" };
const USER = { username: "system:serviceaccount:kube-system:daemon-set-controller", groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"] };

/** AddOrUpdateDaemonPodTolerations, in upstream's order. */
function daemonTolerations(pod: Pod): Toleration[] {
  const extra: Toleration[] = [
    { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
    { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
    { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
    { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
    { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
    { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
  ];
  if (pod.spec.hostNetwork) extra.push({ key: "node.kubernetes.io/network-unavailable", operator: "Exists", effect: "NoSchedule" });
  const list = [...(pod.spec.tolerations ?? [])];
  for (const t of extra) {
    const i = list.findIndex((x) => x.key === t.key && x.effect === t.effect);
    if (i >= 0) list[i] = t;
    else list.push(t);
  }
  return list;
}

/** The pod the DaemonSet would run on `node` (NewPod + the node affinity ReplaceDaemonSetPodNodeNameNodeAffinity adds). */
function daemonPod(ds: DaemonSet, node: string, hash: string): Pod {
  const pod = podFromTemplate(ds.spec.template, ds, { [CONTROLLER_REVISION_HASH_LABEL]: hash, [POD_TEMPLATE_GENERATION_LABEL]: String(ds.metadata.generation ?? 1) });
  pod.spec.tolerations = daemonTolerations(pod);
  pod.spec.affinity = {
    ...((pod.spec.affinity as object) ?? {}),
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [node] }] }],
      },
    },
  };
  return pod;
}

/** NodeShouldRunDaemonPod: the taints the pod does not tolerate and the node selector decide. */
function shouldRun(ds: DaemonSet, node: Node): boolean {
  const pod = daemonPod(ds, node.metadata.name!, "");
  if (!matchesNodeAffinity(pod, node)) return false;
  return (node.spec.taints ?? []).every((t) => (t.effect !== "NoSchedule" && t.effect !== "NoExecute") || tolerates(pod.spec.tolerations, t));
}

/** The node a daemon pod belongs to: where it runs, or where its affinity pins it. */
function podNode(pod: Pod): string {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const terms = (pod.spec.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchFields?: { key: string; values?: string[] }[] }[] } } } | undefined)
    ?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return terms?.[0]?.matchFields?.find((f) => f.key === "metadata.name")?.values?.[0] ?? "";
}

export class DaemonSetController extends QueueController {
  readonly #sets: Informer<DaemonSet>;
  readonly #pods: Informer<Pod>;
  readonly #nodes: Informer<Node>;

  constructor(
    private readonly client: ApiClient,
    clock: VirtualClock,
    private readonly events: EventRecorder,
  ) {
    super("daemonset-controller", clock);
    this.#sets = new Informer<DaemonSet>(client, DAEMON_SETS);
    this.#pods = new Informer<Pod>(client, PODS, { owner: byController });
    this.#nodes = new Informer<Node>(client, NODES);
    const all = () => this.#sets.list().forEach((ds) => this.queue.add(key(ds)));
    all();
    this.#sets.onEvent((type, ds) => type !== "DELETED" && this.queue.add(key(ds)));
    this.#pods.onEvent((_t, pod, old) => {
      for (const p of [pod, old]) {
        const ref = p && controllerOf(p);
        if (ref?.kind === "DaemonSet") this.queue.add(objectKey(p!.metadata.namespace, ref.name));
      }
    });
    this.#nodes.onEvent((type, node, old) => {
      const relevant = type !== "MODIFIED" || !old || !deepEqual([old.metadata.labels, old.spec.taints], [node.metadata.labels, node.spec.taints]);
      if (relevant) all();
    });
    this.onStop(() => {
      this.#sets.stop();
      this.#pods.stop();
      this.#nodes.stop();
    });
  }

  protected sync(k: string): void {
    const [ns, name] = k.split("/") as [string, string];
    const ds = this.#sets.get(ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const hash = computeHash(ds.spec.template);
    const now = this.clock.now();
    const minReady = ds.spec.minReadySeconds ?? 0;
    const pods = this.#pods.byIndex("owner", ds.metadata.uid!).filter(isActive);
    const byNode = new Map<string, Pod[]>();
    for (const p of pods) {
      const n = podNode(p);
      byNode.set(n, [...(byNode.get(n) ?? []), p]);
    }
    const nodes = this.#nodes.list().sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const toCreate: string[] = [];
    const toDelete: Pod[] = [];
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    const outdated: Pod[] = [];
    for (const node of nodes) {
      const n = node.metadata.name!;
      const here = byNode.get(n) ?? [];
      byNode.delete(n);
      if (!shouldRun(ds, node)) {
        if (here.length) misscheduled++;
        toDelete.push(...here);
        continue;
      }
      desired++;
      if (!here.length) {
        toCreate.push(n);
        continue;
      }
      current++;
      // Keep the oldest pod on a node; extras go.
      const [keep, ...extra] = [...here].sort((a, b) => (a.metadata.creationTimestamp ?? "").localeCompare(b.metadata.creationTimestamp ?? ""));
      toDelete.push(...extra);
      if (isPodReady(keep!)) ready++;
      if (isPodAvailable(keep!, minReady, now)) available++;
      if (keep!.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) updated++;
      else outdated.push(keep!);
    }
    // Pods pinned to nodes that no longer exist.
    for (const rest of byNode.values()) toDelete.push(...rest);
    // RollingUpdate: replace outdated pods, no more unavailable at once than maxUnavailable allows.
    const us = ds.spec.updateStrategy;
    if (us?.type !== "OnDelete" && outdated.length) {
      const budget = Math.max(1, scaledValue(us?.rollingUpdate?.maxUnavailable ?? 1, desired, false)) - (desired - available);
      toDelete.push(...outdated.slice(0, Math.max(0, budget)));
    }
    for (const n of toCreate) {
      try {
        const created = this.client.create(PODS, ns, daemonPod(ds, n, hash), { user: USER });
        this.events.event(ds, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata.name}`);
      } catch (e) {
        this.events.event(ds, "Warning", "FailedCreate", `Error creating: ${errorMessageOf(e)}`);
        break;
      }
    }
    for (const p of toDelete) {
      try {
        this.client.delete(PODS, ns, p.metadata.name!, { user: USER });
        this.events.event(ds, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`);
      } catch {
        // already gone
      }
    }
    const status = {
      ...(ds.status ?? {}),
      currentNumberScheduled: current,
      desiredNumberScheduled: desired,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
      updatedNumberScheduled: updated,
      numberAvailable: available,
      numberUnavailable: desired - available,
    };
    if (!status.numberAvailable) delete (status as { numberAvailable?: number }).numberAvailable;
    if (!status.numberUnavailable) delete (status as { numberUnavailable?: number }).numberUnavailable;
    if (!status.updatedNumberScheduled) delete (status as { updatedNumberScheduled?: number }).updatedNumberScheduled;
    if (minReady && ready > available) this.queue.addAfter(key(ds), minReady * 1000);
    if (deepEqual(status, ds.status)) return;
    this.client.update(DAEMON_SETS, ns, { ...deepClone(ds), status } as DaemonSet, { user: USER, subresource: "status" });
  }
}

function key(o: { metadata: { namespace?: string; name?: string } }): string {
  return objectKey(o.metadata.namespace, o.metadata.name!);
}

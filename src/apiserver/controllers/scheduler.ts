/**
 * A kube-scheduler with the default profile's filters (scheduler-filters.ts) and a simple score: the
 * feasible node with the fewest pods, ties broken by name. (The real scheduler scores requested
 * resources, where a pod without requests counts 100m CPU and 200Mi, so spreading by pod count is what
 * it does for such pods; it breaks ties at random, which a transcript cannot.)
 *
 * A pod that fits nowhere gets the FailedScheduling event and a PodScheduled=False condition with the
 * FitError text, waits among the unschedulable pods, and is tried again when a node appears or changes
 * or a pod leaves a node, and at the latest after five minutes (podMaxInUnschedulablePodsDuration).
 */
import type { ApiClient } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { deepClone, objectKey } from "../machinery/object.ts";
import { isStatusError } from "../machinery/errors.ts";
import { rfc3339 } from "../machinery/time.ts";
import type { Node } from "../registry/node/types.ts";
import { isPodTerminal, type Pod, type PodCondition } from "../registry/pod/types.ts";
import type { EventRecorder } from "./events.ts";
import { Informer } from "./informer.ts";
import { QueueController } from "./queue.ts";
import { filterNode, fitErrorMessage, hostPorts, type FilterFailure } from "./scheduler-filters.ts";
import { NODES } from "./nodeipam.ts";

export const PODS = { group: "", version: "v1", resource: "pods" };
const USER = { username: "system:kube-scheduler", groups: ["system:authenticated"] };
const NO_PORTS: ReadonlySet<string> = new Set();
const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;
export const DEFAULT_SCHEDULER = "default-scheduler";

/** Pods that hold a node's capacity: bound and not finished. */
const occupies = (p: Pod) => !isPodTerminal(p);

export class Scheduler extends QueueController {
  readonly #pods: Informer<Pod>;
  readonly #nodes: Informer<Node>;
  readonly #unschedulable = new Set<string>();
  /** Node names in order, rebuilt when a node comes or goes. */
  #sorted: string[] | null = null;

  constructor(
    private readonly client: ApiClient,
    clock: VirtualClock,
    private readonly events: EventRecorder,
  ) {
    super("kube-scheduler", clock);
    this.#pods = new Informer<Pod>(client, PODS, { node: (p) => (p.spec.nodeName && occupies(p) ? [p.spec.nodeName] : []) });
    this.#nodes = new Informer<Node>(client, NODES);
    for (const p of this.#pods.list()) if (this.#wants(p)) this.queue.add(key(p));
    this.#pods.onEvent((type, pod, old) => {
      if (type !== "DELETED" && this.#wants(pod)) {
        if (!this.#unschedulable.has(key(pod))) this.queue.add(key(pod));
      } else {
        this.#unschedulable.delete(key(pod));
      }
      // A pod leaving a node (or finishing) frees room for the waiting ones.
      const freed = old?.spec.nodeName && (type === "DELETED" || (occupies(old) && !occupies(pod)));
      if (freed) this.#retryUnschedulable();
    });
    this.#nodes.onEvent((type, node, old) => {
      if (type !== "MODIFIED") this.#sorted = null;
      if (type === "ADDED" || (old && nodeChangedForScheduling(old, node))) this.#retryUnschedulable();
    });
    this.onStop(() => {
      this.#pods.stop();
      this.#nodes.stop();
    });
  }

  #sortedNodes(): Node[] {
    if (!this.#sorted) this.#sorted = this.#nodes.list().map((n) => n.metadata.name!).sort();
    return this.#sorted.map((n) => this.#nodes.get(undefined, n)).filter((n): n is Node => n !== undefined);
  }

  #wants(pod: Pod): boolean {
    return !pod.spec.nodeName && !pod.metadata.deletionTimestamp && !isPodTerminal(pod) && (pod.spec.schedulerName ?? DEFAULT_SCHEDULER) === DEFAULT_SCHEDULER;
  }

  #retryUnschedulable(): void {
    for (const k of this.#unschedulable) this.queue.add(k);
    this.#unschedulable.clear();
  }

  protected sync(k: string): void {
    const [ns, name] = k.split("/") as [string, string];
    const pod = this.#pods.get(ns, name);
    if (!pod || !this.#wants(pod)) return;
    const nodes = this.#sortedNodes();
    if (!nodes.length) return this.#unfit(pod, "no nodes available to schedule pods");
    let best: Node | undefined;
    let bestCount = Infinity;
    const failures: FilterFailure[] = [];
    const wantsPorts = hostPorts(pod).length > 0;
    for (const node of nodes) {
      const n = node.metadata.name!;
      // Host ports are looked at only for a pod that asks for one: counting is all most pods need.
      const ports = wantsPorts ? new Set(this.#pods.byIndex("node", n).flatMap(hostPorts)) : NO_PORTS;
      const usage = { pods: this.#pods.countByIndex("node", n), hostPorts: ports };
      const failure = filterNode(pod, node, usage);
      if (failure) failures.push(failure);
      else if (usage.pods < bestCount) {
        best = node;
        bestCount = usage.pods;
      }
    }
    if (!best) return this.#unfit(pod, fitErrorMessage(failures));
    const target = best.metadata.name!;
    try {
      this.client.update(PODS, ns, { ...pod, spec: { ...pod.spec, nodeName: target } } as Pod, { user: USER, subresource: "binding" });
    } catch (e) {
      if (isStatusError(e) && (e.reason === "NotFound" || e.reason === "Conflict")) return;
      throw e;
    }
    this.events.event(pod, "Normal", "Scheduled", `Successfully assigned ${ns}/${name} to ${target}`);
  }

  #unfit(pod: Pod, message: string): void {
    this.events.event(pod, "Warning", "FailedScheduling", message);
    this.#unschedulable.add(key(pod));
    this.queue.addAfter(key(pod), UNSCHEDULABLE_FLUSH_MS);
    const cond = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
    if (cond?.status === "False" && cond.reason === "Unschedulable" && cond.message === message) return;
    const copy = deepClone(pod);
    const next: PodCondition = { type: "PodScheduled", status: "False", lastProbeTime: null, lastTransitionTime: cond?.status === "False" ? cond.lastTransitionTime : rfc3339(this.clock.now()), reason: "Unschedulable", message };
    if (pod.metadata.generation !== undefined) next.observedGeneration = pod.metadata.generation;
    const conditions = (copy.status ??= {}).conditions ?? [];
    const i = conditions.findIndex((c) => c.type === "PodScheduled");
    if (i >= 0) conditions[i] = next;
    else conditions.push(next);
    copy.status.conditions = conditions;
    try {
      this.client.update(PODS, pod.metadata.namespace, copy, { user: USER, subresource: "status" });
    } catch {
      // The pod changed meanwhile; its next event brings it back.
    }
  }
}

function key(pod: Pod): string {
  return objectKey(pod.metadata.namespace, pod.metadata.name!);
}

/** The node changes a waiting pod could care about (the queueing hints of the filter plugins). */
function nodeChangedForScheduling(old: Node, node: Node): boolean {
  const pick = (n: Node) => JSON.stringify([n.spec.unschedulable, n.spec.taints, n.metadata.labels, n.status?.allocatable]);
  return pick(old) !== pick(node);
}

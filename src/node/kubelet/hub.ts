/**
 * KubeletHub: what the kubelets of many nodes share, so that a thousand of them cost one watch, not a
 * thousand. It keeps one pod cache and one node cache and hands each kubelet the events of its own
 * node, and it batches timers: work due at the same virtual instant runs off one clock timer, so a
 * deployment's pods that start together also settle together.
 */
import type { ApiClient } from "../../apiserver/client.ts";
import type { TimerHandle, VirtualClock } from "../../apiserver/machinery/clock.ts";
import { Informer } from "../../apiserver/controllers/informer.ts";
import type { Node } from "../../apiserver/registry/node/types.ts";
import type { Pod } from "../../apiserver/registry/pod/types.ts";

const PODS = { group: "", version: "v1", resource: "pods" };
const NODES = { group: "", version: "v1", resource: "nodes" };

type PodHandler = (type: "ADDED" | "MODIFIED" | "DELETED", pod: Pod, old: Pod | undefined) => void;
type NodeHandler = (node: Node | undefined) => void;

export class KubeletHub {
  readonly pods: Informer<Pod>;
  readonly nodes: Informer<Node>;
  readonly #podHandlers = new Map<string, PodHandler>();
  readonly #nodeHandlers = new Map<string, NodeHandler[]>();
  readonly #batches = new Map<number, { timer: TimerHandle; fns: Set<() => void> }>();
  #users = 0;
  /**
   * How far the clock is being moved right now (set by the lab around an advance). Periodic heartbeats
   * (lease renewals, status posts) skip to their last beat before it instead of beating through a long
   * `sleep`: only the last one can be seen once the clock stops, and a day would be 8,640 renewals.
   */
  horizon: number | undefined;

  constructor(
    readonly client: ApiClient,
    readonly clock: VirtualClock,
  ) {
    this.pods = new Informer<Pod>(client, PODS, { node: (p) => (p.spec.nodeName ? [p.spec.nodeName] : []) });
    this.nodes = new Informer<Node>(client, NODES);
    this.pods.onEvent((type, pod, old) => {
      for (const n of new Set([pod.spec.nodeName, old?.spec.nodeName])) if (n) this.#podHandlers.get(n)?.(type, pod, old);
    });
    this.nodes.onEvent((type, node) => {
      for (const h of this.#nodeHandlers.get(node.metadata.name!) ?? []) h(type === "DELETED" ? undefined : node);
    });
  }

  /** Registers a kubelet's pod handler; returns the function that removes it. */
  watchPods(node: string, handler: PodHandler): () => void {
    this.#podHandlers.set(node, handler);
    this.#users++;
    return () => {
      if (this.#podHandlers.get(node) === handler) this.#podHandlers.delete(node);
      this.#release();
    };
  }

  watchNode(node: string, handler: NodeHandler): () => void {
    this.#nodeHandlers.set(node, [...(this.#nodeHandlers.get(node) ?? []), handler]);
    this.#users++;
    return () => {
      this.#nodeHandlers.set(node, (this.#nodeHandlers.get(node) ?? []).filter((h) => h !== handler));
      this.#release();
    };
  }

  /** Runs fn at the virtual time `at`, sharing one clock timer with everything due at that instant. */
  at(at: number, fn: () => void): () => void {
    const due = Math.max(at, this.clock.now());
    let batch = this.#batches.get(due);
    if (!batch) {
      const fns = new Set<() => void>();
      const timer = this.clock.at(due, "kubelet", () => {
        this.#batches.delete(due);
        for (const f of fns) f();
      });
      this.#batches.set(due, (batch = { timer, fns }));
    }
    batch.fns.add(fn);
    const b = batch;
    return () => {
      b.fns.delete(fn);
      if (!b.fns.size) {
        this.clock.cancel(b.timer);
        this.#batches.delete(due);
      }
    };
  }

  /** The hub stops with its last user, cancelling what it still had scheduled. */
  #release(): void {
    if (--this.#users > 0) return;
    for (const b of this.#batches.values()) this.clock.cancel(b.timer);
    this.#batches.clear();
    this.pods.stop();
    this.nodes.stop();
  }
}

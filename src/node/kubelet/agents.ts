/**
 * The kubelets of a list of nodes, sharing one KubeletHub, as one Controller: what tests, benchmarks
 * and the lab run when machines join. The group hands the cluster's loop only the agents that have
 * something to do, so a thousand idle kubelets cost nothing per step.
 */
import type { ApiClient } from "../../apiserver/client.ts";
import type { VirtualClock } from "../../apiserver/machinery/clock.ts";
import type { SeededRandom } from "../../apiserver/machinery/random.ts";
import type { Controller } from "../../apiserver/controllers/queue.ts";
import { KubeletHub } from "./hub.ts";
import { NodeAgent, type NodeAgentOptions } from "./node-status.ts";
import { PodLifecycle, type PodLifecycleOptions } from "./pods.ts";

export interface NodeSpecForAgent extends Omit<NodeAgentOptions, "hub"> {
  name: string;
}

export class NodeAgents implements Controller {
  readonly name = "kubelets";
  readonly hub: KubeletHub;
  readonly nodes = new Map<string, { node: NodeAgent; pods: PodLifecycle }>();
  /** Agents that were handed work since they last ran dry. */
  readonly #busy = new Set<string>();

  constructor(
    private readonly client: ApiClient,
    private readonly clock: VirtualClock,
    private readonly random: SeededRandom,
    private readonly podOptions: Omit<PodLifecycleOptions, "hub"> = {},
  ) {
    this.hub = new KubeletHub(client, clock);
  }

  /** Starts a kubelet for a node (its NodeAgent registers or adopts the Node object). */
  add(spec: NodeSpecForAgent): { node: NodeAgent; pods: PodLifecycle } {
    const { name, ...opts } = spec;
    const onWork = () => this.#busy.add(name);
    const agent = {
      node: new NodeAgent(this.client, this.clock, name, { ...opts, hub: this.hub, onWork }),
      pods: new PodLifecycle(this.client, this.clock, this.random, name, { ...this.podOptions, hub: this.hub, onWork }),
    };
    this.nodes.set(name, agent);
    this.#busy.add(name);
    return agent;
  }

  remove(name: string): void {
    const a = this.nodes.get(name);
    if (!a) return;
    a.node.stop();
    a.pods.stop();
    this.nodes.delete(name);
    this.#busy.delete(name);
  }

  processNext(): boolean {
    for (const name of this.#busy) {
      const a = this.nodes.get(name);
      if (a && (a.node.processNext() || a.pods.processNext())) return true;
      this.#busy.delete(name);
    }
    return false;
  }

  stop(): void {
    for (const n of [...this.nodes.keys()]) this.remove(n);
  }
}

/** Kubelets for the given nodes (InternalIP addresses and options per node), started at once. */
export function startNodeAgents(client: ApiClient, clock: VirtualClock, random: SeededRandom, nodes: readonly NodeSpecForAgent[], podOptions: Omit<PodLifecycleOptions, "hub"> = {}): NodeAgents {
  const group = new NodeAgents(client, clock, random, podOptions);
  for (const n of nodes) group.add(n);
  return group;
}

/** What a cluster tool planned for a node, as the kubelet's flags and registration see it. */
export interface PlannedNode {
  name: string;
  addresses: string[];
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute" }[];
  maxPods?: number;
  providerID?: string;
}

/**
 * The kubelet's registration for a planned node: --node-ip, --max-pods, --register-with-taints and the
 * labels kubeadm or the provider sets. The node is Ready once a pod network is in place (a CNI config).
 */
export function nodeAgentSpec(node: PlannedNode, networkReady: boolean): NodeSpecForAgent {
  return {
    name: node.name,
    addresses: node.addresses,
    ...(node.labels ? { labels: node.labels } : {}),
    ...(node.taints?.length ? { taints: node.taints.map((t) => ({ ...t })) } : {}),
    ...(node.maxPods !== undefined ? { maxPods: node.maxPods } : {}),
    ...(node.providerID ? { providerID: node.providerID } : {}),
    networkReady,
  };
}

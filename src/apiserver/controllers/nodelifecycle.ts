/**
 * The taint-by-condition part of the node lifecycle controller (pkg/controller/nodelifecycle): a node
 * whose Ready condition is not True carries node.kubernetes.io/not-ready:NoSchedule, and a cordoned
 * node node.kubernetes.io/unschedulable:NoSchedule, so that the scheduler's taint filter keeps new
 * pods away. Eviction of pods from unreachable nodes is not modelled.
 */
import type { ApiClient } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { deepClone } from "../machinery/object.ts";
import { rfc3339 } from "../machinery/time.ts";
import { isNodeReady, TAINT_NOT_READY, TAINT_UNSCHEDULABLE, type Node, type Taint } from "../registry/node/types.ts";
import { Informer } from "./informer.ts";
import { QueueController } from "./queue.ts";
import { NODES } from "./nodeipam.ts";

const USER = { username: "system:serviceaccount:kube-system:node-controller", groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"] };

export class NodeLifecycleController extends QueueController {
  readonly #nodes: Informer<Node>;

  constructor(
    private readonly client: ApiClient,
    clock: VirtualClock,
  ) {
    super("node-lifecycle-controller", clock);
    this.#nodes = new Informer<Node>(client, NODES);
    for (const n of this.#nodes.list()) this.queue.add(n.metadata.name!);
    this.#nodes.onEvent((type, n) => type !== "DELETED" && this.queue.add(n.metadata.name!));
    this.onStop(() => this.#nodes.stop());
  }

  protected sync(name: string): void {
    const node = this.#nodes.get(undefined, name);
    if (!node) return;
    const want = new Map<string, boolean>([
      [TAINT_NOT_READY, !isNodeReady(node)],
      [TAINT_UNSCHEDULABLE, Boolean(node.spec.unschedulable)],
    ]);
    const taints = node.spec.taints ?? [];
    let next: Taint[] = taints.filter((t) => !(want.has(t.key) && t.effect === "NoSchedule" && !want.get(t.key)));
    for (const [k, on] of want) {
      if (on && !next.some((t) => t.key === k && t.effect === "NoSchedule")) next = [...next, { key: k, effect: "NoSchedule", timeAdded: rfc3339(this.clock.now()) }];
    }
    if (next.length === taints.length && next.every((t, i) => t === taints[i])) return;
    const copy = deepClone(node);
    copy.spec.taints = next;
    if (!next.length) delete copy.spec.taints;
    this.client.update(NODES, undefined, copy, { user: USER });
  }
}

/**
 * The node IPAM range allocator (pkg/controller/nodeipam/ipam/range_allocator.go): one CIDRSet per
 * --cluster-cidr, the Service ranges and every existing node's podCIDRs occupied at start, the next
 * free block per family for each node without one, and the blocks released when the node goes.
 * A node the range cannot serve gets the `CIDRNotAvailable` event (RecordNodeStatusChange writes it as
 * a Normal event, "Node <name> status is now: CIDRNotAvailable") and is retried with backoff.
 */
import type { ApiClient } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { isStatusError } from "../machinery/errors.ts";
import { CIDR } from "../../net/index.ts";
import { CIDRSet, CIDRSetError } from "../allocators/cidrset/cidr-set.ts";
import { FlagError } from "../flags.ts";
import type { Node } from "../registry/node/types.ts";
import type { EventRecorder } from "./events.ts";
import { Informer } from "./informer.ts";
import { QueueController } from "./queue.ts";
import type { NodeIPAMConfig } from "./nodeipam-flags.ts";

export const NODES = { group: "", version: "v1", resource: "nodes" };
const USER = { username: "system:serviceaccount:kube-system:node-controller", groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"] };

export class NodeIPAMController extends QueueController {
  readonly cidrSets: CIDRSet[];
  readonly #nodes: Informer<Node>;

  /** Throws FlagError when a CIDR set cannot be built or an existing node's podCIDR does not fit, as NewCIDRRangeAllocator fails. */
  constructor(
    private readonly client: ApiClient,
    clock: VirtualClock,
    private readonly events: EventRecorder,
    readonly config: NodeIPAMConfig,
    private readonly log: (line: string) => void = () => {},
  ) {
    super("node-ipam-controller", clock);
    try {
      this.cidrSets = config.clusterCIDRs.map((c, i) => new CIDRSet(c, config.nodeMaskSizes[i]!));
    } catch (e) {
      if (e instanceof CIDRSetError) throw new FlagError(e.message);
      throw e;
    }
    // filterOutServiceRange: a Service range inside the cluster range is never handed to a node.
    for (const svc of config.serviceCIDRs) {
      this.cidrSets.forEach((set) => {
        if (set.clusterCIDR.overlaps(svc)) set.occupy(svc);
      });
    }
    this.#nodes = new Informer<Node>(client, NODES);
    for (const node of this.#nodes.list()) {
      const err = this.#occupy(node);
      if (err) {
        this.#nodes.stop();
        throw new FlagError(err);
      }
      if (!node.spec.podCIDRs?.length) this.queue.add(node.metadata.name!);
    }
    this.#nodes.onEvent((type, node, old) => {
      if (type === "DELETED") this.#release(old ?? node);
      // A node created with its podCIDRs already set has them occupied; one without gets a block.
      else if (type === "ADDED" || !node.spec.podCIDRs?.length) this.queue.add(node.metadata.name!);
    });
    this.onStop(() => this.#nodes.stop());
  }

  /** occupyCIDRs: marks a node's podCIDRs, one per family index; returns upstream's error text on failure. */
  #occupy(node: Node): string | null {
    const cidrs = node.spec.podCIDRs ?? [];
    for (let idx = 0; idx < cidrs.length; idx++) {
      const c = CIDR.tryParse(cidrs[idx]!) ?? null;
      if (!c) return `failed to parse node ${node.metadata.name}, CIDR ${node.spec.podCIDR ?? ""}`;
      if (idx >= this.cidrSets.length) {
        return `node:${node.metadata.name} has an allocated cidr: ${cidrs[idx]} at index:${idx} that does not exist in cluster cidrs configuration`;
      }
      try {
        this.cidrSets[idx]!.occupy(c);
      } catch (e) {
        return `failed to mark cidr[${c.toString()}] at idx [${idx}] as occupied for node: ${node.metadata.name}: ${(e as Error).message}`;
      }
    }
    return null;
  }

  #release(node: Node): void {
    (node.spec.podCIDRs ?? []).forEach((text, idx) => {
      const c = CIDR.tryParse(text);
      try {
        if (c) this.cidrSets[idx]?.release(c);
      } catch {
        // Out of range: nothing of ours to release.
      }
    });
  }

  /** AllocateOrOccupyCIDR + updateCIDRsAllocation. */
  protected sync(name: string): void {
    const node = this.#nodes.get(undefined, name);
    if (!node || node.metadata.deletionTimestamp) return;
    if (node.spec.podCIDRs?.length) {
      const err = this.#occupy(node);
      if (err) throw new Error(err);
      return;
    }
    const allocated: CIDR[] = [];
    for (let idx = 0; idx < this.cidrSets.length; idx++) {
      try {
        allocated.push(this.cidrSets[idx]!.allocateNext());
      } catch (e) {
        // Upstream keeps what the earlier families got (a leak it accepts); release it here would differ.
        this.events.event(node, "Normal", "CIDRNotAvailable", `Node ${name} status is now: CIDRNotAvailable`);
        throw new Error(`failed to allocate cidr from cluster cidr at idx:${idx}: ${(e as Error).message}`);
      }
    }
    const podCIDRs = allocated.map((c) => c.toString());
    try {
      this.client.patch(NODES, undefined, name, "strategic", { spec: { podCIDR: podCIDRs[0], podCIDRs } }, { user: USER });
      this.log(`"Set node PodCIDR" node="${name}" podCIDRs=[${podCIDRs.map((c) => `"${c}"`).join(",")}]`);
    } catch (e) {
      for (let i = 0; i < allocated.length; i++) this.cidrSets[i]!.release(allocated[i]!);
      if (isStatusError(e) && e.reason === "NotFound") return;
      this.events.event(node, "Normal", "CIDRAssignmentFailed", `Node ${name} status is now: CIDRAssignmentFailed`);
      throw e;
    }
  }
}

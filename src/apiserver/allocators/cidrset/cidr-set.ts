/**
 * CidrSet, after pkg/controller/nodeipam/ipam/cidrset/cidr_set.go: the cluster CIDR cut into node-sized
 * blocks, handed out round-robin from `nextCandidate`. A released block is not handed out again until
 * the search wraps around to it, which is why a replacement node usually gets a fresh /24. Used blocks
 * are kept in a set of indices rather than upstream's big.Int bitmap, because an IPv4 cluster may be
 * cut into millions of blocks of which only a few are ever used.
 */
import { CIDR, IP } from "../../../net/index.ts";

/** cidr_set.go clusterSubnetMaxDiff: checked for IPv6 only. */
const CLUSTER_SUBNET_MAX_DIFF = 16;

export class CIDRSetError extends Error {}

/** ErrCIDRRangeNoCIDRsRemaining. */
export const ERR_NO_CIDRS_REMAINING = "CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range";
/** ErrCIDRSetSubNetTooBig. */
export const ERR_SUBNET_TOO_BIG = "New CIDR set failed; the node CIDR size is too big";

export class CIDRSet {
  readonly clusterCIDR: CIDR;
  readonly nodeMaskSize: number;
  /** 1 << (nodeMask - clusterMask). */
  readonly maxCIDRs: number;
  #used = new Set<number>();
  #nextCandidate = 0;

  /** NewCIDRSet: throws CIDRSetError with ErrCIDRSetSubNetTooBig for an IPv6 node mask more than 16 bits longer. */
  constructor(clusterCIDR: CIDR, nodeMaskSize: number) {
    if (clusterCIDR.family === "IPv6" && nodeMaskSize - clusterCIDR.prefix > CLUSTER_SUBNET_MAX_DIFF) throw new CIDRSetError(ERR_SUBNET_TOO_BIG);
    this.clusterCIDR = clusterCIDR;
    this.nodeMaskSize = nodeMaskSize;
    // An IPv4 difference can reach 32 bits; 2**n keeps that exact where 1 << n would overflow.
    this.maxCIDRs = 2 ** (nodeMaskSize - clusterCIDR.prefix);
  }

  get allocated(): number {
    return this.#used.size;
  }

  get nextCandidate(): number {
    return this.#nextCandidate;
  }

  /** AllocateNext: the first free block at or after nextCandidate, wrapping around. */
  allocateNext(): CIDR {
    if (this.#used.size >= this.maxCIDRs) throw new CIDRSetError(ERR_NO_CIDRS_REMAINING);
    let candidate = this.#nextCandidate;
    for (let i = 0; i < this.maxCIDRs && this.#used.has(candidate); i++) candidate = (candidate + 1) % this.maxCIDRs;
    this.#nextCandidate = (candidate + 1) % this.maxCIDRs;
    this.#used.add(candidate);
    return this.indexToCIDR(candidate);
  }

  /** Occupy: marks every block the CIDR covers (a service range inside the cluster range, a node's podCIDR). */
  occupy(cidr: CIDR): void {
    const [begin, end] = this.#indices(cidr);
    for (let i = begin; i <= end; i++) this.#used.add(i);
  }

  release(cidr: CIDR): void {
    const [begin, end] = this.#indices(cidr);
    for (let i = begin; i <= end; i++) this.#used.delete(i);
  }

  isUsed(cidr: CIDR): boolean {
    const [begin] = this.#indices(cidr);
    return this.#used.has(begin);
  }

  indexToCIDR(index: number): CIDR {
    const hostBits = BigInt(this.clusterCIDR.bits - this.nodeMaskSize);
    return CIDR.of(IP.fromBigInt(this.clusterCIDR.network.value + (BigInt(index) << hostBits), this.clusterCIDR.family), this.nodeMaskSize);
  }

  /** getBeginningAndEndIndices: the blocks a CIDR spans; a CIDR that holds the whole cluster range spans all of them. */
  #indices(cidr: CIDR): [number, number] {
    const cluster = this.clusterCIDR;
    if (cidr.family !== cluster.family || (!cluster.containsCIDR(cidr) && !cidr.containsCIDR(cluster))) {
      throw new CIDRSetError(`cidr ${cidr.toString()} is out the range of cluster cidr ${cluster.toString()}`);
    }
    if (cluster.prefix >= cidr.prefix) return [0, this.maxCIDRs - 1];
    const hostBits = BigInt(cluster.bits - this.nodeMaskSize);
    const index = (ip: IP) => Number((ip.value - cluster.network.value) >> hostBits);
    return [index(cidr.first()), index(cidr.last())];
  }
}

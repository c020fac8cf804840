/**
 * host-local IPAM (containernetworking/plugins plugins/ipam/host-local), as the bridge/kubenet CNI uses
 * it on a node's podCIDR: the range runs from the first address after the network to the last before
 * the IPv4 broadcast, the gateway (.1, which cbr0 holds) is never handed out, and allocation continues
 * after the last reserved address (last_reserved_ip.0), wrapping around at the end. A released address
 * is therefore reused only once the allocator has gone round the range.
 */
import { CIDR, IP, type Family } from "../../net/index.ts";

export class RangeFullError extends Error {}

export class HostLocalRange {
  readonly subnet: CIDR;
  readonly rangeStart: IP;
  readonly rangeEnd: IP;
  readonly gateway: IP;
  readonly #used = new Map<string, string>();
  #lastReserved: IP | undefined;

  constructor(subnet: CIDR) {
    this.subnet = subnet;
    // Range.Canonicalize: start after the network address, end before the broadcast (IPv4) or at the last address.
    this.rangeStart = subnet.network.add(1n);
    this.rangeEnd = subnet.family === "IPv4" ? subnet.last().add(-1n) : subnet.last();
    this.gateway = this.rangeStart;
  }

  get family(): Family {
    return this.subnet.family;
  }

  /** The range as host-local names it in errors: `10.244.1.1-10.244.1.254`. */
  toString(): string {
    return `${this.rangeStart.toString()}-${this.rangeEnd.toString()}`;
  }

  /** Marks an address as taken (a pod found running after a restart). */
  reserve(ip: IP, owner: string): void {
    this.#used.set(ip.toString(), owner);
    this.#lastReserved = ip;
  }

  allocate(owner: string): IP {
    const size = this.rangeEnd.value - this.rangeStart.value + 1n;
    let candidate = this.#lastReserved && this.subnet.contains(this.#lastReserved) ? this.#lastReserved.add(1n) : this.rangeStart;
    for (let i = 0n; i < size; i++) {
      if (candidate.value > this.rangeEnd.value) candidate = this.rangeStart;
      const text = candidate.toString();
      if (!candidate.equals(this.gateway) && !this.#used.has(text)) {
        this.reserve(candidate, owner);
        return candidate;
      }
      candidate = candidate.add(1n);
    }
    throw new RangeFullError(`failed to allocate for range 0: no IP addresses available in range set: ${this.toString()}`);
  }

  release(owner: string): void {
    for (const [ip, o] of this.#used) if (o === owner) this.#used.delete(ip);
  }

  get used(): number {
    return this.#used.size;
  }
}

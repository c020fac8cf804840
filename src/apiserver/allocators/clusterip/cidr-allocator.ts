/**
 * CIDRAllocator hands out addresses from one ServiceCIDR prefix, after
 * pkg/registry/core/service/ipallocator/ipallocator.go and bitmap.go (calculateRangeOffset, KEP-3070).
 *
 * The usable range skips the network address, and for IPv4 the broadcast address. It is split into a
 * lower "static" band of min(max(16, size/16), 256) addresses and the upper "dynamic" band. Dynamic
 * allocation starts at a random point of the upper band and scans up with wrap-around; only when the
 * upper band is full does it try the lower band the same way.
 */
import { CIDR, IP } from "../../../net/index.ts";
import type { SeededRandom } from "../../machinery/random.ts";
import type { AddressSet } from "./address-set.ts";
import { errFull, errNotInRange } from "./errors.ts";
import { rangeOffset } from "./range-offset.ts";

export { rangeOffset };

export class CIDRAllocator {
  readonly cidr: CIDR;
  /** First and last usable address (inclusive). first > last means none. */
  readonly first: bigint;
  readonly last: bigint;
  readonly offset: bigint;

  constructor(cidr: CIDR) {
    if (cidr.family === "IPv6" && cidr.prefix < 64) {
      throw new Error(`shortest allowed prefix length for service CIDR is 64, got ${cidr.prefix}`);
    }
    this.cidr = cidr;
    this.first = cidr.first().value + 1n;
    this.last = cidr.family === "IPv4" ? cidr.last().value - 1n : cidr.last().value;
    this.offset = rangeOffset(cidr);
  }

  get family() {
    return this.cidr.family;
  }

  /** Usable addresses ("size" upstream). */
  size(): bigint {
    return this.last >= this.first ? this.last - this.first + 1n : 0n;
  }

  /** First address of the dynamic band. */
  get offsetAddress(): bigint {
    return this.first + this.offset;
  }

  /** Whether an address may be requested statically from this allocator. */
  inRange(ip: IP): boolean {
    return ip.family === this.family && ip.value >= this.first && ip.value <= this.last;
  }

  /** allocateService's range check: ErrNotInRange{ip, a.prefix.String()}. */
  checkInRange(ip: IP): void {
    if (!this.inRange(ip)) throw errNotInRange(ip.toString(), this.cidr.toString());
  }

  /** The next free address for a dynamic allocation, per allocateNextService; throws ErrFull. */
  pickNext(random: SeededRandom, used: AddressSet): IP {
    const upperLo = this.offsetAddress;
    const upperSize = this.last >= upperLo ? this.last - upperLo + 1n : 0n;
    if (upperSize === 0n) throw errFull();
    const found = scan(upperLo, this.last, random.bigint(upperSize), used);
    if (found !== null) return IP.fromBigInt(found, this.family);
    if (this.offset !== 0n) {
      const lowerHi = this.offsetAddress - 1n;
      const lower = scan(this.first, lowerHi, random.bigint(this.offset), used);
      if (lower !== null) return IP.fromBigInt(lower, this.family);
    }
    throw errFull();
  }
}

/** The first free address scanning up from lo+start to hi, then wrapping from lo. */
function scan(lo: bigint, hi: bigint, start: bigint, used: AddressSet): bigint | null {
  const s = lo + start;
  return used.nextFree(s, hi) ?? (s > lo ? used.nextFree(lo, s - 1n) : null);
}

/**
 * AddressSet holds the allocated addresses of one family as sorted, disjoint, inclusive intervals.
 * It answers "first free address at or after x within [lo, hi]" in O(log n) without ever walking a
 * range, which is what lets a /12 or an IPv6 /64 allocate as fast as a /28.
 */
export class AddressSet {
  // Parallel arrays of interval bounds, sorted by start; intervals never touch or overlap.
  #starts: bigint[] = [];
  #ends: bigint[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  has(v: bigint): boolean {
    const i = this.#find(v);
    return i >= 0 && this.#ends[i]! >= v;
  }

  add(v: bigint): boolean {
    if (this.has(v)) return false;
    const i = this.#find(v); // interval starting at or before v, or -1
    const joinLeft = i >= 0 && this.#ends[i]! === v - 1n;
    const joinRight = i + 1 < this.#starts.length && this.#starts[i + 1]! === v + 1n;
    if (joinLeft && joinRight) {
      this.#ends[i] = this.#ends[i + 1]!;
      this.#starts.splice(i + 1, 1);
      this.#ends.splice(i + 1, 1);
    } else if (joinLeft) {
      this.#ends[i] = v;
    } else if (joinRight) {
      this.#starts[i + 1] = v;
    } else {
      this.#starts.splice(i + 1, 0, v);
      this.#ends.splice(i + 1, 0, v);
    }
    this.#size++;
    return true;
  }

  delete(v: bigint): boolean {
    const i = this.#find(v);
    if (i < 0 || this.#ends[i]! < v) return false;
    const s = this.#starts[i]!;
    const e = this.#ends[i]!;
    if (s === v && e === v) {
      this.#starts.splice(i, 1);
      this.#ends.splice(i, 1);
    } else if (s === v) {
      this.#starts[i] = v + 1n;
    } else if (e === v) {
      this.#ends[i] = v - 1n;
    } else {
      this.#ends[i] = v - 1n;
      this.#starts.splice(i + 1, 0, v + 1n);
      this.#ends.splice(i + 1, 0, e);
    }
    this.#size--;
    return true;
  }

  /** The first address >= from and <= hi that is not in the set, or null. */
  nextFree(from: bigint, hi: bigint): bigint | null {
    if (from > hi) return null;
    const i = this.#find(from);
    let candidate = i >= 0 && this.#ends[i]! >= from ? this.#ends[i]! + 1n : from;
    // Intervals never touch, so the address after an interval's end is free.
    return candidate <= hi ? candidate : null;
  }

  /** How many members fall inside [lo, hi]. */
  countIn(lo: bigint, hi: bigint): bigint {
    if (lo > hi) return 0n;
    let n = 0n;
    let i = Math.max(this.#find(lo), 0);
    for (; i < this.#starts.length && this.#starts[i]! <= hi; i++) {
      const s = this.#starts[i]! > lo ? this.#starts[i]! : lo;
      const e = this.#ends[i]! < hi ? this.#ends[i]! : hi;
      if (e >= s) n += e - s + 1n;
    }
    return n;
  }

  /** Members inside [lo, hi], in order. */
  *iterate(lo: bigint, hi: bigint): Generator<bigint> {
    let i = Math.max(this.#find(lo), 0);
    for (; i < this.#starts.length && this.#starts[i]! <= hi; i++) {
      const s = this.#starts[i]! > lo ? this.#starts[i]! : lo;
      const e = this.#ends[i]! < hi ? this.#ends[i]! : hi;
      for (let v = s; v <= e; v++) yield v;
    }
  }

  /** Index of the last interval whose start is <= v, or -1. */
  #find(v: bigint): number {
    let lo = 0;
    let hi = this.#starts.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.#starts[mid]! <= v) {
        ans = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return ans;
  }
}

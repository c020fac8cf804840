/**
 * NodePort allocation, after pkg/registry/core/service/portallocator/allocator.go and the KEP-3668
 * bands: offset = min(max(16, size/32), 128) ports at the bottom of the range are kept for static
 * requests (30000-30085 in the default range); AllocateNext starts at a random port of the upper band,
 * scans with wrap-around, and only then tries the lower band.
 */
import type { SeededRandom } from "../../machinery/random.ts";

export interface PortRange {
  base: number;
  size: number;
}

export const DEFAULT_NODE_PORT_RANGE: PortRange = { base: 30000, size: 2768 };

export function formatPortRange(r: PortRange): string {
  return `${r.base}-${r.base + r.size - 1}`;
}

/** utilnet.ParsePortRange: "30000-32767" or a single port. */
export function parsePortRange(text: string): PortRange | null {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(text);
  if (!m) return null;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo > hi || hi > 65535) return null;
  return { base: lo, size: hi - lo + 1 };
}

export type PortErrorKind = "full" | "allocated" | "not-in-range";

export class PortAllocatorError extends Error {
  constructor(readonly kind: PortErrorKind, message: string) {
    super(message);
  }
}

export function portRangeOffset(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}

export class NodePortAllocator {
  readonly #used = new Set<number>();
  readonly offset: number;

  constructor(readonly range: PortRange, private readonly random: SeededRandom) {
    this.offset = portRangeOffset(range.size);
  }

  has(port: number): boolean {
    return this.#used.has(port);
  }

  used(): number[] {
    return [...this.#used].sort((a, b) => a - b);
  }

  inRange(port: number): boolean {
    return port >= this.range.base && port < this.range.base + this.range.size;
  }

  allocate(port: number): void {
    if (!this.inRange(port)) {
      throw new PortAllocatorError("not-in-range", `provided port is not in the valid range. The range of valid ports is ${formatPortRange(this.range)}`);
    }
    if (this.#used.has(port)) throw new PortAllocatorError("allocated", "provided port is already allocated");
    this.#used.add(port);
  }

  allocateNext(): number {
    const upperLo = this.range.base + this.offset;
    const hi = this.range.base + this.range.size - 1;
    const upper = this.#scan(upperLo, hi);
    if (upper !== null) return this.#take(upper);
    if (this.offset > 0) {
      const lower = this.#scan(this.range.base, upperLo - 1);
      if (lower !== null) return this.#take(lower);
    }
    throw new PortAllocatorError("full", "range is full");
  }

  release(port: number): void {
    this.#used.delete(port);
  }

  #take(port: number): number {
    this.#used.add(port);
    return port;
  }

  #scan(lo: number, hi: number): number | null {
    const n = hi - lo + 1;
    if (n <= 0) return null;
    const start = this.random.int(n);
    for (let i = 0; i < n; i++) {
      const p = lo + ((start + i) % n);
      if (!this.#used.has(p)) return p;
    }
    return null;
  }
}

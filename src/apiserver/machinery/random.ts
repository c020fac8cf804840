/**
 * SeededRandom is the cluster's only source of randomness: allocator picks, generated name suffixes,
 * UIDs and tokens all come from it, so one seed and one command history always give the same cluster.
 * It wraps pure-rand's xoroshiro128+ because its state can be saved and restored exactly (undo, replay).
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { uniformBigInt } from "pure-rand/distribution/uniformBigInt";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";

/** The alphabet of apimachinery's rand.String: no vowels (no words) and no confusable characters. */
export const NAME_SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

export class SeededRandom {
  #rng: JumpableRandomGenerator;

  constructor(seed: number, state?: readonly number[]) {
    this.#rng = state ? xoroshiro128plusFromState(state) : xoroshiro128plus(seed | 0);
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (n <= 0) throw new RangeError(`random.int: n must be positive, got ${n}`);
    return uniformInt(this.#rng, 0, n - 1);
  }

  /** Uniform bigint in [0, n): an IPv6 /64 band has far more than 2^53 addresses. */
  bigint(n: bigint): bigint {
    if (n <= 0n) throw new RangeError(`random.bigint: n must be positive, got ${n}`);
    return uniformBigInt(this.#rng, 0n, n - 1n);
  }

  /** Picks one element uniformly, like ranging over a Go map picks a first key. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** A shuffled copy: the order in which Go would visit the keys of a map. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** apimachinery rand.String(n): generateName suffixes such as `webpod-7xk2q`. */
  nameSuffix(length = 5): string {
    let s = "";
    for (let i = 0; i < length; i++) s += NAME_SUFFIX_ALPHABET[this.int(NAME_SUFFIX_ALPHABET.length)];
    return s;
  }

  fromAlphabet(alphabet: string, length: number): string {
    let s = "";
    for (let i = 0; i < length; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  hex(length: number): string {
    return this.fromAlphabet("0123456789abcdef", length);
  }

  /** A version-4 UUID, as the apiserver puts in metadata.uid. */
  uuid(): string {
    const h = this.hex(32).split("");
    h[12] = "4";
    h[16] = "89ab"[this.int(4)]!;
    const s = h.join("");
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  state(): readonly number[] {
    return this.#rng.getState();
  }

  restore(state: readonly number[]): void {
    this.#rng = xoroshiro128plusFromState(state);
  }
}

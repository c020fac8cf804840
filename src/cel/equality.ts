/**
 * CEL's heterogeneous equality and ordering over the values cel-js produces (bigint ints, number
 * doubles, strings, arrays, plain objects and Maps, Uint8Array bytes, Date, the net types), for the
 * library functions that compare elements themselves (lists' indexOf, min, max, isSorted).
 */
import { Duration, UnsignedInt } from "@marcbachmann/cel-js/evaluator";
import { CelCIDR, CelIP } from "./net-values.ts";

function numeric(v: unknown): number | bigint | undefined {
  if (typeof v === "bigint" || typeof v === "number") return v;
  if (v instanceof UnsignedInt) return v.valueOf();
  return undefined;
}

export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = numeric(a);
  const nb = numeric(b);
  // CrossTypeNumericComparisons: 1 == 1.0 == 1u.
  if (na !== undefined && nb !== undefined) return typeof na === typeof nb ? na === nb : Number(na) === Number(nb);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (a instanceof CelIP && b instanceof CelIP) return a.equals(b);
  if (a instanceof CelCIDR && b instanceof CelCIDR) return a.equals(b);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Duration && b instanceof Duration) return a.seconds === b.seconds && a.nanos === b.nanos;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => celEquals(x, b[i]));
  const ea = entries(a);
  const eb = entries(b);
  if (!ea || !eb || ea.size !== eb.size) return false;
  for (const [k, v] of ea) {
    if (!eb.has(k) || !celEquals(v, eb.get(k))) return false;
  }
  return true;
}

function entries(v: object): Map<unknown, unknown> | undefined {
  if (v instanceof Map) return v;
  if (v.constructor === Object || v.constructor === undefined) return new Map(Object.entries(v));
  return undefined;
}

/** -1, 0, 1; undefined when the two cannot be ordered (cel-go's traits.Comparer refuses them). */
export function celCompare(a: unknown, b: unknown): number | undefined {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) {
    const x = typeof na === typeof nb ? na : Number(na);
    const y = typeof na === typeof nb ? nb : Number(nb);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (a instanceof Duration && b instanceof Duration) return Math.sign(a.valueOf() - b.valueOf());
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return Math.sign(a.length - b.length);
  }
  return undefined;
}

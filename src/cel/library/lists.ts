/**
 * The Kubernetes lists library (`kubernetes.lists`, k8s.io/apiserver/pkg/cel/library/lists.go):
 * isSorted, sum, min, max, indexOf, lastIndexOf, with one overload per comparable or summable element
 * type as upstream declares them, so `[{}].isSorted()` is refused when the policy is created.
 */
import type { Environment } from "@marcbachmann/cel-js";
import { Duration, UnsignedInt } from "@marcbachmann/cel-js/evaluator";
import { celCompare, celEquals } from "../equality.ts";
import { celError, NO_SUCH_OVERLOAD } from "./errors.ts";

const COMPARABLE = ["int", "uint", "double", "bool", "google.protobuf.Duration", "google.protobuf.Timestamp", "string", "bytes"];
const SUMMABLE: Record<string, () => unknown> = {
  int: () => 0n,
  uint: () => new UnsignedInt(0n),
  double: () => 0,
  "google.protobuf.Duration": () => new Duration(0n, 0),
};
const MAX_INT = (1n << 63n) - 1n;
const MIN_INT = -(1n << 63n);

function compare(a: unknown, b: unknown): number {
  const c = celCompare(a, b);
  if (c === undefined) throw celError(NO_SUCH_OVERLOAD);
  return c;
}

function add(acc: unknown, v: unknown): unknown {
  if (typeof acc === "bigint" && typeof v === "bigint") {
    const s = acc + v;
    if (s > MAX_INT || s < MIN_INT) throw celError("integer overflow");
    return s;
  }
  if (typeof acc === "number" && typeof v === "number") return acc + v;
  if (acc instanceof UnsignedInt && v instanceof UnsignedInt) return new UnsignedInt(acc.valueOf() + v.valueOf());
  if (acc instanceof Duration && v instanceof Duration) return acc.addDuration(v);
  throw celError(NO_SUCH_OVERLOAD);
}

/** cmp("min"/"max") in lists.go: the first element wins ties. */
function extreme(name: "min" | "max", list: readonly unknown[]): unknown {
  if (list.length === 0) throw celError(`${name} called on empty list`);
  let result = list[0];
  for (const v of list.slice(1)) {
    const c = compare(result, v);
    if ((name === "min" && c === 1) || (name === "max" && c === -1)) result = v;
  }
  return result;
}

export function registerListsLibrary(env: Environment): void {
  for (const t of COMPARABLE) {
    env
      .registerFunction(`list<${t}>.isSorted(): bool`, (list: unknown[]) => list.every((v, i) => i === 0 || compare(list[i - 1], v) !== 1))
      .registerFunction(`list<${t}>.min(): ${t}`, (list: unknown[]) => extreme("min", list))
      .registerFunction(`list<${t}>.max(): ${t}`, (list: unknown[]) => extreme("max", list));
  }
  for (const [t, zero] of Object.entries(SUMMABLE)) {
    env.registerFunction(`list<${t}>.sum(): ${t}`, (list: unknown[]) => (list.length === 0 ? zero() : list.slice(1).reduce(add, list[0])));
  }
  env
    .registerFunction("list<A>.indexOf(A): int", (list: unknown[], item: unknown) => BigInt(list.findIndex((v) => celEquals(v, item))))
    .registerFunction("list<A>.lastIndexOf(A): int", (list: unknown[], item: unknown) => {
      for (let i = list.length - 1; i >= 0; i--) if (celEquals(list[i], item)) return BigInt(i);
      return -1n;
    });
}

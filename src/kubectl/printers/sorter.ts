/**
 * --sort-by (k8s.io/kubectl/pkg/cmd/get/sorter.go, v0.34): rows are ordered by the first value the
 * relaxed JSONPath finds in each object, with sort.Sort and this Less: numbers numerically, strings
 * as quantities when both parse as one and otherwise in natural order (github.com/fvbommel/sortorder
 * NaturalLess, so 10.96.0.2 sorts before 10.96.0.10), and an object without the field sorts first.
 */
import { goSortInterface } from "../../apiserver/machinery/labels.ts";
import { goQuote } from "../../apiserver/machinery/gofmt.ts";
import { KubectlError } from "../errors.ts";
import { parseJSONPath, relaxedJSONPathExpression } from "./jsonpath.ts";

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const utf8 = new TextEncoder();

/** sortorder.NaturalLess: runs of digits compare by value, everything else bytewise. */
export function naturalLess(str1: string, str2: string): boolean {
  // Go compares bytes; UTF-8 keeps code point order and digits are single bytes.
  const a = utf8.encode(str1);
  const b = utf8.encode(str2);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c1 = a[i]!;
    const c2 = b[j]!;
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i++;
      j++;
      continue;
    }
    while (i < a.length && a[i] === 0x30) i++;
    while (j < b.length && b[j] === 0x30) j++;
    const nz1 = i;
    const nz2 = j;
    while (i < a.length && isDigit(a[i]!)) i++;
    while (j < b.length && isDigit(b[j]!)) j++;
    const len1 = i - nz1;
    const len2 = j - nz2;
    if (len1 !== len2) return len1 < len2;
    for (let k = 0; k < len1; k++) if (a[nz1 + k] !== b[nz2 + k]) return a[nz1 + k]! < b[nz2 + k]!;
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return a.length < b.length;
}

const SUFFIX: Record<string, number> = { "": 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** resource.ParseQuantity, as far as ordering needs it: the value, or undefined when it is no quantity. */
export function parseQuantity(s: string): number | undefined {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(s);
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  return base * SUFFIX[m[3] ?? ""]!;
}

/** isLess on decoded JSON values (reflect.Interface in Go, as unstructured objects hold them). */
function isLess(i: unknown, j: unknown): boolean {
  if (i === null || i === undefined) return !(j === null || j === undefined);
  if (j === null || j === undefined) return false;
  if (typeof i === "number" && typeof j === "number") return i < j;
  if (typeof i === "string" && typeof j === "string") {
    const qi = parseQuantity(i);
    const qj = parseQuantity(j);
    if (qi !== undefined && qj !== undefined) return qi < qj;
    return naturalLess(i, j);
  }
  if (typeof i === "boolean" && typeof j === "boolean") {
    throw new KubectlError(`Field is an unsortable type: bool`);
  }
  if (Array.isArray(i) && Array.isArray(j)) {
    for (let k = 0; k < Math.min(i.length, j.length); k++) if (!isLess(i[k], j[k])) return false;
    return true;
  }
  throw new KubectlError(`unsortable type: ${typeof i}`);
}

/** RelaxedJSONPathExpression, falling back to the raw text when it does not parse (NewRuntimeSorter). */
export function sortField(sortBy: string): string {
  try {
    return relaxedJSONPathExpression(sortBy);
  } catch {
    return sortBy;
  }
}

/**
 * Sorts objects in place by the field (already relaxed). Throws kubectl's errors: a template that
 * does not parse, or a field no object has.
 */
export function sortObjects<T>(items: T[], field: string, objectOf: (t: T) => unknown, parseErrorPrefix = ""): void {
  if (!items.length) return;
  let tmpl;
  try {
    tmpl = parseJSONPath(field);
  } catch (e) {
    throw new KubectlError(`${parseErrorPrefix}${(e as Error).message}`);
  }
  const firstValue = new Map<T, { found: boolean; value: unknown }>();
  for (const it of items) {
    const res = tmpl.results(objectOf(it), { allowMissingKeys: true });
    const found = res.length > 0 && res[0]!.length > 0;
    firstValue.set(it, { found, value: found ? res[0]![0] : undefined });
  }
  if (![...firstValue.values()].some((v) => v.found)) {
    throw new KubectlError(`couldn't find any field with path ${goQuote(field)} in the list of objects`);
  }
  goSortInterface(items, (a, b) => {
    const va = firstValue.get(a)!;
    const vb = firstValue.get(b)!;
    if (!va.found) return true;
    if (!vb.found) return false;
    return isLess(va.value, vb.value);
  });
}

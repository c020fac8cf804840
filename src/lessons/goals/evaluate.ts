/**
 * Evaluates goal predicates against a ClusterState. Pure functions of the state: the panel runs them on
 * every informer change, lessons:check after every step of a solution.
 */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import { LabelSelector } from "../../apiserver/machinery/labels.ts";
import { CIDR, IP } from "../../net/index.ts";
import { objectsOf, type ClusterState } from "../state.ts";
import { resolvePath } from "./path.ts";
import type { Comparison, FieldTest, Predicate, Target, Test } from "./predicate.ts";

export function holds(p: Predicate, state: ClusterState): boolean {
  switch (p.op) {
    case "all":
      return p.of.every((q) => holds(q, state));
    case "any":
      return p.of.some((q) => holds(q, state));
    case "not":
      return !holds(p.of, state);
    case "exists":
      return matchTarget(p.target, state).length > 0;
    case "absent":
      return matchTarget(p.target, state).length === 0;
    case "count":
      return compare(matchTarget(p.target, state).length, p.compare, p.value);
    case "test": {
      const objects = matchTarget({ ...p.target, where: [] }, state).filter((o) => p.target.where.every((t) => testHolds(t, o)));
      return objects.length > 0 && objects.every((o) => testHolds(p.test, o));
    }
  }
}

export function compare(actual: number, op: Comparison, value: number): boolean {
  switch (op) {
    case "==":
      return actual === value;
    case "!=":
      return actual !== value;
    case "<":
      return actual < value;
    case "<=":
      return actual <= value;
    case ">":
      return actual > value;
    case ">=":
      return actual >= value;
  }
}

/** The objects a target names, in a stable order (namespace, then name). */
export function matchTarget(target: Target, state: ClusterState): KubeObject[] {
  const selector = target.labels !== undefined ? LabelSelector.parse(target.labels) : null;
  const name = target.name !== undefined ? nameMatcher(target.name) : null;
  return objectsOf(state, target.resource)
    .filter(
      (o) =>
        (target.namespace === undefined || o.metadata.namespace === target.namespace) &&
        (name === null || name(o.metadata.name ?? "")) &&
        (selector === null || selector.matches(o.metadata.labels)) &&
        target.where.every((t) => testHolds(t, o)),
    )
    .sort((a, b) => (a.metadata.namespace ?? "").localeCompare(b.metadata.namespace ?? "") || (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""));
}

function nameMatcher(pattern: string): (name: string) => boolean {
  if (!/[*?]/.test(pattern)) return (n) => n === pattern;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return (n) => re.test(n);
}

export function testHolds(test: Test, obj: KubeObject): boolean {
  if (test.type === "condition") {
    const conditions = (obj as { status?: { conditions?: unknown } }).status?.conditions;
    if (!Array.isArray(conditions)) return false;
    const c = test.condition;
    return conditions.some(
      (x: Record<string, unknown>) => x?.type === c.type && (c.status === undefined || x.status === c.status) && (c.reason === undefined || (x.reason ?? "") === c.reason),
    );
  }
  return fieldHolds(test, obj);
}

function fieldHolds(test: FieldTest, obj: KubeObject): boolean {
  const values = resolvePath(obj, test.segments);
  const check = test.check;
  switch (check.kind) {
    case "present":
      return values.length > 0 === check.value;
    case "equals":
      return values.some((v) => looselyEqual(v, check.value));
    case "contains":
      return values.some((v) => Array.isArray(v) && v.some((x) => looselyEqual(x, check.value)));
    case "matches": {
      const re = new RegExp(check.pattern, "u");
      return values.some((v) => (typeof v === "string" || typeof v === "number" || typeof v === "boolean") && re.test(String(v)));
    }
    case "in": {
      const ips = ipTexts(values);
      const cidrs = check.cidrs.map((c) => CIDR.parse(c));
      return ips.length > 0 && ips.every((t) => inAny(t, cidrs));
    }
    case "notIn": {
      const cidrs = check.cidrs.map((c) => CIDR.parse(c));
      return !ipTexts(values).some((t) => inAny(t, cidrs));
    }
  }
}

/** The strings a field holds: itself, or the items of a list (clusterIPs, cidrs). */
export function ipTexts(values: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === "string") out.push(x);
  }
  return out;
}

/** An IP, or a CIDR as ServiceCIDR.spec.cidrs holds them (the whole block must be inside). */
function inAny(text: string, cidrs: readonly CIDR[]): boolean {
  if (text.includes("/")) {
    const block = CIDR.tryParse(text);
    return block !== null && cidrs.some((c) => c.containsCIDR(block));
  }
  const ip = IP.tryParse(text);
  return ip !== null && cidrs.some((c) => c.contains(ip));
}

/** YAML gives authors numbers and booleans where the object may hold strings, and the other way round. */
export function looselyEqual(actual: unknown, expected: unknown): boolean {
  const scalar = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
  if (scalar(actual) && scalar(expected)) return String(actual) === String(expected);
  if (Array.isArray(actual) && Array.isArray(expected)) return actual.length === expected.length && actual.every((a, i) => looselyEqual(a, expected[i]));
  if (isRecord(actual) && isRecord(expected)) {
    const keys = Object.keys(expected);
    return keys.length === Object.keys(actual).length && keys.every((k) => Object.hasOwn(actual, k) && looselyEqual(actual[k], expected[k]));
  }
  return actual === expected;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Goal predicates: declarative statements about the cluster's objects, read from a lesson's goals.yaml.
 * They name objects (a resource, a name or glob, a namespace, a label selector, field tests) and say what
 * must be true of them; they never look at what the learner typed. parsePredicate turns the YAML into
 * these types and reports every mistake with the path where it sits.
 */
import { CIDR } from "../../net/index.ts";
import { LabelSelector } from "../../apiserver/machinery/labels.ts";
import { parsePath, type PathSegment } from "./path.ts";

/** Human descriptions for the "still missing" list; either both languages or none. */
export interface Described {
  en?: string;
  ko?: string;
}

export interface Target {
  /** Plural resource name as kubectl knows it, optionally group-qualified: services, servicecidrs.networking.k8s.io. */
  resource: string;
  /** Exact name, or a glob with * and ?. */
  name?: string;
  namespace?: string;
  /** A label selector in kubectl's -l syntax. */
  labels?: string;
  where: Test[];
}

export type Test = FieldTest | ConditionTest;

export type FieldCheck =
  | { kind: "equals"; value: unknown }
  | { kind: "matches"; pattern: string }
  | { kind: "in"; cidrs: string[] }
  | { kind: "notIn"; cidrs: string[] }
  | { kind: "present"; value: boolean }
  | { kind: "contains"; value: unknown };

export interface FieldTest {
  type: "field";
  path: string;
  segments: PathSegment[];
  check: FieldCheck;
}

export interface ConditionTest {
  type: "condition";
  condition: { type: string; status?: string; reason?: string };
}

export type Comparison = "==" | "!=" | "<" | "<=" | ">" | ">=";

export type Predicate = Described &
  (
    | { op: "all"; of: Predicate[] }
    | { op: "any"; of: Predicate[] }
    | { op: "not"; of: Predicate }
    | { op: "exists"; target: Target }
    | { op: "absent"; target: Target }
    | { op: "count"; target: Target; compare: Comparison; value: number }
    /** The target matches at least one object, and the test holds for every object it matches. */
    | { op: "test"; target: Target; test: Test }
  );

export class PredicateError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "PredicateError";
  }
}

const OPERATORS = ["all", "any", "not", "exists", "absent", "count", "field", "condition"] as const;
const TARGET_KEYS = ["resource", "name", "namespace", "labels", "where"];
const CHECK_KEYS = ["equals", "matches", "in", "notIn", "present", "contains"] as const;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown, at: string): string {
  if (typeof v !== "string" || v === "") throw new PredicateError(at, "must be a non-empty string");
  return v;
}

function noExtraKeys(o: Obj, allowed: readonly string[], at: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw new PredicateError(at, `unknown field "${k}" (expected one of: ${allowed.join(", ")})`);
  }
}

/** Reads one predicate node; `at` is where it sits in goals.yaml, for error messages. */
export function parsePredicate(node: unknown, at: string): Predicate {
  if (!isObj(node)) throw new PredicateError(at, "must be a mapping with one of: " + OPERATORS.join(", "));
  const ops = Object.keys(node).filter((k) => (OPERATORS as readonly string[]).includes(k));
  if (ops.length !== 1) {
    throw new PredicateError(at, ops.length === 0 ? `needs one of: ${OPERATORS.join(", ")}` : `has more than one operator: ${ops.join(", ")}`);
  }
  const op = ops[0]!;
  noExtraKeys(node, [op, "en", "ko"], at);
  const described = descriptions(node, at);
  const inner = node[op];
  const here = `${at}.${op}`;
  switch (op) {
    case "all":
    case "any": {
      if (!Array.isArray(inner) || inner.length === 0) throw new PredicateError(here, "must be a non-empty list of predicates");
      return { op, of: inner.map((p, i) => parsePredicate(p, `${here}[${i}]`)), ...described };
    }
    case "not":
      return { op: "not", of: parsePredicate(inner, here), ...described };
    case "exists":
    case "absent": {
      if (!isObj(inner)) throw new PredicateError(here, "must be a mapping (resource, name, namespace, labels, where)");
      noExtraKeys(inner, TARGET_KEYS, here);
      return { op, target: parseTarget(inner, here), ...described };
    }
    case "count": {
      if (!isObj(inner)) throw new PredicateError(here, "must be a mapping (resource, ..., is)");
      noExtraKeys(inner, [...TARGET_KEYS, "is"], here);
      const { compare, value } = parseComparison(inner.is, `${here}.is`);
      return { op: "count", target: parseTarget(inner, here), compare, value, ...described };
    }
    case "field": {
      if (!isObj(inner)) throw new PredicateError(here, "must be a mapping (resource, name, ..., path, and one check)");
      noExtraKeys(inner, [...TARGET_KEYS, "path", ...CHECK_KEYS], here);
      return { op: "test", target: parseTarget(inner, here), test: parseFieldTest(inner, here), ...described };
    }
    default: {
      if (!isObj(inner)) throw new PredicateError(here, "must be a mapping (resource, name, ..., type, status, reason)");
      noExtraKeys(inner, [...TARGET_KEYS, "type", "status", "reason"], here);
      return { op: "test", target: parseTarget(inner, here), test: parseConditionTest(inner, here), ...described };
    }
  }
}

function descriptions(node: Obj, at: string): Described {
  const out: Described = {};
  if (node.en !== undefined) out.en = str(node.en, `${at}.en`);
  if (node.ko !== undefined) out.ko = str(node.ko, `${at}.ko`);
  if ((out.en === undefined) !== (out.ko === undefined)) throw new PredicateError(at, "a description needs both en and ko, so the two languages say the same");
  return out;
}

function parseTarget(o: Obj, at: string): Target {
  const target: Target = { resource: str(o.resource, `${at}.resource`), where: [] };
  if (!/^[a-z0-9]+(\.[a-z0-9-]+)*$/.test(target.resource)) throw new PredicateError(`${at}.resource`, `"${target.resource}" is not a resource name (e.g. services, servicecidrs)`);
  if (o.name !== undefined) target.name = str(o.name, `${at}.name`);
  if (o.namespace !== undefined) target.namespace = str(o.namespace, `${at}.namespace`);
  if (o.labels !== undefined) {
    target.labels = str(o.labels, `${at}.labels`);
    try {
      LabelSelector.parse(target.labels);
    } catch (e) {
      throw new PredicateError(`${at}.labels`, (e as Error).message);
    }
  }
  if (o.where !== undefined) {
    if (!Array.isArray(o.where)) throw new PredicateError(`${at}.where`, "must be a list of tests");
    target.where = o.where.map((t, i) => parseTest(t, `${at}.where[${i}]`));
  }
  return target;
}

function parseTest(node: unknown, at: string): Test {
  if (!isObj(node)) throw new PredicateError(at, "must be a mapping: {path, equals|matches|in|notIn|present|contains} or {condition}");
  if (node.condition !== undefined) {
    noExtraKeys(node, ["condition"], at);
    if (!isObj(node.condition)) throw new PredicateError(`${at}.condition`, "must be a mapping (type, status, reason)");
    noExtraKeys(node.condition, ["type", "status", "reason"], `${at}.condition`);
    return parseConditionTest(node.condition, `${at}.condition`);
  }
  noExtraKeys(node, ["path", ...CHECK_KEYS], at);
  return parseFieldTest(node, at);
}

function parseFieldTest(o: Obj, at: string): FieldTest {
  const path = str(o.path, `${at}.path`);
  let segments: PathSegment[];
  try {
    segments = parsePath(path);
  } catch (e) {
    throw new PredicateError(`${at}.path`, (e as Error).message);
  }
  const checks = CHECK_KEYS.filter((k) => o[k] !== undefined);
  if (checks.length !== 1) throw new PredicateError(at, `needs exactly one of: ${CHECK_KEYS.join(", ")}`);
  const kind = checks[0]!;
  const v = o[kind];
  const here = `${at}.${kind}`;
  let check: FieldCheck;
  switch (kind) {
    case "equals":
    case "contains":
      check = { kind, value: v };
      break;
    case "matches": {
      const pattern = str(v, here);
      try {
        new RegExp(pattern, "u");
      } catch (e) {
        throw new PredicateError(here, `not a regular expression: ${(e as Error).message}`);
      }
      check = { kind, pattern };
      break;
    }
    case "in":
    case "notIn": {
      const list = Array.isArray(v) ? v : [v];
      if (list.length === 0) throw new PredicateError(here, "needs at least one CIDR");
      const cidrs = list.map((c, i) => {
        const text = str(c, Array.isArray(v) ? `${here}[${i}]` : here);
        if (!CIDR.tryParse(text)) throw new PredicateError(Array.isArray(v) ? `${here}[${i}]` : here, `"${text}" is not a CIDR in canonical form (e.g. 10.96.0.0/12 or fd00:10:96::/108)`);
        return text;
      });
      check = { kind, cidrs };
      break;
    }
    case "present":
      if (typeof v !== "boolean") throw new PredicateError(here, "must be true or false");
      check = { kind, value: v };
      break;
  }
  return { type: "field", path, segments, check };
}

function parseConditionTest(o: Obj, at: string): ConditionTest {
  const condition: ConditionTest["condition"] = { type: str(o.type, `${at}.type`) };
  if (o.status !== undefined) {
    const status = typeof o.status === "boolean" ? (o.status ? "True" : "False") : str(o.status, `${at}.status`);
    if (!["True", "False", "Unknown"].includes(status)) throw new PredicateError(`${at}.status`, `must be "True", "False" or "Unknown"`);
    condition.status = status;
  }
  // An empty reason is meaningful: the Ready condition of a healthy ServiceCIDR has reason "".
  if (o.reason !== undefined) {
    if (typeof o.reason !== "string") throw new PredicateError(`${at}.reason`, "must be a string");
    condition.reason = o.reason;
  }
  return { type: "condition", condition };
}

const COMPARISON = /^\s*(==|!=|<=|>=|<|>)?\s*(\d+)\s*$/;

function parseComparison(v: unknown, at: string): { compare: Comparison; value: number } {
  if (typeof v === "number" && Number.isInteger(v) && v >= 0) return { compare: "==", value: v };
  const m = typeof v === "string" ? COMPARISON.exec(v) : null;
  if (!m) throw new PredicateError(at, `must be a count such as 3, "== 0", ">= 5" or "< 14"`);
  return { compare: (m[1] as Comparison | undefined) ?? "==", value: Number(m[2]) };
}

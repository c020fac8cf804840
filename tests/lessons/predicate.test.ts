import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parsePredicate, PredicateError } from "../../src/lessons/goals/predicate.ts";
import { parseGoalsFile } from "../../src/lessons/goals/goals-file.ts";
import { parsePath } from "../../src/lessons/goals/path.ts";

function error(yaml: string): string {
  try {
    parsePredicate(parseYaml(yaml), "step.goal");
  } catch (e) {
    expect(e).toBeInstanceOf(PredicateError);
    return (e as Error).message;
  }
  throw new Error("accepted");
}

describe("parsePredicate", () => {
  it("reads every operator", () => {
    const p = parsePredicate(
      parseYaml(`
all:
  - exists: {resource: services, namespace: default, name: web, labels: "app=web", where: [{path: spec.type, equals: ClusterIP}]}
  - absent: {resource: services, name: "auto-*"}
  - count: {resource: ipaddresses, is: ">= 5"}
  - count: {resource: ipaddresses, is: 14}
  - field: {resource: services, name: web, path: spec.clusterIPs, in: [10.96.0.0/12, "fd00:10:96::/108"]}
  - condition: {resource: servicecidrs, name: newcidr1, type: Ready, status: "False", reason: Terminating}
  - not: {exists: {resource: services, where: [{condition: {type: Ready}}]}}
  - any: [{exists: {resource: nodes}}, {absent: {resource: nodes}}]
en: everything
ko: 전부
`),
      "g",
    );
    expect(p.op).toBe("all");
    if (p.op !== "all") return;
    expect(p.en).toBe("everything");
    expect(p.of.map((q) => q.op)).toEqual(["exists", "absent", "count", "count", "test", "test", "not", "any"]);
    expect(p.of[2]).toMatchObject({ op: "count", compare: ">=", value: 5 });
    expect(p.of[3]).toMatchObject({ op: "count", compare: "==", value: 14 });
    expect(p.of[4]).toMatchObject({ op: "test", test: { type: "field", path: "spec.clusterIPs", check: { kind: "in", cidrs: ["10.96.0.0/12", "fd00:10:96::/108"] } } });
    expect(p.of[5]).toMatchObject({ op: "test", test: { type: "condition", condition: { type: "Ready", status: "False", reason: "Terminating" } } });
  });

  it("says where a goal is wrong", () => {
    expect(error("exist: {resource: services}")).toBe("step.goal: needs one of: all, any, not, exists, absent, count, field, condition");
    expect(error("{exists: {resource: services}, absent: {resource: services}}")).toBe("step.goal: has more than one operator: exists, absent");
    expect(error("exists: {resource: services, nmae: web}")).toBe('step.goal.exists: unknown field "nmae" (expected one of: resource, name, namespace, labels, where)');
    expect(error("exists: {name: web}")).toBe("step.goal.exists.resource: must be a non-empty string");
    expect(error("exists: {resource: Services}")).toBe('step.goal.exists.resource: "Services" is not a resource name (e.g. services, servicecidrs)');
    expect(error("all: []")).toBe("step.goal.all: must be a non-empty list of predicates");
    expect(error("count: {resource: services, is: lots}")).toBe('step.goal.count.is: must be a count such as 3, "== 0", ">= 5" or "< 14"');
    expect(error("field: {resource: services, path: spec.clusterIP, in: 10.96.0.1/12}")).toBe('step.goal.field.in: "10.96.0.1/12" is not a CIDR in canonical form (e.g. 10.96.0.0/12 or fd00:10:96::/108)');
    expect(error("field: {resource: services, path: spec.clusterIP, in: [10.96.0.0/12, nope]}")).toBe('step.goal.field.in[1]: "nope" is not a CIDR in canonical form (e.g. 10.96.0.0/12 or fd00:10:96::/108)');
    expect(error("field: {resource: services, path: spec.clusterIP}")).toBe("step.goal.field: needs exactly one of: equals, matches, in, notIn, present, contains");
    expect(error("field: {resource: services, path: 'spec[x]', equals: 1}")).toBe('step.goal.field.path: bad path "spec[x]": expected a number, * or a quoted key inside [] at column 5');
    expect(error("field: {resource: services, path: spec.type, matches: '('}")).toMatch(/^step\.goal\.field\.matches: not a regular expression: /);
    expect(error("exists: {resource: services, labels: 'a b c'}")).toMatch(/^step\.goal\.exists\.labels: /);
    expect(error("condition: {resource: servicecidrs, type: Ready, status: maybe}")).toBe('step.goal.condition.status: must be "True", "False" or "Unknown"');
    expect(error("exists: {resource: services}\nen: only English")).toBe("step.goal: a description needs both en and ko, so the two languages say the same");
    expect(error("exists: {resource: services, where: [{path: a, equals: 1, matches: b}]}")).toBe("step.goal.exists.where[0]: needs exactly one of: equals, matches, in, notIn, present, contains");
  });
});

describe("parseGoalsFile", () => {
  it("reads goals by step id, with keep", () => {
    const goals = parseGoalsFile("a:\n  goal: {exists: {resource: services}}\n  keep: true\nb:\n  goal: {absent: {resource: services}}\n");
    expect([...goals.keys()]).toEqual(["a", "b"]);
    expect(goals.get("a")!.keep).toBe(true);
    expect(goals.get("b")!.keep).toBe(false);
  });

  it("refuses unknown fields and missing goals", () => {
    expect(() => parseGoalsFile("a:\n  gaol: {}\n")).toThrow('a: unknown field "gaol" (expected: goal, keep)');
    expect(() => parseGoalsFile("a:\n  keep: true\n")).toThrow("a: goal is required");
    expect(() => parseGoalsFile("a:\n  goal: {exists: {}}\n")).toThrow("a.goal.exists.resource: must be a non-empty string");
    expect(() => parseGoalsFile("- a\n")).toThrow("must be a mapping from step id to {goal, keep}");
  });
});

describe("parsePath", () => {
  it("reads the JSONPath subset", () => {
    expect(parsePath("spec.clusterIP")).toEqual([{ kind: "key", key: "spec" }, { kind: "key", key: "clusterIP" }]);
    expect(parsePath("{.spec.ports[0].nodePort}")).toEqual([{ kind: "key", key: "spec" }, { kind: "key", key: "ports" }, { kind: "index", index: 0 }, { kind: "key", key: "nodePort" }]);
    expect(parsePath(`metadata.labels["ipaddress.kubernetes.io/managed-by"]`)).toEqual([{ kind: "key", key: "metadata" }, { kind: "key", key: "labels" }, { kind: "key", key: "ipaddress.kubernetes.io/managed-by" }]);
    expect(parsePath("spec.ports[*].port")).toEqual([{ kind: "key", key: "spec" }, { kind: "key", key: "ports" }, { kind: "all" }, { kind: "key", key: "port" }]);
    expect(() => parsePath("spec..x")).toThrow('bad path "spec..x"');
    expect(() => parsePath("spec.")).toThrow("path ends with .");
  });
});

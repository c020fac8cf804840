/**
 * Random CEL expressions and random objects thrown at the CEL engine and through the admission chain:
 * nothing may throw but an API StatusError, a policy that does not compile is refused at create time,
 * and one that errors at run time follows its failure policy. The apiserver must keep serving.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CelEngine } from "../../../src/cel/environment.ts";
import { isStatusError } from "../../../src/apiserver/machinery/errors.ts";
import { newCluster, SERVICE_CIDRS, SERVICES, service } from "../harness.ts";
import { binding, BINDINGS, POLICIES, policy } from "./policy-helpers.ts";

const ident = fc.constantFrom("object", "oldObject", "request", "params", "variables", "namespaceObject", "x", "c", "net", "strings");
const path = fc.constantFrom(
  "object.spec",
  "object.spec.cidrs",
  "object.spec.cidrs[0]",
  "object.metadata.name",
  "object.metadata.labels",
  "oldObject.spec",
  "request.userInfo.username",
  "request.userInfo.groups",
  "request.operation",
  "object.spec.ports",
  "object.spec.nope",
  "variables.v",
);
const literal = fc.oneof(
  fc.integer({ min: -5, max: 300 }).map(String),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map((d) => (Number.isInteger(d) ? `${d}.0` : String(d))),
  fc.constantFrom("'10.96.0.0/16'", "'2001:db8::/64'", "'10.0.0.1'", "'::1'", "'10.0.0.0/33'", "'garbage'", "''", "'a\\nb'", "null", "true", "false", "[]", "{}", "b'x'", "1u", "'[0-9]+'"),
  fc.string({ maxLength: 8 }).map((s) => `'${s.replace(/[\\'\n\r]/g, "")}'`),
);

/** A CEL-shaped expression, often well-typed, often not, sometimes not even CEL. */
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    literal,
    path,
    ident,
    fc.tuple(fc.constantFrom("cidr", "ip", "isCIDR", "isIP", "string", "int", "size", "has", "url", "isURL", "dyn", "type", "cidrr"), tie("e")).map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie("e"), fc.constantFrom("containsCIDR", "containsIP", "startsWith", "matches", "find", "findAll", "split", "indexOf", "charAt", "replace", "join"), tie("e")).map(([r, m, a]) => `${r}.${m}(${a})`),
    fc.tuple(tie("e"), fc.constantFrom("prefixLength", "masked", "ip", "family", "isLoopback", "size", "lowerAscii", "isSorted", "sum", "min", "max", "getHost", "trim")).map(([r, m]) => `${r}.${m}()`),
    fc.tuple(tie("e"), fc.constantFrom("all", "exists", "exists_one", "map", "filter"), fc.constantFrom("c", "x"), tie("e")).map(([r, m, v, b]) => `${r}.${m}(${v}, ${b})`),
    fc.tuple(tie("e"), fc.constantFrom("==", "!=", "<", ">=", "+", "-", "*", "/", "%", "&&", "||", "in"), tie("e")).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(fc.constantFrom("!", "-"), tie("e")).map(([op, a]) => `${op}${a}`),
    fc.tuple(tie("e"), tie("e"), tie("e")).map(([a, b, c]) => `${a} ? ${b} : ${c}`),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => `${a}[${b}]`),
    fc.tuple(tie("e"), fc.constantFrom("spec", "cidrs", "name", "?spec", "?x")).map(([a, f]) => `${a}.${f}`),
    fc.array(tie("e"), { maxLength: 3 }).map((xs) => `[${xs.join(", ")}]`),
    tie("e").map((a) => `(${a})`),
    fc.string({ maxLength: 12 }),
  ),
})).e;

const json = fc.jsonValue({ maxDepth: 3 });
const celObject = fc.record({
  apiVersion: fc.constant("networking.k8s.io/v1"),
  kind: fc.constant("ServiceCIDR"),
  metadata: fc.record({ name: fc.constantFrom("a", "kubernetes", "x-1"), labels: fc.option(fc.dictionary(fc.constantFrom("a", "team"), fc.constantFrom("x", "y")), { nil: undefined }) }),
  spec: fc.oneof(fc.record({ cidrs: fc.array(fc.constantFrom("10.96.1.0/24", "172.20.0.0/16", "2001:db8::/64", "bad", "10.0.0.1/8"), { maxLength: 3 }) }), fc.dictionary(fc.string({ maxLength: 5 }), json)),
});

describe("policy fuzz", () => {
  it("the CEL engine never throws, whatever the expression and the object", () => {
    const cel = new CelEngine();
    fc.assert(
      fc.property(expression, celObject, fc.boolean(), fc.constantFrom<("bool" | "string" | "any")[]>(["bool"], ["string"], ["any"]), (expr, object, params, expected) => {
        const compiled = cel.compile(expr, { params, variables: params ? [{ name: "v", type: "dyn" }] : undefined }, expected);
        if (!compiled.ok) {
          expect(typeof compiled.detail).toBe("string");
          return;
        }
        const r = cel.evaluate(compiled.program, { object, oldObject: null, request: { userInfo: { username: "u", uid: "", groups: [], extra: {} } }, namespaceObject: null, params: null, variables: new Map([["v", 1n]]) });
        expect(typeof (r.ok ? "ok" : r.error)).toBe("string");
      }),
      { numRuns: 800, seed: 5 },
    );
  });

  it("nothing but a StatusError leaves the admission chain, and errors follow the failure policy", () => {
    const { api, cluster } = newCluster({ range: "10.96.0.0/16", controllerManager: false });
    const decisions: unknown[] = [];
    cluster.apiserver!.onAdmissionDecision((d) => decisions.push(d));
    let compiled = 0;
    fc.assert(
      fc.property(expression, fc.constantFrom("Fail", "Ignore"), fc.constantFrom<string[]>(["Deny"], ["Warn"], ["Audit"], ["Deny", "Audit"]), celObject, (expr, failurePolicy, actions, object) => {
        const attempt = (fn: () => unknown): unknown => {
          try {
            return fn();
          } catch (e) {
            if (!isStatusError(e)) throw e;
            return e;
          }
        };
        const created = attempt(() =>
          api.create(POLICIES, undefined, policy("fuzz", { failurePolicy, variables: [{ name: "v", expression: expr }], validations: [{ expression: "dyn(variables.v) == true", messageExpression: "string(variables.v)" }] })),
        );
        if (isStatusError(created)) {
          expect(created.status.reason).toBe("Invalid");
          return;
        }
        compiled++;
        api.create(BINDINGS, undefined, binding("fuzz-binding", "fuzz", actions));
        const r = attempt(() => api.create(SERVICE_CIDRS, undefined, { ...object, metadata: { ...object.metadata, name: "fuzz-cidr" } }));
        if (isStatusError(r) && r.status.message.includes("ValidatingAdmissionPolicy 'fuzz'")) {
          expect(actions).toContain("Deny");
          if (failurePolicy === "Ignore") expect(r.status.message).not.toMatch(/resulted in error|compilation error/);
        }
        attempt(() => api.delete(SERVICE_CIDRS, undefined, "fuzz-cidr"));
        attempt(() => api.create(SERVICES, "default", service("fuzz-svc")));
        attempt(() => api.delete(SERVICES, "default", "fuzz-svc"));
        api.delete(BINDINGS, undefined, "fuzz-binding");
        api.delete(POLICIES, undefined, "fuzz");
      }),
      { numRuns: 250, seed: 11 },
    );
    expect(compiled).toBeGreaterThan(20);
    // Every refusal, warning and audit was announced, and the kept list stays bounded.
    expect(decisions.length).toBeGreaterThan(0);
    expect(cluster.apiserver!.admissionDecisions).toEqual(decisions.slice(-200));
    // The apiserver still serves after all of it.
    expect(api.list(SERVICE_CIDRS, undefined).items.map((o) => o.metadata.name)).toContain("kubernetes");
  });
});

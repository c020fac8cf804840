/** The view model of policy fences: which CIDRs bound policies hold ServiceCIDRs to. */
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { policyFences, serviceCIDRFences, stringLiterals } from "../../../src/apiserver/admission/validating-policy/fences.ts";
import type { KubeObject } from "../../../src/apiserver/machinery/object.ts";
import type { ValidatingAdmissionPolicy } from "../../../src/apiserver/registry/validatingadmissionpolicy/types.ts";
import type { ValidatingAdmissionPolicyBinding } from "../../../src/apiserver/registry/validatingadmissionpolicybinding/types.ts";
import { binding, policy } from "./policy-helpers.ts";

function docs(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), "utf8")).map((d) => d.toJS() as KubeObject);
}

const split = (objs: KubeObject[]) => ({
  policies: objs.filter((o) => o.kind === "ValidatingAdmissionPolicy") as ValidatingAdmissionPolicy[],
  bindings: objs.filter((o) => o.kind === "ValidatingAdmissionPolicyBinding") as ValidatingAdmissionPolicyBinding[],
});

describe("serviceCIDRFences", () => {
  it("finds the docs policy's allowed ranges in its variables", () => {
    expect(serviceCIDRFences(split([...docs("vap-servicecidr-default.yaml"), ...docs("vap-servicecidr-deny.yaml")]))).toEqual([
      {
        policy: "servicecidrs.default",
        binding: "servicecidrs-default-binding",
        validationActions: ["Deny", "Audit"],
        failurePolicy: "Fail",
        cidrs: ["10.96.0.0/16", "2001:db8::/64"],
        source: "expression",
      },
    ]);
  });

  it("draws nothing for an unbound policy, a policy on other resources, or one excluding ServiceCIDRs", () => {
    const { policies } = split(docs("vap-servicecidr-default.yaml"));
    expect(serviceCIDRFences({ policies, bindings: [] })).toEqual([]);
    const services = policy("svc", {
      matchConstraints: { resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["services"] }] },
      validations: [{ expression: "cidr('10.0.0.0/8').containsIP(object.spec.clusterIP)" }],
    });
    const excluding = policy("ex", {
      matchConstraints: {
        resourceRules: [{ apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"] }],
        excludeResourceRules: [{ apiGroups: ["networking.k8s.io"], apiVersions: ["*"], operations: ["*"], resources: ["servicecidrs"] }],
      },
      validations: [{ expression: "cidr('10.0.0.0/8') == cidr('10.0.0.0/8')" }],
    });
    expect(serviceCIDRFences({ policies: [services, excluding], bindings: [binding("a", "svc", ["Deny"]), binding("b", "ex", ["Deny"])] })).toEqual([]);
  });

  it("masks literals and reads CIDRs from the bound params when the policy reads params", () => {
    const p = policy("by-params", {
      paramKind: { apiVersion: "v1", kind: "ConfigMap" },
      validations: [{ expression: "object.spec.cidrs.all(c, params.data.allowed.split(',').exists(a, cidr(a).containsCIDR(c))) && !cidr('10.1.2.3/16').containsCIDR(object.spec.cidrs[0])" }],
    });
    const b = binding("b", "by-params", ["Warn"], { paramRef: { name: "ranges", namespace: "kube-system", parameterNotFoundAction: "Deny" } });
    const configMaps: KubeObject[] = [
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "ranges", namespace: "kube-system" }, data: { allowed: "10.96.0.0/12, fd00::/108", note: "not a cidr" } } as KubeObject,
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "ranges", namespace: "default" }, data: { allowed: "192.168.0.0/16" } } as KubeObject,
    ];
    const fences = serviceCIDRFences({ policies: [p], bindings: [b], paramObjects: (apiVersion, kind) => (apiVersion === "v1" && kind === "ConfigMap" ? configMaps : []) });
    expect(fences.map((f) => [f.source, f.cidrs])).toEqual([
      ["expression", ["10.1.0.0/16"]],
      ["params", ["10.96.0.0/12", "fd00::/108"]],
    ]);
  });

  it("reads CEL string literals of every quoting style", () => {
    expect(stringLiterals(`cidr('10.0.0.0/8') || cidr("fd00::/8") || r'a\\b' == '''x'''`)).toEqual(["10.0.0.0/8", "fd00::/8", "a\\b", "x"]);
  });
});

describe("policyFences", () => {
  it("gives the docs policy's allowed ranges per binding, and no range for the deny-everything policy", () => {
    const objs = [...docs("vap-servicecidr-default.yaml"), ...docs("vap-servicecidr-deny.yaml")];
    const { policies, bindings } = split(objs);
    expect(policyFences(policies, bindings)).toEqual([
      { policy: "servicecidrs.default", binding: "servicecidrs-default-binding", actions: ["Deny", "Audit"], cidrs: ["10.96.0.0/16", "2001:db8::/64"] },
      { policy: "servicecidrs.deny", binding: "servicecidrs-deny-binding", actions: ["Deny", "Audit"], cidrs: [] },
    ]);
    expect(policyFences(policies, [])).toEqual([]);
  });

  it("merges literal and param CIDRs of one binding, one fence per binding", () => {
    const p = policy("by-params", {
      paramKind: { apiVersion: "v1", kind: "ConfigMap" },
      validations: [{ expression: "object.spec.cidrs.all(c, cidr('10.0.0.0/8').containsCIDR(c) || params.data.extra.split(',').exists(a, cidr(a).containsCIDR(c)))" }],
    });
    const b1 = binding("b1", "by-params", ["Warn"], { paramRef: { name: "ranges", namespace: "default", parameterNotFoundAction: "Deny" } });
    const b2 = binding("b2", "by-params", ["Deny"]);
    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "ranges", namespace: "default" }, data: { extra: "fd00::/108,10.0.0.0/8" } } as KubeObject;
    expect(policyFences([p], [b2, b1], () => [cm])).toEqual([
      { policy: "by-params", binding: "b1", actions: ["Warn"], cidrs: ["10.0.0.0/8", "fd00::/108"] },
      { policy: "by-params", binding: "b2", actions: ["Deny"], cidrs: ["10.0.0.0/8"] },
    ]);
    expect(policyFences([p], [])).toEqual([]);
  });
});

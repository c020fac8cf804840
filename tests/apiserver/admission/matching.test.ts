/**
 * Which requests a policy sees (matching/matching.go, webhook/predicates/rules/rules.go): rules with
 * wildcards, subresources, scope and resourceNames, exclude rules, namespace and object selectors,
 * matchPolicy Equivalent, and the resources no policy may touch.
 */
import { describe, expect, it } from "vitest";
import { createServiceCIDR, getServiceCIDR, NAMESPACES, newCluster, serviceCIDR, SERVICE_CIDRS, SERVICES, service, statusError } from "../harness.ts";
import type { ApiClient } from "../../../src/apiserver/client.ts";
import type { MatchResources } from "../../../src/apiserver/registry/validatingadmissionpolicy/types.ts";
import { bind, BINDINGS, POLICIES } from "./policy-helpers.ts";

/** A policy refusing everything it matches, with the message "matched". */
function refuseAll(api: ApiClient, matchConstraints: MatchResources, name = "p"): void {
  bind(api, name, { matchConstraints, validations: [{ expression: "false", message: "matched" }] });
}

function refused(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (e) {
    if (e instanceof Error && e.message.includes("denied request: matched")) return true;
    throw e;
  }
}

const rule = (r: Record<string, unknown>) => ({ apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"], ...r });

describe("resource rules", () => {
  it.each([
    [{ resources: ["servicecidrs"] }, true],
    [{ resources: ["*"] }, true],
    [{ resources: ["*/*"] }, true],
    [{ resources: ["servicecidrs/*"] }, true],
    [{ resources: ["servicecidrs/status"] }, false],
    [{ resources: ["services"] }, false],
    [{ apiGroups: [""] }, false],
    [{ apiGroups: ["networking.k8s.io"] }, true],
    [{ apiVersions: ["v1beta1"] }, false],
    [{ operations: ["UPDATE"] }, false],
    [{ operations: ["CREATE"] }, true],
    [{ scope: "Namespaced" }, false],
    [{ scope: "Cluster" }, true],
    [{ resourceNames: ["x"] }, true],
    [{ resourceNames: ["y"] }, false],
  ])("%j matches a ServiceCIDR create: %s", (r, want) => {
    const { api } = newCluster();
    refuseAll(api, { matchPolicy: "Exact", resourceRules: [rule(r)] });
    expect(refused(() => createServiceCIDR(api, "x", ["10.0.0.0/24"]))).toBe(want);
  });

  it("a subresource rule sees status writes, the main resource rule does not", () => {
    const { api } = newCluster();
    createServiceCIDR(api, "x", ["10.0.0.0/24"]);
    refuseAll(api, { resourceRules: [rule({ resources: ["servicecidrs/status"], operations: ["UPDATE"] })] });
    const cur = structuredClone(getServiceCIDR(api, "x"));
    cur.status = { conditions: [] };
    expect(refused(() => api.update(SERVICE_CIDRS, undefined, cur, { subresource: "status" }))).toBe(true);
    cur.metadata.labels = { a: "b" };
    expect(refused(() => api.update(SERVICE_CIDRS, undefined, cur))).toBe(false);
  });

  it("exclude rules win over resource rules", () => {
    const { api } = newCluster();
    refuseAll(api, { resourceRules: [rule({})], excludeResourceRules: [rule({ resources: ["servicecidrs"], resourceNames: ["free"] })] });
    expect(refused(() => createServiceCIDR(api, "free", ["10.0.0.0/24"]))).toBe(false);
    expect(refused(() => createServiceCIDR(api, "other", ["10.1.0.0/24"]))).toBe(true);
  });

  it("matchPolicy Equivalent reaches a request made through another version; Exact does not", () => {
    for (const [matchPolicy, want] of [["Equivalent", true], ["Exact", false]] as const) {
      const { api } = newCluster({ apiserverFlags: ["--runtime-config=networking.k8s.io/v1beta1=true"] });
      bind(api, "p", {
        matchConstraints: { matchPolicy, resourceRules: [rule({ apiGroups: ["networking.k8s.io"], apiVersions: ["v1beta1"], resources: ["servicecidrs"] })] },
        validations: [{ expression: "false", messageExpression: "'matched as ' + request.kind.version + ', sent as ' + request.requestKind.version + ', object ' + object.apiVersion" }],
      });
      let message = "";
      try {
        createServiceCIDR(api, "x", ["10.0.0.0/24"]);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message.endsWith("denied request: matched as v1beta1, sent as v1, object networking.k8s.io/v1beta1")).toBe(want);
    }
  });
});

describe("selectors", () => {
  it("namespaceSelector picks namespaced objects by their namespace's labels and Namespaces by their own", () => {
    const { api } = newCluster();
    api.create(NAMESPACES, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name: "prod", labels: { env: "prod" } } });
    refuseAll(api, { namespaceSelector: { matchLabels: { env: "prod" } }, resourceRules: [rule({ operations: ["CREATE"], resources: ["services", "namespaces", "servicecidrs"] })] });
    expect(refused(() => api.create(SERVICES, "prod", service("web", {}, "prod")))).toBe(true);
    expect(refused(() => api.create(SERVICES, "default", service("web")))).toBe(false);
    expect(refused(() => api.create(NAMESPACES, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name: "prod2", labels: { env: "prod" } } }))).toBe(true);
    // Cluster-scoped objects other than Namespaces are never skipped by a namespace selector.
    expect(refused(() => createServiceCIDR(api, "x", ["10.0.0.0/24"]))).toBe(true);
  });

  it("objectSelector matches the new object or the old one", () => {
    const { api } = newCluster();
    api.create(SERVICE_CIDRS, undefined, { ...serviceCIDR("x", ["10.0.0.0/24"]), metadata: { name: "x", labels: { locked: "true" } } });
    refuseAll(api, { objectSelector: { matchExpressions: [{ key: "locked", operator: "In", values: ["true"] }] }, resourceRules: [rule({ operations: ["UPDATE", "DELETE"] })] });
    const cur = structuredClone(getServiceCIDR(api, "x"));
    delete cur.metadata.labels;
    expect(refused(() => api.update(SERVICE_CIDRS, undefined, cur))).toBe(true);
    expect(refused(() => api.delete(SERVICE_CIDRS, undefined, "x"))).toBe(true);
  });
});

describe("what no policy reaches", () => {
  it("policies and bindings themselves, so a policy can always be removed", () => {
    const { api } = newCluster();
    refuseAll(api, { resourceRules: [rule({})] });
    expect(refused(() => createServiceCIDR(api, "x", ["10.0.0.0/24"]))).toBe(true);
    api.delete(BINDINGS, undefined, "p-binding");
    api.delete(POLICIES, undefined, "p");
    expect(createServiceCIDR(api, "x", ["10.0.0.0/24"]).metadata.name).toBe("x");
  });

  it("requests the apiserver makes itself are matched like any other", () => {
    const { api } = newCluster();
    refuseAll(api, { resourceRules: [rule({ apiGroups: ["networking.k8s.io"], resources: ["ipaddresses"], operations: ["CREATE"] })] });
    const err = statusError(() => api.create(SERVICES, "default", service("web")));
    expect(err.status.message).toBe(
      `ipaddresses.networking.k8s.io "${"10.96.0."}${err.status.message.match(/10\.96\.0\.(\d+)/)![1]}" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'p-binding' denied request: matched`,
    );
  });
});

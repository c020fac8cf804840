/**
 * What each binding validationAction does with a failed validation (dispatcher.go): Deny refuses with
 * the policy's text and reason, Warn adds a Warning header, Audit adds the validation_failure audit
 * annotation; and what the failure policy does with errors.
 */
import { describe, expect, it } from "vitest";
import { createServiceCIDR, expectError, newCluster, serviceCIDR, SERVICE_CIDRS, statusError } from "../harness.ts";
import { bind } from "./policy-helpers.ts";
import type { AdmissionDecision } from "../../../src/apiserver/admission/validating-policy/decision.ts";

const PREFIX_LENGTH = "object.spec.cidrs.all(c, cidr(c).prefixLength() >= 24)";

describe("validationActions", () => {
  it("Deny refuses with reason Invalid (422) unless the validation names another reason", () => {
    const { api } = newCluster();
    bind(api, "prefix", { validations: [{ expression: PREFIX_LENGTH }] });
    const err = expectError(
      () => createServiceCIDR(api, "wide", ["10.0.0.0/16"]),
      `servicecidrs.networking.k8s.io "wide" is forbidden: ValidatingAdmissionPolicy 'prefix' with binding 'prefix-binding' denied request: failed expression: ${PREFIX_LENGTH}`,
      "Invalid",
      422,
    );
    expect(err.status.details).toEqual({
      name: "wide",
      group: "networking.k8s.io",
      kind: "servicecidrs",
      causes: [{ message: `ValidatingAdmissionPolicy 'prefix' with binding 'prefix-binding' denied request: failed expression: ${PREFIX_LENGTH}` }],
    });
    expect(createServiceCIDR(api, "narrow", ["10.0.0.0/24"]).metadata.name).toBe("narrow");
  });

  it.each([
    ["Forbidden", 403],
    ["RequestEntityTooLarge", 413],
    ["Invalid", 422],
  ])("Deny with reason %s answers %d", (reason, code) => {
    const { api } = newCluster();
    bind(api, "prefix", { validations: [{ expression: PREFIX_LENGTH, message: "prefix too short", reason }] });
    expectError(
      () => createServiceCIDR(api, "wide", ["10.0.0.0/16"]),
      `servicecidrs.networking.k8s.io "wide" is forbidden: ValidatingAdmissionPolicy 'prefix' with binding 'prefix-binding' denied request: prefix too short`,
      reason,
      code,
    );
  });

  it("Warn lets the request through with one warning per failed validation", () => {
    const { api } = newCluster();
    bind(api, "prefix", { validations: [{ expression: PREFIX_LENGTH }, { expression: "object.metadata.name.startsWith('svc-')", message: "name it svc-*" }] }, ["Warn"]);
    const warnings: string[] = [];
    api.create(SERVICE_CIDRS, undefined, serviceCIDR("wide", ["10.0.0.0/16"]), { warnings });
    expect(warnings).toEqual([
      `Validation failed for ValidatingAdmissionPolicy 'prefix' with binding 'prefix-binding': failed expression: ${PREFIX_LENGTH}`,
      "Validation failed for ValidatingAdmissionPolicy 'prefix' with binding 'prefix-binding': name it svc-*",
    ]);
  });

  it("Audit lets the request through and records the first failure in the audit log", () => {
    const { api, cluster } = newCluster();
    bind(api, "prefix", { validations: [{ expression: "object.metadata.name.size() < 4", message: "short names <= 3" }, { expression: PREFIX_LENGTH }] }, ["Audit", "Warn"]);
    const warnings: string[] = [];
    api.create(SERVICE_CIDRS, undefined, serviceCIDR("wide", ["10.0.0.0/16"]), { warnings });
    expect(warnings).toHaveLength(2);
    const events = cluster.apiserver!.auditEvents();
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e).toMatchObject({
      kind: "Event",
      apiVersion: "audit.k8s.io/v1",
      level: "Metadata",
      stage: "ResponseComplete",
      requestURI: "/apis/networking.k8s.io/v1/servicecidrs",
      verb: "create",
      user: { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] },
      sourceIPs: ["192.168.0.7"],
      userAgent: "kubectl/v1.34.1 (linux/amd64) kubernetes/93248f9",
      objectRef: { resource: "servicecidrs", name: "wide", apiGroup: "networking.k8s.io", apiVersion: "v1" },
      responseStatus: { metadata: {}, code: 201 },
    });
    expect(e.auditID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // Only the first validation_failure survives: Go's AddAnnotation refuses to overwrite a key.
    expect(e.annotations).toEqual({
      "validation.policy.admission.k8s.io/validation_failure":
        '[{"message":"short names \\u003c= 3","policy":"prefix","binding":"prefix-binding","expressionIndex":0,"validationActions":["Audit","Warn"]}]',
    });
    // encoding/json of the event escapes the annotation's backslashes once more.
    const line = cluster.apiserver!.validatingAdmissionPolicy.auditLog();
    expect(line).toContain('"annotations":{"validation.policy.admission.k8s.io/validation_failure":"[{\\"message\\":\\"short names \\\\u003c= 3\\",');
    expect(line.endsWith("}\n")).toBe(true);
    expect(line.split("\n")).toHaveLength(2);
  });

  it("Deny and Audit: the refused request's event carries the refusal", () => {
    const { api, cluster } = newCluster();
    bind(api, "prefix", { validations: [{ expression: PREFIX_LENGTH, reason: "Forbidden" }] }, ["Deny", "Audit"]);
    statusError(() => createServiceCIDR(api, "wide", ["10.0.0.0/16"]));
    const e = cluster.apiserver!.auditEvents()[0]!;
    expect(e.responseStatus).toEqual({
      metadata: {},
      status: "Failure",
      message: `servicecidrs.networking.k8s.io "wide" is forbidden: ValidatingAdmissionPolicy 'prefix' with binding 'prefix-binding' denied request: failed expression: ${PREFIX_LENGTH}`,
      reason: "Forbidden",
      details: { name: "wide", group: "networking.k8s.io", kind: "servicecidrs", causes: [{ message: `ValidatingAdmissionPolicy 'prefix' with binding 'prefix-binding' denied request: failed expression: ${PREFIX_LENGTH}` }] },
      code: 403,
    });
  });

  it("records each decision that is not a plain allow, with the actions taken, for the event trace", () => {
    const { api, cluster, clock } = newCluster();
    const apiserver = cluster.apiserver!;
    const heard: AdmissionDecision[] = [];
    const stop = apiserver.onAdmissionDecision((d) => heard.push(d));
    bind(api, "prefix", { validations: [{ expression: PREFIX_LENGTH }] }, ["Deny", "Audit"]);
    bind(api, "named", { validations: [{ expression: "object.metadata.name.startsWith('sc-')", message: "name it sc-*" }] }, ["Warn"]);
    createServiceCIDR(api, "sc-ok", ["10.0.1.0/24"]);
    expect(apiserver.admissionDecisions).toEqual([]);
    statusError(() => createServiceCIDR(api, "wide", ["10.0.0.0/16"]));
    const wide = {
      at: clock.now(),
      policy: "prefix",
      binding: "prefix-binding",
      actions: ["Deny", "Audit"],
      expression: PREFIX_LENGTH,
      message: `failed expression: ${PREFIX_LENGTH}`,
      resource: "servicecidrs.networking.k8s.io",
      name: "wide",
      operation: "CREATE",
    };
    const named = { ...wide, policy: "named", binding: "named-binding", actions: ["Warn"], expression: "object.metadata.name.startsWith('sc-')", message: "name it sc-*" };
    // Policies are visited in name order: "named" warns before "prefix" denies.
    expect(apiserver.admissionDecisions).toEqual([named, wide]);
    expect(heard).toEqual([named, wide]);
    stop();
    statusError(() => createServiceCIDR(api, "wide2", ["10.0.0.0/16"]));
    expect(heard).toHaveLength(2);
    expect(apiserver.admissionDecisions).toHaveLength(4);
  });

  it("keeps the last 200 decisions and survives a listener that throws", () => {
    const { api, cluster } = newCluster();
    const apiserver = cluster.apiserver!;
    apiserver.onAdmissionDecision(() => {
      throw new Error("a broken view");
    });
    bind(api, "prefix", { validations: [{ expression: PREFIX_LENGTH }] }, ["Warn"]);
    for (let i = 0; i < 205; i++) createServiceCIDR(api, `w${i}`, [`10.${i}.0.0/16`]);
    expect(apiserver.admissionDecisions).toHaveLength(200);
    expect(apiserver.admissionDecisions[0]!.name).toBe("w5");
    expect(apiserver.admissionDecisions[199]!.name).toBe("w204");
  });
});

describe("failurePolicy", () => {
  const BROKEN = "object.spec.cidr.size() == 1";

  it("Fail refuses a request whose validation errors, naming the expression and the CEL error", () => {
    const { api } = newCluster();
    bind(api, "typo", { validations: [{ expression: BROKEN }] });
    expectError(
      () => createServiceCIDR(api, "x", ["10.0.0.0/24"]),
      `servicecidrs.networking.k8s.io "x" is forbidden: ValidatingAdmissionPolicy 'typo' with binding 'typo-binding' denied request: expression '${BROKEN}' resulted in error: no such key: cidr`,
      "Invalid",
      422,
    );
  });

  it("an error is routed by the actions too: Warn only warns", () => {
    const { api } = newCluster();
    bind(api, "typo", { validations: [{ expression: BROKEN }] }, ["Warn"]);
    const warnings: string[] = [];
    api.create(SERVICE_CIDRS, undefined, serviceCIDR("x", ["10.0.0.0/24"]), { warnings });
    expect(warnings).toEqual([`Validation failed for ValidatingAdmissionPolicy 'typo' with binding 'typo-binding': expression '${BROKEN}' resulted in error: no such key: cidr`]);
  });

  it("Ignore admits silently: no warning, no audit event", () => {
    const { api, cluster } = newCluster();
    bind(api, "typo", { failurePolicy: "Ignore", validations: [{ expression: BROKEN }] }, ["Warn", "Audit"]);
    const warnings: string[] = [];
    api.create(SERVICE_CIDRS, undefined, serviceCIDR("x", ["10.0.0.0/24"]), { warnings });
    expect(warnings).toEqual([]);
    expect(cluster.apiserver!.auditEvents()).toEqual([]);
  });

  it("Ignore does not excuse a validation that is false", () => {
    const { api } = newCluster();
    bind(api, "prefix", { failurePolicy: "Ignore", validations: [{ expression: PREFIX_LENGTH }] });
    statusError(() => createServiceCIDR(api, "wide", ["10.0.0.0/16"]));
  });
});

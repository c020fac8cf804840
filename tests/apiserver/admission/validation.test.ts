/**
 * Create-time validation of policies and bindings (pkg/apis/admissionregistration/validation/
 * validation.go): field errors with their paths and text, CEL compiled with the variables each
 * expression may see, and the decoder defaults.
 */
import { describe, expect, it } from "vitest";
import { errorMessage, newCluster } from "../harness.ts";
import { binding, BINDINGS, POLICIES, policy } from "./policy-helpers.ts";
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicySpec } from "../../../src/apiserver/registry/validatingadmissionpolicy/types.ts";
import type { ValidatingAdmissionPolicyBinding, ValidatingAdmissionPolicyBindingSpec } from "../../../src/apiserver/registry/validatingadmissionpolicybinding/types.ts";

const { api } = newCluster({ controllerManager: false });
let n = 0;

function policyError(spec: Partial<ValidatingAdmissionPolicySpec>): string {
  const name = `p${n++}`;
  return errorMessage(() => api.create(POLICIES, undefined, policy(name, spec))).replace(`"${name}"`, '"p"');
}

function bindingError(spec: Partial<ValidatingAdmissionPolicyBindingSpec>): string {
  const name = `b${n++}`;
  const obj: ValidatingAdmissionPolicyBinding = { ...binding(name, "p", ["Deny"]), spec: { policyName: "p", validationActions: ["Deny"], ...spec } };
  return errorMessage(() => api.create(BINDINGS, undefined, obj)).replace(
    `"${name}"`,
    '"b"',
  );
}

const P = 'ValidatingAdmissionPolicy.admissionregistration.k8s.io "p" is invalid: ';
const B = 'ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io "b" is invalid: ';

describe("ValidatingAdmissionPolicy", () => {
  it("defaults what the decoder defaults", () => {
    const created = api.create(POLICIES, undefined, policy("defaults", { validations: [{ expression: "true" }] })) as ValidatingAdmissionPolicy;
    expect(created.spec).toEqual({
      failurePolicy: "Fail",
      matchConstraints: {
        matchPolicy: "Equivalent",
        namespaceSelector: {},
        objectSelector: {},
        resourceRules: [{ apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["servicecidrs"], scope: "*" }],
      },
      validations: [{ expression: "true" }],
    });
    expect(created.metadata.generation).toBe(1);
  });

  it.each<[string, Partial<ValidatingAdmissionPolicySpec>, string]>([
    [
      "a compile error (the reference's example)",
      { validations: [{ expression: "cidrr(object.spec.cidrs[0]).prefixLength() >= 16" }] },
      "spec.validations[0].expression: Invalid value: \"cidrr(object.spec.cidrs[0]).prefixLength() >= 16\": compilation failed: ERROR: <input>:1:6: undeclared reference to 'cidrr' (in container '')\n | cidrr(object.spec.cidrs[0]).prefixLength() >= 16\n | .....^",
    ],
    ["a non-bool validation", { validations: [{ expression: "object.spec.enabled" }] }, 'spec.validations[0].expression: Invalid value: "object.spec.enabled": must evaluate to bool but got dyn'],
    ["neither validations nor auditAnnotations", {}, "[spec.validations: Required value: validations or auditAnnotations must contain at least one item, spec.auditAnnotations: Required value: validations or auditAnnotations must contain at least one item]"],
    ["an empty expression", { validations: [{ expression: " " }] }, "spec.validations[0].expression: Required value: expression is not specified"],
    ["a message with a line break", { validations: [{ expression: "true", message: "a\nb" }] }, 'spec.validations[0].message: Invalid value: "a\\nb": message must not contain line breaks'],
    ["a blank messageExpression", { validations: [{ expression: "true", messageExpression: "  " }] }, 'spec.validations[0].messageExpression: Invalid value: "  ": must be non-empty if specified'],
    ["a non-string messageExpression", { validations: [{ expression: "true", messageExpression: "1" }] }, 'spec.validations[0].messageExpression: Invalid value: "1": must evaluate to string but got int'],
    [
      "an unsupported reason",
      { validations: [{ expression: "true", reason: "Unauthorized" }] },
      'spec.validations[0].reason: Unsupported value: "Unauthorized": supported values: "Forbidden", "Invalid", "RequestEntityTooLarge"',
    ],
    ["an unsupported failurePolicy", { failurePolicy: "Sometimes", validations: [{ expression: "true" }] }, 'spec.failurePolicy: Unsupported value: "Sometimes": supported values: "Fail", "Ignore"'],
    ["params without a paramKind", { validations: [{ expression: "params.x == 1" }] }, "spec.validations[0].expression: Invalid value: \"params.x == 1\": compilation failed: ERROR: <input>:1:1: undeclared reference to 'params' (in container '')\n | params.x == 1\n | ^"],
    [
      "variables in a match condition",
      { matchConditions: [{ name: "m", expression: "variables.x" }], variables: [{ name: "x", expression: "true" }], validations: [{ expression: "true" }] },
      "spec.matchConditions[0].expression: Invalid value: \"variables.x\": compilation failed: ERROR: <input>:1:1: undeclared reference to 'variables' (in container '')\n | variables.x\n | ^",
    ],
    [
      "a forward variable reference",
      { variables: [{ name: "a", expression: "variables.b" }, { name: "b", expression: "true" }], validations: [{ expression: "variables.b" }] },
      "spec.variables[0].expression: Invalid value: \"variables.b\": compilation failed: ERROR: <input>:1:10: undefined field 'b'\n | variables.b\n | .........^",
    ],
    ["a variable name that is not a CEL identifier", { variables: [{ name: "my-var", expression: "1" }], validations: [{ expression: "true" }] }, 'spec.variables[0].name: Invalid value: "my-var": name is not a valid CEL identifier'],
    ["a match condition without a name", { matchConditions: [{ expression: "true" }], validations: [{ expression: "true" }] }, "spec.matchConditions[0].name: Required value"],
    [
      "duplicate match condition names",
      { matchConditions: [{ name: "a", expression: "true" }, { name: "a", expression: "true" }], validations: [{ expression: "true" }] },
      'spec.matchConditions[1].name: Duplicate value: "a"',
    ],
    ["no resourceRules", { matchConstraints: {}, validations: [{ expression: "true" }] }, "spec.matchConstraints.resourceRules: Required value"],
    [
      "a bad rule",
      { matchConstraints: { resourceRules: [{ apiGroups: ["*", "apps"], apiVersions: [], operations: ["PATCH"], resources: ["*", "pods"], scope: "Global" }] }, validations: [{ expression: "true" }] },
      '[spec.matchConstraints.resourceRules[0].operations[0]: Unsupported value: "PATCH": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE", spec.matchConstraints.resourceRules[0].apiGroups: Invalid value: ["*","apps"]: if \'*\' is present, must not specify other API groups, spec.matchConstraints.resourceRules[0].apiVersions: Required value, spec.matchConstraints.resourceRules[0].resources: Invalid value: ["*","pods"]: if \'*\' is present, must not specify other resources without subresources, spec.matchConstraints.resourceRules[0].scope: Unsupported value: "Global": supported values: "*", "Cluster", "Namespaced"]',
    ],
    [
      "a bad object selector",
      { matchConstraints: { objectSelector: { matchExpressions: [{ key: "a", operator: "In" }] }, resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["*"], resources: ["pods"] }] }, validations: [{ expression: "true" }] },
      "spec.matchConstraints.objectSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ],
    ["a paramKind without kind", { paramKind: { apiVersion: "v1" }, validations: [{ expression: "true" }] }, "spec.paramKind.kind: Required value"],
    ["a paramKind with a bad apiVersion", { paramKind: { apiVersion: "a/b/c", kind: "X" }, validations: [{ expression: "true" }] }, 'spec.paramKind.apiVersion: Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c'],
    [
      "an auditAnnotation of the wrong type",
      { auditAnnotations: [{ key: "k", valueExpression: "1" }] },
      'spec.auditAnnotations[0].valueExpression: Invalid value: "1": must evaluate to one of [string null_type] but got int',
    ],
  ])("refuses %s", (_, spec, errors) => {
    expect(policyError({ ...spec })).toBe(P + errors);
  });

  it("re-checks an update, bumping the generation only on a spec change", () => {
    const created = api.create(POLICIES, undefined, policy("updated", { validations: [{ expression: "true" }] }));
    const next = structuredClone(created);
    next.metadata.labels = { a: "b" };
    const labelled = api.update(POLICIES, undefined, next);
    expect(labelled.metadata.generation).toBe(1);
    const again = structuredClone(labelled);
    (again as unknown as { spec: ValidatingAdmissionPolicySpec }).spec.validations = [{ expression: "cidr('x') == 1" }];
    expect(errorMessage(() => api.update(POLICIES, undefined, again))).toBe(
      'ValidatingAdmissionPolicy.admissionregistration.k8s.io "updated" is invalid: spec.validations[0].expression: Invalid value: "cidr(\'x\') == 1": compilation failed: ERROR: <input>:1:11: found no matching overload for \'_==_\' applied to \'(net.CIDR, int)\'\n | cidr(\'x\') == 1\n | ..........^',
    );
    (again as unknown as { spec: ValidatingAdmissionPolicySpec }).spec.validations = [{ expression: "false" }];
    expect(api.update(POLICIES, undefined, again).metadata.generation).toBe(2);
  });
});

describe("ValidatingAdmissionPolicyBinding", () => {
  it.each<[string, Partial<ValidatingAdmissionPolicyBindingSpec>, string]>([
    ["no policyName", { policyName: "" }, "spec.policyName: Required value"],
    ["no validationActions", { validationActions: [] }, "spec.validationActions: Required value: at least one validation action is required"],
    ["an unknown action", { validationActions: ["Block"] }, 'spec.validationActions[0]: Unsupported value: "Block": supported values: "Audit", "Deny", "Warn"'],
    ["a repeated action", { validationActions: ["Deny", "Deny"] }, 'spec.validationActions[1]: Duplicate value: "Deny"'],
    [
      "Deny with Warn",
      { validationActions: ["Deny", "Warn"] },
      'spec.validationActions: Invalid value: ["Deny","Warn"]: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
    ],
    ["a paramRef with neither name nor selector", { paramRef: { parameterNotFoundAction: "Deny" } }, "spec.paramRef: Required value: one of name or selector must be specified"],
    [
      "a paramRef with both",
      { paramRef: { name: "x", selector: {}, parameterNotFoundAction: "Deny" } },
      "[spec.paramRef.name: Forbidden: name and selector are mutually exclusive, spec.paramRef.selector: Forbidden: name and selector are mutually exclusive]",
    ],
    ["a paramRef without parameterNotFoundAction", { paramRef: { name: "x" } }, "spec.paramRef.parameterNotFoundAction: Required value"],
    ["an unknown parameterNotFoundAction", { paramRef: { name: "x", parameterNotFoundAction: "Maybe" } }, 'spec.paramRef.parameterNotFoundAction: Unsupported value: "Maybe": supported values: "Deny", "Allow"'],
    [
      "bad matchResources (under upstream's misspelt path)",
      { matchResources: { matchPolicy: "Fuzzy" } },
      'spec.matchResouces.matchPolicy: Unsupported value: "Fuzzy": supported values: "Equivalent", "Exact"',
    ],
  ])("refuses %s", (_, spec, errors) => {
    expect(bindingError(spec)).toBe(B + errors);
  });
});

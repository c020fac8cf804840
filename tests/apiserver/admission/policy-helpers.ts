/** Builders for ValidatingAdmissionPolicies and bindings in the admission tests. */
import type { ApiClient, GroupVersionResource } from "../../../src/apiserver/client.ts";
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicySpec } from "../../../src/apiserver/registry/validatingadmissionpolicy/types.ts";
import type { ValidatingAdmissionPolicyBinding, ValidatingAdmissionPolicyBindingSpec } from "../../../src/apiserver/registry/validatingadmissionpolicybinding/types.ts";

export const POLICIES: GroupVersionResource = { group: "admissionregistration.k8s.io", version: "v1", resource: "validatingadmissionpolicies" };
export const BINDINGS: GroupVersionResource = { group: "admissionregistration.k8s.io", version: "v1", resource: "validatingadmissionpolicybindings" };

/** Rules matching ServiceCIDR creates and updates, as the docs policies have them. */
export const SERVICECIDR_RULES = [{ apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["servicecidrs"] }];

export function policy(name: string, spec: Partial<ValidatingAdmissionPolicySpec>): ValidatingAdmissionPolicy {
  return {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingAdmissionPolicy",
    metadata: { name },
    spec: { matchConstraints: { resourceRules: SERVICECIDR_RULES }, ...spec },
  };
}

export function binding(name: string, policyName: string, actions: string[], extra: Partial<ValidatingAdmissionPolicyBindingSpec> = {}): ValidatingAdmissionPolicyBinding {
  return {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingAdmissionPolicyBinding",
    metadata: { name },
    spec: { policyName, validationActions: actions, ...extra },
  };
}

/** Creates a policy and one binding "<name>-binding" with the given actions. */
export function bind(api: ApiClient, name: string, spec: Partial<ValidatingAdmissionPolicySpec>, actions: string[] = ["Deny"], extra: Partial<ValidatingAdmissionPolicyBindingSpec> = {}): void {
  api.create(POLICIES, undefined, policy(name, spec));
  api.create(BINDINGS, undefined, binding(`${name}-binding`, name, actions, extra));
}

/** ValidatingAdmissionPolicyBinding (admissionregistration.k8s.io/v1, k8s.io/api/admissionregistration/v1 types.go). */
import type { KubeObject } from "../../machinery/object.ts";
import { STANDARD_VERBS, type ResourceDef } from "../../machinery/resource.ts";
import type { MatchResources, MetaLabelSelector } from "../validatingadmissionpolicy/types.ts";

export interface ParamRef {
  name?: string;
  namespace?: string;
  selector?: MetaLabelSelector;
  /** "Allow" or "Deny". */
  parameterNotFoundAction?: string;
}

export interface ValidatingAdmissionPolicyBindingSpec {
  policyName?: string;
  paramRef?: ParamRef;
  matchResources?: MatchResources;
  /** "Deny", "Warn", "Audit". */
  validationActions?: string[];
}

export interface ValidatingAdmissionPolicyBinding extends KubeObject {
  spec: ValidatingAdmissionPolicyBindingSpec;
}

export const VALIDATING_ADMISSION_POLICY_BINDING: ResourceDef = {
  group: "admissionregistration.k8s.io",
  versions: ["v1"],
  kind: "ValidatingAdmissionPolicyBinding",
  plural: "validatingadmissionpolicybindings",
  singular: "validatingadmissionpolicybinding",
  shortNames: [],
  namespaced: false,
  categories: ["api-extensions"],
  verbs: STANDARD_VERBS,
};

export const VALIDATING_ADMISSION_POLICY_BINDINGS_KEY = "validatingadmissionpolicybindings.admissionregistration.k8s.io";

export const VALIDATION_ACTIONS = ["Audit", "Deny", "Warn"] as const;

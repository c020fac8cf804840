/**
 * ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1, k8s.io/api/admissionregistration/v1
 * types.go), and the match types it shares with its binding.
 */
import type { Condition, KubeObject } from "../../machinery/object.ts";
import { STANDARD_VERBS, type ResourceDef } from "../../machinery/resource.ts";

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** metav1.LabelSelector. */
export interface MetaLabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** RuleWithOperations plus resourceNames (NamedRuleWithOperations). */
export interface NamedRuleWithOperations {
  resourceNames?: string[];
  operations?: string[];
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  /** "Cluster", "Namespaced" or "*" (the default). */
  scope?: string;
}

export interface MatchResources {
  namespaceSelector?: MetaLabelSelector;
  objectSelector?: MetaLabelSelector;
  resourceRules?: NamedRuleWithOperations[];
  excludeResourceRules?: NamedRuleWithOperations[];
  /** "Exact" or "Equivalent" (the default). */
  matchPolicy?: string;
}

export interface ParamKind {
  apiVersion?: string;
  kind?: string;
}

export interface Validation {
  expression?: string;
  message?: string;
  reason?: string;
  messageExpression?: string;
}

export interface AuditAnnotation {
  key?: string;
  valueExpression?: string;
}

export interface MatchCondition {
  name?: string;
  expression?: string;
}

export interface Variable {
  name?: string;
  expression?: string;
}

export interface ValidatingAdmissionPolicySpec {
  paramKind?: ParamKind;
  matchConstraints?: MatchResources;
  validations?: Validation[];
  /** "Fail" (the default) or "Ignore". */
  failurePolicy?: string;
  auditAnnotations?: AuditAnnotation[];
  matchConditions?: MatchCondition[];
  variables?: Variable[];
}

export interface ExpressionWarning {
  fieldRef: string;
  warning: string;
}

export interface ValidatingAdmissionPolicy extends KubeObject {
  spec: ValidatingAdmissionPolicySpec;
  status?: {
    observedGeneration?: number;
    typeChecking?: { expressionWarnings?: ExpressionWarning[] };
    conditions?: Condition[];
  };
}

export const VALIDATING_ADMISSION_POLICY: ResourceDef = {
  group: "admissionregistration.k8s.io",
  versions: ["v1"],
  kind: "ValidatingAdmissionPolicy",
  plural: "validatingadmissionpolicies",
  singular: "validatingadmissionpolicy",
  shortNames: [],
  namespaced: false,
  // pkg/registry/admissionregistration/validatingadmissionpolicy/storage/storage.go Categories().
  categories: ["api-extensions"],
  verbs: STANDARD_VERBS,
};

/** Where the store keeps them (qualifiedName). */
export const VALIDATING_ADMISSION_POLICIES_KEY = "validatingadmissionpolicies.admissionregistration.k8s.io";

export const FAILURE_POLICIES = ["Fail", "Ignore"] as const;
export const MATCH_POLICIES = ["Equivalent", "Exact"] as const;

/**
 * Decoder defaults of admissionregistration/v1 (pkg/apis/admissionregistration/v1/defaults.go):
 * failurePolicy Fail, matchPolicy Equivalent, empty selectors, rule scope "*".
 */
import type { MatchResources, NamedRuleWithOperations, ValidatingAdmissionPolicy } from "./types.ts";

function setRuleDefaults(rule: NamedRuleWithOperations): void {
  rule.scope ??= "*";
}

/** SetDefaults_MatchResources. */
export function setMatchResourcesDefaults(m: MatchResources): void {
  m.matchPolicy ??= "Equivalent";
  m.namespaceSelector ??= {};
  m.objectSelector ??= {};
  for (const r of m.resourceRules ?? []) if (r && typeof r === "object") setRuleDefaults(r);
  for (const r of m.excludeResourceRules ?? []) if (r && typeof r === "object") setRuleDefaults(r);
}

export function setValidatingAdmissionPolicyDefaults(obj: ValidatingAdmissionPolicy): void {
  if (!obj.spec || typeof obj.spec !== "object") obj.spec = {};
  obj.spec.failurePolicy ??= "Fail";
  if (obj.spec.matchConstraints && typeof obj.spec.matchConstraints === "object") setMatchResourcesDefaults(obj.spec.matchConstraints);
}

/**
 * Validation of the match types a policy and its binding share (pkg/apis/admissionregistration/
 * validation/validation.go validateMatchResources, validateNamedRuleWithOperations, validateRule) and of
 * metav1.LabelSelector (apimachinery pkg/apis/meta/v1/validation ValidateLabelSelector).
 */
import { field, FieldPath, type FieldError } from "../../machinery/errors.ts";
import { isQualifiedName, isValidLabelValue, isValidPathSegmentName } from "../../machinery/names.ts";
import { validateLabels } from "../../machinery/objectmeta.ts";
import type { MatchResources, MetaLabelSelector, NamedRuleWithOperations } from "./types.ts";

export const SUPPORTED_OPERATIONS = ["*", "CONNECT", "CREATE", "DELETE", "UPDATE"];
const VALID_SCOPES = ["*", "Cluster", "Namespaced"];
const MATCH_POLICIES = ["Equivalent", "Exact"];

export function validateLabelSelector(sel: MetaLabelSelector, path: FieldPath): FieldError[] {
  const errs = validateLabels(sel.matchLabels, path.child("matchLabels"));
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    const p = path.child("matchExpressions").index(i);
    switch (expr.operator) {
      case "In":
      case "NotIn":
        if (!expr.values?.length) errs.push(field.required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case "Exists":
      case "DoesNotExist":
        if (expr.values?.length) errs.push(field.forbidden(p.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(field.invalid(p.child("operator"), expr.operator, "not a valid selector operator"));
    }
    for (const msg of isQualifiedName(expr.key ?? "")) errs.push(field.invalid(p.child("key"), expr.key ?? "", msg));
    (expr.values ?? []).forEach((v, j) => {
      for (const msg of isValidLabelValue(v)) errs.push(field.invalid(p.child("values").index(j), v, msg));
    });
  });
  return errs;
}

const hasWildcard = (list: readonly string[]) => list.includes("*");

/** validateResources: the wildcard rules about resources and subresources. */
function validateResources(resources: readonly string[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (resources.length === 0) errs.push(field.required(path, ""));
  const withWildcardSub = new Set<string>();
  const subWithWildcardRes = new Set<string>();
  let hasDoubleWildcard = false;
  let hasSingleWildcard = false;
  let hasResourceWithoutSubresource = false;
  resources.forEach((resSub, i) => {
    if (resSub === "") {
      errs.push(field.required(path.index(i), ""));
      return;
    }
    if (resSub === "*/*") hasDoubleWildcard = true;
    if (resSub === "*") hasSingleWildcard = true;
    const slash = resSub.indexOf("/");
    if (slash < 0) {
      hasResourceWithoutSubresource = resSub !== "*";
      return;
    }
    const res = resSub.slice(0, slash);
    const sub = resSub.slice(slash + 1);
    if (withWildcardSub.has(res)) errs.push(field.invalid(path.index(i), resSub, `if '${res}/*' is present, must not specify ${resSub}`));
    if (subWithWildcardRes.has(sub)) errs.push(field.invalid(path.index(i), resSub, `if '*/${sub}' is present, must not specify ${resSub}`));
    if (sub === "*") withWildcardSub.add(res);
    if (res === "*") subWithWildcardRes.add(sub);
  });
  if (resources.length > 1 && hasDoubleWildcard) errs.push(field.invalid(path, resources, "if '*/*' is present, must not specify other resources"));
  if (hasSingleWildcard && hasResourceWithoutSubresource) {
    errs.push(field.invalid(path, resources, "if '*' is present, must not specify other resources without subresources"));
  }
  return errs;
}

/** validateNamedRuleWithOperations → validateRuleWithOperations → validateRule. */
function validateNamedRule(rule: NamedRuleWithOperations, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (rule.resourceNames ?? []).forEach((name, i) => {
    for (const msg of isValidPathSegmentName(name)) errs.push(field.invalid(path.child("resourceNames").index(i), name, msg));
    if (seen.has(name)) errs.push(field.duplicate(path.child("resourceNames").index(i), name));
    else seen.add(name);
  });
  const ops = rule.operations ?? [];
  if (ops.length === 0) errs.push(field.required(path.child("operations"), ""));
  if (ops.length > 1 && hasWildcard(ops)) errs.push(field.invalid(path.child("operations"), ops, "if '*' is present, must not specify other operations"));
  ops.forEach((op, i) => {
    if (!SUPPORTED_OPERATIONS.includes(op)) errs.push(field.notSupported(path.child("operations").index(i), op, SUPPORTED_OPERATIONS));
  });
  const groups = rule.apiGroups ?? [];
  if (groups.length === 0) errs.push(field.required(path.child("apiGroups"), ""));
  if (groups.length > 1 && hasWildcard(groups)) errs.push(field.invalid(path.child("apiGroups"), groups, "if '*' is present, must not specify other API groups"));
  const versions = rule.apiVersions ?? [];
  if (versions.length === 0) errs.push(field.required(path.child("apiVersions"), ""));
  if (versions.length > 1 && hasWildcard(versions)) {
    errs.push(field.invalid(path.child("apiVersions"), versions, "if '*' is present, must not specify other API versions"));
  }
  versions.forEach((v, i) => {
    if (v === "") errs.push(field.required(path.child("apiVersions").index(i), ""));
  });
  errs.push(...validateResources(rule.resources ?? [], path.child("resources")));
  if (rule.scope !== undefined && rule.scope !== null && !VALID_SCOPES.includes(rule.scope)) {
    errs.push(field.notSupported(path.child("scope"), rule.scope, VALID_SCOPES));
  }
  return errs;
}

export function validateMatchResources(mc: MatchResources | undefined, path: FieldPath): FieldError[] {
  if (!mc) return [];
  const errs: FieldError[] = [];
  if (mc.matchPolicy === undefined || mc.matchPolicy === null) errs.push(field.required(path.child("matchPolicy"), ""));
  else if (!MATCH_POLICIES.includes(mc.matchPolicy)) errs.push(field.notSupported(path.child("matchPolicy"), mc.matchPolicy, MATCH_POLICIES));
  if (!mc.namespaceSelector) errs.push(field.required(path.child("namespaceSelector"), ""));
  else errs.push(...validateLabelSelector(mc.namespaceSelector, path.child("namespaceSelector")));
  if (!mc.objectSelector) errs.push(field.required(path.child("objectSelector"), ""));
  else errs.push(...validateLabelSelector(mc.objectSelector, path.child("objectSelector")));
  (mc.resourceRules ?? []).forEach((r, i) => errs.push(...validateNamedRule(r ?? {}, path.child("resourceRules").index(i))));
  (mc.excludeResourceRules ?? []).forEach((r, i) => errs.push(...validateNamedRule(r ?? {}, path.child("excludeResourceRules").index(i))));
  return errs;
}

/**
 * Does a policy's matchConstraints (or a binding's matchResources) select this request?
 * k8s.io/apiserver/pkg/admission/plugin/policy/matching/matching.go with the rule matcher of
 * plugin/webhook/predicates/rules/rules.go and the namespace and object selector matchers: namespace
 * selector, object selector, exclude rules (exclusion wins), then resource rules, retried through the
 * other served versions of the same resource when matchPolicy is Equivalent.
 */
import { LabelSelector } from "../../machinery/labels.ts";
import type { KubeObject } from "../../machinery/object.ts";
import type { MatchResources, MetaLabelSelector, NamedRuleWithOperations } from "../../registry/validatingadmissionpolicy/types.ts";
import type { Attributes, GroupVersionKind, GroupVersionResource } from "./attributes.ts";

export interface MatchResult {
  matches: boolean;
  /** The resource and kind the request is presented as (the equivalent one under Equivalent). */
  resource: GroupVersionResource;
  kind: GroupVersionKind;
  /** A selector that could not be evaluated; the caller applies the failure policy. */
  error?: string;
}

export interface MatchContext {
  /** Labels of a namespace, or undefined when it does not exist. */
  namespaceLabels(name: string): Record<string, string> | undefined;
  /** The other versions the same resource is served in (EquivalentResourcesFor). */
  equivalentVersions(resource: GroupVersionResource): string[];
}

function selectorOf(s: MetaLabelSelector | undefined): LabelSelector | string {
  try {
    return LabelSelector.fromLabelSelector((s ?? {}) as Parameters<typeof LabelSelector.fromLabelSelector>[0]);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const exactOrWildcard = (value: string, list: readonly string[] | undefined) => (list ?? []).some((x) => x === "*" || x === value);

/** rules.Matcher.Matches for one rule and a (possibly overridden) resource. */
function ruleMatches(rule: NamedRuleWithOperations, attr: Attributes, res: GroupVersionResource): boolean {
  const scope = rule.scope ?? "*";
  const isNamespaceResource = res.group === "" && res.resource === "namespaces";
  if (scope === "Namespaced" && (isNamespaceResource || attr.namespace === "")) return false;
  if (scope === "Cluster" && !(isNamespaceResource || attr.namespace === "")) return false;
  if (scope !== "*" && scope !== "Namespaced" && scope !== "Cluster") return false;
  if (!(rule.operations ?? []).some((op) => op === "*" || op === attr.operation)) return false;
  if (!exactOrWildcard(res.group, rule.apiGroups)) return false;
  if (!exactOrWildcard(res.version, rule.apiVersions)) return false;
  return (rule.resources ?? []).some((r) => {
    const slash = r.indexOf("/");
    const rr = slash < 0 ? r : r.slice(0, slash);
    const sub = slash < 0 ? "" : r.slice(slash + 1);
    return (rr === "*" || rr === res.resource) && (sub === "*" || sub === attr.subresource);
  });
}

/** An empty name list matches every name; a generateName create (no name yet) matches none. */
function namesMatch(rule: NamedRuleWithOperations, name: string): boolean {
  return !rule.resourceNames?.length || rule.resourceNames.includes(name);
}

/** matchesResourceRules. */
function matchesRules(rules: readonly NamedRuleWithOperations[], matchPolicy: string | undefined, attr: Attributes, ctx: MatchContext): MatchResult {
  const none: MatchResult = { matches: false, resource: attr.resource, kind: attr.kind };
  for (const rule of rules) {
    if (rule && ruleMatches(rule, attr, attr.resource) && namesMatch(rule, attr.name)) return { matches: true, resource: attr.resource, kind: attr.kind };
  }
  if (matchPolicy !== "Equivalent") return none;
  for (const rule of rules) {
    for (const version of ctx.equivalentVersions(attr.resource)) {
      if (version === attr.resource.version) continue;
      const res = { ...attr.resource, version };
      if (rule && ruleMatches(rule, attr, res) && namesMatch(rule, attr.name)) {
        return { matches: true, resource: res, kind: { ...attr.kind, version } };
      }
    }
  }
  return none;
}

function labelsOf(o: KubeObject | null): Record<string, string> | undefined {
  return o?.metadata?.labels;
}

/** MatchNamespaceSelector: cluster-scoped objects other than Namespaces always match. */
function namespaceSelectorMatches(sel: LabelSelector, attr: Attributes, ctx: MatchContext): boolean | string {
  const isNamespaceResource = attr.resource.group === "" && attr.resource.resource === "namespaces";
  if (attr.namespace === "" && !isNamespaceResource) return true;
  if (sel.isEmpty()) return true;
  let labels: Record<string, string> | undefined;
  if (isNamespaceResource && attr.subresource === "" && (attr.operation === "CREATE" || attr.operation === "UPDATE")) {
    labels = labelsOf(attr.object);
  } else {
    const found = ctx.namespaceLabels(attr.namespace);
    if (found === undefined) return `namespaces "${attr.namespace}" not found`;
    labels = found;
  }
  return sel.matches(labels);
}

export function matchesResources(m: MatchResources, attr: Attributes, ctx: MatchContext): MatchResult {
  const none: MatchResult = { matches: false, resource: attr.resource, kind: attr.kind };
  const nsSel = selectorOf(m.namespaceSelector);
  const nsMatch = typeof nsSel === "string" ? nsSel : namespaceSelectorMatches(nsSel, attr, ctx);
  if (nsMatch === false) return none;
  const objSel = selectorOf(m.objectSelector);
  let objMatch: boolean | string;
  if (typeof objSel === "string") objMatch = objSel;
  else objMatch = objSel.isEmpty() || (attr.object !== null && objSel.matches(labelsOf(attr.object))) || (attr.oldObject !== null && objSel.matches(labelsOf(attr.oldObject)));
  if (objMatch === false) return none;
  if (matchesRules(m.excludeResourceRules ?? [], m.matchPolicy, attr, ctx).matches) return none;
  const result = m.resourceRules?.length ? matchesRules(m.resourceRules, m.matchPolicy, attr, ctx) : { matches: true, resource: attr.resource, kind: attr.kind };
  if (!result.matches) return none;
  if (typeof objMatch === "string") return { ...none, error: objMatch };
  if (typeof nsMatch === "string") return { ...none, error: nsMatch };
  return result;
}

/**
 * The "fences" a view draws around the Service address space: for every policy that is bound and
 * checks ServiceCIDR creates, the CIDRs its validations compare against. They come from CIDR string
 * literals in the policy's validations and variables (the docs' `allowed` list), or, when those read
 * `params`, from the CIDRs found in the bound param objects. A pure function of objects the page's
 * informer cache already holds; no CEL is evaluated.
 */
import type { KubeObject } from "../../machinery/object.ts";
import { LabelSelector } from "../../machinery/labels.ts";
import { parseCIDR } from "../../../cel/library/cidr.ts";
import type { MatchResources, NamedRuleWithOperations, ValidatingAdmissionPolicy } from "../../registry/validatingadmissionpolicy/types.ts";
import type { ValidatingAdmissionPolicyBinding } from "../../registry/validatingadmissionpolicybinding/types.ts";

export interface PolicyFence {
  policy: string;
  binding: string;
  validationActions: string[];
  failurePolicy: string;
  /** Masked, as `cidr(x).masked()` prints them: "10.96.0.0/16", "2001:db8::/64". */
  cidrs: string[];
  /** Where the CIDRs were found; "none" (with includeUnread) when nowhere. */
  source: "expression" | "params" | "none";
}

export interface FenceInput {
  policies: readonly ValidatingAdmissionPolicy[];
  bindings: readonly ValidatingAdmissionPolicyBinding[];
  /** Every object of a paramKind (all namespaces); leave out when params are unknown. */
  paramObjects?: (apiVersion: string, kind: string) => readonly KubeObject[];
  /** Also list bound policies whose ranges cannot be read off statically, with no CIDRs. */
  includeUnread?: boolean;
}

const SERVICE_CIDR_GROUP = "networking.k8s.io";

/** Whether a rule selects ServiceCIDR creates (names aside: a fence still stands for the names it covers). */
function ruleSelectsServiceCIDRs(r: NamedRuleWithOperations, equivalent: boolean): boolean {
  if (!(r.operations ?? []).some((o) => o === "*" || o === "CREATE")) return false;
  if (!(r.apiGroups ?? []).some((g) => g === "*" || g === SERVICE_CIDR_GROUP)) return false;
  // Under Equivalent, any version of the group reaches ServiceCIDR v1.
  if (!equivalent && !(r.apiVersions ?? []).some((v) => v === "*" || v === "v1")) return false;
  if (r.scope && r.scope !== "*" && r.scope !== "Cluster") return false;
  return (r.resources ?? []).some((res) => {
    const [name, sub = ""] = res.split("/", 2);
    return (name === "*" || name === "servicecidrs") && (sub === "" || sub === "*");
  });
}

function selectsServiceCIDRs(m: MatchResources | undefined, required: boolean): boolean {
  if (!m) return !required;
  const equivalent = (m.matchPolicy ?? "Equivalent") === "Equivalent";
  const excluded = (m.excludeResourceRules ?? []).some((r) => !r.resourceNames?.length && ruleSelectsServiceCIDRs(r, equivalent));
  if (excluded) return false;
  if (!m.resourceRules?.length) return !required;
  return m.resourceRules.some((r) => ruleSelectsServiceCIDRs(r, equivalent));
}

/** CEL string literals: quoted, raw and triple-quoted, with the common escapes undone. */
export function stringLiterals(expression: string): string[] {
  const out: string[] = [];
  const re = /([rR]?)(?:'''([\s\S]*?)'''|"""([\s\S]*?)"""|'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")/g;
  for (const m of expression.matchAll(re)) {
    const body = m[2] ?? m[3] ?? m[4] ?? m[5] ?? "";
    out.push(m[1] ? body : body.replace(/\\(.)/g, "$1"));
  }
  return out;
}

function maskedCIDR(text: string): string | undefined {
  const c = parseCIDR(text.trim());
  return typeof c === "string" ? undefined : c.masked().toString();
}

function addCIDRs(into: string[], candidates: Iterable<string>): void {
  for (const c of candidates) {
    const m = maskedCIDR(c);
    if (m && !into.includes(m)) into.push(m);
  }
}

/** Every string in an object, split on commas and blanks (a ConfigMap value may list several CIDRs). */
function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === "string") yield* value.split(/[\s,]+/).filter(Boolean);
  else if (Array.isArray(value)) for (const v of value) yield* stringsIn(v);
  else if (value && typeof value === "object") for (const v of Object.values(value)) yield* stringsIn(v);
}

function selectParams(binding: ValidatingAdmissionPolicyBinding, objects: readonly KubeObject[]): KubeObject[] {
  const ref = binding.spec?.paramRef;
  if (!ref) return [];
  const inNamespace = (o: KubeObject) => !ref.namespace || o.metadata.namespace === ref.namespace;
  if (ref.name) return objects.filter((o) => o.metadata.name === ref.name && inNamespace(o));
  if (!ref.selector) return [];
  try {
    const sel = LabelSelector.fromLabelSelector(ref.selector as Parameters<typeof LabelSelector.fromLabelSelector>[0]);
    return objects.filter((o) => inNamespace(o) && sel.matches(o.metadata.labels));
  } catch {
    return [];
  }
}

export function serviceCIDRFences(input: FenceInput): PolicyFence[] {
  const fences: PolicyFence[] = [];
  const policies = [...input.policies].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  for (const policy of policies) {
    const spec = policy.spec ?? {};
    if (!selectsServiceCIDRs(spec.matchConstraints, true)) continue;
    const expressions = [...(spec.variables ?? []).map((v) => v.expression ?? ""), ...(spec.validations ?? []).map((v) => v.expression ?? "")];
    const literal: string[] = [];
    for (const e of expressions) addCIDRs(literal, stringLiterals(e));
    const readsParams = expressions.some((e) => /\bparams\b/.test(e));
    const bindings = input.bindings
      .filter((b) => b.spec?.policyName === policy.metadata.name && (b.spec.validationActions?.length ?? 0) > 0)
      .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    for (const binding of bindings) {
      if (!selectsServiceCIDRs(binding.spec.matchResources, false)) continue;
      const base = {
        policy: policy.metadata.name!,
        binding: binding.metadata.name!,
        validationActions: [...(binding.spec.validationActions ?? [])],
        failurePolicy: spec.failurePolicy ?? "Fail",
      };
      if (literal.length) fences.push({ ...base, cidrs: [...literal], source: "expression" });
      if (readsParams && spec.paramKind && input.paramObjects) {
        const fromParams: string[] = [];
        const objects = input.paramObjects(spec.paramKind.apiVersion ?? "", spec.paramKind.kind ?? "");
        for (const p of selectParams(binding, objects)) {
          const { metadata: _m, apiVersion: _a, kind: _k, ...content } = p as KubeObject & Record<string, unknown>;
          addCIDRs(fromParams, stringsIn(content));
        }
        if (fromParams.length) fences.push({ ...base, cidrs: fromParams, source: "params" });
      }
      if (input.includeUnread && fences[fences.length - 1]?.binding !== base.binding) fences.push({ ...base, cidrs: [], source: "none" });
    }
  }
  return fences;
}

/** One fence as the views draw it: the CIDRs a bound policy lets ServiceCIDRs into. */
export interface Fence {
  policy: string;
  binding: string;
  /** The binding's validationActions: a Deny fence refuses, a Warn or Audit one only reports. */
  actions: string[];
  /** Empty when the policy's ranges cannot be read off statically (it may still refuse everything). */
  cidrs: string[];
}

/**
 * policyFences: for each binding of a policy that checks ServiceCIDR creates, the allowed CIDRs that
 * can be read off the policy without running it. This is a static reading, not an evaluation: it
 * collects the CIDR strings written in the policy's variables and validations (such as the docs'
 * `allowed: ['10.96.0.0/16','2001:db8::/64']` or `cidr('10.0.0.0/8')`) and, when `paramObjects` is
 * given, the CIDRs found in the params the binding selects. A policy that builds its ranges at run
 * time, or lists ranges it forbids, is drawn as written; the apiserver's answer is what counts. A
 * bound policy with no CIDR to read (the docs' deny-everything policy) comes with an empty list.
 */
export function policyFences(
  policies: readonly KubeObject[],
  bindings: readonly KubeObject[],
  paramObjects?: FenceInput["paramObjects"],
): Fence[] {
  const input: FenceInput = {
    policies: policies as readonly ValidatingAdmissionPolicy[],
    bindings: bindings as readonly ValidatingAdmissionPolicyBinding[],
    includeUnread: true,
    ...(paramObjects ? { paramObjects } : {}),
  };
  const out: Fence[] = [];
  for (const f of serviceCIDRFences(input)) {
    const last = out[out.length - 1];
    if (last && last.policy === f.policy && last.binding === f.binding) {
      for (const c of f.cidrs) if (!last.cidrs.includes(c)) last.cidrs.push(c);
    } else out.push({ policy: f.policy, binding: f.binding, actions: f.validationActions, cidrs: [...f.cidrs] });
  }
  return out;
}

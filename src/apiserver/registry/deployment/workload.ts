/**
 * What Deployments, ReplicaSets and DaemonSets share: template defaulting, selector/template
 * validation (pkg/apis/apps/validation), the CONTAINERS/IMAGES/SELECTOR cells of their tables, and
 * intstr percentages (k8s.io/apimachinery/pkg/util/intstr GetScaledValueFromIntOrPercent).
 */
import { field, FieldPath, type FieldError } from "../../machinery/errors.ts";
import { LabelSelector } from "../../machinery/labels.ts";
import { validateLabels } from "../../machinery/objectmeta.ts";
import { isQualifiedName } from "../../machinery/names.ts";
import { setPodSpecDefaults } from "../pod/defaults.ts";
import { validatePodSpec } from "../pod/validation.ts";
import type { LabelSelectorSpec, PodTemplateSpec } from "./types.ts";

export function setTemplateDefaults(template: PodTemplateSpec | undefined): void {
  if (!template) return;
  template.spec ??= { containers: [] };
  template.spec.containers ??= [];
  setPodSpecDefaults(template.spec);
}

/** LabelSelectorAsSelector(...).String(), or <invalid>. */
/** The machinery's selector type wants the operator as a union; the API object carries a string. */
type MetaSelector = Parameters<typeof LabelSelector.fromLabelSelector>[0];

export function selectorString(s: LabelSelectorSpec | undefined): string {
  try {
    return LabelSelector.fromLabelSelector(s as MetaSelector).toString();
  } catch {
    return "<invalid>";
  }
}

export function selectorOf(s: LabelSelectorSpec | undefined): LabelSelector {
  try {
    return LabelSelector.fromLabelSelector(s as MetaSelector);
  } catch {
    return LabelSelector.nothing();
  }
}

/** layoutContainerCells: names and images joined by commas. */
export function containerCells(template: PodTemplateSpec | undefined): [string, string] {
  const cs = template?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(","), cs.map((c) => c.image ?? "").join(",")];
}

/** ValidateLabelSelector (metav1validation) for the parts the sandbox meets. */
function validateLabelSelector(s: LabelSelectorSpec, path: FieldPath): FieldError[] {
  const errs = validateLabels(s.matchLabels, path.child("matchLabels"));
  (s.matchExpressions ?? []).forEach((e, i) => {
    const p = path.child("matchExpressions").index(i);
    for (const m of isQualifiedName(e.key ?? "")) errs.push(field.invalid(p.child("key"), e.key ?? "", m));
    if (!["In", "NotIn", "Exists", "DoesNotExist"].includes(e.operator)) errs.push(field.invalid(p.child("operator"), e.operator, "not a valid selector operator"));
  });
  return errs;
}

/**
 * The selector and template rules every apps controller has: a non-empty selector that matches the
 * template's labels, and a template whose pods restart Always.
 */
export function validateSelectorAndTemplate(selector: LabelSelectorSpec | undefined, template: PodTemplateSpec | undefined, kind: string, spec: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!selector) errs.push(field.required(spec.child("selector")));
  else {
    errs.push(...validateLabelSelector(selector, spec.child("selector")));
    if (!Object.keys(selector.matchLabels ?? {}).length && !(selector.matchExpressions ?? []).length) {
      errs.push(field.invalid(spec.child("selector"), selector, `empty selector is invalid for ${kind}`));
    }
  }
  const tpath = spec.child("template");
  if (!template) return [...errs, field.required(tpath)];
  const labels = template.metadata?.labels ?? {};
  if (selector && !errs.length && !selectorOf(selector).matches(labels)) {
    errs.push(field.invalid(tpath.child("metadata", "labels"), labels, "`selector` does not match template `labels`"));
  }
  errs.push(...validateLabels(template.metadata?.labels, tpath.child("metadata", "labels")));
  errs.push(...validatePodSpec(template.spec, tpath.child("spec")));
  if (template.spec?.restartPolicy && template.spec.restartPolicy !== "Always") {
    errs.push(field.notSupported(tpath.child("spec", "restartPolicy"), template.spec.restartPolicy, ["Always"]));
  }
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(field.invalid(tpath.child("spec", "activeDeadlineSeconds"), template.spec.activeDeadlineSeconds, "activeDeadlineSeconds in ReplicaSet is not Supported"));
  }
  return errs;
}

export function validateNonNegative(value: number | undefined, path: FieldPath): FieldError[] {
  return value !== undefined && value < 0 ? [field.invalid(path, value, "must be greater than or equal to 0")] : [];
}

/** GetScaledValueFromIntOrPercent: "25%" of total, rounded up or down; a number as itself. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** ValidatePositiveIntOrPercent + IsNotMoreThan100Percent for maxSurge and maxUnavailable. */
export function validateIntOrPercent(v: number | string | undefined, path: FieldPath): FieldError[] {
  if (v === undefined) return [];
  if (typeof v === "number") return v < 0 ? [field.invalid(path, v, "must be greater than or equal to 0")] : [];
  const m = /^(\d+)%$/.exec(v);
  if (!m) return [field.invalid(path, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  if (Number(m[1]) > 100) return [field.invalid(path, v, "must not be greater than 100%")];
  return [];
}

export { FieldPath };

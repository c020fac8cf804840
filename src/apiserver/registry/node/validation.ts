/** Node validation, ValidateNode and ValidateNodeUpdate in pkg/apis/core/validation/validation.go (v1.34). */
import { field, FieldError, FieldPath, goStruct } from "../../machinery/errors.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from "../../machinery/names.ts";
import { deepEqual } from "../../machinery/object.ts";
import { cidrProblems } from "../../machinery/ipvalidation.ts";
import { parseCIDRDetailed } from "../../../net/index.ts";
import type { Node, Taint } from "./types.ts";

const META = FieldPath.root("metadata");
const POD_CIDRS = FieldPath.root("spec").child("podCIDRs");
export const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;

/** validateTaintEffect(effect, allowEmpty=false). */
export function validateTaintEffect(effect: string | undefined, path: FieldPath): FieldError[] {
  if (!effect) return [field.required(path)];
  if (!(TAINT_EFFECTS as readonly string[]).includes(effect)) return [field.notSupported(path, effect, TAINT_EFFECTS)];
  return [];
}

/** validateNodeTaints: key, value, effect, and one taint per key and effect. */
export function validateNodeTaints(taints: readonly Taint[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const p = path.index(i);
    for (const m of isQualifiedName(t.key ?? "")) errs.push(field.invalid(p.child("key"), t.key ?? "", m));
    const valueErrs = isValidLabelValue(t.value ?? "");
    if (valueErrs.length) errs.push(field.invalid(p.child("value"), t.value ?? "", valueErrs.join(";")));
    errs.push(...validateTaintEffect(t.effect, p.child("effect")));
    const keys = seen.get(t.effect) ?? new Set<string>();
    if (keys.has(t.key)) {
      // The bad value is the internal core.Taint; TimeAdded is a nil *metav1.Time.
      const value = goStruct({ Key: t.key, Value: t.value ?? "", Effect: t.effect, TimeAdded: t.timeAdded ?? null });
      errs.push(new FieldError("FieldValueDuplicate", String(p), value, "taints must be unique by key and effect pair"));
      return;
    }
    keys.add(t.key);
    seen.set(t.effect, keys);
  });
  return errs;
}

function familyOf(text: string): string {
  return parseCIDRDetailed(text).cidr?.family ?? "";
}

export function validateNode(node: Node): FieldError[] {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain, META);
  // Upstream validates taints under the metadata path (fldPath.Child("taints") with fldPath = "metadata").
  if (node.spec?.taints?.length) errs.push(...validateNodeTaints(node.spec.taints, META.child("taints")));
  const cidrs = node.spec?.podCIDRs ?? [];
  // IsValidCIDRForLegacyField: sloppy forms (leading zeros, host bits) pass; only garbage fails.
  cidrs.forEach((c, i) => {
    if (!parseCIDRDetailed(c).cidr) errs.push(field.invalid(POD_CIDRS.index(i), c, cidrProblems("")[0]!));
  });
  if (cidrs.length > 1) {
    const fams = cidrs.map(familyOf);
    const dualStack = fams.includes("IPv4") && fams.includes("IPv6");
    if (!dualStack || cidrs.length > 2) errs.push(field.invalid(POD_CIDRS, cidrs, "may specify no more than one CIDR for each IP family"));
    const seen = new Set<string>();
    cidrs.forEach((c, i) => {
      if (seen.has(c)) errs.push(field.duplicate(POD_CIDRS.index(i), c));
      seen.add(c);
    });
  }
  return errs;
}

const NOT_FROM_EMPTY = 'node updates may not change podCIDR except from "" to valid';

export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errs = validateObjectMetaUpdate(node.metadata, old.metadata, META);
  const seen = new Set<string>();
  (node.status?.addresses ?? []).forEach((a, i) => {
    const key = `${a.type}/${a.address}`;
    if (seen.has(key)) errs.push(field.duplicate(FieldPath.root("status").child("addresses").index(i), goStruct({ Type: a.type, Address: a.address })));
    seen.add(key);
  });
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const newCIDRs = node.spec?.podCIDRs ?? [];
  if (oldCIDRs.length) {
    if (oldCIDRs.length !== newCIDRs.length) errs.push(field.forbidden(POD_CIDRS, NOT_FROM_EMPTY));
    else oldCIDRs.forEach((c, i) => c !== newCIDRs[i] && errs.push(field.forbidden(POD_CIDRS, NOT_FROM_EMPTY)));
  }
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
    errs.push(field.forbidden(FieldPath.root("spec").child("providerID"), 'node updates may not change providerID except from "" to valid'));
  }
  if (node.spec?.taints?.length) errs.push(...validateNodeTaints(node.spec.taints, META.child("taints")));
  // What is left of the spec once the fields a node may change are set aside must be unchanged.
  const rest = (n: Node, from: Node) => ({
    ...n.spec,
    unschedulable: undefined,
    taints: undefined,
    podCIDR: oldCIDRs.length ? n.spec?.podCIDR : undefined,
    podCIDRs: oldCIDRs.length ? n.spec?.podCIDRs : undefined,
    providerID: from.spec?.providerID ? n.spec?.providerID : undefined,
  });
  if (!deepEqual(rest(old, old), rest(node, old))) {
    errs.push(field.forbidden("", "node updates may only change labels, taints, or capacity (or configSource, if the NodeDynamicConfig feature is enabled)"));
  }
  return errs;
}

/**
 * The gogo-protobuf String() of a metav1.LabelSelector, which the PARAMREF column prints for a binding
 * that selects its params (k8s.io/apimachinery/pkg/apis/meta/v1/generated.pb.go):
 * `&LabelSelector{MatchLabels:map[string]string{env: test,},MatchExpressions:[]LabelSelectorRequirement{},}`.
 */
import type { MetaLabelSelector } from "../validatingadmissionpolicy/types.ts";

export function labelSelectorGoString(sel: MetaLabelSelector): string {
  const labels = sel.matchLabels ?? {};
  const keys = Object.keys(labels).sort();
  const map = `map[string]string{${keys.map((k) => `${k}: ${labels[k]},`).join("")}}`;
  const reqs = (sel.matchExpressions ?? [])
    .map((r) => `LabelSelectorRequirement{Key:${r.key},Operator:${r.operator},Values:[${(r.values ?? []).join(" ")}],},`)
    .join("");
  return `&LabelSelector{MatchLabels:${map},MatchExpressions:[]LabelSelectorRequirement{${reqs}},}`;
}

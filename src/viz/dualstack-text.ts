/**
 * The dual-stack view's words: what each row shows and what its aria-label says, in one place so the
 * drawing and what a screen reader hears never disagree. Pure, tested in Node.
 */
import type { Family } from "../net/index.ts";
import { fill, label, type LabelKey, type Labels } from "./labels.ts";
import type { FenceRow, FlagModel, RangeRow, ServiceRow } from "./dualstack-model-types.ts";

/** kube-apiserver's flag as it is written in the static pod manifest. */
export function flagText(flag: FlagModel): string {
  return `--service-cluster-ip-range=${flag.cidrs.join(",")}`;
}

export function flagSentence(flag: FlagModel, labels: Labels): string {
  const key: LabelKey = `ds.flag.${flag.state}`;
  return label(labels, key);
}

/** "ClusterIP · PreferDualStack · IPv4, IPv6" (and "headless" for a Service without ClusterIPs). */
export function serviceMeta(row: ServiceRow, labels: Labels): string {
  const parts = [row.type, row.policy || label(labels, "ds.policy.none"), row.families.join(", ")];
  if (row.headless) parts.push(label(labels, "ds.headless"));
  return parts.filter(Boolean).join(" · ");
}

export function serviceLabel(row: ServiceRow, labels: Labels): string {
  return `${row.key}: ${serviceMeta(row, labels)}`;
}

/** The other family of a pair. */
export function otherFamily(f: Family): Family {
  return f === "IPv4" ? "IPv6" : "IPv4";
}

/** What a Service's cell in one pane says: its IP, "headless", or that it has none of this family. */
export function chipText(row: ServiceRow, family: Family, labels: Labels): string {
  const ip = row.ips[family];
  if (ip) return ip;
  if (row.headless && row.families.includes(family)) return label(labels, "ds.headless");
  return fill(labels, "ds.noip", { family });
}

/** "IPv4 10.96.0.128, default/web, PreferDualStack, linked to fd00:10:96::a" */
export function chipLabel(row: ServiceRow, family: Family, labels: Labels): string {
  const parts = [`${family} ${chipText(row, family, labels)}`, row.key, row.policy || label(labels, "ds.policy.none")];
  const other = row.ips[otherFamily(family)];
  if (row.linked && other) parts.push(fill(labels, "ds.linked", { ip: other }));
  return parts.join(", ");
}

/** Beside the default ServiceCIDR's CIDR: where it came from, or how it differs from the flag. */
export function rangeFlagNote(r: RangeRow, labels: Labels): string {
  if (r.flagMatches === null) return "";
  if (r.flagMatches) return label(labels, "ds.flag.from");
  return r.flagCIDR ? fill(labels, "ds.flag.differs", { cidr: r.flagCIDR }) : label(labels, "ds.flag.absent");
}

export function fenceNote(r: RangeRow, labels: Labels): string {
  if (r.insideFence === null) return "";
  return label(labels, r.insideFence ? "ds.fence.inside" : "ds.fence.outside");
}

/** "kubernetes fd00:10:96::/112, from the flag, 2 IPs, inside the allowed ranges" */
export function rangeLabel(r: RangeRow, labels: Labels): string {
  const parts = [`${r.name} ${r.cidr}`];
  if (r.terminating) parts.push(label(labels, "legend.terminating"));
  const flag = rangeFlagNote(r, labels);
  if (flag) parts.push(flag);
  parts.push(fill(labels, "ds.ips", { count: r.marks.length }));
  const fence = fenceNote(r, labels);
  if (fence) parts.push(fence);
  return parts.join(", ");
}

/** "servicecidrs-default (Deny, Audit) allows 10.96.0.0/16" */
export function fenceText(f: FenceRow, labels: Labels): string {
  const values = { policy: f.policy, actions: f.actions.join(", "), cidrs: f.cidrs.join(", ") };
  return fill(labels, f.cidrs.length ? "ds.fence" : "ds.fence.none", values);
}

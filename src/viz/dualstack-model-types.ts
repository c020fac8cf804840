/**
 * The dual-stack view's model: the IPv4 and IPv6 address spaces side by side (the ServiceCIDR ranges of
 * each family, the apiserver flag they come from, the policy fences around them) and the Services whose
 * IPs sit in them, a dual-stack Service's two IPs on one row so they can be linked across the panes.
 * Plain data, no DOM: buildDualStackModel makes it and tests compare it directly.
 */
import type { Family } from "../net/index.ts";

/** How the default ServiceCIDR `kubernetes` stands against kube-apiserver's --service-cluster-ip-range. */
export type FlagState =
  /** Same CIDRs, in the same order. */
  | "match"
  /** They differ: the controller kept the old ranges (KubernetesDefaultServiceCIDRInconsistent). */
  | "inconsistent"
  /** The flag is known but there is no `kubernetes` ServiceCIDR (deleted, or not made yet). */
  | "missing"
  /** kube-apiserver is not running (restarting, or crash-looping on a bad flag). */
  | "down";

export interface FlagModel {
  /** The running kube-apiserver's --service-cluster-ip-range, split; empty when it is down. */
  cidrs: string[];
  /** spec.cidrs of the `kubernetes` ServiceCIDR; empty when there is none. */
  defaultCIDRs: string[];
  state: FlagState;
  /** The newest KubernetesDefaultServiceCIDRInconsistent event's message, when the state is inconsistent. */
  eventMessage: string | null;
}

/** A policy's allowed range over one ServiceCIDR's strip, as fractions of the strip (0..1). */
export interface FenceSpan {
  policy: string;
  binding: string;
  cidr: string;
  start: number;
  end: number;
}

/** A mark on a range's strip: one Service IP. */
export interface RangeMark {
  ip: string;
  /** `namespace/name` of the Service. */
  service: string;
  position: number;
}

export interface RangeRow {
  /** `name cidr`: unique, the key the view joins on. */
  id: string;
  name: string;
  cidr: string;
  family: Family;
  terminating: boolean;
  size: bigint;
  /** The `kubernetes` ServiceCIDR: the one the apiserver's flag makes. */
  isDefault: boolean;
  /** For the default ServiceCIDR: the flag's CIDR of this family, or null when the flag has none. */
  flagCIDR: string | null;
  /** For the default ServiceCIDR: whether this CIDR is what the flag says; null when unknown or not default. */
  flagMatches: boolean | null;
  marks: RangeMark[];
  fences: FenceSpan[];
  /** Whether some Deny fence of this family holds the whole range; null when no fence stands in this family. */
  insideFence: boolean | null;
}

export interface FenceRow {
  policy: string;
  binding: string;
  actions: string[];
  /** This family's allowed CIDRs; empty when the policy names no range (it may still refuse any new one). */
  cidrs: string[];
}

export interface PaneModel {
  family: Family;
  ranges: RangeRow[];
  fences: FenceRow[];
  /** The flag's CIDR of this family, when the apiserver runs with one. */
  flagCIDR: string | null;
}

export interface ServiceRow {
  /** `namespace/name` */
  key: string;
  namespace: string;
  name: string;
  type: string;
  /** spec.ipFamilyPolicy, or "" (ExternalName Services have none). */
  policy: string;
  families: Family[];
  headless: boolean;
  /** The ClusterIP of each family it holds. */
  ips: Partial<Record<Family, string>>;
  /** Both families hold an IP: the view links them across the panes. */
  linked: boolean;
}

export interface DualStackModel {
  /** Always two, IPv4 then IPv6, so the panes never swap or appear out of place. */
  panes: [PaneModel, PaneModel];
  services: ServiceRow[];
  /** Null when the page does not know the apiserver's flags. */
  flag: FlagModel | null;
}

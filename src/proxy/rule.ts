/**
 * One iptables rule as the kernel keeps it: the fixed IP header fields (-s, -d, -p), the match
 * extensions in the order they were given, and the target. iptables-save, iptables -L and the packet
 * tracer all print or walk this one structure, so they can never disagree about a rule.
 */
import type { Family } from "./types.ts";

export interface AddrMatch {
  /** Canonical "address/prefix" ("10.96.0.1/32", "10.244.0.0/16", "fd00::1/128"). */
  cidr: string;
  negate?: boolean;
}

export type Match =
  | { kind: "comment"; comment: string }
  /** -m tcp|udp|sctp, with --dport when given. */
  | { kind: "proto"; proto: string; dport?: number }
  /** -m statistic --mode random --probability P: P as kube-proxy wrote it, and as iptables prints it back. */
  | { kind: "statistic"; probability: string; printed: string }
  | { kind: "recent"; op: "set" | "rcheck"; name: string; seconds?: number; reap?: boolean }
  | { kind: "mark"; mark: string; negate?: boolean }
  | { kind: "addrtype"; srcType?: string; dstType?: string }
  | { kind: "conntrack"; ctstate: string; negate?: boolean }
  | { kind: "nfacct"; name: string };

export type Target =
  | { kind: "jump"; chain: string }
  | { kind: "DNAT"; to: string }
  /** MARK --set-xmark value/mask (what --or-mark and --xor-mark become in the kernel). */
  | { kind: "MARK"; value: number; mask: number }
  | { kind: "MASQUERADE"; randomFully?: boolean }
  | { kind: "REJECT"; rejectWith: string }
  | { kind: "ACCEPT" }
  | { kind: "DROP" }
  | { kind: "RETURN" };

export interface Rule {
  chain: string;
  src?: AddrMatch;
  dst?: AddrMatch;
  /** -p: lower-case protocol name. */
  proto?: string;
  matches: Match[];
  target?: Target;
}

export type TableName = "filter" | "nat" | "mangle";

export const BUILTIN_CHAINS: Record<TableName, readonly string[]> = {
  filter: ["INPUT", "FORWARD", "OUTPUT"],
  nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
  mangle: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"],
};

/** A host address as an iptables rule stores it: kube-proxy passes bare IPs, the kernel adds the mask. */
export function hostCIDR(ip: string, family: Family): string {
  return ip.includes("/") ? ip : `${ip}/${family === "IPv4" ? 32 : 128}`;
}

export function targetName(t: Target | undefined): string {
  if (!t) return "";
  return t.kind === "jump" ? t.chain : t.kind;
}

/** The target chain a rule jumps to, if it jumps to a user chain. */
export function jumpsTo(rule: Rule): string | undefined {
  return rule.target?.kind === "jump" ? rule.target.chain : undefined;
}

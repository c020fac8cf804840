/**
 * A rule in iptables-save syntax. iptables-save prints what the kernel holds, not what kube-proxy
 * wrote: addresses first with their mask (-d 10.96.0.1/32), then -p, then each match with its
 * canonical options (--or-mark 0x4000 comes back as --set-xmark 0x4000/0x4000). The option order
 * of each extension follows its save function in iptables' extensions/libxt_*.c.
 */
import type { Match, Rule, Target } from "./rule.ts";
import type { Family } from "./types.ts";

const NO_QUOTE = /^[A-Za-z0-9_-]+$/;

/** xtables_save_string: bare when safe, else double-quoted with ", \ and ' escaped. */
export function saveString(value: string): string {
  if (NO_QUOTE.test(value)) return ` ${value}`;
  return ` "${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

function hex(n: number): string {
  return `0x${(n >>> 0).toString(16)}`;
}

function recentMask(family: Family): string {
  return family === "IPv4" ? "255.255.255.255" : "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
}

function saveMatch(m: Match, family: Family): string {
  switch (m.kind) {
    case "comment":
      return ` -m comment --comment${saveString(m.comment)}`;
    case "proto":
      return ` -m ${m.proto}${m.dport !== undefined ? ` --dport ${m.dport}` : ""}`;
    case "statistic":
      return ` -m statistic --mode random --probability ${m.printed}`;
    case "recent": {
      let s = " -m recent";
      s += m.op === "set" ? " --set" : " --rcheck";
      if (m.seconds) s += ` --seconds ${m.seconds}`;
      if (m.reap) s += " --reap";
      return `${s} --name ${m.name} --mask ${recentMask(family)} --rsource`;
    }
    case "mark":
      return ` -m mark${m.negate ? " !" : ""} --mark ${m.mark}`;
    case "addrtype":
      return ` -m addrtype${m.srcType ? ` --src-type ${m.srcType}` : ""}${m.dstType ? ` --dst-type ${m.dstType}` : ""}`;
    case "conntrack":
      return ` -m conntrack${m.negate ? " !" : ""} --ctstate ${m.ctstate}`;
    case "nfacct":
      // libxt_nfacct prints its own leading space before the name: two spaces, as on real nodes.
      return ` -m nfacct --nfacct-name  ${m.name}`;
  }
}

function saveTarget(t: Target): string {
  switch (t.kind) {
    case "jump":
      return ` -j ${t.chain}`;
    case "DNAT":
      return ` -j DNAT --to-destination ${t.to}`;
    case "MARK":
      return ` -j MARK --set-xmark ${hex(t.value)}/${hex(t.mask)}`;
    case "MASQUERADE":
      return ` -j MASQUERADE${t.randomFully ? " --random-fully" : ""}`;
    case "REJECT":
      return ` -j REJECT --reject-with ${t.rejectWith}`;
    default:
      return ` -j ${t.kind}`;
  }
}

/** "-A CHAIN ..." exactly as iptables-save prints the rule. */
export function saveRule(rule: Rule, family: Family): string {
  let s = `-A ${rule.chain}`;
  if (rule.src) s += `${rule.src.negate ? " !" : ""} -s ${rule.src.cidr}`;
  if (rule.dst) s += `${rule.dst.negate ? " !" : ""} -d ${rule.dst.cidr}`;
  if (rule.proto) s += ` -p ${rule.proto}`;
  for (const m of rule.matches) s += saveMatch(m, family);
  if (rule.target) s += saveTarget(rule.target);
  return s;
}

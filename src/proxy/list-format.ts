/**
 * `iptables -L` layout: print_header and print_rule_details in iptables/xshared.c plus each
 * extension's print function (extensions/libxt_*.c). Columns are printf-padded and overflow rather
 * than truncate, so a KUBE-SVC chain name pushes the rest of its line right, as on a real node.
 */
import type { Match, Rule, Target } from "./rule.ts";
import { targetName } from "./rule.ts";
import type { Family } from "./types.ts";

export interface ListFormat {
  numeric: boolean;
  verbose: boolean;
  lineNumbers: boolean;
  /** Exact counters (-x); all counters are 0 here, so it only changes column widths. */
  exact: boolean;
  family: Family;
  /** iptables version, which decides how the protocol column prints. */
  version: string;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const padLeft = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

/** Service names a Debian or Ubuntu node's /etc/services gives the ports kube-proxy uses most. */
const SERVICES: Record<string, Record<number, string>> = {
  tcp: { 22: "ssh", 53: "domain", 80: "http", 443: "https", 3306: "mysql", 5432: "postgresql", 8080: "http-alt" },
  udp: { 53: "domain", 123: "ntp" },
};

function portName(port: number, proto: string, numeric: boolean): string {
  return (!numeric && SERVICES[proto]?.[port]) || String(port);
}

function versionAtLeast(version: string, want: [number, number, number]): boolean {
  const parts = version.split(".").map((p) => parseInt(p, 10) || 0);
  for (let i = 0; i < 3; i++) {
    const a = parts[i] ?? 0;
    if (a !== want[i]) return a > want[i]!;
  }
  return true;
}

export function chainHeader(chain: string, policy: string | undefined, refs: number, f: ListFormat): string {
  let s = `Chain ${chain}`;
  if (policy) s += f.verbose ? ` (policy ${policy} 0 packets, 0 bytes)` : ` (policy ${policy})`;
  else s += ` (${refs} references)`;
  let h = "";
  if (f.lineNumbers) h += pad("num", 4) + " ";
  if (f.verbose) {
    if (f.exact) h += padLeft("pkts", 8) + " " + padLeft("bytes", 10) + " ";
    else h += padLeft("pkts", 5) + " " + padLeft("bytes", 5) + " ";
  }
  h += pad("target", 9) + " ";
  h += " prot ";
  h += "opt";
  if (f.verbose) h += " " + pad("in", 6) + " " + pad("out", 6) + " ";
  h += " " + pad("source", 19) + " ";
  h += " " + pad("destination", 19) + " ";
  return `${s}\n${h}`;
}

function protoName(proto: string | undefined, f: ListFormat): string {
  const p = proto ?? "all";
  // iptables 1.8.9 printed protocol numbers under -n; 1.8.10 went back to names.
  if (f.numeric && f.version === "1.8.9") return String({ all: 0, tcp: 6, udp: 17, sctp: 132 }[p] ?? p);
  return p;
}

function address(cidr: string | undefined, f: ListFormat): string {
  const any = f.family === "IPv4" ? "0.0.0.0/0" : "::/0";
  const c = cidr ?? any;
  const [ip, prefix] = c.split("/") as [string, string];
  const full = f.family === "IPv4" ? "32" : "128";
  if (!f.numeric) {
    if (prefix === "0") return "anywhere";
    // /etc/networks on Debian and Ubuntu names 127.0.0.0 "loopback"; other addresses have no names here.
    if (ip === "127.0.0.0") return `loopback/${prefix}`;
  }
  return prefix === full ? ip : `${ip}/${prefix}`;
}

function printMatch(m: Match, f: ListFormat): string {
  switch (m.kind) {
    case "comment":
      return ` /* ${m.comment} */`;
    case "proto":
      return ` ${m.proto}${m.dport !== undefined ? ` dpt:${portName(m.dport, m.proto, f.numeric)}` : ""}`;
    case "statistic":
      return ` statistic mode random probability ${m.printed}`;
    case "recent": {
      let s = " recent:";
      s += m.op === "set" ? " SET" : " CHECK";
      if (m.seconds) s += ` seconds: ${m.seconds}`;
      if (m.reap) s += " reap";
      s += ` name: ${m.name} side: source`;
      s += ` mask: ${f.family === "IPv4" ? "255.255.255.255" : "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}`;
      return s;
    }
    case "mark":
      return ` mark match${m.negate ? " !" : ""} ${m.mark}`;
    case "addrtype":
      return ` ADDRTYPE match${m.srcType ? ` src-type ${m.srcType}` : ""}${m.dstType ? ` dst-type ${m.dstType}` : ""}`;
    case "conntrack":
      return `${m.negate ? " !" : ""} ctstate ${m.ctstate}`;
    case "nfacct":
      return ` nfacct-name  ${m.name}`;
  }
}

function printTarget(t: Target | undefined): string {
  if (!t) return "";
  switch (t.kind) {
    case "DNAT":
      return ` to:${t.to}`;
    case "MARK":
      if (t.value === t.mask) return ` MARK or 0x${t.value.toString(16)}`;
      if (t.mask === 0) return ` MARK xor 0x${t.value.toString(16)}`;
      return ` MARK xset 0x${t.value.toString(16)}/0x${t.mask.toString(16)}`;
    case "MASQUERADE":
      return t.randomFully ? " random-fully" : "";
    case "REJECT":
      return ` reject-with ${t.rejectWith}`;
    default:
      return "";
  }
}

/** One rule line of `iptables -L` (without its newline). */
export function listRule(rule: Rule, lineNumber: number, f: ListFormat): string {
  let s = "";
  if (f.lineNumbers) s += pad(String(lineNumber), 4) + " ";
  if (f.verbose) s += f.exact ? padLeft("0", 8) + " " + padLeft("0", 10) + " " : padLeft("0", 5) + " " + padLeft("0", 5) + " ";
  s += pad(targetName(rule.target), 9) + " ";
  s += " ";
  const p = protoName(rule.proto, f);
  // 1.8.7 printed "%-5s" with no separator; 1.8.8 on print "%-4s " (same width, keeps one space).
  s += versionAtLeast(f.version, [1, 8, 8]) ? pad(p, 4) + " " : pad(p, 5);
  // The fragment column exists only for IPv4; ip6tables prints two blanks there.
  s += (f.family === "IPv4" ? "--" : "  ") + " ";
  if (f.verbose) {
    const any = f.numeric ? "*" : "any";
    s += " " + pad(any, 6) + " " + pad(any, 6) + " ";
  }
  s += (rule.src?.negate ? "!" : " ") + pad(address(rule.src?.cidr, f), 19) + " ";
  s += (rule.dst?.negate ? "!" : " ") + pad(address(rule.dst?.cidr, f), 19) + " ";
  for (const m of rule.matches) s += printMatch(m, f);
  s += printTarget(rule.target);
  return s;
}

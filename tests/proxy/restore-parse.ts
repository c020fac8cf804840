/**
 * Reads the iptables-restore lines kube-proxy writes (the syntax of upstream proxier_test.go
 * expectations) into the sandbox's Rule structure, so upstream dumps can be compared rule for rule.
 * Only the options kube-proxy uses are understood.
 */
import { printedProbability } from "../../src/proxy/probability.ts";
import type { Match, Rule } from "../../src/proxy/rule.ts";
import type { Family } from "../../src/proxy/types.ts";

function tokenize(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push(m[1] !== undefined ? m[1] : m[2]!);
  return out;
}

const host = (ip: string, family: Family) => (ip.includes("/") ? ip : `${ip}/${family === "IPv4" ? 32 : 128}`);

export function parseRestoreRule(line: string, family: Family = "IPv4"): Rule {
  const t = tokenize(line);
  if (t[0] !== "-A") throw new Error(`not a rule: ${line}`);
  const rule: Rule = { chain: t[1]!, matches: [] };
  let negate = false;
  let current: Match | undefined;
  for (let i = 2; i < t.length; i++) {
    const a = t[i]!;
    const next = () => t[++i]!;
    if (a === "!") { negate = true; continue; }
    switch (a) {
      case "-s": rule.src = { cidr: host(next(), family), ...(negate ? { negate: true } : {}) }; break;
      case "-d": rule.dst = { cidr: host(next(), family), ...(negate ? { negate: true } : {}) }; break;
      case "-p": rule.proto = next(); break;
      case "-m": {
        const name = next();
        if (name === "tcp" || name === "udp" || name === "sctp") current = { kind: "proto", proto: name };
        else if (name === "comment") current = { kind: "comment", comment: "" };
        else if (name === "statistic") current = { kind: "statistic", probability: "", printed: "" };
        else if (name === "recent") current = { kind: "recent", op: "set", name: "" };
        else if (name === "mark") current = { kind: "mark", mark: "" };
        else if (name === "addrtype") current = { kind: "addrtype" };
        else if (name === "conntrack") current = { kind: "conntrack", ctstate: "" };
        else if (name === "nfacct") current = { kind: "nfacct", name: "" };
        else throw new Error(`match ${name}`);
        rule.matches.push(current);
        break;
      }
      case "--comment": (current as { comment: string }).comment = next(); break;
      case "--dport": (current as { dport?: number }).dport = Number(next()); break;
      case "--mode": next(); break;
      case "--probability": {
        const p = next();
        Object.assign(current!, { probability: p, printed: printedProbability(p) });
        break;
      }
      case "--name": (current as { name: string }).name = next(); break;
      case "--set": (current as { op: string }).op = "set"; break;
      case "--rcheck": (current as { op: string }).op = "rcheck"; break;
      case "--seconds": (current as { seconds?: number }).seconds = Number(next()); break;
      case "--reap": (current as { reap?: boolean }).reap = true; break;
      case "--mark": Object.assign(current!, { mark: next(), ...(negate ? { negate: true } : {}) }); break;
      case "--dst-type": (current as { dstType?: string }).dstType = next(); break;
      case "--src-type": (current as { srcType?: string }).srcType = next(); break;
      case "--ctstate": Object.assign(current!, { ctstate: next(), ...(negate ? { negate: true } : {}) }); break;
      case "--nfacct-name": (current as { name: string }).name = next(); break;
      case "-j": {
        const j = next();
        if (j === "DNAT") rule.target = { kind: "DNAT", to: "" };
        else if (j === "MARK") rule.target = { kind: "MARK", value: 0, mask: 0 };
        else if (j === "MASQUERADE") rule.target = { kind: "MASQUERADE" };
        else if (j === "REJECT") rule.target = { kind: "REJECT", rejectWith: family === "IPv4" ? "icmp-port-unreachable" : "icmp6-port-unreachable" };
        else if (j === "ACCEPT" || j === "DROP" || j === "RETURN") rule.target = { kind: j };
        else rule.target = { kind: "jump", chain: j };
        break;
      }
      case "--to-destination": (rule.target as { to: string }).to = next(); break;
      case "--or-mark": { const v = parseInt(next(), 16); rule.target = { kind: "MARK", value: v, mask: v }; break; }
      case "--xor-mark": { const v = parseInt(next(), 16); rule.target = { kind: "MARK", value: v, mask: 0 }; break; }
      case "--random-fully": rule.target = { kind: "MASQUERADE", randomFully: true }; break;
      default: throw new Error(`option ${a} in ${line}`);
    }
    negate = false;
  }
  return rule;
}

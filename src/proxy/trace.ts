/**
 * tracePacket follows one connection the way the kernel would: the DNS answer for a Service name,
 * the source node's nat PREROUTING (a pod) or OUTPUT (the node itself) into KUBE-SERVICES, the
 * KUBE-SVC chain's statistic rules drawing from the given random source, the chosen KUBE-SEP's DNAT,
 * POSTROUTING's masquerade, and the routes to the node that holds the endpoint's pod range. In IPVS
 * mode the virtual server on kube-ipvs0 picks the real server instead. Every rule step carries the
 * rule as iptables-save prints it, so the trace and `iptables-save` can be read side by side.
 */
import { parseCIDRDetailed, parseIPSloppy } from "../net/index.ts";
import type { EndpointInfo } from "./endpoints.ts";
import type { FamilyProxier } from "./family-proxier.ts";
import { virtualServers } from "./ipvs.ts";
import { KUBE_MARK_MASQ, KUBE_SERVICES } from "./iptables-rules.ts";
import type { NodeProxier } from "./node-proxier.ts";
import { formatRoute, lookupRoute, nodeRoutes, type NodeNetInput } from "./node-net.ts";
import { matchChance, printedProbability } from "./probability.ts";
import { jumpsTo, type Rule } from "./rule.ts";
import { saveRule } from "./save-format.ts";
import type { Family } from "./types.ts";

export type TraceStep =
  | { kind: "dns"; name: string; fqdn?: string; answer: string[] }
  | { kind: "enter"; node: string; chain: "PREROUTING" | "OUTPUT"; rule: string }
  | { kind: "match"; node: string; chain: string; line: number; rule: string; target: string }
  | { kind: "masquerade-check"; chain: string; rule: string; matched: boolean }
  | { kind: "affinity-check"; chain: string; rule: string; matched: boolean }
  | { kind: "statistic"; chain: string; rule: string; probability: string; draw: number; matched: boolean }
  | { kind: "jump"; chain: string; rule: string; target: string }
  | { kind: "dnat"; chain: string; rule: string; from: string; to: string }
  | { kind: "reject"; chain: string; rule: string }
  | { kind: "ipvs"; node: string; virtualServer: string; realServer: string }
  | { kind: "snat"; rule: string; from: string; to: string }
  | { kind: "route"; node: string; destination: string; route: string; nextHopNode?: string }
  | { kind: "cloud-route"; routeTable: string; addressPrefix: string; nextHopIpAddress: string; node: string }
  | { kind: "deliver"; node: string; endpoint: string; pod?: string }
  | { kind: "unreachable"; reason: string };

export interface TraceResult {
  steps: TraceStep[];
  outcome: "delivered" | "refused" | "unresolved" | "no-service" | "unreachable";
  /** The endpoint the connection reached, when it did. */
  endpoint?: { ip: string; port: number; node: string; pod?: string };
  /** The source address the endpoint sees (the node's IP when the packet was masqueraded). */
  sourceSeen?: string;
}

export interface TraceInput {
  /** A pod (its IP and node) or a node itself (hostNetwork, `ssh NODE curl ...`). */
  from: { node: string; podIP?: string; namespace?: string };
  /** "web", "web.default", "web:8080", "http://web.default.svc.cluster.local/", "10.96.0.10:53". */
  to: string;
  port?: number;
  protocol?: "TCP" | "UDP" | "SCTP";
  /** Uniform in [0, 1): the statistic match draws once per rule it evaluates, as the kernel does. */
  random: () => number;
  /** The cluster DNS: name and the client's namespace to an answer (undefined for NXDOMAIN). */
  resolve?: (name: string, namespace: string) => { fqdn: string; ips: string[] } | undefined;
}

export interface TraceWorld {
  node(name: string): NodeProxier | undefined;
  /** The network model of a node, for its routes. */
  net(name: string): NodeNetInput | undefined;
  /** The cloud route table (AKS kubenet UDRs): podCIDR to node IP. */
  cloudRoutes?: { name: string; table: string; addressPrefix: string; nextHopIpAddress: string }[];
}

function parseTarget(to: string, port?: number): { host: string; port: number } {
  let s = to;
  let defPort = port ?? 80;
  const scheme = /^([a-z]+):\/\//i.exec(s);
  if (scheme) {
    if (port === undefined && scheme[1]!.toLowerCase() === "https") defPort = 443;
    s = s.slice(scheme[0].length);
  }
  s = s.split("/")[0]!;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) return { host: v6[1]!, port: v6[2] ? Number(v6[2]) : defPort };
  const colon = s.lastIndexOf(":");
  if (colon > 0 && s.indexOf(":") === colon) return { host: s.slice(0, colon), port: Number(s.slice(colon + 1)) };
  return { host: s, port: defPort };
}

function cidrHas(cidr: string, ip: string): boolean {
  const c = parseCIDRDetailed(cidr).cidr;
  const a = parseIPSloppy(ip);
  return !!c && !!a && c.family === a.family && c.contains(a);
}

/** Whether a rule's -s/-d/-p/--dport (and addrtype LOCAL) match the packet. */
function ruleMatches(rule: Rule, pkt: { src: string; dst: string; proto: string; dport: number }, isLocal: (ip: string) => boolean): boolean {
  if (rule.src && cidrHas(rule.src.cidr, pkt.src) === !!rule.src.negate) return false;
  if (rule.dst && cidrHas(rule.dst.cidr, pkt.dst) === !!rule.dst.negate) return false;
  if (rule.proto && rule.proto !== pkt.proto) return false;
  for (const m of rule.matches) {
    if (m.kind === "proto" && m.dport !== undefined && m.dport !== pkt.dport) return false;
    if (m.kind === "addrtype" && m.dstType === "LOCAL" && !isLocal(pkt.dst)) return false;
    if (m.kind === "addrtype" && m.srcType === "LOCAL" && !isLocal(pkt.src)) return false;
  }
  return true;
}

function findEndpoint(fp: FamilyProxier, sepChain: string): EndpointInfo | undefined {
  for (const info of fp.ports()) {
    const ep = fp.endpointsOf(info).find((e) => e.chain === sepChain);
    if (ep) return ep;
  }
  return undefined;
}

export function tracePacket(world: TraceWorld, input: TraceInput): TraceResult {
  const steps: TraceStep[] = [];
  const src = world.node(input.from.node);
  if (!src) return { steps: [{ kind: "unreachable", reason: `no node ${input.from.node}` }], outcome: "unreachable" };
  const target = parseTarget(input.to, input.port);
  const proto = (input.protocol ?? "TCP").toLowerCase();

  let dstIP = parseIPSloppy(target.host)?.toString();
  if (!dstIP) {
    const ans = input.resolve?.(target.host, input.from.namespace ?? "default");
    steps.push({ kind: "dns", name: target.host, fqdn: ans?.fqdn, answer: ans?.ips ?? [] });
    if (!ans || ans.ips.length === 0) return { steps, outcome: "unresolved" };
    dstIP = ans.ips[0]!;
  }
  const family: Family = dstIP.includes(":") ? "IPv6" : "IPv4";
  const nodeIP = src.env.nodeIPs[family] ?? "";
  const srcIP = input.from.podIP ?? nodeIP;
  const pkt = { src: srcIP, dst: dstIP, proto, dport: target.port };
  const localAddrs = new Set([...(src.env.localAddresses ?? []), ...Object.values(src.env.nodeIPs)]);
  const isLocal = (ip: string) => localAddrs.has(ip) || ip.startsWith("127.");

  let endpoint: { ip: string; port: number; node: string; pod?: string } | undefined;
  let masquerade = false;

  if (src.mode === "ipvs") {
    const vs = virtualServers(src).find((v) => v.address === dstIP && v.port === target.port && v.protocol.toLowerCase() === proto);
    if (!vs) return { steps, outcome: "no-service" };
    const vsText = `${vs.protocol}  ${vs.family === "IPv6" ? `[${vs.address}]` : vs.address}:${vs.port} ${vs.scheduler}`;
    if (vs.realServers.length === 0) {
      steps.push({ kind: "ipvs", node: src.nodeName, virtualServer: vsText, realServer: "" });
      return { steps, outcome: "refused" };
    }
    const rs = vs.realServers[Math.floor(input.random() * vs.realServers.length)]!;
    steps.push({ kind: "ipvs", node: src.nodeName, virtualServer: vsText, realServer: `${rs.address}:${rs.port}` });
    const fp = src.family(family);
    const ep = [...fp.ports()].flatMap((i) => fp.endpointsOf(i)).find((e) => e.ip === rs.address && e.port === rs.port);
    endpoint = { ip: rs.address, port: rs.port, node: ep?.nodeName ?? "", pod: ep?.targetRef };
    masquerade = !input.from.podIP;
  } else {
    const fp = src.family(family);
    const entryChain = input.from.podIP ? "PREROUTING" : "OUTPUT";
    const entry = fp.chainRules("nat", entryChain)?.find((r) => jumpsTo(r) === KUBE_SERVICES);
    if (entry) steps.push({ kind: "enter", node: src.nodeName, chain: entryChain, rule: saveRule(entry, family) });
    const services = fp.chainRules("nat", KUBE_SERVICES) ?? [];
    const idx = services.findIndex((r) => ruleMatches(r, pkt, isLocal));
    const hit = idx >= 0 ? services[idx]! : undefined;
    if (!hit || jumpsTo(hit) === "KUBE-NODEPORTS" && !isLocal(dstIP)) {
      const reject = (fp.chainRules("filter", KUBE_SERVICES) ?? []).find((r) => ruleMatches(r, pkt, isLocal));
      if (reject) {
        steps.push({ kind: "reject", chain: KUBE_SERVICES, rule: saveRule(reject, family) });
        return { steps, outcome: "refused" };
      }
      return { steps, outcome: "no-service" };
    }
    steps.push({ kind: "match", node: src.nodeName, chain: KUBE_SERVICES, line: idx + 1, rule: saveRule(hit, family), target: jumpsTo(hit)! });

    let chain = jumpsTo(hit)!;
    let sep: string | undefined;
    // Walk KUBE-EXT / KUBE-FW / KUBE-SVC / KUBE-SVL chains until a KUBE-SEP is chosen.
    for (let hops = 0; hops < 8 && !sep; hops++) {
      const rules = fp.chainRules("nat", chain) ?? [];
      let next: string | undefined;
      for (const r of rules) {
        const text = saveRule(r, family);
        const to = jumpsTo(r);
        if (to === KUBE_MARK_MASQ) {
          const matched = ruleMatches(r, pkt, isLocal);
          steps.push({ kind: "masquerade-check", chain, rule: text, matched });
          if (matched) masquerade = true;
          continue;
        }
        if (r.matches.some((m) => m.kind === "recent")) {
          // A first connection has no affinity entry yet, so the recent check never matches here.
          steps.push({ kind: "affinity-check", chain, rule: text, matched: false });
          continue;
        }
        if (!ruleMatches(r, pkt, isLocal)) continue;
        const stat = r.matches.find((m) => m.kind === "statistic");
        if (stat && stat.kind === "statistic") {
          const draw = input.random();
          const matched = draw < matchChance(stat.probability);
          steps.push({ kind: "statistic", chain, rule: text, probability: printedProbability(stat.probability), draw, matched });
          if (!matched) continue;
        }
        if (!to) continue;
        if (to.startsWith("KUBE-SEP-")) {
          steps.push({ kind: "jump", chain, rule: text, target: to });
          sep = to;
        } else {
          steps.push({ kind: "jump", chain, rule: text, target: to });
          next = to;
        }
        break;
      }
      if (sep) break;
      if (!next) return { steps, outcome: "unreachable" };
      chain = next;
    }
    if (!sep) return { steps, outcome: "unreachable" };
    const sepRules = fp.chainRules("nat", sep) ?? [];
    for (const r of sepRules) {
      const text = saveRule(r, family);
      if (jumpsTo(r) === KUBE_MARK_MASQ) {
        const matched = ruleMatches(r, pkt, isLocal);
        steps.push({ kind: "masquerade-check", chain: sep, rule: text, matched });
        if (matched) masquerade = true;
      } else if (r.target?.kind === "DNAT") {
        steps.push({ kind: "dnat", chain: sep, rule: text, from: `${family === "IPv6" ? `[${dstIP}]` : dstIP}:${target.port}`, to: r.target.to });
      }
    }
    const ep = findEndpoint(fp, sep);
    if (!ep) return { steps, outcome: "unreachable" };
    endpoint = { ip: ep.ip, port: ep.port, node: ep.nodeName, pod: ep.targetRef };
  }

  if (masquerade) {
    const post = src.mode === "iptables" ? src.family(family).chainRules("nat", "KUBE-POSTROUTING")?.find((r) => r.target?.kind === "MASQUERADE") : undefined;
    steps.push({ kind: "snat", rule: post ? saveRule(post, family) : "", from: srcIP, to: nodeIP });
  }

  // Routing: the source node's table, then the cloud's route table where the node only knows its gateway.
  const net = world.net(src.nodeName);
  let deliveredOn = src.nodeName;
  if (net) {
    const route = lookupRoute(nodeRoutes(net), endpoint.ip);
    if (!route) {
      steps.push({ kind: "unreachable", reason: `no route to ${endpoint.ip}` });
      return { steps, outcome: "unreachable", endpoint };
    }
    steps.push({ kind: "route", node: src.nodeName, destination: endpoint.ip, route: formatRoute(route), nextHopNode: route.toNode });
    if (route.toNode) deliveredOn = route.toNode;
    else if (route.dst === "default") {
      const udr = (world.cloudRoutes ?? []).find((c) => cidrHas(c.addressPrefix, endpoint!.ip));
      if (udr) {
        steps.push({ kind: "cloud-route", routeTable: udr.table, addressPrefix: udr.addressPrefix, nextHopIpAddress: udr.nextHopIpAddress, node: udr.name });
        deliveredOn = udr.name;
      } else {
        deliveredOn = endpoint.node;
      }
    }
  }
  steps.push({ kind: "deliver", node: deliveredOn || endpoint.node, endpoint: `${endpoint.ip}:${endpoint.port}`, pod: endpoint.pod });
  return { steps, outcome: "delivered", endpoint, sourceSeen: masquerade ? nodeIP : srcIP };
}

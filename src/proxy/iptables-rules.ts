/**
 * The rules kube-proxy's iptables mode writes, ported from syncProxyRules and
 * writeServiceToEndpointRules in pkg/proxy/iptables/proxier.go (v1.34). `servicePortRules` is the
 * body of the per-service-port loop, a pure function of one port and its endpoints: the proxier state
 * calls it only for ports whose Service or EndpointSlices changed, as kube-proxy's partial sync does.
 */
import { parseCIDRDetailed, parseIPSloppy } from "../net/index.ts";
import { categorizeEndpoints, type EndpointInfo } from "./endpoints.ts";
import { computeProbability, printedProbability } from "./probability.ts";
import { hostCIDR, type Match, type Rule, type TableName } from "./rule.ts";
import { externallyAccessible, usesClusterEndpoints, usesLocalEndpoints, type ServicePortInfo } from "./service-port.ts";
import type { Family } from "./types.ts";

export const KUBE_SERVICES = "KUBE-SERVICES";
export const KUBE_EXTERNAL_SERVICES = "KUBE-EXTERNAL-SERVICES";
export const KUBE_NODEPORTS = "KUBE-NODEPORTS";
export const KUBE_POSTROUTING = "KUBE-POSTROUTING";
export const KUBE_MARK_MASQ = "KUBE-MARK-MASQ";
export const KUBE_FORWARD = "KUBE-FORWARD";
export const KUBE_PROXY_FIREWALL = "KUBE-PROXY-FIREWALL";
export const KUBE_PROXY_CANARY = "KUBE-PROXY-CANARY";
export const KUBE_FIREWALL = "KUBE-FIREWALL";
export const KUBE_KUBELET_CANARY = "KUBE-KUBELET-CANARY";
export const KUBE_IPTABLES_HINT = "KUBE-IPTABLES-HINT";

/** largeClusterEndpointsThreshold: past this many endpoints kube-proxy drops per-endpoint comments. */
export const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

/** metrics.LocalhostNodePortAcceptedNFAcctCounter and IPTablesCTStateInvalidDroppedNFAcctCounter. */
export const NFACCT_LOCALHOST_NODEPORTS = "localhost_nps_accepted_pkts";
export const NFACCT_CT_INVALID = "ct_state_invalid_dropped_pkts";

export interface FamilyContext {
  family: Family;
  masqueradeAll: boolean;
  /** 1 << masqueradeBit. */
  masqueradeMark: number;
  /** The clusterCIDR of this family: kube-proxy's detect-local "ClusterCIDR" mode; none disables it. */
  localCIDR?: string;
  /** localhostNodePorts as it ends up for this family (never for IPv6). */
  localhostNodePorts: boolean;
  nfacct: boolean;
  /** iptables.HasRandomFully(): MASQUERADE gets --random-fully when iptables and the kernel have it. */
  randomFully?: boolean;
  conntrackTCPLiberal: boolean;
  nodeIP?: string;
  largeClusterMode: boolean;
  /**
   * The statistic match for endpoint i of n; FamilyProxier precomputes these per n, as kube-proxy's
   * precomputedProbabilities does, because formatting them is the costliest part of a rule.
   */
  statistic?: (n: number) => Match;
}

/** What one service port contributes, in the order kube-proxy writes it. */
export interface ServicePortRules {
  nat: Rule[];
  filter: Rule[];
  /** Per-service nat chains this port declares (SVC, SVL, EXT, FW, SEP), in declaration order. */
  natChains: string[];
  /** Endpoints counted towards largeClusterMode (all endpoints of the port). */
  endpointCount: number;
}

function comment(text: string): Match {
  return { kind: "comment", comment: text };
}

function maskText(mark: number): string {
  const h = `0x${mark.toString(16)}`;
  return `${h}/${h}`;
}

/** rejectWith: REJECT's default, per family. */
function rejectWith(family: Family): string {
  return family === "IPv4" ? "icmp-port-unreachable" : "icmp6-port-unreachable";
}

/** The rules of one service port. `endpoints` are all endpoints of the port, sorted. */
export function servicePortRules(info: ServicePortInfo, endpoints: readonly EndpointInfo[], ctx: FamilyContext): ServicePortRules {
  const nat: Rule[] = [];
  const filter: Rule[] = [];
  const natChains: string[] = [];
  const { family } = ctx;
  const proto = info.proto;
  const name = info.nameString;
  const host = (ip: string) => hostCIDR(ip, family);
  const portMatch = (dport?: number): Match => ({ kind: "proto", proto, dport });

  const { clusterEndpoints, localEndpoints, allReachableEndpoints, hasAnyEndpoints: hasEndpoints } = categorizeEndpoints(endpoints, info);

  const clusterPolicyChain = info.clusterPolicyChain;
  const usesClusterPolicyChain = clusterEndpoints.length > 0 && usesClusterEndpoints(info);
  const localPolicyChain = info.localPolicyChain;
  const usesLocalPolicyChain = localEndpoints.length > 0 && usesLocalEndpoints(info);

  let internalTrafficChain = clusterPolicyChain;
  let hasInternalEndpoints = hasEndpoints;
  if (info.internalPolicyLocal) {
    internalTrafficChain = localPolicyChain;
    if (localEndpoints.length === 0) hasInternalEndpoints = false;
  }
  let externalPolicyChain = clusterPolicyChain;
  let hasExternalEndpoints = hasEndpoints;
  if (info.externalPolicyLocal) {
    externalPolicyChain = localPolicyChain;
    if (localEndpoints.length === 0) hasExternalEndpoints = false;
  }
  const externalTrafficChain = info.externalChain;
  const usesExternalTrafficChain = hasEndpoints && externallyAccessible(info);

  let loadBalancerTrafficChain = externalTrafficChain;
  const fwChain = info.firewallChain;
  const usesFWChain = hasEndpoints && info.loadBalancerVIPs.length > 0 && info.loadBalancerSourceRanges.length > 0;
  if (usesFWChain) loadBalancerTrafficChain = fwChain;

  let internalFilterTarget: "REJECT" | "DROP" | undefined;
  let internalFilterComment = "";
  let externalFilterTarget: "REJECT" | "DROP" | undefined;
  let externalFilterComment = "";
  if (!hasEndpoints) {
    internalFilterTarget = externalFilterTarget = "REJECT";
    internalFilterComment = externalFilterComment = `${name} has no endpoints`;
  } else {
    if (!hasInternalEndpoints) {
      internalFilterTarget = "DROP";
      internalFilterComment = `${name} has no local endpoints`;
    }
    if (!hasExternalEndpoints) {
      externalFilterTarget = "DROP";
      externalFilterComment = `${name} has no local endpoints`;
    }
  }
  const filterTarget = (t: "REJECT" | "DROP") => (t === "REJECT" ? { kind: "REJECT" as const, rejectWith: rejectWith(family) } : { kind: "DROP" as const });

  // Capture the clusterIP.
  if (hasInternalEndpoints) {
    nat.push({ chain: KUBE_SERVICES, dst: { cidr: host(info.clusterIP) }, proto, matches: [comment(`${name} cluster IP`), portMatch(info.port)], target: { kind: "jump", chain: internalTrafficChain } });
  } else {
    filter.push({ chain: KUBE_SERVICES, dst: { cidr: host(info.clusterIP) }, proto, matches: [comment(internalFilterComment), portMatch(info.port)], target: filterTarget(internalFilterTarget!) });
  }

  // Capture externalIPs.
  for (const externalIP of info.externalIPs) {
    if (hasEndpoints) {
      nat.push({ chain: KUBE_SERVICES, dst: { cidr: host(externalIP) }, proto, matches: [comment(`${name} external IP`), portMatch(info.port)], target: { kind: "jump", chain: externalTrafficChain } });
    }
    if (!hasExternalEndpoints) {
      filter.push({ chain: KUBE_EXTERNAL_SERVICES, dst: { cidr: host(externalIP) }, proto, matches: [comment(externalFilterComment), portMatch(info.port)], target: filterTarget(externalFilterTarget!) });
    }
  }

  // Capture load-balancer ingress.
  for (const lbip of info.loadBalancerVIPs) {
    if (hasEndpoints) {
      nat.push({ chain: KUBE_SERVICES, dst: { cidr: host(lbip) }, proto, matches: [comment(`${name} loadbalancer IP`), portMatch(info.port)], target: { kind: "jump", chain: loadBalancerTrafficChain } });
    }
    if (usesFWChain) {
      filter.push({ chain: KUBE_PROXY_FIREWALL, dst: { cidr: host(lbip) }, proto, matches: [comment(`${name} traffic not accepted by ${fwChain}`), portMatch(info.port)], target: { kind: "DROP" } });
    }
  }
  if (!hasExternalEndpoints) {
    for (const lbip of info.loadBalancerVIPs) {
      filter.push({ chain: KUBE_EXTERNAL_SERVICES, dst: { cidr: host(lbip) }, proto, matches: [comment(externalFilterComment), portMatch(info.port)], target: filterTarget(externalFilterTarget!) });
    }
  }

  // Capture nodeports.
  if (info.nodePort !== 0) {
    if (hasEndpoints) {
      if (ctx.localhostNodePorts && family === "IPv4" && ctx.nfacct) {
        nat.push({ chain: KUBE_NODEPORTS, dst: { cidr: "127.0.0.0/8" }, proto, matches: [comment(name), portMatch(info.nodePort), { kind: "nfacct", name: NFACCT_LOCALHOST_NODEPORTS }], target: { kind: "jump", chain: externalTrafficChain } });
      }
      nat.push({ chain: KUBE_NODEPORTS, proto, matches: [comment(name), portMatch(info.nodePort)], target: { kind: "jump", chain: externalTrafficChain } });
    }
    if (!hasExternalEndpoints) {
      filter.push({ chain: KUBE_EXTERNAL_SERVICES, proto, matches: [comment(externalFilterComment), { kind: "addrtype", dstType: "LOCAL" }, portMatch(info.nodePort)], target: filterTarget(externalFilterTarget!) });
    }
  }

  // Capture healthCheckNodePorts.
  if (info.healthCheckNodePort !== 0) {
    filter.push({ chain: KUBE_NODEPORTS, proto: "tcp", matches: [comment(`${name} health check node port`), { kind: "proto", proto: "tcp", dport: info.healthCheckNodePort }], target: { kind: "ACCEPT" } });
  }

  // Set up internal traffic handling.
  if (hasInternalEndpoints) {
    const base = (): Omit<Rule, "chain"> => ({ dst: { cidr: host(info.clusterIP) }, proto, matches: [comment(`${name} cluster IP`), portMatch(info.port)], target: { kind: "jump", chain: KUBE_MARK_MASQ } });
    if (ctx.masqueradeAll) {
      nat.push({ chain: internalTrafficChain, ...base() });
    } else if (ctx.localCIDR) {
      // Off-cluster traffic to a ClusterIP may bounce through this node, so it is masqueraded.
      nat.push({ chain: internalTrafficChain, src: { cidr: ctx.localCIDR, negate: true }, ...base() });
    }
  }

  // Set up external traffic handling.
  if (usesExternalTrafficChain) {
    natChains.push(externalTrafficChain);
    if (!info.externalPolicyLocal) {
      nat.push({ chain: externalTrafficChain, matches: [comment(`masquerade traffic for ${name} external destinations`)], target: { kind: "jump", chain: KUBE_MARK_MASQ } });
    } else {
      if (ctx.localCIDR) {
        nat.push({ chain: externalTrafficChain, src: { cidr: ctx.localCIDR }, matches: [comment(`pod traffic for ${name} external destinations`)], target: { kind: "jump", chain: clusterPolicyChain } });
      }
      nat.push({ chain: externalTrafficChain, matches: [comment(`masquerade LOCAL traffic for ${name} external destinations`), { kind: "addrtype", srcType: "LOCAL" }], target: { kind: "jump", chain: KUBE_MARK_MASQ } });
      nat.push({ chain: externalTrafficChain, matches: [comment(`route LOCAL traffic for ${name} external destinations`), { kind: "addrtype", srcType: "LOCAL" }], target: { kind: "jump", chain: clusterPolicyChain } });
    }
    if (hasExternalEndpoints) {
      nat.push({ chain: externalTrafficChain, matches: [], target: { kind: "jump", chain: externalPolicyChain } });
    }
  }

  // Set up firewall chain, if needed.
  if (usesFWChain) {
    natChains.push(fwChain);
    const fwComment = comment(`${name} loadbalancer IP`);
    let allowFromNode = false;
    for (const cidr of info.loadBalancerSourceRanges) {
      nat.push({ chain: fwChain, src: { cidr }, matches: [fwComment], target: { kind: "jump", chain: externalTrafficChain } });
      if (ctx.nodeIP && cidrContains(cidr, ctx.nodeIP)) allowFromNode = true;
    }
    if (allowFromNode) {
      for (const lbip of info.loadBalancerVIPs) {
        nat.push({ chain: fwChain, src: { cidr: host(lbip) }, matches: [fwComment], target: { kind: "jump", chain: externalTrafficChain } });
      }
    }
    nat.push({ chain: fwChain, matches: [comment(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`)] });
  }

  if (usesClusterPolicyChain) {
    natChains.push(clusterPolicyChain);
    writeServiceToEndpointRules(nat, info, clusterPolicyChain, clusterEndpoints, ctx);
  }
  if (usesLocalPolicyChain) {
    natChains.push(localPolicyChain);
    writeServiceToEndpointRules(nat, info, localPolicyChain, localEndpoints, ctx);
  }

  // Generate the per-endpoint chains.
  for (const ep of allReachableEndpoints) {
    natChains.push(ep.chain);
    const c: Match[] = ctx.largeClusterMode ? [] : [comment(name)];
    // Traffic that loops back to the pod it came from is masqueraded (hairpin).
    nat.push({ chain: ep.chain, src: { cidr: host(ep.ip) }, matches: [...c], target: { kind: "jump", chain: KUBE_MARK_MASQ } });
    const dnatMatches: Match[] = [...c];
    if (info.sessionAffinityClientIP) dnatMatches.push({ kind: "recent", op: "set", name: ep.chain });
    dnatMatches.push(portMatch());
    nat.push({ chain: ep.chain, proto, matches: dnatMatches, target: { kind: "DNAT", to: ep.endpoint } });
  }

  return { nat, filter, natChains, endpointCount: endpoints.length };
}

function writeServiceToEndpointRules(nat: Rule[], info: ServicePortInfo, svcChain: string, endpoints: readonly EndpointInfo[], ctx: FamilyContext): void {
  const epComment = (ep: EndpointInfo): Match[] => (ctx.largeClusterMode ? [] : [comment(`${info.nameString} -> ${ep.endpoint}`)]);
  if (info.sessionAffinityClientIP) {
    for (const ep of endpoints) {
      nat.push({ chain: svcChain, matches: [...epComment(ep), { kind: "recent", op: "rcheck", name: ep.chain, seconds: info.stickyMaxAgeSeconds, reap: true }], target: { kind: "jump", chain: ep.chain } });
    }
  }
  const n = endpoints.length;
  endpoints.forEach((ep, i) => {
    const matches = epComment(ep);
    // Each rule but the last matches with probability 1/(remaining endpoints).
    if (i < n - 1) matches.push(ctx.statistic ? ctx.statistic(n - i) : statisticMatch(n - i));
    nat.push({ chain: svcChain, matches, target: { kind: "jump", chain: ep.chain } });
  });
}

/** -m statistic --mode random --probability 1/n, in both spellings. */
export function statisticMatch(n: number): Match {
  const probability = computeProbability(n);
  return { kind: "statistic", probability, printed: printedProbability(probability) };
}

function cidrContains(cidr: string, ip: string): boolean {
  const block = parseCIDRDetailed(cidr).cidr;
  const addr = parseIPSloppy(ip);
  return !!block && !!addr && block.family === addr.family && block.contains(addr);
}

/** The rules that do not depend on any Service: jumps from the built-in chains and the fixed chains. */
export interface FixedRules {
  /** Chains declared per table besides the built-in ones. */
  chains: Record<TableName, string[]>;
  /** Rules per table in kernel order; KUBE-SERVICES' tail rule is in `natServicesTail`. */
  rules: Record<TableName, Rule[]>;
  natServicesTail: Rule[];
}

interface JumpChain {
  table: TableName;
  dst: string;
  src: string;
  comment: string;
  extra: Match[];
}

const CT_NEW: Match = { kind: "conntrack", ctstate: "NEW" };

/** iptablesJumpChains, in upstream order: each is prepended to its built-in chain if missing. */
const JUMP_CHAINS: readonly JumpChain[] = [
  { table: "filter", dst: KUBE_EXTERNAL_SERVICES, src: "INPUT", comment: "kubernetes externally-visible service portals", extra: [CT_NEW] },
  { table: "filter", dst: KUBE_EXTERNAL_SERVICES, src: "FORWARD", comment: "kubernetes externally-visible service portals", extra: [CT_NEW] },
  { table: "filter", dst: KUBE_NODEPORTS, src: "INPUT", comment: "kubernetes health check service ports", extra: [] },
  { table: "filter", dst: KUBE_SERVICES, src: "FORWARD", comment: "kubernetes service portals", extra: [CT_NEW] },
  { table: "filter", dst: KUBE_SERVICES, src: "OUTPUT", comment: "kubernetes service portals", extra: [CT_NEW] },
  { table: "filter", dst: KUBE_FORWARD, src: "FORWARD", comment: "kubernetes forwarding rules", extra: [] },
  { table: "filter", dst: KUBE_PROXY_FIREWALL, src: "INPUT", comment: "kubernetes load balancer firewall", extra: [CT_NEW] },
  { table: "filter", dst: KUBE_PROXY_FIREWALL, src: "OUTPUT", comment: "kubernetes load balancer firewall", extra: [CT_NEW] },
  { table: "filter", dst: KUBE_PROXY_FIREWALL, src: "FORWARD", comment: "kubernetes load balancer firewall", extra: [CT_NEW] },
  { table: "nat", dst: KUBE_SERVICES, src: "OUTPUT", comment: "kubernetes service portals", extra: [] },
  { table: "nat", dst: KUBE_SERVICES, src: "PREROUTING", comment: "kubernetes service portals", extra: [] },
  { table: "nat", dst: KUBE_POSTROUTING, src: "POSTROUTING", comment: "kubernetes postrouting rules", extra: [] },
];

/**
 * Built-in chain jumps as a node ends up with them: the kubelet starts first and appends
 * `-j KUBE-FIREWALL` to INPUT and OUTPUT (pkg/kubelet/kubelet_network_linux.go), then kube-proxy
 * prepends each missing jump, so later jumps land first (compare a real node's `iptables -S`).
 */
function builtinJumps(): Record<TableName, Rule[]> {
  const chains: Record<TableName, Map<string, Rule[]>> = { filter: new Map(), nat: new Map(), mangle: new Map() };
  const get = (t: TableName, c: string) => {
    let l = chains[t].get(c);
    if (!l) chains[t].set(c, (l = []));
    return l;
  };
  get("filter", "INPUT").push({ chain: "INPUT", matches: [], target: { kind: "jump", chain: KUBE_FIREWALL } });
  get("filter", "OUTPUT").push({ chain: "OUTPUT", matches: [], target: { kind: "jump", chain: KUBE_FIREWALL } });
  for (const j of JUMP_CHAINS) {
    get(j.table, j.src).unshift({ chain: j.src, matches: [...j.extra, comment(j.comment)], target: { kind: "jump", chain: j.dst } });
  }
  const out: Record<TableName, Rule[]> = { filter: [], nat: [], mangle: [] };
  for (const t of ["filter", "nat", "mangle"] as const) {
    for (const builtin of t === "nat" ? ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"] : ["INPUT", "FORWARD", "OUTPUT"]) {
      out[t].push(...(chains[t].get(builtin) ?? []));
    }
  }
  return out;
}

export function fixedRules(ctx: FamilyContext): FixedRules {
  const jumps = builtinJumps();
  const mark = ctx.masqueradeMark;
  const nat: Rule[] = [
    ...jumps.nat,
    { chain: KUBE_POSTROUTING, matches: [{ kind: "mark", negate: true, mark: maskText(mark) }], target: { kind: "RETURN" } },
    // --xor-mark clears the bit so a packet that re-traverses the stack is not masqueraded twice.
    { chain: KUBE_POSTROUTING, matches: [], target: { kind: "MARK", value: mark, mask: 0 } },
    { chain: KUBE_POSTROUTING, matches: [comment("kubernetes service traffic requiring SNAT")], target: { kind: "MASQUERADE", randomFully: ctx.randomFully ?? true } },
    { chain: KUBE_MARK_MASQ, matches: [], target: { kind: "MARK", value: mark, mask: mark } },
  ];
  const filter: Rule[] = [...jumps.filter];
  if (ctx.family === "IPv4" && ctx.localhostNodePorts) {
    // route_localnet opens 127.0.0.0/8 to the network (https://issues.k8s.io/90259); this closes it again.
    filter.push({ chain: KUBE_FIREWALL, src: { cidr: "127.0.0.0/8", negate: true }, dst: { cidr: "127.0.0.0/8" }, matches: [comment("block incoming localnet connections"), { kind: "conntrack", negate: true, ctstate: "RELATED,ESTABLISHED,DNAT" }], target: { kind: "DROP" } });
  }
  if (!ctx.conntrackTCPLiberal) {
    const m: Match[] = [{ kind: "conntrack", ctstate: "INVALID" }];
    if (ctx.nfacct) m.push({ kind: "nfacct", name: NFACCT_CT_INVALID });
    filter.push({ chain: KUBE_FORWARD, matches: m, target: { kind: "DROP" } });
  }
  filter.push({ chain: KUBE_FORWARD, matches: [comment("kubernetes forwarding rules"), { kind: "mark", mark: maskText(mark) }], target: { kind: "ACCEPT" } });
  filter.push({ chain: KUBE_FORWARD, matches: [comment("kubernetes forwarding conntrack rule"), { kind: "conntrack", ctstate: "RELATED,ESTABLISHED" }], target: { kind: "ACCEPT" } });

  // nodePortAddresses is unset in every preset (kubeadm leaves it null), so NodePorts match any local address.
  const tail: Rule = {
    chain: KUBE_SERVICES,
    matches: [comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain"), { kind: "addrtype", dstType: "LOCAL" }],
    target: { kind: "jump", chain: KUBE_NODEPORTS },
  };
  if (ctx.family === "IPv6") tail.dst = { cidr: "::1/128", negate: true };
  else if (!ctx.localhostNodePorts) tail.dst = { cidr: "127.0.0.0/8", negate: true };

  return {
    chains: {
      filter: [KUBE_EXTERNAL_SERVICES, KUBE_FIREWALL, KUBE_FORWARD, KUBE_KUBELET_CANARY, KUBE_NODEPORTS, KUBE_PROXY_CANARY, KUBE_PROXY_FIREWALL, KUBE_SERVICES],
      nat: [KUBE_KUBELET_CANARY, KUBE_MARK_MASQ, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_PROXY_CANARY, KUBE_SERVICES],
      mangle: [KUBE_IPTABLES_HINT, KUBE_KUBELET_CANARY, KUBE_PROXY_CANARY],
    },
    rules: { filter, nat, mangle: [] },
    natServicesTail: [tail],
  };
}

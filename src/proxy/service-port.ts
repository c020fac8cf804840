/**
 * ServicePortInfo: what kube-proxy keeps of one port of one Service in one IP family, ported from
 * newBaseServiceInfo (pkg/proxy/serviceport.go) and serviceToServiceMap
 * (pkg/proxy/servicechangetracker.go). Each family's proxier sees only its own ClusterIP, external
 * IPs, load-balancer IPs and source ranges.
 */
import { parseCIDRDetailed, parseIPSloppy, type IP } from "../net/index.ts";
import { portProtoHash, servicePortNameString } from "./chain-names.ts";
import type { Family, ServiceLike } from "./types.ts";

export interface ServicePortInfo {
  /** Map key: ServicePortName with its protocol ("default/web:http/TCP"). */
  key: string;
  /** "namespace/name", the Service the port belongs to. */
  service: string;
  /** ServicePortName.String(): "namespace/name:port" or "namespace/name". */
  nameString: string;
  portName: string;
  protocol: string;
  /** Lower-case protocol, as rules and chain hashes use it. */
  proto: string;
  clusterIP: string;
  port: number;
  nodePort: number;
  targetPort?: number | string;
  externalIPs: string[];
  loadBalancerVIPs: string[];
  loadBalancerSourceRanges: string[];
  sessionAffinityClientIP: boolean;
  stickyMaxAgeSeconds: number;
  healthCheckNodePort: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  clusterPolicyChain: string;
  localPolicyChain: string;
  firewallChain: string;
  externalChain: string;
}

function familyOf(ip: string): Family | undefined {
  return parseIPSloppy(ip)?.family;
}

/** ShouldSkipService (pkg/proxy/util): headless and ExternalName Services get no rules. */
export function shouldSkipService(svc: ServiceLike): boolean {
  const ip = svc.spec.clusterIP ?? svc.spec.clusterIPs?.[0] ?? "";
  if (ip === "" || ip === "None") return true;
  return svc.spec.type === "ExternalName";
}

/** GetClusterIPByFamily (pkg/proxy/util/utils.go). */
export function clusterIPByFamily(family: Family, svc: ServiceLike): string {
  const { clusterIP = "", clusterIPs = [], ipFamilies = [] } = svc.spec;
  if (ipFamilies.length === 0) {
    if (clusterIP === "" || clusterIP === "None") return "";
    return familyOf(clusterIP) === family ? clusterIP : "";
  }
  for (let i = 0; i < ipFamilies.length; i++) {
    if (ipFamilies[i] === family && i < clusterIPs.length) return clusterIPs[i]!;
  }
  return "";
}

function externallyAccessibleService(svc: ServiceLike): boolean {
  const t = svc.spec.type;
  return t === "LoadBalancer" || t === "NodePort" || ((t ?? "ClusterIP") === "ClusterIP" && (svc.spec.externalIPs?.length ?? 0) > 0);
}

/** netutils.ParseIPSloppy: kube-proxy accepts what the apiserver stored, leading zeros included. */
function canonicalIP(text: string): IP | null {
  return parseIPSloppy(text.trim());
}

/** The ports of a Service as one family's proxier tracks them; empty when the family has no ClusterIP. */
export function servicePortInfos(svc: ServiceLike, family: Family): ServicePortInfo[] {
  if (shouldSkipService(svc)) return [];
  const clusterIPText = clusterIPByFamily(family, svc);
  const clusterIP = clusterIPText ? canonicalIP(clusterIPText) : null;
  if (!clusterIP) return [];
  const namespace = svc.metadata.namespace ?? "default";
  const name = svc.metadata.name ?? "";
  const spec = svc.spec;

  const externalPolicyLocal = externallyAccessibleService(svc) && spec.externalTrafficPolicy === "Local";
  const internalPolicyLocal = spec.internalTrafficPolicy === "Local";
  const affinity = spec.sessionAffinity === "ClientIP";
  const sticky = affinity ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : 0;

  const externalIPs: string[] = [];
  for (const text of spec.externalIPs ?? []) {
    const ip = canonicalIP(text);
    if (ip && ip.family === family) externalIPs.push(ip.toString());
  }
  const sourceRanges: string[] = [];
  for (const text of spec.loadBalancerSourceRanges ?? []) {
    // Whitespace is trimmed for backward compatibility (see TestOverallIPTablesRules' " 203.0.113.0/25").
    const cidr = parseCIDRDetailed(text.trim()).cidr;
    if (cidr && cidr.family === family) sourceRanges.push(cidr.toString());
  }
  const lbVIPs: string[] = [];
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (!ing.ip || ing.ipMode === "Proxy") continue;
    const ip = canonicalIP(ing.ip);
    if (ip && ip.family === family) lbVIPs.push(ip.toString());
  }
  const needsHealthCheck = spec.type === "LoadBalancer" && spec.externalTrafficPolicy === "Local";

  const infos: ServicePortInfo[] = [];
  for (const port of spec.ports ?? []) {
    const protocol = port.protocol || "TCP";
    const proto = protocol.toLowerCase();
    const nameString = servicePortNameString(namespace, name, port.name);
    // SVC, SVL, EXT and FW differ only in prefix: one hash serves all four.
    const hash = portProtoHash(nameString, proto);
    infos.push({
      key: `${nameString}/${protocol}`,
      service: `${namespace}/${name}`,
      nameString,
      portName: port.name ?? "",
      protocol,
      proto,
      clusterIP: clusterIP.toString(),
      port: port.port,
      nodePort: port.nodePort ?? 0,
      targetPort: port.targetPort,
      externalIPs,
      loadBalancerVIPs: lbVIPs,
      loadBalancerSourceRanges: sourceRanges,
      sessionAffinityClientIP: affinity,
      stickyMaxAgeSeconds: sticky,
      healthCheckNodePort: needsHealthCheck ? (spec.healthCheckNodePort ?? 0) : 0,
      externalPolicyLocal,
      internalPolicyLocal,
      clusterPolicyChain: `KUBE-SVC-${hash}`,
      localPolicyChain: `KUBE-SVL-${hash}`,
      firewallChain: `KUBE-FW-${hash}`,
      externalChain: `KUBE-EXT-${hash}`,
    });
  }
  return infos;
}

/** BaseServicePortInfo.ExternallyAccessible: a NodePort, a load-balancer IP or an external IP. */
export function externallyAccessible(info: ServicePortInfo): boolean {
  return info.nodePort !== 0 || info.loadBalancerVIPs.length > 0 || info.externalIPs.length > 0;
}

/** UsesClusterEndpoints: either policy sends traffic to endpoints on any node. */
export function usesClusterEndpoints(info: ServicePortInfo): boolean {
  return !info.internalPolicyLocal || (externallyAccessible(info) && !info.externalPolicyLocal);
}

/** UsesLocalEndpoints: either policy keeps traffic on this node. */
export function usesLocalEndpoints(info: ServicePortInfo): boolean {
  return info.internalPolicyLocal || (externallyAccessible(info) && info.externalPolicyLocal);
}

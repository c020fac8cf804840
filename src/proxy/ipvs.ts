/**
 * IPVS mode: the virtual servers kube-proxy's IPVS proxier programs (pkg/proxy/ipvs/proxier.go,
 * syncProxyRules and syncEndpoint) and the addresses it binds to the kube-ipvs0 dummy device. One
 * virtual server per ClusterIP, external IP and load-balancer IP, and one per node address for each
 * NodePort; real servers are the endpoints kube-proxy's topology filter leaves, Masq-forwarded.
 */
import { parseIPSloppy } from "../net/index.ts";
import { categorizeEndpoints, type EndpointInfo } from "./endpoints.ts";
import type { FamilyProxier } from "./family-proxier.ts";
import { FAMILIES, type NodeProxier } from "./node-proxier.ts";
import type { ServicePortInfo } from "./service-port.ts";
import type { Family } from "./types.ts";

export const DEFAULT_SCHEDULER = "rr";
export const DUMMY_DEVICE = "kube-ipvs0";

export interface RealServer {
  address: string;
  port: number;
  weight: number;
  forward: "Masq";
}

export interface VirtualServer {
  family: Family;
  protocol: string;
  address: string;
  port: number;
  scheduler: string;
  /** Session affinity: `persistent <timeout>` on the service line. */
  persistentTimeout?: number;
  /** What the virtual server stands for, for views and the tracer. */
  kind: "clusterIP" | "externalIP" | "loadBalancer" | "nodePort";
  service: string;
  servicePort: string;
  realServers: RealServer[];
}

function realServers(endpoints: readonly EndpointInfo[]): RealServer[] {
  return endpoints.map((e) => ({ address: e.ip, port: e.port, weight: 1, forward: "Masq" }));
}

/** Node addresses IPVS NodePorts bind: every local address but loopback and IPv6 link-local. */
function nodePortAddresses(node: NodeProxier, family: Family): string[] {
  const addrs = node.env.localAddresses ?? Object.values(node.env.nodeIPs);
  const out: string[] = [];
  for (const a of addrs) {
    const ip = parseIPSloppy(a);
    if (!ip || ip.family !== family || ip.isLoopback() || (family === "IPv6" && ip.isLinkLocalUnicast())) continue;
    if (!out.includes(ip.toString())) out.push(ip.toString());
  }
  return out;
}

function portVirtualServers(info: ServicePortInfo, fp: FamilyProxier, nodeAddrs: readonly string[], scheduler: string): VirtualServer[] {
  const { clusterEndpoints, localEndpoints } = categorizeEndpoints(fp.endpointsOf(info), info);
  const base = {
    family: fp.family,
    protocol: info.protocol,
    scheduler,
    persistentTimeout: info.sessionAffinityClientIP ? info.stickyMaxAgeSeconds : undefined,
    service: info.service,
    servicePort: info.nameString,
  };
  const internal = realServers(info.internalPolicyLocal ? localEndpoints : clusterEndpoints);
  const external = realServers(info.externalPolicyLocal ? localEndpoints : clusterEndpoints);
  const out: VirtualServer[] = [{ ...base, kind: "clusterIP", address: info.clusterIP, port: info.port, realServers: internal }];
  for (const ip of info.externalIPs) out.push({ ...base, kind: "externalIP", address: ip, port: info.port, realServers: external });
  for (const ip of info.loadBalancerVIPs) out.push({ ...base, kind: "loadBalancer", address: ip, port: info.port, realServers: external });
  if (info.nodePort !== 0) {
    for (const ip of nodeAddrs) out.push({ ...base, kind: "nodePort", address: ip, port: info.nodePort, realServers: external });
  }
  return out;
}

/** Every virtual server of the node, both families, in kube-proxy's service order. */
export function virtualServers(node: NodeProxier): VirtualServer[] {
  if (node.mode !== "ipvs") return [];
  const scheduler = nodeScheduler(node);
  const out: VirtualServer[] = [];
  for (const f of FAMILIES) {
    const fp = node.family(f);
    const addrs = nodePortAddresses(node, f);
    for (const info of fp.ports()) out.push(...portVirtualServers(info, fp, addrs, scheduler));
  }
  return out;
}

function nodeScheduler(node: NodeProxier): string {
  return node.ipvsScheduler || DEFAULT_SCHEDULER;
}

/** Addresses bound to kube-ipvs0 (activeBindAddrs): service IPs, never the node's own addresses. */
export function dummyDeviceAddresses(node: NodeProxier): { family: Family; address: string }[] {
  const out: { family: Family; address: string }[] = [];
  const seen = new Set<string>();
  for (const vs of virtualServers(node)) {
    if (vs.kind === "nodePort") continue;
    if (vs.kind !== "clusterIP" && nodePortAddresses(node, vs.family).includes(vs.address)) continue;
    if (seen.has(vs.address)) continue;
    seen.add(vs.address);
    out.push({ family: vs.family, address: vs.address });
  }
  return out;
}

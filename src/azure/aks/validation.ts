/**
 * What the AKS resource provider refuses when a cluster or node pool is created or scaled, checked
 * before anything changes. Codes and texts come from the AKS troubleshooting articles and real errors
 * (reference cluster-tools.md §5.3, k8s-dualstack-nodes-proxy.md §6.5):
 * ServiceCidrOverlapExistingSubnetsCidr, DnsServiceIpOutOfServiceCidr, NetworkProfileCIDROverlapVNET,
 * InsufficientSubnetSize, K8sVersionNotSupported, and InvalidParameter's "The value of parameter maxPods
 * is invalid." The rules for reserved ranges, the DNS IP at the start of the range, pod and service
 * ranges overlapping and kubenet's 400-node ceiling are documented, but their exact texts are not
 * published: those messages (marked COMPOSED below) are the sandbox's wording in AKS's format.
 */
import { CIDR, IP, parseCIDRDetailed } from "../../net/index.ts";
import { ROUTE_TABLE_LIMIT } from "../capacity.ts";
import { serviceError, type AzError } from "../errors.ts";
import { freeAddresses } from "../network/subnet-ips.ts";
import type { NetworkPlugin, Subnet, VirtualNetwork } from "../types.ts";
import { SUPPORTED_VERSIONS } from "./naming.ts";

/** Ranges AKS keeps for itself (aks-docs configure-kubenet.md, concepts-network-cni-overview.md). */
export const AKS_RESERVED_RANGES = ["169.254.0.0/16", "172.30.0.0/16", "172.31.0.0/16", "192.0.2.0/24"] as const;
export const MIN_MAX_PODS = 10;
export const MAX_MAX_PODS = 250;
/** aks-docs: max pods x nodes must leave room for the managed add-on pods. */
export const MIN_PODS_PER_POOL = 30;
export const MAX_NODES_PER_POOL = 1000;

export function versionError(version: string): AzError | null {
  if ((SUPPORTED_VERSIONS as readonly string[]).includes(version)) return null;
  return serviceError(
    "K8sVersionNotSupported",
    `Version ${version} is not supported in this region. Please use [az aks get-versions] command to get the supported version list in this region. For more information, please check https://aka.ms/supported-version-list`,
  );
}

/** A CIDR as the RP accepts it: canonical, no host bits. */
function strictCidr(text: string): CIDR | null {
  const r = parseCIDRDetailed(text);
  return r.problem === null ? r.cidr : null;
}

function invalidParameter(field: string): AzError {
  return serviceError("InvalidParameter", `The value of parameter ${field} is invalid.`, field);
}

function reservedOverlap(c: CIDR, field: string, what: string): AzError | null {
  const hit = AKS_RESERVED_RANGES.find((r) => CIDR.parse(r).overlaps(c));
  if (!hit) return null;
  // COMPOSED: the docs state the rule, not the service's words.
  return serviceError(
    "InvalidParameter",
    `The ${what} ${c.toString()} overlaps with ${hit}, a range AKS reserves. AKS clusters can't use 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16, or 192.0.2.0/24.`,
    field,
  );
}

export interface NetworkCheck {
  plugin: NetworkPlugin;
  overlay: boolean;
  serviceCidrs: string[];
  dnsServiceIp: string;
  /** kubenet and overlay only. */
  podCidrs: string[];
  /** The BYO VNet and subnet, when --vnet-subnet-id was given. */
  vnet?: VirtualNetwork;
  subnet?: Subnet;
}

/** The network profile's rules, in the order the RP reports them. */
export function checkNetworkProfile(n: NetworkCheck): AzError | null {
  const services: CIDR[] = [];
  for (const s of n.serviceCidrs) {
    const c = strictCidr(s);
    if (!c) return invalidParameter("networkProfile.serviceCIDR");
    // kube-apiserver refuses an IPv4 service range larger than a /12; AKS checks it first.
    if (c.family === "IPv4" && c.prefix < 12) return invalidParameter("networkProfile.serviceCIDR");
    services.push(c);
  }
  const pods: CIDR[] = [];
  for (const p of n.podCidrs) {
    const c = strictCidr(p);
    if (!c) return invalidParameter("networkProfile.podCIDR");
    pods.push(c);
  }
  const dns = IP.tryParse(n.dnsServiceIp);
  if (!dns) return invalidParameter("networkProfile.dnsServiceIP");

  for (const c of services) {
    const e = reservedOverlap(c, "networkProfile.serviceCIDR", "service CIDR");
    if (e) return e;
  }
  for (const c of pods) {
    const e = reservedOverlap(c, "networkProfile.podCIDR", "pod CIDR");
    if (e) return e;
  }
  if (n.vnet) {
    for (const p of n.vnet.addressPrefixes) {
      const e = reservedOverlap(CIDR.parse(p), "agentPoolProfile.vnetSubnetID", "virtual network address range");
      if (e) return e;
    }
    for (const c of services) {
      for (const s of n.vnet.subnets) {
        const hit = s.addressPrefixes.find((p) => CIDR.parse(p).overlaps(c));
        if (hit) {
          return serviceError(
            "ServiceCidrOverlapExistingSubnetsCidr",
            `The specified service CIDR ${c.toString()} is conflicted with an existing subnet CIDR ${hit}`,
            "networkProfile.serviceCIDR",
          );
        }
      }
    }
  }
  const primary = services.find((c) => c.family === dns.family) ?? services[0]!;
  if (!primary.contains(dns)) {
    return serviceError(
      "DnsServiceIpOutOfServiceCidr",
      `The DNS service IP ${n.dnsServiceIp} is out of the range defined by service CIDR ${primary.toString()}.`,
      "networkProfile.dnsServiceIP",
    );
  }
  if (primary.offsetOf(dns) <= 1n) {
    // COMPOSED: aks-docs only say not to use the first address, which the kubernetes Service takes.
    return serviceError(
      "InvalidParameter",
      `The DNS service IP ${n.dnsServiceIp} can't be the ${primary.offsetOf(dns) === 0n ? "network address" : "first address"} of service CIDR ${primary.toString()}: the kubernetes Service uses ${primary.nth(1n).toString()}. Use the .10 address of the range, such as ${primary.nth(10n).toString()}.`,
      "networkProfile.dnsServiceIP",
    );
  }
  if (n.vnet) {
    for (const c of pods) {
      const hit = n.vnet.addressPrefixes.find((p) => CIDR.parse(p).overlaps(c));
      if (hit) {
        return serviceError("NetworkProfileCIDROverlapVNET", `NetworkProfile CIDR ${c.toString()} overlaps with reserved VNET CIDR ${hit}`, "networkProfile.podCIDR");
      }
    }
  }
  for (const c of pods) {
    const svc = services.find((s) => s.overlaps(c));
    if (svc) {
      // COMPOSED: Kubernetes needs pod and service ranges apart; AKS's own text is not published.
      return serviceError("InvalidParameter", `The pod CIDR ${c.toString()} overlaps with the service CIDR ${svc.toString()}.`, "networkProfile.podCIDR");
    }
  }
  return null;
}

export interface PoolSizeCheck {
  plugin: NetworkPlugin;
  overlay: boolean;
  count: number;
  maxPods: number;
  /** Nodes of the cluster's other pools (kubenet's route limit counts them all). */
  otherNodes: number;
  dualStack: boolean;
}

export function checkPoolSize(p: PoolSizeCheck): AzError | null {
  if (p.maxPods < MIN_MAX_PODS || p.maxPods > MAX_MAX_PODS) return serviceError("InvalidParameter", "The value of parameter maxPods is invalid.", "agentPoolProfile.maxPods");
  if (p.count > MAX_NODES_PER_POOL) return invalidParameter("agentPoolProfile.count");
  if (p.count > 0 && p.maxPods * p.count < MIN_PODS_PER_POOL) return serviceError("InvalidParameter", "The value of parameter maxPods is invalid.", "agentPoolProfile.maxPods");
  const routeLimit = p.dualStack ? ROUTE_TABLE_LIMIT / 2 : ROUTE_TABLE_LIMIT;
  if (p.plugin === "kubenet" && p.count + p.otherNodes > routeLimit) {
    // COMPOSED: the rule is aks-docs configure-kubenet.md's ("a maximum of 400 routes in a UDR").
    return serviceError(
      "InvalidParameter",
      `A cluster using kubenet can't have more than ${routeLimit} nodes${p.dualStack ? " when dual-stack (two routes per node)" : ""}: Azure supports at most ${ROUTE_TABLE_LIMIT} routes in a route table. Requested: ${p.count + p.otherNodes} nodes.`,
      "agentPoolProfile.count",
    );
  }
  return null;
}

/** Addresses a pool takes from its subnet: one per node, plus max-pods per node with Azure CNI (not overlay). */
export function addressesPerNode(plugin: NetworkPlugin, overlay: boolean, maxPods: number): number {
  return plugin === "azure" && !overlay ? maxPods + 1 : 1;
}

/** InsufficientSubnetSize for the node subnet (real text, e.g. Azure/AKS#3653). */
export function checkSubnetRoom(subnet: Subnet, prefix: string, needed: number): AzError | null {
  const free = freeAddresses(subnet, prefix);
  if (needed <= free) return null;
  return serviceError(
    "InsufficientSubnetSize",
    `Pre-allocated IPs ${needed} exceeds IPs available ${free} in Subnet Cidr ${prefix}, Subnet Name ${subnet.name}. http://aka.ms/aks/insufficientsubnetsize`,
    "agentPoolProfile.count",
  );
}

/** InsufficientSubnetSize for kubenet's pod CIDR: every node takes a /24 (real text, Azure/AKS-Construction#701). */
export function checkPodCidrRoom(podCidr: string, nodes: number, nodeMask: number): AzError | null {
  const c = CIDR.parse(podCidr);
  const perNode = 2n ** BigInt(c.bits - nodeMask);
  const needed = perNode * BigInt(nodes);
  if (needed <= c.size()) return null;
  return serviceError(
    "InsufficientSubnetSize",
    `Pre-allocated IPs ${needed} exceeds IPs available ${c.size()} in Subnet Cidr ${c.toString()}, Subnet Name networkProfile.podCIDR. If Autoscaler is enabled, the max-count from each nodepool is counted towards this total (which means that pre-allocated IPs count represents a theoretical max value, not the actual number of IPs requested). http://aka.ms/aks/insufficientsubnetsize`,
    "networkProfile.podCIDR",
  );
}

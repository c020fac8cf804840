/**
 * How many nodes and pods one Azure subnet can carry with kubenet and with Azure CNI: the comparison of
 * the AKS kubenet page (aks-docs articles/aks/configure-kubenet.md, "IP address availability and
 * exhaustion"), as a pure function the views can call without az.
 *
 * Where the numbers come from, for the page's /24 example:
 * - Azure keeps 5 addresses of every subnet (network, gateway, two for Azure DNS, and the last one), so
 *   a /24 has 256 - 5 = 251 addresses for NICs. (The page says "the first three" but counts 251.)
 * - kubenet gives a node one subnet address; its pods take addresses from the node's /24 of the pod
 *   CIDR, outside the subnet. So 251 nodes, and with the default 110 pods per node 251 x 110 = 27,610
 *   pods. Two other ceilings can bind first: a route table holds at most 400 routes, one per node (200
 *   nodes when dual-stack needs two), and the pod CIDR holds only so many /24s (a /16 holds 256).
 * - Azure CNI gives every pod a subnet address too, preallocated on the node's NIC: a node takes
 *   max-pods + 1 addresses. With the default 30 pods, floor(251 / 31) = 8 nodes and 8 x 30 = 240 pods.
 * These are ceilings: AKS also needs spare addresses to surge nodes during an upgrade.
 */
import { CIDR } from "../net/index.ts";
import { AZURE_RESERVED_ADDRESSES, usableAddresses } from "./network/subnet-ips.ts";

/** Azure route tables hold at most 400 routes (aks-docs configure-kubenet.md). */
export const ROUTE_TABLE_LIMIT = 400;
export const DEFAULT_MAX_PODS = { kubenet: 110, azure: 30 } as const;
/** AKS gives each kubenet node a /24 of the pod CIDR (an IPv6 /80 when dual-stack). */
export const KUBENET_NODE_MASK = 24;

export interface CapacityInput {
  /** The node subnet, e.g. "192.168.1.0/24". */
  subnet: string;
  kubenetMaxPods?: number;
  azureCniMaxPods?: number;
  /** kubenet's pod CIDR, when it should count (10.244.0.0/16 holds 256 node ranges). */
  podCidr?: string;
  /** Dual-stack kubenet needs two routes per node. */
  dualStack?: boolean;
}

export type CapacityLimit = "subnet" | "route-table" | "pod-cidr";

export interface PluginCapacity {
  maxPods: number;
  /** Subnet addresses one node consumes. */
  addressesPerNode: number;
  nodes: number;
  pods: number;
  /** What stopped the node count. */
  limitedBy: CapacityLimit;
}

export interface Capacity {
  subnet: string;
  /** Addresses in the prefix. */
  size: number;
  reserved: number;
  /** size - reserved: addresses NICs can have. */
  usable: number;
  kubenet: PluginCapacity;
  azureCni: PluginCapacity;
}

export function subnetCapacity(input: CapacityInput): Capacity {
  const subnet = CIDR.parse(input.subnet);
  const usable = usableAddresses(subnet.toString());
  const kubenetMaxPods = input.kubenetMaxPods ?? DEFAULT_MAX_PODS.kubenet;
  const azureMaxPods = input.azureCniMaxPods ?? DEFAULT_MAX_PODS.azure;

  let kubenetNodes = usable;
  let limitedBy: CapacityLimit = "subnet";
  const routeNodes = input.dualStack ? ROUTE_TABLE_LIMIT / 2 : ROUTE_TABLE_LIMIT;
  if (routeNodes < kubenetNodes) {
    kubenetNodes = routeNodes;
    limitedBy = "route-table";
  }
  if (input.podCidr !== undefined) {
    const pod = CIDR.parse(input.podCidr);
    const ranges = 2 ** Math.max(0, KUBENET_NODE_MASK - pod.prefix);
    if (ranges < kubenetNodes) {
      kubenetNodes = ranges;
      limitedBy = "pod-cidr";
    }
  }
  const perNode = azureMaxPods + 1;
  const azureNodes = Math.floor(usable / perNode);
  return {
    subnet: subnet.toString(),
    size: Number(subnet.size() > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : subnet.size()),
    reserved: AZURE_RESERVED_ADDRESSES,
    usable,
    kubenet: { maxPods: kubenetMaxPods, addressesPerNode: 1, nodes: kubenetNodes, pods: kubenetNodes * kubenetMaxPods, limitedBy },
    azureCni: { maxPods: azureMaxPods, addressesPerNode: perNode, nodes: azureNodes, pods: azureNodes * azureMaxPods, limitedBy: "subnet" },
  };
}

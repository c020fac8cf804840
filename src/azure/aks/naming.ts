/**
 * AKS defaults and the names it derives: DNS prefix, node resource group, scale sets, nodes and their
 * providerIDs (reference cluster-tools.md §5.1; az-cli acs/custom.py and managed_cluster_decorator.py).
 */

export const AKS_DEFAULTS = {
  /** The sandbox simulates Kubernetes v1.34: it is the only minor version it offers. */
  kubernetesVersion: "1.34",
  patchVersion: "1.34.1",
  nodeCount: 3,
  vmSize: "Standard_DS2_v2",
  nodepoolName: "nodepool1",
  osDiskSizeGb: 128,
  nodeImageVersion: "AKSUbuntu-2204gen2containerd-202510.03.0",
  serviceCidr: "10.0.0.0/16",
  dnsServiceIp: "10.0.0.10",
  podCidr: "10.244.0.0/16",
  /** configure-kubenet-dual-stack.md defaults. */
  podCidrIPv6: "fd12:3456:789a::/64",
  serviceCidrIPv6: "fd12:3456:789a:1::/108",
  adminUsername: "azureuser",
  maxAgentPools: 100,
} as const;

export const SUPPORTED_VERSIONS = ["1.34", "1.34.0", "1.34.1"] as const;

/**
 * acs/custom.py _get_default_dns_prefix: up to 10 characters of the cluster name (starting with a
 * letter), up to 16 of the resource group, and the first 6 of the subscription ID.
 */
export function defaultDnsPrefix(name: string, resourceGroup: string, subscriptionId: string): string {
  let namePart = name.replace(/[^A-Za-z0-9-]/g, "").slice(0, 10);
  if (!/^[A-Za-z]/.test(namePart)) namePart = `a${namePart}`.slice(0, 10);
  const groupPart = resourceGroup.replace(/[^A-Za-z0-9-]/g, "").slice(0, 16);
  return `${namePart}-${groupPart}-${subscriptionId.slice(0, 6)}`;
}

export function nodeResourceGroupName(resourceGroup: string, name: string, location: string): string {
  return `MC_${resourceGroup}_${name}_${location}`;
}

export function vmssName(pool: string, vmssNumber: string): string {
  return `aks-${pool}-${vmssNumber}-vmss`;
}

/** A VMSS computer name ends in the instance ID in base 36, six characters wide (…vmss00000a is the 11th). */
export function nodeName(pool: string, vmssNumber: string, index: number): string {
  return `${vmssName(pool, vmssNumber)}${index.toString(36).padStart(6, "0")}`;
}

/** cloud-provider-azure writes the node resource group in lower case in a node's providerID. */
export function providerId(subscriptionId: string, nodeResourceGroup: string, pool: string, vmssNumber: string, index: number): string {
  return `azure:///subscriptions/${subscriptionId}/resourceGroups/${nodeResourceGroup.toLowerCase()}/providers/Microsoft.Compute/virtualMachineScaleSets/${vmssName(pool, vmssNumber)}/virtualMachines/${index}`;
}

export function routeTableName(routeTableNumber: string): string {
  return `aks-agentpool-${routeTableNumber}-routetable`;
}

export function eightDigits(n: number): string {
  return String(n).padStart(8, "0");
}

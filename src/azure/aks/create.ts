/**
 * `az aks create` as the CLI and the AKS resource provider carry it out: defaults, checks (nothing is
 * touched until all pass), then the node resource group, the VNet when none was given, the route table
 * for kubenet, the scale set's instances with their addresses, and the subnet role assignment the CLI
 * adds for the cluster identity.
 */
import type { AzureCloud } from "../cloud.ts";
import { clientError, resourceGroupNotFound, serviceError, type AzError } from "../errors.ts";
import { isValidResourceId } from "../ids.ts";
import { subnetId } from "../network/vnet.ts";
import { routeTableId } from "../network/route-table.ts";
import { isKnownRegion, normalizeLocation } from "../regions.ts";
import { assignRole, subnetRoleAssignmentExists } from "../role-assignment.ts";
import { locationNotAvailable } from "../resource-group.ts";
import type { AgentPool, ManagedCluster, NetworkPlugin, NetworkProfile, Subnet, VirtualNetwork } from "../types.ts";
import { clusterId } from "./json.ts";
import { AKS_DEFAULTS, defaultDnsPrefix, eightDigits, nodeResourceGroupName, routeTableName } from "./naming.ts";
import { checkPoolGrowth, nodepoolNameError, releasePool, resizePool } from "./pools.ts";
import { checkNetworkProfile, versionError } from "./validation.ts";
import { DEFAULT_MAX_PODS } from "../capacity.ts";

export interface AksCreateInput {
  resourceGroup: string;
  name: string;
  location?: string;
  kubernetesVersion?: string;
  nodeCount: number;
  nodeVmSize?: string;
  maxPods?: number;
  nodepoolName: string;
  networkPlugin?: NetworkPlugin;
  networkPluginMode?: "overlay";
  networkPolicy?: string;
  podCidr?: string;
  serviceCidr?: string;
  dnsServiceIp?: string;
  podCidrs?: string[];
  serviceCidrs?: string[];
  ipFamilies?: ("IPv4" | "IPv6")[];
  vnetSubnetId?: string;
  assignIdentity?: string;
  loadBalancerSku?: "standard" | "basic";
  outboundType?: string;
  dnsNamePrefix?: string;
  tier?: "Free" | "Standard" | "Premium";
  sshKey: string | null;
  skipSubnetRoleAssignment?: boolean;
}

/** The CLI's own checks (acs/_validators.py and managed_cluster_decorator.py), before any request. */
export function clientChecks(cloud: AzureCloud, o: AksCreateInput): AzError | null {
  if (!/^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$/.test(o.name)) {
    return clientError("--name cannot exceed 63 characters and can only contain letters, numbers, underscores (_) or dashes (-).");
  }
  if (o.kubernetesVersion !== undefined && !/^[vV|]?(\d+\.\d+(?:\.\d+)?)$/.test(o.kubernetesVersion)) {
    return clientError('--kubernetes-version should be the full version number or major.minor version number, such as "1.7.12" or "1.7"');
  }
  if (o.vnetSubnetId !== undefined && o.vnetSubnetId !== "" && !isValidResourceId(o.vnetSubnetId)) return clientError("--vnet-subnet-id is not a valid Azure resource ID.");
  if (o.assignIdentity !== undefined && o.assignIdentity !== "" && !isValidResourceId(o.assignIdentity)) return clientError("--assign-identity is not a valid Azure resource ID.");
  const poolName = nodepoolNameError(o.nodepoolName);
  if (poolName && poolName.kind === "client") return poolName;
  if (cloud.findCluster(o.resourceGroup, o.name)) {
    return clientError(
      `The cluster '${o.name}' under resource group '${o.resourceGroup}' already exists. Please use command 'az aks update' to update the existing cluster, or select a different cluster name to create a new cluster.`,
    );
  }
  const anyCidr = o.podCidr || o.serviceCidr || o.dnsServiceIp || o.networkPolicy || o.podCidrs || o.serviceCidrs;
  if (!o.networkPlugin && anyCidr) return clientError("Please explicitly specify the network plugin type");
  if (o.networkPlugin === "azure" && (o.podCidr || o.podCidrs) && o.networkPluginMode !== "overlay") {
    return clientError(
      "Please specify network plugin mode `overlay` when using pod_cidr or use network plugin `kubenet`. For more information about Azure CNI Overlay please see https://aka.ms/aksoverlay",
    );
  }
  return null;
}

interface Resolved {
  location: string;
  version: string;
  network: NetworkProfile;
  maxPods: number;
  byo?: { vnet: VirtualNetwork; subnet: Subnet; id: string };
  identity?: { id: string; principalId: string; clientId: string };
}

function resolve(cloud: AzureCloud, o: AksCreateInput): Resolved | AzError {
  const group = cloud.findGroup(o.resourceGroup);
  if (!group) return resourceGroupNotFound(o.resourceGroup);
  const location = o.location ? normalizeLocation(o.location) : group.location;
  if (!isKnownRegion(location)) return locationNotAvailable(location);
  const version = (o.kubernetesVersion ?? AKS_DEFAULTS.kubernetesVersion).replace(/^[vV|]/, "");
  const ve = versionError(version);
  if (ve) return ve;
  // With no --network-plugin AKS now makes an Azure CNI Overlay cluster (aks-docs azure-cni-overlay.md).
  const plugin: NetworkPlugin = o.networkPlugin ?? "azure";
  const overlay = o.networkPluginMode === "overlay" || o.networkPlugin === undefined;
  const families = o.ipFamilies ?? (o.podCidrs?.some((c) => c.includes(":")) || o.serviceCidrs?.some((c) => c.includes(":")) ? ["IPv4", "IPv6"] : ["IPv4"]);
  const dual = families.length === 2;
  const usesPodCidr = plugin === "kubenet" || overlay;
  const podCidrs = usesPodCidr ? (o.podCidrs ?? [o.podCidr ?? AKS_DEFAULTS.podCidr, ...(dual ? [AKS_DEFAULTS.podCidrIPv6] : [])]) : [];
  const serviceCidrs = o.serviceCidrs ?? [o.serviceCidr ?? AKS_DEFAULTS.serviceCidr, ...(dual ? [AKS_DEFAULTS.serviceCidrIPv6] : [])];
  const network: NetworkProfile = {
    networkPlugin: plugin,
    networkPluginMode: overlay && plugin === "azure" ? "overlay" : null,
    networkPolicy: o.networkPolicy ?? null,
    podCidrs,
    serviceCidrs,
    // The SDK's model default (managed_cluster_decorator.py): sent even when only --service-cidr is given.
    dnsServiceIp: o.dnsServiceIp ?? AKS_DEFAULTS.dnsServiceIp,
    ipFamilies: families,
    loadBalancerSku: o.loadBalancerSku ?? "standard",
    outboundType: o.outboundType ?? "loadBalancer",
  };
  const out: Resolved = { location, version, network, maxPods: o.maxPods ?? (plugin === "kubenet" ? DEFAULT_MAX_PODS.kubenet : overlay ? 250 : DEFAULT_MAX_PODS.azure) };
  if (o.vnetSubnetId) {
    const found = cloud.findSubnetById(o.vnetSubnetId);
    if (!found) return serviceError("InvalidParameter", "The value of parameter agentPoolProfile.vnetSubnetID is invalid.", "agentPoolProfile.vnetSubnetID");
    out.byo = { ...found, id: subnetId(cloud, found.vnet, found.subnet) };
  }
  if (o.assignIdentity) {
    const m = /\/resourcegroups\/([^/]+)\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/([^/]+)$/i.exec(o.assignIdentity);
    const identity = m ? cloud.findIdentity(m[1]!, m[2]!) : undefined;
    if (!identity) {
      return serviceError("InvalidParameter", `The value of parameter identity.userAssignedIdentities is invalid. Identity ${o.assignIdentity} was not found.`, "identity.userAssignedIdentities");
    }
    out.identity = { id: o.assignIdentity, principalId: identity.principalId, clientId: identity.clientId };
  }
  if (out.byo && dual && out.byo.subnet.addressPrefixes.length < 2) {
    return serviceError("InvalidParameter", "The value of parameter agentPoolProfile.vnetSubnetID is invalid.", "agentPoolProfile.vnetSubnetID");
  }
  const netError = checkNetworkProfile({
    plugin,
    overlay,
    serviceCidrs,
    dnsServiceIp: network.dnsServiceIp,
    podCidrs,
    ...(out.byo ? { vnet: out.byo.vnet, subnet: out.byo.subnet } : {}),
  });
  if (netError) return netError;
  const poolName = nodepoolNameError(o.nodepoolName);
  if (poolName) return poolName;
  return out;
}

function pickNumber(cloud: AzureCloud): string {
  return eightDigits(10_000_000 + cloud.random.int(90_000_000));
}

/** Makes the VNet AKS creates when none is given: aks-vnet-<n> 10.224.0.0/12 with aks-subnet 10.224.0.0/16. */
function managedVnet(cloud: AzureCloud, nodeGroup: string, location: string, number: string, dual: boolean): { vnet: VirtualNetwork; subnet: Subnet } {
  const subnet: Subnet = {
    name: "aks-subnet",
    addressPrefixes: ["10.224.0.0/16", ...(dual ? ["fd00:c6b4:8b37:1::/64"] : [])],
    etag: cloud.etag(),
    routeTableId: null,
    used: new Map(),
  };
  const vnet: VirtualNetwork = {
    name: `aks-vnet-${number}`,
    resourceGroup: nodeGroup,
    location,
    addressPrefixes: ["10.224.0.0/12", ...(dual ? ["fd00:c6b4:8b37::/48"] : [])],
    subnets: [subnet],
    etag: cloud.etag(),
    resourceGuid: cloud.random.uuid(),
  };
  cloud.vnets.push(vnet);
  return { vnet, subnet };
}

export interface AksCreateResult {
  cluster: ManagedCluster;
  /** The cluster's ID, for the CLI's subnet role assignment warning path. */
  id: string;
}

export function createCluster(cloud: AzureCloud, o: AksCreateInput): AksCreateResult | AzError {
  const client = clientChecks(cloud, o);
  if (client) return client;
  const r = resolve(cloud, o);
  if ("kind" in r) return r;
  const dual = r.network.ipFamilies.length === 2;

  const group = cloud.findGroup(o.resourceGroup)!;
  const nodeGroup = nodeResourceGroupName(group.name, o.name, r.location);
  const vmssNumber = pickNumber(cloud);
  const cluster: ManagedCluster = {
    name: o.name,
    resourceGroup: group.name,
    location: r.location,
    dnsPrefix: o.dnsNamePrefix ?? defaultDnsPrefix(o.name, group.name, cloud.subscription.id),
    fqdnSuffix: cloud.random.fromAlphabet("abcdefghijklmnopqrstuvwxyz0123456789", 8),
    kubernetesVersion: r.version,
    currentKubernetesVersion: r.version.split(".").length === 3 ? r.version : AKS_DEFAULTS.patchVersion,
    network: r.network,
    identity: r.identity
      ? { type: "UserAssigned", principalId: r.identity.principalId, userAssignedId: r.identity.id, userAssignedClientId: r.identity.clientId }
      : { type: "SystemAssigned", principalId: cloud.random.uuid(), userAssignedId: null, userAssignedClientId: null },
    kubeletIdentity: { clientId: cloud.random.uuid(), objectId: cloud.random.uuid() },
    sshKey: o.sshKey,
    nodeResourceGroup: nodeGroup,
    vmssNumber,
    routeTableId: null,
    resourceUid: cloud.random.hex(24),
    pools: [],
    apiServerAddress: `20.${cloud.random.int(256)}.${cloud.random.int(256)}.${1 + cloud.random.int(254)}`,
    outboundIpGuid: cloud.random.uuid(),
    tier: o.tier ?? "Free",
    credentials: { userToken: cloud.random.hex(128), adminToken: cloud.random.hex(128) },
  };
  const target = r.byo ?? managedVnet(cloud, nodeGroup, r.location, pickNumber(cloud), dual);
  const nodeSubnetId = subnetId(cloud, target.vnet, target.subnet);
  const pool: AgentPool = {
    name: o.nodepoolName,
    mode: "System",
    count: 0,
    vmSize: o.nodeVmSize ?? AKS_DEFAULTS.vmSize,
    maxPods: r.maxPods,
    osDiskSizeGb: AKS_DEFAULTS.osDiskSizeGb,
    vnetSubnetId: r.byo ? r.byo.id : null,
    nodeSubnetId,
    orchestratorVersion: cluster.currentKubernetesVersion,
    nodeImageVersion: AKS_DEFAULTS.nodeImageVersion,
    instances: [],
    nextIndex: 0,
  };
  if (o.nodeCount < 1) {
    if (!r.byo) cloud.vnets.splice(cloud.vnets.indexOf(target.vnet), 1);
    return serviceError("InvalidParameter", "The value of parameter agentPoolProfile.count is invalid.", "agentPoolProfile.count");
  }
  const growth = checkPoolGrowth(cloud, cluster, pool, o.nodeCount);
  if (growth) {
    if (!r.byo) cloud.vnets.splice(cloud.vnets.indexOf(target.vnet), 1);
    return growth;
  }

  // Everything checked: from here on the subscription changes.
  cloud.groups.push({
    name: nodeGroup,
    location: r.location,
    managedBy: clusterId(cloud, cluster),
    tags: { "aks-managed-cluster-name": cluster.name, "aks-managed-cluster-rg": group.name },
  });
  if (r.network.networkPlugin === "kubenet") {
    const existing = target.subnet.routeTableId;
    if (existing) {
      // A route table already on the subnet is used as is (aks-docs: bring your own route table).
      cluster.routeTableId = existing;
    } else {
      const table = {
        name: routeTableName(pickNumber(cloud)),
        resourceGroup: nodeGroup,
        location: r.location,
        etag: cloud.etag(),
        resourceGuid: cloud.random.uuid(),
        routes: [],
        subnetIds: [nodeSubnetId],
      };
      cloud.routeTables.push(table);
      cluster.routeTableId = routeTableId(cloud, table);
      target.subnet.routeTableId = cluster.routeTableId;
      target.subnet.etag = cloud.etag();
    }
  }
  cluster.pools.push(pool);
  resizePool(cloud, cluster, pool, o.nodeCount);
  cloud.clusters.push(cluster);
  // acs: with a custom subnet the CLI grants the cluster identity Network Contributor on it.
  if (r.byo && !o.skipSubnetRoleAssignment && !subnetRoleAssignmentExists(cloud, r.byo.id)) {
    assignRole(cloud, cluster.identity.principalId, "ServicePrincipal", "Network Contributor", r.byo.id);
  }
  return { cluster, id: clusterId(cloud, cluster) };
}

/** Removes a cluster and everything AKS made for it; the BYO VNet stays, without the route table. */
export function deleteCluster(cloud: AzureCloud, c: ManagedCluster): void {
  for (const pool of c.pools) releasePool(cloud, pool);
  const table = c.routeTableId ? cloud.findRouteTableById(c.routeTableId) : undefined;
  if (table && table.resourceGroup === c.nodeResourceGroup) {
    for (const v of cloud.vnets) for (const s of v.subnets) if (s.routeTableId === c.routeTableId) s.routeTableId = null;
    cloud.routeTables.splice(cloud.routeTables.indexOf(table), 1);
  }
  for (let i = cloud.vnets.length - 1; i >= 0; i--) if (cloud.vnets[i]!.resourceGroup === c.nodeResourceGroup) cloud.vnets.splice(i, 1);
  const g = cloud.groups.findIndex((x) => x.name === c.nodeResourceGroup);
  if (g >= 0) cloud.groups.splice(g, 1);
  cloud.clusters.splice(cloud.clusters.indexOf(c), 1);
}

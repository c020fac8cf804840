/**
 * The simulated Azure subscription's resources, as plain records. JSON shapes az prints are built from
 * them by the per-resource modules (resource-group.ts, network/*.ts, identity.ts, aks/*.ts).
 */

export interface Subscription {
  id: string;
  tenantId: string;
  name: string;
  user: string;
  tenantDomain: string;
}

export interface ResourceGroup {
  name: string;
  location: string;
  /** Set on an AKS node resource group: the managed cluster's ID. */
  managedBy: string | null;
  tags: Record<string, string> | null;
}

export interface Subnet {
  name: string;
  /** One prefix per family, IPv4 first. */
  addressPrefixes: string[];
  etag: string;
  routeTableId: string | null;
  /** Addresses handed to NICs (node IPs, and Azure CNI's pod IPs), by owner. */
  used: Map<string, string>;
}

export interface VirtualNetwork {
  name: string;
  resourceGroup: string;
  location: string;
  addressPrefixes: string[];
  subnets: Subnet[];
  etag: string;
  resourceGuid: string;
}

export interface UserAssignedIdentity {
  name: string;
  resourceGroup: string;
  location: string;
  principalId: string;
  clientId: string;
}

export interface RoleAssignment {
  name: string;
  principalId: string;
  principalType: "ServicePrincipal" | "User";
  roleName: string;
  roleDefinitionGuid: string;
  scope: string;
  createdOn: number;
}

export interface Route {
  name: string;
  addressPrefix: string;
  nextHopIpAddress: string;
  etag: string;
}

export interface RouteTable {
  name: string;
  resourceGroup: string;
  location: string;
  etag: string;
  resourceGuid: string;
  routes: Route[];
  subnetIds: string[];
}

/** One VM of a node pool's scale set: the Kubernetes node of the same name. */
export interface VmssInstance {
  /** VMSS instance ID, the number at the end of the node's providerID. */
  index: number;
  name: string;
  /** Node IPs, IPv4 first. */
  addresses: string[];
  /** Azure CNI (not overlay): the pod IPs preallocated as secondary IP configurations on the NIC. */
  podIPs: string[];
}

export interface AgentPool {
  name: string;
  mode: "System" | "User";
  count: number;
  vmSize: string;
  maxPods: number;
  osDiskSizeGb: number;
  /** --vnet-subnet-id as given (null when AKS made the VNet): what the agent pool's JSON shows. */
  vnetSubnetId: string | null;
  /** The subnet the nodes' NICs are in, given or AKS-made. */
  nodeSubnetId: string;
  orchestratorVersion: string;
  nodeImageVersion: string;
  instances: VmssInstance[];
  /** Next VMSS instance ID: IDs are never reused, as in a real scale set. */
  nextIndex: number;
}

export type NetworkPlugin = "kubenet" | "azure" | "none";

export interface NetworkProfile {
  networkPlugin: NetworkPlugin;
  networkPluginMode: "overlay" | null;
  networkPolicy: string | null;
  podCidrs: string[];
  serviceCidrs: string[];
  dnsServiceIp: string;
  ipFamilies: ("IPv4" | "IPv6")[];
  loadBalancerSku: "standard" | "basic";
  outboundType: string;
}

export interface ClusterIdentity {
  type: "SystemAssigned" | "UserAssigned";
  principalId: string;
  /** --assign-identity: the user-assigned identity's resource ID. */
  userAssignedId: string | null;
  userAssignedClientId: string | null;
}

export interface ManagedCluster {
  name: string;
  resourceGroup: string;
  location: string;
  dnsPrefix: string;
  /** The random part of the API server's FQDN ("xmzn8nux"). */
  fqdnSuffix: string;
  kubernetesVersion: string;
  currentKubernetesVersion: string;
  network: NetworkProfile;
  identity: ClusterIdentity;
  kubeletIdentity: { clientId: string; objectId: string };
  sshKey: string | null;
  nodeResourceGroup: string;
  /** The 8 digits every VMSS of the cluster carries ("aks-nodepool1-12345678-vmss"). */
  vmssNumber: string;
  routeTableId: string | null;
  resourceUid: string;
  pools: AgentPool[];
  /** The API server's public address: the endpoint of the default/kubernetes Service. */
  apiServerAddress: string;
  outboundIpGuid: string;
  tier: "Free" | "Standard" | "Premium";
  /** Per-cluster credentials, stable across get-credentials calls. */
  credentials: { userToken: string; adminToken: string };
}

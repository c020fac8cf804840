/**
 * The JSON az prints for a managed cluster and its agent pools. The field set is the one of a real
 * kubenet cluster (reference cluster-tools.md §5.2, az ~2.59 / API 2024); az sorts the keys.
 */
import type { AzureCloud } from "../cloud.ts";
import type { AgentPool, ManagedCluster } from "../types.ts";

export function clusterId(cloud: AzureCloud, c: ManagedCluster): string {
  // The AKS provider writes "resourcegroups" in lower case.
  return `/subscriptions/${cloud.subscription.id}/resourcegroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${c.name}`;
}

export function clusterFqdn(c: ManagedCluster, portal = false): string {
  return `${c.dnsPrefix.toLowerCase()}-${c.fqdnSuffix}.${portal ? "portal." : ""}hcp.${c.location}.azmk8s.io`;
}

function poolProperties(c: ManagedCluster, p: AgentPool): Record<string, unknown> {
  return {
    availabilityZones: null,
    capacityReservationGroupId: null,
    count: p.count,
    creationData: null,
    currentOrchestratorVersion: p.orchestratorVersion,
    enableAutoScaling: false,
    enableEncryptionAtHost: false,
    enableFips: false,
    enableNodePublicIp: false,
    enableUltraSsd: false,
    gpuInstanceProfile: null,
    hostGroupId: null,
    kubeletConfig: null,
    kubeletDiskType: "OS",
    linuxOsConfig: null,
    maxCount: null,
    maxPods: p.maxPods,
    minCount: null,
    mode: p.mode,
    networkProfile: null,
    nodeImageVersion: p.nodeImageVersion,
    nodeLabels: null,
    nodePublicIpPrefixId: null,
    nodeTaints: null,
    orchestratorVersion: p.orchestratorVersion,
    osDiskSizeGb: p.osDiskSizeGb,
    osDiskType: "Managed",
    osSku: "Ubuntu",
    osType: "Linux",
    podSubnetId: null,
    powerState: { code: "Running" },
    provisioningState: "Succeeded",
    proximityPlacementGroupId: null,
    scaleDownMode: null,
    scaleSetEvictionPolicy: null,
    scaleSetPriority: null,
    spotMaxPrice: null,
    tags: null,
    type: "VirtualMachineScaleSets",
    upgradeSettings: { drainTimeoutInMinutes: null, maxSurge: "10%", nodeSoakDurationInMinutes: null },
    vmSize: p.vmSize,
    vnetSubnetId: p.vnetSubnetId,
    workloadRuntime: null,
  };
}

/** An entry of the cluster's agentPoolProfiles. */
export function agentPoolProfileJson(c: ManagedCluster, p: AgentPool): Record<string, unknown> {
  return { ...poolProperties(c, p), name: p.name };
}

/** The agent pool as its own resource (`az aks nodepool list|add|show|scale`). */
export function agentPoolJson(cloud: AzureCloud, c: ManagedCluster, p: AgentPool): Record<string, unknown> {
  return {
    ...poolProperties(c, p),
    id: `${clusterId(cloud, c)}/agentPools/${p.name}`,
    name: p.name,
    resourceGroup: c.resourceGroup,
    type: "Microsoft.ContainerService/managedClusters/agentPools",
  };
}

function networkProfileJson(cloud: AzureCloud, c: ManagedCluster): Record<string, unknown> {
  const n = c.network;
  const usesPodCidr = n.networkPlugin === "kubenet" || n.networkPluginMode === "overlay";
  const outboundIpId = `/subscriptions/${cloud.subscription.id}/resourceGroups/${c.nodeResourceGroup}/providers/Microsoft.Network/publicIPAddresses/${c.outboundIpGuid}`;
  return {
    dnsServiceIp: n.dnsServiceIp,
    ipFamilies: [...n.ipFamilies],
    loadBalancerProfile: {
      allocatedOutboundPorts: null,
      backendPoolType: "nodeIPConfiguration",
      effectiveOutboundIPs: [{ id: outboundIpId, resourceGroup: c.nodeResourceGroup }],
      enableMultipleStandardLoadBalancers: null,
      idleTimeoutInMinutes: null,
      managedOutboundIPs: { count: 1, countIpv6: null },
      outboundIPs: null,
      outboundIpPrefixes: null,
    },
    loadBalancerSku: n.loadBalancerSku,
    natGatewayProfile: null,
    networkDataplane: null,
    networkMode: null,
    networkPlugin: n.networkPlugin,
    networkPluginMode: n.networkPluginMode,
    networkPolicy: n.networkPolicy,
    outboundType: n.outboundType,
    podCidr: usesPodCidr ? n.podCidrs[0] : null,
    podCidrs: usesPodCidr ? [...n.podCidrs] : null,
    serviceCidr: n.serviceCidrs[0],
    serviceCidrs: [...n.serviceCidrs],
  };
}

function identityJson(cloud: AzureCloud, c: ManagedCluster): Record<string, unknown> {
  if (c.identity.type === "UserAssigned") {
    return {
      delegatedResources: null,
      principalId: null,
      tenantId: null,
      type: "UserAssigned",
      userAssignedIdentities: { [c.identity.userAssignedId!]: { clientId: c.identity.userAssignedClientId, principalId: c.identity.principalId } },
    };
  }
  return { delegatedResources: null, principalId: c.identity.principalId, tenantId: cloud.subscription.tenantId, type: "SystemAssigned", userAssignedIdentities: null };
}

export function managedClusterJson(cloud: AzureCloud, c: ManagedCluster): Record<string, unknown> {
  const sub = cloud.subscription.id;
  return {
    aadProfile: null,
    addonProfiles: null,
    agentPoolProfiles: c.pools.map((p) => agentPoolProfileJson(c, p)),
    apiServerAccessProfile: null,
    autoScalerProfile: null,
    autoUpgradeProfile: { nodeOsUpgradeChannel: "NodeImage", upgradeChannel: null },
    azureMonitorProfile: null,
    azurePortalFqdn: clusterFqdn(c, true),
    currentKubernetesVersion: c.currentKubernetesVersion,
    disableLocalAccounts: false,
    diskEncryptionSetId: null,
    dnsPrefix: c.dnsPrefix,
    enablePodSecurityPolicy: null,
    enableRbac: true,
    extendedLocation: null,
    fqdn: clusterFqdn(c),
    fqdnSubdomain: null,
    httpProxyConfig: null,
    id: clusterId(cloud, c),
    identity: identityJson(cloud, c),
    identityProfile: {
      kubeletidentity: {
        clientId: c.kubeletIdentity.clientId,
        objectId: c.kubeletIdentity.objectId,
        resourceId: `/subscriptions/${sub}/resourcegroups/${c.nodeResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${c.name}-agentpool`,
      },
    },
    kubernetesVersion: c.kubernetesVersion,
    linuxProfile: c.sshKey === null ? null : { adminUsername: "azureuser", ssh: { publicKeys: [{ keyData: c.sshKey }] } },
    location: c.location,
    maxAgentPools: 100,
    name: c.name,
    networkProfile: networkProfileJson(cloud, c),
    nodeResourceGroup: c.nodeResourceGroup,
    oidcIssuerProfile: { enabled: false, issuerUrl: null },
    podIdentityProfile: null,
    powerState: { code: "Running" },
    privateFqdn: null,
    privateLinkResources: null,
    provisioningState: "Succeeded",
    publicNetworkAccess: null,
    resourceGroup: c.resourceGroup,
    resourceUid: c.resourceUid,
    securityProfile: { azureKeyVaultKms: null, defender: null, imageCleaner: null, workloadIdentity: null },
    serviceMeshProfile: null,
    servicePrincipalProfile: { clientId: "msi", secret: null },
    sku: { name: "Base", tier: c.tier },
    storageProfile: {
      blobCsiDriver: null,
      diskCsiDriver: { enabled: true },
      fileCsiDriver: { enabled: true },
      snapshotController: { enabled: true },
    },
    supportPlan: "KubernetesOfficial",
    systemData: null,
    tags: null,
    type: "Microsoft.ContainerService/ManagedClusters",
    upgradeSettings: null,
    windowsProfile: null,
    workloadAutoScalerProfile: { keda: null, verticalPodAutoscaler: null },
  };
}

/**
 * A managed cluster as a ClusterPlan for the lab: the control plane's flags are the ones kubeadm's
 * functions build from the cluster's network profile (AKS runs upstream components; only the values
 * differ: service and pod ranges from the profile, the API server on 443 at a public address), and one
 * NodePlan per scale-set instance with the labels and providerID AKS nodes carry.
 */
import { apiserverCommand, controllerManagerCommand, type Arg, type InitOptions } from "../../kubeadm/index.ts";
import type { ClusterPlan, NodePlan } from "../../lab/plan.ts";
import type { AzureCloud } from "../cloud.ts";
import type { AgentPool, ManagedCluster, VmssInstance } from "../types.ts";
import { clusterFqdn } from "./json.ts";
import { providerId } from "./naming.ts";
import { KUBENET_NODE_MASK } from "./pools.ts";

function usesPodCidr(c: ManagedCluster): boolean {
  return c.network.networkPlugin === "kubenet" || c.network.networkPluginMode === "overlay";
}

/** Premium SSD needs an "s" size (Standard_DS2_v2, Standard_D4s_v5): AKS labels the node's storage tier. */
function storageTier(vmSize: string): string {
  return /^Standard_(DS|GS|[A-Z]+\d+[a-z]*s)/.test(vmSize) ? "Premium_LRS" : "Standard_LRS";
}

function nodeLabels(c: ManagedCluster, pool: AgentPool): Record<string, string> {
  const tier = storageTier(pool.vmSize);
  return {
    agentpool: pool.name,
    "beta.kubernetes.io/instance-type": pool.vmSize,
    "failure-domain.beta.kubernetes.io/region": c.location,
    "failure-domain.beta.kubernetes.io/zone": "0",
    "kubernetes.azure.com/agentpool": pool.name,
    "kubernetes.azure.com/cluster": c.nodeResourceGroup,
    "kubernetes.azure.com/kubelet-identity-client-id": c.kubeletIdentity.clientId,
    "kubernetes.azure.com/mode": pool.mode.toLowerCase(),
    "kubernetes.azure.com/node-image-version": pool.nodeImageVersion,
    "kubernetes.azure.com/nodepool-type": "VirtualMachineScaleSets",
    "kubernetes.azure.com/os-sku": "Ubuntu",
    "kubernetes.azure.com/role": "agent",
    "kubernetes.azure.com/storageprofile": "managed",
    "kubernetes.azure.com/storagetier": tier,
    "kubernetes.io/role": "agent",
    "node-role.kubernetes.io/agent": "",
    "node.kubernetes.io/instance-type": pool.vmSize,
    storageprofile: "managed",
    storagetier: tier,
    "topology.kubernetes.io/region": c.location,
    "topology.kubernetes.io/zone": "0",
  };
}

function nodePlan(cloud: AzureCloud, c: ManagedCluster, pool: AgentPool, i: VmssInstance): NodePlan {
  const subnet = cloud.findSubnetById(pool.nodeSubnetId)?.subnet;
  const plan: NodePlan = {
    name: i.name,
    role: "worker",
    addresses: [...i.addresses],
    labels: nodeLabels(c, pool),
    maxPods: pool.maxPods,
    providerID: providerId(cloud.subscription.id, c.nodeResourceGroup, pool.name, c.vmssNumber, i.index),
    pool: pool.name,
  };
  if (subnet) plan.subnets = [...subnet.addressPrefixes];
  if (i.podIPs.length) plan.podIPs = [...i.podIPs];
  return plan;
}

/** Every node of the cluster, pool by pool, in instance order. */
export function nodePlans(cloud: AzureCloud, c: ManagedCluster): NodePlan[] {
  return c.pools.flatMap((p) => [...p.instances].sort((a, b) => a.index - b.index).map((i) => nodePlan(cloud, c, p, i)));
}

export function clusterPlan(cloud: AzureCloud, c: ManagedCluster): ClusterPlan {
  const pods = usesPodCidr(c) ? c.network.podCidrs : [];
  const dual = c.network.ipFamilies.length === 2;
  const cmExtra: Arg[] = [{ name: "cluster-name", value: c.name }];
  if (dual) {
    cmExtra.push({ name: "node-cidr-mask-size-ipv4", value: String(KUBENET_NODE_MASK.ipv4) });
    cmExtra.push({ name: "node-cidr-mask-size-ipv6", value: String(KUBENET_NODE_MASK.ipv6) });
  }
  const opts: InitOptions = {
    serviceCIDR: c.network.serviceCidrs.join(","),
    apiserverAdvertiseAddress: c.apiServerAddress,
    apiserverBindPort: 443,
    serviceDNSDomain: "cluster.local",
    kubernetesVersion: `v${c.currentKubernetesVersion}`,
    nodeName: c.name,
    ignorePreflightErrors: [],
    apiserverExtraArgs: [],
    controllerManagerExtraArgs: cmExtra,
  };
  if (pods.length) opts.podNetworkCIDR = pods.join(",");
  return {
    provider: "aks",
    name: c.name,
    context: c.name,
    server: `https://${clusterFqdn(c)}:443`,
    kubernetesVersion: `v${c.currentKubernetesVersion}`,
    apiserverArgs: apiserverCommand(opts),
    controllerManagerArgs: controllerManagerCommand(opts),
    serviceCIDRs: [...c.network.serviceCidrs],
    podCIDRs: [...pods],
    nodeCIDRMaskSize: { ipv4: KUBENET_NODE_MASK.ipv4, ipv6: dual ? KUBENET_NODE_MASK.ipv6 : 64 },
    dnsServiceIPs: [c.network.dnsServiceIp],
    kubeProxyMode: "iptables",
    podNetwork: c.network.networkPlugin === "kubenet" ? "kubenet" : c.network.networkPlugin === "none" ? "none" : "azure-cni",
    nodes: nodePlans(cloud, c),
  };
}

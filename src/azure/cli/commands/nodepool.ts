/** `az aks nodepool add|list|show|scale|delete` (az-cli acs/custom.py aks_agentpool_*). */
import { agentPoolJson } from "../../aks/json.ts";
import { requireCluster, requirePool } from "../../aks/lookup.ts";
import { AKS_DEFAULTS } from "../../aks/naming.ts";
import { nodePlans } from "../../aks/plan.ts";
import { checkPoolGrowth, nodepoolNameError, releasePool, resizePool } from "../../aks/pools.ts";
import { DEFAULT_MAX_PODS } from "../../capacity.ts";
import { clientError, serviceError } from "../../errors.ts";
import { isValidResourceId } from "../../ids.ts";
import { subnetId } from "../../network/vnet.ts";
import type { AgentPool } from "../../types.ts";
import type { ArgSpec } from "../argparse.ts";
import type { AzCommand } from "../command.ts";
import { NO_WAIT, RESOURCE_GROUP, YES, flag, num, str } from "../command.ts";
import { AKS_DURATION_MS, pushNodes } from "./aks.ts";

const CLUSTER: ArgSpec = { dest: "cluster_name", options: ["--cluster-name"], required: true, help: "The cluster name." };
const POOL: ArgSpec = { dest: "nodepool_name", options: ["--name", "--nodepool-name", "-n"], required: true, help: "The node pool name." };

/** acs/_format.py _aks_agentpool_table_format (its osDiskSizeGB key never matches, so that column stays empty). */
function poolRow(r: unknown): Record<string, unknown> {
  const p = r as Record<string, unknown>;
  return {
    name: p.name,
    osType: p.osType,
    kubernetesVersion: p.orchestratorVersion,
    vmSize: p.vmSize,
    osDiskSizeGB: p.osDiskSizeGB ?? null,
    count: p.count,
    maxPods: p.maxPods,
    provisioningState: p.provisioningState,
    mode: p.mode,
  };
}

export const NODEPOOL_COMMANDS: AzCommand[] = [
  {
    name: "aks nodepool add",
    summary: "Add a node pool to the managed Kubernetes cluster.",
    args: [
      RESOURCE_GROUP,
      CLUSTER,
      POOL,
      { dest: "node_count", options: ["--node-count", "-c"], kind: "int", help: "Number of nodes in the Kubernetes agent pool. After creating a cluster, you can change the size of its node pool with `az aks scale`.", defaultText: "3" },
      { dest: "node_vm_size", options: ["--node-vm-size", "-s"], help: "Size of Virtual Machines to create as Kubernetes nodes." },
      { dest: "max_pods", options: ["--max-pods", "-m"], kind: "int", help: "The maximum number of pods deployable to a node." },
      { dest: "mode", options: ["--mode"], choices: ["System", "User"], help: "The mode for a node pool which defines a node pool's primary function.", defaultText: "User" },
      { dest: "vnet_subnet_id", options: ["--vnet-subnet-id"], help: "The ID of a subnet in an existing VNet into which to deploy the cluster." },
      NO_WAIT,
      { dest: "labels", options: ["--labels"], kind: "list", help: "The node labels for the node pool.", ignored: true },
      { dest: "node_taints", options: ["--node-taints"], help: "The node taints for the node pool.", ignored: true },
      { dest: "zones", options: ["--zones", "-z"], kind: "list", help: "Availability zones where agent nodes will be placed.", ignored: true },
      { dest: "os_sku", options: ["--os-sku"], help: "The OS SKU of the agent node pool.", ignored: true },
    ],
    examples: [
      { summary: "Create a nodepool in an existing AKS cluster with ephemeral os enabled.", command: "az aks nodepool add -g MyResourceGroup -n nodepool1 --cluster-name MyManagedCluster --node-osdisk-type Ephemeral --node-osdisk-size 48" },
      { summary: "Create a nodepool with a given node count.", command: "az aks nodepool add -g MyResourceGroup -n userpool --cluster-name MyManagedCluster --node-count 2" },
    ],
    async run(v, host) {
      const cloud = host.cloud;
      const name = str(v, "nodepool_name")!;
      const nameError = nodepoolNameError(name);
      if (nameError && nameError.kind === "client") return { error: nameError };
      const cluster = requireCluster(cloud, str(v, "resource_group_name")!, str(v, "cluster_name")!);
      if ("kind" in cluster) return { error: cluster };
      if (cluster.pools.some((p) => p.name === name)) {
        return { error: clientError(`Node pool ${name} already exists, please try a different name, use 'aks nodepool list' to get current list of node pool`) };
      }
      if (nameError) return { error: nameError };
      const given = str(v, "vnet_subnet_id");
      let nodeSubnetId = cluster.pools[0]!.nodeSubnetId;
      if (given !== undefined) {
        if (!isValidResourceId(given)) return { error: clientError("--vnet-subnet-id is not a valid Azure resource ID.") };
        const found = cloud.findSubnetById(given);
        if (!found) return { error: serviceError("InvalidParameter", "The value of parameter agentPoolProfile.vnetSubnetID is invalid.", "agentPoolProfile.vnetSubnetID") };
        nodeSubnetId = subnetId(cloud, found.vnet, found.subnet);
      }
      const n = cluster.network;
      const pool: AgentPool = {
        name,
        mode: (str(v, "mode") as AgentPool["mode"] | undefined) ?? "User",
        count: 0,
        vmSize: str(v, "node_vm_size") ?? AKS_DEFAULTS.vmSize,
        maxPods: num(v, "max_pods") ?? (n.networkPlugin === "kubenet" ? DEFAULT_MAX_PODS.kubenet : n.networkPluginMode === "overlay" ? 250 : DEFAULT_MAX_PODS.azure),
        osDiskSizeGb: AKS_DEFAULTS.osDiskSizeGb,
        vnetSubnetId: given !== undefined ? nodeSubnetId : cluster.pools[0]!.vnetSubnetId,
        nodeSubnetId,
        orchestratorVersion: cluster.currentKubernetesVersion,
        nodeImageVersion: AKS_DEFAULTS.nodeImageVersion,
        instances: [],
        nextIndex: 0,
      };
      const count = num(v, "node_count") ?? AKS_DEFAULTS.nodeCount;
      if (count < (pool.mode === "System" ? 1 : 0)) return { error: serviceError("InvalidParameter", "The value of parameter agentPoolProfile.count is invalid.", "agentPoolProfile.count") };
      const err = checkPoolGrowth(cloud, cluster, pool, count);
      if (err) return { error: err };
      cluster.pools.push(pool);
      resizePool(cloud, cluster, pool, count);
      await pushNodes(host, cluster.name, nodePlans(cloud, cluster));
      if (flag(v, "no_wait")) return {};
      host.advance(AKS_DURATION_MS.nodepoolAdd);
      return { result: agentPoolJson(cloud, cluster, pool) };
    },
  },
  {
    name: "aks nodepool list",
    summary: "List node pools in the managed Kubernetes cluster.",
    args: [RESOURCE_GROUP, CLUSTER],
    examples: [{ summary: "List node pools in the managed Kubernetes cluster.", command: "az aks nodepool list -g MyResourceGroup --cluster-name MyManagedCluster" }],
    tableTransformer: (r) => (r as unknown[]).map(poolRow),
    async run(v, host) {
      const cluster = requireCluster(host.cloud, str(v, "resource_group_name")!, str(v, "cluster_name")!);
      return "kind" in cluster ? { error: cluster } : { result: cluster.pools.map((p) => agentPoolJson(host.cloud, cluster, p)) };
    },
  },
  {
    name: "aks nodepool show",
    summary: "Show the details for a node pool in the managed Kubernetes cluster.",
    args: [RESOURCE_GROUP, CLUSTER, POOL],
    examples: [{ summary: "Show the details for a node pool.", command: "az aks nodepool show -g MyResourceGroup --cluster-name MyManagedCluster -n nodepool1" }],
    tableTransformer: (r) => [poolRow(r)],
    async run(v, host) {
      const r = requirePool(host.cloud, str(v, "resource_group_name")!, str(v, "cluster_name")!, str(v, "nodepool_name")!);
      return "kind" in r ? { error: r } : { result: agentPoolJson(host.cloud, r.cluster, r.pool) };
    },
  },
  {
    name: "aks nodepool scale",
    summary: "Scale the node pool in a managed Kubernetes cluster.",
    args: [
      RESOURCE_GROUP,
      CLUSTER,
      POOL,
      { dest: "node_count", options: ["--node-count", "-c"], kind: "int", help: "Number of nodes in the Kubernetes node pool.", defaultText: "3" },
      NO_WAIT,
    ],
    examples: [{ summary: "Scale a node pool to 5 nodes.", command: "az aks nodepool scale -g MyResourceGroup --cluster-name MyManagedCluster -n nodepool1 --node-count 5" }],
    async run(v, host) {
      const cloud = host.cloud;
      const r = requirePool(cloud, str(v, "resource_group_name")!, str(v, "cluster_name")!, str(v, "nodepool_name")!);
      if ("kind" in r) return { error: r };
      const count = num(v, "node_count") ?? AKS_DEFAULTS.nodeCount;
      if (count === r.pool.count) return { error: clientError("The new node count is the same as the current node count.") };
      if (count < (r.pool.mode === "System" ? 1 : 0)) return { error: serviceError("InvalidParameter", "The value of parameter agentPoolProfile.count is invalid.", "agentPoolProfile.count") };
      const err = checkPoolGrowth(cloud, r.cluster, { ...r.pool, existing: r.pool }, count);
      if (err) return { error: err };
      resizePool(cloud, r.cluster, r.pool, count);
      await pushNodes(host, r.cluster.name, nodePlans(cloud, r.cluster));
      if (flag(v, "no_wait")) return {};
      host.advance(AKS_DURATION_MS.scale);
      return { result: agentPoolJson(cloud, r.cluster, r.pool) };
    },
  },
  {
    name: "aks nodepool delete",
    summary: "Delete the agent pool in the managed Kubernetes cluster.",
    args: [RESOURCE_GROUP, CLUSTER, POOL, NO_WAIT, { ...YES, ignored: false }],
    examples: [{ summary: "Delete an agent pool.", command: "az aks nodepool delete -g MyResourceGroup --cluster-name MyManagedCluster -n userpool" }],
    async run(v, host) {
      const cloud = host.cloud;
      const r = requirePool(cloud, str(v, "resource_group_name")!, str(v, "cluster_name")!, str(v, "nodepool_name")!);
      if ("kind" in r) return { error: r };
      if (r.pool.mode === "System" && !r.cluster.pools.some((p) => p !== r.pool && p.mode === "System")) {
        return { error: serviceError("OperationNotAllowed", "There has to be at least one system agent pool.") };
      }
      releasePool(cloud, r.pool);
      r.cluster.pools.splice(r.cluster.pools.indexOf(r.pool), 1);
      await pushNodes(host, r.cluster.name, nodePlans(cloud, r.cluster));
      if (!flag(v, "no_wait")) host.advance(AKS_DURATION_MS.scale);
      return {};
    },
  },
];

/**
 * Node pools as VM scale sets: instances get the next VMSS instance ID (never reused) and the lowest
 * free addresses of the node subnet; scale-in removes the highest instance IDs first, as VMSS's default
 * scale-in policy does. With Azure CNI (not overlay) each NIC also holds max-pods secondary addresses
 * for pods, taken when the node is made.
 */
import type { AzureCloud } from "../cloud.ts";
import { clientError, serviceError, type AzError } from "../errors.ts";
import { allocateAddresses, releaseAddresses } from "../network/subnet-ips.ts";
import type { AgentPool, ManagedCluster, Subnet, VmssInstance } from "../types.ts";
import { addressesPerNode, checkPodCidrRoom, checkPoolSize, checkSubnetRoom } from "./validation.ts";
import { nodeName } from "./naming.ts";

export const KUBENET_NODE_MASK = { ipv4: 24, ipv6: 80 } as const;

export function clusterNodeCount(c: ManagedCluster, except?: AgentPool): number {
  return c.pools.filter((p) => p !== except).reduce((n, p) => n + p.count, 0);
}

function nodeSubnet(cloud: AzureCloud, pool: AgentPool): Subnet {
  const found = cloud.findSubnetById(pool.nodeSubnetId);
  if (!found) throw new Error(`node subnet ${pool.nodeSubnetId} is gone`);
  return found.subnet;
}

/** Checks that `count` nodes fit: pool size rules, subnet addresses and (kubenet) pod CIDR ranges. */
export function checkPoolGrowth(cloud: AzureCloud, c: ManagedCluster, pool: Pick<AgentPool, "count" | "maxPods" | "nodeSubnetId"> & { existing?: AgentPool }, count: number): AzError | null {
  const n = c.network;
  const overlay = n.networkPluginMode === "overlay";
  const others = clusterNodeCount(c, pool.existing);
  const size = checkPoolSize({ plugin: n.networkPlugin, overlay, count, maxPods: pool.maxPods, otherNodes: others, dualStack: n.ipFamilies.length === 2 });
  if (size) return size;
  const current = pool.existing?.instances.length ?? 0;
  const extra = count - current;
  if (extra > 0) {
    const found = cloud.findSubnetById(pool.nodeSubnetId);
    if (found) {
      const per = addressesPerNode(n.networkPlugin, overlay, pool.maxPods);
      for (const prefix of found.subnet.addressPrefixes) {
        const room = checkSubnetRoom(found.subnet, prefix, extra * (prefix.includes(":") ? 1 : per));
        if (room) return room;
      }
    }
  }
  if (n.networkPlugin === "kubenet" || overlay) {
    for (const pod of n.podCidrs) {
      const room = checkPodCidrRoom(pod, count + others, pod.includes(":") ? KUBENET_NODE_MASK.ipv6 : KUBENET_NODE_MASK.ipv4);
      if (room) return room;
    }
  }
  return null;
}

function addInstance(cloud: AzureCloud, c: ManagedCluster, pool: AgentPool): VmssInstance {
  const subnet = nodeSubnet(cloud, pool);
  const index = pool.nextIndex++;
  const name = nodeName(pool.name, c.vmssNumber, index);
  const addresses = subnet.addressPrefixes.map((prefix) => allocateAddresses(subnet, prefix, 1, name)![0]!);
  let podIPs: string[] = [];
  if (c.network.networkPlugin === "azure" && c.network.networkPluginMode !== "overlay") {
    podIPs = allocateAddresses(subnet, subnet.addressPrefixes[0]!, pool.maxPods, name)!;
  }
  const instance: VmssInstance = { index, name, addresses, podIPs };
  pool.instances.push(instance);
  return instance;
}

/** Grows or shrinks a pool to `count` (checked beforehand with checkPoolGrowth). */
export function resizePool(cloud: AzureCloud, c: ManagedCluster, pool: AgentPool, count: number): void {
  while (pool.instances.length < count) addInstance(cloud, c, pool);
  if (pool.instances.length > count) {
    const subnet = nodeSubnet(cloud, pool);
    const removed = pool.instances.sort((a, b) => a.index - b.index).splice(count);
    for (const i of removed) releaseAddresses(subnet, i.name);
  }
  pool.count = count;
}

export function releasePool(cloud: AzureCloud, pool: AgentPool): void {
  const found = cloud.findSubnetById(pool.nodeSubnetId);
  if (found) for (const i of pool.instances) releaseAddresses(found.subnet, i.name);
  pool.instances = [];
}

/** acs/_validators.py _validate_nodepool_name. */
export function nodepoolNameError(name: string): AzError | null {
  if (name.length > 12) return clientError("--nodepool-name can contain at most 12 characters");
  if (!/^[A-Za-z0-9]+$/.test(name)) return clientError("--nodepool-name should contain only alphanumeric characters");
  // The RP also wants lower case and a leading letter (aka.ms/aks-naming-rules).
  if (!/^[a-z][a-z0-9]*$/.test(name)) {
    return serviceError(
      "InvalidParameter",
      `The value of parameter agentPoolProfile.name is invalid. Please see https://aka.ms/aks-naming-rules for more details.`,
      "agentPoolProfile.name",
    );
  }
  return null;
}

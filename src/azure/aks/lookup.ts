/** Finding a managed cluster or one of its node pools, with ARM's answers when they are missing. */
import type { AzureCloud } from "../cloud.ts";
import { notFound, resourceGroupNotFound, resourceNotFound, type AzError } from "../errors.ts";
import type { AgentPool, ManagedCluster } from "../types.ts";

export function requireCluster(cloud: AzureCloud, group: string, name: string): ManagedCluster | AzError {
  if (!cloud.findGroup(group)) return resourceGroupNotFound(group);
  return cloud.findCluster(group, name) ?? resourceNotFound("Microsoft.ContainerService/managedClusters", name, group);
}

export function requirePool(cloud: AzureCloud, group: string, clusterName: string, pool: string): { cluster: ManagedCluster; pool: AgentPool } | AzError {
  const cluster = requireCluster(cloud, group, clusterName);
  if ("kind" in cluster) return cluster;
  const p = cluster.pools.find((x) => x.name === pool);
  if (!p) return notFound("NotFound", `Could not find agent pool ${pool} in managed cluster ${cluster.name}.`);
  return { cluster, pool: p };
}

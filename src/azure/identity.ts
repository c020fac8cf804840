/**
 * User-assigned managed identities (`az identity create|show|list`). Creating one also creates its
 * service principal, whose object ID is the identity's principalId: what `az role assignment create
 * --assignee` takes.
 */
import type { AzureCloud } from "./cloud.ts";
import { resourceGroupNotFound, resourceNotFound, type AzError } from "./errors.ts";
import type { UserAssignedIdentity } from "./types.ts";

export function identityId(cloud: AzureCloud, i: UserAssignedIdentity): string {
  // The Managed Identity provider writes "resourcegroups" in lower case.
  return `/subscriptions/${cloud.subscription.id}/resourcegroups/${i.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${i.name}`;
}

export function identityJson(cloud: AzureCloud, i: UserAssignedIdentity): Record<string, unknown> {
  return {
    clientId: i.clientId,
    id: identityId(cloud, i),
    location: i.location,
    name: i.name,
    principalId: i.principalId,
    resourceGroup: i.resourceGroup,
    systemData: null,
    tags: {},
    tenantId: cloud.subscription.tenantId,
    type: "Microsoft.ManagedIdentity/userAssignedIdentities",
  };
}

export function createIdentity(cloud: AzureCloud, group: string, name: string, location?: string): UserAssignedIdentity | AzError {
  const g = cloud.findGroup(group);
  if (!g) return resourceGroupNotFound(group);
  const existing = cloud.findIdentity(group, name);
  if (existing) return existing;
  const identity: UserAssignedIdentity = {
    name,
    resourceGroup: g.name,
    location: location ?? g.location,
    principalId: cloud.random.uuid(),
    clientId: cloud.random.uuid(),
  };
  cloud.identities.push(identity);
  return identity;
}

export function requireIdentity(cloud: AzureCloud, group: string, name: string): UserAssignedIdentity | AzError {
  if (!cloud.findGroup(group)) return resourceGroupNotFound(group);
  return cloud.findIdentity(group, name) ?? resourceNotFound("Microsoft.ManagedIdentity/userAssignedIdentities", name, group);
}

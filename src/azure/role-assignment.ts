/**
 * Azure RBAC role assignments (`az role assignment create|list`). The kubenet page asks for Network
 * Contributor on the cluster's subnet or VNet: the cluster identity needs it to join the subnet and to
 * write the route table. Built-in role definition GUIDs are Azure's own.
 */
import type { AzureCloud } from "./cloud.ts";
import { clientError, resourceGroupNotFound, serviceError, type AzError } from "./errors.ts";
import { parseResourceId } from "./ids.ts";
import type { RoleAssignment } from "./types.ts";

export const BUILTIN_ROLES: Record<string, string> = {
  Owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  Contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  Reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  "Network Contributor": "4d97b98b-1d4f-4787-a291-c67834d212e7",
  "Managed Identity Operator": "f1a07417-d97a-45cb-824c-7a7467783830",
  "Azure Kubernetes Service Cluster User Role": "4abbcc35-e782-43d8-92c5-2d3f1bd2253f",
};

/** Seconds with microseconds and an explicit UTC offset, as the authorization provider returns them. */
export function armTimestamp(ms: number): string {
  // Our clock counts milliseconds, so the last three of the six fraction digits are always zero.
  return `${new Date(ms).toISOString().slice(0, 23)}000+00:00`;
}

export function roleAssignmentJson(cloud: AzureCloud, ra: RoleAssignment): Record<string, unknown> {
  const sub = cloud.subscription.id;
  const p = parseResourceId(ra.scope);
  const groupScope = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)/i.exec(ra.scope);
  const out: Record<string, unknown> = {
    condition: null,
    conditionVersion: null,
    createdBy: null,
    createdOn: armTimestamp(ra.createdOn),
    delegatedManagedIdentityResourceId: null,
    description: null,
    id: `${ra.scope}/providers/Microsoft.Authorization/roleAssignments/${ra.name}`,
    name: ra.name,
    principalId: ra.principalId,
    principalType: ra.principalType,
  };
  const group = p?.resourceGroup ?? groupScope?.[1];
  if (group !== undefined) out.resourceGroup = group;
  out.roleDefinitionId = `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${ra.roleDefinitionGuid}`;
  out.scope = ra.scope;
  out.type = "Microsoft.Authorization/roleAssignments";
  out.updatedBy = principalOfUser(cloud);
  out.updatedOn = armTimestamp(ra.createdOn);
  return out;
}

/** The signed-in user's object ID, derived once from the tenant so it stays stable. */
function principalOfUser(cloud: AzureCloud): string {
  return cloud.subscription.tenantId.replace(/^.{8}/, "0a1b2c3d");
}

interface Principal {
  id: string;
  type: "ServicePrincipal" | "User";
}

/** Graph lookup of --assignee: an object ID or app ID of a known service principal, or the signed-in user. */
function resolveAssignee(cloud: AzureCloud, assignee: string): Principal | null {
  const a = assignee.toLowerCase();
  for (const i of cloud.identities) if (i.principalId === a || i.clientId === a) return { id: i.principalId, type: "ServicePrincipal" };
  for (const c of cloud.clusters) {
    if (c.identity.principalId === a) return { id: a, type: "ServicePrincipal" };
    if (c.kubeletIdentity.objectId === a || c.kubeletIdentity.clientId === a) return { id: c.kubeletIdentity.objectId, type: "ServicePrincipal" };
  }
  if (a === cloud.subscription.user || a === principalOfUser(cloud)) return { id: principalOfUser(cloud), type: "User" };
  return null;
}

/** Checks that a scope names the subscription or something in it that exists. */
function checkScope(cloud: AzureCloud, scope: string): AzError | null {
  const sub = `/subscriptions/${cloud.subscription.id}`;
  if (scope.toLowerCase() === sub) return null;
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)(\/.*)?$/i.exec(scope);
  if (!m || m[1]!.toLowerCase() !== cloud.subscription.id) {
    return serviceError("MissingSubscription", "The request did not have a subscription or a valid tenant level resource provider.");
  }
  if (!cloud.findGroup(m[2]!)) return resourceGroupNotFound(m[2]!);
  return null;
}

export interface RoleAssignmentCreate {
  assignee: string;
  role: string;
  scope: string;
}

export function createRoleAssignment(cloud: AzureCloud, o: RoleAssignmentCreate): RoleAssignment | AzError {
  const roleName = Object.keys(BUILTIN_ROLES).find((r) => r.toLowerCase() === o.role.toLowerCase() || BUILTIN_ROLES[r] === o.role.toLowerCase());
  if (!roleName) return clientError(`Role '${o.role}' doesn't exist.`);
  const principal = resolveAssignee(cloud, o.assignee);
  if (!principal) {
    return clientError(
      `Cannot find user or service principal in graph database for '${o.assignee}'. If the assignee is an appId, make sure the corresponding service principal is created with 'az ad sp create --id ${o.assignee}'.`,
    );
  }
  const scopeError = checkScope(cloud, o.scope);
  if (scopeError) return scopeError;
  return assignRole(cloud, principal.id, principal.type, roleName, o.scope);
}

/** Adds an assignment (also used by `az aks create` for the subnet); refuses an exact duplicate as ARM does. */
export function assignRole(cloud: AzureCloud, principalId: string, principalType: Principal["type"], roleName: string, scope: string): RoleAssignment | AzError {
  const guid = BUILTIN_ROLES[roleName]!;
  const dup = cloud.roleAssignments.find((r) => r.principalId === principalId && r.roleDefinitionGuid === guid && r.scope.toLowerCase() === scope.toLowerCase());
  if (dup) return serviceError("RoleAssignmentExists", "The role assignment already exists.");
  const ra: RoleAssignment = {
    name: cloud.random.uuid(),
    principalId,
    principalType,
    roleName,
    roleDefinitionGuid: guid,
    scope,
    createdOn: cloud.clock.now(),
  };
  cloud.roleAssignments.push(ra);
  return ra;
}

/** acs _roleassignments.py subnet_role_assignment_exists: a Network Contributor assignment at exactly the subnet's scope. */
export function subnetRoleAssignmentExists(cloud: AzureCloud, subnetId: string): boolean {
  const guid = BUILTIN_ROLES["Network Contributor"];
  return cloud.roleAssignments.some((r) => r.scope.toLowerCase() === subnetId.toLowerCase() && r.roleDefinitionGuid === guid);
}

/** `az identity create|show|list` and `az role assignment create|list`. */
import { resourceGroupNotFound } from "../../errors.ts";
import { createIdentity, identityJson, requireIdentity } from "../../identity.ts";
import { isKnownRegion, normalizeLocation } from "../../regions.ts";
import { locationNotAvailable } from "../../resource-group.ts";
import { createRoleAssignment, roleAssignmentJson } from "../../role-assignment.ts";
import type { AzCommand } from "../command.ts";
import { LOCATION, RESOURCE_GROUP, flag, str } from "../command.ts";

export const IDENTITY_COMMANDS: AzCommand[] = [
  {
    name: "identity create",
    summary: "Create an identity.",
    args: [
      RESOURCE_GROUP,
      { dest: "name", options: ["--name", "-n"], required: true, help: "The name of the identity resource." },
      LOCATION,
      { dest: "tags", options: ["--tags"], kind: "list", help: 'Space-separated tags: key[=value] [key[=value] ...].', ignored: true },
    ],
    examples: [{ summary: "Create an identity.", command: "az identity create --name MyIdentity --resource-group MyResourceGroup" }],
    async run(v, host) {
      const location = str(v, "location");
      if (location !== undefined && !isKnownRegion(normalizeLocation(location))) return { error: locationNotAvailable(normalizeLocation(location)) };
      const i = createIdentity(host.cloud, str(v, "resource_group_name")!, str(v, "name")!, location === undefined ? undefined : normalizeLocation(location));
      return "kind" in i ? { error: i } : { result: identityJson(host.cloud, i) };
    },
  },
  {
    name: "identity show",
    summary: "Show an identity.",
    args: [RESOURCE_GROUP, { dest: "name", options: ["--name", "-n"], required: true, help: "The name of the identity resource." }],
    examples: [{ summary: "Show an identity.", command: "az identity show --name MyIdentity --resource-group MyResourceGroup" }],
    async run(v, host) {
      const i = requireIdentity(host.cloud, str(v, "resource_group_name")!, str(v, "name")!);
      return "kind" in i ? { error: i } : { result: identityJson(host.cloud, i) };
    },
  },
  {
    name: "identity list",
    summary: "List all managed identities.",
    args: [{ ...RESOURCE_GROUP, required: false }],
    examples: [{ summary: "List managed identities.", command: "az identity list --query \"[].{Name:name, Id:id, Location:location}\" -o table" }],
    async run(v, host) {
      const group = str(v, "resource_group_name");
      if (group !== undefined && !host.cloud.findGroup(group)) return { error: resourceGroupNotFound(group) };
      const ids = host.cloud.identities.filter((i) => group === undefined || i.resourceGroup.toLowerCase() === group.toLowerCase());
      return { result: ids.map((i) => identityJson(host.cloud, i)) };
    },
  },
  {
    name: "role assignment create",
    summary: "Create a new role assignment for a user, group, or service principal.",
    args: [
      { dest: "role", options: ["--role"], required: true, help: "Role name or id." },
      { dest: "assignee", options: ["--assignee"], help: "Represent a user, group, or service principal. supported format: object id, user sign-in name, or service principal name." },
      { dest: "assignee_object_id", options: ["--assignee-object-id"], help: "Use this parameter instead of '--assignee' to bypass Graph API invocation in case of insufficient privileges." },
      { dest: "assignee_principal_type", options: ["--assignee-principal-type"], choices: ["User", "Group", "ServicePrincipal", "ForeignGroup"], help: "Use with --assignee-object-id to avoid errors caused by propagation latency in Microsoft Graph." },
      { dest: "scope", options: ["--scope"], required: true, help: "Scope at which the role assignment or definition applies to." },
      { dest: "description", options: ["--description"], help: "Description of role assignment.", ignored: true },
    ],
    examples: [
      {
        summary: "Create role assignment to grant the specified assignee the Reader role on a resource group.",
        command: "az role assignment create --assignee 00000000-0000-0000-0000-000000000000 --role Reader --scope /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/MyResourceGroup",
      },
    ],
    async run(v, host) {
      const assignee = str(v, "assignee") ?? str(v, "assignee_object_id");
      if (assignee === undefined) return { error: { kind: "client", message: "usage error: --assignee STRING | --assignee-object-id GUID" } };
      const ra = createRoleAssignment(host.cloud, { assignee, role: str(v, "role")!, scope: str(v, "scope")! });
      return "kind" in ra ? { error: ra } : { result: roleAssignmentJson(host.cloud, ra) };
    },
  },
  {
    name: "role assignment list",
    summary: "List role assignments.",
    args: [
      { dest: "assignee", options: ["--assignee"], help: "Represent a user, group, or service principal." },
      { dest: "scope", options: ["--scope"], help: "Scope at which the role assignment or definition applies to." },
      { dest: "all", options: ["--all"], kind: "flag", help: "Show all assignments under the current subscription." },
      { dest: "include_inherited", options: ["--include-inherited"], kind: "flag", help: "Include assignments applied on parent scopes." },
    ],
    examples: [{ summary: "List role assignments at the subnet scope.", command: "az role assignment list --scope $SUBNET_ID" }],
    async run(v, host) {
      const cloud = host.cloud;
      const scope = str(v, "scope");
      const assignee = str(v, "assignee")?.toLowerCase();
      const sub = `/subscriptions/${cloud.subscription.id}`;
      const inherited = flag(v, "include_inherited");
      const list = cloud.roleAssignments.filter((r) => {
        if (assignee !== undefined && r.principalId !== assignee) return false;
        if (flag(v, "all")) return true;
        const s = r.scope.toLowerCase();
        if (scope !== undefined) return s === scope.toLowerCase() || (inherited && scope.toLowerCase().startsWith(`${s}/`));
        // Without --scope or --all, az lists the assignments of the subscription scope only.
        return s === sub;
      });
      return { result: list.map((r) => ({ ...roleAssignmentJson(cloud, r), principalName: r.principalType === "User" ? cloud.subscription.user : r.principalId, roleDefinitionName: r.roleName })) };
    },
  },
];

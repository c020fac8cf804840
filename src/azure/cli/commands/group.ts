/** `az group create|list|show|exists|delete`. */
import { deleteCluster } from "../../aks/create.ts";
import { resourceGroupNotFound, serviceError } from "../../errors.ts";
import { createGroup, groupJson } from "../../resource-group.ts";
import type { AzCommand } from "../command.ts";
import { LOCATION, NO_WAIT, YES, list, str } from "../command.ts";
import type { ArgSpec } from "../argparse.ts";

const GROUP_NAME: ArgSpec = { dest: "resource_group_name", options: ["--name", "--resource-group", "-n", "-g"], required: true, help: "Name of resource group." };

function parseTags(items: string[] | undefined): Record<string, string> | null {
  if (!items) return null;
  const tags: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf("=");
    if (item === '""' || item === "") continue;
    tags[eq < 0 ? item : item.slice(0, eq)] = eq < 0 ? "" : item.slice(eq + 1);
  }
  return tags;
}

export const GROUP_COMMANDS: AzCommand[] = [
  {
    name: "group create",
    summary: "Create a new resource group.",
    args: [
      GROUP_NAME,
      { ...LOCATION, required: true },
      { dest: "tags", options: ["--tags"], kind: "list", help: 'Space-separated tags: key[=value] [key[=value] ...]. Use "" to clear existing tags.' },
      { dest: "managed_by", options: ["--managed-by"], help: "The ID of the resource that manages this resource group.", ignored: true },
    ],
    examples: [
      { summary: "Create a new resource group in the West US region.", command: "az group create -l westus -n MyResourceGroup" },
    ],
    async run(v, host) {
      const g = createGroup(host.cloud, str(v, "resource_group_name")!, str(v, "location")!, parseTags(list(v, "tags")));
      return "kind" in g ? { error: g } : { result: groupJson(host.cloud, g) };
    },
  },
  {
    name: "group list",
    summary: "List resource groups.",
    args: [{ dest: "tag", options: ["--tag"], help: "A single tag in 'key[=value]' format. Use \"\" to clear existing tags." }],
    examples: [{ summary: "List all resource groups located in the West US region.", command: "az group list --query \"[?location=='westus']\"" }],
    // azure-cli resource/_format.py transform_resource_group_list
    tableTransformer: (r) =>
      (r as Record<string, unknown>[]).map((g) => ({ Name: g.name, Location: g.location, Status: (g.properties as Record<string, unknown>).provisioningState })),
    async run(v, host) {
      const tag = str(v, "tag");
      const [k, val] = tag ? [tag.split("=")[0]!, tag.includes("=") ? tag.slice(tag.indexOf("=") + 1) : undefined] : [undefined, undefined];
      const groups = host.cloud.groups.filter((g) => k === undefined || (g.tags !== null && k in g.tags && (val === undefined || g.tags[k] === val)));
      return { result: groups.map((g) => groupJson(host.cloud, g)) };
    },
  },
  {
    name: "group show",
    summary: "Gets a resource group.",
    args: [GROUP_NAME],
    examples: [{ summary: "Get a resource group.", command: "az group show -n MyResourceGroup" }],
    async run(v, host) {
      const name = str(v, "resource_group_name")!;
      const g = host.cloud.findGroup(name);
      return g ? { result: groupJson(host.cloud, g) } : { error: resourceGroupNotFound(name) };
    },
  },
  {
    name: "group exists",
    summary: "Check if a resource group exists.",
    args: [GROUP_NAME],
    examples: [{ summary: "Check if 'MyResourceGroup' exists.", command: "az group exists -n MyResourceGroup" }],
    async run(v, host) {
      return { result: host.cloud.findGroup(str(v, "resource_group_name")!) !== undefined };
    },
  },
  {
    name: "group delete",
    summary: "Delete a resource group.",
    args: [GROUP_NAME, NO_WAIT, YES],
    confirmation: true,
    examples: [{ summary: "Delete a resource group.", command: "az group delete -n MyResourceGroup" }],
    async run(v, host) {
      const cloud = host.cloud;
      const name = str(v, "resource_group_name")!;
      const g = cloud.findGroup(name);
      if (!g) return { error: resourceGroupNotFound(name) };
      if (g.managedBy) {
        return {
          error: serviceError(
            "ScopeLocked",
            `The resource group '${g.name}' is managed by ${g.managedBy} and can't be deleted: delete the cluster instead.`,
          ),
        };
      }
      const same = (x: string) => x.toLowerCase() === g.name.toLowerCase();
      for (const c of cloud.clusters.filter((c) => same(c.resourceGroup))) {
        deleteCluster(cloud, c);
        await host.provisioner()?.deprovision("aks", c.name);
      }
      for (let i = cloud.vnets.length - 1; i >= 0; i--) if (same(cloud.vnets[i]!.resourceGroup)) cloud.vnets.splice(i, 1);
      for (let i = cloud.identities.length - 1; i >= 0; i--) if (same(cloud.identities[i]!.resourceGroup)) cloud.identities.splice(i, 1);
      for (let i = cloud.routeTables.length - 1; i >= 0; i--) if (same(cloud.routeTables[i]!.resourceGroup)) cloud.routeTables.splice(i, 1);
      cloud.groups.splice(cloud.groups.indexOf(g), 1);
      if (v.no_wait !== true) host.advance(60_000);
      return {};
    },
  },
];

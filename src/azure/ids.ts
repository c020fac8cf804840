/**
 * ARM resource IDs. They are case-insensitive in ARM, so lookups compare lower-cased; az prints them
 * exactly as the resource provider returned them (AKS and Managed Identity write "resourcegroups" in
 * lower case, the network provider "resourceGroups").
 */

export interface ParsedResourceId {
  subscription: string;
  resourceGroup: string;
  /** "Microsoft.Network/virtualNetworks" */
  type: string;
  name: string;
  /** Child segments after the name: [["subnets", "mySubnet"]]. */
  children: [string, string][];
}

/**
 * msrestazure.tools.is_valid_resource_id / parse_resource_id: /subscriptions/{sub}/resourceGroups/{rg}
 * /providers/{namespace}/{type}/{name}[/{childType}/{childName}]...
 */
export function parseResourceId(id: string): ParsedResourceId | null {
  const parts = id.split("/");
  if (parts[0] !== "" || parts.length < 9 || parts.length % 2 === 0) return null;
  if (parts[1]!.toLowerCase() !== "subscriptions" || parts[3]!.toLowerCase() !== "resourcegroups" || parts[5]!.toLowerCase() !== "providers") return null;
  if (parts.some((p, i) => i > 0 && p === "")) return null;
  const children: [string, string][] = [];
  for (let i = 9; i + 1 < parts.length; i += 2) children.push([parts[i]!, parts[i + 1]!]);
  return { subscription: parts[2]!, resourceGroup: parts[4]!, type: `${parts[6]}/${parts[7]}`, name: parts[8]!, children };
}

export function isValidResourceId(id: string): boolean {
  return parseResourceId(id) !== null;
}

export const groupId = (sub: string, group: string) => `/subscriptions/${sub}/resourceGroups/${group}`;

export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

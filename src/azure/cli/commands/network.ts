/**
 * `az network vnet create|show|list`, `az network vnet subnet create|show|list` and
 * `az network route-table create|list|show` / `az network route-table route list`.
 */
import type { AzureCloud } from "../../cloud.ts";
import { notFound, resourceGroupNotFound, resourceNotFound } from "../../errors.ts";
import { routeJson, routeTableId, routeTableJson } from "../../network/route-table.ts";
import { createSubnet, createVnet, requireSubnet, requireVnet, subnetJson, vnetJson } from "../../network/vnet.ts";
import { isKnownRegion, normalizeLocation } from "../../regions.ts";
import { locationNotAvailable } from "../../resource-group.ts";
import type { RouteTable } from "../../types.ts";
import type { ArgSpec } from "../argparse.ts";
import type { AzCommand, CommandOutcome } from "../command.ts";
import { LOCATION, RESOURCE_GROUP, list, str } from "../command.ts";

const VNET_NAME: ArgSpec = { dest: "vnet_name", options: ["--vnet-name"], required: true, help: "The virtual network (VNet) name." };
const ignoredArg = (dest: string, options: string[], help: string, kind: ArgSpec["kind"] = "string"): ArgSpec => ({ dest, options, help, kind, ignored: true });

function findTable(cloud: AzureCloud, group: string, name: string): RouteTable | undefined {
  return cloud.routeTables.find((t) => t.resourceGroup.toLowerCase() === group.toLowerCase() && t.name.toLowerCase() === name.toLowerCase());
}

function requireTable(cloud: AzureCloud, group: string, name: string): RouteTable | CommandOutcome {
  if (!cloud.findGroup(group)) return { error: resourceGroupNotFound(group) };
  return findTable(cloud, group, name) ?? { error: resourceNotFound("Microsoft.Network/routeTables", name, group) };
}

export const NETWORK_COMMANDS: AzCommand[] = [
  {
    name: "network vnet create",
    summary: "Create a virtual network.",
    args: [
      RESOURCE_GROUP,
      { dest: "name", options: ["--name", "-n"], required: true, help: "The virtual network (VNet) name." },
      LOCATION,
      { dest: "address_prefixes", options: ["--address-prefixes"], kind: "list", help: "Space-separated list of IP address prefixes for the VNet.", defaultText: "10.0.0.0/16" },
      { dest: "subnet_name", options: ["--subnet-name"], help: "Name of a new subnet to create within the VNet." },
      {
        dest: "subnet_prefixes",
        options: ["--subnet-prefixes"],
        kind: "list",
        help: "Space-separated list of address prefixes in CIDR format for the new subnet. If omitted, automatically reserves a /24 (or as large as available) block within the VNet address space.",
      },
      ignoredArg("tags", ["--tags"], 'Space-separated tags: key[=value] [key[=value] ...].', "list"),
      ignoredArg("dns_servers", ["--dns-servers"], "Space-separated list of DNS server IP addresses.", "list"),
      ignoredArg("nsg", ["--network-security-group", "--nsg"], "Name or ID of a network security group (NSG)."),
      ignoredArg("ddos", ["--ddos-protection"], "Control whether DDoS protection is enabled."),
    ],
    examples: [
      { summary: "Create a virtual network.", command: "az network vnet create -g MyResourceGroup -n MyVnet" },
      {
        summary: "Create a virtual network with a specific address prefix and one subnet.",
        command: "az network vnet create -g MyResourceGroup -n MyVnet --address-prefix 10.0.0.0/16 --subnet-name MySubnet --subnet-prefixes 10.0.0.0/24",
      },
    ],
    async run(v, host) {
      const location = str(v, "location");
      if (location !== undefined && !isKnownRegion(normalizeLocation(location))) return { error: locationNotAvailable(normalizeLocation(location)) };
      const subnetName = str(v, "subnet_name");
      const subnetPrefixes = list(v, "subnet_prefixes");
      const vnet = createVnet(host.cloud, {
        group: str(v, "resource_group_name")!,
        name: str(v, "name")!,
        ...(location !== undefined ? { location: normalizeLocation(location) } : {}),
        addressPrefixes: list(v, "address_prefixes") ?? ["10.0.0.0/16"],
        ...(subnetName !== undefined ? { subnetName } : {}),
        ...(subnetPrefixes !== undefined ? { subnetPrefixes } : {}),
      });
      return "kind" in vnet ? { error: vnet } : { result: { newVNet: vnetJson(host.cloud, vnet) } };
    },
  },
  {
    name: "network vnet show",
    summary: "Get the details of a virtual network.",
    args: [RESOURCE_GROUP, { dest: "name", options: ["--name", "-n"], required: true, help: "The virtual network (VNet) name." }],
    examples: [{ summary: "Get details for MyVNet.", command: "az network vnet show -g MyResourceGroup -n MyVNet" }],
    async run(v, host) {
      const vnet = requireVnet(host.cloud, str(v, "resource_group_name")!, str(v, "name")!);
      return "kind" in vnet ? { error: vnet } : { result: vnetJson(host.cloud, vnet) };
    },
  },
  {
    name: "network vnet list",
    summary: "List virtual networks.",
    args: [{ ...RESOURCE_GROUP, required: false }],
    examples: [{ summary: "List all virtual networks in a subscription.", command: "az network vnet list" }],
    async run(v, host) {
      const group = str(v, "resource_group_name");
      if (group !== undefined && !host.cloud.findGroup(group)) return { error: resourceGroupNotFound(group) };
      const vnets = host.cloud.vnets.filter((n) => group === undefined || n.resourceGroup.toLowerCase() === group.toLowerCase());
      return { result: vnets.map((n) => vnetJson(host.cloud, n)) };
    },
  },
  {
    name: "network vnet subnet create",
    summary: "Create a subnet and associate an existing NSG and route table.",
    args: [
      RESOURCE_GROUP,
      VNET_NAME,
      { dest: "name", options: ["--name", "-n"], required: true, help: "The subnet name." },
      { dest: "address_prefixes", options: ["--address-prefixes"], kind: "list", required: true, help: "Space-separated list of address prefixes in CIDR format." },
      { dest: "route_table", options: ["--route-table"], help: "Name or ID of a route table to associate with the subnet." },
      ignoredArg("nsg", ["--network-security-group", "--nsg"], "Name or ID of a network security group (NSG)."),
      ignoredArg("delegations", ["--delegations"], "Space-separated list of services to whom the subnet should be delegated.", "list"),
      ignoredArg("service_endpoints", ["--service-endpoints"], "Space-separated list of services allowed private access to this subnet.", "list"),
    ],
    examples: [
      {
        summary: "Create new subnet attached to an NSG with a custom route table.",
        command: "az network vnet subnet create -g MyResourceGroup --vnet-name MyVnet -n MySubnet --address-prefixes 10.0.0.0/24 --network-security-group MyNsg --route-table MyRouteTable",
      },
    ],
    async run(v, host) {
      const group = str(v, "resource_group_name")!;
      const rt = str(v, "route_table");
      let table: RouteTable | undefined;
      if (rt !== undefined) {
        table = rt.startsWith("/") ? host.cloud.findRouteTableById(rt) : findTable(host.cloud, group, rt);
        if (!table) return { error: notFound("NotFound", `Resource ${rt} not found.`) };
      }
      const r = createSubnet(host.cloud, group, str(v, "vnet_name")!, str(v, "name")!, list(v, "address_prefixes")!);
      if ("kind" in r) return { error: r };
      if (table) {
        r.subnet.routeTableId = routeTableId(host.cloud, table);
        const id = (subnetJson(host.cloud, r.vnet, r.subnet).id as string);
        if (!table.subnetIds.includes(id)) table.subnetIds.push(id);
      }
      return { result: subnetJson(host.cloud, r.vnet, r.subnet) };
    },
  },
  {
    name: "network vnet subnet show",
    summary: "Show details of a subnet.",
    args: [RESOURCE_GROUP, VNET_NAME, { dest: "name", options: ["--name", "-n"], required: true, help: "The subnet name." }],
    examples: [{ summary: "Show the details of a subnet associated with a virtual network.", command: "az network vnet subnet show -g MyResourceGroup -n MySubnet --vnet-name MyVNet" }],
    async run(v, host) {
      const r = requireSubnet(host.cloud, str(v, "resource_group_name")!, str(v, "vnet_name")!, str(v, "name")!);
      return "kind" in r ? { error: r } : { result: subnetJson(host.cloud, r.vnet, r.subnet) };
    },
  },
  {
    name: "network vnet subnet list",
    summary: "List the subnets in a virtual network.",
    args: [RESOURCE_GROUP, VNET_NAME],
    examples: [{ summary: "List the subnets in a virtual network.", command: "az network vnet subnet list -g MyResourceGroup --vnet-name MyVNet" }],
    async run(v, host) {
      const vnet = requireVnet(host.cloud, str(v, "resource_group_name")!, str(v, "vnet_name")!);
      return "kind" in vnet ? { error: vnet } : { result: vnet.subnets.map((s) => subnetJson(host.cloud, vnet, s)) };
    },
  },
  {
    name: "network route-table create",
    summary: "Create a route table.",
    args: [RESOURCE_GROUP, { dest: "name", options: ["--name", "-n"], required: true, help: "Name of the route table." }, LOCATION],
    examples: [{ summary: "Create a route table.", command: "az network route-table create -g MyResourceGroup -n MyRouteTable" }],
    async run(v, host) {
      const cloud = host.cloud;
      const groupName = str(v, "resource_group_name")!;
      const group = cloud.findGroup(groupName);
      if (!group) return { error: resourceGroupNotFound(groupName) };
      const location = str(v, "location") !== undefined ? normalizeLocation(str(v, "location")!) : group.location;
      if (!isKnownRegion(location)) return { error: locationNotAvailable(location) };
      let table = findTable(cloud, group.name, str(v, "name")!);
      if (!table) {
        table = { name: str(v, "name")!, resourceGroup: group.name, location, etag: cloud.etag(), resourceGuid: cloud.random.uuid(), routes: [], subnetIds: [] };
        cloud.routeTables.push(table);
      }
      return { result: routeTableJson(cloud, table) };
    },
  },
  {
    name: "network route-table list",
    summary: "List route tables.",
    args: [{ ...RESOURCE_GROUP, required: false }],
    examples: [{ summary: "List route tables in a resource group.", command: "az network route-table list -g MyResourceGroup" }],
    async run(v, host) {
      const group = str(v, "resource_group_name");
      if (group !== undefined && !host.cloud.findGroup(group)) return { error: resourceGroupNotFound(group) };
      const tables = host.cloud.routeTables.filter((t) => group === undefined || t.resourceGroup.toLowerCase() === group.toLowerCase());
      return { result: tables.map((t) => routeTableJson(host.cloud, t)) };
    },
  },
  {
    name: "network route-table show",
    summary: "Get the details of a route table.",
    args: [RESOURCE_GROUP, { dest: "name", options: ["--name", "-n"], required: true, help: "Name of the route table." }],
    examples: [{ summary: "Get the details of a route table.", command: "az network route-table show -g MyResourceGroup -n MyRouteTable" }],
    async run(v, host) {
      const t = requireTable(host.cloud, str(v, "resource_group_name")!, str(v, "name")!);
      return "routes" in t ? { result: routeTableJson(host.cloud, t) } : t;
    },
  },
  {
    name: "network route-table route list",
    summary: "List routes in a route table.",
    args: [RESOURCE_GROUP, { dest: "route_table_name", options: ["--route-table-name"], required: true, help: "Route table name." }],
    examples: [{ summary: "List routes in a route table.", command: "az network route-table route list -g MyResourceGroup --route-table-name MyRouteTable" }],
    async run(v, host) {
      const t = requireTable(host.cloud, str(v, "resource_group_name")!, str(v, "route_table_name")!);
      return "routes" in t ? { result: t.routes.map((r) => routeJson(host.cloud, t, r)) } : t;
    },
  },
];

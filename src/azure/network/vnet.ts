/**
 * Virtual networks and subnets: `az network vnet create|show|list` and `az network vnet subnet
 * create|show|list`. Address checks and their error codes are the network resource provider's
 * (NetcfgSubnetRangeOutsideVnet, NetcfgSubnetRangesOverlap, InvalidCIDRNotation, ...).
 */
import { CIDR, parseCIDRDetailed } from "../../net/index.ts";
import type { AzureCloud } from "../cloud.ts";
import { notFound, resourceGroupNotFound, resourceNotFound, serviceError, type AzError } from "../errors.ts";
import type { Subnet, VirtualNetwork } from "../types.ts";

export function vnetId(cloud: AzureCloud, v: VirtualNetwork): string {
  return `/subscriptions/${cloud.subscription.id}/resourceGroups/${v.resourceGroup}/providers/Microsoft.Network/virtualNetworks/${v.name}`;
}

export function subnetId(cloud: AzureCloud, v: VirtualNetwork, s: Subnet): string {
  return `${vnetId(cloud, v)}/subnets/${s.name}`;
}

export function subnetJson(cloud: AzureCloud, v: VirtualNetwork, s: Subnet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // The network provider answers addressPrefix for one prefix and addressPrefixes for a dual-stack subnet.
  if (s.addressPrefixes.length === 1) out.addressPrefix = s.addressPrefixes[0];
  else out.addressPrefixes = [...s.addressPrefixes];
  out.delegations = [];
  out.etag = s.etag;
  out.id = subnetId(cloud, v, s);
  out.name = s.name;
  out.privateEndpointNetworkPolicies = "Disabled";
  out.privateLinkServiceNetworkPolicies = "Enabled";
  out.provisioningState = "Succeeded";
  out.resourceGroup = v.resourceGroup;
  if (s.routeTableId) out.routeTable = { id: s.routeTableId, resourceGroup: s.routeTableId.split("/")[4] };
  out.type = "Microsoft.Network/virtualNetworks/subnets";
  return out;
}

export function vnetJson(cloud: AzureCloud, v: VirtualNetwork): Record<string, unknown> {
  return {
    addressSpace: { addressPrefixes: [...v.addressPrefixes] },
    enableDdosProtection: false,
    etag: v.etag,
    id: vnetId(cloud, v),
    location: v.location,
    name: v.name,
    privateEndpointVNetPolicies: "Disabled",
    provisioningState: "Succeeded",
    resourceGroup: v.resourceGroup,
    resourceGuid: v.resourceGuid,
    subnets: v.subnets.map((s) => subnetJson(cloud, v, s)),
    type: "Microsoft.Network/virtualNetworks",
    virtualNetworkPeerings: [],
  };
}

/** Checks one prefix the way the network provider does, naming the resource that carries it. */
function checkPrefix(prefix: string, resourceId: string): CIDR | AzError {
  const r = parseCIDRDetailed(prefix);
  if (r.cidr === null || r.problem === "leading-zeros" || r.problem === "ipv4-mapped") {
    return serviceError(
      "InvalidAddressPrefixFormat",
      `Address prefix ${prefix} of resource ${resourceId} is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24.`,
    );
  }
  if (r.problem === "host-bits") {
    return serviceError(
      "InvalidCIDRNotation",
      `The address prefix ${prefix} in resource ${resourceId} has an invalid CIDR notation. For the given prefix length, the address prefix should be ${r.cidr.toString()}.`,
    );
  }
  return r.cidr;
}

function checkSubnet(cloud: AzureCloud, v: VirtualNetwork, name: string, prefixes: string[], others: Subnet[]): CIDR[] | AzError {
  const id = `${vnetId(cloud, v)}/subnets/${name}`;
  const space = v.addressPrefixes.map((p) => CIDR.parse(p));
  const out: CIDR[] = [];
  for (const prefix of prefixes) {
    const c = checkPrefix(prefix, id);
    if (!(c instanceof CIDR)) return c;
    // Azure's smallest subnet is a /29 (IPv6: /64): it must hold the five reserved addresses and a NIC.
    if ((c.family === "IPv4" && c.prefix > 29) || (c.family === "IPv6" && c.prefix !== 64)) {
      return serviceError("NetcfgInvalidSubnet", `Subnet '${name}' is not valid in virtual network '${v.name}'.`);
    }
    if (!space.some((s) => s.containsCIDR(c))) {
      return serviceError(
        "NetcfgSubnetRangeOutsideVnet",
        `Subnet '${name}' is not valid because its IP address range is outside the IP address range of virtual network '${v.name}'.`,
      );
    }
    for (const o of others) {
      if (o.addressPrefixes.some((p) => CIDR.parse(p).overlaps(c))) {
        return serviceError(
          "NetcfgSubnetRangesOverlap",
          `Subnet '${name}' is not valid because its IP address range overlaps with that of an existing subnet in virtual network '${v.name}'.`,
        );
      }
    }
    out.push(c);
  }
  return out;
}

function newSubnet(cloud: AzureCloud, name: string, prefixes: CIDR[]): Subnet {
  return { name, addressPrefixes: prefixes.map((p) => p.toString()), etag: cloud.etag(), routeTableId: null, used: new Map() };
}

export interface VnetCreate {
  group: string;
  name: string;
  location?: string;
  addressPrefixes: string[];
  subnetName?: string;
  subnetPrefixes?: string[];
}

export function createVnet(cloud: AzureCloud, o: VnetCreate): VirtualNetwork | AzError {
  const group = cloud.findGroup(o.group);
  if (!group) return resourceGroupNotFound(o.group);
  const existing = cloud.findVnet(o.group, o.name);
  const draft: VirtualNetwork = existing
    ? { ...existing, subnets: [...existing.subnets] }
    : { name: o.name, resourceGroup: group.name, location: o.location ?? group.location, addressPrefixes: [], subnets: [], etag: "", resourceGuid: "" };
  const space: CIDR[] = [];
  for (const p of o.addressPrefixes) {
    const c = checkPrefix(p, vnetId(cloud, draft));
    if (!(c instanceof CIDR)) return c;
    space.push(c);
  }
  draft.addressPrefixes = space.map((c) => c.toString());
  let subnet: Subnet | undefined;
  if (o.subnetName !== undefined && !draft.subnets.some((s) => s.name.toLowerCase() === o.subnetName!.toLowerCase())) {
    const prefixes = checkSubnet(cloud, draft, o.subnetName, o.subnetPrefixes ?? [defaultSubnetPrefix(space[0]!)], draft.subnets);
    if (!Array.isArray(prefixes)) return prefixes;
    subnet = newSubnet(cloud, o.subnetName, prefixes);
  }
  for (const s of draft.subnets) {
    const inSpace = s.addressPrefixes.every((p) => space.some((c) => c.containsCIDR(CIDR.parse(p))));
    if (!inSpace) {
      return serviceError(
        "NetcfgSubnetRangeOutsideVnet",
        `Subnet '${s.name}' is not valid because its IP address range is outside the IP address range of virtual network '${draft.name}'.`,
      );
    }
  }
  if (subnet) draft.subnets.push(subnet);
  draft.etag = cloud.etag();
  if (!existing) {
    draft.resourceGuid = cloud.random.uuid();
    cloud.vnets.push(draft);
    return draft;
  }
  Object.assign(existing, draft);
  return existing;
}

/** az network vnet create's --subnet-prefixes default: the first /24 of the address space (a smaller space is used whole). */
function defaultSubnetPrefix(space: CIDR): string {
  return space.family === "IPv4" && space.prefix < 24 ? `${space.network.toString()}/24` : space.toString();
}

export function requireVnet(cloud: AzureCloud, group: string, name: string): VirtualNetwork | AzError {
  if (!cloud.findGroup(group)) return resourceGroupNotFound(group);
  return cloud.findVnet(group, name) ?? resourceNotFound("Microsoft.Network/virtualNetworks", name, group);
}

export function requireSubnet(cloud: AzureCloud, group: string, vnetName: string, name: string): { vnet: VirtualNetwork; subnet: Subnet } | AzError {
  const vnet = requireVnet(cloud, group, vnetName);
  if ("kind" in vnet) return vnet;
  const subnet = vnet.subnets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!subnet) return notFound("NotFound", `Resource ${vnetId(cloud, vnet)}/subnets/${name} not found.`);
  return { vnet, subnet };
}

export function createSubnet(cloud: AzureCloud, group: string, vnetName: string, name: string, prefixes: string[]): { vnet: VirtualNetwork; subnet: Subnet } | AzError {
  const vnet = requireVnet(cloud, group, vnetName);
  if ("kind" in vnet) return vnet;
  const existing = vnet.subnets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  const others = vnet.subnets.filter((s) => s !== existing);
  const checked = checkSubnet(cloud, vnet, name, prefixes, others);
  if (!Array.isArray(checked)) return checked;
  if (existing) {
    if (existing.used.size > 0 && checked.map(String).join() !== existing.addressPrefixes.join()) {
      return serviceError(
        "InUseSubnetCannotBeUpdated",
        `Subnet ${name} is in use by ${[...new Set(existing.used.values())][0]} and cannot be updated.`,
      );
    }
    existing.addressPrefixes = checked.map((c) => c.toString());
    existing.etag = cloud.etag();
    return { vnet, subnet: existing };
  }
  const subnet = newSubnet(cloud, name, checked);
  vnet.subnets.push(subnet);
  vnet.etag = cloud.etag();
  return { vnet, subnet };
}

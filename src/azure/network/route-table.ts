/**
 * Route tables (Microsoft.Network/routeTables) and their routes, as `az network route-table list` and
 * `az network route-table route list` print them. AKS creates one in the node resource group for a
 * kubenet cluster and associates it with the node subnet; the route controller fills it.
 */
import type { AzureCloud } from "../cloud.ts";
import type { Route, RouteTable } from "../types.ts";

/**
 * cloud-provider-azure pkg/provider/azure_routes.go mapNodeNameToRouteName: "<node>____<cidr>" with the
 * CIDR's ".", ":" and "/" dropped (cidrtoRfc1035). AKS clusters name even single-stack routes this way
 * (reference cluster-tools.md §5.1: aks-nodepool1-12355964-vmss000000____102440024).
 */
export function routeName(nodeName: string, cidr: string): string {
  return `${nodeName}____${cidr.replace(/[.:/]/g, "")}`;
}

export function routeTableId(cloud: AzureCloud, t: RouteTable): string {
  return `/subscriptions/${cloud.subscription.id}/resourceGroups/${t.resourceGroup}/providers/Microsoft.Network/routeTables/${t.name}`;
}

export function routeJson(cloud: AzureCloud, t: RouteTable, r: Route): Record<string, unknown> {
  return {
    addressPrefix: r.addressPrefix,
    etag: r.etag,
    hasBgpOverride: false,
    id: `${routeTableId(cloud, t)}/routes/${r.name}`,
    name: r.name,
    nextHopIpAddress: r.nextHopIpAddress,
    nextHopType: "VirtualAppliance",
    provisioningState: "Succeeded",
    resourceGroup: t.resourceGroup,
    type: "Microsoft.Network/routeTables/routes",
  };
}

export function routeTableJson(cloud: AzureCloud, t: RouteTable): Record<string, unknown> {
  return {
    disableBgpRoutePropagation: false,
    etag: t.etag,
    id: routeTableId(cloud, t),
    location: t.location,
    name: t.name,
    provisioningState: "Succeeded",
    resourceGroup: t.resourceGroup,
    resourceGuid: t.resourceGuid,
    routes: t.routes.map((r) => routeJson(cloud, t, r)),
    subnets: t.subnetIds.map((id) => ({ id, resourceGroup: id.split("/")[4] })),
    tags: {},
    type: "Microsoft.Network/routeTables",
  };
}

/**
 * AzureCloud is one sandbox's simulated Azure subscription: its resource groups, virtual networks,
 * managed identities, role assignments, route tables and AKS clusters. It holds state only; the
 * operations live beside the resources they act on (resource-group.ts, network/, identity.ts, aks/).
 * Every ID, GUID and suffix comes from the SeededRandom it is given and every timestamp from the
 * VirtualClock, so one seed and one command history give the same subscription.
 */
import type { SeededRandom } from "../apiserver/machinery/random.ts";
import type { VirtualClock } from "../apiserver/machinery/clock.ts";
import { parseResourceId } from "./ids.ts";
import { routeName } from "./network/route-table.ts";
import type {
  ManagedCluster,
  ResourceGroup,
  RoleAssignment,
  Route,
  RouteTable,
  Subnet,
  Subscription,
  UserAssignedIdentity,
  VirtualNetwork,
  VmssInstance,
} from "./types.ts";
import { IP } from "../net/index.ts";

/** A Kubernetes Node as the route controller sees it: cloud-provider-azure programs one route per podCIDR. */
export interface RouteNode {
  name: string;
  /** The node's InternalIP (IPv4). */
  ip: string;
  podCIDRs: string[];
}

export class AzureCloud {
  readonly random: SeededRandom;
  readonly clock: VirtualClock;
  readonly subscription: Subscription;
  readonly groups: ResourceGroup[] = [];
  readonly vnets: VirtualNetwork[] = [];
  readonly identities: UserAssignedIdentity[] = [];
  readonly roleAssignments: RoleAssignment[] = [];
  readonly routeTables: RouteTable[] = [];
  readonly clusters: ManagedCluster[] = [];

  constructor(random: SeededRandom, clock: VirtualClock) {
    this.random = random;
    this.clock = clock;
    this.subscription = {
      id: random.uuid(),
      tenantId: random.uuid(),
      // The name Azure gives a new pay-as-you-go or free subscription.
      name: "Azure subscription 1",
      user: "learner@cidrlab.onmicrosoft.com",
      tenantDomain: "cidrlab.onmicrosoft.com",
    };
  }

  /** A weak ETag as the network provider writes them: W/"<guid>". */
  etag(): string {
    return `W/"${this.random.uuid()}"`;
  }

  findGroup(name: string): ResourceGroup | undefined {
    return this.groups.find((g) => g.name.toLowerCase() === name.toLowerCase());
  }

  findVnet(group: string, name: string): VirtualNetwork | undefined {
    return this.vnets.find((v) => v.resourceGroup.toLowerCase() === group.toLowerCase() && v.name.toLowerCase() === name.toLowerCase());
  }

  findCluster(group: string, name: string): ManagedCluster | undefined {
    return this.clusters.find((c) => c.resourceGroup.toLowerCase() === group.toLowerCase() && c.name.toLowerCase() === name.toLowerCase());
  }

  findIdentity(group: string, name: string): UserAssignedIdentity | undefined {
    return this.identities.find((i) => i.resourceGroup.toLowerCase() === group.toLowerCase() && i.name.toLowerCase() === name.toLowerCase());
  }

  /** The VNet and subnet a subnet resource ID names, if both exist. */
  findSubnetById(id: string): { vnet: VirtualNetwork; subnet: Subnet } | undefined {
    const p = parseResourceId(id);
    if (!p || p.subscription.toLowerCase() !== this.subscription.id || p.type.toLowerCase() !== "microsoft.network/virtualnetworks") return undefined;
    const child = p.children[0];
    if (!child || child[0].toLowerCase() !== "subnets" || p.children.length !== 1) return undefined;
    const vnet = this.findVnet(p.resourceGroup, p.name);
    const subnet = vnet?.subnets.find((s) => s.name.toLowerCase() === child[1].toLowerCase());
    return vnet && subnet ? { vnet, subnet } : undefined;
  }

  findRouteTableById(id: string): RouteTable | undefined {
    const p = parseResourceId(id);
    if (!p) return undefined;
    return this.routeTables.find((t) => t.resourceGroup.toLowerCase() === p.resourceGroup.toLowerCase() && t.name.toLowerCase() === p.name.toLowerCase());
  }

  /** The cluster and VMSS instance behind a Kubernetes node name. */
  findNode(name: string): { cluster: ManagedCluster; instance: VmssInstance } | undefined {
    for (const cluster of this.clusters) {
      for (const pool of cluster.pools) {
        const instance = pool.instances.find((i) => i.name === name);
        if (instance) return { cluster, instance };
      }
    }
    return undefined;
  }

  /**
   * Called by the lab whenever a cluster's Node objects change: like cloud-provider-azure's route
   * controller (pkg/provider/azure_routes.go), keeps one route per node podCIDR in the cluster's route
   * table, next hop the node's address of the same family. The clusters updated are those owning at least
   * one of the nodes given; their routes for nodes absent from the list are removed. Existing routes keep
   * their place, new ones are appended, as ARM lists a route table's routes in creation order.
   */
  syncRoutes(nodes: readonly RouteNode[]): void {
    const byCluster = new Map<ManagedCluster, { node: RouteNode; instance: VmssInstance }[]>();
    for (const node of nodes) {
      const found = this.findNode(node.name);
      if (!found) continue;
      const list = byCluster.get(found.cluster) ?? [];
      list.push({ node, instance: found.instance });
      byCluster.set(found.cluster, list);
    }
    for (const [cluster, owned] of byCluster) {
      const table = cluster.routeTableId ? this.findRouteTableById(cluster.routeTableId) : undefined;
      if (!table) continue;
      const wanted: Omit<Route, "etag">[] = [];
      for (const { node, instance } of owned) {
        for (const cidr of node.podCIDRs) {
          const v6 = cidr.includes(":");
          const hop = v6 ? instance.addresses.find((a) => a.includes(":")) : node.ip;
          if (!hop) continue;
          wanted.push({ name: routeName(node.name, cidr), addressPrefix: cidr, nextHopIpAddress: IP.parse(hop).toString() });
        }
      }
      // A node name carries its cluster's VMSS number, so routes of other clusters sharing a BYO table stay.
      const ours = new RegExp(`^aks-[a-z0-9]+-${cluster.vmssNumber}-vmss[0-9a-z]{6}$`);
      const kept = table.routes.filter((r) => {
        if (!ours.test(r.name.split("____")[0]!)) return true;
        return wanted.some((w) => w.name === r.name && w.addressPrefix === r.addressPrefix && w.nextHopIpAddress === r.nextHopIpAddress);
      });
      const added = wanted.filter((w) => !kept.some((r) => r.name === w.name)).map((w) => ({ ...w, etag: this.etag() }));
      table.routes.splice(0, table.routes.length, ...kept, ...added);
    }
  }
}

/**
 * The node containers of the kind clusters on this machine, and their addresses in docker's "kind"
 * network. Names follow kind's namer (pkg/cluster/internal/providers/common/namer.go); addresses are
 * docker's: the network is 172.18.0.0/16 (the subnet docker usually hands the second bridge) plus the
 * ULA kind derives from the network name, fc00:f853:ccd:e793::/64, with .1/::1 the gateway.
 *
 * kind creates a cluster's containers concurrently, so docker's order is not fixed. The sandbox
 * takes the order kind plans them in (the load balancer first, then the config's nodes) and gives
 * each the lowest free address, as docker's IPAM does once earlier clusters are deleted. Listings
 * (`kind get nodes`, "Deleted nodes") come newest first, like `docker ps`.
 */
import { IP } from "../net/index.ts";

export type ContainerRole = "control-plane" | "worker" | "external-load-balancer";

export interface Container {
  name: string;
  role: ContainerRole;
  ipv4: string;
  ipv6: string;
}

const NETWORK_V4 = IP.parse("172.18.0.0");
const NETWORK_V6 = IP.parse("fc00:f853:ccd:e793::");
const FIRST_HOST = 2n;

/** MakeNodeNamer: "<cluster>-<role>" for the first of a role, then "<cluster>-<role>2", "…3". */
export function makeNodeNamer(cluster: string): (role: string) => string {
  const counter = new Map<string, number>();
  return (role) => {
    const count = (counter.get(role) ?? 0) + 1;
    counter.set(role, count);
    return `${cluster}-${role}${count > 1 ? count : ""}`;
  };
}

/** Per session: one learner's docker host. Not module state, so two sandboxes on a page stay apart. */
interface ClusterRecord {
  containers: Container[];
  /** The kubeconfig server kind wrote for it. */
  server: string;
}

export class KindContainers {
  readonly #byCluster = new Map<string, ClusterRecord>();

  /** Forgets clusters the lab no longer runs (reset, or removed by other means). */
  sync(existing: readonly string[]): void {
    for (const name of [...this.#byCluster.keys()]) if (!existing.includes(name)) this.#byCluster.delete(name);
  }

  /** The containers of a cluster in creation order. */
  created(cluster: string): readonly Container[] {
    return this.#byCluster.get(cluster)?.containers ?? [];
  }

  server(cluster: string): string | undefined {
    return this.#byCluster.get(cluster)?.server;
  }

  /** `docker ps` order: newest first. */
  listed(cluster: string): string[] {
    return [...this.created(cluster)].reverse().map((c) => c.name);
  }

  /** Plans the containers of a new cluster: names and addresses, nothing recorded yet. */
  plan(cluster: string, roles: readonly ContainerRole[]): Container[] {
    const used = new Set<bigint>();
    for (const r of this.#byCluster.values()) for (const c of r.containers) used.add(IP.parse(c.ipv4).value - NETWORK_V4.value);
    const namer = makeNodeNamer(cluster);
    let next = FIRST_HOST;
    return roles.map((role) => {
      while (used.has(next)) next++;
      const host = next++;
      return {
        name: namer(role),
        role,
        ipv4: IP.fromBigInt(NETWORK_V4.value + host, "IPv4").toString(),
        ipv6: IP.fromBigInt(NETWORK_V6.value + host, "IPv6").toString(),
      };
    });
  }

  record(cluster: string, containers: readonly Container[], server = ""): void {
    this.#byCluster.set(cluster, { containers: [...containers], server });
  }

  remove(cluster: string): void {
    this.#byCluster.delete(cluster);
  }
}

/**
 * NodeProxier is kube-proxy on one node: an IPv4 and an IPv6 proxier (kube-proxy runs both whenever
 * the host supports them, as NewDualStackProxier does), fed the cluster's Services and
 * EndpointSlices. It reads changes from its ProxyCluster only when someone looks at the node, which
 * is kube-proxy's sync loop made lazy: a thousand idle nodes cost nothing when a Service is created.
 */
import { endpointsByServicePort } from "./endpoints.ts";
import { FamilyProxier, type FamilySettings } from "./family-proxier.ts";
import { servicePortInfos } from "./service-port.ts";
import { DEFAULT_IPTABLES, type EndpointSliceLike, type Family, type KubeProxyConfig, type NodeEnvironment, type ServiceLike } from "./types.ts";

export const FAMILIES: readonly Family[] = ["IPv4", "IPv6"];

/** Where a NodeProxier reads the cluster from: Services, slices per Service, and a change log. */
export interface ProxySource {
  readonly config: KubeProxyConfig;
  service(key: string): ServiceLike | undefined;
  slices(serviceKey: string): Iterable<EndpointSliceLike>;
  /**
   * Service keys changed since `cursor` and the cursor to ask from next time; `full` when the log no
   * longer reaches back that far and `keys` lists every Service instead.
   */
  changesSince(cursor: number): { keys: Iterable<string>; next: number; full: boolean };
  /** The cursor after the latest change. */
  head(): number;
}

export function proxyMode(config: KubeProxyConfig): "iptables" | "ipvs" | "nftables" {
  return config.mode ? config.mode : "iptables";
}

/** The clusterCIDR of one family from kube-proxy's comma-separated `clusterCIDR`. */
export function clusterCIDRFor(config: KubeProxyConfig, family: Family): string | undefined {
  for (const part of (config.clusterCIDR ?? "").split(",")) {
    const c = part.trim();
    if (!c) continue;
    if ((family === "IPv6") === c.includes(":")) return c;
  }
  return undefined;
}

export class NodeProxier {
  readonly #source: ProxySource;
  #env: NodeEnvironment;
  #cursor = 0;
  #primed = false;
  #families: Record<Family, FamilyProxier>;

  constructor(source: ProxySource, env: NodeEnvironment) {
    this.#source = source;
    this.#env = env;
    this.#families = this.#newFamilies();
  }

  #newFamilies(): Record<Family, FamilyProxier> {
    const pull = () => this.catchUp();
    return { IPv4: new FamilyProxier("IPv4", this.#settings("IPv4"), pull), IPv6: new FamilyProxier("IPv6", this.#settings("IPv6"), pull) };
  }

  get env(): NodeEnvironment {
    return this.#env;
  }

  get nodeName(): string {
    return this.#env.nodeName;
  }

  get mode(): "iptables" | "ipvs" | "nftables" {
    return proxyMode(this.#source.config);
  }

  /** `ipvs.scheduler` from the kube-proxy config; "" means rr. */
  get ipvsScheduler(): string {
    return this.#source.config.ipvsScheduler ?? "";
  }

  get iptablesVersion(): { version: string; backend: "legacy" | "nf_tables" } {
    return this.#env.iptables ?? DEFAULT_IPTABLES;
  }

  #settings(family: Family): FamilySettings {
    const cfg = this.#source.config;
    return {
      masqueradeAll: cfg.masqueradeAll ?? false,
      masqueradeMark: 1 << (cfg.masqueradeBit ?? 14),
      localCIDR: clusterCIDRFor(cfg, family),
      localhostNodePorts: family === "IPv4" && (cfg.localhostNodePorts ?? true),
      nfacct: this.#env.nfacct ?? true,
      randomFully: this.#env.randomFully ?? true,
      conntrackTCPLiberal: this.#env.conntrackTCPLiberal ?? false,
      nodeIP: this.#env.nodeIPs[family],
    };
  }

  /** A changed kube-proxy config or node: every rule is rebuilt, as after a kube-proxy restart. */
  reconfigure(env?: NodeEnvironment): void {
    if (env) this.#env = env;
    // Locality of endpoints depends on the node name, so everything is read again from scratch.
    this.#families = this.#newFamilies();
    this.#primed = false;
    this.#cursor = 0;
  }

  /** Applies what changed in the cluster since this node last looked. */
  catchUp(): void {
    if (this.#primed && this.#source.head() === this.#cursor) return;
    const { keys, next, full } = this.#source.changesSince(this.#primed ? this.#cursor : 0);
    // A full listing cannot name what was deleted meanwhile, so the node starts from empty maps.
    if (full && this.#primed) this.#families = this.#newFamilies();
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key)) continue;
      seen.add(key);
      this.#applyService(key);
    }
    this.#cursor = next;
    this.#primed = true;
  }

  #applyService(key: string): void {
    const svc = this.#source.service(key);
    const slices = [...this.#source.slices(key)];
    for (const f of FAMILIES) {
      const fp = this.#families[f];
      fp.setServicePorts(key, svc ? servicePortInfos(svc, f) : []);
      fp.setServiceEndpoints(key, endpointsByServicePort(key, slices, f, this.#env.nodeName));
    }
  }

  family(f: Family): FamilyProxier {
    this.catchUp();
    return this.#families[f];
  }
}

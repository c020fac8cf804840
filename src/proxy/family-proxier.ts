/**
 * FamilyProxier is one IP family's kube-proxy on one node: the service-port map, the endpoints map
 * and the rules built from them. Like kube-proxy's partial sync (syncProxyRules with
 * needFullSync=false), a sync rebuilds only the ports whose Service or EndpointSlices changed and
 * keeps every other port's rules and their iptables-save text as they were, so one more Service
 * costs the same however many there are.
 */
import type { EndpointInfo } from "./endpoints.ts";
import { fixedRules, KUBE_EXTERNAL_SERVICES, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL, KUBE_SERVICES, LARGE_CLUSTER_ENDPOINTS_THRESHOLD, servicePortRules, statisticMatch, type FamilyContext, type FixedRules, type ServicePortRules } from "./iptables-rules.ts";
import { BUILTIN_CHAINS, type Match, type Rule, type TableName } from "./rule.ts";
import { saveRule } from "./save-format.ts";
import type { ServicePortInfo } from "./service-port.ts";
import type { Family } from "./types.ts";

/** Chains every service port may append to; all other per-port chains belong to one port. */
const SHARED: Record<"nat" | "filter", readonly string[]> = {
  nat: [KUBE_SERVICES, KUBE_NODEPORTS],
  filter: [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL],
};

interface Rendered {
  rules: ServicePortRules;
  /** Rules grouped by chain, in write order, with their iptables-save lines. */
  nat: Map<string, { rules: Rule[]; lines: string[] }>;
  filter: Map<string, { rules: Rule[]; lines: string[] }>;
}

export type FamilySettings = Omit<FamilyContext, "largeClusterMode" | "family" | "statistic">;

export class FamilyProxier {
  readonly family: Family;
  #settings: FamilySettings;
  /** svcPortMap, in the order ports were first seen (kube-proxy's map order is random; this is stable). */
  #ports = new Map<string, ServicePortInfo>();
  #portsByService = new Map<string, string[]>();
  #endpoints = new Map<string, Map<string, EndpointInfo[]>>();
  #rendered = new Map<string, Rendered>();
  /** Which port owns each per-service nat chain. */
  #chainOwner = new Map<string, string>();
  #dirty = new Set<string>();
  #largeClusterMode = false;
  #fixed: FixedRules | undefined;
  #sortedChains: Partial<Record<TableName, { list: string[]; set: Set<string> }>> = {};
  readonly #statistics: Match[] = [];
  /** How many service ports have had their rules built: the incremental sync is checked against it. */
  renders = 0;

  readonly #pull: (() => void) | undefined;

  /** `pull` is called before every sync, so a proxier always reads its node's pending changes first. */
  constructor(family: Family, settings: FamilySettings, pull?: () => void) {
    this.family = family;
    this.#settings = settings;
    this.#pull = pull;
  }

  get largeClusterMode(): boolean {
    this.sync();
    return this.#largeClusterMode;
  }

  /** New settings (a kube-proxy restart with another config) rebuild everything. */
  setSettings(settings: FamilySettings): void {
    this.#settings = settings;
    this.#fixed = undefined;
    for (const k of this.#ports.keys()) this.#dirty.add(k);
  }

  /** OnServiceAdd/Update/Delete for one Service: its ports as this family sees them (none when deleted). */
  setServicePorts(serviceKey: string, infos: readonly ServicePortInfo[]): void {
    const keys = infos.map((i) => i.key);
    for (const old of this.#portsByService.get(serviceKey) ?? []) {
      if (!keys.includes(old)) this.#dropPort(old);
    }
    for (const info of infos) {
      this.#ports.set(info.key, info);
      this.#dirty.add(info.key);
    }
    if (keys.length) this.#portsByService.set(serviceKey, keys);
    else this.#portsByService.delete(serviceKey);
  }

  /** OnEndpointSlice*: the endpoints of every port of one Service, recomputed from its slices. */
  setServiceEndpoints(serviceKey: string, byPort: Map<string, EndpointInfo[]>): void {
    if (byPort.size) this.#endpoints.set(serviceKey, byPort);
    else this.#endpoints.delete(serviceKey);
    for (const k of this.#portsByService.get(serviceKey) ?? []) this.#dirty.add(k);
  }

  #dropPort(key: string): void {
    const r = this.#rendered.get(key);
    if (r) this.#releaseChains(key, r);
    this.#rendered.delete(key);
    this.#ports.delete(key);
    this.#dirty.delete(key);
    this.#sortedChains = {};
  }

  #releaseChains(key: string, r: Rendered): void {
    for (const c of r.rules.natChains) if (this.#chainOwner.get(c) === key) this.#chainOwner.delete(c);
  }

  #context(): FamilyContext {
    return {
      ...this.#settings,
      family: this.family,
      largeClusterMode: this.#largeClusterMode,
      statistic: (n) => (this.#statistics[n] ??= statisticMatch(n)),
    };
  }

  endpointsOf(info: ServicePortInfo): EndpointInfo[] {
    return this.#endpoints.get(info.service)?.get(info.key) ?? [];
  }

  /** syncProxyRules: rebuilds the dirty ports, or all of them when largeClusterMode flips. */
  sync(): void {
    this.#pull?.();
    if (this.#dirty.size === 0 && this.#fixed) return;
    let total = 0;
    for (const info of this.#ports.values()) total += this.endpointsOf(info).length;
    const large = total > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;
    if (large !== this.#largeClusterMode) {
      this.#largeClusterMode = large;
      for (const k of this.#ports.keys()) this.#dirty.add(k);
    }
    const ctx = this.#context();
    this.#fixed ??= fixedRules(ctx);
    if (this.#dirty.size === 0) return;
    for (const key of this.#dirty) {
      const info = this.#ports.get(key);
      if (!info) continue;
      const rules = servicePortRules(info, this.endpointsOf(info), ctx);
      this.renders++;
      const old = this.#rendered.get(key);
      if (old) this.#releaseChains(key, old);
      const r: Rendered = { rules, nat: group(rules.nat, this.family), filter: group(rules.filter, this.family) };
      for (const c of rules.natChains) this.#chainOwner.set(c, key);
      // A rule may target a chain the port did not declare (an edge of Local policies); it still lives here.
      for (const c of r.nat.keys()) if (!SHARED.nat.includes(c) && !this.#chainOwner.has(c)) this.#chainOwner.set(c, key);
      this.#rendered.set(key, r);
    }
    this.#dirty.clear();
    this.#sortedChains = {};
  }

  ports(): IterableIterator<ServicePortInfo> {
    this.sync();
    return this.#ports.values();
  }

  port(key: string): ServicePortInfo | undefined {
    return this.#ports.get(key);
  }

  portRules(key: string): ServicePortRules | undefined {
    this.sync();
    return this.#rendered.get(key)?.rules;
  }

  /** User-defined chains of a table, sorted as iptables-save lists them. */
  chains(table: TableName): string[] {
    this.sync();
    return this.#chainIndex(table).list;
  }

  hasChain(table: TableName, chain: string): boolean {
    this.sync();
    return BUILTIN_CHAINS[table].includes(chain) || this.#chainIndex(table).set.has(chain);
  }

  #chainIndex(table: TableName): { list: string[]; set: Set<string> } {
    const cached = this.#sortedChains[table];
    if (cached) return cached;
    const set = new Set(this.#fixed!.chains[table]);
    if (table === "nat") for (const c of this.#chainOwner.keys()) set.add(c);
    const index = { list: [...set].sort(byteOrder), set };
    this.#sortedChains[table] = index;
    return index;
  }

  /** The rules of one chain in order, or undefined when the chain does not exist. */
  chainRules(table: TableName, chain: string): Rule[] | undefined {
    return this.#chainEntries(table, chain, "rules");
  }

  chainSaveLines(table: TableName, chain: string): string[] | undefined {
    return this.#chainEntries(table, chain, "lines");
  }

  #chainEntries<K extends "rules" | "lines">(table: TableName, chain: string, what: K): (K extends "rules" ? Rule[] : string[]) | undefined {
    this.sync();
    type Out = K extends "rules" ? Rule[] : string[];
    const fixed = this.#fixed!;
    if (!this.hasChain(table, chain)) return undefined;
    const out: (Rule | string)[] = [];
    const pushFixed = (rules: Rule[]) => {
      for (const r of rules) if (r.chain === chain) out.push(what === "rules" ? r : saveRule(r, this.family));
    };
    pushFixed(fixed.rules[table]);
    if (table === "nat" || table === "filter") {
      if (SHARED[table].includes(chain)) {
        for (const key of this.#ports.keys()) {
          const g = this.#rendered.get(key)?.[table].get(chain);
          if (g) out.push(...(what === "rules" ? g.rules : g.lines));
        }
        if (table === "nat" && chain === KUBE_SERVICES) pushFixed(fixed.natServicesTail);
      } else if (table === "nat") {
        const owner = this.#chainOwner.get(chain);
        const g = owner ? this.#rendered.get(owner)?.nat.get(chain) : undefined;
        if (g) out.push(...(what === "rules" ? g.rules : g.lines));
      }
    }
    return out as Out;
  }
}

function group(rules: Rule[], family: Family): Map<string, { rules: Rule[]; lines: string[] }> {
  const m = new Map<string, { rules: Rule[]; lines: string[] }>();
  for (const r of rules) {
    let g = m.get(r.chain);
    if (!g) m.set(r.chain, (g = { rules: [], lines: [] }));
    g.rules.push(r);
    g.lines.push(saveRule(r, family));
  }
  return m;
}

/** strcmp order, which is how libiptc and iptables-nft list user chains. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

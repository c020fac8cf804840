/**
 * ProxyCluster is kube-proxy across a cluster: one informer's worth of Services and EndpointSlices,
 * and a NodeProxier per node that catches up from a change log when its rules are read. Feeding it is
 * O(1) per object change whatever the number of nodes; each node pays for a change only once, and
 * only if someone looks at it.
 */
import { sliceServiceKey } from "./endpoints.ts";
import { NodeProxier, type ProxySource } from "./node-proxier.ts";
import type { EndpointSliceLike, KubeProxyConfig, NodeEnvironment, ServiceLike } from "./types.ts";

function serviceKey(svc: ServiceLike): string {
  return `${svc.metadata.namespace ?? "default"}/${svc.metadata.name ?? ""}`;
}

/** Log entries kept before compaction is considered. */
const COMPACT_AT = 4096;

export class ProxyCluster implements ProxySource {
  #config: KubeProxyConfig;
  readonly #services = new Map<string, ServiceLike>();
  readonly #slices = new Map<string, Map<string, EndpointSliceLike>>();
  readonly #nodes = new Map<string, NodeProxier>();
  /** Changed service keys; position i is change number #base + i. */
  #log: string[] = [];
  #base = 0;

  constructor(config: KubeProxyConfig = {}) {
    this.#config = { ...config };
  }

  get config(): KubeProxyConfig {
    return this.#config;
  }

  /** A new kube-proxy ConfigMap (mode, clusterCIDR, ...) as the pods pick it up after a restart. */
  setConfig(config: KubeProxyConfig): void {
    this.#config = { ...config };
    for (const n of this.#nodes.values()) n.reconfigure();
  }

  service(key: string): ServiceLike | undefined {
    return this.#services.get(key);
  }

  services(): IterableIterator<ServiceLike> {
    return this.#services.values();
  }

  slices(key: string): Iterable<EndpointSliceLike> {
    return this.#slices.get(key)?.values() ?? [];
  }

  head(): number {
    return this.#base + this.#log.length;
  }

  changesSince(cursor: number): { keys: Iterable<string>; next: number; full: boolean } {
    const next = this.#base + this.#log.length;
    if (cursor < this.#base) return { keys: this.#allKeys(), next, full: true };
    return { keys: this.#log.slice(cursor - this.#base), next, full: false };
  }

  #allKeys(): string[] {
    return [...new Set([...this.#services.keys(), ...this.#slices.keys()])];
  }

  #changed(key: string): void {
    this.#log.push(key);
    if (this.#log.length >= COMPACT_AT) {
      // Nodes that fell behind the compacted prefix simply re-read every Service.
      this.#base += this.#log.length;
      this.#log = [];
    }
  }

  /** OnServiceAdd / OnServiceUpdate. */
  applyService(svc: ServiceLike): void {
    const key = serviceKey(svc);
    this.#services.set(key, svc);
    this.#changed(key);
  }

  /** OnServiceDelete. */
  deleteService(svc: ServiceLike | string): void {
    const key = typeof svc === "string" ? svc : serviceKey(svc);
    if (this.#services.delete(key)) this.#changed(key);
  }

  /** OnEndpointSliceAdd / OnEndpointSliceUpdate; slices without the service-name label are ignored. */
  applyEndpointSlice(slice: EndpointSliceLike): void {
    const key = sliceServiceKey(slice);
    if (!key) return;
    let m = this.#slices.get(key);
    if (!m) this.#slices.set(key, (m = new Map()));
    m.set(slice.metadata.name!, slice);
    this.#changed(key);
  }

  /** OnEndpointSliceDelete. */
  deleteEndpointSlice(slice: EndpointSliceLike): void {
    const key = sliceServiceKey(slice);
    const m = key ? this.#slices.get(key) : undefined;
    if (!key || !m || !m.delete(slice.metadata.name!)) return;
    if (m.size === 0) this.#slices.delete(key);
    this.#changed(key);
  }

  /** Registers a node (or updates it: a new name or IP means kube-proxy restarts there). */
  setNode(env: NodeEnvironment): NodeProxier {
    const existing = this.#nodes.get(env.nodeName);
    if (existing) {
      existing.reconfigure(env);
      return existing;
    }
    const n = new NodeProxier(this, env);
    this.#nodes.set(env.nodeName, n);
    return n;
  }

  removeNode(name: string): void {
    this.#nodes.delete(name);
  }

  node(name: string): NodeProxier | undefined {
    return this.#nodes.get(name);
  }

  nodeNames(): string[] {
    return [...this.#nodes.keys()];
  }
}

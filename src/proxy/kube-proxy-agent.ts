/**
 * KubeProxyAgent is kube-proxy's informers for one cluster: it lists and watches Services and
 * EndpointSlices through the cluster's client, as kube-proxy's ServiceConfig and EndpointSliceConfig
 * do (pkg/proxy/config/config.go), and hands each change to a ProxyCluster. Each change costs O(1)
 * here; the nodes rebuild the rules of the changed Services only when someone reads them (see
 * NodeProxier), so one more Service costs the same whatever the size of the cluster.
 */
import type { ApiClient, GroupVersionResource } from "../apiserver/client.ts";
import type { Controller } from "../apiserver/controllers/queue.ts";
import type { KubeObject } from "../apiserver/machinery/object.ts";
import type { SeededRandom } from "../apiserver/machinery/random.ts";
import type { TraceResult } from "./trace.ts";
import { ProxyCluster } from "./proxy-cluster.ts";
import type { EndpointSliceLike, KubeProxyConfig, ServiceLike } from "./types.ts";

const SERVICES: GroupVersionResource = { group: "", version: "v1", resource: "services" };
const ENDPOINT_SLICES: GroupVersionResource = { group: "discovery.k8s.io", version: "v1", resource: "endpointslices" };

export class KubeProxyAgent implements Controller {
  readonly name = "kube-proxy";
  readonly proxy: ProxyCluster;
  readonly #client: ApiClient;
  readonly #stops: (() => void)[] = [];
  /** The initial list failed (no apiserver yet): kube-proxy's reflector lists again before it is read. */
  #listed = false;
  /**
   * The kernel's statistic match draws for packets the learner follows (curl), from a stream of
   * their own so that following a packet never moves the cluster's other random choices.
   */
  readonly random: SeededRandom | undefined;
  /** The latest packet followed in this cluster, for the views: who sent it, where to, and its trip. */
  lastTrace: { from: string; to: string; at: number; result: TraceResult } | null = null;

  constructor(client: ApiClient, config: KubeProxyConfig, random?: SeededRandom) {
    this.#client = client;
    this.random = random;
    this.proxy = new ProxyCluster(config);
    this.#stops.push(
      client.watch(SERVICES, (type, o) => (type === "DELETED" ? this.proxy.deleteService(o as unknown as ServiceLike) : this.proxy.applyService(o as unknown as ServiceLike))),
      client.watch(ENDPOINT_SLICES, (type, o) =>
        type === "DELETED" ? this.proxy.deleteEndpointSlice(o as unknown as EndpointSliceLike) : this.proxy.applyEndpointSlice(o as unknown as EndpointSliceLike),
      ),
    );
    this.sync();
  }

  /** Makes sure the initial list happened; cheap once it has. */
  sync(): void {
    if (this.#listed) return;
    try {
      const services = this.#client.list(SERVICES, undefined).items;
      const slices = this.#client.list(ENDPOINT_SLICES, undefined).items;
      for (const s of services) this.proxy.applyService(s as KubeObject as unknown as ServiceLike);
      for (const s of slices) this.proxy.applyEndpointSlice(s as KubeObject as unknown as EndpointSliceLike);
      this.#listed = true;
    } catch {
      // The apiserver does not answer yet; the watch keeps whatever changes meanwhile.
    }
  }

  /** The agent does its work when its rules are read, so the cluster's loop never waits on it. */
  processNext(): boolean {
    return false;
  }

  stop(): void {
    for (const s of this.#stops.splice(0)) s();
  }
}

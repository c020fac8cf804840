/**
 * Endpoints per service port, as kube-proxy's EndpointSliceCache builds them from every slice of a
 * Service (pkg/proxy/endpointslicecache.go), and CategorizeEndpoints (pkg/proxy/topology.go), which
 * picks the ones a node may send to under each traffic policy. Topology hints are not modelled: the
 * sandbox's nodes carry no zones, so every ready endpoint is a candidate.
 */
import { parseIPSloppy } from "../net/index.ts";
import { servicePortEndpointChain, servicePortNameString } from "./chain-names.ts";
import { usesClusterEndpoints, usesLocalEndpoints, type ServicePortInfo } from "./service-port.ts";
import { LABEL_SERVICE_NAME, type EndpointSliceLike, type Family } from "./types.ts";

export interface EndpointInfo {
  ip: string;
  port: number;
  /** net.JoinHostPort(ip, port): "10.244.1.4:80", "[fd00::4]:80". */
  endpoint: string;
  nodeName: string;
  isLocal: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** The KUBE-SEP chain of this endpoint for its service port. */
  chain: string;
  /** The Pod behind the address, when the slice says so. */
  targetRef?: string;
}

export function joinHostPort(ip: string, port: number): string {
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** The Service a slice belongs to ("ns/name"), or undefined for a slice kube-proxy ignores. */
export function sliceServiceKey(slice: EndpointSliceLike): string | undefined {
  const svc = slice.metadata.labels?.[LABEL_SERVICE_NAME];
  if (!svc || !slice.metadata.namespace || !slice.metadata.name) return undefined;
  return `${slice.metadata.namespace}/${svc}`;
}

/**
 * endpointInfoByServicePort + endpointsMapFromEndpointInfo for one Service: endpoints keyed by
 * service port key ("ns/name:port/TCP"), deduplicated by endpoint string and sorted by it.
 */
export function endpointsByServicePort(
  serviceKey: string,
  slices: Iterable<EndpointSliceLike>,
  family: Family,
  nodeName: string,
): Map<string, EndpointInfo[]> {
  const [namespace, name] = splitKey(serviceKey);
  const byPort = new Map<string, Map<string, EndpointInfo>>();
  for (const slice of slices) {
    // EndpointsChangeTracker ignores slices of the other family (and FQDN ones).
    if (slice.addressType !== family) continue;
    for (const port of slice.ports ?? []) {
      if (port.name === null || port.name === undefined) continue;
      if (!port.port) continue;
      const protocol = port.protocol || "TCP";
      const nameString = servicePortNameString(namespace, name, port.name);
      const key = `${nameString}/${protocol}`;
      let set = byPort.get(key);
      if (!set) byPort.set(key, (set = new Map()));
      for (const ep of slice.endpoints ?? []) {
        if (ep.addresses.length === 0) continue;
        const parsed = parseIPSloppy(ep.addresses[0]!);
        if (!parsed) continue;
        const ip = parsed.toString();
        const c = ep.conditions ?? {};
        const terminating = c.terminating === true;
        const endpoint = joinHostPort(ip, port.port);
        // A running pod wins over a terminating one that still holds the same IP.
        if (set.has(endpoint) && terminating) continue;
        const nodeName_ = ep.nodeName ?? "";
        set.set(endpoint, {
          ip,
          port: port.port,
          endpoint,
          nodeName: nodeName_,
          isLocal: nodeName !== "" && nodeName_ === nodeName,
          ready: c.ready === undefined || c.ready === null || c.ready,
          serving: c.serving === undefined || c.serving === null || c.serving,
          terminating,
          chain: servicePortEndpointChain(nameString, protocol, endpoint),
          targetRef: ep.targetRef?.name,
        });
      }
    }
  }
  const out = new Map<string, EndpointInfo[]>();
  for (const [key, set] of byPort) {
    if (set.size === 0) continue;
    // byEndpoint: string order, so "10.244.10.2:80" sorts before "10.244.2.3:80" as in Go.
    out.set(key, [...set.values()].sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0)));
  }
  return out;
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf("/");
  return [key.slice(0, i), key.slice(i + 1)];
}

export interface CategorizedEndpoints {
  clusterEndpoints: EndpointInfo[];
  localEndpoints: EndpointInfo[];
  allReachableEndpoints: EndpointInfo[];
  hasAnyEndpoints: boolean;
}

/** CategorizeEndpoints (pkg/proxy/topology.go), without topology-aware routing. */
export function categorizeEndpoints(endpoints: readonly EndpointInfo[], info: ServicePortInfo): CategorizedEndpoints {
  let clusterEndpoints: EndpointInfo[] = [];
  let localEndpoints: EndpointInfo[] = [];
  let hasAnyEndpoints = false;

  if (usesClusterEndpoints(info)) {
    clusterEndpoints = endpoints.filter((ep) => ep.ready);
    // With no ready endpoint anywhere, fall back to serving-terminating ones.
    if (clusterEndpoints.length === 0) clusterEndpoints = endpoints.filter((ep) => ep.serving && ep.terminating);
    if (clusterEndpoints.length > 0) hasAnyEndpoints = true;
  }

  if (!usesLocalEndpoints(info)) {
    return { clusterEndpoints, localEndpoints, allReachableEndpoints: clusterEndpoints, hasAnyEndpoints };
  }

  let hasLocalReady = false;
  let hasLocalServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalReady = true;
    } else if (ep.serving && ep.terminating) {
      hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalServingTerminating = true;
    }
  }
  if (hasLocalReady) localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.ready);
  else if (hasLocalServingTerminating) localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.serving && ep.terminating);

  if (!usesClusterEndpoints(info)) {
    return { clusterEndpoints, localEndpoints, allReachableEndpoints: localEndpoints, hasAnyEndpoints };
  }
  // Upstream merges through a map (random order); endpoint order keeps the output stable.
  const merged = new Map<string, EndpointInfo>();
  for (const ep of clusterEndpoints) merged.set(ep.endpoint, ep);
  for (const ep of localEndpoints) merged.set(ep.endpoint, ep);
  const allReachableEndpoints = [...merged.values()].sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
  return { clusterEndpoints, localEndpoints, allReachableEndpoints, hasAnyEndpoints };
}

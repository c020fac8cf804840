/**
 * What the EndpointSlice controller wants for a Service (pkg/controller/endpointslice/reconciler.go and
 * utils.go): per address family, the pods the selector picks that have an IP of that family, grouped
 * by how the Service's ports resolve on them (a named targetPort may differ from pod to pod), each
 * group one slice.
 */
import type { Pod } from "../registry/pod/types.ts";
import { isPodReady, isPodTerminal } from "../registry/pod/types.ts";
import type { Service } from "../registry/service/types.ts";
import type { AddressType, Endpoint, EndpointPort } from "../registry/endpointslice/types.ts";
import { IP } from "../../net/index.ts";

export interface DesiredGroup {
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

/** podutil.FindPort: a number is itself; a name is the first container port of that name and protocol. */
function findPort(pod: Pod, target: number | string | undefined, port: number, protocol: string): number | undefined {
  if (target === undefined || target === "" || target === 0) return port;
  if (typeof target === "number") return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? "TCP") === protocol) return p.containerPort;
  }
  return undefined;
}

/** ShouldPodBeInEndpoints(pod, includeTerminating=true): not finished, and with an IP. */
function inEndpoints(pod: Pod): boolean {
  return !isPodTerminal(pod) && Boolean(pod.status?.podIPs?.length || pod.status?.podIP);
}

export function addressTypes(svc: Service): AddressType[] {
  const fams = svc.spec.ipFamilies?.length ? svc.spec.ipFamilies : ["IPv4" as const];
  return fams.map((f) => f as AddressType);
}

export function desiredGroups(svc: Service, pods: readonly Pod[], addressType: AddressType, zoneOf: (node: string) => string | undefined): DesiredGroup[] {
  const groups = new Map<string, DesiredGroup>();
  for (const pod of pods) {
    if (!inEndpoints(pod)) continue;
    const ips = (pod.status?.podIPs?.map((p) => p.ip) ?? [pod.status!.podIP!]).filter((ip) => IP.tryParse(ip)?.family === addressType);
    if (!ips.length) continue;
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec.ports ?? []) {
      const n = findPort(pod, sp.targetPort, sp.port, sp.protocol ?? "TCP");
      if (n === undefined) continue;
      const p: EndpointPort = { name: sp.name ?? "", port: n, protocol: sp.protocol ?? "TCP" };
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    const terminating = Boolean(pod.metadata.deletionTimestamp);
    const ready = !terminating && (svc.spec.publishNotReadyAddresses === true || isPodReady(pod));
    const ep: Endpoint = {
      addresses: [ips[0]!],
      conditions: { ready, serving: svc.spec.publishNotReadyAddresses === true || isPodReady(pod), terminating },
      targetRef: { kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name!, uid: pod.metadata.uid },
    };
    if (pod.spec.hostname && pod.spec.subdomain === svc.metadata.name) ep.hostname = pod.spec.hostname;
    if (pod.spec.nodeName) {
      ep.nodeName = pod.spec.nodeName;
      const zone = zoneOf(pod.spec.nodeName);
      if (zone) ep.zone = zone;
    }
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: [] }));
    g.endpoints.push(ep);
  }
  for (const g of groups.values()) g.endpoints.sort((a, b) => IP.parse(a.addresses[0]!).compare(IP.parse(b.addresses[0]!)));
  return [...groups.values()];
}

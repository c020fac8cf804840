/** Builders for the Services and EndpointSlices the proxy tests feed kube-proxy, shaped as the API stores them. */
import type { EndpointSliceLike, ServiceLike } from "../../src/proxy/types.ts";

export interface SvcOpts {
  ns?: string;
  type?: string;
  clusterIP: string;
  ports: { name?: string; port: number; protocol?: string; nodePort?: number; targetPort?: number }[];
  externalIPs?: string[];
  lbIPs?: string[];
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  sessionAffinity?: string;
  timeoutSeconds?: number;
  healthCheckNodePort?: number;
  sourceRanges?: string[];
  clusterIPs?: string[];
  ipFamilies?: string[];
}

export function svc(name: string, o: SvcOpts): ServiceLike {
  return {
    metadata: { name, namespace: o.ns ?? "default" },
    spec: {
      type: o.type ?? "ClusterIP",
      clusterIP: o.clusterIP,
      clusterIPs: o.clusterIPs ?? [o.clusterIP],
      ipFamilies: o.ipFamilies ?? [o.clusterIP.includes(":") ? "IPv6" : "IPv4"],
      ports: o.ports.map((p) => ({ protocol: "TCP", targetPort: p.port, ...p })),
      externalIPs: o.externalIPs,
      externalTrafficPolicy: o.externalTrafficPolicy ?? (o.type === "NodePort" || o.type === "LoadBalancer" ? "Cluster" : undefined),
      internalTrafficPolicy: o.internalTrafficPolicy ?? "Cluster",
      sessionAffinity: o.sessionAffinity ?? "None",
      sessionAffinityConfig: o.sessionAffinity === "ClientIP" ? { clientIP: { timeoutSeconds: o.timeoutSeconds ?? 10800 } } : undefined,
      healthCheckNodePort: o.healthCheckNodePort,
      loadBalancerSourceRanges: o.sourceRanges,
    },
    status: { loadBalancer: { ingress: (o.lbIPs ?? []).map((ip) => ({ ip, ipMode: "VIP" })) } },
  };
}

export interface EpOpts {
  ns?: string;
  sliceName?: string;
  addressType?: string;
  ports: { name?: string; port: number; protocol?: string }[];
  endpoints: { ip: string; node?: string; ready?: boolean; serving?: boolean; terminating?: boolean; pod?: string }[];
}

export function slice(service: string, o: EpOpts): EndpointSliceLike {
  return {
    metadata: { name: o.sliceName ?? `${service}-abcde`, namespace: o.ns ?? "default", labels: { "kubernetes.io/service-name": service } },
    addressType: o.addressType ?? (o.endpoints[0]?.ip.includes(":") ? "IPv6" : "IPv4"),
    endpoints: o.endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false },
      nodeName: e.node,
      targetRef: e.pod ? { kind: "Pod", name: e.pod, namespace: o.ns ?? "default" } : undefined,
    })),
    ports: o.ports.map((p) => ({ name: p.name ?? "", port: p.port, protocol: p.protocol ?? "TCP" })),
  };
}

/** Service (core/v1), k8s.io/api/core/v1/types.go: the fields the sandbox models. */
import type { KubeObject } from "../../machinery/object.ts";
import { STANDARD_VERBS, type ResourceDef } from "../../machinery/resource.ts";

export type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";
export type IPFamily = "IPv4" | "IPv6";
export type IPFamilyPolicy = "SingleStack" | "PreferDualStack" | "RequireDualStack";
export type Protocol = "TCP" | "UDP" | "SCTP";

export interface ServicePort {
  name?: string;
  protocol?: Protocol;
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface ServiceSpec {
  ports?: ServicePort[];
  selector?: Record<string, string>;
  clusterIP?: string;
  clusterIPs?: string[];
  type?: ServiceType;
  externalIPs?: string[];
  sessionAffinity?: "None" | "ClientIP";
  loadBalancerIP?: string;
  loadBalancerSourceRanges?: string[];
  externalName?: string;
  externalTrafficPolicy?: "Cluster" | "Local" | "";
  healthCheckNodePort?: number;
  publishNotReadyAddresses?: boolean;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  ipFamilies?: IPFamily[];
  ipFamilyPolicy?: IPFamilyPolicy;
  allocateLoadBalancerNodePorts?: boolean;
  loadBalancerClass?: string;
  internalTrafficPolicy?: "Cluster" | "Local";
  trafficDistribution?: string;
}

export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
  ipMode?: "VIP" | "Proxy";
}

export interface Service extends KubeObject {
  spec: ServiceSpec;
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] }; conditions?: unknown[] };
}

export const SERVICE: ResourceDef = {
  group: "",
  versions: ["v1"],
  kind: "Service",
  plural: "services",
  singular: "service",
  shortNames: ["svc"],
  namespaced: true,
  categories: ["all"],
  verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
};

export const CLUSTER_IP_NONE = "None";

/** isHeadlessService in pkg/apis/core/validation: exactly one clusterIP and it is "None". */
export function isHeadless(svc: Service): boolean {
  const ips = svc.spec.clusterIPs ?? [];
  return ips.length === 1 && ips[0] === CLUSTER_IP_NONE;
}

export function needsClusterIP(svc: Service): boolean {
  return svc.spec.type !== "ExternalName";
}

export function needsNodePort(svc: Service): boolean {
  return svc.spec.type === "NodePort" || svc.spec.type === "LoadBalancer";
}

/** service.ExternallyAccessible (pkg/api/service/util.go). */
export function externallyAccessible(svc: Service): boolean {
  return (
    svc.spec.type === "LoadBalancer" ||
    svc.spec.type === "NodePort" ||
    (svc.spec.type === "ClusterIP" && (svc.spec.externalIPs?.length ?? 0) > 0)
  );
}

/** apiservice.NeedsHealthCheck: a LoadBalancer with externalTrafficPolicy Local. */
export function needsHealthCheck(svc: Service): boolean {
  return svc.spec.type === "LoadBalancer" && svc.spec.externalTrafficPolicy === "Local";
}

export function shouldAllocateNodePorts(svc: Service): boolean {
  if (svc.spec.type === "NodePort") return true;
  if (svc.spec.type === "LoadBalancer") return svc.spec.allocateLoadBalancerNodePorts !== false;
  return false;
}

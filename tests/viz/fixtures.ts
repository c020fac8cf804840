/** Small builders for the objects a ServiceCIDR map snapshot holds, shaped as the apiserver stores them. */
import type { IPAddress } from "../../src/apiserver/registry/ipaddress/types.ts";
import type { Service } from "../../src/apiserver/registry/service/types.ts";
import type { ServiceCIDR } from "../../src/apiserver/registry/servicecidr/types.ts";
import { IP } from "../../src/net/index.ts";

const FINALIZER = "networking.k8s.io/service-cidr-finalizer";

export function serviceCIDR(name: string, cidrs: string[], opts: { terminating?: boolean; blocked?: boolean } = {}): ServiceCIDR {
  const ready = opts.blocked
    ? {
        type: "Ready",
        status: "False" as const,
        reason: "Terminating",
        message: "There are still IPAddresses referencing the ServiceCIDR, please remove them or create a new ServiceCIDR",
        lastTransitionTime: "2025-01-01T00:00:10Z",
      }
    : { type: "Ready", status: "True" as const, reason: "", message: "Kubernetes Service CIDR is ready", lastTransitionTime: "2025-01-01T00:00:00Z" };
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "ServiceCIDR",
    metadata: {
      name,
      finalizers: [FINALIZER],
      ...(opts.terminating ? { deletionTimestamp: "2025-01-01T00:00:05Z" } : {}),
    },
    spec: { cidrs },
    status: { conditions: [ready] },
  };
}

export function ipAddress(ip: string, namespace: string, name: string, opts: { handMade?: boolean } = {}): IPAddress {
  const family = IP.parse(ip).family;
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "IPAddress",
    metadata: {
      name: ip,
      labels: opts.handMade
        ? {}
        : { "ipaddress.kubernetes.io/ip-family": family, "ipaddress.kubernetes.io/managed-by": "ipallocator.k8s.io" },
    },
    spec: { parentRef: { group: "", resource: "services", namespace, name } },
  };
}

export function service(namespace: string, name: string, clusterIP: string): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { namespace, name },
    spec: { type: "ClusterIP", clusterIP, clusterIPs: [clusterIP] },
  };
}

/** The two Services every kubeadm cluster has, on the 1st and 10th address of `base` (an IPv4 /24 or /28). */
export function systemIPs(prefix: string): IPAddress[] {
  return [ipAddress(`${prefix}.1`, "default", "kubernetes"), ipAddress(`${prefix}.10`, "kube-system", "kube-dns")];
}

/**
 * The CoreDNS addon AKS installs in every cluster: its kube-dns Service sits at the cluster's
 * --dns-service-ip (the tenth address of the service range by default), which is why `az aks create`
 * refuses a DNS IP outside the service CIDR. AKS's addon manager owns the object (the Reconcile label),
 * and unlike kubeadm's CoreDNS it does not publish the metrics port on kube-dns.
 */
import type { ApiClient } from "../../apiserver/client.ts";
import type { KubeObject } from "../../apiserver/machinery/object.ts";

const SERVICES = { group: "", version: "v1", resource: "services" };

/** Creates kube-system/kube-dns at the given ClusterIPs; returns the apiserver's refusal, if any. */
export function installAksDns(client: ApiClient, ips: readonly string[]): string | null {
  if (ips.length === 0) return null;
  const svc = {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "kube-dns",
      namespace: "kube-system",
      labels: {
        "addonmanager.kubernetes.io/mode": "Reconcile",
        "k8s-app": "kube-dns",
        "kubernetes.io/cluster-service": "true",
        "kubernetes.io/name": "CoreDNS",
      },
    },
    spec: {
      clusterIP: ips[0],
      clusterIPs: [...ips],
      ...(ips.length > 1 ? { ipFamilyPolicy: "PreferDualStack" } : {}),
      ports: [
        { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
        { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
      ],
      selector: { "k8s-app": "kube-dns" },
    },
  } as unknown as KubeObject;
  try {
    client.create(SERVICES, "kube-system", svc, { user: { username: "aks-addon-manager", groups: ["system:masters", "system:authenticated"] } });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * What kubeadm's CoreDNS addon applies that concerns addresses: the kube-dns Service at the tenth
 * address of the primary Service range (cmd/kubeadm/app/phases/addons/dns/manifests.go, KubeDNSService).
 * The sandbox runs no CoreDNS pods; the Service is what learners meet in `kubectl get svc -A`.
 */
import type { Service } from "../apiserver/registry/service/types.ts";

/** The identity kubeadm applies addons with (the kubeconfig it writes for the cluster admin). */
export const KUBEADM_ADMIN = { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] };

export function kubeDnsService(clusterIP: string): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "kube-dns",
      namespace: "kube-system",
      labels: { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" },
      annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
    },
    spec: {
      clusterIP,
      ports: [
        { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
        { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
        { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
      ],
      selector: { "k8s-app": "kube-dns" },
    },
  };
}

/**
 * The kubeconfig `kind get kubeconfig` prints: kubeadm's admin.conf with every name rewritten to
 * kind-<cluster> (pkg/cluster/internal/kubeconfig). Certificates are not simulated; their fields
 * keep the shape with the placeholder kubectl uses when it hides them.
 */
import { API_SERVER_INTERNAL_PORT } from "./types.ts";

export function kindKubeconfig(cluster: string, server: string): string {
  const name = `kind-${cluster}`;
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: ${server}
  name: ${name}
contexts:
- context:
    cluster: ${name}
    user: ${name}
  name: ${name}
current-context: ${name}
kind: Config
preferences: {}
users:
- name: ${name}
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`;
}

/** --internal: the address inside docker's network (the load balancer's when there is one). */
export function internalServer(endpointContainer: string): string {
  return `https://${endpointContainer}:${API_SERVER_INTERNAL_PORT}`;
}

/**
 * Where kind writes its context: the kubeconfig kubectl would merge into (kind's
 * pkg/cluster/internal/kubeconfig/internal/kubeconfig/paths.go, export.go and remove.go). The shell
 * command implements it over the shell's files; tests over a map.
 */
export interface KindKubeconfigStore {
  /** Merges kind-<name> (cluster, context, user) into the file and makes it the current context. */
  export(cluster: string, server: string, explicitPath: string): Promise<void>;
  /** Drops kind-<name> from every file and clears current-context if it pointed there. */
  remove(cluster: string, explicitPath: string): Promise<void>;
}

/** paths(): --kubeconfig alone, else the $KUBECONFIG list (empty and repeated entries dropped), else ~/.kube/config. */
export function kubeconfigPaths(explicitPath: string, env: (name: string) => string | undefined): string[] {
  if (explicitPath !== "") return [explicitPath];
  const list = [...new Set((env("KUBECONFIG") ?? "").split(":").filter(Boolean))];
  if (list.length > 0) return list;
  return [`${env("HOME") ?? ""}/.kube/config`];
}

/** pathForMerge(): the first listed file that exists, else the last one. */
export function pathForMerge(paths: readonly string[], exists: (path: string) => boolean): string {
  if (paths.length === 1) return paths[0]!;
  return paths.find(exists) ?? paths[paths.length - 1]!;
}

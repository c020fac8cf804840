// Shared shapes of the kubeadm module.

/** One v1beta4 `extraArgs` entry (k/k cmd/kubeadm/app/apis/kubeadm/types.go `Arg`). */
export interface Arg {
  name: string;
  value: string;
}

export interface InitOptions {
  /** Raw flag value, default "10.96.0.0/12"; may be "A,B" for dual-stack. */
  serviceCIDR: string;
  /** Raw, optional; may be "A,B". */
  podNetworkCIDR?: string;
  /** Default chosen by the caller (the "default network interface"). */
  apiserverAdvertiseAddress: string;
  apiserverBindPort: number;
  serviceDNSDomain: string;
  kubernetesVersion: string;
  /** ClusterConfiguration.clusterName ("kubernetes" when unset); kind sets it to the cluster's name. */
  clusterName?: string;
  nodeName: string;
  ignorePreflightErrors: string[];
  /** From a kubeadm config file (v1beta4 extraArgs list). */
  apiserverExtraArgs: Arg[];
  controllerManagerExtraArgs: Arg[];
  /** --skip-token-print: the join command shows "<value withheld>" and the "Using token" line is omitted. */
  skipTokenPrint?: boolean;
  /** --dry-run was given (parsed only; the dry-run output itself is not modelled). */
  dryRun?: boolean;
}

/** A piece of terminal output in the order kubeadm writes it. */
export interface OutputChunk {
  stream: "stdout" | "stderr";
  text: string;
}

/** stdout and stderr, plus the interleaving a terminal would show. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
  chunks: OutputChunk[];
}

export type Result<T> = T | { error: string };

export function isError<T>(r: Result<T>): r is { error: string } {
  return typeof r === "object" && r !== null && "error" in r && typeof (r as { error: unknown }).error === "string";
}

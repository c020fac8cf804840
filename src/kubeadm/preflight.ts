// Preflight checks that fail when a control plane already runs on the node (reference §1.5).
// Check order: k/k cmd/kubeadm/app/preflight/checks.go InitNodeChecks + addCommonChecks; names
// "Port-%d", "FileAvailable-" + path with "/"→"-", "DirAvailable-" + path with "/"→"-".
// RunChecks prints "\t[WARNING %s]: %v\n" as each check runs and buffers "\t[ERROR %s]: %v\n";
// --ignore-preflight-errors names are compared lower-cased, "all" matches every check.

import { ETCD_LISTEN_CLIENT_PORT, ETCD_LISTEN_PEER_PORT, KUBE_CONTROLLER_MANAGER_PORT, KUBE_SCHEDULER_PORT, KUBELET_PORT } from "./constants.ts";
import { fatal } from "./errors.ts";
import { MANIFEST_PATHS } from "./manifests.ts";
import type { CommandOutput, InitOptions } from "./types.ts";

interface CheckFailure {
  name: string;
  message: string;
}

const portCheck = (port: number): CheckFailure => ({ name: `Port-${port}`, message: `Port ${port} is in use` });
const fileCheck = (path: string): CheckFailure => ({
  name: `FileAvailable-${path.replace(/\//g, "-")}`,
  message: `${path} already exists`,
});
const dirCheck = (path: string): CheckFailure => ({ name: `DirAvailable-${path.replace(/\//g, "-")}`, message: `${path} is not empty` });

/** The failing checks, in the order kubeadm runs them, for a node with a running control plane. */
export function runningControlPlaneFailures(options: InitOptions): CheckFailure[] {
  return [
    portCheck(options.apiserverBindPort),
    portCheck(KUBE_SCHEDULER_PORT),
    portCheck(KUBE_CONTROLLER_MANAGER_PORT),
    fileCheck(MANIFEST_PATHS["kube-apiserver"]),
    fileCheck(MANIFEST_PATHS["kube-controller-manager"]),
    fileCheck(MANIFEST_PATHS["kube-scheduler"]),
    fileCheck(MANIFEST_PATHS.etcd),
    portCheck(KUBELET_PORT),
    portCheck(ETCD_LISTEN_CLIENT_PORT),
    portCheck(ETCD_LISTEN_PEER_PORT),
    dirCheck("/var/lib/etcd"),
  ];
}

function isIgnored(ignore: readonly string[], name: string): boolean {
  const set = new Set(ignore.map((s) => s.toLowerCase()));
  return set.has("all") || set.has(name.toLowerCase());
}

/** The "[WARNING ...]" lines for the checks that --ignore-preflight-errors turned into warnings. */
export function preflightRunningControlPlaneWarnings(options: InitOptions): string {
  return runningControlPlaneFailures(options)
    .filter((f) => isIgnored(options.ignorePreflightErrors, f.name))
    .map((f) => `\t[WARNING ${f.name}]: ${f.message}\n`)
    .join("");
}

/**
 * The output of `kubeadm init` when a control plane already runs on the node, honouring
 * --ignore-preflight-errors. Returns null when nothing fatal remains (pass
 * preflightRunningControlPlaneWarnings(options) to initOutput then).
 */
export function preflightRunningControlPlane(options: InitOptions): (CommandOutput & { exitCode: number }) | null {
  const failures = runningControlPlaneFailures(options);
  const errors = failures.filter((f) => !isIgnored(options.ignorePreflightErrors, f.name));
  if (errors.length === 0) return null;
  const stdout = `[init] Using Kubernetes version: ${options.kubernetesVersion}\n[preflight] Running pre-flight checks\n`;
  const stderr =
    preflightRunningControlPlaneWarnings(options) +
    "[preflight] Some fatal errors occurred:\n" +
    errors.map((f) => `\t[ERROR ${f.name}]: ${f.message}\n`).join("") +
    "[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`\n" +
    fatal("error execution phase preflight: preflight checks failed");
  return {
    stdout,
    stderr,
    chunks: [
      { stream: "stdout", text: stdout },
      { stream: "stderr", text: stderr },
    ],
    exitCode: 1,
  };
}

// `kubeadm reset` text (reference §1.6): k/k cmd/kubeadm/app/cmd/reset.go (config loading lines,
// manualCleanupInstructions), cmd/kubeadm/app/cmd/phases/reset/preflight.go (prompt, refusal),
// removeetcdmember.go, cleanupnode.go. Verified against real v1.34.3 transcripts.

import { fatal } from "./errors.ts";
import type { CommandOutput } from "./types.ts";

/** The two lines printed while reading the kubeadm-config ConfigMap (before the prompt). */
export function resetHeader(): string {
  return (
    '[reset] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n' +
    "[reset] Use 'kubeadm init phase upload-config kubeadm --config your-config-file' to re-upload it.\n"
  );
}

/** dedent.Dedent of manualCleanupInstructions: starts and ends with an empty line. */
export const MANUAL_CLEANUP_INSTRUCTIONS =
  "\nThe reset process does not perform cleanup of CNI plugin configuration,\n" +
  "network filtering rules and kubeconfig files.\n" +
  "\n" +
  "For information on how to perform this cleanup manually, please see:\n" +
  "    https://k8s.io/docs/reference/setup-tools/kubeadm/kubeadm-reset/\n" +
  "\n";

/** Everything after the (possibly skipped) prompt, control-plane node with a healthy cluster. */
export function resetBody(): string {
  return (
    "[preflight] Running pre-flight checks\n" +
    "[reset] Deleted contents of the etcd data directory: /var/lib/etcd\n" +
    "[reset] Stopping the kubelet service\n" +
    '[reset] Unmounting mounted directories in "/var/lib/kubelet"\n' +
    "[reset] Deleting contents of directories: [/etc/kubernetes/manifests /var/lib/kubelet /etc/kubernetes/pki]\n" +
    "[reset] Deleting files: [/etc/kubernetes/admin.conf /etc/kubernetes/super-admin.conf /etc/kubernetes/kubelet.conf /etc/kubernetes/bootstrap-kubelet.conf /etc/kubernetes/controller-manager.conf /etc/kubernetes/scheduler.conf]\n" +
    MANUAL_CLEANUP_INSTRUCTIONS
  );
}

/** `kubeadm reset -f` on a control-plane node. */
export function resetOutput(): CommandOutput {
  const stdout = resetHeader() + resetBody();
  return { stdout, stderr: "", chunks: [{ stream: "stdout", text: stdout }] };
}

/** The klog warning (message only; source "preflight.go:55") logged before the prompt without -f. */
export const RESET_WARNING_MESSAGE =
  "[reset] WARNING: Changes made to this host by 'kubeadm init' or 'kubeadm join' will be reverted.";
export const RESET_WARNING_SOURCE = "preflight.go:55";

/** The prompt without -f (stdout, no newline: the answer follows on the same line). */
export function resetPrompt(): string {
  return "[reset] Are you sure you want to proceed? [y/N]: ";
}

/** stderr when the answer is not y/Y. */
export function resetRefused(): string {
  return fatal("error execution phase preflight: won't proceed; the user didn't answer (Y|y) in order to continue");
}

// Join command text and `kubeadm join` output.
// Template: k/k cmd/kubeadm/app/cmd/util/join.go (joinCommandTemplate):
//   kubeadm join {{.ControlPlaneHostPort}} --token {{.Token}} \
//   	{{range $h := .CAPubKeyPins}}--discovery-token-ca-cert-hash {{$h}} {{end}}...
// `kubeadm token create --print-join-command` (cmd/kubeadm/app/cmd/token.go) strips the "\\\n" and
// tabs and prints the rest with Println, so the one-line form keeps the trailing space.

function withSha256(hash: string): string {
  return hash.startsWith("sha256:") ? hash : `sha256:${hash}`;
}

/** The two-line worker join command printed at the end of `kubeadm init` (no final newline). */
export function joinWorkerCommand(endpoint: string, token: string, caCertHash: string): string {
  return `kubeadm join ${endpoint} --token ${token} \\\n\t--discovery-token-ca-cert-hash ${withSha256(caCertHash)} `;
}

/**
 * stdout of `kubeadm token create --print-join-command`: one line with a trailing space after the hash,
 * then the newline.
 */
export function joinCommand(endpoint: string, token: string, caCertHash: string): string {
  return `kubeadm join ${endpoint} --token ${token} --discovery-token-ca-cert-hash ${withSha256(caCertHash)} \n`;
}

/**
 * stdout of a successful `kubeadm join` of a worker (real 1.34 transcript, reference §1.8;
 * k/k cmd/kubeadm/app/cmd/join.go joinWorkerNodeDoneMsg). `kubeletHealthyAfter` is a Go duration string.
 */
export function joinOutput(kubeletHealthyAfter = "1.501798854s"): string {
  return [
    "[preflight] Running pre-flight checks",
    '[preflight] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...',
    "[preflight] Use 'kubeadm init phase upload-config kubeadm --config your-config-file' to re-upload it.",
    '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/instance-config.yaml"',
    '[patches] Applied patch of type "application/strategic-merge-patch+json" to target "kubeletconfiguration"',
    '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
    '[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"',
    "[kubelet-start] Starting the kubelet",
    "[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s",
    `[kubelet-check] The kubelet is healthy after ${kubeletHealthyAfter}`,
    "[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap",
    "",
    "This node has joined the cluster:",
    "* Certificate signing request was sent to apiserver and a response was received.",
    "* The Kubelet was informed of the new secure connection details.",
    "",
    "Run 'kubectl get nodes' on the control-plane to see this node join the cluster.",
    "",
    "",
  ].join("\n");
}

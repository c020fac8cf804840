// The output of a successful `kubeadm init` (reference cluster-tools.md §1.2, a public v1.34.1 transcript).
// Phase texts: k/k cmd/kubeadm/app/cmd/phases/init/*.go, cmd/kubeadm/app/phases/certs/certs.go
// ("%s serving cert is signed for DNS names %v and IPs %v"), cmd/kubeadm/app/util/apiclient/wait.go
// ([kubelet-check], [control-plane-check]); success template initDoneTempl in
// cmd/kubeadm/app/cmd/phases/init/showjoincommand.go; join command in cmd/kubeadm/app/cmd/util/join.go.

import { parseGoDuration } from "./go-text.ts";
import { joinWorkerCommand } from "./join.ts";
import { joinHostPort } from "./manifests.ts";
import type { CommandOutput, InitOptions, OutputChunk } from "./types.ts";
import { goIPString, parseCIDRsSloppy, parseIPSloppy } from "./validation.ts";

export interface InitSecrets {
  token: string;
  /** "sha256:<64 hex>" or just the hex. */
  caCertHash: string;
  /** Go duration strings, e.g. "501.437027ms", "5.606949978s". */
  healthyAfter: { kubelet: string; controllerManager: string; scheduler: string; apiserver: string };
  /** Already formatted stderr text written right after "[preflight] Running pre-flight checks" (preflight warnings). */
  preflightWarnings?: string;
  /** Already formatted stderr text (e.g. the klog sandbox-image warning) written after the image-pull lines. */
  imagePullWarnings?: string;
}

/** First usable IP of the primary service CIDR: constants.GetAPIServerVirtualIP (index 1). */
export function apiServerVirtualIP(serviceCIDR: string): string {
  const cidrs = parseCIDRsSloppy(serviceCIDR);
  const first = cidrs?.[0];
  if (first === undefined) return "";
  return goIPString(first.nth(1n));
}

/** kube-dns ClusterIP and kubelet clusterDNS: the 10th IP of the primary service CIDR. */
export function clusterDNSIP(serviceCIDR: string): string {
  const first = parseCIDRsSloppy(serviceCIDR)?.[0];
  if (first === undefined) return "";
  return goIPString(first.nth(10n));
}

const byteSort = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function advertiseText(options: InitOptions): string {
  const ip = parseIPSloppy(options.apiserverAdvertiseAddress);
  return ip === null ? options.apiserverAdvertiseAddress : goIPString(ip);
}

/** The certs-phase SAN lines for the apiserver and etcd serving certificates. */
export function certificateSANLines(options: InitOptions): { apiserver: string; etcdServer: string; etcdPeer: string } {
  const adv = advertiseText(options);
  const apiDNS = [
    options.nodeName,
    "kubernetes",
    "kubernetes.default",
    "kubernetes.default.svc",
    `kubernetes.default.svc.${options.serviceDNSDomain}`,
  ].sort(byteSort);
  const apiIPs = [apiServerVirtualIP(options.serviceCIDR), adv];
  const etcdDNS = [options.nodeName, "localhost"].sort(byteSort);
  const etcdIPs = [adv, "127.0.0.1", "::1"];
  const line = (what: string, dns: string[], ips: string[]): string =>
    `[certs] ${what} serving cert is signed for DNS names [${dns.join(" ")}] and IPs [${ips.join(" ")}]`;
  return {
    apiserver: line("apiserver", apiDNS, apiIPs),
    etcdServer: line("etcd/server", etcdDNS, etcdIPs),
    etcdPeer: line("etcd/peer", etcdDNS, etcdIPs),
  };
}

/** The "is healthy after" lines in completion order (shortest duration first; ties keep kcm, scheduler, apiserver). */
function healthyLines(h: InitSecrets["healthyAfter"]): string[] {
  const items = [
    { name: "kube-controller-manager", d: h.controllerManager },
    { name: "kube-scheduler", d: h.scheduler },
    { name: "kube-apiserver", d: h.apiserver },
  ].map((x, i) => {
    const p = parseGoDuration(x.d);
    return { ...x, i, ns: p.ok ? p.value : Number.POSITIVE_INFINITY };
  });
  items.sort((a, b) => a.ns - b.ns || a.i - b.i);
  return items.map((x) => `[control-plane-check] ${x.name} is healthy after ${x.d}`);
}

function lines(...ls: string[]): string {
  return ls.map((l) => `${l}\n`).join("");
}

/** The full stdout and stderr of a successful `kubeadm init` with the given (normalized) options. */
export function initOutput(options: InitOptions, secrets: InitSecrets): CommandOutput {
  const chunks: OutputChunk[] = [];
  const out = (text: string): void => {
    if (text !== "") chunks.push({ stream: "stdout", text });
  };
  const err = (text: string | undefined): void => {
    if (text !== undefined && text !== "") chunks.push({ stream: "stderr", text });
  };

  const adv = advertiseText(options);
  const endpoint = joinHostPort(adv, options.apiserverBindPort);
  const sans = certificateSANLines(options);
  const token = options.skipTokenPrint === true ? "<value withheld>" : secrets.token;

  out(lines(`[init] Using Kubernetes version: ${options.kubernetesVersion}`, "[preflight] Running pre-flight checks"));
  err(secrets.preflightWarnings);
  out(
    lines(
      "[preflight] Pulling images required for setting up a Kubernetes cluster",
      "[preflight] This might take a minute or two, depending on the speed of your internet connection",
      "[preflight] You can also perform this action beforehand using 'kubeadm config images pull'",
    ),
  );
  err(secrets.imagePullWarnings);
  out(
    lines(
      '[certs] Using certificateDir folder "/etc/kubernetes/pki"',
      '[certs] Generating "ca" certificate and key',
      '[certs] Generating "apiserver" certificate and key',
      sans.apiserver,
      '[certs] Generating "apiserver-kubelet-client" certificate and key',
      '[certs] Generating "front-proxy-ca" certificate and key',
      '[certs] Generating "front-proxy-client" certificate and key',
      '[certs] Generating "etcd/ca" certificate and key',
      '[certs] Generating "etcd/server" certificate and key',
      sans.etcdServer,
      '[certs] Generating "etcd/peer" certificate and key',
      sans.etcdPeer,
      '[certs] Generating "etcd/healthcheck-client" certificate and key',
      '[certs] Generating "apiserver-etcd-client" certificate and key',
      '[certs] Generating "sa" key and public key',
      '[kubeconfig] Using kubeconfig folder "/etc/kubernetes"',
      '[kubeconfig] Writing "admin.conf" kubeconfig file',
      '[kubeconfig] Writing "super-admin.conf" kubeconfig file',
      '[kubeconfig] Writing "kubelet.conf" kubeconfig file',
      '[kubeconfig] Writing "controller-manager.conf" kubeconfig file',
      '[kubeconfig] Writing "scheduler.conf" kubeconfig file',
      '[etcd] Creating static Pod manifest for local etcd in "/etc/kubernetes/manifests"',
      '[control-plane] Using manifest folder "/etc/kubernetes/manifests"',
      '[control-plane] Creating static Pod manifest for "kube-apiserver"',
      '[control-plane] Creating static Pod manifest for "kube-controller-manager"',
      '[control-plane] Creating static Pod manifest for "kube-scheduler"',
      '[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"',
      '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/instance-config.yaml"',
      '[patches] Applied patch of type "application/strategic-merge-patch+json" to target "kubeletconfiguration"',
      '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
      "[kubelet-start] Starting the kubelet",
      '[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory "/etc/kubernetes/manifests"',
      "[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s",
      `[kubelet-check] The kubelet is healthy after ${secrets.healthyAfter.kubelet}`,
      "[control-plane-check] Waiting for healthy control plane components. This can take up to 4m0s",
      `[control-plane-check] Checking kube-apiserver at https://${endpoint}/livez`,
      "[control-plane-check] Checking kube-controller-manager at https://127.0.0.1:10257/healthz",
      "[control-plane-check] Checking kube-scheduler at https://127.0.0.1:10259/livez",
      ...healthyLines(secrets.healthyAfter),
      '[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace',
      '[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster',
      "[upload-certs] Skipping phase. Please see --upload-certs",
      `[mark-control-plane] Marking the node ${options.nodeName} as control-plane by adding the labels: [node-role.kubernetes.io/control-plane node.kubernetes.io/exclude-from-external-load-balancers]`,
      `[mark-control-plane] Marking the node ${options.nodeName} as control-plane by adding the taints [node-role.kubernetes.io/control-plane:NoSchedule]`,
      ...(options.skipTokenPrint === true ? [] : [`[bootstrap-token] Using token: ${secrets.token}`]),
      "[bootstrap-token] Configuring bootstrap tokens, cluster-info ConfigMap, RBAC Roles",
      "[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes",
      "[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials",
      "[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token",
      "[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster",
      '[bootstrap-token] Creating the "cluster-info" ConfigMap in the "kube-public" namespace',
      '[kubelet-finalize] Updating "/etc/kubernetes/kubelet.conf" to point to a rotatable kubelet client certificate and key',
      "[addons] Applied essential addon: CoreDNS",
      "[addons] Applied essential addon: kube-proxy",
      "",
      "Your Kubernetes control-plane has initialized successfully!",
      "",
      "To start using your cluster, you need to run the following as a regular user:",
      "",
      "  mkdir -p $HOME/.kube",
      "  sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config",
      "  sudo chown $(id -u):$(id -g) $HOME/.kube/config",
      "",
      "Alternatively, if you are the root user, you can run:",
      "",
      "  export KUBECONFIG=/etc/kubernetes/admin.conf",
      "",
      "You should now deploy a pod network to the cluster.",
      'Run "kubectl apply -f [podnetwork].yaml" with one of the options listed at:',
      "  https://kubernetes.io/docs/concepts/cluster-administration/addons/",
      "",
      "Then you can join any number of worker nodes by running the following on each as root:",
      "",
      joinWorkerCommand(endpoint, token, secrets.caCertHash),
    ),
  );

  return {
    stdout: chunks.filter((c) => c.stream === "stdout").map((c) => c.text).join(""),
    stderr: chunks.filter((c) => c.stream === "stderr").map((c) => c.text).join(""),
    chunks,
  };
}

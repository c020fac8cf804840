// `kubeadm --help` and `kubeadm init --help`.
// Texts: k/website content/en/docs/reference/setup-tools/kubeadm/generated/kubeadm_init/_index.md and
// .../generated/kubeadm.md (1.34 era); root Long text from k/k cmd/kubeadm/app/cmd/cmd.go.
// Layout: cobra's default help/usage templates, pflag FlagUsages, and the phase table that
// cmd/kubeadm/app/cmd/phases/workflow/runner.go BindToCommand appends to the init Long text.

import { GLOBAL_FLAGS, INIT_FLAGS } from "./flags.ts";
import { flagUsages, type FlagSpec } from "./pflag.ts";

interface Phase {
  use: string;
  short: string;
  children?: Phase[];
}

const INIT_PHASES: Phase[] = [
  { use: "preflight", short: "Run pre-flight checks" },
  {
    use: "certs",
    short: "Certificate generation",
    children: [
      { use: "ca", short: "Generate the self-signed Kubernetes CA to provision identities for other Kubernetes components" },
      { use: "apiserver", short: "Generate the certificate for serving the Kubernetes API" },
      { use: "apiserver-kubelet-client", short: "Generate the certificate for the API server to connect to kubelet" },
      { use: "front-proxy-ca", short: "Generate the self-signed CA to provision identities for front proxy" },
      { use: "front-proxy-client", short: "Generate the certificate for the front proxy client" },
      { use: "etcd-ca", short: "Generate the self-signed CA to provision identities for etcd" },
      { use: "etcd-server", short: "Generate the certificate for serving etcd" },
      { use: "etcd-peer", short: "Generate the certificate for etcd nodes to communicate with each other" },
      { use: "etcd-healthcheck-client", short: "Generate the certificate for liveness probes to healthcheck etcd" },
      { use: "apiserver-etcd-client", short: "Generate the certificate the apiserver uses to access etcd" },
      { use: "sa", short: "Generate a private key for signing service account tokens along with its public key" },
    ],
  },
  {
    use: "kubeconfig",
    short: "Generate all kubeconfig files necessary to establish the control plane and the admin kubeconfig file",
    children: [
      { use: "admin", short: "Generate a kubeconfig file for the admin to use and for kubeadm itself" },
      { use: "super-admin", short: "Generate a kubeconfig file for the super-admin" },
      { use: "kubelet", short: "Generate a kubeconfig file for the kubelet to use *only* for cluster bootstrapping purposes" },
      { use: "controller-manager", short: "Generate a kubeconfig file for the controller manager to use" },
      { use: "scheduler", short: "Generate a kubeconfig file for the scheduler to use" },
    ],
  },
  {
    use: "etcd",
    short: "Generate static Pod manifest file for local etcd",
    children: [{ use: "local", short: "Generate the static Pod manifest file for a local, single-node local etcd instance" }],
  },
  {
    use: "control-plane",
    short: "Generate all static Pod manifest files necessary to establish the control plane",
    children: [
      { use: "apiserver", short: "Generates the kube-apiserver static Pod manifest" },
      { use: "controller-manager", short: "Generates the kube-controller-manager static Pod manifest" },
      { use: "scheduler", short: "Generates the kube-scheduler static Pod manifest" },
    ],
  },
  { use: "kubelet-start", short: "Write kubelet settings and (re)start the kubelet" },
  { use: "wait-control-plane", short: "Wait for the control plane to start" },
  {
    use: "upload-config",
    short: "Upload the kubeadm and kubelet configuration to a ConfigMap",
    children: [
      { use: "kubeadm", short: "Upload the kubeadm ClusterConfiguration to a ConfigMap" },
      { use: "kubelet", short: "Upload the kubelet component config to a ConfigMap" },
    ],
  },
  { use: "upload-certs", short: "Upload certificates to kubeadm-certs" },
  { use: "mark-control-plane", short: "Mark a node as a control-plane" },
  { use: "bootstrap-token", short: "Generates bootstrap tokens used to join a node to a cluster" },
  {
    use: "kubelet-finalize",
    short: "Updates settings relevant to the kubelet after TLS bootstrap",
    children: [{ use: "enable-client-cert-rotation", short: "Enable kubelet client certificate rotation" }],
  },
  {
    use: "addon",
    short: "Install required addons for passing conformance tests",
    children: [
      { use: "coredns", short: "Install the CoreDNS addon to a Kubernetes cluster" },
      { use: "kube-proxy", short: "Install the kube-proxy addon to a Kubernetes cluster" },
    ],
  },
  { use: "show-join-command", short: "Show the join command for control-plane and worker node" },
];

/** runner.go BindToCommand: names padded to the longest name + 2, children indented by 2 and prefixed "/". */
function phaseTable(phases: Phase[]): string {
  const rows: { level: number; use: string; short: string }[] = [];
  for (const p of phases) {
    rows.push({ level: 0, use: p.use, short: p.short });
    for (const c of p.children ?? []) rows.push({ level: 1, use: `/${c.use}`, short: c.short });
  }
  const maxLength = Math.max(...rows.map((r) => r.use.length));
  return rows.map((r) => `${"  ".repeat(r.level)}${r.use}${" ".repeat(maxLength - r.use.length + 2)}${r.short}\n`).join("");
}

const rpad = (s: string, n: number): string => s.padEnd(n, " ");

interface SubCommand {
  name: string;
  short: string;
}

function availableCommands(cmds: SubCommand[]): string {
  const pad = Math.max(11, ...cmds.map((c) => c.name.length));
  return cmds.map((c) => `  ${rpad(c.name, pad)} ${c.short}`).join("\n");
}

const HELP_FLAG = (what: string): FlagSpec => ({ name: "help", shorthand: "h", type: "bool", defValue: "false", usage: `help for ${what}` });

/** `kubeadm init --help` / `kubeadm init -h` (stdout). */
export function initHelp(): string {
  const long =
    "Run this command in order to set up the Kubernetes control plane\n\n" +
    'The "init" command executes the following phases:\n' +
    "```\n" +
    phaseTable(INIT_PHASES) +
    "```";
  return (
    `${long}\n\n` +
    "Usage:\n" +
    "  kubeadm init [flags]\n" +
    "  kubeadm init [command]\n\n" +
    "Available Commands:\n" +
    `${availableCommands([{ name: "phase", short: "Use this command to invoke single phase of the init workflow" }])}\n\n` +
    "Flags:\n" +
    `${flagUsages(INIT_FLAGS)}\n\n` +
    "Global Flags:\n" +
    `${flagUsages(GLOBAL_FLAGS)}\n\n` +
    'Use "kubeadm init [command] --help" for more information about a command.\n'
  );
}

const ROOT_LONG = [
  "",
  "",
  "    ┌──────────────────────────────────────────────────────────┐",
  "    │ KUBEADM                                                  │",
  "    │ Easily bootstrap a secure Kubernetes cluster             │",
  "    │                                                          │",
  "    │ Please give us feedback at:                              │",
  "    │ https://github.com/kubernetes/kubeadm/issues             │",
  "    └──────────────────────────────────────────────────────────┘",
  "",
  "Example usage:",
  "",
  "    Create a two-machine cluster with one control-plane node",
  "    (which controls the cluster), and one worker node",
  "    (where your workloads, like Pods and Deployments run).",
  "",
  "    ┌──────────────────────────────────────────────────────────┐",
  "    │ On the first machine:                                    │",
  "    ├──────────────────────────────────────────────────────────┤",
  "    │ control-plane# kubeadm init                              │",
  "    └──────────────────────────────────────────────────────────┘",
  "",
  "    ┌──────────────────────────────────────────────────────────┐",
  "    │ On the second machine:                                   │",
  "    ├──────────────────────────────────────────────────────────┤",
  "    │ worker# kubeadm join <arguments-returned-from-init>      │",
  "    └──────────────────────────────────────────────────────────┘",
  "",
  "    You can then repeat the second step on as many other machines as you like.",
].join("\n");

const ROOT_COMMANDS: SubCommand[] = [
  { name: "certs", short: "Commands related to handling kubernetes certificates" },
  { name: "completion", short: "Output shell completion code for the specified shell (bash or zsh)" },
  { name: "config", short: "Manage configuration for a kubeadm cluster persisted in a ConfigMap in the cluster" },
  { name: "help", short: "Help about any command" },
  { name: "init", short: "Run this command in order to set up the Kubernetes control plane" },
  { name: "join", short: "Run this on any machine you wish to join an existing cluster" },
  { name: "kubeconfig", short: "Kubeconfig file utilities" },
  { name: "reset", short: "Performs a best effort revert of changes made to this host by 'kubeadm init' or 'kubeadm join'" },
  { name: "token", short: "Manage bootstrap tokens" },
  { name: "upgrade", short: "Upgrade your cluster smoothly to a newer version with this command" },
  { name: "version", short: "Print the version of kubeadm" },
];

/** `kubeadm`, `kubeadm --help` (stdout). */
export function rootHelp(): string {
  const topics = [{ path: "kubeadm alpha", short: "Kubeadm experimental sub-commands" }];
  const pathPad = Math.max(11, ...[...ROOT_COMMANDS.map((c) => `kubeadm ${c.name}`), ...topics.map((t) => t.path)].map((p) => p.length));
  return (
    `${ROOT_LONG}\n\n` +
    "Usage:\n" +
    "  kubeadm [command]\n\n" +
    "Available Commands:\n" +
    `${availableCommands(ROOT_COMMANDS)}\n\n` +
    "Flags:\n" +
    `${flagUsages([HELP_FLAG("kubeadm"), ...GLOBAL_FLAGS])}\n\n` +
    "Additional help topics:\n" +
    `${topics.map((t) => `  ${rpad(t.path, pathPad)} ${t.short}`).join("\n")}\n\n` +
    'Use "kubeadm [command] --help" for more information about a command.\n'
  );
}

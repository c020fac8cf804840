// `kubeadm init` flags (1.34).
// Flag list and help texts: k/website content/en/docs/reference/setup-tools/kubeadm/generated/kubeadm_init/_index.md
// (1.34 era); flag registration in k/k cmd/kubeadm/app/cmd/init.go (AddInitConfigFlags, AddInitOtherFlags),
// cmd/kubeadm/app/cmd/options/token.go; global flags in cmd/kubeadm/app/cmd/cmd.go (--rootfs) and
// cmd/kubeadm/app/kubeadm.go (klog "v" and "vmodule" only, k/k PR #131647, 1.34).

import { DEFAULT_BIND_PORT, DEFAULT_DNS_DOMAIN, DEFAULT_SERVICE_SUBNET, KUBEADM_VERSION } from "./constants.ts";
import { parseFlags, type FlagSpec } from "./pflag.ts";
import type { InitOptions } from "./types.ts";

export const FEATURE_GATES_USAGE =
  "A set of key=value pairs that describe feature gates for various features. Options are:\n" +
  "ControlPlaneKubeletLocalMode=true|false (default=true)\n" +
  "NodeLocalCRISocket=true|false (BETA - default=true)\n" +
  "PublicKeysECDSA=true|false (DEPRECATED - default=false)\n" +
  "RootlessControlPlane=true|false (ALPHA - default=false)";

export const INIT_FLAGS: readonly FlagSpec[] = [
  {
    name: "apiserver-advertise-address",
    type: "string",
    defValue: "",
    usage: "The IP address the API Server will advertise it's listening on. If not set the default network interface will be used.",
  },
  { name: "apiserver-bind-port", type: "int32", defValue: "6443", usage: "Port for the API Server to bind to." },
  {
    name: "apiserver-cert-extra-sans",
    type: "strings",
    defValue: "[]",
    usage:
      "Optional extra Subject Alternative Names (SANs) to use for the API Server serving certificate. Can be both IP addresses and DNS names.",
  },
  { name: "cert-dir", type: "string", defValue: "/etc/kubernetes/pki", usage: "The path where to save and store the certificates." },
  {
    name: "certificate-key",
    type: "string",
    defValue: "",
    usage:
      "Key used to encrypt the control-plane certificates in the kubeadm-certs Secret. The certificate key is a hex encoded string that is an AES key of size 32 bytes.",
  },
  { name: "config", type: "string", defValue: "", usage: "Path to a kubeadm configuration file." },
  {
    name: "control-plane-endpoint",
    type: "string",
    defValue: "",
    usage: "Specify a stable IP address or DNS name for the control plane.",
  },
  {
    name: "cri-socket",
    type: "string",
    defValue: "",
    usage:
      "Path to the CRI socket to connect. If empty kubeadm will try to auto-detect this value; use this option only if you have more than one CRI installed or if you have non-standard CRI socket.",
  },
  { name: "dry-run", type: "bool", defValue: "false", usage: "Don't apply any changes; just output what would be done." },
  { name: "feature-gates", type: "string", defValue: "", usage: FEATURE_GATES_USAGE },
  { name: "help", shorthand: "h", type: "bool", defValue: "false", usage: "help for init" },
  {
    name: "ignore-preflight-errors",
    type: "strings",
    defValue: "[]",
    usage:
      "A list of checks whose errors will be shown as warnings. Example: 'IsPrivilegedUser,Swap'. Value 'all' ignores errors from all checks.",
  },
  {
    name: "image-repository",
    type: "string",
    defValue: "registry.k8s.io",
    usage: "Choose a container registry to pull control plane images from",
  },
  {
    name: "kubernetes-version",
    type: "string",
    defValue: "stable-1",
    usage: "Choose a specific Kubernetes version for the control plane.",
  },
  { name: "node-name", type: "string", defValue: "", usage: "Specify the node name." },
  {
    name: "patches",
    type: "string",
    defValue: "",
    usage:
      'Path to a directory that contains files named "target[suffix][+patchtype].extension". For example, "kube-apiserver0+merge.yaml" or just "etcd.json". "target" can be one of "kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd", "kubeletconfiguration", "corednsdeployment". "patchtype" can be one of "strategic", "merge" or "json" and they match the patch formats supported by kubectl. The default "patchtype" is "strategic". "extension" must be either "json" or "yaml". "suffix" is an optional string that can be used to determine which patches are applied first alpha-numerically.',
  },
  {
    name: "pod-network-cidr",
    type: "string",
    defValue: "",
    usage:
      "Specify range of IP addresses for the pod network. If set, the control plane will automatically allocate CIDRs for every node.",
  },
  {
    name: "service-cidr",
    type: "string",
    defValue: "10.96.0.0/12",
    usage: "Use alternative range of IP address for service VIPs.",
  },
  {
    name: "service-dns-domain",
    type: "string",
    defValue: "cluster.local",
    usage: 'Use alternative domain for services, e.g. "myorg.internal".',
  },
  {
    name: "skip-certificate-key-print",
    type: "bool",
    defValue: "false",
    usage: "Don't print the key used to encrypt the control-plane certificates.",
  },
  { name: "skip-phases", type: "strings", defValue: "[]", usage: "List of phases to be skipped" },
  {
    name: "skip-token-print",
    type: "bool",
    defValue: "false",
    usage: "Skip printing of the default bootstrap token generated by 'kubeadm init'.",
  },
  {
    name: "token",
    type: "string",
    defValue: "",
    usage:
      "The token to use for establishing bidirectional trust between nodes and control-plane nodes. The format is [a-z0-9]{6}\\.[a-z0-9]{16} - e.g. abcdef.0123456789abcdef",
  },
  {
    name: "token-ttl",
    type: "duration",
    defValue: "24h0m0s",
    usage: "The duration before the token is automatically deleted (e.g. 1s, 2m, 3h). If set to '0', the token will never expire",
  },
  { name: "upload-certs", type: "bool", defValue: "false", usage: "Upload control-plane certificates to the kubeadm-certs Secret." },
];

/** Persistent flags of the root command, shown as "Global Flags" under subcommands. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  {
    name: "rootfs",
    type: "string",
    defValue: "",
    usage: "The path to the 'real' host root filesystem. This will cause kubeadm to chroot into the provided path.",
  },
  { name: "v", shorthand: "v", type: "Level", defValue: "0", usage: "number for the log level verbosity" },
  {
    name: "vmodule",
    type: "moduleSpec",
    defValue: "",
    usage: "comma-separated list of pattern=N settings for file-filtered logging",
  },
];

/**
 * Flags that may be combined with --config (k/k cmd/kubeadm/app/apis/kubeadm/validation/validation.go
 * isAllowedFlag): these names, plus anything starting with "skip-".
 */
const ALLOWED_WITH_CONFIG = new Set([
  "config",
  "ignore-preflight-errors",
  "dry-run",
  "kubeconfig",
  "node-name",
  "kubeconfig-dir",
  "upload-certs",
  "print-join-command",
  "rootfs",
  "v",
  "log-file",
  "yes",
]);

export const DEFAULT_INIT_OPTIONS: InitOptions = {
  serviceCIDR: DEFAULT_SERVICE_SUBNET,
  apiserverAdvertiseAddress: "",
  apiserverBindPort: DEFAULT_BIND_PORT,
  serviceDNSDomain: DEFAULT_DNS_DOMAIN,
  kubernetesVersion: KUBEADM_VERSION,
  nodeName: "",
  ignorePreflightErrors: [],
  apiserverExtraArgs: [],
  controllerManagerExtraArgs: [],
};

export interface ParsedInitArgs {
  options: InitOptions;
  configPath?: string;
  help?: boolean;
}

/**
 * Parses `kubeadm init` argv (after "init"). Errors are the message kubeadm prints after "error: "
 * (cobra runs with SilenceErrors/SilenceUsage, so flag errors are reported by kubeadm's own handler).
 */
export function parseInitArgs(argv: string[], defaults: Partial<InitOptions>): ParsedInitArgs | { error: string } {
  const parsed = parseFlags(argv, [...INIT_FLAGS, ...GLOBAL_FLAGS]);
  if ("error" in parsed) return { error: parsed.error };
  const { values, lists, changed, args } = parsed;

  const options: InitOptions = {
    ...DEFAULT_INIT_OPTIONS,
    ...defaults,
    ignorePreflightErrors: [...(defaults.ignorePreflightErrors ?? [])],
    apiserverExtraArgs: [...(defaults.apiserverExtraArgs ?? [])],
    controllerManagerExtraArgs: [...(defaults.controllerManagerExtraArgs ?? [])],
  };

  if (values.has("help") && isTrue(values.get("help"))) return { options, help: true };

  // cobra.NoArgs on the init command.
  if (args.length > 0) return { error: `unknown command ${JSON.stringify(args[0])} for "kubeadm init"` };

  const str = (name: string): string | undefined => values.get(name);
  const addr = str("apiserver-advertise-address");
  if (addr !== undefined) {
    // An unspecified address means "use the default interface" (ChooseAPIServerBindAddress).
    options.apiserverAdvertiseAddress =
      addr === "" || addr === "0.0.0.0" || addr === "::" ? (defaults.apiserverAdvertiseAddress ?? addr) : addr;
  }
  const port = str("apiserver-bind-port");
  const svc = str("service-cidr");
  if (svc !== undefined) options.serviceCIDR = svc;
  const pod = str("pod-network-cidr");
  if (pod !== undefined) options.podNetworkCIDR = pod;
  const dom = str("service-dns-domain");
  if (dom !== undefined) options.serviceDNSDomain = dom;
  const ver = str("kubernetes-version");
  if (ver !== undefined) options.kubernetesVersion = ver;
  const node = str("node-name");
  if (node !== undefined) options.nodeName = node;
  const ignore = lists.get("ignore-preflight-errors");
  if (ignore !== undefined) options.ignorePreflightErrors = ignore;
  if (values.has("dry-run")) options.dryRun = isTrue(values.get("dry-run"));
  if (values.has("skip-token-print")) options.skipTokenPrint = isTrue(values.get("skip-token-print"));

  if (port !== undefined) {
    const n = goIntValue(port);
    if (n !== null) options.apiserverBindPort = n;
  }

  const configPath = str("config");
  if (configPath !== undefined) {
    // validation.ValidateMixedArguments: flag.Visit walks the set flags in lexicographical order.
    const mixed = [...changed].filter((n) => !ALLOWED_WITH_CONFIG.has(n) && !n.startsWith("skip-") && n !== "help").sort();
    if (mixed.length > 0) return { error: `can not mix '--config' with arguments [${mixed.join(" ")}]` };
    return { options, configPath };
  }
  return { options };
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && ["1", "t", "T", "TRUE", "true", "True"].includes(v);
}

function goIntValue(text: string): number | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (m === null) return null;
  const sign = m[1] === "-" ? -1 : 1;
  let body = (m[2] ?? "").replace(/_/g, "");
  let base = 10;
  if (/^0[xX]/.test(body)) {
    base = 16;
    body = body.slice(2);
  } else if (/^0[oO]/.test(body)) {
    base = 8;
    body = body.slice(2);
  } else if (/^0[bB]/.test(body)) {
    base = 2;
    body = body.slice(2);
  } else if (body.length > 1 && body.startsWith("0")) {
    base = 8;
    body = body.slice(1);
  }
  return sign * parseInt(body === "" ? "0" : body, base);
}

// Static Pod manifests as kubeadm 1.34 writes them to /etc/kubernetes/manifests.
//
// Commands: k/k cmd/kubeadm/app/phases/controlplane/manifests.go (getAPIServerCommand,
// getControllerManagerCommand, getSchedulerCommand) and cmd/kubeadm/app/phases/etcd/local.go
// (getEtcdCommand); merging of extraArgs: cmd/kubeadm/app/util/arguments.go ArgumentsToCommand
// (overrides replace defaults of the same name, everything sorted by name, stable).
// Pod shape: cmd/kubeadm/app/util/staticpod/utils.go (ComponentPod, probes on the named port
// "probe-port"), volumes in cmd/kubeadm/app/phases/controlplane/volumes.go (Debian/Ubuntu CA set).
// Verified against public v1.34.1/v1.34.3 manifests (reference cluster-tools.md §2.1, §2.2).

import {
  ETCD_IMAGE_TAG,
  ETCD_LISTEN_CLIENT_PORT,
  ETCD_LISTEN_PEER_PORT,
  ETCD_METRICS_PORT,
  IMAGE_REPOSITORY,
  KUBE_CONTROLLER_MANAGER_PORT,
  KUBE_SCHEDULER_PORT,
} from "./constants.ts";
import type { Arg, InitOptions } from "./types.ts";
import { parseIPSloppy } from "./validation.ts";
import { yamlString } from "./yaml-scalar.ts";

export type Component = "kube-apiserver" | "kube-controller-manager" | "kube-scheduler" | "etcd";

const PKI = "/etc/kubernetes/pki";

/** True when the advertise address is IPv6 (kubeadm then uses ::1 for local endpoints). */
function advertiseIsIPv6(o: InitOptions): boolean {
  const ip = parseIPSloppy(o.apiserverAdvertiseAddress);
  return ip !== null && ip.family === "IPv6" && !o.apiserverAdvertiseAddress.includes(".");
}

function localhost(o: InitOptions): string {
  return advertiseIsIPv6(o) ? "::1" : "127.0.0.1";
}

/** net.JoinHostPort. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** kubeadmutil.ArgumentsToCommand. */
export function argumentsToCommand(base: readonly Arg[], overrides: readonly Arg[]): string[] {
  const overridden = new Set(overrides.map((a) => a.name));
  const args: Arg[] = [...overrides, ...base.filter((a) => !overridden.has(a.name))];
  const sorted = args
    .map((a, i) => ({ a, i }))
    .sort((x, y) => (x.a.name < y.a.name ? -1 : x.a.name > y.a.name ? 1 : x.i - y.i))
    .map((x) => x.a);
  return sorted.map((a) => `--${a.name}=${a.value}`);
}

const args = (record: Record<string, string>): Arg[] => Object.entries(record).map(([name, value]) => ({ name, value }));

export function apiserverCommand(options: InitOptions): string[] {
  const base: Record<string, string> = {
    "advertise-address": options.apiserverAdvertiseAddress,
    "enable-admission-plugins": "NodeRestriction",
    "service-account-key-file": `${PKI}/sa.pub`,
    "service-account-signing-key-file": `${PKI}/sa.key`,
    "service-account-issuer": `https://kubernetes.default.svc.${options.serviceDNSDomain}`,
    "client-ca-file": `${PKI}/ca.crt`,
    "tls-cert-file": `${PKI}/apiserver.crt`,
    "tls-private-key-file": `${PKI}/apiserver.key`,
    "kubelet-client-certificate": `${PKI}/apiserver-kubelet-client.crt`,
    "kubelet-client-key": `${PKI}/apiserver-kubelet-client.key`,
    "enable-bootstrap-token-auth": "true",
    "secure-port": String(options.apiserverBindPort),
    "allow-privileged": "true",
    "kubelet-preferred-address-types": "InternalIP,ExternalIP,Hostname",
    "requestheader-username-headers": "X-Remote-User",
    "requestheader-group-headers": "X-Remote-Group",
    "requestheader-extra-headers-prefix": "X-Remote-Extra-",
    "requestheader-client-ca-file": `${PKI}/front-proxy-ca.crt`,
    "requestheader-allowed-names": "front-proxy-client",
    "proxy-client-cert-file": `${PKI}/front-proxy-client.crt`,
    "proxy-client-key-file": `${PKI}/front-proxy-client.key`,
    "authorization-mode": "Node,RBAC",
    "etcd-servers": `https://${joinHostPort(localhost(options), ETCD_LISTEN_CLIENT_PORT)}`,
    "etcd-cafile": `${PKI}/etcd/ca.crt`,
    "etcd-certfile": `${PKI}/apiserver-etcd-client.crt`,
    "etcd-keyfile": `${PKI}/apiserver-etcd-client.key`,
  };
  if (options.serviceCIDR !== "") base["service-cluster-ip-range"] = options.serviceCIDR;
  return ["kube-apiserver", ...argumentsToCommand(args(base), options.apiserverExtraArgs)];
}

/**
 * staticpodutil getProbeAddress: an unspecified bind address ("0.0.0.0", "::") cannot be probed, so
 * the probe gets no host and the kubelet uses the pod IP.
 */
function probeAddress(addr: string): string {
  return addr === "0.0.0.0" || addr === "::" ? "" : addr;
}

/** GetControllerManagerProbeAddress: the bind-address extraArg if given, else 127.0.0.1. */
function controllerManagerProbeHost(o: InitOptions): string {
  const bind = [...o.controllerManagerExtraArgs].reverse().find((a) => a.name === "bind-address");
  return bind === undefined ? "127.0.0.1" : probeAddress(bind.value);
}

export function controllerManagerCommand(options: InitOptions): string[] {
  const kubeconfig = "/etc/kubernetes/controller-manager.conf";
  // kubeadm binds the controller-manager and the scheduler to 127.0.0.1 whatever the advertise
  // family (manifests.go); IPv6 setups such as kind's override it through extraArgs.
  const base: Record<string, string> = {
    "bind-address": "127.0.0.1",
    "leader-elect": "true",
    kubeconfig,
    "authentication-kubeconfig": kubeconfig,
    "authorization-kubeconfig": kubeconfig,
    "client-ca-file": `${PKI}/ca.crt`,
    "requestheader-client-ca-file": `${PKI}/front-proxy-ca.crt`,
    "root-ca-file": `${PKI}/ca.crt`,
    "service-account-private-key-file": `${PKI}/sa.key`,
    "cluster-signing-cert-file": `${PKI}/ca.crt`,
    "cluster-signing-key-file": `${PKI}/ca.key`,
    "use-service-account-credentials": "true",
    controllers: "*,bootstrapsigner,tokencleaner",
    "cluster-name": options.clusterName || "kubernetes",
  };
  const pod = options.podNetworkCIDR ?? "";
  if (pod !== "") {
    base["allocate-node-cidrs"] = "true";
    base["cluster-cidr"] = pod;
    if (options.serviceCIDR !== "") base["service-cluster-ip-range"] = options.serviceCIDR;
  }
  return ["kube-controller-manager", ...argumentsToCommand(args(base), options.controllerManagerExtraArgs)];
}

export function schedulerCommand(): string[] {
  const kubeconfig = "/etc/kubernetes/scheduler.conf";
  const base: Record<string, string> = {
    "bind-address": "127.0.0.1",
    "leader-elect": "true",
    kubeconfig,
    "authentication-kubeconfig": kubeconfig,
    "authorization-kubeconfig": kubeconfig,
  };
  return ["kube-scheduler", ...argumentsToCommand(args(base), [])];
}

export function etcdCommand(options: InitOptions): string[] {
  const adv = options.apiserverAdvertiseAddress;
  const lo = localhost(options);
  const peer = `https://${joinHostPort(adv, ETCD_LISTEN_PEER_PORT)}`;
  const client = `https://${joinHostPort(adv, ETCD_LISTEN_CLIENT_PORT)}`;
  const base: Record<string, string> = {
    name: options.nodeName,
    "feature-gates": "InitialCorruptCheck=true",
    "watch-progress-notify-interval": "5s",
    "listen-client-urls": `https://${joinHostPort(lo, ETCD_LISTEN_CLIENT_PORT)},${client}`,
    "advertise-client-urls": client,
    "listen-peer-urls": peer,
    "initial-advertise-peer-urls": peer,
    "data-dir": "/var/lib/etcd",
    "cert-file": `${PKI}/etcd/server.crt`,
    "key-file": `${PKI}/etcd/server.key`,
    "trusted-ca-file": `${PKI}/etcd/ca.crt`,
    "client-cert-auth": "true",
    "peer-cert-file": `${PKI}/etcd/peer.crt`,
    "peer-key-file": `${PKI}/etcd/peer.key`,
    "peer-trusted-ca-file": `${PKI}/etcd/ca.crt`,
    "peer-client-cert-auth": "true",
    "snapshot-count": "10000",
    "listen-metrics-urls": `http://${joinHostPort(lo, ETCD_METRICS_PORT)}`,
    "initial-cluster": `${options.nodeName}=${peer}`,
  };
  return ["etcd", ...argumentsToCommand(args(base), [])];
}

// ---------------------------------------------------------------------------------------------
// Rendering

interface Probe {
  host: string;
  path: string;
  scheme: "HTTP" | "HTTPS";
}

interface Volume {
  name: string;
  path: string;
  type: "DirectoryOrCreate" | "FileOrCreate";
  readOnly: boolean;
}

interface PodSpec {
  name: Component;
  annotation?: [string, string];
  image: string;
  port: number;
  liveness: Probe;
  readiness?: Probe;
  startup: Probe;
  resources: string[];
  /** In the order kubeadm writes volumeMounts (sorted by name, except etcd). */
  mounts: Volume[];
}

const CA_VOLUMES: Volume[] = [
  { name: "ca-certs", path: "/etc/ssl/certs", type: "DirectoryOrCreate", readOnly: true },
  { name: "etc-ca-certificates", path: "/etc/ca-certificates", type: "DirectoryOrCreate", readOnly: true },
];
const USR_CA_VOLUMES: Volume[] = [
  { name: "usr-local-share-ca-certificates", path: "/usr/local/share/ca-certificates", type: "DirectoryOrCreate", readOnly: true },
  { name: "usr-share-ca-certificates", path: "/usr/share/ca-certificates", type: "DirectoryOrCreate", readOnly: true },
];
const K8S_CERTS: Volume = { name: "k8s-certs", path: PKI, type: "DirectoryOrCreate", readOnly: true };

function podSpec(component: Component, o: InitOptions): PodSpec {
  const lo = localhost(o);
  switch (component) {
    case "kube-apiserver": {
      const host = o.apiserverAdvertiseAddress;
      return {
        name: component,
        annotation: [
          "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint",
          joinHostPort(o.apiserverAdvertiseAddress, o.apiserverBindPort),
        ],
        image: `${IMAGE_REPOSITORY}/kube-apiserver:${o.kubernetesVersion}`,
        port: o.apiserverBindPort,
        liveness: { host, path: "/livez", scheme: "HTTPS" },
        readiness: { host, path: "/readyz", scheme: "HTTPS" },
        startup: { host, path: "/livez", scheme: "HTTPS" },
        resources: ["cpu: 250m"],
        mounts: [...CA_VOLUMES, K8S_CERTS, ...USR_CA_VOLUMES],
      };
    }
    case "kube-controller-manager":
      return {
        name: component,
        image: `${IMAGE_REPOSITORY}/kube-controller-manager:${o.kubernetesVersion}`,
        port: KUBE_CONTROLLER_MANAGER_PORT,
        liveness: { host: controllerManagerProbeHost(o), path: "/healthz", scheme: "HTTPS" },
        startup: { host: controllerManagerProbeHost(o), path: "/healthz", scheme: "HTTPS" },
        resources: ["cpu: 200m"],
        mounts: [
          ...CA_VOLUMES,
          {
            name: "flexvolume-dir",
            path: "/usr/libexec/kubernetes/kubelet-plugins/volume/exec",
            type: "DirectoryOrCreate",
            readOnly: false,
          },
          K8S_CERTS,
          { name: "kubeconfig", path: "/etc/kubernetes/controller-manager.conf", type: "FileOrCreate", readOnly: true },
          ...USR_CA_VOLUMES,
        ],
      };
    case "kube-scheduler":
      return {
        name: component,
        image: `${IMAGE_REPOSITORY}/kube-scheduler:${o.kubernetesVersion}`,
        port: KUBE_SCHEDULER_PORT,
        liveness: { host: "127.0.0.1", path: "/livez", scheme: "HTTPS" },
        readiness: { host: "127.0.0.1", path: "/readyz", scheme: "HTTPS" },
        startup: { host: "127.0.0.1", path: "/livez", scheme: "HTTPS" },
        resources: ["cpu: 100m"],
        mounts: [{ name: "kubeconfig", path: "/etc/kubernetes/scheduler.conf", type: "FileOrCreate", readOnly: true }],
      };
    case "etcd":
      return {
        name: component,
        annotation: [
          "kubeadm.kubernetes.io/etcd.advertise-client-urls",
          `https://${joinHostPort(o.apiserverAdvertiseAddress, ETCD_LISTEN_CLIENT_PORT)}`,
        ],
        image: `${IMAGE_REPOSITORY}/etcd:${ETCD_IMAGE_TAG}`,
        port: ETCD_METRICS_PORT,
        liveness: { host: lo, path: "/livez", scheme: "HTTP" },
        readiness: { host: lo, path: "/readyz", scheme: "HTTP" },
        startup: { host: lo, path: "/readyz", scheme: "HTTP" },
        resources: ["cpu: 100m", "memory: 100Mi"],
        mounts: [
          { name: "etcd-data", path: "/var/lib/etcd", type: "DirectoryOrCreate", readOnly: false },
          { name: "etcd-certs", path: `${PKI}/etcd`, type: "DirectoryOrCreate", readOnly: false },
        ],
      };
  }
}

function probeLines(kind: "livenessProbe" | "readinessProbe" | "startupProbe", p: Probe): string[] {
  const failureThreshold = kind === "livenessProbe" ? 8 : kind === "readinessProbe" ? 3 : 24;
  const lines = [
    `    ${kind}:`,
    `      failureThreshold: ${failureThreshold}`,
    "      httpGet:",
    // An empty host is omitted (omitempty): the kubelet probes the pod IP.
    ...(p.host === "" ? [] : [`        host: ${yamlString(p.host)}`]),
    `        path: ${p.path}`,
    "        port: probe-port",
    `        scheme: ${p.scheme}`,
  ];
  if (kind !== "readinessProbe") lines.push("      initialDelaySeconds: 10");
  lines.push(kind === "readinessProbe" ? "      periodSeconds: 1" : "      periodSeconds: 10");
  lines.push("      timeoutSeconds: 15");
  return lines;
}

/** The manifest text kubeadm writes for a component (command as given, e.g. from the *Command functions). */
export function renderStaticPod(component: Component, options: InitOptions, command: string[]): string {
  const s = podSpec(component, options);
  const out: string[] = ["apiVersion: v1", "kind: Pod", "metadata:"];
  if (s.annotation !== undefined) {
    out.push("  annotations:", `    ${s.annotation[0]}: ${yamlString(s.annotation[1])}`);
  }
  out.push("  labels:", `    component: ${s.name}`, "    tier: control-plane", `  name: ${s.name}`, "  namespace: kube-system");
  out.push("spec:", "  containers:", "  - command:");
  for (const c of command) out.push(`    - ${yamlString(c)}`);
  out.push(`    image: ${s.image}`, "    imagePullPolicy: IfNotPresent");
  out.push(...probeLines("livenessProbe", s.liveness));
  out.push(`    name: ${s.name}`, "    ports:", `    - containerPort: ${s.port}`, "      name: probe-port", "      protocol: TCP");
  if (s.readiness !== undefined) out.push(...probeLines("readinessProbe", s.readiness));
  out.push("    resources:", "      requests:", ...s.resources.map((r) => `        ${r}`));
  out.push(...probeLines("startupProbe", s.startup));
  out.push("    volumeMounts:");
  for (const v of s.mounts) {
    out.push(`    - mountPath: ${v.path}`, `      name: ${v.name}`);
    if (v.readOnly) out.push("      readOnly: true");
  }
  out.push(
    "  hostNetwork: true",
    "  priority: 2000001000",
    "  priorityClassName: system-node-critical",
    "  securityContext:",
    "    seccompProfile:",
    "      type: RuntimeDefault",
    "  volumes:",
  );
  const volumes = [...s.mounts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const v of volumes) out.push("  - hostPath:", `      path: ${v.path}`, `      type: ${v.type}`, `    name: ${v.name}`);
  out.push("status: {}");
  return `${out.join("\n")}\n`;
}

/** Manifest file paths, in the order kubeadm's preflight checks them. */
export const MANIFEST_PATHS: Record<Component, string> = {
  "kube-apiserver": "/etc/kubernetes/manifests/kube-apiserver.yaml",
  "kube-controller-manager": "/etc/kubernetes/manifests/kube-controller-manager.yaml",
  "kube-scheduler": "/etc/kubernetes/manifests/kube-scheduler.yaml",
  etcd: "/etc/kubernetes/manifests/etcd.yaml",
};

/**
 * What `kubectl exec POD -- CMD` runs inside a simulated container. There are no processes, so each
 * program a container may run is a handler keyed by its name (argv[0], without a path). The built-in
 * ones answer from the pod's own spec and status (hostname, env, cat of /etc/resolv.conf and
 * /etc/hosts); other layers add theirs through KubectlEnv.execHandler (kube-proxy's `curl`, for one),
 * which is looked up first.
 */
import type { ApiClient } from "../apiserver/client.ts";
import type { Pod } from "../apiserver/registry/pod/types.ts";
import type { Service } from "../apiserver/registry/service/types.ts";

export interface ExecCall {
  pod: Pod;
  container: string;
  /** The command and its arguments as given after `--`. */
  argv: string[];
  stdin: string;
  client: ApiClient;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export type ExecHandler = (call: ExecCall) => ExecResult;

const SERVICES = { group: "", version: "v1", resource: "services" };
const ok = (stdout: string): ExecResult => ({ stdout, stderr: "", exitCode: 0 });

/** The cluster domain kubeadm configures for the kubelet (clusterDomain). */
const CLUSTER_DOMAIN = "cluster.local";

function services(client: ApiClient, namespace: string | undefined): Service[] {
  try {
    return client.list(SERVICES, namespace).items as unknown as Service[];
  } catch {
    return [];
  }
}

/** The kube-dns ClusterIP the kubelet writes as nameserver (--cluster-dns). */
function clusterDNS(client: ApiClient): string | undefined {
  return services(client, "kube-system").find((s) => s.metadata.name === "kube-dns")?.spec.clusterIP;
}

/** dns.Configurer.GetPodDNS for dnsPolicy ClusterFirst: search paths from the namespace, ndots:5. */
export function resolvConf(pod: Pod, client: ApiClient): string {
  const ns = pod.metadata.namespace ?? "default";
  const dns = clusterDNS(client);
  if (pod.spec.hostNetwork && pod.spec.dnsPolicy !== "ClusterFirstWithHostNet") return "nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n";
  if (!dns || pod.spec.dnsPolicy === "Default") return "nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n";
  return `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${dns}\noptions ndots:5\n`;
}

/** The kubelet's managed /etc/hosts (kubelet_pods.go managedHostsFileContent). */
function hostsFile(pod: Pod): string {
  const lines = [
    "# Kubernetes-managed hosts file.",
    "127.0.0.1\tlocalhost",
    "::1\tlocalhost ip6-localhost ip6-loopback",
    "fe00::0\tip6-localnet",
    "fe00::0\tip6-mcastprefix",
    "fe00::1\tip6-allnodes",
    "fe00::2\tip6-allrouters",
  ];
  const host = pod.spec.hostname || pod.metadata.name!;
  for (const { ip } of pod.status?.podIPs ?? []) lines.push(`${ip}\t${host}`);
  return `${lines.join("\n")}\n`;
}

/**
 * The environment a container starts with: PATH and HOSTNAME from the runtime, the container's env, the
 * Docker-link style variables of every Service in the namespace (enableServiceLinks) and of the
 * `kubernetes` Service, then HOME.
 */
export function containerEnv(pod: Pod, container: string, client: ApiClient): string[] {
  const c = pod.spec.containers.find((x) => x.name === container);
  const out = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", `HOSTNAME=${pod.spec.hostname || pod.metadata.name}`];
  for (const e of c?.env ?? []) out.push(`${e.name}=${e.value ?? ""}`);
  const ns = pod.metadata.namespace ?? "default";
  const list = services(client, ns).filter((s) => s.spec.clusterIP && s.spec.clusterIP !== "None");
  const master = ns === "default" ? [] : services(client, "default").filter((s) => s.metadata.name === "kubernetes");
  const linked = pod.spec.enableServiceLinks === false ? master : [...list, ...master];
  for (const s of linked) {
    const name = s.metadata.name!.toUpperCase().replace(/-/g, "_");
    const ip = s.spec.clusterIP!;
    const ports = s.spec.ports ?? [];
    out.push(`${name}_SERVICE_HOST=${ip}`);
    if (ports[0]) out.push(`${name}_SERVICE_PORT=${ports[0].port}`);
    for (const p of ports) if (p.name) out.push(`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, "_")}=${p.port}`);
    if (ports[0]) out.push(`${name}_PORT=${(ports[0].protocol ?? "TCP").toLowerCase()}://${ip}:${ports[0].port}`);
    for (const p of ports) {
      const proto = (p.protocol ?? "TCP").toLowerCase();
      const pre = `${name}_PORT_${p.port}_${(p.protocol ?? "TCP").toUpperCase()}`;
      out.push(`${pre}=${proto}://${ip}:${p.port}`, `${pre}_PROTO=${proto}`, `${pre}_PORT=${p.port}`, `${pre}_ADDR=${ip}`);
    }
  }
  out.push("HOME=/root");
  return out;
}

const FILES: Record<string, (call: ExecCall) => string> = {
  "/etc/resolv.conf": (c) => resolvConf(c.pod, c.client),
  "/etc/hosts": (c) => hostsFile(c.pod),
  "/etc/hostname": (c) => `${c.pod.spec.hostname || c.pod.metadata.name}\n`,
};

/** The programs every simulated container has. */
export const BUILTIN_EXEC_HANDLERS: Readonly<Record<string, ExecHandler>> = {
  hostname: (c) => ok(`${c.pod.spec.hostname || c.pod.metadata.name}\n`),
  env: (c) => ok(`${containerEnv(c.pod, c.container, c.client).join("\n")}\n`),
  printenv: (c) => {
    const env = containerEnv(c.pod, c.container, c.client);
    if (c.argv.length < 2) return ok(`${env.join("\n")}\n`);
    const vals = c.argv.slice(1).map((n) => env.find((e) => e.startsWith(`${n}=`))?.slice(n.length + 1));
    const found = vals.filter((v): v is string => v !== undefined);
    return { stdout: found.map((v) => `${v}\n`).join(""), stderr: "", exitCode: found.length === vals.length ? 0 : 1 };
  },
  cat: (c) => {
    let stdout = "";
    let stderr = "";
    for (const path of c.argv.slice(1)) {
      const file = FILES[path];
      if (file) stdout += file(c);
      else stderr += `cat: ${path}: No such file or directory\n`;
    }
    if (c.argv.length < 2) stdout = c.stdin;
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
  echo: (c) => ok(`${c.argv.slice(1).join(" ")}\n`),
  true: () => ok(""),
  false: () => ({ stdout: "", stderr: "", exitCode: 1 }),
};

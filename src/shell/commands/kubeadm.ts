/**
 * kubeadm as a shell command: init builds a control plane on this machine (static pod manifests on disk,
 * the apiserver and controller-manager started from them, the CoreDNS Service at the tenth IP), reset
 * tears it down, token create prints a join command. Texts and rules come from src/kubeadm.
 */
import { KUBEADM_ADMIN, kubeDnsService } from "../../lab/kube-dns.ts";
import { defineCommand, type IFileSystem } from "just-bash";
import type { ClusterPlan } from "../../lab/plan.ts";
import { mergeEntry, parseKubeconfig, serializeKubeconfig } from "../../lab/kubeconfig.ts";
import { CIDR, IP } from "../../net/index.ts";
import {
  applyConfigFile,
  apiserverCommand,
  controllerManagerCommand,
  etcdCommand,
  fatal,
  initHelp,
  initOutput,
  isError,
  joinCommand,
  joinOutput,
  parseInitArgs,
  preflightRunningControlPlane,
  renderStaticPod,
  resetOutput,
  resetPrompt,
  resetRefused,
  rootHelp,
  schedulerCommand,
  normalizeInit,
  versionOutput,
  type InitOptions,
} from "../../kubeadm/index.ts";
import type { Session } from "../session.ts";
import { resolvePath, stdinText } from "./io.ts";

const SERVICES = { group: "", version: "v1", resource: "services" };
const MANIFESTS = "/etc/kubernetes/manifests";

export function defaultInitOptions(session: Session, hostname = session.machine.hostname): InitOptions {
  const m = session.lab.machines.get(hostname);
  return {
    serviceCIDR: "10.96.0.0/12",
    apiserverAdvertiseAddress: m?.addresses[0] ?? session.machine.address,
    apiserverBindPort: 6443,
    serviceDNSDomain: "cluster.local",
    kubernetesVersion: "v1.34.1",
    nodeName: hostname,
    ignorePreflightErrors: [],
    apiserverExtraArgs: [],
    controllerManagerExtraArgs: [],
  };
}

/** The tenth address of the primary service range: where kubeadm's CoreDNS addon puts kube-dns. */
function dnsIP(serviceCIDR: string): string {
  const c = CIDR.parse(serviceCIDR.split(",")[0]!.trim());
  return IP.fromBigInt(c.first().value + 10n, c.family).toString();
}

const kubeconfig = (server: string) => `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://${server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`;

/** Builds and starts the control plane kubeadm init describes; writes its files; returns start errors. */
export async function buildControlPlane(session: Session, opts: InitOptions, fs: IFileSystem = session.fs): Promise<string[]> {
  await fs.mkdir(MANIFESTS, { recursive: true });
  const components: [string, string[]][] = [
    ["etcd", etcdCommand(opts)],
    ["kube-apiserver", apiserverCommand(opts)],
    ["kube-controller-manager", controllerManagerCommand(opts)],
    ["kube-scheduler", schedulerCommand()],
  ];
  for (const [name, cmd] of components) {
    await fs.writeFile(`${MANIFESTS}/${name}.yaml`, renderStaticPod(name as "etcd", opts, cmd));
  }
  const server = `${opts.apiserverAdvertiseAddress}:${opts.apiserverBindPort}`;
  for (const f of ["admin.conf", "super-admin.conf", "kubelet.conf", "controller-manager.conf", "scheduler.conf"]) {
    await fs.writeFile(`/etc/kubernetes/${f}`, kubeconfig(server));
  }
  await fs.mkdir("/root/.kube", { recursive: true });
  // The sandbox copies admin.conf to ~/.kube/config as the init output tells you to; contexts other
  // tools added there (kind, az) are kept and this one becomes current.
  const home = "/root/.kube/config";
  const existing = (await fs.exists(home)) ? parseKubeconfig(await fs.readFile(home, "utf8"), home) : null;
  if (existing && !("error" in existing) && existing.contexts.some((c) => c.name !== "kubernetes-admin@kubernetes")) {
    const merged = mergeEntry(existing, { cluster: "kubernetes", context: "kubernetes-admin@kubernetes", user: "kubernetes-admin", server: `https://${server}` }, true);
    await fs.writeFile(home, serializeKubeconfig(merged));
  } else {
    await fs.writeFile(home, kubeconfig(server));
  }
  const { errors } = await session.lab.provision(kubeadmPlan(session, opts, server));
  const cluster = session.lab.labCluster("kubeadm", KUBEADM_CLUSTER)!.cluster;
  if (errors.length) return errors;
  // The control plane comes up over a few seconds; then the CoreDNS addon's Service is applied.
  session.advance(8_000);
  try {
    cluster.client.create(SERVICES, "kube-system", kubeDnsService(dnsIP(opts.serviceCIDR)), { user: KUBEADM_ADMIN });
  } catch (e) {
    return [(e as Error).message];
  }
  session.advance(3_000);
  return [];
}

/** kubeadm's ClusterConfiguration.clusterName default: the name in the kubeconfig it writes. */
export const KUBEADM_CLUSTER = "kubernetes";

/** What kubeadm init sets up on this machine, for the lab to run: one control-plane node, this one. */
function kubeadmPlan(session: Session, opts: InitOptions, server: string): ClusterPlan {
  const services = opts.serviceCIDR.split(",").map((s) => s.trim());
  const pods = (opts.podNetworkCIDR ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const apiserverArgs = apiserverCommand(opts);
  const controllerManagerArgs = controllerManagerCommand(opts);
  const mask = (name: string, dflt: number) => Number(controllerManagerArgs.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? dflt);
  return {
    provider: "kubeadm",
    name: KUBEADM_CLUSTER,
    context: "kubernetes-admin@kubernetes",
    server: `https://${server}`,
    kubernetesVersion: opts.kubernetesVersion,
    apiserverArgs,
    controllerManagerArgs,
    serviceCIDRs: services,
    podCIDRs: pods,
    nodeCIDRMaskSize: { ipv4: mask("node-cidr-mask-size-ipv4", 24), ipv6: mask("node-cidr-mask-size-ipv6", 64) },
    dnsServiceIPs: [dnsIP(opts.serviceCIDR)],
    kubeProxyMode: "iptables",
    podNetwork: pods.length ? "kubenet" : "none",
    nodes: [
      {
        name: opts.nodeName,
        role: "control-plane",
        addresses: [opts.apiserverAdvertiseAddress],
        labels: { "node-role.kubernetes.io/control-plane": "", "node.kubernetes.io/exclude-from-external-load-balancers": "" },
        taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }],
      },
    ],
  };
  void session;
}

export async function bootstrapDefaultCluster(session: Session): Promise<void> {
  const opts = { ...defaultInitOptions(session), podNetworkCIDR: "10.244.0.0/16" };
  const errors = await buildControlPlane(session, opts);
  if (errors.length) throw new Error(`default cluster failed to start: ${errors.join("; ")}`);
  // Two workers joined with `kubeadm join`, as a learner would from each machine.
  for (const [host, address] of WORKER_MACHINES) {
    session.lab.addMachine(host, [address], "vm");
    const r = await joinMachine(session, host, [`${opts.apiserverAdvertiseAddress}:6443`]);
    if (r.exitCode !== 0) throw new Error(`default cluster: ${host} failed to join: ${r.stderr}`);
  }
}

/** The lab's worker VMs, beside the control plane at 192.168.0.7. */
export const WORKER_MACHINES: readonly [string, string][] = [
  ["node01", "192.168.0.8"],
  ["node02", "192.168.0.9"],
];

/**
 * `kubeadm join ENDPOINT --token T --discovery-token-ca-cert-hash H` on a machine: discovery finds the
 * cluster at ENDPOINT, the kubelet starts and registers the machine as a worker Node. The sandbox does
 * not check the token or the CA hash.
 */
async function joinMachine(session: Session, hostname: string, args: readonly string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const endpoint = args.find((a, i) => !a.startsWith("-") && !(i > 0 && /^--(token|discovery-token-ca-cert-hash|node-name|cri-socket)$/.test(args[i - 1]!)));
  if (!endpoint) {
    return { stdout: "", stderr: fatal("discovery: Invalid value: \"\": bootstrapToken or file must be set"), exitCode: 1 };
  }
  const lc = [...session.lab.running.values()].find((c) => c.plan.provider === "kubeadm" && c.plan.server.replace(/^https:\/\//, "") === endpoint);
  const m = session.lab.machines.get(hostname);
  if (m?.cluster) {
    return {
      stdout: "[preflight] Running pre-flight checks\n",
      stderr: fatal("error execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists\n[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`"),
      exitCode: 1,
    };
  }
  if (!lc || !m) {
    return {
      stdout: "[preflight] Running pre-flight checks\n",
      stderr: fatal(`error execution phase preflight: couldn't validate the identity of the API Server: failed to request the cluster-info ConfigMap: Get "https://${endpoint}/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp ${endpoint}: connect: connection refused`),
      exitCode: 1,
    };
  }
  await session.lab.setNodes("kubeadm", lc.plan.name, [...lc.plan.nodes, { name: hostname, role: "worker", addresses: m.addresses }]);
  session.advance(2_000);
  return { stdout: joinOutput(), stderr: "", exitCode: 0 };
}

function secrets(session: Session) {
  const r = session.random;
  const ms = () => `${r.int(9) + 1}.${String(r.int(1_000_000_000)).padStart(9, "0")}s`;
  return {
    token: `${r.fromAlphabet("abcdefghijklmnopqrstuvwxyz0123456789", 6)}.${r.fromAlphabet("abcdefghijklmnopqrstuvwxyz0123456789", 16)}`,
    caCertHash: `sha256:${r.hex(64)}`,
    healthyAfter: { kubelet: `${500 + r.int(500)}.${String(r.int(1_000_000)).padStart(6, "0")}ms`, controllerManager: ms(), scheduler: ms(), apiserver: ms() },
  };
}

export function kubeadmCommand(session: Session, hostname: string) {
  return defineCommand("kubeadm", async (args, ctx) => {
    if (session.pause && !(await session.pause())) return { stdout: "", stderr: "", exitCode: 130 };
    const [sub, ...rest] = args;
    switch (sub) {
      case undefined:
      case "-h":
      case "--help":
      case "help":
        return { stdout: rootHelp(), stderr: "", exitCode: 0 };
      case "version":
        return { stdout: versionOutput(rest.find((a) => a.startsWith("-o"))?.replace(/^-o=?/, "") || (rest[rest.indexOf("-o") + 1] ?? "")), stderr: "", exitCode: 0 };
      case "init": {
        const parsed = parseInitArgs(rest, defaultInitOptions(session, hostname));
        if (isError(parsed)) return { stdout: "", stderr: fatal(parsed.error), exitCode: 1 };
        if (parsed.help) return { stdout: initHelp(), stderr: "", exitCode: 0 };
        let opts = parsed.options;
        if (parsed.configPath) {
          const path = resolvePath(ctx, parsed.configPath);
          if (!(await ctx.fs.exists(path))) {
            return { stdout: "", stderr: fatal(`unable to read config from "${parsed.configPath}" : open ${parsed.configPath}: no such file or directory`), exitCode: 1 };
          }
          const applied = applyConfigFile(opts, await ctx.fs.readFile(path, "utf8"));
          if (isError(applied)) return { stdout: "", stderr: fatal(applied.error), exitCode: 1 };
          opts = applied;
        }
        const normalized = normalizeInit(opts);
        if (isError(normalized)) return { stdout: "", stderr: fatal(normalized.error), exitCode: 1 };
        opts = normalized;
        if (session.lab.labCluster("kubeadm", KUBEADM_CLUSTER) || (await ctx.fs.exists(`${MANIFESTS}/kube-apiserver.yaml`))) {
          const refused = preflightRunningControlPlane(opts);
          if (refused) return refused;
        }
        await session.lab.deprovision("kubeadm", KUBEADM_CLUSTER);
        const out = initOutput(opts, secrets(session));
        const errors = await buildControlPlane(session, opts, ctx.fs);
        if (errors.length) return { stdout: out.stdout, stderr: out.stderr + fatal(`error execution phase wait-control-plane: ${errors.join("; ")}`), exitCode: 1 };
        // The lab's worker VMs are there to `ssh` into and join with the printed command.
        for (const [host, address] of WORKER_MACHINES) session.lab.addMachine(host, [address], "vm");
        return { stdout: out.stdout, stderr: out.stderr, exitCode: 0 };
      }
      case "reset": {
        const force = rest.includes("-f") || rest.includes("--force");
        if (!force) {
          const answer = stdinText(ctx).trim().toLowerCase();
          if (answer !== "y" && answer !== "yes") return { stdout: resetPrompt(), stderr: resetRefused(), exitCode: 1 };
        }
        await session.lab.deprovision("kubeadm", KUBEADM_CLUSTER);
        for (const dir of [MANIFESTS, "/etc/kubernetes/pki"]) {
          if (await ctx.fs.exists(dir)) for (const f of await ctx.fs.readdir(dir)) await ctx.fs.rm(`${dir}/${f}`, { recursive: true, force: true });
        }
        for (const f of ["admin.conf", "super-admin.conf", "kubelet.conf", "bootstrap-kubelet.conf", "controller-manager.conf", "scheduler.conf"]) {
          await ctx.fs.rm(`/etc/kubernetes/${f}`, { force: true });
        }
        const out = resetOutput();
        return { stdout: (force ? "" : resetPrompt()) + out.stdout, stderr: out.stderr, exitCode: 0 };
      }
      case "token": {
        if (rest[0] === "create" && rest.includes("--print-join-command")) {
          const cluster = session.lab.labCluster("kubeadm", KUBEADM_CLUSTER)?.cluster;
          if (!cluster) return { stdout: "", stderr: fatal(`failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory`), exitCode: 1 };
          const s = secrets(session);
          return { stdout: joinCommand(`${cluster.spec.advertiseAddress}:${cluster.spec.securePort}`, s.token, s.caCertHash), stderr: "", exitCode: 0 };
        }
        return { stdout: "", stderr: "error: the sandbox supports `kubeadm token create --print-join-command`\n", exitCode: 1 };
      }
      case "join":
        return joinMachine(session, hostname, rest);
      default:
        return { stdout: "", stderr: `unknown command "${sub}" for "kubeadm"\nTo see the stack trace of this error execute with --v=5 or higher\n`, exitCode: 1 };
    }
  });
}

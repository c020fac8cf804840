/**
 * `kind create cluster`: the order of kind v0.30.0's pkg/cluster/internal/create/create.go Cluster()
 * and its actions, with what each step prints. The lab is asked to run the cluster at "Starting
 * control-plane", where kind runs `kubeadm init` inside the first node; kubeadm's own validation of
 * kind's generated config fails there, exactly as in a real node.
 */
import type { SeededRandom } from "../apiserver/machinery/random.ts";
import type { Provisioner, ProvisionResult } from "../lab/plan.ts";
import { goQuote, klogLine } from "../kubeadm/errors.ts";
import { parseConfig, emptyConfig, setDefaults } from "./config.ts";
import type { ContainerRole, KindContainers } from "./containers.ts";
import { KindLog, Status } from "./log.ts";
import type { KindKubeconfigStore } from "./kubeconfig.ts";
import { clusterPlan, friendlyImageName, kubeadmError, kubeadmOptions } from "./plan.ts";
import { validateCluster } from "./validate.ts";
import type { KindCluster } from "./types.ts";

/** A failure kind returns up to main(): printed as "ERROR: <message>" (+ "Command Output: ..."). */
export class KindError extends Error {
  constructor(
    message: string,
    readonly commandOutput?: string,
  ) {
    super(message);
  }
}

export interface CreateFlags {
  /** --name or KIND_CLUSTER_NAME; "" when neither is set. */
  name: string;
  /** --config: a path, "-" for stdin, "" for none. */
  config: string;
  image: string;
  retain: boolean;
  /** --wait in nanoseconds. */
  waitNs: number;
  kubeconfig: string;
}

export type ReadFile = (path: string) => Promise<{ text: string } | { error: string }>;

export interface CreateDeps {
  log: KindLog;
  random: SeededRandom;
  provisioner: Provisioner | null;
  containers: KindContainers;
  readFile: ReadFile;
  stdin: string;
  /** Virtual time, for the log lines of the node's kubeadm. */
  now: () => number;
  /** The kubeconfig kind merges its context into; absent, nothing is written. */
  kubeconfig?: KindKubeconfigStore;
}

/** A Linux ephemeral port, where kind's GetFreePort (net.Listen ":0") lands. */
const EPHEMERAL_PORTS = { first: 32768, last: 60999 };
const CLUSTER_NAME_MAX = 50;
/** What docker says when there is no daemon to talk to (UNVERIFIED exact argv of kind's probe). */
const NO_DOCKER = {
  message: `failed to get docker info: command "docker info --format '{{json .}}'" failed with error: exit status 1`,
  output: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
};

const SALUTATIONS = [
  "Have a nice day! 👋",
  "Thanks for using kind! 😊",
  "Not sure what to do next? 😅  Check out https://kind.sigs.k8s.io/docs/user/quick-start/",
  "Have a question, bug, or feature request? Let us know! https://kind.sigs.k8s.io/#community 🙂",
];

/** Go's %q of a []string: ["a" "b"]. */
export function goQuoteList(items: readonly string[]): string {
  return `[${items.map(goQuote).join(" ")}]`;
}

/** shellescape.Quote, for the --kubeconfig path in the sample command. */
function shellQuote(s: string): string {
  if (s === "") return "''";
  if (!/[^\w@%+=:,./-]/.test(s)) return s;
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}

/** time.Duration.Round(time.Second).String() for whole seconds. */
export function formatSeconds(total: number): string {
  const s = Math.round(total);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h${m}m${sec}s`;
  if (m > 0) return `${m}m${sec}s`;
  return `${sec}s`;
}

async function loadConfig(flags: CreateFlags, deps: CreateDeps): Promise<KindCluster> {
  if (flags.config === "") return emptyConfig();
  let raw: string;
  if (flags.config === "-") {
    raw = deps.stdin;
  } else {
    const r = await deps.readFile(flags.config);
    if ("error" in r) throw new KindError(`failed to create cluster: error reading file: ${r.error}`);
    raw = r.text;
  }
  const parsed = parseConfig(raw);
  if ("error" in parsed) throw new KindError(`failed to create cluster: ${parsed.error}`);
  return parsed;
}

/** The containers kind plans: the external load balancer first when there are several control planes. */
function containerRoles(c: KindCluster): ContainerRole[] {
  const controlPlanes = c.nodes.filter((n) => n.role === "control-plane").length;
  const roles: ContainerRole[] = controlPlanes > 1 ? ["external-load-balancer"] : [];
  for (const n of c.nodes) roles.push(n.role === "worker" ? "worker" : "control-plane");
  return roles;
}

function hasKubeadmPatches(c: KindCluster): boolean {
  return (
    c.kubeadmConfigPatches.length + c.kubeadmConfigPatchesJSON6902.length > 0 ||
    c.nodes.some((n) => n.kubeadmConfigPatches.length + n.kubeadmConfigPatchesJSON6902.length > 0)
  );
}

export async function createCluster(flags: CreateFlags, deps: CreateDeps): Promise<void> {
  const { log, random, containers } = deps;
  const config = await loadConfig(flags, deps);
  const provisioner = deps.provisioner;
  if (provisioner === null) throw new KindError(`failed to create cluster: ${NO_DOCKER.message}`, NO_DOCKER.output);

  // Loading defaults the config (V1Alpha4ToInternal); fixupOptions then lets the flags override it
  // (--image lands on every node, the defaulted one included) and defaults it once more.
  setDefaults(config);
  if (flags.name !== "") config.name = flags.name;
  if (flags.image !== "") for (const n of config.nodes) n.image = flags.image;
  setDefaults(config);

  if (provisioner.clusters("kind").includes(config.name)) {
    throw new KindError(`failed to create cluster: node(s) already exist for a cluster with the name ${goQuote(config.name)}`);
  }
  if (config.name.length > CLUSTER_NAME_MAX) {
    log.info(`cluster name ${goQuote(config.name)} is probably too long, this might not work properly on some systems`);
  }
  const invalid = validateCluster(config);
  if (invalid !== null) throw new KindError(`failed to create cluster: ${invalid}`);
  if (hasKubeadmPatches(config)) {
    log.info("NOTE: the sandbox accepts kubeadmConfigPatches but does not apply them; the cluster is built from the fields above them");
  }

  const status = new Status(log);
  log.info(`Creating cluster ${goQuote(config.name)} ...`);
  for (const image of [...new Set(config.nodes.map((n) => n.image))].sort()) {
    status.start(`Ensuring node image (${friendlyImageName(image)}) 🖼️`);
  }
  status.start(`Preparing nodes ${"📦 ".repeat(config.nodes.length)}`);
  const planned = containers.plan(config.name, containerRoles(config));
  const nodeNames = [...planned].reverse().map((c) => c.name);
  const hasLoadBalancer = planned[0]?.role === "external-load-balancer";
  if (hasLoadBalancer) status.start("Configuring the external load balancer ⚖️");
  status.start("Writing configuration 📜");

  status.start("Starting control-plane 🕹️");
  const port =
    config.networking.apiServerPort > 0
      ? config.networking.apiServerPort
      : EPHEMERAL_PORTS.first + random.int(EPHEMERAL_PORTS.last - EPHEMERAL_PORTS.first + 1);
  const bootstrap = planned.find((c) => c.role === "control-plane")!;
  const initCommand = `docker exec --privileged ${bootstrap.name} kubeadm init --skip-phases=preflight --config=/kind/kubeadm.conf --skip-token-print --v=6`;
  /** kubeadm init failed: kind deletes the nodes (saying which) unless --retain keeps them. */
  const failInit = async (output: string, provisionedServer?: string): Promise<never> => {
    status.end(false);
    if (!flags.retain) {
      if (provisionedServer !== undefined) await provisioner.deprovision("kind", config.name);
      log.info(`Deleted nodes: ${goQuoteList(nodeNames)}`);
    } else if (provisionedServer !== undefined) {
      containers.record(config.name, planned, provisionedServer);
    }
    throw new KindError(`failed to create cluster: failed to init node with kubeadm: command "${initCommand}" failed with error: exit status 1`, output);
  };

  const kubeadmFailure = kubeadmError(kubeadmOptions(config, bootstrap));
  if (kubeadmFailure !== null) {
    // kubeadm's --v=6 log starts by loading kind's config (real transcripts, PID 134 in the node);
    // the stack trace it prints after the error at that verbosity is left out.
    const loading = klogLine("I", new Date(deps.now()), 134, "initconfiguration.go:255", 'loading configuration from "/kind/kubeadm.conf"');
    await failInit(`${loading}${kubeadmFailure}`);
  }
  const plan = clusterPlan({ config, containers: planned, hostPort: port });
  let result: ProvisionResult;
  try {
    result = await provisioner.provision(plan);
  } catch (e) {
    // Each kind action defers Status.End(false): a step that blows up is marked failed.
    status.end(false);
    throw e;
  }
  if (result.errors.length > 0) await failInit(result.errors.join("\n"), plan.server);
  containers.record(config.name, planned, plan.server);

  if (!config.networking.disableDefaultCNI) status.start("Installing CNI 🔌");
  status.start("Installing StorageClass 💾");
  const controlPlanes = config.nodes.filter((n) => n.role === "control-plane").length;
  if (controlPlanes > 1) status.start("Joining more control-plane nodes 🎮");
  if (controlPlanes < config.nodes.length) status.start("Joining worker nodes 🚜");
  if (flags.waitNs > 0) {
    status.start(`Waiting ≤ ${formatSeconds(flags.waitNs / 1e9)} for control-plane = Ready ⏳`);
    status.end(true);
    log.info(` • Ready after ${formatSeconds(12 + random.int(18))} 💚`);
  }
  status.end(true);

  const context = `kind-${config.name}`;
  // create.go: kubeconfig.Export after the actions, so `kubectl` now talks to the new cluster.
  await deps.kubeconfig?.export(config.name, plan.server, flags.kubeconfig);
  const sample = `kubectl cluster-info --context ${context}${flags.kubeconfig !== "" ? ` --kubeconfig ${shellQuote(flags.kubeconfig)}` : ""}`;
  log.info(`Set kubectl context to "${context}"`);
  log.info(`You can now use your cluster with:\n\n${sample}`);
  log.info("");
  log.info(random.pick(SALUTATIONS));
}

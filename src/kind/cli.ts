/**
 * runKind is the `kind` binary: cobra's dispatch (find the command, parse its flags, help, version,
 * argument checks), the subcommands the sandbox models, and app.Run's error printing. It is pure
 * over its inputs; the shell command (src/shell/commands/kind.ts) supplies files, stdin and the lab.
 */
import type { SeededRandom } from "../apiserver/machinery/random.ts";
import { goQuote } from "../kubeadm/errors.ts";
import { parseGoDuration } from "../kubeadm/go-text.ts";
import { parseFlags } from "../kubeadm/pflag.ts";
import type { Provisioner } from "../lab/plan.ts";
import { allFlags, commandPath, commandTree, findCommand, helpText, type KindCommand } from "./commands.ts";
import type { KindContainers } from "./containers.ts";
import { createCluster, goQuoteList, KindError, type ReadFile } from "./create.ts";
import { internalServer, kindKubeconfig, type KindKubeconfigStore } from "./kubeconfig.ts";
import { KindLog, type StatusStyle } from "./log.ts";
import { DEFAULT_CLUSTER_NAME, KIND_GO_VERSION, KIND_VERSION } from "./types.ts";

export interface KindIO {
  /** Environment variables (KIND_CLUSTER_NAME). */
  env: (name: string) => string | undefined;
  stdin: string;
  readFile: ReadFile;
  random: SeededRandom;
  now: () => number;
  /** The lab; null where no cluster can be made (kind then fails as it does without docker). */
  provisioner: Provisioner | null;
  containers: KindContainers;
  style?: StatusStyle;
  /** The kubeconfig files kind writes its contexts into (create) and drops them from (delete). */
  kubeconfig?: KindKubeconfigStore;
}

export interface KindResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

type Values = Map<string, string>;

/** cli.OverrideDefaultName: KIND_CLUSTER_NAME replaces the default of an unset --name. */
function clusterName(values: Values, io: KindIO, fallback: string): string {
  const flag = values.get("name");
  if (flag !== undefined) return flag;
  return io.env("KIND_CLUSTER_NAME") || fallback;
}

function lab(io: KindIO): Provisioner {
  if (io.provisioner === null) {
    throw new KindError(
      `failed to list nodes: command "docker ps -a --filter label=io.x-k8s.kind.cluster --format '{{.Label "io.x-k8s.kind.cluster"}}'" failed with error: exit status 1`,
      "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
    );
  }
  return io.provisioner;
}

/** Clusters as `docker ps` labels give them: sorted, unique. */
function listClusters(io: KindIO): string[] {
  return [...new Set(lab(io).clusters("kind"))].sort();
}

/** delete.Cluster: drops the kubeconfig entries, removes the nodes (if any) and says which. */
async function deleteOne(name: string, explicitKubeconfig: string, io: KindIO, log: KindLog): Promise<void> {
  const p = lab(io);
  // Idempotent like `rm -f`: a cluster without nodes still has its stale kubeconfig entries removed.
  await io.kubeconfig?.remove(name, explicitKubeconfig);
  if (!p.clusters("kind").includes(name)) return;
  const nodes = io.containers.listed(name);
  await p.deprovision("kind", name);
  io.containers.remove(name);
  log.info(`Deleted nodes: ${goQuoteList(nodes)}`);
}

/** The API server address kind writes for a cluster: the host port, or the endpoint inside docker's network. */
function serverOf(name: string, values: Values, io: KindIO): string {
  const created = listClusters(io).includes(name) ? io.containers.created(name) : [];
  const endpoint = created.find((c) => c.role === "external-load-balancer") ?? created.find((c) => c.role === "control-plane");
  const server = io.containers.server(name);
  if (endpoint === undefined || server === undefined) {
    throw new KindError(`could not locate any control plane nodes for cluster named '${name}'. Use the --name option to select a different cluster`);
  }
  return values.get("internal") === "true" ? internalServer(endpoint.name) : server;
}

async function run(cmd: KindCommand, values: Values, args: string[], io: KindIO, log: KindLog): Promise<void> {
  switch (cmd.id) {
    case "create cluster": {
      const wait = parseGoDuration(values.get("wait") ?? "0s");
      await createCluster(
        {
          name: clusterName(values, io, ""),
          config: values.get("config") ?? "",
          image: values.get("image") ?? "",
          retain: values.get("retain") === "true",
          waitNs: wait.ok ? wait.value : 0,
          kubeconfig: values.get("kubeconfig") ?? "",
        },
        {
          log,
          random: io.random,
          provisioner: io.provisioner,
          containers: io.containers,
          readFile: io.readFile,
          stdin: io.stdin,
          now: io.now,
          ...(io.kubeconfig ? { kubeconfig: io.kubeconfig } : {}),
        },
      );
      return;
    }
    case "delete cluster": {
      const name = clusterName(values, io, DEFAULT_CLUSTER_NAME);
      log.info(`Deleting cluster ${goQuote(name)} ...`);
      try {
        await deleteOne(name, values.get("kubeconfig") ?? "", io, log);
      } catch (e) {
        if (e instanceof KindError) throw new KindError(`failed to delete cluster ${goQuote(name)}: ${e.message}`, e.commandOutput);
        throw e;
      }
      return;
    }
    case "delete clusters": {
      if (values.get("all") !== "true" && args.length === 0) throw new KindError("no cluster names provided");
      const names = values.get("all") === "true" ? listClusters(io) : args;
      const deleted: string[] = [];
      for (const name of names) {
        await deleteOne(name, values.get("kubeconfig") ?? "", io, log);
        deleted.push(name);
      }
      log.info(`Deleted clusters: ${goQuoteList(deleted)}`);
      return;
    }
    case "get clusters": {
      const clusters = listClusters(io);
      if (clusters.length === 0) log.info("No kind clusters found.");
      for (const c of clusters) log.out(c);
      return;
    }
    case "get nodes": {
      if (values.get("all-clusters") === "true") {
        const nodes = listClusters(io).flatMap((c) => io.containers.listed(c));
        if (nodes.length === 0) log.info("No kind nodes for any cluster.");
        for (const n of nodes) log.out(n);
        return;
      }
      const name = clusterName(values, io, DEFAULT_CLUSTER_NAME);
      const nodes = listClusters(io).includes(name) ? io.containers.listed(name) : [];
      if (nodes.length === 0) log.info(`No kind nodes found for cluster ${goQuote(name)}.`);
      for (const n of nodes) log.out(n);
      return;
    }
    case "get kubeconfig": {
      const name = clusterName(values, io, DEFAULT_CLUSTER_NAME);
      // fmt.Fprintln of a document that already ends in a newline: a blank line follows.
      log.out(kindKubeconfig(name, serverOf(name, values, io)));
      return;
    }
    case "export kubeconfig": {
      const name = clusterName(values, io, DEFAULT_CLUSTER_NAME);
      await io.kubeconfig?.export(name, serverOf(name, values, io), values.get("kubeconfig") ?? "");
      log.info(`Set kubectl context to "kind-${name}"`);
      return;
    }
    case "version":
      // -q keeps only the semantic version.
      log.out(values.get("quiet") === "true" ? KIND_VERSION : `kind v${KIND_VERSION} ${KIND_GO_VERSION} linux/amd64`);
      return;
    case "get":
    case "delete":
      log.stdout += helpText(cmd);
      throw new KindError("Subcommand is required");
    case "help": {
      const { cmd: topic } = findCommand(cmd.parent ?? cmd, args);
      log.stdout += helpText(topic);
      return;
    }
    default:
      throw new KindError(`the sandbox does not simulate "${commandPath(cmd)}"`);
  }
}

export async function runKind(args: readonly string[], io: KindIO): Promise<KindResult> {
  const root = commandTree();
  const { cmd, rest } = findCommand(root, args);
  // main() reads -q before cobra does, so even flag errors are silenced.
  const quiet = rest.includes("-q") || rest.includes("--quiet") || rest.includes("--quiet=true");
  const log = new KindLog(io.style ?? "tty", quiet);
  const fail = (message: string, output?: string): KindResult => {
    log.error(message, output);
    return { stdout: log.stdout, stderr: log.stderr, exitCode: 1 };
  };
  if (io.provisioner !== null) io.containers.sync(io.provisioner.clusters("kind"));
  if (cmd.id === "unsupported") return fail(`the sandbox does not simulate "${commandPath(cmd)}"`);

  const parsed = parseFlags(rest, allFlags(cmd));
  if ("error" in parsed) return fail(parsed.error);
  const { values, args: positional } = parsed;
  if (values.get("help") === "true") return { stdout: helpText(cmd), stderr: "", exitCode: 0 };
  if (cmd.id === "root" && values.get("version") === "true") return { stdout: `kind version ${KIND_VERSION}\n`, stderr: "", exitCode: 0 };
  if (!cmd.runnable) return { stdout: helpText(cmd), stderr: "", exitCode: 0 };
  if (cmd.noArgs && positional.length > 0) return fail(`unknown command ${goQuote(positional[0]!)} for ${goQuote(commandPath(cmd))}`);
  // The root's PersistentPreRunE.
  if (values.has("loglevel")) log.info("WARNING: --loglevel is deprecated, please switch to -v and -q!");
  try {
    await run(cmd, values, positional, io, log);
  } catch (e) {
    // A lab failure still ends the way kind ends, after what was already printed.
    if (e instanceof KindError) return fail(e.message, e.commandOutput);
    return fail(e instanceof Error ? e.message : String(e));
  }
  return { stdout: log.stdout, stderr: log.stderr, exitCode: 0 };
}

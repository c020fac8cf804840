/**
 * kind's cobra command tree (kind v0.30.0 pkg/cmd/kind/...): names, help texts and flags, how cobra
 * finds the subcommand in argv (command.go Find, stripFlags), and cobra's default help template.
 */
import { flagUsages, type FlagSpec } from "../kubeadm/pflag.ts";

export type CommandId =
  | "root"
  | "create"
  | "create cluster"
  | "delete"
  | "delete cluster"
  | "delete clusters"
  | "get"
  | "get clusters"
  | "get nodes"
  | "get kubeconfig"
  | "export"
  | "export kubeconfig"
  | "version"
  | "help"
  | "unsupported";

export interface KindCommand {
  id: CommandId;
  name: string;
  short: string;
  long?: string;
  /** Has a Run/RunE: cobra shows help for the others. */
  runnable: boolean;
  /** Args: cobra.NoArgs. */
  noArgs: boolean;
  flags: FlagSpec[];
  children: KindCommand[];
  parent?: KindCommand;
}

const help = (name: string): FlagSpec => ({ name: "help", shorthand: "h", type: "bool", defValue: "false", usage: `help for ${name}` });
const kubeconfigFlag: FlagSpec = {
  name: "kubeconfig",
  type: "string",
  defValue: "",
  usage: "sets kubeconfig path instead of $KUBECONFIG or $HOME/.kube/config",
};

/** The root's persistent flags, inherited by every command. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: "loglevel", type: "string", defValue: "", usage: "DEPRECATED: see -v instead" },
  { name: "quiet", shorthand: "q", type: "bool", defValue: "false", usage: "silence all stderr output" },
  { name: "verbosity", shorthand: "v", type: "int32", defValue: "0", usage: "info log verbosity, higher value produces more output" },
];

function cmd(c: Omit<KindCommand, "children" | "parent"> & { children?: KindCommand[] }): KindCommand {
  const out: KindCommand = { ...c, children: c.children ?? [] };
  for (const child of out.children) child.parent = out;
  return out;
}

/** Commands kind has that the sandbox lists in help but does not run. */
function unsupported(name: string, short: string): KindCommand {
  return cmd({ id: "unsupported", name, short, runnable: true, noArgs: false, flags: [help(name)] });
}

/** A fresh tree (commands link to their parents, so each call builds its own). */
export function commandTree(): KindCommand {
  return cmd({
    id: "root",
    name: "kind",
    short: "kind is a tool for managing local Kubernetes clusters",
    long: "kind creates and manages local Kubernetes clusters using Docker container 'nodes'",
    runnable: false,
    noArgs: true,
    flags: [help("kind"), ...GLOBAL_FLAGS, { name: "version", type: "bool", defValue: "false", usage: "version for kind" }],
    children: [
      unsupported("build", "Build one of [node-image]"),
      unsupported("completion", "Output shell completion code for the specified shell (bash, zsh or fish)"),
      cmd({
        id: "create",
        name: "create",
        short: "Creates one of [cluster]",
        long: "Creates one of local Kubernetes cluster (cluster)",
        runnable: false,
        noArgs: true,
        flags: [help("create")],
        children: [
          cmd({
            id: "create cluster",
            name: "cluster",
            short: "Creates a local Kubernetes cluster",
            long: "Creates a local Kubernetes cluster using Docker container 'nodes'",
            runnable: true,
            noArgs: true,
            flags: [
              help("cluster"),
              { name: "name", shorthand: "n", type: "string", defValue: "", usage: "cluster name, overrides KIND_CLUSTER_NAME, config (default kind)" },
              { name: "config", type: "string", defValue: "", usage: "path to a kind config file" },
              { name: "image", type: "string", defValue: "", usage: "node docker image to use for booting the cluster" },
              { name: "retain", type: "bool", defValue: "false", usage: "retain nodes for debugging when cluster creation fails" },
              { name: "wait", type: "duration", defValue: "0s", usage: "wait for control plane node to be ready (default 0s)" },
              kubeconfigFlag,
            ],
          }),
        ],
      }),
      cmd({
        id: "delete",
        name: "delete",
        short: "Deletes one of [cluster]",
        long: "Deletes one of [cluster]",
        runnable: true,
        noArgs: true,
        flags: [help("delete")],
        children: [
          cmd({
            id: "delete cluster",
            name: "cluster",
            short: "Deletes a cluster",
            long: "Deletes a resource",
            runnable: true,
            noArgs: true,
            flags: [help("cluster"), { name: "name", shorthand: "n", type: "string", defValue: "kind", usage: "the cluster name" }, kubeconfigFlag],
          }),
          cmd({
            id: "delete clusters",
            name: "clusters",
            short: "Deletes one or more clusters",
            long:
              "Deletes one or more Kind clusters from the system.\n\n" +
              'This is an idempotent operation, meaning it may be called multiple times without\nfailing (like "rm -f"). If the cluster resources exist they will be deleted, and\nif the cluster is already gone it will just return success.\n\n' +
              "Errors will only occur if the cluster resources exist and are not able to be deleted.\n",
            runnable: true,
            noArgs: false,
            flags: [help("clusters"), kubeconfigFlag, { name: "all", shorthand: "A", type: "bool", defValue: "false", usage: "delete all clusters" }],
          }),
        ],
      }),
      cmd({
        id: "export",
        name: "export",
        short: "Exports one of [kubeconfig, logs]",
        long: "Exports one of [kubeconfig, logs]",
        runnable: false,
        noArgs: true,
        flags: [help("export")],
        children: [
          // pkg/cmd/kind/export/kubeconfig: writes the context kind create wrote (UNVERIFIED: 0.30 capitalisation of the texts).
          cmd({
            id: "export kubeconfig",
            name: "kubeconfig",
            short: "Exports cluster kubeconfig",
            long: "Exports cluster kubeconfig",
            runnable: true,
            noArgs: true,
            flags: [
              help("kubeconfig"),
              { name: "name", shorthand: "n", type: "string", defValue: "kind", usage: "the cluster context name" },
              kubeconfigFlag,
              { name: "internal", type: "bool", defValue: "false", usage: "use internal address instead of external" },
            ],
          }),
          unsupported("logs", "Exports logs to a tempdir or [output-dir] if specified"),
        ],
      }),
      cmd({
        id: "get",
        name: "get",
        short: "Gets one of [clusters, nodes, kubeconfig]",
        long: "Gets one of [clusters, nodes, kubeconfig]",
        runnable: true,
        noArgs: false,
        flags: [help("get")],
        children: [
          cmd({
            id: "get clusters",
            name: "clusters",
            short: "Lists existing kind clusters by their name",
            long: "Lists existing kind clusters by their name",
            runnable: true,
            noArgs: true,
            flags: [help("clusters")],
          }),
          cmd({
            id: "get nodes",
            name: "nodes",
            short: "Lists existing kind nodes by their name",
            long: "Lists existing kind nodes by their name",
            runnable: true,
            noArgs: true,
            flags: [
              help("nodes"),
              { name: "name", shorthand: "n", type: "string", defValue: "kind", usage: "the cluster context name" },
              {
                name: "all-clusters",
                shorthand: "A",
                type: "bool",
                defValue: "false",
                usage: "If present, list all the available nodes across all cluster contexts. Current context is ignored even if specified with --name.",
              },
            ],
          }),
          cmd({
            id: "get kubeconfig",
            name: "kubeconfig",
            short: "Prints cluster kubeconfig",
            long: "Prints cluster kubeconfig",
            runnable: true,
            noArgs: true,
            flags: [
              help("kubeconfig"),
              { name: "name", shorthand: "n", type: "string", defValue: "kind", usage: "the cluster context name" },
              { name: "internal", type: "bool", defValue: "false", usage: "use internal address instead of external" },
            ],
          }),
        ],
      }),
      cmd({ id: "help", name: "help", short: "Help about any command", runnable: true, noArgs: false, flags: [help("help")] }),
      unsupported("load", "Loads images into nodes"),
      cmd({
        id: "version",
        name: "version",
        short: "Prints the kind CLI version",
        long: "Prints the kind CLI version",
        runnable: true,
        noArgs: true,
        flags: [help("version")],
      }),
    ],
  });
}

export function commandPath(c: KindCommand): string {
  return c.parent ? `${commandPath(c.parent)} ${c.name}` : c.name;
}

/** Local flags plus those inherited from the root. */
export function allFlags(c: KindCommand): FlagSpec[] {
  return c.parent === undefined ? c.flags : [...c.flags, ...GLOBAL_FLAGS];
}

function takesValue(arg: string, flags: readonly FlagSpec[]): boolean {
  // An unknown flag is assumed to take a value, as cobra's stripFlags does.
  if (arg.startsWith("--")) return flags.find((f) => f.name === arg.slice(2))?.type !== "bool";
  return arg.length === 2 && flags.find((f) => f.shorthand === arg[1])?.type !== "bool";
}

/** cobra Command.Find: walks down the tree by the arguments that are not flags. */
export function findCommand(root: KindCommand, args: readonly string[]): { cmd: KindCommand; rest: string[] } {
  let current = root;
  let rest = [...args];
  for (;;) {
    const flags = allFlags(current);
    let at = -1;
    for (let i = 0; i < rest.length; i++) {
      const s = rest[i]!;
      if (s === "--") break;
      if (s.startsWith("-") && !s.includes("=") && (s.startsWith("--") || s.length === 2) && takesValue(s, flags)) {
        i++;
        continue;
      }
      if (s !== "" && !s.startsWith("-")) {
        at = i;
        break;
      }
    }
    const child = at < 0 ? undefined : current.children.find((c) => c.name === rest[at]);
    if (child === undefined) return { cmd: current, rest };
    rest = [...rest.slice(0, at), ...rest.slice(at + 1)];
    current = child;
  }
}

const MIN_NAME_PADDING = 11;

/** cobra's default help: Long (or Short), then the usage template. */
export function helpText(c: KindCommand): string {
  const lines: string[] = [(c.long ?? c.short).replace(/\s+$/, ""), ""];
  const path = commandPath(c);
  // cobra sorts subcommands by name; only the root has the help command.
  const visible = c.children
    .filter((x) => x.id !== "help" || c.parent === undefined)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  lines.push("Usage:");
  if (c.runnable) lines.push(`  ${path} [flags]`);
  if (visible.length > 0) lines.push(`  ${path} [command]`);
  if (visible.length > 0) {
    const pad = Math.max(MIN_NAME_PADDING, ...visible.map((x) => x.name.length));
    lines.push("", "Available Commands:");
    for (const x of visible) lines.push(`  ${x.name.padEnd(pad)} ${x.short}`);
  }
  lines.push("", "Flags:", flagUsages(c.flags));
  if (c.parent !== undefined) lines.push("", "Global Flags:", flagUsages(GLOBAL_FLAGS));
  if (visible.length > 0) lines.push("", `Use "${path} [command] --help" for more information about a command.`);
  return `${lines.join("\n")}\n`;
}

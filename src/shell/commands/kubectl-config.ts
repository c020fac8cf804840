/**
 * `kubectl config`: reading and editing the kubeconfig file (k8s.io/kubectl/pkg/cmd/config). It lives in
 * the shell layer because it writes files; every other kubectl command only reads them.
 */
import type { CommandContext } from "just-bash";
import { tabwrite, GET_TABWRITER } from "../../kubectl/printers/tabwriter.ts";
import { emptyKubeconfig, serializeKubeconfig, type Kubeconfig } from "../../lab/kubeconfig.ts";
import { flagValue, loadKubeconfig, saveKubeconfig } from "./kubeconfig-file.ts";

type Result = { stdout: string; stderr: string; exitCode: number };
const ok = (stdout: string): Result => ({ stdout, stderr: "", exitCode: 0 });
const fail = (stderr: string): Result => ({ stdout: "", stderr: stderr.endsWith("\n") ? stderr : `${stderr}\n`, exitCode: 1 });

const SUBCOMMANDS = ["current-context", "delete-cluster", "delete-context", "delete-user", "get-clusters", "get-contexts", "get-users", "rename-context", "set", "set-cluster", "set-context", "set-credentials", "unset", "use-context", "view"];

export async function kubectlConfig(ctx: CommandContext, args: readonly string[]): Promise<Result> {
  const kc = await loadKubeconfig(ctx, flagValue(args, "kubeconfig"));
  if (kc.error) return fail(kc.error);
  const cfg = kc.config ?? emptyKubeconfig();
  const positional = args.filter((a, i) => !a.startsWith("-") && !(i > 0 && /^--(kubeconfig|namespace|cluster|user|output)$|^-o$|^-n$/.test(args[i - 1]!)));
  const [sub, name] = [positional[0], positional[1]];
  const save = (c: Kubeconfig) => saveKubeconfig(ctx, kc.path, c);
  switch (sub) {
    case "current-context":
      return cfg["current-context"] ? ok(`${cfg["current-context"]}\n`) : fail("error: current-context is not set");
    case "use-context":
    case "use": {
      if (!name) return fail("error: Unexpected args: []\nsee 'kubectl config use-context -h' for help and examples");
      if (!cfg.contexts.some((c) => c.name === name)) return fail(`error: no context exists with the name: "${name}"`);
      await save({ ...cfg, "current-context": name });
      return ok(`Switched to context "${name}".\n`);
    }
    case "get-contexts": {
      const output = flagValue(args, "output") ?? (args.includes("-o") ? args[args.indexOf("-o") + 1] : undefined);
      let list = cfg.contexts;
      if (name) {
        list = list.filter((c) => c.name === name);
        if (list.length === 0) return fail(`error: context ${name} not found`);
      }
      if (output === "name") return ok(list.map((c) => `${c.name}\n`).join(""));
      const rows = ["CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE", ...list.map((c) => `${c.name === cfg["current-context"] ? "*" : ""}\t${c.name}\t${c.context.cluster}\t${c.context.user}\t${c.context.namespace ?? ""}`)];
      return ok(tabwrite(rows.map((r) => `${r}\n`).join(""), GET_TABWRITER));
    }
    case "get-clusters":
      return ok(["NAME", ...cfg.clusters.map((c) => c.name)].map((l) => `${l}\n`).join(""));
    case "get-users":
      return ok(["NAME", ...cfg.users.map((u) => u.name)].map((l) => `${l}\n`).join(""));
    case "set-context": {
      const current = args.includes("--current");
      const target = current ? cfg["current-context"] : name;
      if (current && !target) return fail("error: no current context is set");
      if (!target) return fail("error: you must specify a non-empty context name or --current");
      const existing = cfg.contexts.find((c) => c.name === target);
      const ns = flagValue(args, "namespace") ?? (args.includes("-n") ? args[args.indexOf("-n") + 1] : undefined);
      const context = { ...(existing?.context ?? { cluster: "", user: "" }) };
      const cl = flagValue(args, "cluster");
      const user = flagValue(args, "user");
      if (cl !== undefined) context.cluster = cl;
      if (user !== undefined) context.user = user;
      if (ns !== undefined) {
        if (ns) context.namespace = ns;
        else delete context.namespace;
      }
      const contexts = existing ? cfg.contexts.map((c) => (c.name === target ? { name: target, context } : c)) : [...cfg.contexts, { name: target, context }];
      await save({ ...cfg, contexts });
      return ok(`Context "${target}" ${existing ? "modified" : "created"}.\n`);
    }
    case "delete-context": {
      if (!name) return fail("error: Unexpected args: []\nsee 'kubectl config delete-context -h' for help and examples");
      if (!cfg.contexts.some((c) => c.name === name)) return fail(`error: cannot delete context ${name}, not in ${kc.path}`);
      const warn = cfg["current-context"] === name ? `warning: this removed your active context, use "kubectl config use-context" to select a different one\n` : "";
      await save({ ...cfg, contexts: cfg.contexts.filter((c) => c.name !== name) });
      return { stdout: `deleted context ${name} from ${kc.path}\n`, stderr: warn, exitCode: 0 };
    }
    case "rename-context": {
      const to = positional[2];
      if (!name || !to) return fail("error: Unexpected args: []\nsee 'kubectl config rename-context -h' for help and examples");
      if (!cfg.contexts.some((c) => c.name === name)) return fail(`error: cannot rename the context "${name}", it's not in ${kc.path}`);
      if (cfg.contexts.some((c) => c.name === to)) return fail(`error: cannot rename the context "${name}", the context "${to}" already exists in ${kc.path}`);
      await save({ ...cfg, contexts: cfg.contexts.map((c) => (c.name === name ? { ...c, name: to } : c)), "current-context": cfg["current-context"] === name ? to : cfg["current-context"] });
      return ok(`Context "${name}" renamed to "${to}".\n`);
    }
    case "view": {
      const minify = args.includes("--minify");
      let view = cfg;
      if (minify) {
        const ctxName = cfg["current-context"];
        const c = cfg.contexts.find((x) => x.name === ctxName);
        if (!c) return fail(`error: current-context must exist in order to minify`);
        view = { ...cfg, contexts: [c], clusters: cfg.clusters.filter((x) => x.name === c.context.cluster), users: cfg.users.filter((u) => u.name === c.context.user) };
      }
      return ok(serializeKubeconfig(view));
    }
    case undefined:
      return ok(configHelp());
    default:
      if (SUBCOMMANDS.includes(sub)) return fail(`error: the sandbox does not model "kubectl config ${sub}"; use get-contexts, use-context, set-context, current-context, view, delete-context or rename-context`);
      return fail(`error: unknown command "${sub}" for "kubectl config"`);
  }
}

function configHelp(): string {
  return `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes
place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for
your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When
a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the
last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.

Available Commands:
  current-context   Display the current-context
  delete-context    Delete the specified context from the kubeconfig
  get-clusters      Display clusters defined in the kubeconfig
  get-contexts      Describe one or many contexts
  get-users         Display users defined in the kubeconfig
  rename-context    Rename a context from the kubeconfig file
  set-context       Set a context entry in kubeconfig
  use-context       Set the current-context in a kubeconfig file
  view              Display merged kubeconfig settings or a specified kubeconfig file

Usage:
  kubectl config SUBCOMMAND [options]

Use "kubectl config <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
}

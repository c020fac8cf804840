/**
 * kubectl: parses the command line like cobra does (command, then interspersed flags), runs the command
 * against the cluster's API, and turns every failure into kubectl's own text and exit code.
 */
import type { KubectlEnv, CommandResult } from "./env.ts";
import { Output } from "./env.ts";
import { GLOBAL_FLAGS, type Ctx } from "./context.ts";
import { Flags, FlagParseError, parseFlags, positionalArgs, positionalIndices, type FlagSpec } from "./flags.ts";
import { formatError, KubectlError } from "./errors.ts";
import { get, GET_FLAGS } from "./cmd/get.ts";
import { describe, DESCRIBE_FLAGS } from "./cmd/describe.ts";
import { create, CREATE_FLAGS, createSubcommand } from "./cmd/create.ts";
import { apply, APPLY_FLAGS } from "./cmd/apply.ts";
import { del, DELETE_FLAGS } from "./cmd/delete.ts";
import { patch, PATCH_FLAGS } from "./cmd/patch.ts";
import { labelOrAnnotate, LABEL_FLAGS } from "./cmd/label.ts";
import { apiResources, API_RESOURCES_FLAGS, explain, EXPLAIN_FLAGS, version, VERSION_FLAGS } from "./cmd/info.ts";
import { helpFor, ROOT_HELP } from "./help.ts";
import { runCmd, RUN_FLAGS } from "./cmd/run.ts";
import { scaleCmd, SCALE_FLAGS } from "./cmd/scale.ts";
import { rolloutCmd, ROLLOUT_STATUS_FLAGS } from "./cmd/rollout.ts";
import { logsCmd, LOGS_FLAGS } from "./cmd/logs.ts";
import { execCmd, EXEC_FLAGS } from "./cmd/exec.ts";
import { exposeCmd, EXPOSE_FLAGS } from "./cmd/expose.ts";
import { cordonCmd, CORDON_FLAGS, drainCmd, DRAIN_FLAGS, taintCmd, TAINT_FLAGS, uncordonCmd } from "./cmd/node-ops.ts";
import { goQuote } from "../apiserver/machinery/gofmt.ts";

interface Command {
  flags: FlagSpec[];
  run(ctx: Ctx): void;
}

/** A resolved (sub)command: its path as cobra prints it, its flags, its required flags, and the words of the path. */
export interface ResolvedCommand extends Command {
  path: string;
  pathWords: string[];
  required?: string[];
}

/** @support kubectl verbs the sandbox implements; anything else answers as an unknown command. */
export const COMMANDS: Record<string, Command> = {
  get: { flags: GET_FLAGS, run: get },
  describe: { flags: DESCRIBE_FLAGS, run: describe },
  create: { flags: CREATE_FLAGS, run: create },
  apply: { flags: APPLY_FLAGS, run: apply },
  delete: { flags: DELETE_FLAGS, run: del },
  patch: { flags: PATCH_FLAGS, run: patch },
  label: { flags: LABEL_FLAGS, run: (c) => labelOrAnnotate(c, "labels") },
  annotate: { flags: LABEL_FLAGS, run: (c) => labelOrAnnotate(c, "annotations") },
  "api-resources": { flags: API_RESOURCES_FLAGS, run: apiResources },
  version: { flags: VERSION_FLAGS, run: version },
  explain: { flags: EXPLAIN_FLAGS, run: explain },
  run: { flags: RUN_FLAGS, run: runCmd },
  scale: { flags: SCALE_FLAGS, run: scaleCmd },
  rollout: { flags: ROLLOUT_STATUS_FLAGS, run: rolloutCmd },
  logs: { flags: LOGS_FLAGS, run: logsCmd },
  exec: { flags: EXEC_FLAGS, run: execCmd },
  taint: { flags: TAINT_FLAGS, run: taintCmd },
  cordon: { flags: CORDON_FLAGS, run: cordonCmd },
  uncordon: { flags: CORDON_FLAGS, run: uncordonCmd },
  drain: { flags: DRAIN_FLAGS, run: drainCmd },
  expose: { flags: EXPOSE_FLAGS, run: exposeCmd },
};

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Every command of kubectl 1.34's root, in the order NewKubectlCommand adds them (cobra suggests in
 * that order), with their SuggestFor words. "help" is not suggested (IsAvailableCommand).
 */
const ALL_COMMANDS: [string, string[]][] = [
  ["create", []],
  ["expose", []],
  ["run", []],
  ["set", []],
  ["explain", []],
  ["get", ["list", "ps"]],
  ["edit", []],
  ["delete", ["rm"]],
  ["rollout", []],
  ["scale", []],
  ["autoscale", []],
  ["certificate", []],
  ["cluster-info", []],
  ["top", []],
  ["cordon", []],
  ["uncordon", []],
  ["drain", []],
  ["taint", []],
  ["describe", ["inspect"]],
  ["logs", []],
  ["attach", []],
  ["exec", []],
  ["port-forward", []],
  ["proxy", []],
  ["cp", []],
  ["auth", []],
  ["debug", []],
  ["events", []],
  ["diff", []],
  ["apply", []],
  ["patch", []],
  ["replace", []],
  ["wait", []],
  ["kustomize", []],
  ["label", []],
  ["annotate", []],
  ["completion", []],
  ["config", []],
  ["plugin", []],
  ["version", []],
  ["api-versions", []],
  ["api-resources", []],
  ["options", []],
];

/** cobra's SuggestionsFor: Levenshtein distance ≤ 2 (case-insensitive), a prefix, or a SuggestFor word. */
function suggestionsFor(typed: string): string[] {
  const out: string[] = [];
  for (const [name, suggestFor] of ALL_COMMANDS) {
    if (levenshtein(typed.toLowerCase(), name.toLowerCase()) <= 2 || name.toLowerCase().startsWith(typed.toLowerCase())) out.push(name);
    for (const w of suggestFor) if (w.toLowerCase() === typed.toLowerCase()) out.push(name);
  }
  return out;
}

/** Commands real kubectl has that the sandbox does not simulate yet. */
const NOT_SIMULATED = new Set(["edit", "replace", "autoscale", "cluster-info", "top", "attach", "port-forward", "proxy", "cp", "auth", "debug", "events", "diff", "kustomize", "wait", "set", "config", "plugin", "certificate", "completion", "alpha", "options"]);

export function runKubectl(argv: readonly string[], env: KubectlEnv): CommandResult {
  const out = new Output();
  // cobra's Find on the root: the first argument that is neither a flag nor a flag's value
  // (`kubectl -n kube-system get svc` runs get).
  const at = positionalIndices(argv, GLOBAL_FLAGS)[0] ?? -1;
  const name = at >= 0 ? argv[at]! : "";
  const rest = at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 1)] : [...argv];
  if (!name) {
    // The root command: its own flags, then its help.
    try {
      parseFlags(rest, GLOBAL_FLAGS);
    } catch (e) {
      if (e instanceof FlagParseError) return out.fail(`error: ${e.message}\nSee 'kubectl --help' for usage.`);
      throw e;
    }
    out.out(ROOT_HELP);
    return out.result();
  }
  if (name === "help") {
    // cobra's help command: `kubectl help get` prints get's help.
    const topic = positionalArgs(rest, GLOBAL_FLAGS)[0];
    out.out(topic && COMMANDS[topic] ? helpFor(topic) : ROOT_HELP);
    return out.result();
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    if (NOT_SIMULATED.has(name)) {
      return out.fail(`error: the sandbox does not simulate "kubectl ${name}" yet`);
    }
    const suggestions = suggestionsFor(name);
    // cobra: fmt.Errorf("unknown command %q for %q%s", ...).
    let msg = `error: unknown command ${goQuote(name)} for "kubectl"`;
    if (suggestions.length) msg += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join("\n")}\n`;
    return out.fail(msg);
  }
  // cobra's Find: a subcommand is the first positional argument that names one (create service clusterip).
  const resolved: ResolvedCommand =
    name === "create" ? createSubcommand(positionalArgs(rest, [...GLOBAL_FLAGS, ...cmd.flags])) ?? { ...cmd, path: "create", pathWords: [] } : { ...cmd, path: name, pathWords: [] };
  // The words of the subcommand path are the first positional arguments; the rest are the command's.
  const pathAt = new Set(positionalIndices(rest, [...GLOBAL_FLAGS, ...cmd.flags]).slice(0, resolved.pathWords.length));
  const args = rest.filter((_, i) => !pathAt.has(i));
  let flags: Flags;
  try {
    flags = new Flags(parseFlags(args, [...GLOBAL_FLAGS, ...resolved.flags]));
  } catch (e) {
    // templates.FlagErrorFunc.
    if (e instanceof FlagParseError) return out.fail(`error: ${e.message}\nSee 'kubectl ${resolved.path} --help' for usage.`);
    throw e;
  }
  if (flags.bool("help")) {
    out.out(helpFor(resolved.path));
    return out.result();
  }
  // cobra's ValidateRequiredFlags, after parsing and outside FlagErrorFunc.
  const missing = (resolved.required ?? []).filter((f) => !flags.has(f));
  if (missing.length) return out.fail(`error: required flag(s) ${missing.map((f) => `"${f}"`).join(", ")} not set`);
  const ctx: Ctx = {
    env,
    out,
    flags,
    namespace: flags.str("namespace") || env.namespace,
    explicitNamespace: flags.has("namespace"),
    client: () => env.client(),
  };
  try {
    resolved.run(ctx);
  } catch (e) {
    out.err(formatError(e));
    out.exitCode = e instanceof KubectlError ? e.exitCode : 1;
  }
  return out.result();
}

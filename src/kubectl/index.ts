/**
 * kubectl: parses the command line like cobra does (command, then interspersed flags), runs the command
 * against the cluster's API, and turns every failure into kubectl's own text and exit code.
 */
import type { KubectlEnv, CommandResult } from "./env.ts";
import { Output } from "./env.ts";
import { GLOBAL_FLAGS, type Ctx } from "./context.ts";
import { Flags, FlagParseError, parseFlags, type FlagSpec } from "./flags.ts";
import { formatError, KubectlError } from "./errors.ts";
import { get, GET_FLAGS } from "./cmd/get.ts";
import { describe, DESCRIBE_FLAGS } from "./cmd/describe.ts";
import { create, CREATE_FLAGS } from "./cmd/create.ts";
import { apply, APPLY_FLAGS } from "./cmd/apply.ts";
import { del, DELETE_FLAGS } from "./cmd/delete.ts";
import { patch, PATCH_FLAGS } from "./cmd/patch.ts";
import { labelOrAnnotate, LABEL_FLAGS } from "./cmd/label.ts";
import { apiResources, API_RESOURCES_FLAGS, explain, EXPLAIN_FLAGS, version, VERSION_FLAGS } from "./cmd/info.ts";
import { helpFor, ROOT_HELP } from "./help.ts";

interface Command {
  flags: FlagSpec[];
  run(ctx: Ctx): void;
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

/** Commands real kubectl has that the sandbox does not simulate yet. */
const NOT_SIMULATED = new Set(["edit", "replace", "rollout", "scale", "autoscale", "cluster-info", "top", "cordon", "uncordon", "drain", "taint", "logs", "attach", "exec", "port-forward", "proxy", "cp", "auth", "debug", "events", "diff", "kustomize", "wait", "set", "config", "plugin", "certificate", "run", "expose", "completion", "alpha", "options"]);

export function runKubectl(argv: readonly string[], env: KubectlEnv): CommandResult {
  const out = new Output();
  const first = argv.findIndex((a) => !a.startsWith("-"));
  const name = first >= 0 ? argv[first]! : "";
  const rest = first >= 0 ? [...argv.slice(0, first), ...argv.slice(first + 1)] : [...argv];
  if (!name) {
    if (rest.includes("--help") || rest.includes("-h") || rest.length === 0) {
      out.out(ROOT_HELP);
      return out.result();
    }
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    if (NOT_SIMULATED.has(name)) {
      return out.fail(`error: the sandbox does not simulate "kubectl ${name}" yet`);
    }
    const suggestions = Object.keys(COMMANDS).filter((c) => levenshtein(c, name) <= 2 || c.startsWith(name));
    let msg = `error: unknown command "${name}" for "kubectl"`;
    if (suggestions.length) msg += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join("\n")}\n`;
    return out.fail(msg);
  }
  let flags: Flags;
  try {
    flags = new Flags(parseFlags(rest, [...GLOBAL_FLAGS, ...cmd.flags]));
  } catch (e) {
    if (e instanceof FlagParseError) return out.fail(`error: ${e.message}\nSee 'kubectl ${name} --help' for usage.`);
    throw e;
  }
  if (flags.bool("help")) {
    out.out(helpFor(name));
    return out.result();
  }
  const ctx: Ctx = {
    env,
    out,
    flags,
    namespace: flags.str("namespace") || env.namespace,
    explicitNamespace: flags.has("namespace"),
    client: () => env.client(),
  };
  try {
    cmd.run(ctx);
  } catch (e) {
    out.err(formatError(e));
    out.exitCode = e instanceof KubectlError ? e.exitCode : 1;
  }
  return out.result();
}

/**
 * One `az` invocation: find the command in the tree, parse its arguments, ask for confirmation, run it
 * against the cloud, apply --query and print with -o. Errors print as az prints them (azure-cli-core
 * azclierror.py print_error): the message, any recommendation lines, then the examples from the
 * command's help and the reference link; parser errors exit 2.
 */
import { formatAzError, exitCodeOf } from "../errors.ts";
import { parseArgs, type ParseOutcome } from "./argparse.ts";
import type { AzCommand, AzGroup, AzHost } from "./command.ts";
import { closeMatches } from "./difflib.ts";
import { commandHelp, groupHelp, welcome } from "./help.ts";
import { formatOutput, TableUnavailableError, type OutputFormat } from "./output.ts";
import { runQuery } from "./query.ts";
import { COMMANDS, GROUPS } from "./registry.ts";

export interface AzRunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const CLI_REFERENCE = "https://aka.ms/cli_ref\nRead more about the command in reference docs\n";

/** The example block az adds after an argument error: the three examples sharing most arguments with the input. */
function examplesBlock(cmd: AzCommand | undefined, tokens: readonly string[]): string {
  if (!cmd || cmd.examples.length === 0) return "\n" + CLI_REFERENCE;
  const given = new Set(tokens.filter((t) => t.startsWith("-")).map((t) => normalizeOption(cmd, t.split("=")[0]!)));
  const scored = cmd.examples.map((e, i) => {
    const opts = e.command.split(" ").filter((t) => t.startsWith("-")).map((t) => normalizeOption(cmd, t));
    return { e, i, matches: opts.filter((o) => given.has(o)).length, count: opts.length };
  });
  // command_recommender.py sort_recommendations: most matched arguments, then fewest arguments (stable).
  scored.sort((a, b) => b.matches - a.matches || a.count - b.count || a.i - b.i);
  const shown = scored.slice(0, 3).map(({ e }) => `${e.command}\n${e.summary}\n\n`);
  return `\nExamples from command's help:\n${shown.join("")}${CLI_REFERENCE}`;
}

function normalizeOption(cmd: AzCommand, option: string): string {
  const spec = cmd.args.find((a) => a.options.includes(option));
  return spec ? [...spec.options].sort((a, b) => b.length - a.length)[0]! : option;
}

function parseError(outcome: Extract<ParseOutcome, { kind: "error" }>, cmd: AzCommand | undefined, tokens: readonly string[]): AzRunResult {
  const recs = outcome.recommendations.map((r) => `${r}\n`).join("");
  const tail = outcome.examples ? examplesBlock(cmd, tokens) : outcome.recommendations.length ? "" : "\n" + CLI_REFERENCE;
  return { stdout: "", stderr: `${outcome.message}\n${recs}${tail}`, exitCode: 2 };
}

interface Located {
  command?: AzCommand;
  group?: AzGroup;
  rest: string[];
  error?: AzRunResult;
}

function locate(argv: readonly string[]): Located {
  const path: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const token = argv[i]!;
    if (token.startsWith("-")) break;
    const name = [...path, token].join(" ");
    const command = COMMANDS.find((c) => c.name === name);
    if (command) return { command, rest: argv.slice(i + 1) };
    if (GROUPS.some((g) => g.name === name)) {
      path.push(token);
      continue;
    }
    const prefix = path.join(" ");
    const children = [
      ...GROUPS.filter((g) => g.name.startsWith(prefix) && g.name.split(" ").length === path.length + 1 && g.name !== ""),
      ...COMMANDS.filter((c) => c.name.startsWith(prefix) && c.name.split(" ").length === path.length + 1),
    ].map((x) => x.name.split(" ").pop()!);
    const candidates = closeMatches(token, children, 0.7);
    const lines = [`'${token}' is misspelled or not recognized by the system.`];
    if (candidates.length) lines.push(`Did you mean '${candidates[0]}' ?`);
    return { rest: [], error: { stdout: "", stderr: `${lines.join("\n")}\n\n${CLI_REFERENCE}`, exitCode: 2 } };
  }
  return { group: GROUPS.find((g) => g.name === path.join(" "))!, rest: argv.slice(i) };
}

function showGroup(group: AzGroup): AzRunResult {
  const depth = group.name === "" ? 1 : group.name.split(" ").length + 1;
  const under = (n: string) => (group.name === "" ? true : n.startsWith(`${group.name} `)) && n.split(" ").length === depth;
  const subgroups = GROUPS.filter((g) => g.name !== "" && under(g.name));
  const commands = COMMANDS.filter((c) => under(c.name));
  return { stdout: groupHelp(group, subgroups, commands), stderr: "", exitCode: 0 };
}

export async function runAz(argv: readonly string[], host: AzHost): Promise<AzRunResult> {
  if (argv.length === 0) {
    const top = [...GROUPS.filter((g) => g.name !== "" && !g.name.includes(" ")), ...COMMANDS.filter((c) => !c.name.includes(" "))];
    return { stdout: welcome(top), stderr: "", exitCode: 0 };
  }
  const found = locate(argv);
  if (found.error) return found.error;
  if (!found.command) return showGroup(found.group!);
  const cmd = found.command;
  const parsed = parseArgs(`az ${cmd.name}`, found.rest, cmd.args);
  if (parsed.kind === "help") return { stdout: commandHelp(cmd), stderr: "", exitCode: 0 };
  if (parsed.kind === "error") return parseError(parsed, parsed.examples ? cmd : undefined, found.rest);
  const values = parsed.values;
  const quiet = values._only_show_errors === true;
  let stderr = "";
  let stdout = "";
  if (!quiet) for (const o of parsed.ignored) stderr += `The sandbox accepts ${o} but does not simulate what it changes.\n`;
  if (cmd.confirmation && values.yes !== true) {
    stdout += "Are you sure you want to perform this operation? (y/n): ";
    const answer = host.stdin.trim().toLowerCase();
    if (answer !== "y" && answer !== "yes") return { stdout, stderr: stderr + "Operation cancelled.\n", exitCode: 1 };
  }
  const outcome = await cmd.run(values, host);
  if (!quiet) for (const w of outcome.warnings ?? []) stderr += `${w}\n`;
  if (outcome.stdout) stdout += outcome.stdout;
  if (outcome.error) return { stdout, stderr: stderr + formatAzError(outcome.error), exitCode: exitCodeOf(outcome.error) };
  let result = outcome.result;
  let ordered: ((o: object) => boolean) | undefined;
  const query = typeof values._query === "string" ? values._query : undefined;
  if (query !== undefined && result !== undefined && result !== null) {
    const q = runQuery(result, query);
    if (!q.ok) {
      const msg = `Invalid jmespath query supplied for \`--query\`: ${q.error}\nTo learn more about --query, please visit: 'https://learn.microsoft.com/cli/azure/query-azure-cli'\n`;
      return { stdout, stderr: stderr + msg, exitCode: 1 };
    }
    result = q.value;
    ordered = q.ordered;
  }
  const format = (typeof values._output === "string" ? values._output : "json") as OutputFormat;
  try {
    stdout += formatOutput(result, format, {
      ...(ordered ? { ordered } : {}),
      queryActive: query !== undefined,
      ...(cmd.tableTransformer ? { tableTransformer: cmd.tableTransformer } : {}),
    });
  } catch (e) {
    if (e instanceof TableUnavailableError) return { stdout, stderr: stderr + e.message + "\n", exitCode: 1 };
    throw e;
  }
  return { stdout, stderr, exitCode: 0 };
}


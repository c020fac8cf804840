/**
 * Argument parsing as az does it: knack builds one Python argparse parser per command, so option
 * strings join with "/" in messages, long options may be abbreviated to any unique prefix, values are
 * checked as they are consumed (type, then choices), required arguments are checked once the command's
 * arguments are read, and anything left over is "unrecognized" at the top-level parser (so its error
 * carries no examples). Messages are argparse's (CPython Lib/argparse.py) and az's overrides
 * (azure-cli-core azure/cli/core/parser.py AzCliCommandParser._check_value).
 */
import { OUTPUT_FORMATS } from "./output.ts";
import { closeMatches } from "./difflib.ts";
import { checkQuery } from "./query.ts";

export type ArgKind = "string" | "int" | "flag" | "list";

export interface ArgSpec {
  /** Key in the parsed values ("resource_group_name"). */
  dest: string;
  /** Option strings in az's order ("--resource-group", "-g"): messages join them with "/". */
  options: string[];
  kind?: ArgKind;
  required?: boolean;
  /** az enum arguments: matched without regard to case, stored as the choice's spelling. */
  choices?: readonly string[];
  help: string;
  /** What the help prints as "Default: ..." (argparse's default as az shows it). */
  defaultText?: string;
  /** Help group: "Network" prints under "Network Arguments"; ungrouped ones come first. */
  group?: string;
  /** Accepted because real scripts pass it, but the sandbox does not model its effect. */
  ignored?: boolean;
}

export type ArgValue = string | number | boolean | string[];
export type ParsedArgs = Record<string, ArgValue | undefined>;

export type ParseOutcome =
  | { kind: "ok"; values: ParsedArgs; ignored: string[] }
  | { kind: "help" }
  | { kind: "error"; message: string; recommendations: string[]; examples: boolean };

export const GLOBAL_ARGS: ArgSpec[] = [
  { dest: "_debug", options: ["--debug"], kind: "flag", help: "Increase logging verbosity to show all debug logs.", group: "Global" },
  { dest: "_help", options: ["--help", "-h"], kind: "flag", help: "Show this help message and exit.", group: "Global" },
  { dest: "_only_show_errors", options: ["--only-show-errors"], kind: "flag", help: "Only show errors, suppressing warnings.", group: "Global" },
  { dest: "_output", options: ["--output", "-o"], choices: OUTPUT_FORMATS, help: "Output format.", defaultText: "json", group: "Global" },
  { dest: "_query", options: ["--query"], help: "JMESPath query string. See http://jmespath.org/ for more information and examples.", group: "Global" },
  {
    dest: "_subscription",
    options: ["--subscription"],
    help: "Name or ID of subscription. You can configure the default subscription using `az account set -s NAME_OR_ID`.",
    group: "Global",
  },
  { dest: "_verbose", options: ["--verbose"], kind: "flag", help: "Increase logging verbosity. Use --debug for full debug logs.", group: "Global" },
];

const QUERY_REFERENCE = "To learn more about --query, please visit: 'https://learn.microsoft.com/cli/azure/query-azure-cli'";

/** Python repr() of a str: single quotes unless the text holds one and no double quote. */
export function pyRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, "\\\\").replace(new RegExp(q, "g"), `\\${q}`).replace(/\n/g, "\\n").replace(/\t/g, "\\t");
  return `${q}${body}${q}`;
}

const actionName = (a: ArgSpec) => a.options.join("/");

// argparse treats "-5" as a value when no option looks like a negative number, and anything with a space as a value.
const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;
function looksLikeOption(token: string): boolean {
  return token.startsWith("-") && token !== "-" && !NEGATIVE_NUMBER.test(token) && !token.includes(" ");
}

interface Resolved {
  spec: ArgSpec;
  explicit?: string;
}

type Resolution = Resolved | { ambiguous: string[]; option: string } | null;

function resolveOption(token: string, specs: ArgSpec[]): Resolution {
  const byString = new Map<string, ArgSpec>();
  for (const s of specs) for (const o of s.options) byString.set(o, s);
  const exact = byString.get(token);
  if (exact) return { spec: exact };
  const eq = token.indexOf("=");
  if (eq > 0) {
    const head = token.slice(0, eq);
    const spec = byString.get(head);
    if (spec) return { spec, explicit: token.slice(eq + 1) };
  }
  if (token.startsWith("--")) {
    const head = eq > 0 ? token.slice(0, eq) : token;
    const matches = [...byString.keys()].filter((o) => o.startsWith("--") && o.startsWith(head));
    if (matches.length === 1) {
      const spec = byString.get(matches[0]!)!;
      return eq > 0 ? { spec, explicit: token.slice(eq + 1) } : { spec };
    }
    if (matches.length > 1) return { ambiguous: matches, option: head };
    return null;
  }
  // "-otsv": a short option with its value attached.
  if (token.length > 2) {
    const spec = byString.get(token.slice(0, 2));
    if (spec && spec.kind !== "flag") return { spec, explicit: token.slice(2) };
  }
  return null;
}

function convert(spec: ArgSpec, raw: string, prog: string): { value: ArgValue } | { error: ParseOutcome } {
  if (spec.kind === "int") {
    if (!/^\s*[-+]?\d+\s*$/.test(raw)) return { error: usage(`argument ${actionName(spec)}: invalid int value: ${pyRepr(raw)}`) };
    return { value: Number.parseInt(raw, 10) };
  }
  if (spec.dest === "_query") {
    if (checkQuery(raw) !== null) {
      return { error: { kind: "error", message: `argument --query: invalid jmespath_type value: ${pyRepr(raw)}`, recommendations: [QUERY_REFERENCE], examples: false } };
    }
    return { value: raw };
  }
  if (spec.choices) {
    const hit = spec.choices.find((c) => c.toLowerCase() === raw.toLowerCase());
    if (hit === undefined) {
      const outcome = usage(`${prog}: ${pyRepr(raw)} is not a valid value for ${pyRepr(spec.options[0]!)}. Allowed values: ${spec.choices.join(", ")}.`);
      const candidates = closeMatches(raw, spec.choices, 0.7);
      if (candidates.length && outcome.kind === "error") outcome.recommendations.push(`Did you mean '${candidates[0]}' ?`);
      return { error: outcome };
    }
    return { value: hit };
  }
  return { value: raw };
}

const usage = (message: string): ParseOutcome => ({ kind: "error", message, recommendations: [], examples: true });

/** Parses one command's arguments (the tokens after the command words). */
export function parseArgs(prog: string, tokens: readonly string[], commandArgs: ArgSpec[]): ParseOutcome {
  const specs = [...commandArgs, ...GLOBAL_ARGS];
  const values: ParsedArgs = {};
  const extras: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === "--") {
      extras.push(...tokens.slice(i + 1));
      break;
    }
    if (!looksLikeOption(token)) {
      extras.push(token);
      continue;
    }
    const r = resolveOption(token, specs);
    if (r === null) {
      extras.push(token);
      continue;
    }
    if ("ambiguous" in r) return usage(`ambiguous option: ${r.option} could match ${r.ambiguous.join(", ")}`);
    const { spec, explicit } = r;
    if (spec.dest === "_help") return { kind: "help" };
    seen.add(spec.dest);
    if (spec.kind === "flag") {
      if (explicit !== undefined) return usage(`argument ${actionName(spec)}: ignored explicit argument ${pyRepr(explicit)}`);
      values[spec.dest] = true;
      continue;
    }
    if (spec.kind === "list") {
      const items: string[] = explicit !== undefined ? [explicit] : [];
      while (explicit === undefined && i + 1 < tokens.length && !looksLikeOption(tokens[i + 1]!)) items.push(tokens[++i]!);
      if (items.length === 0) return usage(`argument ${actionName(spec)}: expected at least one argument`);
      values[spec.dest] = items;
      continue;
    }
    let raw = explicit;
    if (raw === undefined) {
      const next = tokens[i + 1];
      if (next === undefined || looksLikeOption(next)) {
        const outcome = usage(`argument ${actionName(spec)}: expected one argument`);
        if (spec.dest === "_query" && outcome.kind === "error") return { ...outcome, recommendations: [QUERY_REFERENCE], examples: false };
        return outcome;
      }
      raw = next;
      i++;
    }
    const converted = convert(spec, raw, prog);
    if ("error" in converted) return converted.error;
    values[spec.dest] = converted.value;
  }
  const missing = commandArgs.filter((a) => a.required && !seen.has(a.dest));
  if (missing.length) return usage(`the following arguments are required: ${missing.map(actionName).join(", ")}`);
  if (extras.length) return { kind: "error", message: `unrecognized arguments: ${extras.join(" ")}`, recommendations: [], examples: false };
  const ignored = commandArgs.filter((a) => a.ignored && seen.has(a.dest)).map((a) => a.options[0]!);
  return { kind: "ok", values, ignored };
}

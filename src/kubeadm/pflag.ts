// A pflag-compatible command-line parser and usage formatter, enough for kubeadm's flag sets.
// Mirrors github.com/spf13/pflag flag.go (parseArgs, parseLongArg, parseSingleShortArg,
// FlagUsagesWrapped) and the error wording cobra passes through unchanged.

import { goQuote } from "./errors.ts";
import { parseGoBool, parseGoDuration, parseGoInt } from "./go-text.ts";

export type FlagType = "string" | "int32" | "bool" | "strings" | "duration" | "Level" | "moduleSpec";

export interface FlagSpec {
  name: string;
  shorthand?: string;
  type: FlagType;
  usage: string;
  /** pflag DefValue as printed in usage, e.g. "6443", "10.96.0.0/12", "24h0m0s". */
  defValue: string;
}

export interface ParsedFlags {
  /** Final value per flag that was set on the command line (strings flags are comma-joined lists). */
  values: Map<string, string>;
  lists: Map<string, string[]>;
  /** Names in the order they were first set. */
  changed: string[];
  args: string[];
}

/** pflag's csv reading of a stringSlice value (quotes honoured, like encoding/csv). */
function readAsCSV(value: string): string[] {
  if (value === "") return [];
  const out: string[] = [];
  let cur = "";
  let inQuotes = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (inQuotes) {
      if (c === '"') {
        if (value[i + 1] === '"') {
          cur += '"';
          i++;
        } else inQuotes = false;
      } else cur += c;
    } else if (c === '"' && cur === "") inQuotes = true;
    else if (c === ",") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function checkValue(spec: FlagSpec, value: string): string | null {
  switch (spec.type) {
    case "int32": {
      const r = parseGoInt(value, 32);
      return r.ok ? null : r.error;
    }
    case "Level": {
      // klog Level.Set: strconv.ParseInt(value, 10, 32)
      if (!/^[+-]?[0-9]+$/.test(value)) return `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`;
      const r = parseGoInt(value.replace(/^([+-]?)0+(?=\d)/, "$1"), 32);
      return r.ok ? null : r.error;
    }
    case "bool": {
      const r = parseGoBool(value);
      return r.ok ? null : r.error;
    }
    case "duration": {
      const r = parseGoDuration(value);
      return r.ok ? null : r.error;
    }
    default:
      return null;
  }
}

function flagDisplayName(spec: FlagSpec): string {
  return spec.shorthand !== undefined ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
}

/** Parses argv the way pflag does for a cobra command; the first error wins. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedFlags | { error: string } {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.shorthand !== undefined).map((s) => [s.shorthand as string, s]));
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const changed: string[] = [];
  const args: string[] = [];

  const set = (spec: FlagSpec, value: string): string | null => {
    const bad = checkValue(spec, value);
    if (bad !== null) return `invalid argument ${goQuote(value)} for ${goQuote(flagDisplayName(spec))} flag: ${bad}`;
    if (spec.type === "strings") {
      const prev = changed.includes(spec.name) ? (lists.get(spec.name) ?? []) : [];
      const next = [...prev, ...readAsCSV(value)];
      lists.set(spec.name, next);
      values.set(spec.name, next.join(","));
    } else {
      values.set(spec.name, value);
    }
    if (!changed.includes(spec.name)) changed.push(spec.name);
    return null;
  };

  const rest = [...argv];
  while (rest.length > 0) {
    const s = rest.shift() as string;
    if (s.length === 0 || s[0] !== "-" || s.length === 1) {
      args.push(s);
      continue;
    }
    if (s[1] === "-") {
      if (s.length === 2) {
        args.push(...rest);
        break;
      }
      const body = s.slice(2);
      if (body[0] === "-" || body[0] === "=") return { error: `bad flag syntax: ${s}` };
      const eq = body.indexOf("=");
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const spec = byName.get(name);
      if (spec === undefined) return { error: `unknown flag: --${name}` };
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (spec.type === "bool") value = "true";
      else if (rest.length > 0) value = rest.shift() as string;
      else return { error: `flag needs an argument: ${s}` };
      const err = set(spec, value);
      if (err !== null) return { error: err };
      continue;
    }
    // One or more shorthands: -abc, -v5, -v=5, -v 5
    let shorts = s.slice(1);
    while (shorts.length > 0) {
      const c = shorts[0] as string;
      const spec = byShort.get(c);
      if (spec === undefined) return { error: `unknown shorthand flag: '${c}' in -${shorts}` };
      let value: string;
      let next = shorts.slice(1);
      if (shorts.length > 2 && shorts[1] === "=") {
        value = shorts.slice(2);
        next = "";
      } else if (spec.type === "bool") {
        value = "true";
      } else if (shorts.length > 1) {
        value = shorts.slice(1);
        next = "";
      } else if (rest.length > 0) {
        value = rest.shift() as string;
      } else {
        return { error: `flag needs an argument: '${c}' in -${shorts}` };
      }
      const err = set(spec, value);
      if (err !== null) return { error: err };
      shorts = next;
    }
  }
  return { values, lists, changed, args };
}

function varname(type: FlagType): string {
  return type === "bool" ? "" : type;
}

function isZeroDefault(spec: FlagSpec): boolean {
  if (spec.type === "bool") return spec.defValue === "false" || spec.defValue === "";
  if (spec.type === "strings") return spec.defValue === "[]" || spec.defValue === "";
  if (spec.type === "duration") return spec.defValue === "0s" || spec.defValue === "";
  return spec.defValue === "" || spec.defValue === "0";
}

/** pflag FlagSet.FlagUsagesWrapped(0), with flags sorted by name and trailing whitespace trimmed. */
export function flagUsages(specs: readonly FlagSpec[]): string {
  const sorted = [...specs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines: { head: string; usage: string }[] = [];
  let maxlen = 0;
  for (const spec of sorted) {
    let head = spec.shorthand !== undefined ? `  -${spec.shorthand}, --${spec.name}` : `      --${spec.name}`;
    const v = varname(spec.type);
    if (v !== "") head += ` ${v}`;
    maxlen = Math.max(maxlen, head.length + 1);
    let usage = spec.usage;
    if (!isZeroDefault(spec)) {
      usage += spec.type === "string" ? ` (default ${goQuote(spec.defValue)})` : ` (default ${spec.defValue})`;
    }
    lines.push({ head, usage });
  }
  const out: string[] = [];
  for (const { head, usage } of lines) {
    const spacing = " ".repeat(maxlen - head.length);
    const wrapped = usage.replace(/\n/g, `\n${" ".repeat(maxlen + 2)}`);
    out.push(`${head} ${spacing} ${wrapped}`);
  }
  return out.join("\n").replace(/\s+$/, "");
}

/**
 * A pflag-compatible parser: kubectl's flags may come anywhere among the arguments, long ones as
 * `--name=value` or `--name value`, short ones as `-n value`, `-nvalue` or combined booleans (`-Ao wide`),
 * and `--` ends them. Errors carry pflag's exact words, which kubectl prints after `error: `.
 */
import { goQuote } from "../apiserver/machinery/gofmt.ts";

export type FlagType = "bool" | "string" | "int" | "stringArray" | "stringSlice" | "duration";

export interface FlagSpec {
  name: string;
  shorthand?: string;
  type: FlagType;
  default?: string | boolean | number | string[];
  /** For a bool flag given without a value, or a string flag given as `--name` with NoOptDefVal. */
  noOptDefault?: string;
  /** Marks flags the sandbox accepts but ignores (kept so that scripts from the docs run). */
  ignored?: boolean;
}

export class FlagParseError extends Error {}

export interface ParsedFlags {
  positional: string[];
  values: Map<string, string | boolean | number | string[]>;
  /** Flags the user actually gave. */
  changed: Set<string>;
  /** cobra's ArgsLenAtDash: how many positional arguments came before `--`, or -1 without one. */
  argsLenAtDash?: number;
}

/**
 * pflag's FlagSet.set: `invalid argument %q for %q flag: %v`, naming the flag `-n, --namespace` when it
 * has a shorthand, however it was given.
 */
function invalid(spec: FlagSpec, raw: string, why: string): FlagParseError {
  const shown = spec.shorthand ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
  return new FlagParseError(`invalid argument ${goQuote(raw)} for ${goQuote(shown)} flag: ${why}`);
}

/** strconv.ParseInt(s, 0, 64): optional sign, then decimal, 0x/0o/0b or a leading-0 octal, underscores between digits. */
function parseGoInt(raw: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]*|[1-9][0-9_]*)$/.exec(raw);
  if (!m || /__|_$|^[+-]?_/.test(m[2]!)) return undefined;
  let body = m[2]!.replace(/_/g, "");
  let base = 10;
  if (/^0[xX]/.test(body)) (base = 16), (body = body.slice(2));
  else if (/^0[bB]/.test(body)) (base = 2), (body = body.slice(2));
  else if (/^0[oO]/.test(body)) (base = 8), (body = body.slice(2));
  else if (body.length > 1 && body.startsWith("0")) (base = 8), (body = body.slice(1));
  if (!body) return base === 8 ? 0 : undefined;
  const n = parseInt(body, base);
  return m[1] === "-" ? -n : n;
}

function convert(spec: FlagSpec, raw: string): string | boolean | number {
  switch (spec.type) {
    case "bool": {
      // strconv.ParseBool accepts exactly these spellings.
      if (["1", "t", "T", "TRUE", "true", "True"].includes(raw)) return true;
      if (["0", "f", "F", "FALSE", "false", "False"].includes(raw)) return false;
      throw invalid(spec, raw, `strconv.ParseBool: parsing ${goQuote(raw)}: invalid syntax`);
    }
    case "int": {
      const n = parseGoInt(raw);
      if (n === undefined) throw invalid(spec, raw, `strconv.ParseInt: parsing ${goQuote(raw)}: invalid syntax`);
      if (Math.abs(n) > 2 ** 63) throw invalid(spec, raw, `strconv.ParseInt: parsing ${goQuote(raw)}: value out of range`);
      return n;
    }
    case "duration":
      if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(raw) && !/^[+-]?0$/.test(raw)) throw invalid(spec, raw, `time: missing unit in duration ${goQuote(raw)}`);
      if (!/^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[+-]?0$/.test(raw)) throw invalid(spec, raw, `time: invalid duration ${goQuote(raw)}`);
      return raw;
    default:
      return raw;
  }
}

/** Go duration text ("30s", "1m30s", "0") in milliseconds. */
export function durationMs(text: string): number {
  if (text === "0") return 0;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * units[m[2]!]!;
  return total;
}

export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.shorthand).map((s) => [s.shorthand!, s]));
  const values = new Map<string, string | boolean | number | string[]>();
  const changed = new Set<string>();
  const positional: string[] = [];
  let argsLenAtDash = -1;
  for (const s of specs) if (s.default !== undefined) values.set(s.name, s.default);

  const set = (spec: FlagSpec, raw: string, _shown: string) => {
    const v = convert(spec, raw);
    if (spec.type === "stringArray" || spec.type === "stringSlice") {
      const prev = changed.has(spec.name) ? (values.get(spec.name) as string[]) : [];
      const add = spec.type === "stringSlice" ? raw.split(",") : [raw];
      values.set(spec.name, [...prev, ...add]);
    } else {
      values.set(spec.name, v);
    }
    changed.add(spec.name);
  };

  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      argsLenAtDash = positional.length;
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new FlagParseError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, a.slice(eq + 1), `--${name}`);
      else if (spec.type === "bool") set(spec, "true", `--${name}`);
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault, `--${name}`);
      else if (i + 1 < args.length) set(spec, args[++i]!, `--${name}`);
      else throw new FlagParseError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      const shorts = a.slice(1);
      for (let j = 0; j < shorts.length; j++) {
        const c = shorts[j]!;
        const spec = byShort.get(c);
        if (!spec) throw new FlagParseError(`unknown shorthand flag: '${c}' in -${shorts}`);
        const shown = `-${c}, --${spec.name}`;
        if (shorts[j + 1] === "=") {
          set(spec, shorts.slice(j + 2), shown);
          break;
        }
        if (spec.type === "bool") {
          set(spec, "true", shown);
          continue;
        }
        if (j + 1 < shorts.length) set(spec, shorts.slice(j + 1), shown);
        else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault, shown);
        else if (i + 1 < args.length) set(spec, args[++i]!, shown);
        else throw new FlagParseError(`flag needs an argument: '${c}' in -${c}`);
        break;
      }
      continue;
    }
    positional.push(a);
  }
  return { positional, values, changed, argsLenAtDash };
}

/**
 * cobra's stripFlags: the arguments that are not flags or flag values, as cobra sees them when it
 * looks for a subcommand (`kubectl create -o yaml service clusterip x` → service, clusterip, x).
 */
export function positionalArgs(args: readonly string[], specs: readonly FlagSpec[]): string[] {
  return positionalIndices(args, specs).map((i) => args[i]!);
}

/** Where the positional arguments are in `args` (see positionalArgs). */
export function positionalIndices(args: readonly string[], specs: readonly FlagSpec[]): number[] {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.shorthand).map((s) => [s.shorthand!, s]));
  const out: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      for (let j = i + 1; j < args.length; j++) out.push(j);
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const spec = byName.get(a.slice(2));
      if (!a.includes("=") && spec && spec.type !== "bool" && spec.noOptDefault === undefined) i++;
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      const spec = byShort.get(a[1]!);
      if (a.length === 2 && spec && spec.type !== "bool" && spec.noOptDefault === undefined) i++;
      continue;
    }
    out.push(i);
  }
  return out;
}

export class Flags {
  constructor(readonly parsed: ParsedFlags) {}
  str(name: string): string {
    const v = this.parsed.values.get(name);
    return typeof v === "string" ? v : "";
  }
  bool(name: string): boolean {
    return this.parsed.values.get(name) === true;
  }
  int(name: string, fallback = 0): number {
    const v = this.parsed.values.get(name);
    return typeof v === "number" ? v : fallback;
  }
  list(name: string): string[] {
    const v = this.parsed.values.get(name);
    return Array.isArray(v) ? v : [];
  }
  has(name: string): boolean {
    return this.parsed.changed.has(name);
  }
  get args(): string[] {
    return this.parsed.positional;
  }
}

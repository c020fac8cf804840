/**
 * The Kubernetes regex library (`kubernetes.regex`, k8s.io/apiserver/pkg/cel/library/regex.go):
 * find and findAll. Go compiles RE2; here the pattern runs as a JavaScript RegExp after translating
 * RE2's leading inline flags ((?i), (?s), (?m)). Patterns RE2 refuses but JavaScript accepts
 * (backreferences, lookaround) therefore work here; the sandbox says so in its docs.
 */
import type { Environment } from "@marcbachmann/cel-js";
import { celError } from "./errors.ts";

export function compileRE2(pattern: string, global: boolean): RegExp {
  let flags = global ? "gu" : "u";
  let body = pattern;
  const m = /^\(\?([ims]+)\)/.exec(body);
  if (m) {
    for (const f of m[1]!) if (!flags.includes(f)) flags += f;
    body = body.slice(m[0].length);
  }
  try {
    return new RegExp(body, flags);
  } catch (e) {
    // Go: "Illegal regex: error parsing regexp: <reason>: `<fragment>`"; the reason is JavaScript's.
    throw celError(`Illegal regex: error parsing regexp: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function findAll(s: string, pattern: string, limit: number): string[] {
  if (limit === 0) return [];
  const re = compileRE2(pattern, true);
  const out: string[] = [];
  for (const m of s.matchAll(re)) {
    out.push(m[0]);
    if (limit > 0 && out.length >= limit) break;
  }
  return out;
}

export function registerRegexLibrary(env: Environment): void {
  env
    .registerFunction("string.find(string): string", (s: string, pattern: string) => compileRE2(pattern, false).exec(s)?.[0] ?? "")
    .registerFunction("string.findAll(string): list<string>", (s: string, pattern: string) => findAll(s, pattern, -1))
    .registerFunction("string.findAll(string, int): list<string>", (s: string, pattern: string, limit: bigint) => findAll(s, pattern, Number(limit)));
}

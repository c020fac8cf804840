/**
 * What cel-go's strings extension (ext.Strings, version 2 in Kubernetes 1.34) adds beyond the string
 * functions cel-js already has: charAt, replace and strings.quote. Indexes count code points, as Go's
 * []rune does.
 */
import type { Environment } from "@marcbachmann/cel-js";
import { celError } from "./errors.ts";

/** The receiver of `strings.quote(...)`. */
export class StringsNamespace {}

/** strings.Replace(s, old, new, n): n < 0 replaces all; an empty `old` matches between code points. */
export function goReplace(s: string, old: string, repl: string, n: number): string {
  if (n === 0 || old === repl) return s;
  if (old === "") {
    const runes = [...s];
    const out: string[] = [];
    let done = 0;
    for (let i = 0; i <= runes.length; i++) {
      if (n < 0 || done < n) {
        out.push(repl);
        done++;
      }
      if (i < runes.length) out.push(runes[i]!);
    }
    return out.join("");
  }
  let out = "";
  let rest = s;
  let done = 0;
  while (n < 0 || done < n) {
    const at = rest.indexOf(old);
    if (at < 0) break;
    out += rest.slice(0, at) + repl;
    rest = rest.slice(at + old.length);
    done++;
  }
  return out + rest;
}

const QUOTE_ESCAPES: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  "\\": "\\\\",
  '"': '\\"',
};

export function registerStringsLibrary(env: Environment): void {
  env
    .registerType("kubernetes.stringsLibrary", { ctor: StringsNamespace, fields: {} })
    .registerConstant("strings", "kubernetes.stringsLibrary", new StringsNamespace())
    .registerFunction("string.charAt(int): string", (s: string, index: bigint) => {
      const runes = [...s];
      if (index < 0n || index > BigInt(runes.length)) throw celError(`index out of range: ${index}`);
      return index === BigInt(runes.length) ? "" : runes[Number(index)]!;
    })
    .registerFunction("string.replace(string, string): string", (s: string, old: string, repl: string) => goReplace(s, old, repl, -1))
    .registerFunction("string.replace(string, string, int): string", (s: string, old: string, repl: string, n: bigint) =>
      goReplace(s, old, repl, Number(n)),
    )
    .registerFunction("kubernetes.stringsLibrary.quote(string): string", (_ns: StringsNamespace, s: string) => {
      let out = '"';
      for (const ch of s) out += QUOTE_ESCAPES[ch] ?? ch;
      return `${out}"`;
    });
}

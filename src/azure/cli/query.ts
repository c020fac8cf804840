/**
 * `--query`: JMESPath through jmespath.js (the reference implementation of the same specification that
 * az's Python `jmespath` package follows; it has no eval). knack compiles the expression while parsing
 * arguments (knack/query.py CLIQuery.jmespath_type), so a syntax error is an argument error, and runs it
 * on the result with `Options(OrderedDict)`: dicts the query builds keep their key order in table and
 * tsv output, while dicts it passes through stay plain. We tell the two apart by remembering every
 * object of the input.
 */
import * as jmespath from "jmespath";

// @types/jmespath declares only search(); compile() is part of the same module's public API.
const { search } = jmespath;
const compile = (jmespath as unknown as { compile(expression: string): unknown }).compile;

export type QueryResult = { ok: true; value: unknown; ordered: (o: object) => boolean } | { ok: false; error: string };

/** null when the expression parses; otherwise the parser's complaint. */
export function checkQuery(expression: string): string | null {
  try {
    compile(expression);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

function collect(value: unknown, seen: WeakSet<object>): void {
  if (typeof value !== "object" || value === null || seen.has(value)) return;
  seen.add(value);
  for (const v of Object.values(value)) collect(v, seen);
}

export function runQuery(data: unknown, expression: string): QueryResult {
  const original = new WeakSet<object>();
  collect(data, original);
  try {
    const value: unknown = search(data as never, expression);
    return { ok: true, value, ordered: (o) => !original.has(o) };
  } catch (e) {
    // jmespath.js prefixes its messages with the error class ("TypeError: length() expected ...").
    return { ok: false, error: (e as Error).message };
  }
}

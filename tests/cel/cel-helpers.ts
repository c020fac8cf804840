/** Compile-and-run helpers for the CEL tests, shaped like upstream's testIP/testCIDR. */
import { CelEngine, type Declarations, type Expected } from "../../src/cel/environment.ts";

const engine = new CelEngine();

export type Outcome = { value: unknown } | { runtimeError: string } | { compileError: string };

export function run(expression: string, activation: Record<string, unknown> = {}, decl: Declarations = { params: false }, expected: Expected[] = ["any"]): Outcome {
  const c = engine.compile(expression, decl, expected);
  if (!c.ok) return { compileError: c.detail };
  const r = engine.evaluate(c.program, activation);
  return r.ok ? { value: r.value } : { runtimeError: r.error };
}

/** The value, failing the test with the error if there was one. */
export function value(expression: string, activation: Record<string, unknown> = {}): unknown {
  const o = run(expression, activation);
  if (!("value" in o)) throw new Error(`${expression}: ${JSON.stringify(o)}`);
  return o.value;
}

export { engine };

/**
 * Limits that stop runaway scripts, and the learner-facing words for them. just-bash reports a tripped
 * limit in terms of its own option names; the sandbox says what happened instead.
 */
export const EXECUTION_LIMITS = {
  maxCommandCount: 200_000,
  maxLoopIterations: 100_000,
  maxCallDepth: 100,
  maxExecutionTimeMs: 15_000,
};

const REWRITES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/bash: too many commands executed \(>(\d+)\), increase executionLimits\.maxCommandCount/, (m) => `bash: stopped after ${m[1]} commands: the sandbox ends runaway loops here`],
  [/bash: (.+?): iteration limit exceeded \((\d+)\)/, (m) => `bash: ${m[1]}: stopped after ${m[2]} iterations: the sandbox ends runaway loops here`],
  [/bash: (while loop|until loop|for loop): too many iterations \((\d+)\)/, (m) => `bash: ${m[1]}: stopped after ${m[2]} iterations: the sandbox ends runaway loops here`],
  [/bash: (.+?): maximum recursion depth \((\d+)\) exceeded, increase executionLimits\.maxCallDepth/, (m) => `bash: ${m[1]}: maximum function nesting level exceeded (${m[2]})`],
  [/bash: (.+?) exceeded its execution deadline/, (m) => `bash: ${m[1]}: stopped after ${EXECUTION_LIMITS.maxExecutionTimeMs / 1000} s: the sandbox ends commands that run too long`],
  [/bash: (.+?) exceeded execution deadline \((\d+)ms\)/, (m) => `bash: ${m[1]}: stopped after ${Number(m[2]) / 1000} s: the sandbox ends commands that run too long`],
  [/, increase executionLimits\.\w+/g, () => ""],
];

export function explainLimits(text: string): string {
  let out = text;
  for (const [re, fn] of REWRITES) out = out.replace(re, (...args) => fn(args as unknown as RegExpMatchArray));
  return out;
}

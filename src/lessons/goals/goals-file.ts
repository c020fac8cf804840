/**
 * A lesson's goals.yaml: one entry per step id, holding the step's goal predicate and whether it must keep
 * holding after later steps. Both languages' Markdown name these ids, so they share one set of goals and
 * cannot disagree about what a step asks for.
 */
import { parse as parseYaml } from "yaml";
import type { StepGoal } from "../types.ts";
import { parsePredicate, PredicateError } from "./predicate.ts";

export class GoalsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GoalsFileError";
  }
}

export function parseGoalsFile(text: string): Map<string, StepGoal> {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    throw new GoalsFileError((e as Error).message.split("\n")[0]!);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new GoalsFileError("must be a mapping from step id to {goal, keep}");
  const out = new Map<string, StepGoal>();
  for (const [id, entry] of Object.entries(data as Record<string, unknown>)) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw new GoalsFileError(`${id}: must be a mapping with goal (and keep)`);
    const e = entry as Record<string, unknown>;
    for (const k of Object.keys(e)) if (k !== "goal" && k !== "keep") throw new GoalsFileError(`${id}: unknown field "${k}" (expected: goal, keep)`);
    if (e.goal === undefined) throw new GoalsFileError(`${id}: goal is required`);
    if (e.keep !== undefined && typeof e.keep !== "boolean") throw new GoalsFileError(`${id}.keep: must be true or false`);
    try {
      out.set(id, { goal: parsePredicate(e.goal, `${id}.goal`), keep: e.keep === true });
    } catch (err) {
      if (err instanceof PredicateError) throw new GoalsFileError(err.message);
      throw err;
    }
  }
  return out;
}

/**
 * Proves a lesson solvable, headlessly: builds its starting cluster, plays solution.sh step by step and
 * checks each goal before (it must not hold yet, or the step would complete on its own) and after (it
 * must hold); goals marked keep must hold until the end. Then every click-to-run command of each step,
 * in each language, runs in a fresh session brought to the start of its step, and must exit 0 (or
 * non-zero when marked `fails`). lessons:check prints what this returns.
 */
import { Session } from "../shell/session.ts";
import { holds } from "./goals/evaluate.ts";
import { missing } from "./goals/describe.ts";
import type { Predicate } from "./goals/predicate.ts";
import { commandsBefore, startCommands } from "./load.ts";
import { stateFromStore, type ClusterState } from "./state.ts";
import { validateLesson } from "./validate.ts";
import { LANGS, type Lang, type Lesson, type LessonIssue } from "./types.ts";

/** Virtual time between commands, as in the headless CLI, so delayed controllers get their turn. */
export const CHECK_STEP_MS = 5_000;

export interface CommandFailure {
  command: string;
  exitCode: number;
  expected: "zero" | "non-zero";
  output: string;
}

export interface RunCheck {
  langs: Lang[];
  commands: number;
  failures: CommandFailure[];
  /** The step's run blocks alone reach its goal (otherwise the learner types the rest). */
  reachesGoal: boolean;
}

export interface StepReport {
  id: string;
  solutionCommands: number;
  heldBefore: boolean;
  holdsAfter: boolean;
  /** What was missing after the step's solution, when the goal did not hold. */
  missing: string[];
  failedSolution: CommandFailure[];
  /** Earlier steps marked keep whose goals stopped holding after this step. */
  keepBroken: { step: string; missing: string[] }[];
  runs: RunCheck[];
}

export interface LessonReport {
  id: string;
  title: string;
  issues: LessonIssue[];
  steps: StepReport[];
  ms: number;
  ok: boolean;
}

export async function checkLesson(lesson: Lesson, opts: { stepMs?: number } = {}): Promise<LessonReport> {
  const t0 = performance.now();
  const stepMs = opts.stepMs ?? CHECK_STEP_MS;
  const issues = validateLesson(lesson);
  const issue = (message: string) => issues.push({ lesson: lesson.id, file: "", message });
  const newSession = () => Session.create({ seed: lesson.start.seed, preset: lesson.start.base, stepMs });
  const state = (s: Session): ClusterState => stateFromStore(s.cluster?.store);

  const session = await newSession();
  for (const command of startCommands(lesson)) {
    const r = await session.run(command);
    if (r.exitCode !== 0) issue(`setup command failed (exit ${r.exitCode}): ${firstLine(command)}\n${r.output.trimEnd()}`);
  }
  for (const problem of unknownResources(lesson, session)) issue(problem);

  const steps: StepReport[] = [];
  const kept: { step: string; goal: Predicate }[] = [];
  for (const step of lesson.docs.en.steps) {
    const { goal, keep } = lesson.goals.get(step.id)!;
    const heldBefore = holds(goal, state(session));
    const failedSolution: CommandFailure[] = [];
    const commands = lesson.solution.get(step.id) ?? [];
    for (const command of commands) {
      const r = await session.run(command);
      if (r.exitCode !== 0) failedSolution.push({ command, exitCode: r.exitCode, expected: "zero", output: r.output });
    }
    const after = state(session);
    const holdsAfter = holds(goal, after);
    const keepBroken = kept.filter((k) => !holds(k.goal, after)).map((k) => ({ step: k.step, missing: missing(k.goal, after, "en") }));
    if (keep) kept.push({ step: step.id, goal });
    steps.push({ id: step.id, solutionCommands: commands.length, heldBefore, holdsAfter, missing: holdsAfter ? [] : missing(goal, after, "en"), failedSolution, keepBroken, runs: [] });
  }

  for (const report of steps) {
    const goal = lesson.goals.get(report.id)!.goal;
    const byText = new Map<string, { langs: Lang[]; commands: { text: string; fails: boolean }[] }>();
    for (const lang of LANGS) {
      const commands = lesson.docs[lang].steps.find((s) => s.id === report.id)?.commands ?? [];
      if (commands.length === 0) continue;
      const key = JSON.stringify(commands);
      const entry = byText.get(key) ?? { langs: [], commands };
      entry.langs.push(lang);
      byText.set(key, entry);
    }
    for (const { langs, commands } of byText.values()) {
      const s = await newSession();
      for (const command of commandsBefore(lesson, report.id)) await s.run(command);
      const failures: CommandFailure[] = [];
      for (const c of commands) {
        const r = await s.run(c.text);
        if ((r.exitCode !== 0) !== c.fails) failures.push({ command: c.text, exitCode: r.exitCode, expected: c.fails ? "non-zero" : "zero", output: r.output });
      }
      report.runs.push({ langs, commands: commands.length, failures, reachesGoal: holds(goal, state(s)) });
    }
  }

  const ok = issues.length === 0 && steps.every((s) => !s.heldBefore && s.holdsAfter && s.failedSolution.length === 0 && s.keepBroken.length === 0 && s.runs.every((r) => r.failures.length === 0));
  return { id: lesson.id, title: lesson.docs.en.meta.title, issues, steps, ms: performance.now() - t0, ok };
}

/** Resources named by goals that the cluster does not serve (a typo would make a goal never hold). */
function unknownResources(lesson: Lesson, session: Session): string[] {
  let served: Set<string>;
  try {
    const lists = session.cluster?.client.discovery() ?? [];
    served = new Set(
      lists.flatMap((l) => {
        const group = l.groupVersion.includes("/") ? l.groupVersion.split("/")[0]! : "";
        return l.resources.flatMap((r) => (group ? [r.name, `${r.name}.${group}`] : [r.name]));
      }),
    );
  } catch {
    return [];
  }
  if (served.size === 0) return [];
  const named = new Set<string>();
  const walk = (p: Predicate) => {
    if (p.op === "all" || p.op === "any") p.of.forEach(walk);
    else if (p.op === "not") walk(p.of);
    else named.add(p.target.resource);
  };
  for (const { goal } of lesson.goals.values()) walk(goal);
  return [...named].filter((r) => !served.has(r)).map((r) => `goals.yaml names the resource "${r}", which the cluster does not serve`);
}

function firstLine(command: string): string {
  const [first, ...rest] = command.split("\n");
  return rest.length ? `${first} …` : first!;
}

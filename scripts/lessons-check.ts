/**
 * npm run lessons:check [-- LESSON-ID...]: loads every lesson under lessons/, plays each solution through
 * the engine and checks its goals step by step, runs every click-to-run command where it belongs, and
 * prints a report. Exits 1 when any lesson has a problem.
 */
import { checkLesson, type LessonReport } from "../src/lessons/check.ts";
import { loadLessons } from "../src/lessons/load.ts";
import { readLessonFiles } from "./lesson-files.ts";

function indent(text: string, by = "      "): string {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => by + l)
    .join("\n");
}

function print(report: LessonReport): void {
  const out = (s: string) => process.stdout.write(s + "\n");
  out(`\n${report.ok ? "✓" : "✗"} ${report.id}  "${report.title}"  (${(report.ms / 1000).toFixed(1)} s)`);
  for (const i of report.issues) out(`  ✗ ${i.file ? `${i.file}: ` : ""}${i.message}`);
  for (const s of report.steps) {
    const problems: string[] = [];
    if (s.heldBefore) problems.push("its goal already holds before the step's solution: the step would complete on its own");
    if (!s.holdsAfter) problems.push(`its goal does not hold after the solution; missing:\n${s.missing.map((m) => `  - ${m}`).join("\n")}`);
    for (const f of s.failedSolution) problems.push(`solution command exited ${f.exitCode}: ${f.command}\n${indent(f.output, "  ")}`);
    for (const k of s.keepBroken) problems.push(`the goal of step ${k.step} (keep: true) no longer holds:\n${k.missing.map((m) => `  - ${m}`).join("\n")}`);
    for (const r of s.runs) {
      for (const f of r.failures) problems.push(`[${r.langs.join(",")}] run block exited ${f.exitCode}, expected ${f.expected}: ${f.command}\n${indent(f.output, "  ")}`);
    }
    const runs = s.runs.map((r) => `${r.langs.join("+")}: ${r.commands} run block${r.commands === 1 ? "" : "s"} ok${r.reachesGoal ? ", reach the goal" : ""}`).join("; ");
    const solution = `solution ${s.solutionCommands} command${s.solutionCommands === 1 ? "" : "s"}${problems.length ? "" : ", goal false before and true after"}`;
    out(`  ${problems.length ? "✗" : "✓"} ${s.id.padEnd(22)} ${solution}${runs ? `; ${runs}` : ""}`);
    for (const p of problems) out(indent(`- ${p}`, "      "));
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const { lessons, issues } = loadLessons(readLessonFiles());
  let failed = 0;
  process.stdout.write(`lessons:check: ${lessons.length} lesson${lessons.length === 1 ? "" : "s"} in lessons/\n`);
  for (const i of issues) {
    process.stdout.write(`✗ ${i.lesson}/${i.file}: ${i.message}\n`);
    failed++;
  }
  for (const lesson of lessons) {
    if (only.length && !only.includes(lesson.id)) continue;
    const report = await checkLesson(lesson);
    print(report);
    if (!report.ok) failed++;
  }
  process.stdout.write(failed ? `\n${failed} lesson${failed === 1 ? " has" : "s have"} problems.\n` : `\nAll lessons are solvable as written.\n`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`lessons:check: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

/**
 * Builds lessons from their files: one folder per lesson (en.md, ko.md, goals.yaml, solution.sh and an
 * optional setup.sh) and named presets, lessons/<name>.preset.sh (files, not folders: every folder is a lesson). The caller supplies the files' text (Vite's
 * import.meta.glob in the page, the file system in Node), so this stays free of I/O. A lesson whose files
 * disagree (steps, front matter, goals, solution) is left out and every problem is reported.
 */
import { GoalsFileError, parseGoalsFile } from "./goals/goals-file.ts";
import { LessonFormatError, parseLessonDoc } from "./parse.ts";
import { parsePreset, parseSolution, ScriptError, scriptCommands } from "./scripts.ts";
import { LANGS, type Lesson, type LessonDoc, type LessonIssue, type Preset, type StepGoal } from "./types.ts";

/** A preset is a file `<name>.preset.sh` beside the lesson folders. */
export const PRESET_SUFFIX = ".preset.sh";
/** Front matter that must be the same in every language. */
const SHARED_META = ["order", "minutes", "preset", "seed"] as const;

export interface LoadResult {
  lessons: Lesson[];
  presets: Map<string, Preset>;
  issues: LessonIssue[];
}

/** `files` maps paths ending in `<folder>/<file>` (anything before is ignored) to their text. */
export function loadLessons(files: Readonly<Record<string, string>>): LoadResult {
  const folders = new Map<string, Map<string, string>>();
  const presetFiles = new Map<string, string>();
  for (const [path, text] of Object.entries(files)) {
    const parts = path.replace(/\\/g, "/").split("/");
    if (parts[parts.length - 1]!.endsWith(PRESET_SUFFIX)) {
      presetFiles.set(parts[parts.length - 1]!, text);
      continue;
    }
    if (parts.length < 2) continue;
    const folder = parts[parts.length - 2]!;
    const file = parts[parts.length - 1]!;
    if (!folders.has(folder)) folders.set(folder, new Map());
    folders.get(folder)!.set(file, text);
  }
  const issues: LessonIssue[] = [];
  const presets = new Map<string, Preset>();
  for (const [file, text] of presetFiles) {
    const name = file.slice(0, -PRESET_SUFFIX.length);
    try {
      presets.set(name, parsePreset(name, text));
    } catch (e) {
      issues.push({ lesson: "lessons", file, message: (e as Error).message });
    }
  }
  const lessons: Lesson[] = [];
  for (const [id, folder] of folders) {
    const lesson = loadLesson(id, folder, presets, issues);
    if (lesson) lessons.push(lesson);
  }
  lessons.sort((a, b) => a.docs.en.meta.order - b.docs.en.meta.order || a.id.localeCompare(b.id));
  return { lessons, presets, issues };
}

function loadLesson(id: string, files: Map<string, string>, presets: Map<string, Preset>, issues: LessonIssue[]): Lesson | null {
  const before = issues.length;
  const problem = (file: string, message: string) => issues.push({ lesson: id, file, message });
  const need = (file: string): string | null => {
    const text = files.get(file);
    if (text === undefined) problem(file, "missing");
    return text ?? null;
  };
  const attempt = <T>(file: string, fn: () => T): T | null => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof LessonFormatError || e instanceof GoalsFileError || e instanceof ScriptError) {
        problem(file, e.message);
        return null;
      }
      throw e;
    }
  };

  const docs: Partial<Record<(typeof LANGS)[number], LessonDoc>> = {};
  for (const lang of LANGS) {
    const text = need(`${lang}.md`);
    const doc = text === null ? null : attempt(`${lang}.md`, () => parseLessonDoc(text, lang));
    if (doc) docs[lang] = doc;
  }
  const goalsText = need("goals.yaml");
  const goals = goalsText === null ? null : attempt("goals.yaml", () => parseGoalsFile(goalsText));
  const solutionText = need("solution.sh");
  const solution = solutionText === null ? null : attempt("solution.sh", () => parseSolution(solutionText));
  const setupText = files.get("setup.sh");
  const setup = setupText === undefined ? [] : attempt("setup.sh", () => scriptCommands(setupText, "setup.sh"));
  if (!docs.en || !docs.ko || !goals || !solution || !setup) return null;
  const { en, ko } = docs as Record<(typeof LANGS)[number], LessonDoc>;

  for (const key of SHARED_META) {
    if (en.meta[key] !== ko.meta[key]) problem("ko.md", `front matter ${key} is ${JSON.stringify(ko.meta[key])} but en.md says ${JSON.stringify(en.meta[key])}`);
  }
  const ids = en.steps.map((s) => s.id);
  const koIds = ko.steps.map((s) => s.id);
  if (ids.length === 0) problem("en.md", "no steps (a step starts with a `## Title {#step-id}` heading)");
  if (ids.join(" ") !== koIds.join(" ")) problem("ko.md", `steps differ from en.md: en has [${ids.join(", ")}], ko has [${koIds.join(", ")}]`);
  const dup = ids.find((s, i) => ids.indexOf(s) !== i);
  if (dup) problem("en.md", `step id "${dup}" is used twice`);
  for (const step of ids) if (!goals.has(step)) problem("goals.yaml", `no goal for step "${step}"`);
  for (const step of goals.keys()) if (!ids.includes(step)) problem("goals.yaml", `goal for "${step}", which is not a step of the lesson`);
  const solved = [...solution.keys()];
  if (solved.join(" ") !== ids.join(" ")) problem("solution.sh", `its "# step:" sections must be the lesson's steps in order: expected [${ids.join(", ")}], found [${solved.join(", ")}]`);

  let start: Lesson["start"] | null = null;
  const preset = en.meta.preset;
  if (preset === "default" || preset === "none") start = { base: preset, seed: en.meta.seed, commands: [] };
  else if (presets.has(preset)) start = { base: presets.get(preset)!.base, seed: en.meta.seed, commands: presets.get(preset)!.commands };
  else problem("en.md", `preset "${preset}" is neither default, none, nor a file lessons/${preset}${PRESET_SUFFIX}`);

  if (issues.length > before || !start) return null;
  return { id, docs: { en, ko }, goals: goals as ReadonlyMap<string, StepGoal>, setup, solution, start };
}

/** Every command that builds a lesson's starting cluster: the preset's, then the lesson's setup. */
export function startCommands(lesson: Lesson): string[] {
  return [...lesson.start.commands, ...lesson.setup];
}

/** The commands that bring a lesson's cluster to the start of a step: start, then earlier steps' solutions. */
export function commandsBefore(lesson: Lesson, stepId: string): string[] {
  const out = startCommands(lesson);
  for (const step of lesson.docs.en.steps) {
    if (step.id === stepId) break;
    out.push(...(lesson.solution.get(step.id) ?? []));
  }
  return out;
}

/**
 * The shapes of a lesson once loaded: its metadata, its steps in each language, the goals both languages
 * share, and the solution and setup scripts that prove it can be solved. Lessons are data; nothing here
 * runs a command or touches the DOM.
 */
import type { Predicate } from "./goals/predicate.ts";

export type Lang = "en" | "ko";
export const LANGS: readonly Lang[] = ["en", "ko"];

/** The cluster a session starts from before any setup command runs (the engine's boot presets). */
export type BasePreset = "default" | "none";

/** What front matter says about a lesson; identical in both languages except title and summary. */
export interface LessonMeta {
  title: string;
  summary: string;
  order: number;
  minutes: number;
  /** "default", "none", or the name of a preset file lessons/<name>.preset.sh. */
  preset: string;
  seed: number;
}

/** A command the learner can click (or tap) to type and run in the terminal. */
export interface RunCommand {
  text: string;
  /** Shown on purpose to make an error: it is expected to exit non-zero. */
  fails: boolean;
}

export interface StepDoc {
  id: string;
  title: string;
  /** The step's Markdown, hint blocks removed; its ```run fences are `commands`, in order. */
  text: string;
  commands: RunCommand[];
  /** Markdown of each hint, shown one at a time. */
  hints: string[];
}

/** One language's Markdown file, parsed. */
export interface LessonDoc {
  lang: Lang;
  meta: LessonMeta;
  /** Markdown before the first step. */
  intro: string;
  steps: StepDoc[];
}

export interface StepGoal {
  goal: Predicate;
  /** The goal must still hold after every later step (checked by lessons:check). */
  keep: boolean;
}

/** A named starting cluster: a boot preset plus setup commands (lessons/<name>.preset.sh). */
export interface Preset {
  name: string;
  base: BasePreset;
  /** What it is, from the file's comment lines. */
  description: string;
  commands: string[];
}

export interface Lesson {
  id: string;
  docs: Record<Lang, LessonDoc>;
  goals: ReadonlyMap<string, StepGoal>;
  /** Setup commands of the lesson itself (setup.sh), run after the preset's. */
  setup: string[];
  /** The solution's commands per step id, in the order of the steps. */
  solution: ReadonlyMap<string, string[]>;
  /** The preset resolved: base plus the preset's own commands (empty for default and none). */
  start: { base: BasePreset; seed: number; commands: string[] };
}

/** A problem found while loading or validating, with the file it is about. */
export interface LessonIssue {
  lesson: string;
  file: string;
  message: string;
}

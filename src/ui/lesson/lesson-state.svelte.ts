/**
 * LessonState is the panel's model: which lesson and step are open, the learner's progress (saved in the
 * browser), and the cluster work a lesson needs. Opening a lesson that the saved cluster was not built
 * for rebuilds it: a fresh session with the lesson's preset and seed, its setup, then the solutions of
 * the steps before the current one. "Reset step" does the same for the current step; "reset lesson"
 * also clears the lesson's progress. Goals are checked against the page's informer cache.
 */
import { holds } from "../../lessons/goals/evaluate.ts";
import { commandsBefore } from "../../lessons/load.ts";
import {
  exportProgress,
  importProgress,
  loadProgress,
  progressOf,
  saveProgress,
  withActive,
  withCurrent,
  withHintShown,
  withLessonReset,
  withStepDone,
  withStepsUndoneFrom,
  type ProgressData,
  type StorageLike,
} from "../../lessons/progress.ts";
import type { ClusterState } from "../../lessons/state.ts";
import type { Lesson, StepDoc } from "../../lessons/types.ts";

/** What LessonState needs of the engine: the page's Engine satisfies it. */
export interface LessonEngine {
  readonly ready: boolean;
  /** Resolves once the page's own session is up, so a rebuild never races the first boot. */
  start(): Promise<void>;
  reset(options: { seed: number; preset: "default" | "none" }): Promise<void>;
  run(command: string): Promise<{ exitCode: number }>;
}

export type LessonNotice =
  | { kind: "not-found"; id: string }
  | { kind: "import-error"; error: string }
  | { kind: "imported"; count: number; file: string; warnings: string[] }
  | null;

export class LessonState {
  /** The open lesson, or null for the list. */
  lessonId = $state<string | null>(null);
  progress = $state.raw<ProgressData>({ version: 1, active: null, lessons: {} });
  /** True while the cluster is being rebuilt for a step: goals are not checked meanwhile. */
  preparing = $state(false);
  notice = $state<LessonNotice>(null);

  readonly lessons: readonly Lesson[];
  readonly #storage: StorageLike;
  readonly #engine: LessonEngine;
  #generation = 0;

  constructor(lessons: readonly Lesson[], storage: StorageLike, engine: LessonEngine) {
    this.lessons = lessons;
    this.#storage = storage;
    this.#engine = engine;
    this.progress = loadProgress(storage);
  }

  get lesson(): Lesson | null {
    return this.lessons.find((l) => l.id === this.lessonId) ?? null;
  }

  /** The open lesson's current step. */
  get step(): StepDoc | null {
    const lesson = this.lesson;
    if (!lesson) return null;
    const id = progressOf(this.progress, lesson).current;
    return lesson.docs.en.steps.find((s) => s.id === id) ?? null;
  }

  progressOf(lesson: Lesson) {
    return progressOf(this.progress, lesson);
  }

  showList(): void {
    this.lessonId = null;
    this.notice = null;
  }

  /**
   * Opens a lesson at a step (or where the learner left it). The cluster is rebuilt only when the saved
   * one belongs to another lesson; a link to another step of the same lesson just moves there.
   */
  async open(id: string, stepId: string | null = null): Promise<void> {
    const lesson = this.lessons.find((l) => l.id === id);
    if (!lesson) {
      this.lessonId = null;
      this.notice = { kind: "not-found", id };
      return;
    }
    this.notice = null;
    this.lessonId = id;
    const steps = lesson.docs.en.steps.map((s) => s.id);
    const step = stepId && steps.includes(stepId) ? stepId : progressOf(this.progress, lesson).current;
    this.#set(withCurrent(this.progress, lesson, step));
    if (this.progress.active !== id) await this.#prepare(lesson, step, withActive(this.progress, id));
  }

  goTo(stepId: string): void {
    const lesson = this.lesson;
    if (lesson) this.#set(withCurrent(this.progress, lesson, stepId));
  }

  /** Marks the current step done when its goal holds in `state`. */
  check(state: ClusterState): boolean {
    const lesson = this.lesson;
    const step = this.step;
    if (!lesson || !step || this.preparing || !this.#engine.ready || this.progress.active !== lesson.id) return false;
    const ok = holds(lesson.goals.get(step.id)!.goal, state);
    if (ok) this.#set(withStepDone(this.progress, lesson, step.id));
    return ok;
  }

  showHint(): void {
    const lesson = this.lesson;
    const step = this.step;
    if (lesson && step) this.#set(withHintShown(this.progress, lesson, step.id));
  }

  /** Rebuilds the cluster as it was at the start of the current step. */
  async resetStep(): Promise<void> {
    const lesson = this.lesson;
    const step = this.step;
    if (!lesson || !step) return;
    await this.#prepare(lesson, step.id, withActive(withStepsUndoneFrom(this.progress, lesson, step.id), lesson.id));
  }

  /** Forgets the lesson's progress and rebuilds its starting cluster. */
  async resetLesson(): Promise<void> {
    const lesson = this.lesson;
    if (!lesson) return;
    const reset = withActive(withLessonReset(this.progress, lesson), lesson.id);
    await this.#prepare(lesson, lesson.docs.en.steps[0]!.id, reset);
  }

  exportText(): string {
    return exportProgress(this.progress);
  }

  /** Merges a progress file; a bad file changes nothing and leaves its error in `notice`. */
  importText(text: string, fileName: string): boolean {
    const r = importProgress(text, fileName, this.lessons, this.progress);
    if (!r.ok) {
      this.notice = { kind: "import-error", error: r.error };
      return false;
    }
    this.#set(r.data);
    this.notice = { kind: "imported", count: r.lessons, file: fileName, warnings: r.warnings };
    return true;
  }

  async #prepare(lesson: Lesson, stepId: string, progress: ProgressData): Promise<void> {
    const generation = ++this.#generation;
    this.#set(progress);
    this.preparing = true;
    try {
      await this.#engine.start();
      if (generation !== this.#generation) return;
      await this.#engine.reset({ seed: lesson.start.seed, preset: lesson.start.base });
      for (const command of commandsBefore(lesson, stepId)) {
        if (generation !== this.#generation) return;
        await this.#engine.run(command);
      }
    } finally {
      if (generation === this.#generation) this.preparing = false;
    }
  }

  #set(progress: ProgressData): void {
    if (progress === this.progress) return;
    this.progress = progress;
    saveProgress(this.#storage, progress);
  }
}

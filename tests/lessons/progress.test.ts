import { describe, expect, it } from "vitest";
import { loadLessons } from "../../src/lessons/load.ts";
import {
  EMPTY_PROGRESS,
  exportProgress,
  importProgress,
  loadProgress,
  PROGRESS_KEY,
  progressOf,
  saveProgress,
  withActive,
  withCurrent,
  withHintShown,
  withLessonReset,
  withStepDone,
  withStepsUndoneFrom,
  type ProgressData,
} from "../../src/lessons/progress.ts";
import { smallLessonFiles } from "./fixtures.ts";

const lesson = loadLessons(smallLessonFiles()).lessons[0]!;

class MemoryStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
}

describe("progress model", () => {
  it("starts at the first step with nothing done", () => {
    expect(progressOf(EMPTY_PROGRESS, lesson)).toEqual({ current: "make", done: [], hints: {} });
  });

  it("marks steps done in lesson order, moves, shows hints one at a time up to the step's count", () => {
    let d = withStepDone(EMPTY_PROGRESS, lesson, "break");
    d = withStepDone(d, lesson, "make");
    expect(progressOf(d, lesson).done).toEqual(["make", "break"]);
    expect(withStepDone(d, lesson, "make")).toBe(d);
    d = withCurrent(d, lesson, "break");
    expect(progressOf(d, lesson).current).toBe("break");
    expect(withCurrent(d, lesson, "nope")).toBe(d);
    d = withHintShown(d, lesson, "make");
    d = withHintShown(d, lesson, "make");
    d = withHintShown(d, lesson, "make");
    expect(progressOf(d, lesson).hints).toEqual({ make: 2 });
    expect(progressOf(withHintShown(d, lesson, "break"), lesson).hints).toEqual({ make: 2, break: 0 });
    expect(EMPTY_PROGRESS.lessons).toEqual({});
  });

  it("undoes a step and those after it when the cluster goes back to its start", () => {
    let d = withStepDone(withStepDone(EMPTY_PROGRESS, lesson, "make"), lesson, "break");
    d = withStepsUndoneFrom(d, lesson, "break");
    expect(progressOf(d, lesson)).toMatchObject({ current: "break", done: ["make"] });
    d = withLessonReset(withHintShown(d, lesson, "make"), lesson);
    expect(progressOf(d, lesson)).toEqual({ current: "make", done: [], hints: {} });
    expect(withActive(d, "small").active).toBe("small");
  });

  it("drops steps a lesson no longer has", () => {
    const d: ProgressData = { version: 1, active: null, lessons: { small: { current: "gone", done: ["gone", "break"], hints: { gone: 3, make: 1 } } } };
    expect(progressOf(d, lesson)).toEqual({ current: "make", done: ["break"], hints: { make: 1 } });
  });

  it("saves to and loads from storage; a bad save starts over", () => {
    const storage = new MemoryStorage();
    const d = withActive(withStepDone(EMPTY_PROGRESS, lesson, "make"), "small");
    expect(saveProgress(storage, d)).toBe(true);
    expect(loadProgress(storage)).toEqual(d);
    storage.setItem(PROGRESS_KEY, "{not json");
    expect(loadProgress(storage)).toEqual(EMPTY_PROGRESS);
    storage.setItem(PROGRESS_KEY, JSON.stringify({ version: 1, lessons: { small: { done: "make" } } }));
    expect(loadProgress(storage)).toEqual(EMPTY_PROGRESS);
  });
});

describe("progress files", () => {
  const mine = withHintShown(withStepDone(EMPTY_PROGRESS, lesson, "make"), lesson, "make");

  it("exports every lesson's progress and imports it back", () => {
    const text = exportProgress(withActive(mine, "small"));
    expect(JSON.parse(text)).toEqual({ kind: "CidrLabProgress", version: 1, lessons: { small: { current: "make", done: ["make"], hints: { make: 1 } } } });
    const r = importProgress(text, "progress.json", [lesson], EMPTY_PROGRESS);
    expect(r).toEqual({ ok: true, data: { version: 1, active: null, lessons: { small: { current: "make", done: ["make"], hints: { make: 1 } } } }, lessons: 1, warnings: [] });
  });

  it("merges, so that nothing done here is lost", () => {
    const file = JSON.stringify({ kind: "CidrLabProgress", version: 1, lessons: { small: { current: "break", done: ["break"], hints: { make: 0, break: 5 } } } });
    const r = importProgress(file, "p.json", [lesson], mine);
    expect(r.ok && r.data.lessons.small).toEqual({ current: "break", done: ["make", "break"], hints: { make: 1, break: 0 } });
  });

  it("skips lessons and steps this version does not have, with a warning", () => {
    const file = JSON.stringify({ kind: "CidrLabProgress", version: 1, lessons: { old: { current: null, done: [], hints: {} }, small: { current: "make", done: ["renamed"], hints: {} } } });
    const r = importProgress(file, "p.json", [lesson], EMPTY_PROGRESS);
    expect(r.ok && r.warnings).toEqual([
      'Warning: skipped lesson "old", which this version of CIDR Lab does not have',
      'Warning: skipped step "renamed" of lesson "small", which the lesson does not have',
    ]);
    expect(r.ok && r.data.lessons).toEqual({ small: { current: "make", done: [], hints: {} } });
  });

  it("refuses a bad file with a kubectl-style error and changes nothing", () => {
    const bad = (text: string) => {
      const r = importProgress(text, "progress.json", [lesson], mine);
      expect(r.ok).toBe(false);
      return r.ok ? "" : r.error;
    };
    expect(bad("{oops")).toMatch(/^error: error parsing progress\.json: /);
    expect(bad('{"kind": "Pod"}')).toBe('error: unable to recognize "progress.json": not a CIDR Lab progress file (expected "kind": "CidrLabProgress")');
    expect(bad("[1,2]")).toBe('error: unable to recognize "progress.json": not a CIDR Lab progress file (expected "kind": "CidrLabProgress")');
    expect(bad('{"kind": "CidrLabProgress", "version": 2, "lessons": {}}')).toBe('error: unable to recognize "progress.json": version 2 is not supported (expected 1)');
    expect(bad('{"kind": "CidrLabProgress", "version": 1, "lessons": []}')).toBe('error: error validating "progress.json": lessons: Invalid value: []: must be an object keyed by lesson id');
    expect(bad('{"kind": "CidrLabProgress", "version": 1, "lessons": {"small": {"done": "make"}}}')).toBe(
      'error: error validating "progress.json": lessons.small.done: Invalid value: "make": must be a list of step ids',
    );
    expect(bad('{"kind": "CidrLabProgress", "version": 1, "lessons": {"small": {"done": ["make", 3]}}}')).toBe(
      'error: error validating "progress.json": lessons.small.done[1]: Invalid value: 3: must be a step id',
    );
    expect(bad('{"kind": "CidrLabProgress", "version": 1, "lessons": {"small": {"done": [], "hints": {"make": -1}}}}')).toBe(
      'error: error validating "progress.json": lessons.small.hints.make: Invalid value: -1: must be a whole number of hints, 0 or more',
    );
    expect(bad('{"kind": "CidrLabProgress", "version": 1, "lessons": {"small": {"current": 7, "done": []}}}')).toBe(
      'error: error validating "progress.json": lessons.small.current: Invalid value: 7: must be a step id',
    );
    expect(progressOf(mine, lesson)).toEqual({ current: "make", done: ["make"], hints: { make: 1 } });
  });
});

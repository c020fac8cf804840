/**
 * Progress through lessons: per lesson the current step, the steps done and how many hints each step has
 * shown, plus which lesson the saved cluster belongs to. Values are plain and replaced whole by each
 * change (the panel keeps them in $state.raw). Saved in the browser's storage and carried between
 * browsers as a JSON file; an imported file is checked field by field, merged so that nothing done is
 * lost, and refused whole with a kubectl-style message when it is not right.
 */
import type { Lesson } from "./types.ts";

export const PROGRESS_KEY = "cidr-lab:lessons:v1";
export const PROGRESS_KIND = "CidrLabProgress";

export interface LessonProgress {
  current: string | null;
  done: string[];
  hints: Record<string, number>;
}

export interface ProgressData {
  version: 1;
  /** The lesson the saved cluster session was built for; opening another one rebuilds the cluster. */
  active: string | null;
  lessons: Record<string, LessonProgress>;
}

export const EMPTY_PROGRESS: ProgressData = { version: 1, active: null, lessons: {} };

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function stepIds(lesson: Lesson): string[] {
  return lesson.docs.en.steps.map((s) => s.id);
}

/** A lesson's progress, with steps the lesson no longer has dropped and the current step defaulted. */
export function progressOf(data: ProgressData, lesson: Lesson): LessonProgress & { current: string } {
  const ids = stepIds(lesson);
  const p = data.lessons[lesson.id];
  const current = p?.current && ids.includes(p.current) ? p.current : ids[0]!;
  const hints: Record<string, number> = {};
  for (const [k, v] of Object.entries(p?.hints ?? {})) if (ids.includes(k)) hints[k] = v;
  return { current, done: ids.filter((id) => p?.done.includes(id)), hints };
}

function update(data: ProgressData, lesson: Lesson, fn: (p: LessonProgress & { current: string }) => LessonProgress): ProgressData {
  return { ...data, lessons: { ...data.lessons, [lesson.id]: fn(progressOf(data, lesson)) } };
}

export function withStepDone(data: ProgressData, lesson: Lesson, step: string): ProgressData {
  if (progressOf(data, lesson).done.includes(step)) return data;
  return update(data, lesson, (p) => ({ ...p, done: stepIds(lesson).filter((id) => id === step || p.done.includes(id)) }));
}

export function withCurrent(data: ProgressData, lesson: Lesson, step: string): ProgressData {
  if (!stepIds(lesson).includes(step)) return data;
  return update(data, lesson, (p) => ({ ...p, current: step }));
}

/** Shows one more hint of a step, up to the number it has. */
export function withHintShown(data: ProgressData, lesson: Lesson, step: string): ProgressData {
  const max = lesson.docs.en.steps.find((s) => s.id === step)?.hints.length ?? 0;
  return update(data, lesson, (p) => ({ ...p, hints: { ...p.hints, [step]: Math.min(max, (p.hints[step] ?? 0) + 1) } }));
}

/** The cluster went back to the start of `step`: it and the steps after it are no longer done. */
export function withStepsUndoneFrom(data: ProgressData, lesson: Lesson, step: string): ProgressData {
  const ids = stepIds(lesson);
  const from = ids.indexOf(step);
  if (from < 0) return data;
  return update(data, lesson, (p) => ({ ...p, current: step, done: p.done.filter((id) => ids.indexOf(id) < from) }));
}

export function withLessonReset(data: ProgressData, lesson: Lesson): ProgressData {
  return update(data, lesson, () => ({ current: stepIds(lesson)[0]!, done: [], hints: {} }));
}

export function withActive(data: ProgressData, lessonId: string | null): ProgressData {
  return data.active === lessonId ? data : { ...data, active: lessonId };
}

export function loadProgress(storage: StorageLike): ProgressData {
  try {
    const raw = storage.getItem(PROGRESS_KEY);
    if (raw === null) return EMPTY_PROGRESS;
    const checked = checkProgressShape(JSON.parse(raw), "saved progress");
    return typeof checked === "string" ? EMPTY_PROGRESS : checked;
  } catch {
    return EMPTY_PROGRESS;
  }
}

export function saveProgress(storage: StorageLike, data: ProgressData): boolean {
  try {
    storage.setItem(PROGRESS_KEY, JSON.stringify(data));
    return true;
  } catch {
    return false;
  }
}

/** The file a learner downloads: every lesson's progress, without the browser-only `active` field. */
export function exportProgress(data: ProgressData): string {
  return JSON.stringify({ kind: PROGRESS_KIND, version: 1, lessons: data.lessons }, null, 2) + "\n";
}

export type ImportResult = { ok: true; data: ProgressData; lessons: number; warnings: string[] } | { ok: false; error: string };

/** Reads a progress file and merges it into `current`; on any problem `current` is returned untouched. */
export function importProgress(text: string, fileName: string, lessons: readonly Lesson[], current: ProgressData): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `error: error parsing ${fileName}: ${(e as Error).message}` };
  }
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== "object" || Array.isArray(v) || v.kind !== PROGRESS_KIND) {
    return { ok: false, error: `error: unable to recognize "${fileName}": not a CIDR Lab progress file (expected "kind": "${PROGRESS_KIND}")` };
  }
  if (v.version !== 1) return { ok: false, error: `error: unable to recognize "${fileName}": version ${JSON.stringify(v.version)} is not supported (expected 1)` };
  const checked = checkProgressShape({ version: 1, active: null, lessons: v.lessons }, fileName);
  if (typeof checked === "string") return { ok: false, error: checked };

  const warnings: string[] = [];
  let data = current;
  let count = 0;
  for (const [id, incoming] of Object.entries(checked.lessons)) {
    const lesson = lessons.find((l) => l.id === id);
    if (!lesson) {
      warnings.push(`Warning: skipped lesson "${id}", which this version of CIDR Lab does not have`);
      continue;
    }
    const ids = stepIds(lesson);
    const unknown = [...incoming.done, ...Object.keys(incoming.hints), ...(incoming.current ? [incoming.current] : [])].filter((s) => !ids.includes(s));
    for (const s of new Set(unknown)) warnings.push(`Warning: skipped step "${s}" of lesson "${id}", which the lesson does not have`);
    const mine = data.lessons[id] ? progressOf(data, lesson) : null;
    const done = ids.filter((s) => incoming.done.includes(s) || mine?.done.includes(s));
    const hints: Record<string, number> = { ...(mine?.hints ?? {}) };
    for (const [s, n] of Object.entries(incoming.hints)) {
      const max = lesson.docs.en.steps.find((x) => x.id === s)?.hints.length;
      if (max !== undefined) hints[s] = Math.max(hints[s] ?? 0, Math.min(n, max));
    }
    const theirs = incoming.current && ids.includes(incoming.current) ? incoming.current : null;
    const further = [mine?.current ?? null, theirs].filter((s): s is string => s !== null).sort((a, b) => ids.indexOf(b) - ids.indexOf(a))[0];
    data = { ...data, lessons: { ...data.lessons, [id]: { current: further ?? ids[0]!, done, hints } } };
    count++;
  }
  return { ok: true, data, lessons: count, warnings };
}

/** Checks the stored shape; a string is the error, in kubectl's field-error style. */
function checkProgressShape(value: unknown, source: string): ProgressData | string {
  const invalid = (path: string, bad: unknown, why: string) => `error: error validating "${source}": ${path}: Invalid value: ${JSON.stringify(bad)}: ${why}`;
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== "object" || v.version !== 1) return invalid("version", v?.version, "must be 1");
  if (v.active !== null && v.active !== undefined && typeof v.active !== "string") return invalid("active", v.active, "must be a lesson id or null");
  const lessons = v.lessons;
  if (!lessons || typeof lessons !== "object" || Array.isArray(lessons)) return invalid("lessons", lessons, "must be an object keyed by lesson id");
  const out: Record<string, LessonProgress> = {};
  for (const [id, raw] of Object.entries(lessons as Record<string, unknown>)) {
    const at = `lessons.${id}`;
    const p = raw as Record<string, unknown> | null;
    if (!p || typeof p !== "object" || Array.isArray(p)) return invalid(at, raw, "must be an object with current, done and hints");
    if (p.current !== null && p.current !== undefined && typeof p.current !== "string") return invalid(`${at}.current`, p.current, "must be a step id");
    if (!Array.isArray(p.done)) return invalid(`${at}.done`, p.done, "must be a list of step ids");
    for (let i = 0; i < p.done.length; i++) if (typeof p.done[i] !== "string") return invalid(`${at}.done[${i}]`, p.done[i], "must be a step id");
    const hints = p.hints ?? {};
    if (typeof hints !== "object" || hints === null || Array.isArray(hints)) return invalid(`${at}.hints`, hints, "must be an object of step id to a number of hints");
    for (const [s, n] of Object.entries(hints)) {
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0) return invalid(`${at}.hints.${s}`, n, "must be a whole number of hints, 0 or more");
    }
    out[id] = { current: (p.current as string | null | undefined) ?? null, done: p.done as string[], hints: hints as Record<string, number> };
  }
  return { version: 1, active: (v.active as string | null | undefined) ?? null, lessons: out };
}

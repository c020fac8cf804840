/**
 * What the page keeps in the browser: the session (preset, seed, the journal of commands and the clock's
 * skew) and the terminal history. A save that does not parse or does not match the expected shape is
 * reported, moved aside under another key, and never fatal.
 */
import type { BootOptions, JournalEntry } from "../../worker/protocol.ts";

export const SESSION_KEY = "cidr-lab:session:v1";
export const HISTORY_KEY = "cidr-lab:history:v1";
const MAX_HISTORY = 1000;

export interface SavedSession {
  version: 1;
  options: BootOptions;
  journal: JournalEntry[];
  /** Virtual time minus wall time when saved (sleep and waits move the virtual clock ahead). */
  skew: number;
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type LoadResult = { session: SavedSession | null; corrupt?: string };

function isJournalEntry(e: unknown): e is JournalEntry {
  if (!e || typeof e !== "object") return false;
  const x = e as Record<string, unknown>;
  return typeof x.command === "string" && typeof x.at === "number" && Number.isFinite(x.at) && (x.abortAfter === undefined || (typeof x.abortAfter === "number" && x.abortAfter >= 0));
}

export function validateSession(v: unknown): SavedSession | string {
  if (!v || typeof v !== "object") return "not an object";
  const s = v as Record<string, unknown>;
  if (s.version !== 1) return `unknown version ${String(s.version)}`;
  const o = s.options as Record<string, unknown> | undefined;
  if (!o || typeof o.seed !== "number" || !Number.isInteger(o.seed) || (o.preset !== "default" && o.preset !== "none") || typeof o.startTime !== "number" || !Number.isFinite(o.startTime)) {
    return "bad options";
  }
  if (!Array.isArray(s.journal) || !s.journal.every(isJournalEntry)) return "bad journal";
  if (typeof s.skew !== "number" || !Number.isFinite(s.skew)) return "bad clock";
  return s as unknown as SavedSession;
}

export function loadSession(storage: StorageLike, now = Date.now()): LoadResult {
  const raw = storage.getItem(SESSION_KEY);
  if (raw === null) return { session: null };
  let problem: string;
  try {
    const v = validateSession(JSON.parse(raw));
    if (typeof v !== "string") return { session: v };
    problem = v;
  } catch (e) {
    problem = (e as Error).message;
  }
  // Set aside, never lost: the learner (or a bug report) can still find it.
  const aside = `${SESSION_KEY}:corrupt:${now}`;
  try {
    storage.setItem(aside, raw);
  } catch {
    // storage full: dropping the copy is all that is left
  }
  storage.removeItem(SESSION_KEY);
  return { session: null, corrupt: `${problem} (kept as ${aside})` };
}

export function saveSession(storage: StorageLike, session: SavedSession): boolean {
  try {
    storage.setItem(SESSION_KEY, JSON.stringify(session));
    return true;
  } catch {
    return false;
  }
}

export function loadHistory(storage: StorageLike): string[] {
  try {
    const v = JSON.parse(storage.getItem(HISTORY_KEY) ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string").slice(-MAX_HISTORY) : [];
  } catch {
    return [];
  }
}

export function saveHistory(storage: StorageLike, history: readonly string[]): void {
  try {
    storage.setItem(HISTORY_KEY, JSON.stringify(history.slice(-MAX_HISTORY)));
  } catch {
    // history is a convenience; losing it is acceptable
  }
}

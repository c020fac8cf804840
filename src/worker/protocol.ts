/**
 * Messages between the page and the engine worker. The page sends command lines and clock ticks; the
 * worker answers with output and with the store's change events, from which the page keeps its own
 * cache of objects (an informer), as a client of a real apiserver would.
 */
import type { KubeObject } from "../apiserver/machinery/object.ts";
import type { CompletionData } from "./completion-data.ts";

export interface JournalEntry {
  command: string;
  /** Virtual time at which it started. */
  at: number;
  /** For a command stopped with Ctrl+C: how many engine steps it had taken, so replay stops at the same point. */
  abortAfter?: number;
}

export interface BootOptions {
  seed: number;
  preset: "default" | "none";
  startTime: number;
}

export type ToWorker =
  | { type: "boot"; options: BootOptions; journal: JournalEntry[]; now: number }
  | { type: "run"; id: number; command: string; at: number }
  | { type: "tick"; at: number }
  | { type: "interrupt"; id: number };

export interface WireEvent {
  rv: number;
  type: "ADDED" | "MODIFIED" | "DELETED";
  resource: string;
  key: string;
  object: KubeObject;
  time: number;
  /** The user or component that made the change. */
  actor?: string;
}

export type FromWorker =
  | { type: "ready"; cwd: string; host: string; now: number; objects: WireEvent[]; replayed: number; completion: CompletionData }
  | { type: "events"; events: WireEvent[]; now: number }
  /** The cluster was replaced (kubeadm reset or init): drop the cache and load these objects. */
  | { type: "snapshot"; objects: WireEvent[]; now: number }
  | { type: "result"; id: number; output: string; exitCode: number; cwd: string; host: string; now: number; entry: JournalEntry; interrupted: boolean; completion: CompletionData }
  | { type: "fatal"; message: string };

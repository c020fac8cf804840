/**
 * Messages between the page and the engine worker. The page sends command lines and clock ticks; the
 * worker answers with output and with the store's change events, from which the page keeps its own
 * cache of objects (an informer), as a client of a real apiserver would.
 */
import type { KubeObject } from "../apiserver/machinery/object.ts";
import type { CompletionData } from "./completion-data.ts";
import type { AdmissionDecision } from "../apiserver/admission/validating-policy/decision.ts";
import type { Fence } from "../apiserver/admission/validating-policy/fences.ts";
import type { TraceResult } from "../proxy/trace.ts";

export type { AdmissionDecision };

/**
 * What the views need of the cluster beyond its objects: the running kube-apiserver's Service ranges
 * (the flag the default ServiceCIDR comes from) and the fences of bound admission policies.
 */
export interface ClusterInfo {
  /** Null when the terminal's kubeconfig points at no running cluster. */
  apiserver: { running: boolean; serviceClusterIPRange: string[] } | null;
  fences: Fence[];
  /** kube-controller-manager's --cluster-cidr and node mask sizes; null when it allocates no node CIDRs. */
  podNetwork?: { clusterCIDRs: string[]; nodeMaskSizes: number[] } | null;
  /** The packet the learner followed last (`kubectl exec POD -- curl ...`), for the packet path view. */
  packet?: PacketTrip | null;
}

/** One followed packet: the client pod (`namespace/name`), the URL, when, and the trip step by step. */
export interface PacketTrip {
  /** The lab cluster it was sent in. */
  cluster: string;
  from: string;
  to: string;
  at: number;
  result: TraceResult;
}

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
  | { type: "events"; events: WireEvent[]; now: number; decisions?: AdmissionDecision[] }
  /** Sent when it changes. */
  | { type: "cluster"; info: ClusterInfo }
  /** The cluster was replaced (kubeadm reset or init): drop the cache and load these objects. */
  | { type: "snapshot"; objects: WireEvent[]; now: number }
  | { type: "result"; id: number; output: string; exitCode: number; cwd: string; host: string; now: number; entry: JournalEntry; interrupted: boolean; completion: CompletionData }
  | { type: "fatal"; message: string };

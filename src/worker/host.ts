/**
 * EngineHost runs a Session for a worker (or a test): boots it, replays a journal, runs commands with
 * cooperative interruption, and collects the store's change events since the last report. It has no
 * worker globals, so it runs in Node too.
 */
import { Session } from "../shell/session.ts";
import type { StoreEvent } from "../apiserver/machinery/store.ts";
import type { AdmissionDecision, BootOptions, ClusterInfo, JournalEntry, WireEvent } from "./protocol.ts";
import { policyFences } from "../apiserver/admission/validating-policy/fences.ts";
import { nodeIPAMConfig } from "../apiserver/controllers/nodeipam-flags.ts";
import { latestTrace } from "../proxy/lab-world.ts";
import { VALIDATING_ADMISSION_POLICIES_KEY } from "../apiserver/registry/validatingadmissionpolicy/types.ts";
import { VALIDATING_ADMISSION_POLICY_BINDINGS_KEY } from "../apiserver/registry/validatingadmissionpolicybinding/types.ts";

const PROGRESS_MS = 100;

export class EngineHost {
  session!: Session;
  #sentRV = 0;
  #pending: StoreEvent[] = [];
  #unsubscribe: (() => void) | undefined;
  #steps = 0;
  #abortAt: number | undefined;
  #controller: AbortController | undefined;

  /**
   * Called while a long command runs, at most every PROGRESS_MS of real time, when there are changes to
   * report: a loop creating a thousand Services shows them arriving instead of all at the end.
   */
  onProgress: (() => void) | undefined;
  #lastProgress = 0;
  #replaying = false;

  constructor(
    private readonly yieldFn: () => Promise<void> = async () => {},
    private readonly progressMs = PROGRESS_MS,
  ) {}

  async boot(options: BootOptions, journal: readonly JournalEntry[], now: number): Promise<number> {
    this.session = await Session.create({ seed: options.seed, preset: options.preset, startTime: options.startTime });
    this.session.pause = () => this.#pause();
    this.#watch();
    let replayed = 0;
    this.#replaying = true;
    try {
      for (const e of journal) {
        await this.run(e.command, e.at, e.abortAfter);
        replayed++;
      }
    } finally {
      this.#replaying = false;
    }
    this.session.advanceTo(now);
    this.#pending = [];
    // Decisions made while replaying were shown in an earlier page; the trace starts empty.
    this.drainDecisions();
    return replayed;
  }

  /** Re-subscribes when kubeadm replaced the cluster (a new store). */
  #watch(): void {
    this.#unsubscribe?.();
    const store = this.session.cluster?.store;
    this.#unsubscribe = store?.subscribe((e) => this.#pending.push(e));
    this.#store = store;
  }
  #store: unknown;

  /** Every object the page should cache, as ADDED events. */
  snapshot(): WireEvent[] {
    const store = this.session.cluster?.store;
    if (!store) return [];
    const out: WireEvent[] = [];
    for (const resource of store.resources()) {
      for (const object of store.list(resource)) {
        out.push({ rv: Number(object.metadata.resourceVersion), type: "ADDED", resource, key: keyOf(object), object, time: this.session.clock.now() });
      }
    }
    this.#sentRV = store.resourceVersion();
    return out;
  }

  /** Runs a command; with `abortAfter`, stops it after that many engine steps (replaying a Ctrl+C). */
  async run(command: string, at: number, abortAfter?: number): Promise<{ output: string; exitCode: number; entry: JournalEntry; interrupted: boolean }> {
    this.session.advanceTo(at);
    this.#steps = 0;
    this.#abortAt = abortAfter;
    this.#controller = new AbortController();
    const r = await this.session.run(command, this.#controller.signal);
    const interrupted = this.#controller.signal.aborted;
    const entry: JournalEntry = { command, at, ...(interrupted ? { abortAfter: this.#steps } : {}) };
    this.#controller = undefined;
    this.#abortAt = undefined;
    this.#replaced = this.session.cluster?.store !== this.#store;
    if (this.#replaced) this.#watch();
    return { output: r.output, exitCode: interrupted ? 130 : r.exitCode, entry, interrupted };
  }

  interrupt(): void {
    this.#controller?.abort();
  }

  tick(at: number): void {
    this.session.advanceTo(at);
  }

  /** Store changes since the last call, as the page's informer wants them. */
  drain(): WireEvent[] {
    const out = this.#pending.map(
      (e): WireEvent => ({ rv: e.rv, type: e.type, resource: e.resource, key: e.key, object: e.object, time: e.time, ...(e.actor ? { actor: e.actor } : {}) }),
    );
    this.#pending = [];
    if (out.length) this.#sentRV = out[out.length - 1]!.rv;
    return out;
  }

  /** Admission policy decisions since the last call (a new apiserver starts a new log). */
  drainDecisions(): AdmissionDecision[] {
    const api = this.session.cluster?.apiserver;
    const all = api?.admissionDecisions ?? [];
    const from = api === this.#decisionSource && this.#lastDecision ? all.lastIndexOf(this.#lastDecision) + 1 : 0;
    this.#decisionSource = api;
    if (all.length) this.#lastDecision = all[all.length - 1];
    return all.slice(from);
  }
  #decisionSource: unknown;
  #lastDecision: AdmissionDecision | undefined;

  /** The running kube-apiserver's Service ranges and the bound policies' fences, for the views. */
  clusterInfo(): ClusterInfo {
    const cluster = this.session.cluster;
    // The trip outlives a change of kubeconfig context: it names the cluster it was sent in.
    const packet = latestTrace(this.session.lab);
    if (!cluster) return { apiserver: null, fences: [], packet };
    const api = cluster.apiserver;
    const store = cluster.store;
    const fences = policyFences(store.list(VALIDATING_ADMISSION_POLICIES_KEY), store.list(VALIDATING_ADMISSION_POLICY_BINDINGS_KEY), (apiVersion, kind) =>
      store.resources().flatMap((r) => store.list(r).filter((o) => o.kind === kind && o.apiVersion === apiVersion)),
    );
    let podNetwork: ClusterInfo["podNetwork"] = null;
    try {
      const ipam = cluster.controllerManager ? nodeIPAMConfig(cluster.controllerManager.flags) : null;
      if (ipam) podNetwork = { clusterCIDRs: ipam.clusterCIDRs.map((c) => c.toString()), nodeMaskSizes: [...ipam.nodeMaskSizes] };
    } catch {
      // A running controller-manager has flags that passed these checks; a failing one shows no pod network.
    }
    return { apiserver: { running: api !== null, serviceClusterIPRange: api ? [...api.ranges.cidrs] : [] }, fences, podNetwork, packet };
  }

  get sentResourceVersion(): number {
    return this.#sentRV;
  }

  /**
   * Called by engine commands before each step: lets the worker see Ctrl+C, and makes a replay stop where
   * the original run was stopped. False means: stop, the command line was interrupted.
   */
  async #pause(): Promise<boolean> {
    if (this.#abortAt !== undefined && this.#steps >= this.#abortAt) {
      this.#controller?.abort();
      return false;
    }
    await this.yieldFn();
    if (this.#controller?.signal.aborted) return false;
    this.#steps++;
    if (this.onProgress && !this.#replaying && this.#pending.length > 0) {
      const now = performance.now();
      if (now - this.#lastProgress >= this.progressMs) {
        this.#lastProgress = now;
        this.onProgress();
      }
    }
    return true;
  }

  /** Whether the last run replaced the cluster (kubeadm reset/init): the page must drop its cache. */
  get clusterReplaced(): boolean {
    return this.#replaced;
  }
  #replaced = false;
}

function keyOf(o: { metadata: { namespace?: string; name?: string } }): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!;
}

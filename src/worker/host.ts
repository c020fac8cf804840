/**
 * EngineHost runs a Session for a worker (or a test): boots it, replays a journal, runs commands with
 * cooperative interruption, and collects the store's change events since the last report. It has no
 * worker globals, so it runs in Node too.
 */
import { Session } from "../shell/session.ts";
import type { StoreEvent } from "../apiserver/machinery/store.ts";
import type { BootOptions, JournalEntry, WireEvent } from "./protocol.ts";

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

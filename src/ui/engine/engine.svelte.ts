/**
 * Engine is the page's side of the engine worker: it boots or restores the session, sends command lines
 * and clock ticks, keeps the informer cache the views read, records the journal that saving, reloading
 * and Ctrl+C recovery replay, and never lets the page wait on a stuck worker.
 */
import type { AdmissionDecision, BootOptions, ClusterInfo, FromWorker, JournalEntry, ToWorker, WireEvent } from "../../worker/protocol.ts";
import type { CompletionData } from "../../worker/completion-data.ts";
import { applyEvents, EMPTY_CACHE, type CacheSnapshot } from "./informer.ts";
import { loadSession, saveSession, SESSION_KEY, type SavedSession, type StorageLike } from "./persistence.ts";

export interface TraceEntry {
  id: number;
  /** The command line, or null for what controllers did later on their own. */
  command: string | null;
  at: number;
  events: WireEvent[];
  /** Requests an admission policy refused, warned about or audited. */
  decisions?: AdmissionDecision[];
}

export interface RunResult {
  output: string;
  exitCode: number;
  interrupted: boolean;
}

type WorkerFactory = () => Worker;

const TICK_MS = 1000;
/** How long Ctrl+C waits for the worker to stop cooperatively before it is replaced. */
const INTERRUPT_GRACE_MS = 400;
const MAX_TRACE = 200;

export class Engine {
  cache = $state.raw<CacheSnapshot>(EMPTY_CACHE);
  ready = $state(false);
  busy = $state(false);
  cwd = $state("/root");
  /** The machine the terminal is on (ssh moves it). */
  host = $state("controlplane");
  /** Virtual time of the cluster (drives ages in the views). */
  now = $state(0);
  /** Something the learner should know (a corrupt save set aside, a worker restarted). */
  notice = $state<string | null>(null);
  trace = $state.raw<TraceEntry[]>([]);
  completion = $state.raw<CompletionData | null>(null);
  /** The running kube-apiserver's Service ranges and the policy fences (for the views). */
  clusterInfo = $state.raw<ClusterInfo | null>(null);
  /** The commands that made the cluster, oldest first: the timeline. */
  timeline = $state.raw<readonly JournalEntry[]>([]);
  /** Commands taken back by undo, the next one to redo last. */
  undone = $state.raw<readonly JournalEntry[]>([]);

  #worker: Worker | null = null;
  #options: BootOptions;
  #journal: JournalEntry[] = [];
  #skew = 0;
  #nextId = 1;
  #pending = new Map<number, (r: RunResult) => void>();
  #bootResolve: (() => void) | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #running: { id: number; command: string } | null = null;

  constructor(
    private readonly factory: WorkerFactory,
    private readonly storage: StorageLike,
    defaults: BootOptions,
  ) {
    this.#options = defaults;
  }

  get seed(): number {
    return this.#options.seed;
  }

  get journal(): readonly JournalEntry[] {
    return this.#journal;
  }

  /** Restores the saved session (or starts the default one) and starts the clock. */
  start(shared?: SavedSession): Promise<void> {
    this.#starting ??= this.#start(shared);
    return this.#starting;
  }
  #starting: Promise<void> | null = null;

  async #start(shared?: SavedSession): Promise<void> {
    // A shared link wins over what this browser kept; the kept session is not touched until the first
    // command of the shared one saves over it.
    const loaded = shared ? { session: shared } : loadSession(this.storage);
    if ("corrupt" in loaded && loaded.corrupt) this.notice = `saved-session-corrupt:${loaded.corrupt}`;
    if (loaded.session) {
      this.#options = loaded.session.options;
      this.#journal = [...loaded.session.journal];
      this.#skew = loaded.session.skew;
      this.timeline = [...this.#journal];
    } else {
      this.#options = { ...this.#options, startTime: Date.now() };
    }
    await this.#boot();
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#worker?.terminate();
    this.#worker = null;
  }

  /** A fresh session: same preset, a new start; the journal is cleared. */
  async reset(options?: Partial<BootOptions>): Promise<void> {
    this.#options = { ...this.#options, ...options, startTime: Date.now() };
    this.#journal = [];
    this.#skew = 0;
    this.storage.removeItem(SESSION_KEY);
    this.trace = [];
    this.timeline = [];
    this.undone = [];
    await this.#boot();
  }

  /** The session as saved: what a share link or an export file carries. */
  snapshot(): SavedSession {
    return { version: 1, options: this.#options, journal: [...this.#journal], skew: this.#skew };
  }

  /** Replaces the session with an imported one (a file, a link). */
  async load(session: SavedSession): Promise<void> {
    this.#options = session.options;
    this.#journal = [...session.journal];
    this.#skew = session.skew;
    this.undone = [];
    await this.#rebuild();
  }

  /**
   * Takes back the last command: the cluster is rebuilt by replaying the journal without it on the same
   * seed, which gives exactly the state that command started from (the engine is deterministic), at the
   * cost of replay time rather than a copy of the cluster per command. Returns the command, or null.
   */
  async undo(): Promise<string | null> {
    return this.restore(this.#journal.length - 1);
  }

  async redo(): Promise<string | null> {
    if (!this.undone.length || this.busy) return null;
    const next = this.undone[this.undone.length - 1]!;
    this.undone = this.undone.slice(0, -1);
    this.#journal.push(next);
    await this.#rebuild();
    return next.command;
  }

  /**
   * Goes back to the point after the first `count` commands; the later ones can be redone in order.
   * Returns the first command taken back, or null when there is nothing to take back.
   */
  async restore(count: number): Promise<string | null> {
    if (count < 0 || count >= this.#journal.length || this.busy) return null;
    const taken = this.#journal.splice(count);
    this.undone = [...this.undone, ...taken.reverse()];
    await this.#rebuild();
    return taken[taken.length - 1]!.command;
  }

  /**
   * Moves to the point after the first `count` commands of the whole timeline (done and undone): back
   * like restore, or forward through what was undone, with one rebuild either way. The timeline slider.
   */
  async goTo(count: number): Promise<void> {
    if (this.busy) return;
    if (count < this.#journal.length) {
      await this.restore(count);
      return;
    }
    const forward = count - this.#journal.length;
    if (forward <= 0 || forward > this.undone.length) return;
    const next = this.undone.slice(-forward).reverse();
    this.undone = this.undone.slice(0, this.undone.length - forward);
    this.#journal.push(...next);
    await this.#rebuild();
  }

  async #rebuild(): Promise<void> {
    this.timeline = [...this.#journal];
    this.trace = [];
    this.#save();
    await this.#boot();
  }

  async run(command: string): Promise<RunResult> {
    // A command typed while the page is still loading waits for the worker to exist; the worker itself
    // queues it behind its boot.
    if (!this.#worker) await this.start();
    const id = this.#nextId++;
    this.busy = true;
    this.#running = { id, command };
    this.trace = [...this.trace.slice(-MAX_TRACE + 1), { id, command, at: this.#virtualNow(), events: [] }];
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#post({ type: "run", id, command, at: this.#virtualNow() });
    });
  }

  /** Ctrl+C: ask the worker to stop; if it does not answer soon, replace it and replay the journal. */
  interrupt(): void {
    const running = this.#running;
    if (!running) return;
    this.#post({ type: "interrupt", id: running.id });
    setTimeout(() => {
      if (this.#running?.id !== running.id) return;
      const resolve = this.#pending.get(running.id);
      this.#pending.delete(running.id);
      this.#running = null;
      this.busy = false;
      this.notice = "worker-restarted";
      void this.#boot().then(() => resolve?.({ output: "", exitCode: 130, interrupted: true }));
    }, INTERRUPT_GRACE_MS);
  }

  #virtualNow(): number {
    return Date.now() + this.#skew;
  }

  #post(msg: ToWorker): void {
    this.#worker?.postMessage(msg);
  }

  #boot(): Promise<void> {
    this.#worker?.terminate();
    this.ready = false;
    const worker = this.factory();
    this.#worker = worker;
    worker.onmessage = (ev: MessageEvent<FromWorker>) => this.#onMessage(ev.data);
    worker.onerror = (ev) => {
      this.notice = `worker-error:${ev.message}`;
    };
    return new Promise((resolve) => {
      this.#bootResolve = resolve;
      this.#post({ type: "boot", options: this.#options, journal: this.#journal, now: this.#virtualNow() });
    });
  }

  #tick(): void {
    if (!this.ready || this.busy) return;
    this.#post({ type: "tick", at: this.#virtualNow() });
  }

  #save(): void {
    saveSession(this.storage, { version: 1, options: this.#options, journal: this.#journal, skew: this.#skew });
  }

  #onMessage(msg: FromWorker): void {
    switch (msg.type) {
      case "ready":
        this.cache = applyEvents(EMPTY_CACHE, msg.objects, true);
        this.cwd = msg.cwd;
        this.host = msg.host;
        this.now = msg.now;
        this.completion = msg.completion;
        this.ready = true;
        this.#bootResolve?.();
        this.#bootResolve = null;
        break;
      case "snapshot":
        this.cache = applyEvents(EMPTY_CACHE, msg.objects, true);
        this.now = msg.now;
        break;
      case "events": {
        this.cache = applyEvents(this.cache, msg.events);
        this.now = msg.now;
        const running = this.#running;
        const last = this.trace[this.trace.length - 1];
        const decisions = msg.decisions ?? [];
        if (running && last?.id === running.id) {
          this.trace = [...this.trace.slice(0, -1), { ...last, events: [...last.events, ...msg.events], ...(decisions.length ? { decisions: [...(last.decisions ?? []), ...decisions] } : {}) }];
        } else {
          this.trace = [...this.trace.slice(-MAX_TRACE + 1), { id: this.#nextId++, command: null, at: msg.now, events: msg.events, ...(decisions.length ? { decisions } : {}) }];
        }
        break;
      }
      case "cluster":
        this.clusterInfo = msg.info;
        break;
      case "result": {
        this.#journal.push(msg.entry);
        this.timeline = [...this.#journal];
        // A new command after undo starts a new branch: what was undone cannot be redone on top of it.
        this.undone = [];
        this.#skew = Math.max(this.#skew, msg.now - Date.now());
        this.cwd = msg.cwd;
        this.host = msg.host;
        this.now = msg.now;
        this.completion = msg.completion;
        this.#save();
        const resolve = this.#pending.get(msg.id);
        this.#pending.delete(msg.id);
        if (this.#running?.id === msg.id) this.#running = null;
        this.busy = false;
        resolve?.({ output: msg.output, exitCode: msg.exitCode, interrupted: msg.interrupted });
        break;
      }
      case "fatal":
        this.notice = `worker-error:${msg.message}`;
        break;
    }
  }
}

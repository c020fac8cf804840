/**
 * WorkQueue and Controller: the client-go pattern the sandbox's reconcilers follow. Event handlers only
 * enqueue keys; one idempotent sync per key does the work; delayed retries go through the virtual clock.
 */
import type { VirtualClock, TimerHandle } from "../machinery/clock.ts";

export interface Controller {
  readonly name: string;
  /** Processes one queued key; false when the queue is empty. */
  processNext(): boolean;
  stop(): void;
}

export class WorkQueue {
  readonly #items: string[] = [];
  readonly #queued = new Set<string>();
  readonly #timers = new Map<string, TimerHandle>();

  constructor(private readonly clock: VirtualClock, private readonly label: string) {}

  add(key: string): void {
    if (this.#queued.has(key)) return;
    this.#queued.add(key);
    this.#items.push(key);
  }

  /** AddAfter: the key comes back when the virtual clock reaches the delay. */
  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) return this.add(key);
    const existing = this.#timers.get(key);
    if (existing && existing.at <= this.clock.now() + delayMs) return;
    this.clock.cancel(existing);
    this.#timers.set(
      key,
      this.clock.after(delayMs, `${this.label}:${key}`, () => {
        this.#timers.delete(key);
        this.add(key);
      }),
    );
  }

  pop(): string | undefined {
    const k = this.#items.shift();
    if (k !== undefined) this.#queued.delete(k);
    return k;
  }

  get length(): number {
    return this.#items.length;
  }

  shutdown(): void {
    for (const t of this.#timers.values()) this.clock.cancel(t);
    this.#timers.clear();
    this.#items.length = 0;
    this.#queued.clear();
  }
}

/** A queue-driven controller: subclasses implement sync(key) and wire handlers in their constructor. */
export abstract class QueueController implements Controller {
  protected readonly queue: WorkQueue;
  readonly #stops: (() => void)[] = [];
  #failures = new Map<string, number>();

  constructor(readonly name: string, protected readonly clock: VirtualClock) {
    this.queue = new WorkQueue(clock, name);
  }

  protected onStop(fn: () => void): void {
    this.#stops.push(fn);
  }

  protected abstract sync(key: string): void;

  processNext(): boolean {
    const key = this.queue.pop();
    if (key === undefined) return false;
    try {
      this.sync(key);
      this.#failures.delete(key);
    } catch {
      // Rate-limited retry: 5 ms doubling, as client-go's default item backoff, capped at 15 retries.
      const n = (this.#failures.get(key) ?? 0) + 1;
      this.#failures.set(key, n);
      if (n <= 15) this.queue.addAfter(key, Math.min(5 * 2 ** (n - 1), 1000_000));
    }
    return true;
  }

  stop(): void {
    this.queue.shutdown();
    for (const s of this.#stops) s();
  }
}

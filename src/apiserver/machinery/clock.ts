/**
 * VirtualClock is the cluster's only source of time. Controllers schedule work on it instead of using
 * setTimeout, so the same commands always give the same timestamps, ages and delays (the ServiceCIDR
 * controller's 10 s grace, the kubelet's restart back-off). `advance` fires due timers in order, one at a
 * time, so that every timer sees the clock at the instant it was due.
 */
export interface TimerHandle {
  readonly id: number;
  readonly at: number;
  readonly label: string;
}

interface Timer extends TimerHandle {
  readonly fire: () => void;
  readonly seq: number;
}

export interface ClockState {
  now: number;
  nextId: number;
}

export class VirtualClock {
  #now: number;
  #nextId = 1;
  #timers: Timer[] = [];

  constructor(startMs: number) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  /** Schedules fn at an absolute virtual time; timers at the same instant fire in the order they were set. */
  at(atMs: number, label: string, fire: () => void): TimerHandle {
    const timer: Timer = { id: this.#nextId, seq: this.#nextId, at: Math.max(atMs, this.#now), label, fire };
    this.#nextId++;
    // Timers are few (one per controller loop or pending finalizer), so a sorted insert is plenty.
    let i = this.#timers.length;
    while (i > 0 && this.#timers[i - 1]!.at > timer.at) i--;
    this.#timers.splice(i, 0, timer);
    return timer;
  }

  after(delayMs: number, label: string, fire: () => void): TimerHandle {
    return this.at(this.#now + delayMs, label, fire);
  }

  cancel(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const i = this.#timers.findIndex((t) => t.id === handle.id);
    if (i >= 0) this.#timers.splice(i, 1);
  }

  /** The virtual time of the next pending timer, if any. */
  nextDue(): number | undefined {
    return this.#timers[0]?.at;
  }

  pending(): readonly TimerHandle[] {
    return this.#timers;
  }

  /**
   * Fires the earliest timer if it is due at or before `limitMs`, moving the clock to its time.
   * Returns false when nothing is due; callers interleave this with draining controller queues.
   */
  fireNext(limitMs: number): boolean {
    const next = this.#timers[0];
    if (!next || next.at > limitMs) return false;
    this.#timers.shift();
    if (next.at > this.#now) this.#now = next.at;
    next.fire();
    return true;
  }

  /** Moves the clock forward without firing anything; the caller fires due timers first. */
  setNow(ms: number): void {
    if (ms > this.#now) this.#now = ms;
  }

  /** Removes every timer (a cluster that is torn down leaves none behind). */
  clear(filter?: (t: TimerHandle) => boolean): void {
    this.#timers = filter ? this.#timers.filter((t) => !filter(t)) : [];
  }
}

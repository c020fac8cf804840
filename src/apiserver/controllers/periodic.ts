/**
 * A controller that runs on a fixed period of the virtual clock, as the apiserver's bootstrap loops do
 * (wait.Until with a 10 s period): due at start, then once per period. A failing run is retried on the
 * next period, never thrown into the loop that drives every controller.
 */
import type { TimerHandle, VirtualClock } from "../machinery/clock.ts";
import type { Controller } from "./queue.ts";

export abstract class PeriodicController implements Controller {
  #timer: TimerHandle | undefined;
  #due = true;

  constructor(
    readonly name: string,
    protected readonly clock: VirtualClock,
    private readonly periodMs: number,
  ) {
    this.#schedule();
  }

  /** One pass of the loop. */
  abstract sync(): void;

  processNext(): boolean {
    if (!this.#due) return false;
    this.#due = false;
    try {
      this.sync();
    } catch {
      // Upstream logs and waits for the next period.
    }
    return true;
  }

  stop(): void {
    this.clock.cancel(this.#timer);
  }

  #schedule(): void {
    this.#timer = this.clock.after(this.periodMs, this.name, () => {
      this.#due = true;
      this.#schedule();
    });
  }
}

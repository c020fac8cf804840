/** The apiserver's system namespaces controller: default, kube-system, kube-public and kube-node-lease always exist. */
import type { ApiClient } from "../client.ts";
import type { VirtualClock, TimerHandle } from "../machinery/clock.ts";
import { isStatusError } from "../machinery/errors.ts";
import { SYSTEM_NAMESPACES } from "../registry/namespace/types.ts";
import { APISERVER_USER } from "./default-servicecidr.ts";
import type { Controller } from "./queue.ts";

const NAMESPACES = { group: "", version: "v1", resource: "namespaces" };
const INTERVAL_MS = 60_000;

export class SystemNamespacesController implements Controller {
  readonly name = "system-namespaces-controller";
  #timer: TimerHandle | undefined;
  #due = true;

  constructor(private readonly client: ApiClient, private readonly clock: VirtualClock) {
    this.#schedule();
  }

  processNext(): boolean {
    if (!this.#due) return false;
    this.#due = false;
    for (const name of SYSTEM_NAMESPACES) {
      try {
        this.client.get(NAMESPACES, undefined, name);
      } catch (e) {
        if (!isStatusError(e) || e.reason !== "NotFound") continue;
        try {
          this.client.create(NAMESPACES, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name } }, { user: APISERVER_USER });
        } catch {
          // retried on the next tick
        }
      }
    }
    return true;
  }

  stop(): void {
    this.clock.cancel(this.#timer);
  }

  #schedule(): void {
    this.#timer = this.clock.after(INTERVAL_MS, this.name, () => {
      this.#due = true;
      this.#schedule();
    });
  }
}

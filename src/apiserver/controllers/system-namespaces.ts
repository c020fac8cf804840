/** The apiserver's system namespaces controller: default, kube-system, kube-public and kube-node-lease always exist. */
import type { ApiClient } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { isStatusError } from "../machinery/errors.ts";
import { SYSTEM_NAMESPACES } from "../registry/namespace/types.ts";
import { APISERVER_USER } from "./default-servicecidr.ts";
import { PeriodicController } from "./periodic.ts";

const NAMESPACES = { group: "", version: "v1", resource: "namespaces" };
const INTERVAL_MS = 60_000;

export class SystemNamespacesController extends PeriodicController {
  constructor(
    private readonly client: ApiClient,
    clock: VirtualClock,
  ) {
    super("system-namespaces-controller", clock, INTERVAL_MS);
  }

  sync(): void {
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
  }
}

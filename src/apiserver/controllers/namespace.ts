/**
 * The controller-manager's namespace controller (pkg/controller/namespace): empties a terminating
 * namespace, then removes its `kubernetes` finalizer so the namespace can go.
 */
import type { ApiClient } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { isStatusError } from "../machinery/errors.ts";
import type { Namespace } from "../registry/namespace/types.ts";
import { QueueController } from "./queue.ts";

const NAMESPACES = { group: "", version: "v1", resource: "namespaces" };
const USER = { username: "system:serviceaccount:kube-system:namespace-controller", groups: ["system:serviceaccounts", "system:authenticated"] };

export class NamespaceController extends QueueController {
  constructor(private readonly client: ApiClient, clock: VirtualClock) {
    super("namespace-controller", clock);
    for (const ns of client.list(NAMESPACES, undefined).items) if (ns.metadata.deletionTimestamp) this.queue.add(ns.metadata.name!);
    this.onStop(
      client.watch(NAMESPACES, (t, obj) => {
        if (t !== "DELETED" && obj.metadata.deletionTimestamp) this.queue.add(obj.metadata.name!);
      }),
    );
  }

  protected sync(name: string): void {
    let ns: Namespace;
    try {
      ns = this.client.get(NAMESPACES, undefined, name) as Namespace;
    } catch (e) {
      if (isStatusError(e) && e.reason === "NotFound") return;
      throw e;
    }
    if (!ns.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const list of this.client.discovery()) {
      const [group, version] = list.groupVersion.includes("/") ? list.groupVersion.split("/") : ["", list.groupVersion];
      for (const r of list.resources) {
        if (!r.namespaced || !r.verbs.includes("delete")) continue;
        const gvr = { group: group!, version: version!, resource: r.name };
        for (const obj of this.client.list(gvr, name).items) {
          remaining++;
          try {
            this.client.delete(gvr, name, obj.metadata.name!, { user: USER });
          } catch {
            // retried when the namespace is synced again
          }
        }
      }
    }
    if (remaining > 0) {
      // Objects held by finalizers go later; look again shortly.
      this.queue.addAfter(name, 1000);
      const left = this.client.discovery().some((l) => l.resources.some((r) => r.namespaced && this.client.list(gvrOf(l.groupVersion, r.name), name).items.length));
      if (left) return;
    }
    if (ns.spec?.finalizers?.length) {
      this.client.update(NAMESPACES, undefined, { ...ns, spec: { finalizers: [] } } as Namespace, { user: USER, subresource: "finalize" });
    }
    this.client.delete(NAMESPACES, undefined, name, { user: USER });
  }
}

function gvrOf(groupVersion: string, resource: string) {
  const [group, version] = groupVersion.includes("/") ? groupVersion.split("/") : ["", groupVersion];
  return { group: group!, version: version!, resource };
}

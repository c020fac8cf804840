/**
 * EventRecorder writes core/v1 Events the way client-go's recorder does: one object per
 * (object, reason, message, source), named `<object>.<hex nanoseconds>`, counted up when repeated.
 * Events about cluster-scoped objects land in the `default` namespace.
 */
import type { ApiClient } from "../client.ts";
import type { KubeObject } from "../machinery/object.ts";
import { rfc3339 } from "../machinery/time.ts";
import type { Event } from "../registry/event/types.ts";

const EVENTS = { group: "", version: "v1", resource: "events" };
const SYSTEM = { username: "system:kube-controller-manager", groups: ["system:authenticated"] };

export class EventRecorder {
  readonly #seen = new Map<string, string>();

  constructor(
    private readonly client: () => ApiClient,
    private readonly component: string,
    private readonly host = "",
  ) {}

  event(obj: KubeObject, type: "Normal" | "Warning", reason: string, message: string): void {
    const api = this.client();
    const now = api.now();
    const ns = obj.metadata.namespace || "default";
    const key = `${obj.kind}/${ns}/${obj.metadata.name}/${reason}/${message}`;
    const existing = this.#seen.get(key);
    try {
      if (existing) {
        const ev = api.get(EVENTS, ns, existing) as Event;
        api.update(EVENTS, ns, { ...ev, count: ev.count + 1, lastTimestamp: rfc3339(now) } as Event, { user: SYSTEM });
        return;
      }
    } catch {
      // The event expired or was deleted: record a fresh one.
    }
    const name = `${obj.metadata.name}.${(BigInt(now) * 1_000_000n).toString(16)}`;
    const ev: Event = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace: ns },
      involvedObject: {
        kind: obj.kind,
        ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
        name: obj.metadata.name!,
        uid: obj.metadata.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: obj.metadata.resourceVersion,
      },
      reason,
      message,
      source: { component: this.component, ...(this.host ? { host: this.host } : {}) },
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.component,
      reportingInstance: this.host,
    };
    try {
      api.create(EVENTS, ns, ev, { user: SYSTEM });
      this.#seen.set(key, name);
    } catch {
      // Events are best effort, as upstream: a refused event is dropped.
    }
  }
}

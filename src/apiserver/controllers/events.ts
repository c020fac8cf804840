/**
 * EventRecorder writes core/v1 Events the way client-go's recorder does: one object per
 * (object, reason, message, source), named `<object>.<hex nanoseconds>`, counted up when repeated.
 * Events about cluster-scoped objects land in the `default` namespace.
 */
import type { ApiClient } from "../client.ts";
import type { KubeObject } from "../machinery/object.ts";
import { rfc3339 } from "../machinery/time.ts";
import { StatusError } from "../machinery/errors.ts";
import type { Event } from "../registry/event/types.ts";

const EVENTS = { group: "", version: "v1", resource: "events" };
const SYSTEM = { username: "system:kube-controller-manager", groups: ["system:authenticated"] };

export class EventRecorder {
  readonly #seen = new Map<string, string>();
  #seq = 0;

  constructor(
    private readonly client: () => ApiClient,
    private readonly component: string,
    private readonly host = "",
    private readonly user: { username: string; groups: string[] } = SYSTEM,
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
        api.update(EVENTS, ns, { ...ev, count: ev.count + 1, lastTimestamp: rfc3339(now) } as Event, { user: this.user });
        return;
      }
    } catch {
      // The event expired or was deleted: record a fresh one.
    }
    // Upstream names carry nanoseconds, so two events at the same millisecond still differ. Here the
    // clock has milliseconds: another recorder may already have taken a name, so step to the next one.
    for (let attempt = 0; attempt < 32; attempt++) {
      const name = `${obj.metadata.name}.${(BigInt(now) * 1_000_000n + BigInt(this.#seq++ % 1_000_000)).toString(16)}`;
      try {
        api.create(EVENTS, ns, this.#build(obj, ns, name, now, type, reason, message), { user: this.user });
        this.#seen.set(key, name);
        return;
      } catch (e) {
        // Events are best effort, as upstream: a refused event is dropped.
        if (!(e instanceof StatusError && e.reason === "AlreadyExists")) return;
      }
    }
  }

  #build(obj: KubeObject, ns: string, name: string, now: number, type: "Normal" | "Warning", reason: string, message: string): Event {
    return {
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
  }
}

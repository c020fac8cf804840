/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): creates pods from the template
 * until spec.replicas of them are active, deletes the lowest-ranked when there are too many, and
 * reports replicas, fullyLabeledReplicas, readyReplicas and availableReplicas. Creation stops at the
 * first refused pod (FailedCreate), as the slow-start batches stop at their first error.
 */
import type { ApiClient } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { deepEqual, objectKey } from "../machinery/object.ts";
import { parseTime } from "../machinery/time.ts";
import type { ReplicaSet } from "../registry/replicaset/types.ts";
import { isPodReady, controllerOf, type Pod } from "../registry/pod/types.ts";
import { selectorOf } from "../registry/deployment/workload.ts";
import type { EventRecorder } from "./events.ts";
import { Informer } from "./informer.ts";
import { QueueController } from "./queue.ts";
import { errorMessageOf, isActive, podFromTemplate, podsToDelete } from "./replicaset-pods.ts";
import { PODS } from "./scheduler.ts";

export const REPLICA_SETS = { group: "apps", version: "v1", resource: "replicasets" };
const USER = { username: "system:serviceaccount:kube-system:replicaset-controller", groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"] };

/** Pods by the uid of their controlling owner, the index every workload controller needs. */
export const byController = (o: { metadata: { ownerReferences?: { controller?: boolean; uid: string }[] } }) => {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? [ref.uid] : [];
};

/** Ready for minReadySeconds (podutil.IsPodAvailable). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = parseTime(pod.status?.conditions?.find((c) => c.type === "Ready")?.lastTransitionTime) ?? now;
  return since + minReadySeconds * 1000 <= now;
}

export class ReplicaSetController extends QueueController {
  readonly #pods: Informer<Pod>;
  readonly #sets: Informer<ReplicaSet>;

  constructor(
    private readonly client: ApiClient,
    clock: VirtualClock,
    private readonly events: EventRecorder,
  ) {
    super("replicaset-controller", clock);
    this.#sets = new Informer<ReplicaSet>(client, REPLICA_SETS);
    this.#pods = new Informer<Pod>(client, PODS, { owner: byController });
    for (const rs of this.#sets.list()) this.queue.add(key(rs));
    this.#sets.onEvent((type, rs) => type !== "DELETED" && this.queue.add(key(rs)));
    this.#pods.onEvent((_t, pod, old) => {
      for (const p of [pod, old]) {
        const ref = p && controllerOf(p);
        if (ref?.kind === "ReplicaSet") this.queue.add(objectKey(p!.metadata.namespace, ref.name));
      }
    });
    this.onStop(() => {
      this.#pods.stop();
      this.#sets.stop();
    });
  }

  protected sync(k: string): void {
    const [ns, name] = k.split("/") as [string, string];
    const rs = this.#sets.get(ns, name);
    if (!rs) return;
    const owned = this.#pods.byIndex("owner", rs.metadata.uid!);
    const active = owned.filter(isActive);
    const want = rs.spec.replicas ?? 1;
    if (!rs.metadata.deletionTimestamp && active.length < want && rs.spec.template) {
      for (let i = active.length; i < want; i++) {
        try {
          const created = this.client.create(PODS, ns, podFromTemplate(rs.spec.template, rs), { user: USER });
          this.events.event(rs, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata.name}`);
        } catch (e) {
          this.events.event(rs, "Warning", "FailedCreate", `Error creating: ${errorMessageOf(e)}`);
          break;
        }
      }
    } else if (!rs.metadata.deletionTimestamp && active.length > want) {
      for (const pod of podsToDelete(active, active.length - want)) {
        try {
          this.client.delete(PODS, ns, pod.metadata.name!, { user: USER });
          this.events.event(rs, "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata.name}`);
        } catch (e) {
          this.events.event(rs, "Warning", "FailedDelete", `Error deleting: ${errorMessageOf(e)}`);
        }
      }
    }
    this.#updateStatus(rs);
  }

  /** calculateStatus over the pods the ReplicaSet owns now. */
  #updateStatus(rs: ReplicaSet): void {
    const now = this.clock.now();
    const active = this.#pods.byIndex("owner", rs.metadata.uid!).filter(isActive);
    const template = selectorOf({ matchLabels: rs.spec.template?.metadata?.labels ?? {} });
    const minReady = rs.spec.minReadySeconds ?? 0;
    const status = {
      ...rs.status,
      replicas: active.length,
      fullyLabeledReplicas: active.filter((p) => template.matches(p.metadata.labels)).length,
      readyReplicas: active.filter(isPodReady).length,
      availableReplicas: active.filter((p) => isPodAvailable(p, minReady, now)).length,
      observedGeneration: rs.metadata.generation,
    };
    // A pod becomes available minReadySeconds after it became ready: look again then.
    if (minReady && status.readyReplicas > status.availableReplicas) this.queue.addAfter(key(rs), minReady * 1000);
    if (deepEqual(status, rs.status)) return;
    this.client.update(REPLICA_SETS, rs.metadata.namespace, { ...rs, status } as ReplicaSet, { user: USER, subresource: "status" });
  }
}

function key(o: { metadata: { namespace?: string; name?: string } }): string {
  return objectKey(o.metadata.namespace, o.metadata.name!);
}

/**
 * The Deployment controller (pkg/controller/deployment): one ReplicaSet per distinct pod template,
 * named `<deployment>-<pod-template-hash>`, scaled up and down as the RollingUpdate or Recreate
 * strategy allows, old ReplicaSets beyond revisionHistoryLimit removed, and the status and its
 * Available and Progressing conditions kept the way `kubectl rollout status` and `describe` read them.
 */
import type { ApiClient } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { deepClone, deepEqual, objectKey } from "../machinery/object.ts";
import { parseTime, rfc3339 } from "../machinery/time.ts";
import {
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  type Deployment,
  type WorkloadCondition,
} from "../registry/deployment/types.ts";
import type { ReplicaSet } from "../registry/replicaset/types.ts";
import type { EventRecorder } from "./events.ts";
import { Informer } from "./informer.ts";
import { QueueController } from "./queue.ts";
import { computeHash } from "./deployment-hash.ts";
import { deploymentComplete, fenceposts, maxUnavailable, newRSNewReplicas, replicasOf } from "./deployment-rollout.ts";
import { byController, REPLICA_SETS } from "./replicaset.ts";
import { ownerRef } from "./replicaset-pods.ts";
import { PODS } from "./scheduler.ts";
import type { Pod } from "../registry/pod/types.ts";

export const DEPLOYMENTS = { group: "apps", version: "v1", resource: "deployments" };
const USER = { username: "system:serviceaccount:kube-system:deployment-controller", groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"] };
/** Annotations a ReplicaSet does not inherit from its Deployment (annotationsToSkip). */
const SKIP_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration", REVISION_ANNOTATION, "deployment.kubernetes.io/revision-history", DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, "deprecated.deployment.rollback.to"]);

const revisionOf = (rs: ReplicaSet) => Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
const byCreation = (a: ReplicaSet, b: ReplicaSet) => (a.metadata.creationTimestamp ?? "").localeCompare(b.metadata.creationTimestamp ?? "") || (a.metadata.name! < b.metadata.name! ? -1 : 1);

export class DeploymentController extends QueueController {
  readonly #deployments: Informer<Deployment>;
  readonly #sets: Informer<ReplicaSet>;
  readonly #pods: Informer<Pod>;

  constructor(
    private readonly client: ApiClient,
    clock: VirtualClock,
    private readonly events: EventRecorder,
  ) {
    super("deployment-controller", clock);
    this.#deployments = new Informer<Deployment>(client, DEPLOYMENTS);
    this.#sets = new Informer<ReplicaSet>(client, REPLICA_SETS, { owner: byController });
    this.#pods = new Informer<Pod>(client, PODS);
    for (const d of this.#deployments.list()) this.queue.add(key(d));
    this.#deployments.onEvent((type, d) => type !== "DELETED" && this.queue.add(key(d)));
    this.#sets.onEvent((_t, rs, old) => {
      for (const o of [rs, old]) {
        const ref = o?.metadata.ownerReferences?.find((r) => r.controller && r.kind === "Deployment");
        if (ref) this.queue.add(objectKey(o!.metadata.namespace, ref.name));
      }
    });
    // Recreate waits for the old pods to be gone.
    this.#pods.onEvent((type, pod) => {
      if (type !== "DELETED") return;
      const rsRef = pod.metadata.ownerReferences?.find((r) => r.controller && r.kind === "ReplicaSet");
      const rs = rsRef && this.#sets.get(pod.metadata.namespace, rsRef.name);
      const dRef = rs?.metadata.ownerReferences?.find((r) => r.controller && r.kind === "Deployment");
      if (dRef) this.queue.add(objectKey(pod.metadata.namespace, dRef.name));
    });
    this.onStop(() => {
      this.#deployments.stop();
      this.#sets.stop();
      this.#pods.stop();
    });
  }

  protected sync(k: string): void {
    const [ns, name] = k.split("/") as [string, string];
    const d = this.#deployments.get(ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const owned = () => this.#sets.byIndex("owner", d.metadata.uid!);
    const hash = computeHash(d.spec.template, d.status?.collisionCount);
    let newRS = owned().find((rs) => rs.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] === hash);
    const oldRSs = () => owned().filter((rs) => rs.metadata.uid !== newRS?.metadata.uid).sort(byCreation);
    if (d.spec.paused) return this.#syncStatus(d, newRS, oldRSs());
    if (!newRS) {
      newRS = this.#createNewReplicaSet(d, hash, oldRSs());
      if (!newRS) return;
    } else {
      this.#syncRevision(d, newRS, oldRSs());
    }
    const all = () => [...oldRSs(), newRS!];
    if (d.spec.strategy?.type === "Recreate") {
      const olds = oldRSs();
      let scaled = false;
      for (const rs of olds) if (replicasOf(rs) > 0) scaled = this.#scale(rs, 0, d) || scaled;
      const oldPodsLeft = olds.some((rs) => this.#pods.list(ns).some((p) => p.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid)));
      if (!scaled && !oldPodsLeft && replicasOf(newRS) !== (d.spec.replicas ?? 0)) this.#scale(newRS, d.spec.replicas ?? 0, d);
    } else {
      this.#reconcileNewReplicaSet(d, newRS, all()) || this.#reconcileOldReplicaSets(d, newRS, oldRSs(), all());
    }
    newRS = this.#sets.get(ns, newRS.metadata.name!) ?? newRS;
    if (deploymentComplete(d)) this.#cleanup(d, oldRSs());
    this.#syncStatus(d, newRS, oldRSs());
  }

  #createNewReplicaSet(d: Deployment, hash: string, olds: ReplicaSet[]): ReplicaSet | undefined {
    const revision = String(Math.max(0, ...olds.map(revisionOf)) + 1);
    const template = deepClone(d.spec.template);
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
    const { maxSurge } = fenceposts(d);
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!SKIP_ANNOTATIONS.has(k)) annotations[k] = v;
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(d.spec.replicas ?? 0);
    annotations[MAX_REPLICAS_ANNOTATION] = String((d.spec.replicas ?? 0) + (d.spec.strategy?.type === "RollingUpdate" ? maxSurge : 0));
    annotations[REVISION_ANNOTATION] = revision;
    const rs: ReplicaSet = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...(d.spec.template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash },
        annotations,
        ownerReferences: [ownerRef(d)],
      },
      spec: {
        replicas: 0,
        minReadySeconds: d.spec.minReadySeconds ?? 0,
        selector: { ...deepClone(d.spec.selector ?? {}), matchLabels: { ...(d.spec.selector?.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } },
        template,
      },
    };
    // A brand-new Deployment starts its ReplicaSet at full size; a rollout grows it within the surge.
    const stub = { ...rs, spec: { ...rs.spec, replicas: 0 } };
    rs.spec.replicas = d.spec.strategy?.type === "Recreate" ? 0 : newRSNewReplicas(d, [...olds, stub], stub);
    let created: ReplicaSet;
    try {
      created = this.client.create(REPLICA_SETS, d.metadata.namespace, rs, { user: USER }) as ReplicaSet;
    } catch (e) {
      this.events.event(d, "Warning", "FailedCreate", `Failed to create new replica set "${rs.metadata.name}": ${(e as Error).message}`);
      throw e;
    }
    if (rs.spec.replicas) this.events.event(d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${created.metadata.name} from 0 to ${rs.spec.replicas}`);
    this.#setRevision(d, revision);
    this.#setCondition(d, { type: "Progressing", status: "True", reason: "NewReplicaSetCreated", message: `Created new replica set "${created.metadata.name}"` });
    return created;
  }

  /** The Deployment's revision annotation follows its newest ReplicaSet (SetDeploymentRevision). */
  #syncRevision(d: Deployment, newRS: ReplicaSet, olds: ReplicaSet[]): void {
    let revision = revisionOf(newRS);
    const maxOld = Math.max(0, ...olds.map(revisionOf));
    if (revision <= maxOld) {
      revision = maxOld + 1;
      this.client.patch(REPLICA_SETS, newRS.metadata.namespace, newRS.metadata.name!, "merge", { metadata: { annotations: { [REVISION_ANNOTATION]: String(revision) } } }, { user: USER });
    }
    this.#setRevision(d, String(revision));
  }

  #setRevision(d: Deployment, revision: string): void {
    const cur = this.#deployments.get(d.metadata.namespace, d.metadata.name!) ?? d;
    if (cur.metadata.annotations?.[REVISION_ANNOTATION] === revision) return;
    this.client.patch(DEPLOYMENTS, d.metadata.namespace, d.metadata.name!, "merge", { metadata: { annotations: { [REVISION_ANNOTATION]: revision } } }, { user: USER });
  }

  /** scaleReplicaSetAndRecordEvent, with the desired/max replica annotations kept current. */
  #scale(rs: ReplicaSet, to: number, d: Deployment): boolean {
    const from = replicasOf(rs);
    const desired = String(d.spec.replicas ?? 0);
    const max = String((d.spec.replicas ?? 0) + (d.spec.strategy?.type === "RollingUpdate" ? fenceposts(d).maxSurge : 0));
    const annotationsChanged = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] !== desired || rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION] !== max;
    if (from === to && !annotationsChanged) return false;
    const copy = deepClone(rs);
    copy.spec.replicas = to;
    copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [DESIRED_REPLICAS_ANNOTATION]: desired, [MAX_REPLICAS_ANNOTATION]: max };
    this.client.update(REPLICA_SETS, rs.metadata.namespace, copy, { user: USER });
    if (from !== to) this.events.event(d, "Normal", "ScalingReplicaSet", `Scaled ${to > from ? "up" : "down"} replica set ${rs.metadata.name} from ${from} to ${to}`);
    return from !== to;
  }

  #reconcileNewReplicaSet(d: Deployment, newRS: ReplicaSet, all: ReplicaSet[]): boolean {
    const want = d.spec.replicas ?? 0;
    if (replicasOf(newRS) === want) return this.#scale(newRS, want, d);
    if (replicasOf(newRS) > want) return this.#scale(newRS, want, d);
    return this.#scale(newRS, newRSNewReplicas(d, all, newRS), d);
  }

  #reconcileOldReplicaSets(d: Deployment, newRS: ReplicaSet, olds: ReplicaSet[], all: ReplicaSet[]): boolean {
    if (olds.reduce((n, rs) => n + replicasOf(rs), 0) === 0) return false;
    const allPods = all.reduce((n, rs) => n + replicasOf(rs), 0);
    const minAvailable = (d.spec.replicas ?? 0) - maxUnavailable(d);
    const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    let total = 0;
    // cleanupUnhealthyReplicas: unavailable old pods go first, they would block the rollout otherwise.
    for (const rs of olds) {
      if (total >= maxScaledDown) break;
      const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
      const down = Math.min(maxScaledDown - total, unhealthy);
      if (down > 0 && this.#scale(rs, replicasOf(rs) - down, d)) total += down;
    }
    // scaleDownOldReplicaSetsForRollingUpdate: then as many available ones as minAvailable allows.
    const current = () => olds.map((rs) => this.#sets.get(rs.metadata.namespace, rs.metadata.name!) ?? rs);
    const available = [...current(), newRS].reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
    if (available > minAvailable) {
      const budget = available - minAvailable;
      let done = 0;
      for (const rs of current()) {
        if (done >= budget) break;
        if (replicasOf(rs) === 0) continue;
        const down = Math.min(replicasOf(rs), budget - done);
        if (this.#scale(rs, replicasOf(rs) - down, d)) done += down;
      }
      total += done;
    }
    return total > 0;
  }

  /** cleanupDeployment: old, empty ReplicaSets beyond revisionHistoryLimit are deleted, oldest first. */
  #cleanup(d: Deployment, olds: ReplicaSet[]): void {
    const limit = d.spec.revisionHistoryLimit ?? 10;
    const removable = olds.filter((rs) => replicasOf(rs) === 0 && (rs.status?.replicas ?? 0) === 0 && !rs.metadata.deletionTimestamp).sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of removable.slice(0, Math.max(0, olds.length - limit))) {
      try {
        this.client.delete(REPLICA_SETS, rs.metadata.namespace, rs.metadata.name!, { user: USER });
      } catch {
        // gone already
      }
    }
  }

  #syncStatus(d0: Deployment, newRS: ReplicaSet | undefined, olds: ReplicaSet[]): void {
    const d = this.#deployments.get(d0.metadata.namespace, d0.metadata.name!) ?? d0;
    const all = [...olds.map((rs) => this.#sets.get(rs.metadata.namespace, rs.metadata.name!) ?? rs), ...(newRS ? [newRS] : [])];
    const sum = (f: (rs: ReplicaSet) => number) => all.reduce((n, rs) => n + f(rs), 0);
    const available = sum((rs) => rs.status?.availableReplicas ?? 0);
    const want = d.spec.replicas ?? 0;
    const status = {
      ...(d.status ?? {}),
      observedGeneration: d.metadata.generation,
      replicas: sum((rs) => rs.status?.replicas ?? 0),
      updatedReplicas: newRS?.status?.replicas ?? 0,
      readyReplicas: sum((rs) => rs.status?.readyReplicas ?? 0),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, sum(replicasOf) - available),
    };
    // Kept off the object when zero, as omitempty drops them.
    for (const f of ["readyReplicas", "availableReplicas", "unavailableReplicas", "updatedReplicas", "replicas"] as const) if (!status[f]) delete status[f];
    const now = this.clock.now();
    let conditions = [...(status.conditions ?? [])];
    const minAvailable = available >= want - maxUnavailable(d);
    conditions = upsert(conditions, minAvailable
      ? { type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." }
      : { type: "Available", status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." }, now, true);
    if (newRS) {
      const complete = deploymentComplete({ ...d, status });
      const progressing = conditions.find((c) => c.type === "Progressing");
      if (complete) {
        conditions = upsert(conditions, { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", message: `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` }, now);
      } else if (progressing?.reason === "ProgressDeadlineExceeded") {
        // stays until the rollout moves again
      } else if (madeProgress(d.status, status) || !progressing) {
        // Every bit of progress moves lastUpdateTime, even with the same reason (syncRolloutStatus).
        conditions = upsert(conditions, { type: "Progressing", status: "True", reason: "ReplicaSetUpdated", message: `ReplicaSet "${newRS.metadata.name}" is progressing.` }, now, false, true);
      } else {
        const deadline = d.spec.progressDeadlineSeconds ?? 600;
        const since = parseTime(progressing.lastUpdateTime) ?? now;
        if (since + deadline * 1000 <= now) {
          conditions = upsert(conditions, { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` }, now);
        } else {
          this.queue.addAfter(key(d), since + deadline * 1000 - now);
        }
      }
    }
    const next = { ...status, conditions };
    if (deepEqual(next, d.status)) return;
    this.client.update(DEPLOYMENTS, d.metadata.namespace, { ...d, status: next } as Deployment, { user: USER, subresource: "status" });
  }

  #setCondition(d: Deployment, cond: Omit<WorkloadCondition, "lastUpdateTime" | "lastTransitionTime">): void {
    const cur = this.#deployments.get(d.metadata.namespace, d.metadata.name!) ?? d;
    const conditions = upsert([...(cur.status?.conditions ?? [])], cond, this.clock.now());
    this.client.update(DEPLOYMENTS, d.metadata.namespace, { ...cur, status: { ...(cur.status ?? {}), conditions } } as Deployment, { user: USER, subresource: "status" });
  }
}

/** DeploymentProgressing: more updated, ready or available replicas, or fewer old ones. */
function madeProgress(prev: Deployment["status"], next: NonNullable<Deployment["status"]>): boolean {
  const old = (s: Deployment["status"]) => (s?.replicas ?? 0) - (s?.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (prev?.updatedReplicas ?? 0) ||
    old(next) < old(prev) ||
    (next.readyReplicas ?? 0) > (prev?.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (prev?.availableReplicas ?? 0)
  );
}

/** SetDeploymentCondition: a new reason refreshes lastUpdateTime; a new status also lastTransitionTime. Available sorts first. */
function upsert(list: WorkloadCondition[], cond: Omit<WorkloadCondition, "lastUpdateTime" | "lastTransitionTime">, now: number, first = false, touch = false): WorkloadCondition[] {
  const i = list.findIndex((c) => c.type === cond.type);
  const prev = i >= 0 ? list[i] : undefined;
  if (!touch && prev && prev.status === cond.status && prev.reason === cond.reason && prev.message === cond.message) return list;
  const next: WorkloadCondition = {
    lastTransitionTime: prev && prev.status === cond.status ? prev.lastTransitionTime : rfc3339(now),
    lastUpdateTime: rfc3339(now),
    message: cond.message,
    reason: cond.reason,
    status: cond.status,
    type: cond.type,
  };
  if (i >= 0) list[i] = next;
  else if (first) list.unshift(next);
  else list.push(next);
  return list;
}

function key(o: { metadata: { namespace?: string; name?: string } }): string {
  return objectKey(o.metadata.namespace, o.metadata.name!);
}

/**
 * Pods from a template, as controller_utils.go GetPodFromTemplate builds them for ReplicaSets and
 * DaemonSets, and the order in which a ReplicaSet gives pods up (controller.ActivePodsWithRanks):
 * unscheduled before scheduled, Pending before Running, not ready before ready, pods sharing a node
 * with more of their siblings first, then the newest.
 */
import { deepClone, type KubeObject, type OwnerReference } from "../machinery/object.ts";
import type { PodTemplateSpec } from "../registry/deployment/types.ts";
import { isPodReady, isPodTerminal, type Pod } from "../registry/pod/types.ts";

export function ownerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** GetPodFromTemplate: labels, annotations and spec from the template, named `<owner>-` plus five random characters. */
export function podFromTemplate(template: PodTemplateSpec, owner: KubeObject, extraLabels: Record<string, string> = {}): Pod {
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      labels: { ...(meta.labels ?? {}), ...extraLabels },
      ownerReferences: [ownerRef(owner)],
    },
    spec: deepClone(template.spec),
  };
  if (meta.annotations && Object.keys(meta.annotations).length) pod.metadata.annotations = { ...meta.annotations };
  if (meta.finalizers?.length) pod.metadata.finalizers = [...meta.finalizers];
  return pod;
}

/** FilterActivePods: neither finished nor being deleted. */
export function isActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** The pods to delete when a ReplicaSet shrinks by `count` (getPodsToDelete). */
export function podsToDelete(pods: readonly Pod[], count: number): Pod[] {
  const perNode = new Map<string, number>();
  for (const p of pods) if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  const ranked = [...pods].sort((a, b) => {
    const assigned = Number(Boolean(a.spec.nodeName)) - Number(Boolean(b.spec.nodeName));
    if (assigned) return assigned;
    const phase = (PHASE_RANK[a.status?.phase ?? ""] ?? 0) - (PHASE_RANK[b.status?.phase ?? ""] ?? 0);
    if (phase) return phase;
    const ready = Number(isPodReady(a)) - Number(isPodReady(b));
    if (ready) return ready;
    const colocated = (perNode.get(b.spec.nodeName ?? "") ?? 0) - (perNode.get(a.spec.nodeName ?? "") ?? 0);
    if (colocated) return colocated;
    const created = (b.metadata.creationTimestamp ?? "").localeCompare(a.metadata.creationTimestamp ?? "");
    if (created) return created;
    return (b.metadata.name ?? "") < (a.metadata.name ?? "") ? -1 : 1;
  });
  return ranked.slice(0, count);
}

/** err.Error() of a failed request, as the workload controllers put it into their events. */
export function errorMessageOf(e: unknown): string {
  if (e && typeof e === "object" && "status" in e && typeof (e as { status: { message?: unknown } }).status?.message === "string") {
    return (e as { status: { message: string } }).status.message;
  }
  return e instanceof Error ? e.message : String(e);
}

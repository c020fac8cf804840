/**
 * The arithmetic of a Deployment rollout (pkg/controller/deployment/util/deployment_util.go and
 * rolling.go): surge and unavailability fenceposts, how far the new ReplicaSet may grow, and how many
 * old pods may go.
 */
import { scaledValue } from "../registry/deployment/workload.ts";
import type { Deployment } from "../registry/deployment/types.ts";
import type { ReplicaSet } from "../registry/replicaset/types.ts";

export const replicasOf = (rs: ReplicaSet) => rs.spec.replicas ?? 0;

/** ResolveFenceposts: surge rounds up, unavailability down; both zero means one may be unavailable. */
export function fenceposts(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const ru = d.spec.strategy?.rollingUpdate;
  const replicas = d.spec.replicas ?? 0;
  const maxSurge = scaledValue(ru?.maxSurge, replicas, true);
  let maxUnavailable = scaledValue(ru?.maxUnavailable, replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** MaxUnavailable: never more than the replicas themselves (0 for Recreate). */
export function maxUnavailable(d: Deployment): number {
  if (d.spec.strategy?.type !== "RollingUpdate" || !d.spec.replicas) return 0;
  return Math.min(fenceposts(d).maxUnavailable, d.spec.replicas);
}

/** NewRSNewReplicas for RollingUpdate. */
export function newRSNewReplicas(d: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const current = all.reduce((n, rs) => n + replicasOf(rs), 0);
  const maxTotal = (d.spec.replicas ?? 0) + fenceposts(d).maxSurge;
  if (current >= maxTotal) return replicasOf(newRS);
  const up = Math.min(maxTotal - current, (d.spec.replicas ?? 0) - replicasOf(newRS));
  return replicasOf(newRS) + up;
}

/** DeploymentComplete: every desired replica updated and available, and nothing old left. */
export function deploymentComplete(d: Deployment): boolean {
  const s = d.status ?? {};
  const want = d.spec.replicas ?? 0;
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

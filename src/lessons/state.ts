/**
 * ClusterState is what goals are evaluated against: every object of the cluster by resource and key, the
 * shape of the page's informer cache (src/ui/engine/informer.ts CacheSnapshot), so the panel passes its
 * cache as it is. In Node (lessons:check, tests) stateFromStore builds the same shape from the store.
 */
import type { KubeObject } from "../apiserver/machinery/object.ts";

export interface ClusterState {
  /** resource ("services", "servicecidrs.networking.k8s.io") → key ("ns/name" or "name") → object */
  readonly objects: ReadonlyMap<string, ReadonlyMap<string, KubeObject>>;
}

export interface StoreLike {
  resources(): string[];
  list(resource: string): KubeObject[];
}

export const EMPTY_STATE: ClusterState = { objects: new Map() };

export function stateFromStore(store: StoreLike | undefined | null): ClusterState {
  const objects = new Map<string, Map<string, KubeObject>>();
  if (!store) return { objects };
  for (const resource of store.resources()) {
    const bucket = new Map<string, KubeObject>();
    for (const o of store.list(resource)) bucket.set(o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!, o);
    objects.set(resource, bucket);
  }
  return { objects };
}

/**
 * The objects of a resource as a goal names it: `services` is the core resource, `servicecidrs` matches
 * `servicecidrs.networking.k8s.io`, and a group-qualified name matches only itself.
 */
export function objectsOf(state: ClusterState, resource: string): KubeObject[] {
  const exact = state.objects.get(resource);
  if (exact) return [...exact.values()];
  if (resource.includes(".")) return [];
  for (const [key, bucket] of state.objects) if (key.startsWith(`${resource}.`)) return [...bucket.values()];
  return [];
}

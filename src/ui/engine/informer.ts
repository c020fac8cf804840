/**
 * The page's informer: a cache of the cluster's objects kept from the worker's watch events. Views and
 * completion read it; it is replaced whole on each change (immutable snapshots), which is what Svelte's
 * $state.raw wants and what lets a view diff two states.
 */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import type { WireEvent } from "../../worker/protocol.ts";

export interface CacheSnapshot {
  /** resource ("services", "servicecidrs.networking.k8s.io") → key ("ns/name" or "name") → object */
  readonly objects: ReadonlyMap<string, ReadonlyMap<string, KubeObject>>;
  readonly resourceVersion: number;
}

export const EMPTY_CACHE: CacheSnapshot = { objects: new Map(), resourceVersion: 0 };

export function applyEvents(cache: CacheSnapshot, events: readonly WireEvent[], replace = false): CacheSnapshot {
  const objects = new Map(replace ? [] : cache.objects);
  const touched = new Set<string>();
  let rv = replace ? 0 : cache.resourceVersion;
  for (const e of events) {
    if (!touched.has(e.resource)) {
      touched.add(e.resource);
      objects.set(e.resource, new Map(objects.get(e.resource) ?? []));
    }
    const bucket = objects.get(e.resource) as Map<string, KubeObject>;
    if (e.type === "DELETED") bucket.delete(e.key);
    else bucket.set(e.key, e.object);
    rv = Math.max(rv, e.rv);
  }
  return { objects, resourceVersion: rv };
}

/** The objects of one resource in no particular order: for views that sort by their own key. */
export function values<T extends KubeObject = KubeObject>(cache: CacheSnapshot, resource: string): T[] {
  const bucket = cache.objects.get(resource);
  return bucket ? ([...bucket.values()] as T[]) : [];
}

export function list<T extends KubeObject = KubeObject>(cache: CacheSnapshot, resource: string, namespace?: string): T[] {
  const bucket = cache.objects.get(resource);
  if (!bucket) return [];
  const out: T[] = [];
  for (const [k, o] of bucket) if (!namespace || k.startsWith(`${namespace}/`)) out.push(o as T);
  return out.sort((a, b) => (a.metadata.namespace ?? "").localeCompare(b.metadata.namespace ?? "") || a.metadata.name!.localeCompare(b.metadata.name!));
}

/**
 * Informer: a controller's cache of one resource, filled by a list and kept current by a watch, with
 * optional indexes (pods by node, by owner). client-go's shared informers exist for the same reason:
 * a controller that listed every pod on every sync would cost O(pods) per event and O(pods²) per
 * rollout, which a cluster of 10,000 pods cannot afford.
 */
import type { ApiClient, GroupVersionResource } from "../client.ts";
import type { KubeObject } from "../machinery/object.ts";
import { objectKey } from "../machinery/object.ts";

export type InformerHandler<T> = (type: "ADDED" | "MODIFIED" | "DELETED", obj: T, old: T | undefined) => void;

type IndexFn<T> = (obj: T) => readonly string[];

export class Informer<T extends KubeObject> {
  readonly #items = new Map<string, T>();
  readonly #byNamespace = new Map<string, Map<string, T>>();
  readonly #indexes = new Map<string, { fn: IndexFn<T>; buckets: Map<string, Map<string, T>> }>();
  readonly #handlers: InformerHandler<T>[] = [];
  readonly #stop: () => void;

  constructor(client: ApiClient, gvr: GroupVersionResource, indexes: Record<string, IndexFn<T>> = {}) {
    for (const [name, fn] of Object.entries(indexes)) this.#indexes.set(name, { fn, buckets: new Map() });
    try {
      for (const o of client.list(gvr, undefined).items) this.#put(o as T);
    } catch {
      // No apiserver yet: the watch fills the cache as objects appear.
    }
    this.#stop = client.watch(gvr, (type, o, old) => {
      const obj = o as T;
      const key = objectKey(obj.metadata.namespace, obj.metadata.name!);
      const prev = this.#items.get(key);
      if (type === "DELETED") this.#remove(key, prev ?? obj);
      else this.#put(obj);
      for (const h of this.#handlers) h(type, obj, prev ?? (old as T | undefined));
    });
  }

  onEvent(handler: InformerHandler<T>): void {
    this.#handlers.push(handler);
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.#items.get(objectKey(namespace, name));
  }

  /** Every cached object, or those of one namespace. */
  list(namespace?: string): T[] {
    if (namespace === undefined) return [...this.#items.values()];
    return [...(this.#byNamespace.get(namespace)?.values() ?? [])];
  }

  byIndex(index: string, value: string): T[] {
    return [...(this.#indexes.get(index)?.buckets.get(value)?.values() ?? [])];
  }

  countByIndex(index: string, value: string): number {
    return this.#indexes.get(index)?.buckets.get(value)?.size ?? 0;
  }

  get size(): number {
    return this.#items.size;
  }

  stop(): void {
    this.#stop();
  }

  #put(obj: T): void {
    const key = objectKey(obj.metadata.namespace, obj.metadata.name!);
    const prev = this.#items.get(key);
    if (prev) this.#unindex(key, prev);
    this.#items.set(key, obj);
    const ns = obj.metadata.namespace ?? "";
    let bucket = this.#byNamespace.get(ns);
    if (!bucket) this.#byNamespace.set(ns, (bucket = new Map()));
    bucket.set(key, obj);
    for (const { fn, buckets } of this.#indexes.values()) {
      for (const v of fn(obj)) {
        let b = buckets.get(v);
        if (!b) buckets.set(v, (b = new Map()));
        b.set(key, obj);
      }
    }
  }

  #remove(key: string, obj: T): void {
    this.#unindex(key, obj);
    this.#items.delete(key);
  }

  #unindex(key: string, obj: T): void {
    this.#byNamespace.get(obj.metadata.namespace ?? "")?.delete(key);
    for (const { fn, buckets } of this.#indexes.values()) for (const v of fn(obj)) buckets.get(v)?.delete(key);
  }
}

/**
 * Store is the sandbox's etcd: objects by resource and key, one global resourceVersion counter, and an
 * ordered log of every change. The log is what watches replay, what the views animate, and what undo
 * walks back. Stored objects are frozen: everyone who wants to change one copies it first, so a failed
 * request can never leave a half-changed object behind.
 */
import { deepFreeze, objectKey, type KubeObject } from "./object.ts";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface StoreEvent {
  /** The resourceVersion this change produced. */
  readonly rv: number;
  readonly type: WatchEventType;
  /** Qualified resource: `services`, `servicecidrs.networking.k8s.io`. */
  readonly resource: string;
  readonly key: string;
  readonly object: KubeObject;
  /** The object as it was before a MODIFIED or DELETED change. */
  readonly old?: KubeObject;
  readonly time: number;
  /** Who made the change: the request's user (a person, a controller, the apiserver itself). */
  readonly actor?: string;
}

export type StoreListener = (event: StoreEvent) => void;

interface Bucket {
  objects: Map<string, KubeObject>;
  sortedKeys: string[] | null;
}

export class Store {
  #rv = 0;
  #buckets = new Map<string, Bucket>();
  #log: StoreEvent[] = [];
  #listeners = new Set<StoreListener>();
  #now: () => number;

  constructor(now: () => number, firstResourceVersion = 0) {
    this.#now = now;
    this.#rv = firstResourceVersion;
  }

  resourceVersion(): number {
    return this.#rv;
  }

  /** Advances the counter without a change, standing in for writes the sandbox does not model. */
  skipResourceVersions(n: number): void {
    this.#rv += n;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.#buckets.get(resource)?.objects.get(objectKey(namespace, name));
  }

  /** All objects of a resource (optionally in one namespace) in key order, as etcd lists them. */
  list(resource: string, namespace?: string): KubeObject[] {
    const bucket = this.#buckets.get(resource);
    if (!bucket) return [];
    if (!bucket.sortedKeys) bucket.sortedKeys = [...bucket.objects.keys()].sort();
    const out: KubeObject[] = [];
    const prefix = namespace ? `${namespace}/` : "";
    for (const k of bucket.sortedKeys) {
      if (prefix && !k.startsWith(prefix)) continue;
      out.push(bucket.objects.get(k)!);
    }
    return out;
  }

  count(resource: string): number {
    return this.#buckets.get(resource)?.objects.size ?? 0;
  }

  resources(): string[] {
    return [...this.#buckets.keys()];
  }

  create(resource: string, obj: KubeObject, actor?: string): KubeObject {
    const key = objectKey(obj.metadata.namespace, obj.metadata.name!);
    const bucket = this.#bucket(resource);
    if (bucket.objects.has(key)) throw new Error(`store: ${resource} ${key} already exists`);
    const stored = this.#stamp(obj);
    bucket.objects.set(key, stored);
    bucket.sortedKeys = null;
    this.#emit({ rv: this.#rv, type: "ADDED", resource, key, object: stored, time: this.#now(), actor });
    return stored;
  }

  update(resource: string, obj: KubeObject, actor?: string): KubeObject {
    const key = objectKey(obj.metadata.namespace, obj.metadata.name!);
    const bucket = this.#bucket(resource);
    const old = bucket.objects.get(key);
    if (!old) throw new Error(`store: ${resource} ${key} not found`);
    const stored = this.#stamp(obj);
    bucket.objects.set(key, stored);
    this.#emit({ rv: this.#rv, type: "MODIFIED", resource, key, object: stored, old, time: this.#now(), actor });
    return stored;
  }

  delete(resource: string, namespace: string | undefined, name: string, actor?: string): KubeObject {
    const key = objectKey(namespace, name);
    const bucket = this.#bucket(resource);
    const old = bucket.objects.get(key);
    if (!old) throw new Error(`store: ${resource} ${key} not found`);
    bucket.objects.delete(key);
    bucket.sortedKeys = null;
    this.#rv++;
    // A deleted object is reported with the deletion's resourceVersion, as a watch would.
    const object = deepFreeze({ ...old, metadata: { ...old.metadata, resourceVersion: String(this.#rv) } });
    this.#emit({ rv: this.#rv, type: "DELETED", resource, key, object, old, time: this.#now(), actor });
    return old;
  }

  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The ordered change log, oldest first. */
  log(): readonly StoreEvent[] {
    return this.#log;
  }

  /** Events after a resourceVersion, for a watch that starts from there. */
  eventsSince(rv: number): StoreEvent[] {
    let lo = 0;
    let hi = this.#log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#log[mid]!.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.#log.slice(lo);
  }

  /** A stable text form of the whole store, used by tests that assert a failed command changed nothing. */
  fingerprint(): string {
    const parts: string[] = [];
    for (const r of [...this.#buckets.keys()].sort()) {
      for (const o of this.list(r)) parts.push(`${r} ${JSON.stringify(o)}`);
    }
    return parts.join("\n");
  }

  #bucket(resource: string): Bucket {
    let b = this.#buckets.get(resource);
    if (!b) {
      b = { objects: new Map(), sortedKeys: null };
      this.#buckets.set(resource, b);
    }
    return b;
  }

  #stamp(obj: KubeObject): KubeObject {
    this.#rv++;
    return deepFreeze({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(this.#rv) } });
  }

  #emit(event: StoreEvent): void {
    this.#log.push(event);
    for (const l of [...this.#listeners]) l(event);
  }
}

/**
 * ApiClient is the one door into the cluster: kubectl, the controllers and the views all use it, the
 * way every Kubernetes component talks to kube-apiserver over HTTP. Nothing outside apiserver/ reaches
 * into the store.
 */
import type { KubeObject, ObjectList } from "./machinery/object.ts";
import type { PatchType } from "./machinery/patch.ts";
import type { UserInfo } from "./machinery/rest.ts";
import type { Schema } from "./machinery/schema.ts";

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: readonly string[];
  shortNames: readonly string[];
  categories: readonly string[];
}

export interface APIResourceList {
  groupVersion: string;
  resources: APIResource[];
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  user?: UserInfo;
  /** Filled with the response's Warning headers. */
  warnings?: string[];
  /** kubectl sends Strict: unknown fields are an error rather than a warning. */
  fieldValidation?: "Strict" | "Warn" | "Ignore";
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
}

export interface TableResult {
  columns: { name: string; priority: number }[];
  rows: { cells: string[]; object: KubeObject }[];
}

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export interface ApiClient {
  version(): VersionInfo;
  discovery(): APIResourceList[];
  get(gvr: GroupVersionResource, namespace: string | undefined, name: string): KubeObject;
  list(gvr: GroupVersionResource, namespace: string | undefined, opts?: ListOptions): ObjectList;
  create(gvr: GroupVersionResource, namespace: string | undefined, obj: KubeObject, opts?: WriteOptions): KubeObject;
  update(gvr: GroupVersionResource, namespace: string | undefined, obj: KubeObject, opts?: WriteOptions & { subresource?: string }): KubeObject;
  patch(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts?: WriteOptions & { subresource?: string },
  ): KubeObject;
  delete(gvr: GroupVersionResource, namespace: string | undefined, name: string, opts?: DeleteOptions): { object: KubeObject; deleted: boolean };
  table(gvr: GroupVersionResource, objects: readonly KubeObject[], wide: boolean): TableResult;
  /** The OpenAPI schema of a resource, for `kubectl explain`. */
  schema(gvr: GroupVersionResource): Schema;
  /** The virtual time of the server, for ages. */
  now(): number;
  /** A watch on one resource (all namespaces), as informers use it; returns the stop function. */
  watch(gvr: GroupVersionResource, handler: WatchHandler): () => void;
}

export type WatchHandler = (type: "ADDED" | "MODIFIED" | "DELETED", object: KubeObject, old?: KubeObject) => void;

/** What a client meets when nothing listens on the apiserver's address. */
export class ConnectionRefusedError extends Error {
  constructor(readonly server: string) {
    super(`The connection to the server ${server} was refused - did you specify the right host or port?`);
  }
}

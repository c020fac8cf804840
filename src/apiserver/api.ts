/**
 * ApiServer serves the REST API over the registries: it resolves group/version/resource, applies the
 * defaults a decoder applies, converts between served versions (our versions share one schema, so
 * conversion is the apiVersion field), adds deprecation warnings, and dispatches to the generic
 * registry. It is the in-process stand-in for kube-apiserver's HTTP handlers.
 */
import type { APIResourceList, ApiClient, WatchHandler, DeleteOptions, GroupVersionResource, ListOptions, TableResult, VersionInfo, WriteOptions } from "./client.ts";
import { apiErrors } from "./machinery/errors.ts";
import { deepClone, type KubeObject, type ObjectList } from "./machinery/object.ts";
import { applyPatch, PatchError, type PatchType } from "./machinery/patch.ts";
import { groupVersion, qualifiedName, type ResourceDef } from "./machinery/resource.ts";
import { GenericRegistry, requestContext, type RequestContext } from "./machinery/rest.ts";
import type { TableDef } from "./machinery/table.ts";
import type { Store } from "./machinery/store.ts";
import { decodeCheck, type Schema } from "./machinery/schema.ts";

export interface Binding<T extends KubeObject = KubeObject> {
  def: ResourceDef;
  registry: GenericRegistry<T>;
  table: TableDef<T>;
  /** Decoder defaulting (SetDefaults_*), applied to every object the server receives. */
  defaults?: (obj: T) => void;
  /** What the decoder accepts; also what `kubectl explain` prints. */
  schema: Schema;
}

export const KUBE_VERSION: VersionInfo = {
  major: "1",
  minor: "34",
  gitVersion: "v1.34.1",
  gitCommit: "93248f9ae092f571eb6b4c3f6bbc3c3da0cd6e4f",
  gitTreeState: "clean",
  buildDate: "2025-09-09T19:43:15Z",
  goVersion: "go1.24.6",
  compiler: "gc",
  platform: "linux/amd64",
};

export class ApiServer implements ApiClient {
  readonly #bindings = new Map<string, Binding>();
  readonly #enabled: Set<string>;

  constructor(
    private readonly store: Store,
    private readonly nowFn: () => number,
    /** group/version strings turned on with --runtime-config. */
    enabledOptional: Iterable<string> = [],
  ) {
    this.#enabled = new Set(enabledOptional);
  }

  register<T extends KubeObject>(binding: Binding<T>): void {
    this.#bindings.set(qualifiedName(binding.def), binding as unknown as Binding);
  }

  binding(group: string, resource: string): Binding | undefined {
    return this.#bindings.get(qualifiedName({ group, plural: resource }));
  }

  now(): number {
    return this.nowFn();
  }

  version(): VersionInfo {
    return KUBE_VERSION;
  }

  servedVersions(def: ResourceDef): string[] {
    return [...def.versions, ...(def.optionalVersions ?? []).filter((v) => this.#enabled.has(groupVersion(def.group, v)))];
  }

  discovery(): APIResourceList[] {
    const byGV = new Map<string, APIResourceList>();
    for (const { def } of this.#bindings.values()) {
      for (const v of this.servedVersions(def)) {
        const gv = groupVersion(def.group, v);
        const list = byGV.get(gv) ?? { groupVersion: gv, resources: [] };
        list.resources.push({
          name: def.plural,
          singularName: def.singular,
          namespaced: def.namespaced,
          kind: def.kind,
          verbs: def.verbs,
          shortNames: def.shortNames,
          categories: def.categories ?? [],
        });
        byGV.set(gv, list);
      }
    }
    return [...byGV.values()];
  }

  get(gvr: GroupVersionResource, namespace: string | undefined, name: string): KubeObject {
    const b = this.#resolve(gvr);
    return this.#out(b, gvr, b.registry.get(namespace, name));
  }

  list(gvr: GroupVersionResource, namespace: string | undefined, opts: ListOptions = {}): ObjectList {
    const b = this.#resolve(gvr);
    let items: KubeObject[];
    try {
      items = b.registry.list(namespace, opts);
    } catch (e) {
      if (e instanceof Error && e.name === "SelectorParseError") throw apiErrors.badRequest(`unable to parse requirement: ${e.message}`);
      throw e;
    }
    return {
      apiVersion: groupVersion(gvr.group, gvr.version),
      kind: `${b.def.kind}List`,
      metadata: { resourceVersion: "" },
      items: items.map((o) => this.#out(b, gvr, o)),
    };
  }

  create(gvr: GroupVersionResource, namespace: string | undefined, obj: KubeObject, opts: WriteOptions = {}): KubeObject {
    const b = this.#resolve(gvr);
    const ctx = this.#ctx(b, gvr, opts);
    const input = this.#in(b, gvr, obj, opts.fieldValidation === "Strict");
    return this.#out(b, gvr, b.registry.create(namespace, input, ctx, gvr.version));
  }

  update(gvr: GroupVersionResource, namespace: string | undefined, obj: KubeObject, opts: WriteOptions & { subresource?: string } = {}): KubeObject {
    const b = this.#resolve(gvr);
    const ctx = this.#ctx(b, gvr, opts);
    const input = this.#in(b, gvr, obj, opts.fieldValidation === "Strict");
    return this.#out(b, gvr, b.registry.update(namespace, input, ctx, opts.subresource ?? "", gvr.version));
  }

  patch(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions & { subresource?: string } = {},
  ): KubeObject {
    const b = this.#resolve(gvr);
    const current = this.#out(b, gvr, b.registry.get(namespace, name));
    let patched: unknown;
    try {
      patched = applyPatch(type, deepClone(current), patch);
    } catch (e) {
      if (e instanceof PatchError) throw apiErrors.custom(422, "Invalid", e.message);
      throw e;
    }
    if (!patched || typeof patched !== "object") throw apiErrors.badRequest("the patch produced an object that is not a Kubernetes object");
    const obj = patched as KubeObject;
    // A patch may not rename or move its object; the server keeps the identity of the target.
    obj.metadata = { ...(obj.metadata ?? {}), name, namespace: current.metadata.namespace };
    return this.update(gvr, namespace, obj, opts);
  }

  delete(gvr: GroupVersionResource, namespace: string | undefined, name: string, opts: DeleteOptions = {}): { object: KubeObject; deleted: boolean } {
    const b = this.#resolve(gvr);
    const ctx = this.#ctx(b, gvr, opts);
    const r = b.registry.delete(namespace, name, ctx, { gracePeriodSeconds: opts.gracePeriodSeconds }, gvr.version);
    return { object: this.#out(b, gvr, r.object), deleted: r.deleted };
  }

  table(gvr: GroupVersionResource, objects: readonly KubeObject[], wide: boolean): TableResult {
    const b = this.#resolve(gvr);
    const now = this.nowFn();
    return {
      columns: b.table.columns.map((c) => ({ ...c })),
      rows: objects.map((o) => ({ cells: b.table.row(o as never, now, wide), object: o })),
    };
  }

  schema(gvr: GroupVersionResource): Schema {
    return this.#resolve(gvr).schema;
  }

  watch(gvr: GroupVersionResource, handler: WatchHandler): () => void {
    const b = this.#resolve(gvr);
    const key = qualifiedName(b.def);
    return this.store.subscribe((e) => {
      if (e.resource === key) handler(e.type, this.#out(b, gvr, e.object), e.old && this.#out(b, gvr, e.old));
    });
  }

  #resolve(gvr: GroupVersionResource): Binding {
    const b = this.#bindings.get(qualifiedName({ group: gvr.group, plural: gvr.resource }));
    if (!b || !this.servedVersions(b.def).includes(gvr.version)) throw apiErrors.custom(404, "NotFound", "the server could not find the requested resource");
    return b;
  }

  #ctx(b: Binding, gvr: GroupVersionResource, opts: WriteOptions): RequestContext {
    const ctx = requestContext({ dryRun: Boolean(opts.dryRun), fieldManager: opts.fieldManager, warnings: opts.warnings ?? [] });
    if (opts.user) ctx.user = opts.user;
    const dep = b.def.deprecations?.[gvr.version];
    if (dep) {
      // k8s.io/apiserver/pkg/endpoints/deprecation: "<gv> <Kind> is deprecated in vX.Y+, unavailable in vX.Y+; use <gv> <Kind>"
      let msg = `${groupVersion(gvr.group, gvr.version)} ${b.def.kind} is deprecated in v${dep.deprecated}+`;
      if (dep.removed) msg += `, unavailable in v${dep.removed}+`;
      if (dep.replacement) msg += `; use ${dep.replacement}`;
      ctx.warnings.push(msg);
    }
    return ctx;
  }

  /**
   * Decodes a request body: its fields against the schema (unknown fields refused when the client asks
   * for Strict field validation, as kubectl does), the storage version's apiVersion, the decoder's defaults.
   */
  #in(b: Binding, gvr: GroupVersionResource, obj: KubeObject, strict = false): KubeObject {
    const check = decodeCheck(obj, b.schema, strict);
    const gv = groupVersion(gvr.group, gvr.version);
    const cannot = `${b.def.kind} in version "${gvr.version}" cannot be handled as a ${b.def.kind}`;
    if (check.typeError) throw apiErrors.badRequest(`${cannot}: ${check.typeError}`);
    if (check.unknown.length) throw apiErrors.badRequest(`${cannot}: strict decoding error: ${check.unknown.map((f) => `unknown field "${f}"`).join(", ")}`);
    void gv;
    const copy = deepClone(obj);
    copy.apiVersion = groupVersion(b.def.group, b.def.versions[0]!);
    copy.kind = b.def.kind;
    copy.metadata ??= {};
    b.defaults?.(copy);
    void gvr;
    return copy;
  }

  /** Encodes a stored object in the version the client asked for. */
  #out(b: Binding, gvr: GroupVersionResource, obj: KubeObject): KubeObject {
    const apiVersion = groupVersion(gvr.group, gvr.version);
    return obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
  }
}

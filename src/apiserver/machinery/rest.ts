/**
 * The generic REST store, after k8s.io/apiserver/pkg/registry/generic/registry/store.go: one class runs
 * create, update and delete for every resource, and calls the resource's strategy (defaults and
 * validation) and storage hooks (allocators) at the points upstream does. The order of those calls is
 * what decides which error a learner sees first, so it follows store.go closely.
 */
import { apiErrors, field, FieldPath, type FieldError } from "./errors.ts";
import type { KubeObject } from "./object.ts";
import { deepClone, deepEqual, isTerminating } from "./object.ts";
import { qualifiedName, type ResourceDef } from "./resource.ts";
import type { Store } from "./store.ts";
import type { VirtualClock } from "./clock.ts";
import type { SeededRandom } from "./random.ts";
import { rfc3339 } from "./time.ts";
import { validateObjectMeta } from "./objectmeta.ts";
import { isValidPathSegmentName } from "./names.ts";
import { LabelSelector } from "./labels.ts";

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** What kubeadm's admin.conf authenticates as. */
export const ADMIN_USER: UserInfo = { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] };

export interface RequestContext {
  user: UserInfo;
  dryRun: boolean;
  /** Warning headers of the response, printed by kubectl as `Warning: ...`. */
  warnings: string[];
  fieldManager?: string;
}

export function requestContext(partial: Partial<RequestContext> = {}): RequestContext {
  return { user: ADMIN_USER, dryRun: false, warnings: [], ...partial };
}

export type Operation = "CREATE" | "UPDATE" | "DELETE";

export interface AdmissionRequest {
  operation: Operation;
  def: ResourceDef;
  /** The version the client used (for matchConstraints on apiVersions). */
  version: string;
  subresource: string;
  namespace: string;
  name: string;
  object: KubeObject | null;
  oldObject: KubeObject | null;
  ctx: RequestContext;
}

/** The validating half of the admission chain; throws a StatusError to refuse. */
export interface Admission {
  validate(req: AdmissionRequest): void;
}

/** The commit/revert pair of an allocation (pkg/registry/core/service/storage/transaction.go). */
export interface Transaction {
  commit(): void;
  revert(): void;
}

export const NOOP_TRANSACTION: Transaction = { commit() {}, revert() {} };

/**
 * A resource's create/update rules (pkg/registry/<group>/<resource>/strategy.go). `validate` and
 * `validateUpdate` include the metadata checks with the resource's own name rules, as upstream does.
 */
export interface RESTStrategy<T extends KubeObject> {
  prepareForCreate(obj: T, ctx: RequestContext): void;
  validate(obj: T, ctx: RequestContext): FieldError[];
  warningsOnCreate?(obj: T): string[];
  canonicalize?(obj: T): void;
  prepareForUpdate(obj: T, old: T, ctx: RequestContext): void;
  validateUpdate(obj: T, old: T, ctx: RequestContext): FieldError[];
  warningsOnUpdate?(obj: T, old: T): string[];
  /** Whether a spec change bumps metadata.generation. */
  tracksGeneration?: boolean;
}

export interface StorageHooks<T extends KubeObject> {
  beginCreate?(obj: T, ctx: RequestContext): Transaction;
  beginUpdate?(obj: T, old: T, ctx: RequestContext): Transaction;
  afterDelete?(obj: T, ctx: RequestContext): void;
}

export interface RegistryDeps {
  store: Store;
  clock: VirtualClock;
  random: SeededRandom;
  admission: Admission;
  /**
   * NamespaceLifecycle: refuses creation in a missing or terminating namespace. `name` is what
   * admission.NewForbidden names: the object's name, else its generateName, else "Unknown".
   */
  checkNamespace(namespace: string, operation: Operation, def: ResourceDef, name: string): void;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
}

export interface DeleteResult<T> {
  object: T;
  /** False when finalizers keep the object: it now carries a deletionTimestamp. */
  deleted: boolean;
}

export class GenericRegistry<T extends KubeObject = KubeObject> {
  readonly key: string;

  constructor(
    readonly def: ResourceDef,
    readonly strategy: RESTStrategy<T>,
    protected readonly deps: RegistryDeps,
    readonly hooks: StorageHooks<T> = {},
    /** Strategies of subresources such as `status` that write a different part of the object. */
    readonly subresources: Readonly<Record<string, RESTStrategy<T>>> = {},
  ) {
    this.key = qualifiedName(def);
  }

  get gr() {
    return { group: this.def.group, resource: this.def.plural };
  }

  get(namespace: string | undefined, name: string): T {
    const obj = this.deps.store.get(this.key, this.#ns(namespace), name);
    if (!obj) throw apiErrors.notFound(this.gr, name);
    return obj as T;
  }

  tryGet(namespace: string | undefined, name: string): T | undefined {
    return this.deps.store.get(this.key, this.#ns(namespace), name) as T | undefined;
  }

  list(namespace: string | undefined, opts: ListOptions = {}): T[] {
    let items = this.deps.store.list(this.key, this.#ns(namespace)) as T[];
    if (opts.labelSelector) {
      const sel = LabelSelector.parse(opts.labelSelector);
      items = items.filter((o) => sel.matches(o.metadata.labels));
    }
    if (opts.fieldSelector) {
      const terms = parseFieldSelector(opts.fieldSelector);
      items = items.filter((o) => terms.every((t) => (fieldValue(o, t.field) === t.value) === (t.op !== "!=")));
    }
    return items;
  }

  /** Takes ownership of `input` (the API layer hands over a decoded copy). */
  create(namespace: string | undefined, input: T, ctx: RequestContext, version = this.def.versions[0]!): T {
    const obj = input;
    const meta = obj.metadata ?? (obj.metadata = {});
    if (this.def.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw apiErrors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
      }
      meta.namespace = meta.namespace || namespace || "default";
      // NamespaceLifecycle is a mutating admission plugin: the handler runs it before the registry's
      // Create, so a missing or terminating namespace is reported before allocation or validation.
      this.deps.checkNamespace(meta.namespace, "CREATE", this.def, meta.name || meta.generateName || "Unknown");
    } else {
      delete meta.namespace;
    }
    // FillObjectMetaSystemFields: the handler stamps these before anything else looks at the object.
    meta.uid = this.deps.random.uuid();
    meta.creationTimestamp = rfc3339(this.deps.clock.now());
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.generation;
    if (!meta.name && meta.generateName) {
      // names.SimpleNameGenerator: the prefix, cut to fit, plus five random characters.
      const prefix = meta.generateName.length > 58 ? meta.generateName.slice(0, 58) : meta.generateName;
      meta.name = prefix + this.deps.random.nameSuffix(5);
    }
    if (this.strategy.tracksGeneration) meta.generation = 1;

    const txn = this.hooks.beginCreate?.(obj, ctx) ?? NOOP_TRANSACTION;
    try {
      this.strategy.prepareForCreate(obj, ctx);
      const errs = this.strategy.validate(obj, ctx);
      if (errs.length) throw apiErrors.invalid(this.def.group, this.def.kind, meta.name ?? "", errs);
      // Run after the strategy's own validation (which checks metadata with the resource's name rules)
      // so that the specific messages win (rest.BeforeCreate).
      const metaErrs = validateObjectMeta(obj.metadata, this.def.namespaced, pathSegmentName, FieldPath.root("metadata"));
      if (metaErrs.length) throw apiErrors.invalid(this.def.group, this.def.kind, meta.name ?? "", metaErrs);
      ctx.warnings.push(...(this.strategy.warningsOnCreate?.(obj) ?? []));
      this.strategy.canonicalize?.(obj);
      this.deps.admission.validate({
        operation: "CREATE",
        def: this.def,
        version,
        subresource: "",
        namespace: meta.namespace ?? "",
        name: meta.name!,
        object: obj,
        oldObject: null,
        ctx,
      });
      if (this.deps.store.get(this.key, meta.namespace, meta.name!)) throw apiErrors.alreadyExists(this.gr, meta.name!);
      if (ctx.dryRun) {
        txn.revert();
        return obj;
      }
      const stored = this.deps.store.create(this.key, obj, ctx.user.username) as T;
      txn.commit();
      return stored;
    } catch (e) {
      txn.revert();
      throw e;
    }
  }

  update(namespace: string | undefined, input: T, ctx: RequestContext, subresource = "", version = this.def.versions[0]!): T {
    const name = input.metadata?.name ?? "";
    const old = this.get(namespace, name);
    const obj = input;
    const meta = obj.metadata;
    if (!meta.resourceVersion) meta.resourceVersion = old.metadata.resourceVersion;
    if (meta.resourceVersion !== old.metadata.resourceVersion) {
      throw apiErrors.conflict(this.gr, name, "the object has been modified; please apply your changes to the latest version and try again");
    }
    // System fields are the server's: a client cannot move them (ValidateObjectMetaUpdate would refuse).
    meta.namespace = old.metadata.namespace;
    if (!this.def.namespaced) delete meta.namespace;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    if (old.metadata.generation !== undefined) meta.generation = old.metadata.generation;
    const strategy = subresource ? this.subresources[subresource] : this.strategy;
    if (!strategy) throw apiErrors.custom(404, "NotFound", "the server could not find the requested resource");
    const txn = subresource ? NOOP_TRANSACTION : (this.hooks.beginUpdate?.(obj, old, ctx) ?? NOOP_TRANSACTION);
    try {
      strategy.prepareForUpdate(obj, old, ctx);
      if (this.strategy.tracksGeneration && !deepEqual((obj as unknown as { spec?: unknown }).spec, (old as unknown as { spec?: unknown }).spec)) {
        meta.generation = (old.metadata.generation ?? 0) + 1;
      }
      const errs = strategy.validateUpdate(obj, old, ctx);
      if (errs.length) throw apiErrors.invalid(this.def.group, this.def.kind, name, errs);
      ctx.warnings.push(...(strategy.warningsOnUpdate?.(obj, old) ?? []));
      this.strategy.canonicalize?.(obj);
      this.deps.admission.validate({
        operation: "UPDATE",
        def: this.def,
        version,
        subresource,
        namespace: meta.namespace ?? "",
        name,
        object: obj,
        oldObject: old,
        ctx,
      });
      if (ctx.dryRun) {
        txn.revert();
        return obj;
      }
      if (deepEqual(obj, { ...old, metadata: { ...old.metadata, resourceVersion: meta.resourceVersion ?? old.metadata.resourceVersion } })) {
        // A no-op update does not touch etcd: same resourceVersion, no watch event.
        txn.commit();
        return old;
      }
      let result: T;
      if (isTerminating(obj) && !(meta.finalizers?.length)) {
        // The last finalizer is gone from an object that is being deleted: the store deletes it now.
        this.deps.store.update(this.key, obj, ctx.user.username);
        result = this.deps.store.delete(this.key, meta.namespace, name, ctx.user.username) as T;
        this.hooks.afterDelete?.(result, ctx);
      } else {
        result = this.deps.store.update(this.key, obj, ctx.user.username) as T;
      }
      txn.commit();
      return result;
    } catch (e) {
      txn.revert();
      throw e;
    }
  }

  delete(namespace: string | undefined, name: string, ctx: RequestContext, _opts: DeleteOptions = {}, version = this.def.versions[0]!): DeleteResult<T> {
    const old = this.get(namespace, name);
    this.deps.admission.validate({
      operation: "DELETE",
      def: this.def,
      version,
      subresource: "",
      namespace: old.metadata.namespace ?? "",
      name,
      object: null,
      oldObject: old,
      ctx,
    });
    if (old.metadata.finalizers?.length) {
      if (old.metadata.deletionTimestamp) return { object: old, deleted: false };
      // Graceful deletion with finalizers: mark and keep (store.go updateForGracefulDeletionAndFinalizers).
      const marked = deepClone(old);
      marked.metadata.deletionTimestamp = rfc3339(this.deps.clock.now());
      marked.metadata.deletionGracePeriodSeconds = 0;
      if (ctx.dryRun) return { object: marked, deleted: false };
      return { object: this.deps.store.update(this.key, marked, ctx.user.username) as T, deleted: false };
    }
    if (ctx.dryRun) return { object: old, deleted: true };
    const gone = this.deps.store.delete(this.key, old.metadata.namespace, name, ctx.user.username) as T;
    this.hooks.afterDelete?.(gone, ctx);
    return { object: gone, deleted: true };
  }

  #ns(namespace: string | undefined): string | undefined {
    return this.def.namespaced ? namespace : undefined;
  }
}

const pathSegmentName = (name: string) => isValidPathSegmentName(name);

interface FieldTerm {
  field: string;
  op: "=" | "==" | "!=";
  value: string;
}

/** fields.ParseSelector: `metadata.name=x,spec.type!=ClusterIP`. */
export function parseFieldSelector(text: string): FieldTerm[] {
  const terms: FieldTerm[] = [];
  for (const part of text.split(",")) {
    const p = part.trim();
    if (!p) continue;
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(p);
    if (!m) throw apiErrors.badRequest(`invalid selector: '${text}'; can't understand '${p}'`);
    terms.push({ field: m[1]!.trim(), op: m[2] as FieldTerm["op"], value: m[3]!.trim() });
  }
  return terms;
}

function fieldValue(obj: KubeObject, path: string): string | undefined {
  let cur: unknown = obj;
  for (const seg of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur === undefined ? "" : String(cur);
}

/** ValidateImmutableField. */
export function validateImmutable(newVal: unknown, oldVal: unknown, path: FieldPath | string): FieldError[] {
  return deepEqual(newVal, oldVal) ? [] : [field.invalid(path, newVal, "field is immutable")];
}

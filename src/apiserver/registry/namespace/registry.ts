/**
 * Namespace storage (pkg/registry/core/namespace/storage/storage.go): deleting a namespace whose
 * spec.finalizers still lists `kubernetes` only marks it Terminating; the namespace controller empties
 * it and finalizes it through the `finalize` subresource before it really goes.
 */
import { deepClone } from "../../machinery/object.ts";
import { GenericRegistry, type DeleteOptions, type DeleteResult, type RequestContext, type RESTStrategy } from "../../machinery/rest.ts";
import { rfc3339 } from "../../machinery/time.ts";
import type { Namespace } from "./types.ts";

export const namespaceFinalizeStrategy = {
  prepareForCreate() {},
  validate: () => [],
  prepareForUpdate(ns, old) {
    ns.metadata = { ...old.metadata };
    ns.status = old.status;
  },
  validateUpdate: () => [],
} satisfies RESTStrategy<Namespace>;

export class NamespaceRegistry extends GenericRegistry<Namespace> {
  override delete(namespace: string | undefined, name: string, ctx: RequestContext, opts: DeleteOptions = {}, version?: string): DeleteResult<Namespace> {
    const ns = this.get(undefined, name);
    if (!ns.spec?.finalizers?.length) return super.delete(namespace, name, ctx, opts, version);
    this.deps.admission.validate({ operation: "DELETE", def: this.def, version: version ?? "v1", subresource: "", namespace: "", name, object: null, oldObject: ns, ctx });
    if (ns.metadata.deletionTimestamp) return { object: ns, deleted: false };
    const marked = deepClone(ns);
    marked.metadata.deletionTimestamp = rfc3339(this.deps.clock.now());
    marked.metadata.deletionGracePeriodSeconds = 0;
    marked.status = { ...marked.status, phase: "Terminating" };
    if (ctx.dryRun) return { object: marked, deleted: false };
    return { object: this.deps.store.update(this.key, marked) as Namespace, deleted: false };
  }
}

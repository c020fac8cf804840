/**
 * Namespace storage (pkg/registry/core/namespace/storage/storage.go): deleting a namespace whose
 * spec.finalizers still lists `kubernetes` only marks it Terminating; the namespace controller empties
 * it and finalizes it through the `finalize` subresource before it really goes.
 */
import { apiErrors } from "../../machinery/errors.ts";
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
    // Once terminating and finalized, the second delete (the namespace controller's) really removes it.
    if (ns.metadata.deletionTimestamp && !ns.spec?.finalizers?.length) return super.delete(namespace, name, ctx, opts, version);
    this.deps.admission.validate({ operation: "DELETE", def: this.def, version: version ?? "v1", subresource: "", namespace: "", name, object: null, oldObject: ns, ctx });
    if (ns.metadata.deletionTimestamp) {
      // storage.go: "prior to final deletion, we must ensure that finalizers is empty".
      throw apiErrors.conflict(
        { group: "", resource: "namespaces" },
        name,
        "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.",
      );
    }
    // The first delete only starts termination, whatever the finalizers (upstream switches the phase
    // on the first request and leaves the rest to the namespace controller).
    const marked = deepClone(ns);
    marked.metadata.deletionTimestamp = rfc3339(this.deps.clock.now());
    marked.metadata.deletionGracePeriodSeconds = 0;
    marked.status = { ...marked.status, phase: "Terminating" };
    if (ctx.dryRun) return { object: marked, deleted: false };
    return { object: this.deps.store.update(this.key, marked, ctx.user.username) as Namespace, deleted: false };
  }
}

/** pkg/registry/core/namespace/strategy.go: new namespaces are Active and carry the kubernetes finalizer. */
import { field, FieldPath } from "../../machinery/errors.ts";
import { validateObjectMeta, validateObjectMetaUpdate, validateNamespaceName } from "../../machinery/objectmeta.ts";
import type { RESTStrategy } from "../../machinery/rest.ts";
import { validateImmutable } from "../../machinery/rest.ts";
import { LABEL_METADATA_NAME, type Namespace } from "./types.ts";

function defaults(ns: Namespace) {
  // SetDefaults_Namespace: the immutable name label every namespace carries.
  ns.metadata.labels = { ...ns.metadata.labels, [LABEL_METADATA_NAME]: ns.metadata.name ?? "" };
}

export const namespaceStrategy = {
  prepareForCreate(ns) {
    defaults(ns);
    ns.status = { phase: "Active" };
    const fin = ns.spec?.finalizers ?? [];
    ns.spec = { finalizers: fin.includes("kubernetes") ? fin : [...fin, "kubernetes"] };
  },
  validate: (ns) => {
    const errs = validateObjectMeta(ns.metadata, false, validateNamespaceName, FieldPath.root("metadata"));
    for (const [i, f] of (ns.spec?.finalizers ?? []).entries()) {
      if (!f) errs.push(field.required(FieldPath.root("spec").child("finalizers").index(i)));
    }
    return errs;
  },
  prepareForUpdate(ns, old) {
    defaults(ns);
    ns.spec = old.spec;
    ns.status = old.status;
  },
  validateUpdate: (ns, old) => [
    ...validateObjectMetaUpdate(ns.metadata, old.metadata, FieldPath.root("metadata")),
    ...validateImmutable(ns.metadata.labels?.[LABEL_METADATA_NAME], old.metadata.labels?.[LABEL_METADATA_NAME], `metadata.labels[${LABEL_METADATA_NAME}]`),
  ],
} satisfies RESTStrategy<Namespace>;

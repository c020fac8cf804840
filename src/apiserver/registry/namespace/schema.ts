/** Namespace's schema (k8s.io/api/core/v1/types.go). */
import { kindSchema, obj, str, strList, type Schema } from "../../machinery/schema.ts";

export const NAMESPACE_SCHEMA: Schema = kindSchema("v1.Namespace", "Namespace provides a scope for Names. Use of multiple namespaces is optional.", {
  spec: obj("v1.NamespaceSpec", "Spec defines the behavior of the Namespace.", {
    finalizers: strList("Finalizers is an opaque list of values that must be empty to permanently remove object from storage."),
  }),
  status: obj("v1.NamespaceStatus", "Status describes the current status of a Namespace.", {
    conditions: { type: "any", go: "[]v1.NamespaceCondition", description: "Represents the latest available observations of a namespace's current state." },
    phase: str("Phase is the current lifecycle phase of the namespace.", "v1.NamespacePhase", ["Active", "Terminating"]),
  }),
});

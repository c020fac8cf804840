/**
 * The validating admission chain. kube-apiserver runs its plugins in a fixed order; the sandbox has
 * NamespaceLifecycle built in and lets later plugins (ValidatingAdmissionPolicy) join the list.
 */
import { apiErrors } from "../machinery/errors.ts";
import type { Admission, AdmissionRequest } from "../machinery/rest.ts";
import { IMMORTAL_NAMESPACES } from "../registry/namespace/types.ts";

export class AdmissionChain implements Admission {
  readonly #plugins: Admission[] = [];

  add(plugin: Admission): void {
    this.#plugins.push(plugin);
  }

  validate(req: AdmissionRequest): void {
    for (const p of this.#plugins) p.validate(req);
  }
}

/** NamespaceLifecycle's delete half (plugin/pkg/admission/namespace/lifecycle/admission.go). */
export const namespaceLifecycle: Admission = {
  validate(req) {
    if (req.operation === "DELETE" && req.def.plural === "namespaces" && req.def.group === "" && IMMORTAL_NAMESPACES.has(req.name)) {
      throw apiErrors.forbidden({ group: "", resource: "namespaces" }, req.name, "this namespace may not be deleted");
    }
  },
};

/**
 * pkg/registry/admissionregistration/validatingadmissionpolicy/strategy.go: create clears status and
 * starts at generation 1, update keeps status and bumps generation on a spec change; the status
 * subresource keeps the spec. The strategy compiles CEL, so it takes the apiserver's engine (lazily:
 * building it is only worth it once a policy exists).
 */
import type { CelEngine } from "../../../cel/environment.ts";
import { field, FieldPath, type FieldError } from "../../machinery/errors.ts";
import { resetObjectMetaForStatus, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import type { RESTStrategy } from "../../machinery/rest.ts";
import type { ValidatingAdmissionPolicy } from "./types.ts";
import { validateValidatingAdmissionPolicy, validateValidatingAdmissionPolicyUpdate } from "./validation.ts";

export function validatingAdmissionPolicyStrategy(cel: () => CelEngine) {
  return {
    prepareForCreate(obj) {
      delete obj.status;
    },
    validate: (obj) => validateValidatingAdmissionPolicy(obj, cel()),
    prepareForUpdate(obj, old) {
      if (old.status) obj.status = old.status;
      else delete obj.status;
    },
    validateUpdate: (obj, old) => validateValidatingAdmissionPolicyUpdate(obj, old, cel()),
    tracksGeneration: true,
  } satisfies RESTStrategy<ValidatingAdmissionPolicy>;
}

/** validateValidatingAdmissionPolicyStatus: every type-checking warning names its field and says something. */
function validateStatus(obj: ValidatingAdmissionPolicy): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root("status").child("typeChecking", "expressionWarnings");
  (obj.status?.typeChecking?.expressionWarnings ?? []).forEach((w, i) => {
    if (!w.warning) errs.push(field.required(path.index(i).child("warning"), ""));
    if (!w.fieldRef?.trim()) errs.push(field.required(path.index(i).child("fieldRef"), ""));
  });
  return errs;
}

export const validatingAdmissionPolicyStatusStrategy = {
  prepareForCreate() {},
  validate: () => [],
  prepareForUpdate(obj, old) {
    // status changes are not allowed to update spec
    obj.spec = old.spec;
    resetObjectMetaForStatus(obj.metadata, old.metadata);
  },
  validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata, FieldPath.root("metadata")), ...validateStatus(obj)],
} satisfies RESTStrategy<ValidatingAdmissionPolicy>;

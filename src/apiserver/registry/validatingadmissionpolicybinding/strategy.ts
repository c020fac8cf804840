/**
 * pkg/registry/admissionregistration/validatingadmissionpolicybinding/strategy.go: no status, generation
 * 1 on create and bumped on a spec change. (Upstream also checks that the user may read the bound
 * policy's paramKind; the sandbox's users are cluster admins, who are exempt.)
 */
import type { RESTStrategy } from "../../machinery/rest.ts";
import type { ValidatingAdmissionPolicyBinding } from "./types.ts";
import { validateValidatingAdmissionPolicyBinding, validateValidatingAdmissionPolicyBindingUpdate } from "./validation.ts";

export const validatingAdmissionPolicyBindingStrategy = {
  prepareForCreate() {},
  validate: (obj) => validateValidatingAdmissionPolicyBinding(obj),
  prepareForUpdate() {},
  validateUpdate: (obj, old) => validateValidatingAdmissionPolicyBindingUpdate(obj, old),
  tracksGeneration: true,
} satisfies RESTStrategy<ValidatingAdmissionPolicyBinding>;

/** SetDefaults for a binding: only its matchResources, when given (pkg/apis/admissionregistration/v1/defaults.go). */
import { setMatchResourcesDefaults } from "../validatingadmissionpolicy/defaults.ts";
import type { ValidatingAdmissionPolicyBinding } from "./types.ts";

export function setValidatingAdmissionPolicyBindingDefaults(obj: ValidatingAdmissionPolicyBinding): void {
  if (!obj.spec || typeof obj.spec !== "object") obj.spec = {};
  if (obj.spec.matchResources && typeof obj.spec.matchResources === "object") setMatchResourcesDefaults(obj.spec.matchResources);
}

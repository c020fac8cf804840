/**
 * ValidatingAdmissionPolicyBinding validation, pkg/apis/admissionregistration/validation/validation.go
 * (validateValidatingAdmissionPolicyBindingSpec, validateParamRef, validateValidationActions). The
 * misspelt path `spec.matchResouces` is upstream's own.
 */
import { field, FieldPath, type FieldError } from "../../machinery/errors.ts";
import { isValidPathSegmentName, nameIsDNSSubdomain } from "../../machinery/names.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { validateLabelSelector, validateMatchResources } from "../validatingadmissionpolicy/match-validation.ts";
import { VALIDATION_ACTIONS, type ParamRef, type ValidatingAdmissionPolicyBinding } from "./types.ts";

const SPEC = FieldPath.root("spec");

function validateParamRef(pr: ParamRef | undefined, path: FieldPath): FieldError[] {
  if (!pr) return [];
  const errs: FieldError[] = [];
  if (pr.name) {
    for (const msg of isValidPathSegmentName(pr.name)) errs.push(field.invalid(path.child("name"), pr.name, msg));
    if (pr.selector) errs.push(field.forbidden(path.child("name"), "name and selector are mutually exclusive"));
  }
  if (pr.selector) {
    errs.push(...validateLabelSelector(pr.selector, path.child("selector")));
    if (pr.name) errs.push(field.forbidden(path.child("selector"), "name and selector are mutually exclusive"));
  }
  if (!pr.name && !pr.selector) errs.push(field.required(path, "one of name or selector must be specified"));
  if (!pr.parameterNotFoundAction) errs.push(field.required(path.child("parameterNotFoundAction"), ""));
  else if (pr.parameterNotFoundAction !== "Deny" && pr.parameterNotFoundAction !== "Allow") {
    errs.push(field.notSupported(path.child("parameterNotFoundAction"), pr.parameterNotFoundAction, ["Deny", "Allow"]));
  }
  return errs;
}

function validateValidationActions(actions: readonly string[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  actions.forEach((a, i) => {
    if (!(VALIDATION_ACTIONS as readonly string[]).includes(a)) errs.push(field.notSupported(path.index(i), a, VALIDATION_ACTIONS));
    if (seen.has(a)) errs.push(field.duplicate(path.index(i), a));
    seen.add(a);
  });
  if (seen.has("Deny") && seen.has("Warn")) {
    errs.push(field.invalid(path, actions, "must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)"));
  }
  if (seen.size === 0) errs.push(field.required(path, "at least one validation action is required"));
  return errs;
}

export function validateValidatingAdmissionPolicyBinding(b: ValidatingAdmissionPolicyBinding): FieldError[] {
  const errs = validateObjectMeta(b.metadata, false, nameIsDNSSubdomain, FieldPath.root("metadata"));
  const spec = b.spec ?? {};
  const policyName = spec.policyName ?? "";
  if (!policyName) errs.push(field.required(SPEC.child("policyName"), ""));
  else for (const msg of nameIsDNSSubdomain(policyName, false)) errs.push(field.invalid(SPEC.child("policyName"), policyName, msg));
  errs.push(...validateParamRef(spec.paramRef, SPEC.child("paramRef")));
  errs.push(...validateMatchResources(spec.matchResources, SPEC.child("matchResouces")));
  errs.push(...validateValidationActions(spec.validationActions ?? [], SPEC.child("validationActions")));
  return errs;
}

export function validateValidatingAdmissionPolicyBindingUpdate(b: ValidatingAdmissionPolicyBinding, old: ValidatingAdmissionPolicyBinding): FieldError[] {
  return [...validateObjectMetaUpdate(b.metadata, old.metadata, FieldPath.root("metadata")), ...validateValidatingAdmissionPolicyBinding(b)];
}

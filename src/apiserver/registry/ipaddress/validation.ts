/** IPAddress validation, pkg/apis/networking/validation/validation.go. */
import { field, FieldPath, type FieldError } from "../../machinery/errors.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { ipProblems } from "../../machinery/ipvalidation.ts";
import { isDNS1123Subdomain, isValidPathSegmentName } from "../../machinery/names.ts";
import { validateImmutable } from "../../machinery/rest.ts";
import type { IPAddress, ParentReference } from "./types.ts";

/** ValidateIPAddressName: the name is the IP in canonical form; no generateName. */
export const validateIPAddressName = (name: string): string[] => ipProblems(name);

function validateParentReference(ref: ParentReference | undefined, spec: FieldPath): FieldError[] {
  if (!ref) return [field.required(spec.child("parentRef"))];
  const p = spec.child("parentRef");
  const errs: FieldError[] = [];
  if (ref.group) for (const m of isDNS1123Subdomain(ref.group)) errs.push(field.invalid(p.child("group"), ref.group, m));
  if (!ref.resource) errs.push(field.required(p.child("resource")));
  else for (const m of isValidPathSegmentName(ref.resource)) errs.push(field.invalid(p.child("resource"), ref.resource, m));
  if (!ref.name) errs.push(field.required(p.child("name")));
  else for (const m of isValidPathSegmentName(ref.name)) errs.push(field.invalid(p.child("name"), ref.name, m));
  if (ref.namespace) for (const m of isValidPathSegmentName(ref.namespace)) errs.push(field.invalid(p.child("namespace"), ref.namespace, m));
  return errs;
}

export function validateIPAddress(obj: IPAddress): FieldError[] {
  return [
    ...validateObjectMeta(obj.metadata, false, validateIPAddressName, FieldPath.root("metadata")),
    ...validateParentReference(obj.spec?.parentRef, FieldPath.root("spec")),
  ];
}

export function validateIPAddressUpdate(obj: IPAddress, old: IPAddress): FieldError[] {
  return [
    ...validateObjectMetaUpdate(obj.metadata, old.metadata, FieldPath.root("metadata")),
    ...validateImmutable(obj.spec?.parentRef, old.spec?.parentRef, FieldPath.root("spec").child("parentRef")),
  ];
}

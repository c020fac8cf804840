/** IPAddress validation, pkg/apis/networking/validation/validation.go. */
import { field, FieldPath, goStruct, type FieldError } from "../../machinery/errors.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { ipProblems } from "../../machinery/ipvalidation.ts";
import { isDNS1123Subdomain, isValidPathSegmentName } from "../../machinery/names.ts";
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

/**
 * The internal networking.ParentReference (no json tags, fields in Go order) that
 * ValidateImmutableField compares and prints; nil when absent.
 */
function internalParentRef(ref: ParentReference | undefined) {
  if (!ref) return null;
  return { Group: ref.group ?? "", Resource: ref.resource ?? "", Namespace: ref.namespace ?? "", Name: ref.name ?? "" };
}

export function validateIPAddressUpdate(obj: IPAddress, old: IPAddress): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata, old.metadata, FieldPath.root("metadata"));
  // ValidateImmutableField(update.Spec.ParentRef, old.Spec.ParentRef): Semantic.DeepEqual of the
  // internal structs, so an omitted group equals an empty one.
  const next = internalParentRef(obj.spec?.parentRef);
  const prev = internalParentRef(old.spec?.parentRef);
  if (JSON.stringify(next) !== JSON.stringify(prev)) {
    errs.push(field.invalid(FieldPath.root("spec").child("parentRef"), next && goStruct(next), "field is immutable"));
  }
  return errs;
}

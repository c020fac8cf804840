/**
 * ObjectMeta validation from k8s.io/apimachinery/pkg/api/validation/objectmeta.go (v0.34.0): the checks
 * every resource gets after its own, on create and on update.
 */
import { field, type FieldError, FieldPath } from "./errors.ts";
import type { ObjectMeta } from "./object.ts";
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel } from "./names.ts";

export type NameValidator = (name: string, prefix: boolean) => string[];

const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;
const STANDARD_FINALIZERS = new Set(["kubernetes", "orphan", "foregroundDeletion"]);

/** ValidateNamespaceName = NameIsDNSLabel. */
export const validateNamespaceName = nameIsDNSLabel;

export function validateLabels(labels: Record<string, string> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(labels ?? {}).sort()) {
    for (const msg of isQualifiedName(k)) errs.push(field.invalid(path, k, msg));
    for (const msg of isValidLabelValue(labels![k]!)) errs.push(field.invalid(path, labels![k], msg));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const k of Object.keys(annotations ?? {}).sort()) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(field.invalid(path, k, msg));
    total += k.length + annotations![k]!.length;
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(field.tooLong(path, "", TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

/** ValidateFinalizers plus core's ValidateFinalizerName (pkg/apis/core/validation). */
export function validateFinalizers(finalizers: string[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (finalizers ?? []).forEach((f, i) => {
    const p = path.index(i);
    const msgs = isQualifiedName(f);
    for (const msg of msgs) errs.push(field.invalid(p, f, msg));
    if (!msgs.length && !f.includes("/") && !STANDARD_FINALIZERS.has(f)) {
      errs.push(field.invalid(p, f, "name is neither a standard finalizer name nor is it fully qualified"));
    }
  });
  return errs;
}

export function validateObjectMeta(meta: ObjectMeta, requiresNamespace: boolean, nameFn: NameValidator, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) {
    for (const msg of nameFn(meta.generateName, true)) errs.push(field.invalid(path.child("generateName"), meta.generateName, msg));
  }
  if (!meta.name) {
    errs.push(field.required(path.child("name"), "name or generateName is required"));
  } else {
    for (const msg of nameFn(meta.name, false)) errs.push(field.invalid(path.child("name"), meta.name, msg));
  }
  if (requiresNamespace) {
    if (!meta.namespace) errs.push(field.required(path.child("namespace")));
    else for (const msg of validateNamespaceName(meta.namespace, false)) errs.push(field.invalid(path.child("namespace"), meta.namespace, msg));
  } else if (meta.namespace) {
    errs.push(field.forbidden(path.child("namespace"), "not allowed on this type"));
  }
  errs.push(...validateLabels(meta.labels, path.child("labels")));
  errs.push(...validateAnnotations(meta.annotations, path.child("annotations")));
  errs.push(...validateFinalizers(meta.finalizers, path.child("finalizers")));
  return errs;
}

export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp) {
    const extra = (meta.finalizers ?? []).filter((f) => !(old.finalizers ?? []).includes(f));
    if (extra.length) {
      const list = `[]string{${extra.sort().map((f) => JSON.stringify(f)).join(", ")}}`;
      errs.push(field.forbidden(path.child("finalizers"), `no new finalizers can be added if the object is being deleted, found new finalizers ${list}`));
    }
  }
  errs.push(...validateLabels(meta.labels, path.child("labels")));
  errs.push(...validateAnnotations(meta.annotations, path.child("annotations")));
  errs.push(...validateFinalizers(meta.finalizers, path.child("finalizers")));
  return errs;
}

export { FieldPath };

/** metav1.ResetObjectMetaForStatus: a status write cannot change these. */
export function resetObjectMetaForStatus(meta: ObjectMeta, old: ObjectMeta): void {
  meta.deletionTimestamp = old.deletionTimestamp;
  meta.generation = old.generation;
  meta.labels = old.labels;
  meta.annotations = old.annotations;
  meta.finalizers = old.finalizers;
  meta.ownerReferences = old.ownerReferences;
  for (const k of Object.keys(meta) as (keyof ObjectMeta)[]) if (meta[k] === undefined) delete meta[k];
}

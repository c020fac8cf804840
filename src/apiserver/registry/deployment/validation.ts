/** ValidateDeployment and ValidateDeploymentUpdate (pkg/apis/apps/validation/validation.go, v1.34). */
import { field, FieldPath, type FieldError } from "../../machinery/errors.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { nameIsDNSSubdomain } from "../../machinery/names.ts";
import { validateImmutable } from "../../machinery/rest.ts";
import { scaledValue, validateIntOrPercent, validateNonNegative, validateSelectorAndTemplate } from "./workload.ts";
import type { Deployment } from "./types.ts";

const SPEC = FieldPath.root("spec");

export function validateDeployment(d: Deployment): FieldError[] {
  const errs = validateObjectMeta(d.metadata, true, nameIsDNSSubdomain, FieldPath.root("metadata"));
  const spec = d.spec;
  errs.push(...validateNonNegative(spec.replicas, SPEC.child("replicas")));
  errs.push(...validateSelectorAndTemplate(spec.selector, spec.template, "deployment", SPEC));
  const strategy = spec.strategy ?? {};
  const sp = SPEC.child("strategy");
  if (strategy.type !== "RollingUpdate" && strategy.type !== "Recreate") {
    errs.push(field.notSupported(sp.child("type"), strategy.type ?? "", ["Recreate", "RollingUpdate"]));
  } else if (strategy.type === "Recreate" && strategy.rollingUpdate) {
    errs.push(field.forbidden(sp.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
  } else if (strategy.type === "RollingUpdate" && strategy.rollingUpdate) {
    const ru = strategy.rollingUpdate;
    const rp = sp.child("rollingUpdate");
    errs.push(...validateIntOrPercent(ru.maxUnavailable, rp.child("maxUnavailable")));
    errs.push(...validateIntOrPercent(ru.maxSurge, rp.child("maxSurge")));
    if (scaledValue(ru.maxUnavailable, 100, false) === 0 && scaledValue(ru.maxSurge, 100, true) === 0 && ru.maxUnavailable !== undefined) {
      errs.push(field.invalid(rp.child("maxUnavailable"), ru.maxUnavailable, "may not be 0 when `maxSurge` is 0"));
    }
  }
  errs.push(...validateNonNegative(spec.minReadySeconds, SPEC.child("minReadySeconds")));
  errs.push(...validateNonNegative(spec.revisionHistoryLimit, SPEC.child("revisionHistoryLimit")));
  if (spec.progressDeadlineSeconds !== undefined) {
    errs.push(...validateNonNegative(spec.progressDeadlineSeconds, SPEC.child("progressDeadlineSeconds")));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(field.invalid(SPEC.child("progressDeadlineSeconds"), spec.progressDeadlineSeconds, "must be greater than minReadySeconds"));
    }
  }
  return errs;
}

export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  return [
    ...validateObjectMetaUpdate(d.metadata, old.metadata, FieldPath.root("metadata")),
    ...validateImmutable(d.spec.selector, old.spec.selector, SPEC.child("selector")),
    ...validateDeployment(d),
  ];
}

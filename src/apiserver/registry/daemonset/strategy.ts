/**
 * DaemonSet defaults, validation and strategy (pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet,
 * pkg/apis/apps/validation ValidateDaemonSet, pkg/registry/apps/daemonset/strategy.go).
 */
import { field, FieldPath, type FieldError } from "../../machinery/errors.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { nameIsDNSSubdomain } from "../../machinery/names.ts";
import { validateImmutable, type RESTStrategy } from "../../machinery/rest.ts";
import { setTemplateDefaults, validateIntOrPercent, validateNonNegative, validateSelectorAndTemplate } from "../deployment/workload.ts";
import type { DaemonSet } from "./types.ts";

const SPEC = FieldPath.root("spec");

export function setDaemonSetDefaults(ds: DaemonSet): void {
  const spec = (ds.spec ??= { template: { spec: { containers: [] } } });
  const us = (spec.updateStrategy ??= {});
  if (!us.type) us.type = "RollingUpdate";
  if (us.type === "RollingUpdate") {
    const ru = (us.rollingUpdate ??= {});
    if (ru.maxUnavailable === undefined) ru.maxUnavailable = 1;
    if (ru.maxSurge === undefined) ru.maxSurge = 0;
  }
  if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
  setTemplateDefaults(spec.template);
}

export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  const errs = [
    ...validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain, FieldPath.root("metadata")),
    ...validateSelectorAndTemplate(ds.spec.selector, ds.spec.template, "daemonset", SPEC),
    ...validateNonNegative(ds.spec.minReadySeconds, SPEC.child("minReadySeconds")),
  ];
  const us = ds.spec.updateStrategy ?? {};
  if (us.type !== "RollingUpdate" && us.type !== "OnDelete") errs.push(field.notSupported(SPEC.child("updateStrategy", "type"), us.type ?? "", ["OnDelete", "RollingUpdate"]));
  if (us.rollingUpdate) {
    errs.push(...validateIntOrPercent(us.rollingUpdate.maxUnavailable, SPEC.child("updateStrategy", "rollingUpdate", "maxUnavailable")));
    errs.push(...validateIntOrPercent(us.rollingUpdate.maxSurge, SPEC.child("updateStrategy", "rollingUpdate", "maxSurge")));
  }
  return errs;
}

export const daemonSetStrategy = {
  tracksGeneration: true,
  prepareForCreate(ds) {
    ds.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
  },
  validate: (ds) => validateDaemonSet(ds),
  prepareForUpdate(ds, old) {
    ds.status = old.status;
  },
  validateUpdate: (ds, old) => [
    ...validateObjectMetaUpdate(ds.metadata, old.metadata, FieldPath.root("metadata")),
    ...validateImmutable(ds.spec.selector, old.spec.selector, SPEC.child("selector")),
    ...validateDaemonSet(ds),
  ],
} satisfies RESTStrategy<DaemonSet>;

export const daemonSetStatusStrategy = {
  ...daemonSetStrategy,
  prepareForUpdate(ds, old) {
    ds.spec = old.spec;
  },
  validateUpdate: () => [],
} satisfies RESTStrategy<DaemonSet>;

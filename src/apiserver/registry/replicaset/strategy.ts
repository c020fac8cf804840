/**
 * ReplicaSet defaults, validation and strategy (pkg/apis/apps/v1/defaults.go SetDefaults_ReplicaSet,
 * pkg/apis/apps/validation ValidateReplicaSet, pkg/registry/apps/replicaset/strategy.go).
 */
import { FieldPath, type FieldError } from "../../machinery/errors.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { nameIsDNSSubdomain } from "../../machinery/names.ts";
import { validateImmutable, type RESTStrategy } from "../../machinery/rest.ts";
import { setTemplateDefaults, validateNonNegative, validateSelectorAndTemplate } from "../deployment/workload.ts";
import type { ReplicaSet } from "./types.ts";

const SPEC = FieldPath.root("spec");

export function setReplicaSetDefaults(rs: ReplicaSet): void {
  const spec = (rs.spec ??= {});
  if (spec.replicas === undefined) spec.replicas = 1;
  setTemplateDefaults(spec.template);
}

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return [
    ...validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain, FieldPath.root("metadata")),
    ...validateNonNegative(rs.spec.replicas, SPEC.child("replicas")),
    ...validateNonNegative(rs.spec.minReadySeconds, SPEC.child("minReadySeconds")),
    ...validateSelectorAndTemplate(rs.spec.selector, rs.spec.template, "replicaset", SPEC),
  ];
}

export const replicaSetStrategy = {
  tracksGeneration: true,
  prepareForCreate(rs) {
    rs.status = {};
  },
  validate: (rs) => validateReplicaSet(rs),
  prepareForUpdate(rs, old) {
    rs.status = old.status;
  },
  validateUpdate: (rs, old) => [
    ...validateObjectMetaUpdate(rs.metadata, old.metadata, FieldPath.root("metadata")),
    ...validateImmutable(rs.spec.selector, old.spec.selector, SPEC.child("selector")),
    ...validateReplicaSet(rs),
  ],
} satisfies RESTStrategy<ReplicaSet>;

export const replicaSetStatusStrategy = {
  ...replicaSetStrategy,
  prepareForUpdate(rs, old) {
    rs.spec = old.spec;
  },
  validateUpdate: () => [],
} satisfies RESTStrategy<ReplicaSet>;

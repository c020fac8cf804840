/** Lease validation (pkg/apis/coordination/validation), strategy, table (printLease: NAME HOLDER AGE) and schema. */
import { field, FieldPath, type FieldError } from "../../machinery/errors.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { nameIsDNSSubdomain } from "../../machinery/names.ts";
import type { RESTStrategy } from "../../machinery/rest.ts";
import { int32, kindSchema, obj, str, time, type Schema } from "../../machinery/schema.ts";
import { age } from "../../machinery/time.ts";
import type { TableDef } from "../../machinery/table.ts";
import type { Lease } from "./types.ts";

function validateLease(l: Lease): FieldError[] {
  const errs = validateObjectMeta(l.metadata, true, nameIsDNSSubdomain, FieldPath.root("metadata"));
  const d = l.spec?.leaseDurationSeconds;
  if (d !== undefined && d <= 0) errs.push(field.invalid(FieldPath.root("spec").child("leaseDurationSeconds"), d, "must be greater than 0"));
  return errs;
}

export const leaseStrategy = {
  prepareForCreate() {},
  validate: (l) => validateLease(l),
  prepareForUpdate() {},
  validateUpdate: (l, old) => [...validateObjectMetaUpdate(l.metadata, old.metadata, FieldPath.root("metadata")), ...validateLease(l)],
} satisfies RESTStrategy<Lease>;

export const leaseTable: TableDef<Lease> = {
  columns: [
    { name: "Name", priority: 0 },
    { name: "Holder", priority: 0 },
    { name: "Age", priority: 0 },
  ],
  row: (l, now) => [l.metadata.name!, l.spec?.holderIdentity ?? "", age(l.metadata.creationTimestamp, now)],
};

export const LEASE_SCHEMA: Schema = kindSchema("v1.Lease", "Lease defines a lease concept.", {
  spec: obj("v1.LeaseSpec", "spec contains the specification of the Lease.", {
    acquireTime: time("acquireTime is a time when the current lease was acquired."),
    holderIdentity: str("holderIdentity contains the identity of the holder of a current lease."),
    leaseDurationSeconds: int32("leaseDurationSeconds is a duration that candidates for a lease need to wait to force acquire it."),
    leaseTransitions: int32("leaseTransitions is the number of transitions of a lease between holders."),
    preferredHolder: str("PreferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up."),
    renewTime: { type: "time", go: "v1.MicroTime", description: "renewTime is a time when the current holder of a lease has last updated the lease." },
    strategy: str("Strategy indicates the strategy for picking the leader for coordinated leader election."),
  }),
});

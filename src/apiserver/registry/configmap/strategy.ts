/**
 * ConfigMap validation (ValidateConfigMap, pkg/apis/core/validation) and strategy
 * (pkg/registry/core/configmap/strategy.go): keys are config keys, the total stays under 1 MiB, and an
 * immutable ConfigMap keeps its data.
 */
import { field, FieldPath, type FieldError } from "../../machinery/errors.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { nameIsDNSSubdomain } from "../../machinery/names.ts";
import { deepEqual } from "../../machinery/object.ts";
import type { RESTStrategy } from "../../machinery/rest.ts";
import { age } from "../../machinery/time.ts";
import type { TableDef } from "../../machinery/table.ts";
import type { ConfigMap } from "./types.ts";

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const MAX_SIZE = 1024 * 1024;

function keyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push("must be no more than 253 characters");
  if (!CONFIG_KEY.test(key)) errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  if (key === ".") errs.push("must not be '.'");
  else if (key === "..") errs.push("must not be '..'");
  else if (key.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain, FieldPath.root("metadata"));
  let total = 0;
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    for (const m of keyErrors(k)) errs.push(field.invalid(FieldPath.root("data").key(k), k, m));
    total += v.length;
  }
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) {
    for (const m of keyErrors(k)) errs.push(field.invalid(FieldPath.root("binaryData").key(k), k, m));
    if (cm.data && k in cm.data) errs.push(field.invalid(FieldPath.root("binaryData").key(k), k, "duplicate of key present in data"));
    total += v.length;
  }
  if (total > MAX_SIZE) errs.push(field.tooLong("", "", MAX_SIZE));
  return errs;
}

export const configMapStrategy = {
  prepareForCreate() {},
  validate: (cm) => validateConfigMap(cm),
  prepareForUpdate() {},
  validateUpdate: (cm, old) => {
    const errs = validateObjectMetaUpdate(cm.metadata, old.metadata, FieldPath.root("metadata"));
    if (old.immutable) {
      if (!cm.immutable) errs.push(field.forbidden("immutable", "field is immutable when `immutable` is set"));
      if (!deepEqual(cm.data ?? {}, old.data ?? {})) errs.push(field.forbidden("data", "field is immutable when `immutable` is set"));
      if (!deepEqual(cm.binaryData ?? {}, old.binaryData ?? {})) errs.push(field.forbidden("binaryData", "field is immutable when `immutable` is set"));
    }
    return [...errs, ...validateConfigMap(cm)];
  },
} satisfies RESTStrategy<ConfigMap>;

/** printConfigMap: DATA counts data and binaryData keys. */
export const configMapTable: TableDef<ConfigMap> = {
  columns: [
    { name: "Name", priority: 0 },
    { name: "Data", priority: 0 },
    { name: "Age", priority: 0 },
  ],
  row: (cm, now) => [cm.metadata.name!, String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length), age(cm.metadata.creationTimestamp, now)],
};

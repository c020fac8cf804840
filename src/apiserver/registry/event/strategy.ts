/** pkg/registry/core/event/strategy.go: events are accepted nearly as sent. */
import { FieldPath, field } from "../../machinery/errors.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { nameIsDNSSubdomain } from "../../machinery/names.ts";
import type { RESTStrategy } from "../../machinery/rest.ts";
import type { Event } from "./types.ts";

export const eventStrategy = {
  prepareForCreate() {},
  validate: (ev) => {
    const errs = validateObjectMeta(ev.metadata, true, nameIsDNSSubdomain, FieldPath.root("metadata"));
    if (!ev.involvedObject?.name) errs.push(field.required(FieldPath.root("involvedObject").child("name")));
    return errs;
  },
  prepareForUpdate() {},
  validateUpdate: (ev, old) => validateObjectMetaUpdate(ev.metadata, old.metadata, FieldPath.root("metadata")),
} satisfies RESTStrategy<Event>;

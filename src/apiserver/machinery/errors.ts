/**
 * Field errors and API Status errors, shaped after k8s.io/apimachinery/pkg/util/validation/field/errors.go
 * and pkg/api/errors/errors.go (v0.34.0). kubectl turns these into the text a learner sees, so the
 * rendering of values and the composition of messages follow upstream exactly.
 */
import { goQuote } from "./gofmt.ts";

export type FieldErrorType =
  | "FieldValueNotFound"
  | "FieldValueRequired"
  | "FieldValueDuplicate"
  | "FieldValueInvalid"
  | "FieldValueNotSupported"
  | "FieldValueForbidden"
  | "FieldValueTooLong"
  | "FieldValueTooMany"
  | "InternalError";

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: "Not found",
  FieldValueRequired: "Required value",
  FieldValueDuplicate: "Duplicate value",
  FieldValueInvalid: "Invalid value",
  FieldValueNotSupported: "Unsupported value",
  FieldValueForbidden: "Forbidden",
  FieldValueTooLong: "Too long",
  FieldValueTooMany: "Too many",
  InternalError: "Internal error",
};

/**
 * A Go struct as a bad value. encoding/json writes a struct's fields in declaration order (a map's keys
 * sorted), and the internal API types the validators pass (networking.ServiceCIDRSpec,
 * networking.ParentReference, core.ServicePort) have no json tags, so their Go field names appear.
 */
export class GoStruct {
  constructor(readonly fields: Readonly<Record<string, unknown>>) {}
}

export const goStruct = (fields: Record<string, unknown>) => new GoStruct(fields);

/** Turns GoStructs into plain data whose key order JSON.stringify keeps, sorting real maps' keys. */
function goValue(value: unknown): unknown {
  if (value instanceof GoStruct) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value.fields)) out[k] = v === undefined ? null : goValue(v);
    return out;
  }
  if (Array.isArray(value)) return value.map(goValue);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = goValue(v);
    }
    return out;
  }
  return value;
}

/** Marker for errors whose value must not be printed (field.OmitValue). */
export const OMIT_VALUE = Symbol("omitValue");

/**
 * Renders a bad value as v0.34.0 ErrorBody does: numbers and booleans bare, strings %q, anything
 * else as JSON (so a []string prints as ["10.96.0.5"], not Go syntax as in 1.33).
 */
export function renderBadValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "string") return goQuote(value);
  // encoding/json escapes HTML-sensitive characters by default.
  const json = JSON.stringify(goValue(value)) ?? "null";
  return json.replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    readonly field: string,
    readonly badValue: unknown,
    readonly detail: string,
  ) {}

  body(): string {
    let s: string;
    switch (this.type) {
      case "FieldValueRequired":
      case "FieldValueForbidden":
      case "FieldValueTooLong":
      case "InternalError":
        s = TYPE_TEXT[this.type];
        break;
      default:
        s = this.badValue === OMIT_VALUE ? TYPE_TEXT[this.type] : `${TYPE_TEXT[this.type]}: ${renderBadValue(this.badValue)}`;
    }
    if (this.detail) s += `: ${this.detail}`;
    return s;
  }

  toString(): string {
    return this.field ? `${this.field}: ${this.body()}` : this.body();
  }
}

/** field.Path: builds `spec.cidrs[1]` and `metadata.labels[app]`. */
export class FieldPath {
  private constructor(private readonly text: string) {}
  static root(name: string): FieldPath {
    return new FieldPath(name);
  }
  child(name: string, ...more: string[]): FieldPath {
    let t = this.text ? `${this.text}.${name}` : name;
    for (const m of more) t += `.${m}`;
    return new FieldPath(t);
  }
  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }
  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }
  toString(): string {
    return this.text;
  }
}

type P = FieldPath | string;
const ps = (p: P) => String(p);

export const field = {
  invalid: (p: P, value: unknown, detail: string) => new FieldError("FieldValueInvalid", ps(p), value, detail),
  required: (p: P, detail = "") => new FieldError("FieldValueRequired", ps(p), "", detail),
  forbidden: (p: P, detail: string) => new FieldError("FieldValueForbidden", ps(p), "", detail),
  duplicate: (p: P, value: unknown) => new FieldError("FieldValueDuplicate", ps(p), value, ""),
  notFound: (p: P, value: unknown) => new FieldError("FieldValueNotFound", ps(p), value, ""),
  tooLong: (p: P, value: unknown, max: number) =>
    new FieldError("FieldValueTooLong", ps(p), value, max >= 0 ? `may not be more than ${max} bytes` : "value is too long"),
  tooMany: (p: P, actual: number, max: number) =>
    new FieldError("FieldValueTooMany", ps(p), actual, max >= 0 ? `must have at most ${max} items` : "has too many items"),
  /** field.NotSupported: the detail lists the valid values, each %q, comma separated. */
  notSupported: (p: P, value: unknown, valid: readonly string[]) =>
    new FieldError("FieldValueNotSupported", ps(p), value, valid.length ? `supported values: ${valid.map(goQuote).join(", ")}` : ""),
  internal: (p: P, err: string) => new FieldError("InternalError", ps(p), undefined, err),
};

/**
 * utilerrors.NewAggregate(...).Error() (k8s.io/apimachinery/pkg/util/errors/errors.go): one error
 * alone, several as `[a, b]`; a message already seen is printed once (ErrorList.ToAggregate and
 * aggregate.Error both drop repeats), so identical errors never show twice.
 */
export function aggregate(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  if (unique.length === 1) return unique[0]!;
  return `[${unique.join(", ")}]`;
}

export type StatusReason =
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Invalid"
  | "Forbidden"
  | "BadRequest"
  | "InternalError"
  | "MethodNotAllowed"
  | "NotAcceptable"
  | "Gone"
  | "Timeout"
  | "ServiceUnavailable"
  | "Unauthorized"
  | "TooManyRequests"
  | "RequestEntityTooLarge"
  | "UnsupportedMediaType"
  | "Expired"
  | "";

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure";
  message: string;
  reason: StatusReason;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
  code: number;
}

/** A failed API call. Thrown by the apiserver, caught and printed by kubectl. */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
    this.name = "StatusError";
  }
  get reason(): StatusReason {
    return this.status.reason;
  }
  get code(): number {
    return this.status.code;
  }
}

export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError;
}

function status(code: number, reason: StatusReason, message: string, details?: Status["details"]): StatusError {
  return new StatusError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, details, code });
}

/** A resource as errors name it: `services`, `servicecidrs.networking.k8s.io`. */
export interface GroupResource {
  group: string;
  resource: string;
}

export function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

export const apiErrors = {
  notFound: (gr: GroupResource, name: string) =>
    status(404, "NotFound", `${qualifiedResource(gr)} ${goQuote(name)} not found`, { name, group: gr.group, kind: gr.resource }),
  alreadyExists: (gr: GroupResource, name: string) =>
    status(409, "AlreadyExists", `${qualifiedResource(gr)} ${goQuote(name)} already exists`, { name, group: gr.group, kind: gr.resource }),
  conflict: (gr: GroupResource, name: string, err: string) =>
    status(409, "Conflict", `Operation cannot be fulfilled on ${qualifiedResource(gr)} ${goQuote(name)}: ${err}`, {
      name,
      group: gr.group,
      kind: gr.resource,
    }),
  /** NewInvalid(qualifiedKind, name, errs): the message names the kind (Service, ServiceCIDR.networking.k8s.io). */
  invalid: (group: string, kind: string, name: string, errs: readonly FieldError[]) => {
    const qualifiedKind = group ? `${kind}.${group}` : kind;
    const causes = errs.map((e) => ({ reason: e.type, message: e.body(), field: e.field }));
    return status(422, "Invalid", `${qualifiedKind} ${goQuote(name)} is invalid: ${aggregate(errs.map(String))}`, {
      name,
      group,
      kind,
      causes,
    });
  },
  forbidden: (gr: GroupResource, name: string, err: string) =>
    status(403, "Forbidden", `${qualifiedResource(gr)} ${goQuote(name)} is forbidden: ${err}`, { name, group: gr.group, kind: gr.resource }),
  badRequest: (message: string) => status(400, "BadRequest", message),
  internal: (err: string) => status(500, "InternalError", `Internal error occurred: ${err}`, { causes: [{ message: err }] }),
  methodNotSupported: (gr: GroupResource, action: string) =>
    status(405, "MethodNotAllowed", `${action} is not supported on resources of kind ${goQuote(qualifiedResource(gr))}`, {
      group: gr.group,
      kind: gr.resource,
    }),
  notAcceptable: (message: string) => status(406, "NotAcceptable", message),
  unsupportedMediaType: (message: string) => status(415, "UnsupportedMediaType", message),
  serviceUnavailable: (message: string) => status(503, "ServiceUnavailable", message),
  /** A status with a caller-chosen reason and code, as a ValidatingAdmissionPolicy denial can carry. */
  custom: (code: number, reason: StatusReason, message: string, details?: Status["details"]) => status(code, reason, message, details),
};

/**
 * Audit events (audit.k8s.io/v1 Event, k8s.io/apiserver/pkg/apis/audit/v1/types.go) for requests that
 * a ValidatingAdmissionPolicy annotated: the `validation.policy.admission.k8s.io/validation_failure`
 * annotation of an Audit binding, and the policies' own auditAnnotations. The sandbox keeps only these
 * events, at level Metadata, as an audit policy logging admission-annotated requests would.
 */
import { KUBE_VERSION } from "../../api.ts";
import type { Status } from "../../machinery/errors.ts";
import type { UserInfo } from "../../machinery/rest.ts";
import type { Attributes } from "./attributes.ts";

export const VALIDATION_FAILURE_ANNOTATION = "validation.policy.admission.k8s.io/validation_failure";

export interface AuditEvent {
  kind: "Event";
  apiVersion: "audit.k8s.io/v1";
  level: "Metadata";
  auditID: string;
  stage: "ResponseComplete";
  requestURI: string;
  verb: string;
  user: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
  sourceIPs: string[];
  userAgent: string;
  objectRef: { resource: string; namespace?: string; name?: string; apiGroup?: string; apiVersion?: string; subresource?: string };
  responseStatus: { metadata: Record<string, never>; status?: string; message?: string; reason?: string; details?: Status["details"]; code: number };
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations: Record<string, string>;
}

const BUILD = `${KUBE_VERSION.gitVersion} (${KUBE_VERSION.platform}) kubernetes/${KUBE_VERSION.gitCommit.slice(0, 7)}`;

function userAgent(user: UserInfo): string {
  if (user.username === "system:apiserver") return `kube-apiserver/${BUILD}`;
  if (user.username.startsWith("system:serviceaccount:kube-system:") || user.username === "system:kube-controller-manager") {
    return `kube-controller-manager/${BUILD}`;
  }
  return `kubectl/${BUILD}`;
}

/** The URL the request went to, as the audit log records it. */
function requestURI(attr: Attributes): string {
  const { group, version, resource } = attr.resource;
  let path = group ? `/apis/${group}/${version}` : `/api/${version}`;
  if (attr.req.def.namespaced && attr.req.namespace) path += `/namespaces/${attr.req.namespace}`;
  path += `/${resource}`;
  if (attr.operation !== "CREATE") path += `/${attr.name}`;
  if (attr.subresource) path += `/${attr.subresource}`;
  return attr.req.ctx.dryRun ? `${path}?dryRun=All` : path;
}

const VERBS = { CREATE: "create", UPDATE: "update", DELETE: "delete" } as const;

export interface AuditEventInput {
  attr: Attributes;
  auditID: string;
  time: string;
  sourceIP: string;
  annotations: Record<string, string>;
  /** The denial, when the request was refused. */
  denied?: Status;
}

export function auditEvent(input: AuditEventInput): AuditEvent {
  const { attr } = input;
  const u = attr.req.ctx.user;
  const user: AuditEvent["user"] = { username: u.username };
  if (u.uid) user.uid = u.uid;
  if (u.groups.length) user.groups = [...u.groups];
  if (u.extra && Object.keys(u.extra).length) user.extra = u.extra;
  const objectRef: AuditEvent["objectRef"] = { resource: attr.resource.resource };
  if (attr.req.def.namespaced && attr.req.namespace) objectRef.namespace = attr.req.namespace;
  if (attr.name) objectRef.name = attr.name;
  if (attr.resource.group) objectRef.apiGroup = attr.resource.group;
  objectRef.apiVersion = attr.resource.version;
  if (attr.subresource) objectRef.subresource = attr.subresource;
  const d = input.denied;
  const responseStatus: AuditEvent["responseStatus"] = d
    ? { metadata: {}, status: d.status, message: d.message, reason: d.reason, details: d.details, code: d.code }
    : { metadata: {}, code: attr.operation === "CREATE" ? 201 : 200 };
  const annotations: Record<string, string> = {};
  for (const k of Object.keys(input.annotations).sort()) annotations[k] = input.annotations[k]!;
  return {
    kind: "Event",
    apiVersion: "audit.k8s.io/v1",
    level: "Metadata",
    auditID: input.auditID,
    stage: "ResponseComplete",
    requestURI: requestURI(attr),
    verb: VERBS[attr.operation],
    user,
    sourceIPs: [input.sourceIP],
    userAgent: userAgent(u),
    objectRef,
    responseStatus,
    requestReceivedTimestamp: input.time,
    stageTimestamp: input.time,
    annotations,
  };
}

/** encoding/json: compact, struct fields in order, `<`, `>`, `&` escaped. One event per line. */
export function auditLogLine(e: AuditEvent): string {
  return JSON.stringify(e).replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

/** The validation_failure annotation's value (dispatcher.go publishValidationFailureAnnotation). */
export function validationFailureValue(v: { message: string; policy: string; binding: string; expressionIndex: number; validationActions: readonly string[] }): string {
  const json = JSON.stringify([{ message: v.message, policy: v.policy, binding: v.binding, expressionIndex: v.expressionIndex, validationActions: v.validationActions }]);
  return json.replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

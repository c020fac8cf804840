/**
 * ValidatingAdmissionPolicy validation, pkg/apis/admissionregistration/validation/validation.go
 * (validateValidatingAdmissionPolicySpec and helpers). CEL expressions are compiled here, so a broken
 * one is refused at create time with the compiler's text: `spec.validations[0].expression: Invalid
 * value: "...": compilation failed: ERROR: <input>:1:6: ...`.
 */
import type { CelEngine, Compiled } from "../../../cel/environment.ts";
import { PolicyCompiler } from "../../admission/validating-policy/compile.ts";
import { deepEqual } from "../../machinery/object.ts";
import { field, FieldPath, goStruct, type FieldError } from "../../machinery/errors.ts";
import { isDNS1035Label, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from "../../machinery/names.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { validateMatchResources } from "./match-validation.ts";
import { FAILURE_POLICIES, type ParamKind, type ValidatingAdmissionPolicy } from "./types.ts";

const SPEC = FieldPath.root("spec");
const MAX_AUDIT_ANNOTATIONS = 20;
const MAX_AUDIT_ANNOTATION_VALUE_EXPRESSION_LENGTH = 5 * 1024;
const SUPPORTED_REASONS = ["Forbidden", "Invalid", "RequestEntityTooLarge"];
const CEL_RESERVED = new Set(["true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while"]);

export interface PolicyValidationOptions {
  /** Update with the same paramKind and matchConditions: those are not checked again. */
  ignoreMatchConditions?: boolean;
}

function isCELIdentifier(name: string): boolean {
  return /^[_a-zA-Z][_a-zA-Z0-9]*$/.test(name) && !CEL_RESERVED.has(name);
}

/** convertCELErrorToValidationError: the expression as the bad value, the compiler text as detail. */
function celError(path: FieldPath, expression: string, r: Compiled): FieldError[] {
  return r.ok ? [] : [field.invalid(path, expression, r.detail)];
}

/** parseGroupVersion. */
function parseGroupVersion(gv: string): { group: string; version: string } | string {
  if (gv === "" || gv === "/") return { group: "", version: "" };
  const parts = gv.split("/");
  if (parts.length === 1) return { group: "", version: gv };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  return `unexpected GroupVersion string: ${gv}`;
}

function validateParamKind(pk: ParamKind, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const apiVersion = pk.apiVersion ?? "";
  if (!apiVersion) errs.push(field.required(path.child("apiVersion"), ""));
  else {
    const gv = parseGroupVersion(apiVersion);
    if (typeof gv === "string") errs.push(field.invalid(path.child("apiVersion"), apiVersion, gv));
    else {
      if (gv.group) {
        const e = isDNS1123Subdomain(gv.group);
        if (e.length) errs.push(field.invalid(path.child("apiVersion"), gv.group, e.join(",")));
      }
      if (!gv.version) errs.push(field.invalid(path.child("apiVersion"), apiVersion, "version must be specified"));
      else {
        const e = isDNS1035Label(gv.version);
        if (e.length) errs.push(field.invalid(path.child("apiVersion"), gv.version, e.join(",")));
      }
    }
  }
  const kind = pk.kind ?? "";
  if (!kind) errs.push(field.required(path.child("kind"), ""));
  else {
    const e = isDNS1035Label(kind.toLowerCase());
    if (e.length) errs.push(field.invalid(path.child("kind"), kind, `may have mixed case, but should otherwise match: ${e.join(",")}`));
  }
  return errs;
}

export function validateValidatingAdmissionPolicy(p: ValidatingAdmissionPolicy, cel: CelEngine, opts: PolicyValidationOptions = {}): FieldError[] {
  const policyName = p.metadata.name ?? "";
  const errs = validateObjectMeta(p.metadata, false, nameIsDNSSubdomain, FieldPath.root("metadata"));
  const spec = p.spec ?? {};
  const compiler = new PolicyCompiler(cel, spec);
  if (spec.failurePolicy === undefined || spec.failurePolicy === null) errs.push(field.required(SPEC.child("failurePolicy"), ""));
  else if (!(FAILURE_POLICIES as readonly string[]).includes(spec.failurePolicy)) {
    errs.push(field.notSupported(SPEC.child("failurePolicy"), spec.failurePolicy, FAILURE_POLICIES));
  }
  if (spec.paramKind) errs.push(...validateParamKind(spec.paramKind, SPEC.child("paramKind")));
  if (!spec.matchConstraints) errs.push(field.required(SPEC.child("matchConstraints"), ""));
  else {
    errs.push(...validateMatchResources(spec.matchConstraints, SPEC.child("matchConstraints")));
    // at least one resourceRule must be defined to provide type information
    if (!spec.matchConstraints.resourceRules?.length) errs.push(field.required(SPEC.child("matchConstraints", "resourceRules"), ""));
  }
  if (!opts.ignoreMatchConditions) {
    const conditions = spec.matchConditions ?? [];
    const path = SPEC.child("matchConditions");
    if (conditions.length > 64) errs.push(field.tooMany(path, conditions.length, 64));
    const names = new Set<string>();
    conditions.forEach((mc, i) => {
      const p = path.index(i);
      const expr = (mc.expression ?? "").trim();
      if (!expr) errs.push(field.required(p.child("expression"), ""));
      else errs.push(...celError(p.child("expression"), expr, compiler.matchCondition(expr)));
      const name = mc.name ?? "";
      if (!name) errs.push(field.required(p.child("name"), ""));
      else for (const msg of isQualifiedName(name)) errs.push(field.invalid(p.child("name"), name, msg));
      if (name) {
        if (names.has(name)) errs.push(field.duplicate(p.child("name"), name));
        else names.add(name);
      }
    });
  }
  (spec.variables ?? []).forEach((v, i) => {
    const p = SPEC.child("variables").index(i);
    const name = v.name ?? "";
    if (!name.trim()) errs.push(field.required(p.child("name"), "name is not specified"));
    else if (!isCELIdentifier(name)) errs.push(field.invalid(p.child("name"), name, "name is not a valid CEL identifier"));
    const expr = v.expression ?? "";
    if (!expr.trim()) errs.push(field.required(p.child("expression"), "expression is not specified"));
    else errs.push(...celError(p.child("expression"), expr, compiler.variable(name, expr)));
  });
  const validations = spec.validations ?? [];
  const audits = spec.auditAnnotations ?? [];
  if (validations.length === 0 && audits.length === 0) {
    errs.push(field.required(SPEC.child("validations"), "validations or auditAnnotations must contain at least one item"));
    errs.push(field.required(SPEC.child("auditAnnotations"), "validations or auditAnnotations must contain at least one item"));
    return errs;
  }
  validations.forEach((v, i) => {
    const p = SPEC.child("validations").index(i);
    const expr = v.expression ?? "";
    if (!expr.trim()) errs.push(field.required(p.child("expression"), "expression is not specified"));
    else errs.push(...celError(p.child("expression"), expr, compiler.validation(expr)));
    const msgExpr = v.messageExpression ?? "";
    if (msgExpr.length > 0 && !msgExpr.trim()) errs.push(field.invalid(p.child("messageExpression"), msgExpr, "must be non-empty if specified"));
    else if (msgExpr.trim()) errs.push(...celError(p.child("messageExpression"), msgExpr, compiler.messageExpression(msgExpr)));
    const msg = v.message ?? "";
    if (msg.length > 0 && !msg.trim()) errs.push(field.invalid(p.child("message"), msg, "message must be non-empty if specified"));
    else if (/[\n\r]+/.test(msg.trim())) errs.push(field.invalid(p.child("message"), msg, "message must not contain line breaks"));
    if (v.reason !== undefined && v.reason !== null && !SUPPORTED_REASONS.includes(v.reason)) {
      errs.push(field.notSupported(p.child("reason"), v.reason, SUPPORTED_REASONS));
    }
  });
  if (spec.auditAnnotations) {
    const path = SPEC.child("auditAnnotations");
    if (audits.length > MAX_AUDIT_ANNOTATIONS) {
      const value = audits.map((a) => goStruct({ Key: a.key ?? "", ValueExpression: a.valueExpression ?? "" }));
      errs.push(field.invalid(path, value, `must not have more than ${MAX_AUDIT_ANNOTATIONS} auditAnnotations`));
    }
    const keys = new Set<string>();
    audits.forEach((a, i) => {
      const p = path.index(i);
      const key = a.key ?? "";
      errs.push(...validateAuditAnnotation(compiler, p, policyName, key, a.valueExpression ?? ""));
      if (keys.has(key)) errs.push(field.duplicate(p.child("key"), key));
      keys.add(key);
    });
  }
  return errs;
}

function validateAuditAnnotation(compiler: PolicyCompiler, path: FieldPath, policyName: string, key: string, valueExpression: string): FieldError[] {
  const errs: FieldError[] = [];
  if (policyName) {
    for (const msg of isQualifiedName(`${policyName}/${key}`)) errs.push(field.invalid(path.child("key"), `${policyName}/${key}`, msg));
  } else {
    errs.push(field.invalid(path.child("key"), key, "requires metadata.name be non-empty"));
  }
  const trimmed = valueExpression.trim();
  if (!trimmed) errs.push(field.required(path.child("valueExpression"), "valueExpression is not specified"));
  else if (new TextEncoder().encode(trimmed).length > MAX_AUDIT_ANNOTATION_VALUE_EXPRESSION_LENGTH) {
    errs.push(field.required(path.child("valueExpression"), `must not exceed ${MAX_AUDIT_ANNOTATION_VALUE_EXPRESSION_LENGTH} bytes in length`));
  } else {
    const r = compiler.auditAnnotation(trimmed);
    if (!r.ok) errs.push(field.invalid(path.child("valueExpression"), valueExpression, r.detail));
  }
  return errs;
}

/** ignoreValidatingAdmissionPolicyMatchConditions: nothing that could invalidate them changed. */
export function validateValidatingAdmissionPolicyUpdate(p: ValidatingAdmissionPolicy, old: ValidatingAdmissionPolicy, cel: CelEngine): FieldError[] {
  const ignoreMatchConditions = deepEqual(p.spec?.paramKind, old.spec?.paramKind) && deepEqual(p.spec?.matchConditions, old.spec?.matchConditions);
  return [
    ...validateObjectMetaUpdate(p.metadata, old.metadata, FieldPath.root("metadata")),
    ...validateValidatingAdmissionPolicy(p, cel, { ignoreMatchConditions }),
  ];
}

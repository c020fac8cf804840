/**
 * One policy evaluated for one binding and one param (k8s.io/apiserver/pkg/admission/plugin/policy/
 * validating/validator.go): match conditions first, then every validation (its message from
 * messageExpression, message or the expression itself), then the audit annotations. Errors follow the
 * failure policy: under Fail they deny, under Ignore they are dropped silently.
 */
import { LazyVariables, type CelEngine, type Compiled } from "../../../cel/environment.ts";
import { celError } from "../../../cel/library/errors.ts";
import { aggregate, type StatusReason } from "../../machinery/errors.ts";
import { goQuote } from "../../machinery/gofmt.ts";
import type { CompiledPolicy } from "./compile.ts";

/** MaxEvaluatedMessageExpressionSizeBytes (k8s.io/apiserver/pkg/apis/cel/config.go). */
const MAX_MESSAGE_BYTES = 5 * 1024;

export interface PolicyDecision {
  action: "admit" | "deny";
  evaluation: "admit" | "deny" | "error";
  message: string;
  /** Set for a validation that returned false: its reason, Invalid when unset. */
  reason?: StatusReason;
  /** The expression that failed (a validation's, or a match condition's for an error there). */
  expression?: string;
}

export interface AuditAnnotationOutcome {
  key: string;
  action: "publish" | "error" | "exclude";
  value?: string;
  error?: string;
}

export interface ValidateResult {
  decisions: PolicyDecision[];
  auditAnnotations: AuditAnnotationOutcome[];
}

/** The CEL variables of one evaluation, already in CEL form. */
export interface Activation {
  object: unknown;
  oldObject: unknown;
  request: unknown;
  namespaceObject: unknown;
  params: unknown;
}

/** cel/filter.go: how a failed evaluation is worded. */
function run(cel: CelEngine, expression: string, compiled: Compiled, activation: Record<string, unknown>): { value: unknown } | { error: string } {
  if (!compiled.ok) return { error: `compilation error: ${compiled.detail}` };
  const r = cel.evaluate(compiled.program, activation);
  return r.ok ? { value: r.value } : { error: `expression '${expression}' resulted in error: ${r.error}` };
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

export function validatePolicy(cel: CelEngine, compiled: CompiledPolicy, failurePolicy: string | undefined, activation: Activation): ValidateResult {
  const fail = (failurePolicy ?? "Fail") === "Fail";

  // matchconditions/matcher.go: namespaceObject is not given to match conditions, nor are variables.
  const matchActivation = { ...activation, namespaceObject: null };
  const matchErrors: string[] = [];
  for (const mc of compiled.matchConditions) {
    const r = run(cel, mc.expression, mc.result, matchActivation);
    if ("error" in r) matchErrors.push(r.error);
    else if (r.value === false) return { decisions: [], auditAnnotations: [] };
  }
  if (matchErrors.length) {
    const message = aggregate(matchErrors);
    return { decisions: [{ action: fail ? "deny" : "admit", evaluation: "error", message }], auditAnnotations: [] };
  }

  const full: Record<string, unknown> = { ...activation };
  full.variables = new LazyVariables((name) => {
    const v = compiled.variables.find((x) => x.name === name);
    if (!v) throw celError(`no such key: ${name}`);
    if (!v.result.ok) throw celError(`composited variable ${goQuote(name)} fails to compile: ${v.result.detail}`);
    const r = cel.evaluate(v.result.program, full);
    if (!r.ok) throw celError(`composited variable ${goQuote(name)} fails to evaluate: ${r.error}`);
    return r.value;
  });

  const decisions = compiled.validations.map((v): PolicyDecision => {
    const expression = v.validation.expression ?? "";
    const r = run(cel, expression, v.expression, full);
    if ("error" in r) return { action: fail ? "deny" : "admit", evaluation: "error", message: r.error, expression };
    if (r.value === true) return { action: "admit", evaluation: "admit", message: "" };
    let message = "";
    if (v.messageExpression?.ok) {
      const m = cel.evaluate(v.messageExpression.program, full);
      if (m.ok && typeof m.value === "string") {
        message = m.value.trim();
        if (utf8Length(message) > MAX_MESSAGE_BYTES || message.includes("\n")) message = "";
      }
    }
    if (!message && v.validation.message) message = v.validation.message.trim();
    if (!message) message = `failed expression: ${expression.trim()}`;
    return { action: "deny", evaluation: "deny", message, reason: (v.validation.reason as StatusReason | undefined) || "Invalid", expression };
  });

  const auditAnnotations = compiled.auditAnnotations.map((a): AuditAnnotationOutcome => {
    const r = run(cel, a.expression, a.result, full);
    if ("error" in r) return { key: a.name, action: fail ? "error" : "exclude", error: r.error };
    if (typeof r.value === "string") {
      const value = r.value.trim();
      return value ? { key: a.name, action: "publish", value } : { key: a.name, action: "exclude" };
    }
    if (r.value === null) return { key: a.name, action: "exclude" };
    return {
      key: a.name,
      action: "error",
      error: `valueExpression '${a.expression}' resulted in unsupported return type: ${celTypeOf(r.value)}. Return type must be either string or null.`,
    };
  });
  return { decisions, auditAnnotations };
}

function celTypeOf(v: unknown): string {
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "double";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "list";
  if (v && typeof v === "object") return v.constructor === Object || v instanceof Map ? "map" : (v.constructor?.name ?? "object");
  return typeof v;
}

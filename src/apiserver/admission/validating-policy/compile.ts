/**
 * How a ValidatingAdmissionPolicy's expressions are compiled: which variables each kind of expression
 * sees and what it must evaluate to (pkg/apis/admissionregistration/validation/validation.go and
 * k8s.io/apiserver/pkg/admission/plugin/cel/composition.go). Policy validation and the admission
 * plugin share this, so an expression accepted at create time runs the same way at admission time.
 */
import type { CelEngine, Compiled, Expected, VariableType } from "../../../cel/environment.ts";
import type { ValidatingAdmissionPolicySpec, Validation } from "../../registry/validatingadmissionpolicy/types.ts";

export const MATCH_CONDITION_TYPES: readonly Expected[] = ["bool"];
export const VALIDATION_TYPES: readonly Expected[] = ["bool"];
export const MESSAGE_EXPRESSION_TYPES: readonly Expected[] = ["string"];
export const AUDIT_ANNOTATION_TYPES: readonly Expected[] = ["string", "null"];
export const VARIABLE_TYPES: readonly Expected[] = ["any"];

/**
 * One policy's compiler, stateful like upstream's CompositedCompiler: each variable compiled is added
 * to `variables` for what is compiled after it (so a forward reference is an undefined field).
 */
export class PolicyCompiler {
  readonly #cel: CelEngine;
  readonly #params: boolean;
  readonly #composition: boolean;
  readonly #variables: VariableType[] = [];

  constructor(cel: CelEngine, spec: ValidatingAdmissionPolicySpec) {
    this.#cel = cel;
    this.#params = spec.paramKind !== undefined && spec.paramKind !== null;
    this.#composition = (spec.variables?.length ?? 0) > 0;
  }

  /** Match conditions see params (when the policy has a paramKind) but never `variables`. */
  matchCondition(expression: string): Compiled {
    return this.#cel.compile(expression, { params: this.#params }, MATCH_CONDITION_TYPES);
  }

  variable(name: string, expression: string): Compiled {
    const r = this.#cel.compile(expression, this.#decl(), VARIABLE_TYPES);
    this.#variables.push({ name, type: r.ok ? r.type : "dyn" });
    return r;
  }

  validation(expression: string): Compiled {
    return this.#cel.compile(expression, this.#decl(), VALIDATION_TYPES);
  }

  messageExpression(expression: string): Compiled {
    return this.#cel.compile(expression, this.#decl(), MESSAGE_EXPRESSION_TYPES);
  }

  auditAnnotation(expression: string): Compiled {
    return this.#cel.compile(expression, this.#decl(), AUDIT_ANNOTATION_TYPES);
  }

  #decl() {
    return { params: this.#params, variables: this.#composition ? [...this.#variables] : undefined };
  }
}

export interface CompiledNamed {
  name: string;
  expression: string;
  result: Compiled;
}

export interface CompiledValidation {
  validation: Validation;
  expression: Compiled;
  messageExpression?: Compiled;
}

/** Everything the admission plugin evaluates for one version of a policy. */
export interface CompiledPolicy {
  matchConditions: CompiledNamed[];
  variables: CompiledNamed[];
  validations: CompiledValidation[];
  auditAnnotations: CompiledNamed[];
}

/** Compiles a stored policy in validation.go's order, so variable types match what create saw. */
export function compilePolicy(cel: CelEngine, spec: ValidatingAdmissionPolicySpec): CompiledPolicy {
  const c = new PolicyCompiler(cel, spec);
  const matchConditions = (spec.matchConditions ?? []).map((m) => {
    const expression = (m.expression ?? "").trim();
    return { name: m.name ?? "", expression, result: c.matchCondition(expression) };
  });
  const variables = (spec.variables ?? []).map((v) => ({ name: v.name ?? "", expression: v.expression ?? "", result: c.variable(v.name ?? "", v.expression ?? "") }));
  const validations = (spec.validations ?? []).map((v) => {
    const messageExpression = v.messageExpression?.trim() ? c.messageExpression(v.messageExpression) : undefined;
    return { validation: v, expression: c.validation(v.expression ?? ""), messageExpression };
  });
  const auditAnnotations = (spec.auditAnnotations ?? []).map((a) => {
    const expression = (a.valueExpression ?? "").trim();
    return { name: a.key ?? "", expression, result: c.auditAnnotation(expression) };
  });
  return { matchConditions, variables, validations, auditAnnotations };
}

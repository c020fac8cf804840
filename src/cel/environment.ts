/**
 * CelEngine is the CEL environment of kube-apiserver's admission policies (k8s.io/apiserver
 * pkg/cel/environment/base.go plus pkg/admission/plugin/cel/compile.go) on top of @marcbachmann/cel-js:
 * the Kubernetes libraries a learner meets in a ValidatingAdmissionPolicy, and the variables
 * `object`, `oldObject`, `request`, `namespaceObject`, `params` and `variables`. One engine belongs to
 * one apiserver (building the library environment is the expensive step, so it is done once); each
 * compile clones it with the variables that expression may use.
 *
 * Differences from kube-apiserver that a learner could notice are listed in docs of each library file;
 * here: `authorizer` is not declared, `namespaceObject` is dyn (upstream it is a typed subset of a
 * Namespace), there is no cost budget, and only the first compile issue is reported.
 */
import { Environment, type ParseResult } from "@marcbachmann/cel-js";
import { compileIssue, celGoTypeName, runtimeErrorText } from "./errors.ts";
import { registerIPLibrary } from "./library/ip.ts";
import { registerCIDRLibrary } from "./library/cidr.ts";
import { registerListsLibrary } from "./library/lists.ts";
import { registerStringsLibrary } from "./library/strings.ts";
import { registerRegexLibrary } from "./library/regex.ts";
import { registerURLsLibrary } from "./library/urls.ts";

/** What an expression may reference besides object, oldObject, request and namespaceObject. */
export interface Declarations {
  /** `params` is declared only when the policy has a paramKind (compile.go OptionalVariableDeclarations). */
  params: boolean;
  /** `variables.<name>` and each variable's type; absent: `variables` is not declared at all. */
  variables?: readonly VariableType[];
}

export interface VariableType {
  name: string;
  /** The type cel-js inferred for the variable's expression (`list<string>`, `bool`, `dyn`). */
  type: string;
}

/** A result type an expression must have (validation: bool, messageExpression: string, ...). */
export type Expected = "bool" | "string" | "null" | "any";

export type Compiled = { ok: true; program: ParseResult; type: string } | { ok: false; detail: string };

export type Evaluated = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * The value of `variables`: each variable is evaluated on first use and its result, or its error, is
 * kept for the rest of the evaluation (k8s.io/apiserver/pkg/cel/lazy).
 */
export class LazyVariables extends Map<string, unknown> {
  readonly #resolve: (name: string) => unknown;
  readonly #errors = new Map<string, unknown>();

  constructor(resolve: (name: string) => unknown) {
    super();
    this.#resolve = resolve;
  }

  override get(name: string): unknown {
    if (super.has(name)) return super.get(name);
    if (this.#errors.has(name)) throw this.#errors.get(name);
    try {
      const v = this.#resolve(name);
      super.set(name, v);
      return v;
    } catch (e) {
      this.#errors.set(name, e);
      throw e;
    }
  }
}

/** `request` (compile.go BuildRequestType); uid, object and oldObject are left out as upstream does. */
function registerRequestTypes(env: Environment): void {
  env
    .registerType("kubernetes.GroupVersionKind", { fields: { group: "string", version: "string", kind: "string" } })
    .registerType("kubernetes.GroupVersionResource", { fields: { group: "string", version: "string", resource: "string" } })
    .registerType("kubernetes.UserInfo", {
      fields: { username: "string", uid: "string", groups: "list<string>", extra: "map<string, list<string>>" },
    })
    .registerType("kubernetes.AdmissionRequest", {
      fields: {
        kind: "kubernetes.GroupVersionKind",
        resource: "kubernetes.GroupVersionResource",
        subResource: "string",
        requestKind: "kubernetes.GroupVersionKind",
        requestResource: "kubernetes.GroupVersionResource",
        requestSubResource: "string",
        name: "string",
        namespace: "string",
        operation: "string",
        userInfo: "kubernetes.UserInfo",
        dryRun: "bool",
        options: "dyn",
      },
    });
}

export class CelEngine {
  readonly #library: Environment;
  readonly #names: Set<string>;
  readonly #overloads = new Map<string, number>();
  readonly #plain = new Map<boolean, Environment>();

  constructor() {
    const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: true });
    registerIPLibrary(env);
    registerCIDRLibrary(env);
    registerListsLibrary(env);
    registerStringsLibrary(env);
    registerRegexLibrary(env);
    registerURLsLibrary(env);
    registerRequestTypes(env);
    // `net.IP` and `net.CIDR` name their types, so `type(cidr(x)) == net.CIDR` holds (cidr.go).
    env.registerConstant("net", "map<string, type>", {
      IP: env.evaluate("type(ip('0.0.0.0'))"),
      CIDR: env.evaluate("type(cidr('0.0.0.0/0'))"),
    });
    this.#library = env;
    const functions = env.getDefinitions().functions;
    this.#names = new Set(functions.map((f) => f.name));
    for (const f of functions) {
      const key = `${f.receiverType ? "m" : "g"}:${f.name}:${f.params.length}`;
      this.#overloads.set(key, (this.#overloads.get(key) ?? 0) + 1);
    }
  }

  /** Whether a function or macro of this name exists (else cel-go says "undeclared reference"). */
  declares(name: string): boolean {
    return this.#names.has(name);
  }

  #environment(decl: Declarations): Environment {
    if (!decl.variables) {
      const cached = this.#plain.get(decl.params);
      if (cached) return cached;
    }
    const env = this.#library
      .clone()
      .registerVariable("object", "dyn")
      .registerVariable("oldObject", "dyn")
      .registerVariable("request", "kubernetes.AdmissionRequest")
      .registerVariable("namespaceObject", "dyn");
    if (decl.params) env.registerVariable("params", "dyn");
    if (decl.variables) {
      const fields: Record<string, string> = {};
      // Placeholder types (the T of an empty list) are dyn once stored in a variable.
      for (const v of decl.variables) fields[v.name] = v.type.replace(/\b[A-Z]\b/g, "dyn");
      env.registerType("kubernetes.variables", { ctor: LazyVariables, fields }).registerVariable("variables", "kubernetes.variables");
    } else {
      this.#plain.set(decl.params, env);
    }
    return env;
  }

  /**
   * CompileCELExpression: parse and type-check, then require one of the expected result types.
   * Errors are the Detail upstream puts in the field error (`compilation failed: ERROR: ...`).
   */
  compile(expression: string, decl: Declarations, expected: readonly Expected[]): Compiled {
    let program: ParseResult;
    const names = { has: (n: string) => this.#names.has(n) };
    try {
      program = this.#environment(decl).parse(expression);
    } catch (e) {
      return { ok: false, detail: `compilation failed: ${compileIssue(expression, e, names)}` };
    }
    let checked;
    try {
      checked = program.check();
    } catch (e) {
      return { ok: false, detail: `compilation failed: ${compileIssue(expression, e, names)}` };
    }
    if (!checked.valid) return { ok: false, detail: `compilation failed: ${compileIssue(expression, checked.error, names)}` };
    const type = checked.type ?? "dyn";
    if (!expected.includes("any") && !expected.some((t) => t === type)) {
      const got = celGoTypeName(type);
      const want = expected.map((t) => (t === "null" ? "null_type" : t));
      const detail = want.length === 1 ? `must evaluate to ${want[0]} but got ${got}` : `must evaluate to one of [${want.join(" ")}] but got ${got}`;
      return { ok: false, detail };
    }
    return { ok: true, program, type };
  }

  /** Runs a compiled program; never throws. The error is cel-go's text for it. */
  evaluate(program: ParseResult, activation: Record<string, unknown>): Evaluated {
    try {
      return { ok: true, value: program(activation) };
    } catch (e) {
      return { ok: false, error: runtimeErrorText(e, (name, member, arity) => this.#overloads.get(`${member ? "m" : "g"}:${name}:${arity}`) ?? 0) };
    }
  }
}

/**
 * The ValidatingAdmissionPolicy admission plugin (k8s.io/apiserver/pkg/admission/plugin/policy/
 * validating/dispatcher.go). It runs where kube-apiserver runs validating admission: after the
 * resource's own defaulting and validation, before the object is stored. For every policy with a
 * binding it matches the request, collects params, evaluates, and then routes each failure by the
 * binding's validationActions: Deny refuses the request, Warn adds a warning header, Audit records the
 * `validation_failure` audit annotation. Policies are read straight from the store, as the plugin's
 * informers would, and visited in name order (upstream's order is a Go map's, so unspecified).
 */
import type { CelEngine } from "../../../cel/environment.ts";
import { toCelValue } from "../../../cel/values.ts";
import type { APIResourceList } from "../../client.ts";
import type { VirtualClock } from "../../machinery/clock.ts";
import { apiErrors, qualifiedResource, type StatusError, type StatusReason } from "../../machinery/errors.ts";
import { goQuote } from "../../machinery/gofmt.ts";
import type { KubeObject } from "../../machinery/object.ts";
import type { SeededRandom } from "../../machinery/random.ts";
import { groupVersion, qualifiedName } from "../../machinery/resource.ts";
import type { Admission, AdmissionRequest } from "../../machinery/rest.ts";
import type { Store } from "../../machinery/store.ts";
import { rfc3339Micro } from "../../machinery/time.ts";
import { VALIDATING_ADMISSION_POLICIES_KEY, type ValidatingAdmissionPolicy } from "../../registry/validatingadmissionpolicy/types.ts";
import { VALIDATING_ADMISSION_POLICY_BINDINGS_KEY, type ValidatingAdmissionPolicyBinding } from "../../registry/validatingadmissionpolicybinding/types.ts";
import { attributesOf, gvkString, type Attributes, type GroupVersionKind, type GroupVersionResource } from "./attributes.ts";
import { auditEvent, auditLogLine, validationFailureValue, VALIDATION_FAILURE_ANNOTATION, type AuditEvent } from "./audit.ts";
import { compilePolicy, type CompiledPolicy } from "./compile.ts";
import { AdmissionDecisionLog, type AdmissionDecision } from "./decision.ts";
import { matchesResources, type MatchContext } from "./matching.ts";
import { collectParams, type ParamResource, type ParamStore } from "./params.ts";
import { validatePolicy, type PolicyDecision } from "./validator.ts";

export interface ValidatingPolicyDeps {
  store: Store;
  /** The apiserver's CEL engine, built on first use. */
  cel: () => CelEngine;
  clock: VirtualClock;
  random: SeededRandom;
  /** What the apiserver serves: for paramKind and for matchPolicy Equivalent. */
  discovery(): APIResourceList[];
  /** The address requests come from, for the audit log's sourceIPs. */
  sourceIP: string;
  /** The audit log backend, when kube-apiserver runs with one: takes each event's JSON line. */
  auditLog?: (line: string) => void;
}

/**
 * Never intercepted: the policy resources themselves (generic/plugin.go admissionResources) and the
 * review resources (pkg/kubeapiserver/admission/exclusion/resources.go), so no policy can lock a
 * cluster out of fixing its policies.
 */
const EXCLUDED = new Set([
  "validatingadmissionpolicies.admissionregistration.k8s.io",
  "validatingadmissionpolicybindings.admissionregistration.k8s.io",
  "mutatingadmissionpolicies.admissionregistration.k8s.io",
  "mutatingadmissionpolicybindings.admissionregistration.k8s.io",
  "selfsubjectreviews.authentication.k8s.io",
  "tokenreviews.authentication.k8s.io",
  "localsubjectaccessreviews.authorization.k8s.io",
  "selfsubjectaccessreviews.authorization.k8s.io",
  "selfsubjectrulesreviews.authorization.k8s.io",
  "subjectaccessreviews.authorization.k8s.io",
]);

const MAX_AUDIT_EVENTS = 1000;
/** maxAuditAnnotationValueLength in dispatcher.go. */
const MAX_AUDIT_ANNOTATION_VALUE = 10 * 1024;

interface DeniedDecision {
  decision: PolicyDecision;
  policy: ValidatingAdmissionPolicy;
  binding?: ValidatingAdmissionPolicyBinding;
}

/** reasonToCode (policy_decision.go). */
function reasonToCode(reason: StatusReason): number {
  switch (reason) {
    case "Forbidden":
      return 403;
    case "Unauthorized":
      return 401;
    case "RequestEntityTooLarge":
      return 413;
    default:
      return 422;
  }
}

/** What follows "denied request: " for a policy, with or without its binding. */
function denialText(d: DeniedDecision): string {
  return d.binding
    ? `ValidatingAdmissionPolicy '${d.policy.metadata.name}' with binding '${d.binding.metadata.name}' denied request: ${d.decision.message}`
    : `ValidatingAdmissionPolicy '${d.policy.metadata.name}' denied request: ${d.decision.message}`;
}

/**
 * admission.NewForbidden with the decision's reason and code: the message always says "is forbidden",
 * the name comes from the object (so a DELETE, which has none, names "Unknown"), and one cause without
 * a field carries the policy's text (which is what kubectl prints for an Invalid reason).
 */
function denialError(attr: Attributes, d: DeniedDecision): StatusError {
  const text = denialText(d);
  const meta = attr.object?.metadata;
  const name = meta?.name || meta?.generateName || "Unknown";
  const gr = { group: attr.req.def.group, resource: attr.req.def.plural };
  const reason: StatusReason = d.decision.reason || "Invalid";
  return apiErrors.custom(reasonToCode(reason), reason, `${qualifiedResource(gr)} ${goQuote(name)} is forbidden: ${text}`, {
    name,
    group: gr.group,
    kind: gr.resource,
    causes: [{ message: text }],
  });
}

/** A Warning header value the server can send: no control characters (they make the header invalid). */
function sendableWarning(text: string): boolean {
  return !/[\x00-\x1f\x7f]/.test(text);
}

export class ValidatingAdmissionPolicyPlugin implements Admission {
  readonly #deps: ValidatingPolicyDeps;
  readonly #compiled = new Map<string, { version: string; compiled: CompiledPolicy }>();
  readonly #decisions = new AdmissionDecisionLog();
  #audit: AuditEvent[] = [];

  constructor(deps: ValidatingPolicyDeps) {
    this.#deps = deps;
  }

  /** Decisions that were not a plain allow, oldest first (the last 200), for the event trace. */
  get decisions(): readonly AdmissionDecision[] {
    return this.#decisions.records;
  }

  /** Calls listener with every later decision that is not a plain allow; returns the unsubscribe. */
  onDecision(listener: (d: AdmissionDecision) => void): () => void {
    return this.#decisions.subscribe(listener);
  }

  /** Audit events of policy-annotated requests, oldest first (the last thousand). */
  auditEvents(): readonly AuditEvent[] {
    return this.#audit.length > MAX_AUDIT_EVENTS ? this.#audit.slice(-MAX_AUDIT_EVENTS) : this.#audit;
  }

  /** The audit log as kube-apiserver's --audit-log-path file holds it: one JSON event per line. */
  auditLog(): string {
    return this.auditEvents().map((e) => `${auditLogLine(e)}\n`).join("");
  }

  validate(req: AdmissionRequest): void {
    if (EXCLUDED.has(qualifiedName(req.def))) return;
    const { store } = this.#deps;
    const policies = store.list(VALIDATING_ADMISSION_POLICIES_KEY) as ValidatingAdmissionPolicy[];
    if (policies.length === 0) return;
    const bindingsByPolicy = new Map<string, ValidatingAdmissionPolicyBinding[]>();
    for (const b of store.list(VALIDATING_ADMISSION_POLICY_BINDINGS_KEY) as ValidatingAdmissionPolicyBinding[]) {
      const name = b.spec?.policyName ?? "";
      bindingsByPolicy.set(name, [...(bindingsByPolicy.get(name) ?? []), b]);
    }
    if (bindingsByPolicy.size === 0) return;

    const attr = attributesOf(req);
    const run = new PolicyRun(this.#deps, attr);
    for (const policy of policies) {
      const bindings = bindingsByPolicy.get(policy.metadata.name!);
      if (bindings?.length) this.#dispatch(run, policy, bindings);
    }
    this.#finish(run);
  }

  #compile(policy: ValidatingAdmissionPolicy): CompiledPolicy {
    const key = policy.metadata.uid ?? policy.metadata.name!;
    const version = policy.metadata.resourceVersion ?? "";
    const hit = this.#compiled.get(key);
    if (hit && hit.version === version) return hit.compiled;
    const compiled = compilePolicy(this.#deps.cel(), policy.spec ?? {});
    if (this.#compiled.size > 256) this.#compiled.clear();
    this.#compiled.set(key, { version, compiled });
    return compiled;
  }

  #dispatch(run: PolicyRun, policy: ValidatingAdmissionPolicy, bindings: readonly ValidatingAdmissionPolicyBinding[]): void {
    const spec = policy.spec ?? {};
    if (!spec.matchConstraints) return run.configError(policy, undefined, "policy contained no match constraints, a required field");
    const match = matchesResources(spec.matchConstraints, run.attr, run.matchContext);
    if (match.error) return run.configError(policy, undefined, match.error);
    if (!match.matches) return;

    let paramResource: ParamResource | undefined;
    if (spec.paramKind) {
      paramResource = run.resolveParamKind(spec.paramKind.apiVersion ?? "", spec.paramKind.kind ?? "");
      if (!paramResource) {
        const [group, version] = splitGroupVersion(spec.paramKind.apiVersion ?? "");
        return run.configError(policy, undefined, `failed to find resource referenced by paramKind: '${gvkString({ group, version, kind: spec.paramKind.kind ?? "" })}'`);
      }
    }
    const compiled = this.#compile(policy);
    const annotations = new Map<string, string[]>();

    for (const binding of bindings) {
      if (binding.spec?.matchResources) {
        const m = matchesResources(binding.spec.matchResources, run.attr, run.matchContext);
        if (m.error) {
          run.configError(policy, binding, m.error);
          continue;
        }
        if (!m.matches) continue;
      }
      let params: (KubeObject | null)[] = [null];
      const ref = binding.spec?.paramRef;
      if (paramResource && ref) {
        const collected = collectParams(paramResource, ref, run.attr.namespace, run.paramStore);
        if (!collected.ok) {
          run.configError(policy, binding, collected.error);
          continue;
        }
        params = collected.params;
      }
      for (const param of params) {
        const result = validatePolicy(this.#deps.cel(), compiled, spec.failurePolicy, run.activation(match.resource, match.kind, param));
        result.decisions.forEach((decision, i) => {
          if (decision.action !== "deny") return;
          const taken: string[] = [];
          for (const action of binding.spec?.validationActions ?? []) {
            if (action === "Deny") run.deny({ decision, policy, binding });
            else if (action === "Warn") {
              run.warn(`Validation failed for ValidatingAdmissionPolicy '${policy.metadata.name}' with binding '${binding.metadata.name}': ${decision.message}`);
            } else if (action === "Audit") {
              run.annotate(
                VALIDATION_FAILURE_ANNOTATION,
                validationFailureValue({
                  message: decision.message,
                  policy: binding.spec.policyName ?? "",
                  binding: binding.metadata.name!,
                  expressionIndex: i,
                  validationActions: binding.spec.validationActions ?? [],
                }),
              );
            } else continue;
            taken.push(action);
          }
          if (taken.length) run.record(policy, binding, decision, taken);
        });
        for (const a of result.auditAnnotations) {
          if (a.action === "publish") {
            const value = a.value!.length > MAX_AUDIT_ANNOTATION_VALUE ? a.value!.slice(0, MAX_AUDIT_ANNOTATION_VALUE) : a.value!;
            const values = annotations.get(a.key) ?? [];
            if (!values.includes(value)) values.push(value);
            annotations.set(a.key, values);
          } else if (a.action === "error") {
            // When failurePolicy=fail, audit annotation errors result in deny, whatever the actions.
            const decision: PolicyDecision = { action: "deny", evaluation: "error", message: a.error! };
            run.deny({ decision, policy, binding });
            run.record(policy, binding, decision, ["Deny"]);
          }
        }
      }
    }
    for (const [key, values] of annotations) run.annotate(`${policy.metadata.name}/${key}`, values.join(", "));
  }

  #finish(run: PolicyRun): void {
    for (const w of run.warnings) {
      if (sendableWarning(w) && !run.attr.req.ctx.warnings.includes(w)) run.attr.req.ctx.warnings.push(w);
    }
    const first = run.denied[0];
    const error = first ? denialError(run.attr, first) : undefined;
    if (Object.keys(run.annotations).length) {
      const now = this.#deps.clock.now();
      const event = auditEvent({ attr: run.attr, auditID: this.#deps.random.uuid(), time: rfc3339Micro(now), sourceIP: this.#deps.sourceIP, annotations: run.annotations, denied: error?.status });
      this.#audit.push(event);
      this.#deps.auditLog?.(`${auditLogLine(event)}\n`);
      // Trimmed in batches, so keeping the log bounded costs nothing per request.
      if (this.#audit.length >= 2 * MAX_AUDIT_EVENTS) this.#audit = this.#audit.slice(-MAX_AUDIT_EVENTS);
    }
    for (const r of run.records) this.#decisions.add(r);
    if (error) throw error;
  }
}

function splitGroupVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? ["", apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

/** The state of one request's pass over the policies: what it met, and its CEL values, built once. */
class PolicyRun {
  readonly denied: DeniedDecision[] = [];
  readonly warnings: string[] = [];
  readonly annotations: Record<string, string> = {};
  readonly records: AdmissionDecision[] = [];
  readonly matchContext: MatchContext;
  readonly paramStore: ParamStore;
  readonly #deps: ValidatingPolicyDeps;
  readonly #objects = new Map<string, { object: unknown; oldObject: unknown }>();
  #discovery: APIResourceList[] | undefined;
  #namespaceObject: unknown;

  constructor(
    deps: ValidatingPolicyDeps,
    readonly attr: Attributes,
  ) {
    this.#deps = deps;
    const store = deps.store;
    this.matchContext = {
      namespaceLabels: (name) => {
        const ns = store.get("namespaces", undefined, name);
        return ns ? (ns.metadata.labels ?? {}) : undefined;
      },
      equivalentVersions: (res) => {
        const gvs = this.#served().filter((l) => l.resources.some((r) => r.name === res.resource));
        return gvs.map((l) => splitGroupVersion(l.groupVersion)).filter(([g]) => g === res.group).map(([, v]) => v);
      },
    };
    const key = (r: ParamResource) => qualifiedName({ group: r.group, plural: r.plural });
    this.paramStore = {
      get: (r, ns, name) => store.get(key(r), r.namespaced ? ns : undefined, name),
      list: (r, ns) => store.list(key(r), r.namespaced ? ns : undefined),
    };
  }

  #served(): APIResourceList[] {
    return (this.#discovery ??= this.#deps.discovery());
  }

  resolveParamKind(apiVersion: string, kind: string): ParamResource | undefined {
    const [group, version] = splitGroupVersion(apiVersion);
    for (const list of this.#served()) {
      if (list.groupVersion !== groupVersion(group, version)) continue;
      const r = list.resources.find((x) => x.kind === kind && !x.name.includes("/"));
      if (r) return { group, version, kind, plural: r.name, namespaced: r.namespaced };
    }
    return undefined;
  }

  /** addConfigError: a broken policy or binding denies under Fail and is skipped under Ignore. */
  configError(policy: ValidatingAdmissionPolicy, binding: ValidatingAdmissionPolicyBinding | undefined, err: string): void {
    if ((policy.spec?.failurePolicy ?? "Fail") !== "Fail") return;
    const message = binding ? `failed to configure binding: ${err}` : `failed to configure policy: ${err}`;
    const decision: PolicyDecision = { action: "deny", evaluation: "error", message };
    this.deny({ decision, policy, binding });
    this.record(policy, binding, decision, ["Deny"]);
  }

  deny(d: DeniedDecision): void {
    this.denied.push(d);
  }

  warn(text: string): void {
    this.warnings.push(text);
  }

  /** attributes.AddAnnotation: the first value of a key stays; another value for it is dropped. */
  annotate(key: string, value: string): void {
    if (!(key in this.annotations)) this.annotations[key] = value;
  }

  record(policy: ValidatingAdmissionPolicy, binding: ValidatingAdmissionPolicyBinding | undefined, d: PolicyDecision, actions: string[]): void {
    const { req } = this.attr;
    this.records.push({
      at: this.#deps.clock.now(),
      policy: policy.metadata.name!,
      binding: binding?.metadata.name ?? "",
      actions,
      expression: d.expression ?? "",
      message: d.message,
      resource: qualifiedName(req.def),
      name: this.attr.name,
      operation: req.operation,
    });
  }

  /** The CEL variables for one policy match and param. */
  activation(resource: GroupVersionResource, kind: GroupVersionKind, param: KubeObject | null) {
    const gv = groupVersion(resource.group, resource.version);
    let objects = this.#objects.get(gv);
    if (!objects) {
      const convert = (o: KubeObject | null) => (o ? toCelValue({ ...o, apiVersion: gv }) : null);
      objects = { object: convert(this.attr.object), oldObject: convert(this.attr.oldObject) };
      this.#objects.set(gv, objects);
    }
    return {
      ...objects,
      request: this.#request(resource, kind),
      namespaceObject: this.#namespace(),
      params: param ? toCelValue(param) : null,
    };
  }

  #namespace(): unknown {
    if (this.#namespaceObject !== undefined) return this.#namespaceObject;
    const { req } = this.attr;
    const ns = req.def.namespaced && req.namespace ? this.#deps.store.get("namespaces", undefined, req.namespace) : undefined;
    this.#namespaceObject = ns ? toCelValue(ns) : null;
    return this.#namespaceObject;
  }

  /** `request` (k8s.io/api/admission/v1 AdmissionRequest, without uid, object and oldObject). */
  #request(resource: GroupVersionResource, kind: GroupVersionKind) {
    const { req } = this.attr;
    const u = req.ctx.user;
    const optionsKind = { CREATE: "CreateOptions", UPDATE: "UpdateOptions", DELETE: "DeleteOptions" }[req.operation];
    const options: Record<string, unknown> = { kind: optionsKind, apiVersion: "meta.k8s.io/v1" };
    if (req.ctx.dryRun) options.dryRun = ["All"];
    if (req.ctx.fieldManager) options.fieldManager = req.ctx.fieldManager;
    return {
      kind,
      resource,
      subResource: this.attr.subresource,
      requestKind: this.attr.kind,
      requestResource: this.attr.resource,
      requestSubResource: this.attr.subresource,
      name: this.attr.name,
      namespace: this.attr.namespace,
      operation: req.operation,
      userInfo: { username: u.username, uid: u.uid ?? "", groups: [...u.groups], extra: { ...(u.extra ?? {}) } },
      dryRun: req.ctx.dryRun,
      options,
    };
  }
}

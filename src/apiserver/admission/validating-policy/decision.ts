/**
 * AdmissionDecision is what the event trace shows of a ValidatingAdmissionPolicy that did more than
 * allow: a failed validation and the actions its binding took on it (Deny refuses, Warn warns, Audit
 * annotates the audit event), or a broken policy or binding that refused under failurePolicy Fail.
 * The log lives in the apiserver's memory, as its informers do: a restarted apiserver starts empty.
 */
import type { Operation } from "../../machinery/rest.ts";

export interface AdmissionDecision {
  /** Virtual-clock milliseconds (VirtualClock.now()) when the apiserver decided. */
  at: number;
  policy: string;
  /** Empty for a policy-level configuration error, which has no binding yet. */
  binding: string;
  /** What the binding did with the failure, in its validationActions order: "Deny", "Warn", "Audit". */
  actions: string[];
  /** The CEL expression that failed; empty for a configuration error. */
  expression: string;
  /** The text after "denied request: " (or after the Warning's colon). */
  message: string;
  /** Qualified resource, as errors name it: "servicecidrs.networking.k8s.io", "services". */
  resource: string;
  name: string;
  operation: Operation;
}

export type AdmissionDecisionListener = (d: AdmissionDecision) => void;

/** How many decisions the apiserver keeps for a page that attaches late. */
export const MAX_ADMISSION_DECISIONS = 200;

/** The bounded list and its listeners; one per apiserver. */
export class AdmissionDecisionLog {
  #records: AdmissionDecision[] = [];
  readonly #listeners = new Set<AdmissionDecisionListener>();

  /** The last 200 decisions, oldest first. */
  get records(): readonly AdmissionDecision[] {
    return this.#records;
  }

  add(d: AdmissionDecision): void {
    this.#records.push(d);
    if (this.#records.length > MAX_ADMISSION_DECISIONS) this.#records = this.#records.slice(-MAX_ADMISSION_DECISIONS);
    for (const l of [...this.#listeners]) {
      // A view's bug must not turn into a refused request: the decision is made and kept either way.
      try {
        l(d);
      } catch {
        // dropped on purpose
      }
    }
  }

  /** Calls listener with every later decision; returns the unsubscribe function. */
  subscribe(listener: AdmissionDecisionListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}

/**
 * The params a binding hands its policy (k8s.io/apiserver/pkg/admission/plugin/policy/generic/
 * policy_dispatcher.go CollectParams): the object paramRef names, or every object its selector picks,
 * in paramRef's namespace or the request's; none found is an error only with parameterNotFoundAction
 * Deny.
 */
import { LabelSelector } from "../../machinery/labels.ts";
import type { KubeObject } from "../../machinery/object.ts";
import type { ParamRef } from "../../registry/validatingadmissionpolicybinding/types.ts";

/** A served resource that a paramKind names. */
export interface ParamResource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

export interface ParamStore {
  get(resource: ParamResource, namespace: string | undefined, name: string): KubeObject | undefined;
  list(resource: ParamResource, namespace: string | undefined): KubeObject[];
}

export type CollectedParams = { ok: true; params: KubeObject[] } | { ok: false; error: string };

export function collectParams(resource: ParamResource, ref: ParamRef, requestNamespace: string, store: ParamStore): CollectedParams {
  let namespace: string | undefined;
  if (resource.namespaced) {
    namespace = ref.namespace || requestNamespace;
    // You must supply namespace if your matcher can possibly match a cluster-scoped resource.
    if (!namespace) return { ok: false, error: "cannot use namespaced paramRef in policy binding that matches cluster-scoped resources" };
  } else if (ref.namespace) {
    return { ok: false, error: "paramRef.namespace must not be provided for a cluster-scoped `paramKind`" };
  }
  let params: KubeObject[];
  if (ref.name) {
    if (ref.selector) return { ok: false, error: "paramRef.name and paramRef.selector are mutually exclusive" };
    const found = store.get(resource, namespace, ref.name);
    params = found ? [found] : [];
  } else if (ref.selector) {
    let sel: LabelSelector;
    try {
      sel = LabelSelector.fromLabelSelector(ref.selector as Parameters<typeof LabelSelector.fromLabelSelector>[0]);
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    params = store.list(resource, namespace).filter((o) => sel.matches(o.metadata.labels));
  } else {
    return { ok: false, error: "one of name or selector must be provided" };
  }
  if (params.length === 0 && ref.parameterNotFoundAction === "Deny") {
    return { ok: false, error: "no params found for policy binding with `Deny` parameterNotFoundAction" };
  }
  return { ok: true, params };
}

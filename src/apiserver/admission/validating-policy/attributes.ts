/**
 * The admission attributes a policy is matched and evaluated against (k8s.io/apiserver/pkg/admission
 * Attributes), built once per request from the chain's AdmissionRequest.
 */
import type { KubeObject } from "../../machinery/object.ts";
import type { AdmissionRequest } from "../../machinery/rest.ts";

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface Attributes {
  readonly req: AdmissionRequest;
  readonly operation: AdmissionRequest["operation"];
  readonly resource: GroupVersionResource;
  readonly kind: GroupVersionKind;
  readonly subresource: string;
  /** For a Namespace itself this is its own name, as kube-apiserver sets it. */
  readonly namespace: string;
  readonly name: string;
  readonly object: KubeObject | null;
  readonly oldObject: KubeObject | null;
}

export function attributesOf(req: AdmissionRequest): Attributes {
  const isNamespace = req.def.group === "" && req.def.plural === "namespaces";
  return {
    req,
    operation: req.operation,
    resource: { group: req.def.group, version: req.version, resource: req.def.plural },
    kind: { group: req.def.group, version: req.version, kind: req.def.kind },
    subresource: req.subresource,
    namespace: isNamespace ? req.name : req.namespace,
    name: req.name,
    object: req.object,
    oldObject: req.oldObject,
  };
}

/** `%v` of a schema.GroupVersionKind: `networking.k8s.io/v1, Kind=ServiceCIDR` (core: `/v1, Kind=ConfigMap`). */
export function gvkString(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}, Kind=${gvk.kind}`;
}

/** Namespace (core/v1). */
import type { KubeObject } from "../../machinery/object.ts";
import type { ResourceDef } from "../../machinery/resource.ts";

export interface Namespace extends KubeObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: "Active" | "Terminating"; conditions?: unknown[] };
}

export const NAMESPACE: ResourceDef = {
  group: "",
  versions: ["v1"],
  kind: "Namespace",
  plural: "namespaces",
  singular: "namespace",
  shortNames: ["ns"],
  namespaced: false,
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
};

/** The namespaces kubeadm's control plane starts with. */
export const SYSTEM_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"] as const;
/** NamespaceLifecycle refuses to delete these (plugin/pkg/admission/namespace/lifecycle). */
export const IMMORTAL_NAMESPACES = new Set(["default", "kube-system", "kube-public"]);
export const LABEL_METADATA_NAME = "kubernetes.io/metadata.name";

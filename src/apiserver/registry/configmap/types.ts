/** ConfigMap (core/v1): kubeadm and kube-proxy keep their configuration in these. */
import type { KubeObject } from "../../machinery/object.ts";
import { STANDARD_VERBS, type ResourceDef } from "../../machinery/resource.ts";

export interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export const CONFIG_MAP: ResourceDef = {
  group: "",
  versions: ["v1"],
  kind: "ConfigMap",
  plural: "configmaps",
  singular: "configmap",
  shortNames: ["cm"],
  namespaced: true,
  verbs: STANDARD_VERBS,
};

/** ServiceCIDR (networking.k8s.io/v1; v1beta1 has the same schema), k8s.io/api/networking/v1/types.go. */
import type { Condition, KubeObject } from "../../machinery/object.ts";
import { STANDARD_VERBS, type ResourceDef } from "../../machinery/resource.ts";

export interface ServiceCIDR extends KubeObject {
  spec: { cidrs?: string[] };
  status?: { conditions?: Condition[] };
}

export const SERVICE_CIDR: ResourceDef = {
  group: "networking.k8s.io",
  versions: ["v1"],
  // v1beta1 came in 1.31 and, as every new beta API since KEP-3136, is served only when enabled with
  // --runtime-config; it is deprecated in 1.34 (k8s.io/api networking/v1beta1 prerelease lifecycle).
  optionalVersions: ["v1beta1"],
  kind: "ServiceCIDR",
  plural: "servicecidrs",
  singular: "servicecidr",
  shortNames: [],
  namespaced: false,
  verbs: STANDARD_VERBS,
  deprecations: { v1beta1: { deprecated: "1.34", removed: "1.37", replacement: "networking.k8s.io/v1 ServiceCIDR" } },
};

export const SERVICE_CIDR_READY = "Ready";
export const SERVICE_CIDR_REASON_TERMINATING = "Terminating";
export const SERVICE_CIDR_FINALIZER = "networking.k8s.io/service-cidr-finalizer";
/** The ServiceCIDR the apiserver creates from --service-cluster-ip-range. */
export const DEFAULT_SERVICE_CIDR_NAME = "kubernetes";
/** The Warning reason when the flags no longer match the default ServiceCIDR (defaultservicecidr/controller.go). */
export const INCONSISTENT_REASON = "KubernetesDefaultServiceCIDRInconsistent";

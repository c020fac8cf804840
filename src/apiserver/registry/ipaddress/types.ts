/** IPAddress (networking.k8s.io/v1), k8s.io/api/networking/v1/types.go: one object per allocated ClusterIP. */
import type { KubeObject } from "../../machinery/object.ts";
import { STANDARD_VERBS, type ResourceDef } from "../../machinery/resource.ts";

export interface ParentReference {
  group?: string;
  resource: string;
  namespace?: string;
  name: string;
}

export interface IPAddress extends KubeObject {
  spec: { parentRef?: ParentReference };
}

export const IP_ADDRESS: ResourceDef = {
  group: "networking.k8s.io",
  versions: ["v1"],
  optionalVersions: ["v1beta1"],
  kind: "IPAddress",
  plural: "ipaddresses",
  singular: "ipaddress",
  shortNames: [],
  namespaced: false,
  verbs: STANDARD_VERBS,
  deprecations: { v1beta1: { deprecated: "1.34", removed: "1.37", replacement: "networking.k8s.io/v1 IPAddress" } },
};

// k8s.io/api/networking/v1/well_known_labels.go
export const LABEL_IP_FAMILY = "ipaddress.kubernetes.io/ip-family";
export const LABEL_MANAGED_BY = "ipaddress.kubernetes.io/managed-by";
/** ipallocator.ControllerName: the manager of IPAddresses the apiserver allocates. */
export const IPALLOCATOR_MANAGER = "ipallocator.k8s.io";

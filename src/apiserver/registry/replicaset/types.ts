/** ReplicaSet (apps/v1), k8s.io/api/apps/v1/types.go. */
import type { KubeObject } from "../../machinery/object.ts";
import { STANDARD_VERBS, type ResourceDef } from "../../machinery/resource.ts";
import type { LabelSelectorSpec, PodTemplateSpec, WorkloadCondition } from "../deployment/types.ts";

export interface ReplicaSet extends KubeObject {
  spec: { replicas?: number; minReadySeconds?: number; selector?: LabelSelectorSpec; template?: PodTemplateSpec };
  status?: {
    replicas?: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
    conditions?: WorkloadCondition[];
  };
}

export const REPLICA_SET: ResourceDef = {
  group: "apps",
  versions: ["v1"],
  kind: "ReplicaSet",
  plural: "replicasets",
  singular: "replicaset",
  shortNames: ["rs"],
  namespaced: true,
  categories: ["all"],
  verbs: STANDARD_VERBS,
};

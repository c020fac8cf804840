/** DaemonSet (apps/v1), k8s.io/api/apps/v1/types.go. */
import type { KubeObject } from "../../machinery/object.ts";
import { STANDARD_VERBS, type ResourceDef } from "../../machinery/resource.ts";
import type { LabelSelectorSpec, PodTemplateSpec, WorkloadCondition } from "../deployment/types.ts";

export interface DaemonSet extends KubeObject {
  spec: {
    selector?: LabelSelectorSpec;
    template: PodTemplateSpec;
    updateStrategy?: { type?: "RollingUpdate" | "OnDelete"; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: {
    currentNumberScheduled?: number;
    numberMisscheduled?: number;
    desiredNumberScheduled?: number;
    numberReady?: number;
    observedGeneration?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
    numberUnavailable?: number;
    conditions?: WorkloadCondition[];
  };
}

export const DAEMON_SET: ResourceDef = {
  group: "apps",
  versions: ["v1"],
  kind: "DaemonSet",
  plural: "daemonsets",
  singular: "daemonset",
  shortNames: ["ds"],
  namespaced: true,
  categories: ["all"],
  verbs: STANDARD_VERBS,
};

export const CONTROLLER_REVISION_HASH_LABEL = "controller-revision-hash";
export const POD_TEMPLATE_GENERATION_LABEL = "pod-template-generation";

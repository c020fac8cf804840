/** Deployment's schema for decoding and `kubectl explain` (k8s.io/api/apps/v1/types.go, shortened). */
import { bool, int32, kindSchema, obj, str, type Schema } from "../../machinery/schema.ts";
import { POD_TEMPLATE_SCHEMA } from "../pod/schema.ts";

export const LABEL_SELECTOR_SCHEMA: Schema = { type: "any", go: "v1.LabelSelector", description: "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels." };
const INT_OR_STRING = (description: string): Schema => ({ type: "int-or-string", go: "intstr.IntOrString", description });

export const DEPLOYMENT_SCHEMA: Schema = kindSchema("v1.Deployment", "Deployment enables declarative updates for Pods and ReplicaSets.", {
  spec: obj("v1.DeploymentSpec", "Specification of the desired behavior of the Deployment.", {
    minReadySeconds: int32("Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0"),
    paused: bool("Indicates that the deployment is paused."),
    progressDeadlineSeconds: int32("The maximum time in seconds for a deployment to make progress before it is considered to be failed. Defaults to 600s."),
    replicas: int32("Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1."),
    revisionHistoryLimit: int32("The number of old ReplicaSets to retain to allow rollback. Defaults to 10."),
    selector: LABEL_SELECTOR_SCHEMA,
    strategy: obj("v1.DeploymentStrategy", "The deployment strategy to use to replace existing pods with new ones.", {
      rollingUpdate: obj("v1.RollingUpdateDeployment", "Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.", {
        maxSurge: INT_OR_STRING("The maximum number of pods that can be scheduled above the desired number of pods. Defaults to 25%."),
        maxUnavailable: INT_OR_STRING("The maximum number of pods that can be unavailable during the update. Defaults to 25%."),
      }),
      type: str("Type of deployment. Can be \"Recreate\" or \"RollingUpdate\". Default is RollingUpdate.", "v1.DeploymentStrategyType", ["Recreate", "RollingUpdate"]),
    }),
    template: POD_TEMPLATE_SCHEMA,
  }, ["selector", "template"]),
  status: { type: "any", go: "v1.DeploymentStatus", description: "Most recently observed status of the Deployment." },
});

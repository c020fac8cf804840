/** ReplicaSet's schema for decoding and `kubectl explain` (k8s.io/api/apps/v1/types.go, shortened). */
import { int32, kindSchema, obj, type Schema } from "../../machinery/schema.ts";
import { POD_TEMPLATE_SCHEMA } from "../pod/schema.ts";
import { LABEL_SELECTOR_SCHEMA } from "../deployment/schema.ts";

export const REPLICA_SET_SCHEMA: Schema = kindSchema("v1.ReplicaSet", "ReplicaSet ensures that a specified number of pod replicas are running at any given time.", {
  spec: obj("v1.ReplicaSetSpec", "Spec defines the specification of the desired behavior of the ReplicaSet.", {
    minReadySeconds: int32("Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available."),
    replicas: int32("Replicas is the number of desired pods. Defaults to 1."),
    selector: LABEL_SELECTOR_SCHEMA,
    template: POD_TEMPLATE_SCHEMA,
  }, ["selector"]),
  status: { type: "any", go: "v1.ReplicaSetStatus", description: "Status is the most recently observed status of the ReplicaSet." },
});

/** DaemonSet's schema for decoding and `kubectl explain` (k8s.io/api/apps/v1/types.go, shortened). */
import { int32, kindSchema, obj, type Schema } from "../../machinery/schema.ts";
import { POD_TEMPLATE_SCHEMA } from "../pod/schema.ts";
import { LABEL_SELECTOR_SCHEMA } from "../deployment/schema.ts";

export const DAEMON_SET_SCHEMA: Schema = kindSchema("v1.DaemonSet", "DaemonSet represents the configuration of a daemon set.", {
  spec: obj("v1.DaemonSetSpec", "The desired behavior of this daemon set.", {
    minReadySeconds: int32("The minimum number of seconds for which a newly created DaemonSet pod should be ready without any of its container crashing, for it to be considered available."),
    revisionHistoryLimit: int32("The number of old history to retain to allow rollback. Defaults to 10."),
    selector: LABEL_SELECTOR_SCHEMA,
    template: POD_TEMPLATE_SCHEMA,
    updateStrategy: { type: "any", go: "v1.DaemonSetUpdateStrategy", description: "An update strategy to replace existing DaemonSet pods with new pods." },
  }, ["selector", "template"]),
  status: { type: "any", go: "v1.DaemonSetStatus", description: "The current status of this daemon set." },
});

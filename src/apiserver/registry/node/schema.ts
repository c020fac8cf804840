/** Node's schema for decoding and `kubectl explain` (k8s.io/api/core/v1/types.go field docs, shortened). */
import { bool, kindSchema, list, obj, str, strList, type Schema } from "../../machinery/schema.ts";

const TAINT = obj("v1.Taint", "The node this Taint is attached to has the \"effect\" on any pod that does not tolerate the Taint.", {
  effect: str("Required. The effect of the taint on pods that do not tolerate the taint. Valid effects are NoSchedule, PreferNoSchedule and NoExecute.", "v1.TaintEffect", ["NoExecute", "NoSchedule", "PreferNoSchedule"]),
  key: str("Required. The taint key to be applied to a node."),
  timeAdded: { type: "time", go: "v1.Time", description: "TimeAdded represents the time at which the taint was added." },
  value: str("The taint value corresponding to the taint key."),
}, ["key", "effect"]);

export const NODE_SCHEMA: Schema = kindSchema("v1.Node", "Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).", {
  spec: obj("v1.NodeSpec", "Spec defines the behavior of a node.", {
    configSource: { type: "any", go: "v1.NodeConfigSource", description: "Deprecated: Previously used to specify the source of the node's configuration for the DynamicKubeletConfig feature." },
    externalID: str("Deprecated. Not all kubelets will set this field."),
    podCIDR: str("PodCIDR represents the pod IP range assigned to the node."),
    podCIDRs: strList("podCIDRs represents the IP ranges assigned to the node for usage by Pods on that node. If this field is specified, the 0th entry must match the podCIDR field. It may contain at most 1 value for each of IPv4 and IPv6."),
    providerID: str("ID of the node assigned by the cloud provider in the format: <ProviderName>://<ProviderSpecificNodeID>"),
    taints: list("[]v1.Taint", "If specified, the node's taints.", TAINT),
    unschedulable: bool("Unschedulable controls node schedulability of new pods. By default, node is schedulable."),
  }),
  status: { type: "any", go: "v1.NodeStatus", description: "Most recently observed status of the node. Populated by the system. Read-only." },
});

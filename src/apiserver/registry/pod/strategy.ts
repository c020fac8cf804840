/**
 * pkg/registry/core/pod/strategy.go: a new pod starts Pending with its QoS class; the main resource
 * cannot change the status and the status subresource cannot change the spec (nor the owner references,
 * which old kubelets used to corrupt).
 */
import type { RESTStrategy } from "../../machinery/rest.ts";
import { podQOSClass } from "./defaults.ts";
import type { Pod } from "./types.ts";
import { validatePod, validatePodStatusUpdate, validatePodUpdate } from "./validation.ts";

export const podStrategy = {
  tracksGeneration: true,
  prepareForCreate(pod) {
    pod.status = { phase: "Pending", qosClass: podQOSClass(pod.spec) };
  },
  validate: (pod) => validatePod(pod),
  prepareForUpdate(pod, old) {
    pod.status = old.status;
  },
  validateUpdate: (pod, old) => validatePodUpdate(pod, old),
} satisfies RESTStrategy<Pod>;

export const podStatusStrategy = {
  ...podStrategy,
  prepareForUpdate(pod, old) {
    pod.spec = old.spec;
    pod.metadata.ownerReferences = old.metadata.ownerReferences;
    if (!pod.metadata.ownerReferences) delete pod.metadata.ownerReferences;
  },
  validateUpdate: (pod, old) => validatePodStatusUpdate(pod, old),
} satisfies RESTStrategy<Pod>;

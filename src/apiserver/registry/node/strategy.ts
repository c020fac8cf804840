/**
 * pkg/registry/core/node/strategy.go: a Node may be created with its status (the kubelet registers
 * itself that way); an update of the main resource keeps the status, and the status subresource keeps
 * the spec.
 */
import type { RESTStrategy } from "../../machinery/rest.ts";
import { resetObjectMetaForStatus } from "../../machinery/objectmeta.ts";
import type { Node } from "./types.ts";
import { validateNode, validateNodeUpdate } from "./validation.ts";

export const nodeStrategy = {
  prepareForCreate() {},
  validate: (node) => validateNode(node),
  prepareForUpdate(node, old) {
    node.status = old.status;
  },
  validateUpdate: (node, old) => [...validateNode(node), ...validateNodeUpdate(node, old)],
} satisfies RESTStrategy<Node>;

export const nodeStatusStrategy = {
  ...nodeStrategy,
  prepareForUpdate(node, old) {
    node.spec = old.spec;
    resetObjectMetaForStatus(node.metadata, old.metadata);
  },
} satisfies RESTStrategy<Node>;

/** The v1 conversion keeps podCIDR and podCIDRs[0] the same. */
export function setNodeDefaults(node: Node): void {
  const spec = (node.spec ??= {});
  if (spec.podCIDR && !spec.podCIDRs?.length) spec.podCIDRs = [spec.podCIDR];
  if (!spec.podCIDR && spec.podCIDRs?.length) spec.podCIDR = spec.podCIDRs[0];
}

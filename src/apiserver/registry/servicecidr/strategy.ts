/** pkg/registry/networking/servicecidr/strategy.go: no defaults; the status subresource keeps the spec. */
import type { RESTStrategy } from "../../machinery/rest.ts";
import { resetObjectMetaForStatus } from "../../machinery/objectmeta.ts";
import type { ServiceCIDR } from "./types.ts";
import { validateServiceCIDR, validateServiceCIDRStatusUpdate, validateServiceCIDRUpdate } from "./validation.ts";

export const serviceCIDRStrategy = {
  prepareForCreate() {},
  validate: (obj) => validateServiceCIDR(obj),
  prepareForUpdate() {},
  validateUpdate: (obj, old) => validateServiceCIDRUpdate(obj, old),
} satisfies RESTStrategy<ServiceCIDR>;

export const serviceCIDRStatusStrategy = {
  ...serviceCIDRStrategy,
  prepareForUpdate(obj, old) {
    // status changes are not allowed to update spec
    obj.spec = old.spec;
    resetObjectMetaForStatus(obj.metadata, old.metadata);
  },
  validateUpdate: (obj, old) => validateServiceCIDRStatusUpdate(obj, old),
} satisfies RESTStrategy<ServiceCIDR>;

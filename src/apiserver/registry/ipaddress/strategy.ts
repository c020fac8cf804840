/** pkg/registry/networking/ipaddress/strategy.go: no defaults; parentRef is immutable. */
import type { RESTStrategy } from "../../machinery/rest.ts";
import type { IPAddress } from "./types.ts";
import { validateIPAddress, validateIPAddressUpdate } from "./validation.ts";

export const ipAddressStrategy = {
  prepareForCreate() {},
  validate: (obj) => validateIPAddress(obj),
  prepareForUpdate() {},
  validateUpdate: (obj, old) => validateIPAddressUpdate(obj, old),
} satisfies RESTStrategy<IPAddress>;

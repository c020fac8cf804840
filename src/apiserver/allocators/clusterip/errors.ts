/** Allocator errors, pkg/registry/core/service/ipallocator/interfaces.go (1.33/1.34 wording). */
export type AllocatorErrorKind = "full" | "allocated" | "mismatched" | "not-ready" | "not-in-range";

export class AllocatorError extends Error {
  constructor(readonly kind: AllocatorErrorKind, message: string) {
    super(message);
  }
}

export const errFull = () => new AllocatorError("full", "range is full");
export const errAllocated = () => new AllocatorError("allocated", "provided IP is already allocated");
export const errMismatchedNetwork = () => new AllocatorError("mismatched", "the provided network does not match the current range");
export const errNotReady = () => new AllocatorError("not-ready", "allocator not ready");
export const errNotInRange = (ip: string, validRange: string) =>
  new AllocatorError("not-in-range", `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${validRange}`);

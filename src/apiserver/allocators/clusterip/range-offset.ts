/**
 * calculateRangeOffset from pkg/registry/core/service/ipallocator/bitmap.go (KEP-3070), on its own so
 * the views can draw the same static band without pulling in the allocator.
 */
import type { CIDR } from "../../../net/index.ts";

/** calculateRangeOffset: the size of the static band for a prefix. */
export function rangeOffset(cidr: CIDR): bigint {
  const size = cidr.size();
  // netutils.RangeSize (k8s.io/utils/net) is 0 when the prefix has 31 or more host bits for IPv4
  // (/0, /1) or 127 or more for IPv6: such ranges get no static band at all.
  const hostBits = cidr.bits - cidr.prefix;
  if (hostBits >= cidr.bits - 1) return 0n;
  if (size <= 16n) return 0n;
  const offset = size / 16n;
  if (offset < 16n) return 16n;
  if (offset > 256n) return 256n;
  return offset;
}

/**
 * Band arithmetic for one CIDR, in offsets from its network address. The static band's size is the
 * allocator's own function (range-offset.ts, after k/k bitmap.go calculateRangeOffset), so the map
 * can never draw a band the allocator does not use.
 */
import type { CIDR } from "../net/index.ts";
import { rangeOffset } from "../apiserver/allocators/clusterip/range-offset.ts";
import type { BandName } from "./servicecidr-model-types.ts";

/** calculateRangeOffset: the size of the lower ("static") band, the allocator's own rule. */
export const staticBandSize: (cidr: CIDR) => bigint = rangeOffset;

export interface BandOffsets {
  /** First and last usable offsets (inclusive); first > last when nothing is usable. */
  first: bigint;
  last: bigint;
  /** First offset of the dynamic band. */
  dynamicFirst: bigint;
}

/**
 * The network address is never handed out, nor is the IPv4 broadcast; the IPv6 all-ones address is
 * (ipallocator.go: lastAddress is the broadcast minus one for IPv4 only).
 */
export function bandOffsets(cidr: CIDR): BandOffsets {
  const size = cidr.size();
  const first = 1n;
  const last = cidr.family === "IPv4" ? size - 2n : size - 1n;
  return { first, last, dynamicFirst: first + staticBandSize(cidr) };
}

export function bandOf(b: BandOffsets, offset: bigint): BandName {
  if (offset < b.first || offset > b.last) return "none";
  return offset < b.dynamicFirst ? "static" : "dynamic";
}

/** servicecidr.PrefixContainsIP: inside the prefix and neither its network nor its IPv4 broadcast. */
export function isReservedOffset(cidr: CIDR, offset: bigint): "network" | "broadcast" | null {
  if (offset === 0n) return "network";
  if (cidr.family === "IPv4" && offset === cidr.size() - 1n) return "broadcast";
  return null;
}

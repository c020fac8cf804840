/**
 * Which allocated IPs keep a terminating ServiceCIDR alive, after canDeleteCIDR in k/k
 * pkg/controller/servicecidrs/servicecidrs_controller.go:
 *
 * 1. If every CIDR of the ServiceCIDR is also covered by another ServiceCIDR (a wider one, or one
 *    with the same CIDR; terminating ones count too), nothing is orphaned and nothing blocks.
 * 2. Otherwise an IPAddress managed by the allocator blocks when exactly one prefix contains it
 *    (PrefixContainsIP, so not as network or broadcast) and that prefix belongs to this
 *    ServiceCIDR alone. Hand-made IPAddresses are not listed by the controller and never block.
 */
import { CIDR } from "../net/index.ts";
import type { Draft, ParsedIP } from "./model-draft.ts";
import type { ServiceCIDRMember } from "./servicecidr-model-types.ts";

export function markBlockers(drafts: readonly Draft[], ips: readonly ParsedIP[]): void {
  const byId = new Map(drafts.map((d) => [d.block.id, d]));
  const blocking = new Set<string>();
  for (const d of drafts) {
    for (const m of d.block.members) {
      if (m.phase !== "terminating" || hasParent(m, byId)) continue;
      if (d.block.names.length !== 1) continue;
      m.blockers = ips.filter((p) => p.managed && p.holders.length === 1 && p.holders[0] === d).map((p) => p.text);
      for (const ip of m.blockers) blocking.add(ip);
    }
  }
  if (blocking.size === 0) return;
  for (const d of drafts) for (const a of d.block.allocations) if (blocking.has(a.ip)) a.blocking = true;
}

function hasParent(m: ServiceCIDRMember, byId: ReadonlyMap<string, Draft>): boolean {
  for (const text of m.cidrs) {
    const key = CIDR.tryParse(text)?.toString();
    const d = key === undefined ? undefined : byId.get(key);
    // A CIDR that never became a block cannot hold IPs either way.
    if (d === undefined) continue;
    if (d.block.parent === null && d.block.names.length < 2) return false;
  }
  return true;
}

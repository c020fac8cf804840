/**
 * Addresses inside an Azure subnet. Azure keeps five addresses of every subnet for itself (virtual
 * network FAQ: x.x.x.0 network, x.x.x.1 default gateway, x.x.x.2 and x.x.x.3 Azure DNS, and the last
 * address), so NICs get addresses from .4 up, lowest free first, as Azure's DHCP hands them out.
 */
import { CIDR } from "../../net/index.ts";
import type { Subnet } from "../types.ts";

export const AZURE_RESERVED_ADDRESSES = 5;
/** .0 to .3 come before the first address a NIC can have. */
export const FIRST_USABLE_OFFSET = 4n;

/** How many addresses of a subnet NICs may use: the prefix's size less Azure's five. */
export function usableAddresses(prefix: string): number {
  const size = CIDR.parse(prefix).size();
  const usable = size - BigInt(AZURE_RESERVED_ADDRESSES);
  return usable < 0n ? 0 : usable > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(usable);
}

export function freeAddresses(subnet: Subnet, prefix: string): number {
  const family = CIDR.parse(prefix).family;
  let used = 0;
  for (const ip of subnet.used.keys()) if ((ip.includes(":") ? "IPv6" : "IPv4") === family) used++;
  return usableAddresses(prefix) - used;
}

/**
 * Takes the `count` lowest free addresses of the prefix for `owner`, or returns null (and takes none)
 * when the subnet cannot hold them.
 */
export function allocateAddresses(subnet: Subnet, prefix: string, count: number, owner: string): string[] | null {
  const cidr = CIDR.parse(prefix);
  const last = cidr.size() - 2n;
  const out: string[] = [];
  for (let off = FIRST_USABLE_OFFSET; off <= last && out.length < count; off++) {
    const ip = cidr.nth(off).toString();
    if (!subnet.used.has(ip)) out.push(ip);
  }
  if (out.length < count) return null;
  for (const ip of out) subnet.used.set(ip, owner);
  return out;
}

export function releaseAddresses(subnet: Subnet, owner: string): void {
  for (const [ip, o] of [...subnet.used]) if (o === owner) subnet.used.delete(ip);
}

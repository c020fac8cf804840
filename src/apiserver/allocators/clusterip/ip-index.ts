/**
 * IPAddressIndex is the allocator's informer cache of IPAddress objects: every allocated address per
 * family, kept current from the store's watch. Allocators consult it ("is this address taken?") exactly
 * as upstream consults its IPAddress lister; hand-made IPAddresses count too.
 */
import { IP, type Family } from "../../../net/index.ts";
import type { Store } from "../../machinery/store.ts";
import { AddressSet } from "./address-set.ts";

export const IPADDRESS_RESOURCE = "ipaddresses.networking.k8s.io";

export class IPAddressIndex {
  readonly #sets: Record<Family, AddressSet> = { IPv4: new AddressSet(), IPv6: new AddressSet() };
  readonly #unsubscribe: () => void;

  constructor(store: Store) {
    for (const o of store.list(IPADDRESS_RESOURCE)) this.#apply(o.metadata.name!, true);
    this.#unsubscribe = store.subscribe((e) => {
      if (e.resource !== IPADDRESS_RESOURCE) return;
      if (e.type === "ADDED") this.#apply(e.object.metadata.name!, true);
      else if (e.type === "DELETED") this.#apply(e.object.metadata.name!, false);
    });
  }

  set(family: Family): AddressSet {
    return this.#sets[family];
  }

  has(ip: IP): boolean {
    return this.#sets[ip.family].has(ip.value);
  }

  dispose(): void {
    this.#unsubscribe();
  }

  #apply(name: string, present: boolean): void {
    const ip = IP.tryParse(name);
    if (!ip) return; // not a canonical address: cannot collide with one the allocator picks
    if (present) this.#sets[ip.family].add(ip.value);
    else this.#sets[ip.family].delete(ip.value);
  }
}

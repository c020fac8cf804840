/**
 * MetaAllocator is the apiserver's ClusterIP allocator for one IP family, after
 * pkg/registry/core/service/ipallocator/cidrallocator.go (1.33+, MultiCIDRServiceAllocator GA,
 * DisableAllocatorDualWrite on in 1.34). It keeps one CIDRAllocator per distinct CIDR among the
 * ServiceCIDR objects it sees and, for a dynamic request, tries them in random order (Go map
 * iteration), skipping the full and the not-ready ones. There is no preference for the newest, the
 * largest or the most specific range.
 */
import { CIDR, IP, type Family } from "../../../net/index.ts";
import type { SeededRandom } from "../../machinery/random.ts";
import { findCondition, isTerminating } from "../../machinery/object.ts";
import type { ServiceCIDR } from "../../registry/servicecidr/types.ts";
import { CIDRAllocator } from "./cidr-allocator.ts";
import { AllocatorError, errAllocated, errFull, errMismatchedNetwork, errNotReady } from "./errors.ts";
import type { IPAddressIndex } from "./ip-index.ts";

export interface AllocatorItem {
  readonly allocator: CIDRAllocator;
  readonly ready: boolean;
  /** The ServiceCIDR objects that carry this exact CIDR. */
  readonly names: readonly string[];
}

export interface MetaAllocatorDeps {
  family: Family;
  random: SeededRandom;
  index: IPAddressIndex;
  /** The ServiceCIDR informer's current view. */
  serviceCIDRs(): readonly ServiceCIDR[];
  /** Creates the IPAddress object for a service; throws the API error on failure. */
  createIPAddress(ip: IP, owner: { namespace: string; name: string }): void;
  deleteIPAddress(ip: IP): void;
  /** Reports allocator construction failures the way kube-apiserver logs them. */
  log?(message: string): void;
}

/** A ServiceCIDR counts as ready when its Ready condition is True, or when it has none yet. */
export function isServiceCIDRReady(sc: ServiceCIDR): boolean {
  const c = findCondition(sc.status?.conditions, "Ready");
  return c ? c.status === "True" : true;
}

/** servicecidr.PrefixContainsIP: false for the network address and for the IPv4 broadcast address. */
export function prefixContainsIP(cidr: CIDR, ip: IP): boolean {
  if (!cidr.contains(ip)) return false;
  if (ip.value === cidr.first().value) return false;
  if (cidr.family === "IPv4" && ip.value === cidr.last().value) return false;
  return true;
}

export class MetaAllocator {
  readonly #cache = new Map<string, CIDRAllocator | null>();
  readonly #logged = new Set<string>();

  constructor(private readonly deps: MetaAllocatorDeps) {}

  get family(): Family {
    return this.deps.family;
  }

  /** One item per distinct CIDR of this family, in name order. */
  items(): AllocatorItem[] {
    const byCIDR = new Map<string, { ready: boolean; names: string[] }>();
    for (const sc of this.deps.serviceCIDRs()) {
      for (const text of sc.spec?.cidrs ?? []) {
        const alloc = this.#allocatorFor(text);
        if (!alloc || alloc.family !== this.deps.family) continue;
        const entry = byCIDR.get(text) ?? { ready: false, names: [] };
        entry.names.push(sc.metadata.name!);
        entry.ready ||= isServiceCIDRReady(sc) && !isTerminating(sc);
        byCIDR.set(text, entry);
      }
    }
    return [...byCIDR].map(([text, e]) => ({ allocator: this.#allocatorFor(text)!, ready: e.ready, names: e.names }));
  }

  /**
   * MetaAllocator.DryRun (cidrallocator.go): the first allocator of the map, ready or not, or an empty
   * (never ready) one when there is none. Its dry runs do not look at what is allocated.
   */
  #dryRunItem(): AllocatorItem {
    const items = this.items();
    if (items.length === 0) throw errNotReady();
    const item = this.deps.random.pick(items);
    if (!item.ready) throw errNotReady();
    return item;
  }

  /** AllocateNextService: a random ready, non-full allocator, then a random free address in it. */
  allocateNext(owner: { namespace: string; name: string }, dryRun: boolean): IP {
    // allocateNextService with dryRun: "Don't bother finding a free value", it returns a.CIDR().IP,
    // the network address, which is what a --dry-run=server create shows as its clusterIP.
    if (dryRun) return this.#dryRunItem().allocator.cidr.network;
    const used = this.deps.index.set(this.deps.family);
    for (const item of this.deps.random.shuffle(this.items())) {
      if (!item.ready) continue; // ErrNotReady: try the next one
      let ip: IP;
      try {
        ip = item.allocator.pickNext(this.deps.random, used);
      } catch (e) {
        if (e instanceof AllocatorError && e.kind === "full") continue;
        throw e;
      }
      this.deps.createIPAddress(ip, owner);
      return ip;
    }
    throw errFull();
  }

  /** AllocateService: a specific address, which a ready ServiceCIDR must contain. */
  allocate(owner: { namespace: string; name: string }, ip: IP, dryRun: boolean): void {
    if (dryRun) {
      // allocateService with dryRun checks readiness and the range of that one allocator, nothing else.
      this.#dryRunItem().allocator.checkInRange(ip);
      return;
    }
    const candidates = this.items().filter((i) => i.ready && prefixContainsIP(i.allocator.cidr, ip));
    if (candidates.length === 0) throw errMismatchedNetwork();
    const item = this.deps.random.pick(candidates);
    item.allocator.checkInRange(ip);
    if (this.deps.index.has(ip)) throw errAllocated();
    this.deps.createIPAddress(ip, owner);
  }

  release(ip: IP): void {
    this.deps.deleteIPAddress(ip);
  }

  #allocatorFor(text: string): CIDRAllocator | null {
    if (this.#cache.has(text)) return this.#cache.get(text)!;
    let alloc: CIDRAllocator | null = null;
    const cidr = CIDR.tryParse(text);
    if (cidr) {
      try {
        alloc = new CIDRAllocator(cidr);
      } catch (e) {
        if (!this.#logged.has(text)) {
          this.#logged.add(text);
          // cidrallocator.go syncAllocators: klog.Infof("error creating new IPAllocator for Service CIDR %s: %v", ...)
          this.deps.log?.(`error creating new IPAllocator for Service CIDR ${text}: ${(e as Error).message}`);
        }
      }
    }
    this.#cache.set(text, alloc);
    return alloc;
  }
}

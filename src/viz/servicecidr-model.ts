/**
 * buildServiceCIDRModel turns a snapshot of ServiceCIDRs, IPAddresses and Services into the layout
 * model the ServiceCIDR map and its text twin draw. It is pure and deterministic: the same snapshot
 * gives the same model, in the same order, whatever order the informer listed objects in.
 *
 * Cost is bounded by the objects, never by the address space: only blocks of up to 1,024 addresses
 * are enumerated; for larger ones only the allocated IPs are visited, so an IPv6 /64 costs what a
 * /28 does.
 */
import { CIDR, IP, type Family } from "../net/index.ts";
import type { IPAddress } from "../apiserver/registry/ipaddress/types.ts";
import type { Service } from "../apiserver/registry/service/types.ts";
import { SERVICE_CIDR_READY, type ServiceCIDR } from "../apiserver/registry/servicecidr/types.ts";
import { bandOf, bandOffsets, isReservedOffset } from "./bands.ts";
import { markBlockers } from "./blockers.ts";
import type { Draft, ParsedIP } from "./model-draft.ts";
import { indexServices, isManagedByAllocator, ownerOf } from "./owners.ts";
import type {
  AddressRange,
  Allocation,
  BandCount,
  BlockModel,
  Cell,
  FamilyModel,
  Owner,
  ReadyCondition,
  ServiceCIDRMember,
  ServiceCIDRModel,
} from "./servicecidr-model-types.ts";

export type * from "./servicecidr-model-types.ts";

export interface VizSnapshot {
  serviceCIDRs: ServiceCIDR[];
  ipAddresses: IPAddress[];
  services: Service[];
}

/** Blocks up to this many addresses (a /22) get one cell per address. */
export const MAX_CELLS = 1024n;

const FAMILIES: readonly Family[] = ["IPv4", "IPv6"];

export function buildServiceCIDRModel(s: VizSnapshot): ServiceCIDRModel {
  const drafts = collectBlocks(s.serviceCIDRs);
  linkNesting(drafts);
  const ips = parseIPs(s.ipAddresses, s.services);
  const { views: allocations, outside } = placeIPs(ips, drafts);
  // Blocking flags land on the Allocation objects the views share, so they must come before cells.
  markBlockers(drafts, ips);
  for (const d of drafts) finishBlock(d);

  const families: FamilyModel[] = [];
  for (const family of FAMILIES) {
    const blocks = drafts.filter((d) => d.block.family === family).map((d) => d.block);
    const out = outside.filter((a) => IP.parse(a.ip).family === family);
    if (blocks.length > 0 || out.length > 0) families.push({ family, blocks, outside: out });
  }
  return { families, allocations };
}

function readyOf(sc: ServiceCIDR): ReadyCondition | null {
  const c = sc.status?.conditions?.find((x) => x.type === SERVICE_CIDR_READY);
  return c ? { status: c.status, reason: c.reason ?? "", message: c.message ?? "" } : null;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One draft per distinct CIDR, members sorted by name, drafts in the model's order. */
function collectBlocks(serviceCIDRs: readonly ServiceCIDR[]): Draft[] {
  const byCIDR = new Map<string, { cidr: CIDR; members: ServiceCIDRMember[] }>();
  for (const sc of serviceCIDRs) {
    const cidrs = sc.spec?.cidrs ?? [];
    for (const text of cidrs) {
      // Validation keeps bad CIDRs out of the store; a snapshot that still has one just skips it.
      const cidr = CIDR.tryParse(text);
      if (cidr === null) continue;
      const key = cidr.toString();
      const entry = byCIDR.get(key) ?? { cidr, members: [] };
      byCIDR.set(key, entry);
      if (entry.members.some((m) => m.name === (sc.metadata.name ?? ""))) continue;
      entry.members.push({
        name: sc.metadata.name ?? "",
        phase: sc.metadata.deletionTimestamp ? "terminating" : "ready",
        deletionTimestamp: sc.metadata.deletionTimestamp ?? null,
        ready: readyOf(sc),
        finalizers: [...(sc.metadata.finalizers ?? [])],
        cidrs: [...cidrs],
        blockers: [],
      });
    }
  }
  const drafts = [...byCIDR.values()].map(({ cidr, members }) => newDraft(cidr, members));
  drafts.sort(compareDrafts);
  return drafts;
}

function compareDrafts(a: Draft, b: Draft): number {
  const fa = FAMILIES.indexOf(a.cidr.family);
  const fb = FAMILIES.indexOf(b.cidr.family);
  if (fa !== fb) return fa - fb;
  if (a.cidr.prefix !== b.cidr.prefix) return a.cidr.prefix - b.cidr.prefix;
  const byName = byText(a.block.names[0] ?? "", b.block.names[0] ?? "");
  if (byName !== 0) return byName;
  return a.cidr.network.compare(b.cidr.network);
}

function range(cidr: CIDR, lo: bigint, hi: bigint): AddressRange | null {
  if (lo > hi) return null;
  return { first: cidr.nth(lo).toString(), last: cidr.nth(hi).toString(), firstOffset: lo, lastOffset: hi, size: hi - lo + 1n };
}

function newDraft(cidr: CIDR, members: ServiceCIDRMember[]): Draft {
  members.sort((a, b) => byText(a.name, b.name));
  const bands = bandOffsets(cidr);
  const phase = members.every((m) => m.phase === "terminating") ? "terminating" : "ready";
  const size = cidr.size();
  const reserved = [0n, size - 1n].flatMap((o, i) => {
    const kind = i === 1 && o === 0n ? null : isReservedOffset(cidr, o);
    return kind ? [{ ip: cidr.nth(o).toString(), offset: o, kind }] : [];
  });
  const id = cidr.toString();
  const block: BlockModel = {
    id,
    cidr: id,
    family: cidr.family,
    prefix: cidr.prefix,
    network: cidr.network.value,
    size,
    names: members.map((m) => m.name),
    members,
    phase,
    ready: members.find((m) => m.phase === phase)?.ready ?? null,
    finalizers: [...new Set(members.flatMap((m) => m.finalizers))],
    allocatable: cidr.family === "IPv4" || cidr.prefix >= 64,
    usable: range(cidr, bands.first, bands.last),
    static: range(cidr, bands.first, min(bands.dynamicFirst - 1n, bands.last)),
    dynamic: range(cidr, bands.dynamicFirst, bands.last),
    reserved,
    dense: size > MAX_CELLS,
    cells: null,
    allocations: [],
    counts: emptyCounts(),
    parent: null,
    children: [],
    root: id,
    blockers: [],
  };
  return { block, cidr, bands };
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function emptyCount(): BandCount {
  return { capacity: 0n, used: 0, free: 0n };
}

function emptyCounts(): BlockModel["counts"] {
  return { ...emptyCount(), static: emptyCount(), dynamic: emptyCount() };
}

/**
 * Drafts are sorted widest first and aligned blocks either nest or are disjoint, so the first
 * container met scanning back from a block is the narrowest one: its parent.
 */
function linkNesting(drafts: readonly Draft[]): void {
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    for (let j = i - 1; j >= 0; j--) {
      const p = drafts[j]!;
      if (p.cidr.prefix < d.cidr.prefix && p.cidr.containsCIDR(d.cidr)) {
        d.block.parent = p.block.id;
        p.block.children.push(d.block.id);
        // Parents come first in draft order, so the parent's root is already final.
        d.block.root = p.block.root;
        break;
      }
    }
  }
}

function parseIPs(ipAddresses: readonly IPAddress[], services: readonly Service[]): ParsedIP[] {
  const svcIndex = indexServices(services);
  const out: ParsedIP[] = [];
  const seen = new Set<string>();
  for (const ipa of ipAddresses) {
    // IPAddress names are canonical (validation insists), so the name is the IP's text.
    const text = ipa.metadata.name ?? "";
    const ip = IP.tryParse(text);
    if (ip === null || seen.has(text)) continue;
    seen.add(text);
    const o = ownerOf(ipa, svcIndex);
    // Written out rather than spread: object spread is several times slower here, and this runs
    // for every IPAddress on every change.
    out.push({ owner: o.owner, role: o.role, handMade: o.handMade, parentRef: o.parentRef, serviceType: o.serviceType, ip, text, managed: isManagedByAllocator(ipa), holders: [] });
  }
  out.sort((a, b) => a.ip.compare(b.ip));
  return out;
}

function ownerPart(p: ParsedIP): Owner {
  return { owner: p.owner, role: p.role, handMade: p.handMade, parentRef: p.parentRef, serviceType: p.serviceType };
}

function allocationIn(p: ParsedIP, d: Draft): Allocation {
  const offset = p.ip.value - d.cidr.network.value;
  const holder = p.holders[p.holders.length - 1];
  return {
    owner: p.owner,
    role: p.role,
    handMade: p.handMade,
    parentRef: p.parentRef,
    serviceType: p.serviceType,
    ip: p.text,
    offset,
    position: Number(offset) / Number(d.block.size),
    band: bandOf(d.bands, offset),
    reserved: isReservedOffset(d.cidr, offset) !== null,
    heldBy: holder ? holder.block.id : null,
    blocking: false,
  };
}

/**
 * Adds each IP to every block containing it (IPs arrive sorted, so each block's list is in offset
 * order). Returns one view per IP, from the block that holds it, else the narrowest block around
 * it (a hand-made object on a network address), else from nowhere.
 */
function placeIPs(ips: readonly ParsedIP[], drafts: readonly Draft[]): { views: Map<string, Allocation>; outside: Allocation[] } {
  const views = new Map<string, Allocation>();
  const outside: Allocation[] = [];
  for (const p of ips) {
    // Plain loops: this runs per IPAddress per block on every change.
    const inside: Draft[] = [];
    for (const d of drafts) if (d.cidr.contains(p.ip)) inside.push(d);
    const holders: Draft[] = [];
    for (const d of inside) if (isReservedOffset(d.cidr, p.ip.value - d.cidr.network.value) === null) holders.push(d);
    p.holders = holders;
    const from = holders[holders.length - 1] ?? inside[inside.length - 1];
    let view: Allocation | undefined;
    for (const d of inside) {
      const a = allocationIn(p, d);
      d.block.allocations.push(a);
      if (d === from) view = a;
    }
    if (view === undefined) {
      view = outsideView(p);
      outside.push(view);
    }
    views.set(p.text, view);
  }
  return { views, outside };
}

function outsideView(p: ParsedIP): Allocation {
  return { ...ownerPart(p), ip: p.text, offset: 0n, position: 0, band: "none", reserved: false, heldBy: null, blocking: false };
}

function finishBlock(d: Draft): void {
  const b = d.block;
  const c = b.counts;
  c.capacity = b.usable?.size ?? 0n;
  c.static.capacity = b.static?.size ?? 0n;
  c.dynamic.capacity = b.dynamic?.size ?? 0n;
  for (const a of b.allocations) {
    if (a.band === "none") continue;
    c.used++;
    c[a.band].used++;
  }
  for (const n of [c, c.static, c.dynamic]) n.free = n.capacity - BigInt(n.used);
  b.blockers = [...new Set(b.members.flatMap((m) => m.blockers))];
  if (!b.dense) b.cells = buildCells(d);
}

/** One cell per address; only reached for blocks of at most MAX_CELLS addresses. */
function buildCells(d: Draft): Cell[] {
  const byOffset = new Map<bigint, Allocation>();
  for (const a of d.block.allocations) byOffset.set(a.offset, a);
  const cells: Cell[] = [];
  const n = Number(d.block.size);
  for (let i = 0; i < n; i++) {
    const offset = BigInt(i);
    const a = byOffset.get(offset);
    const reserved = isReservedOffset(d.cidr, offset) !== null;
    const cell: Cell = {
      ip: a?.ip ?? d.cidr.nth(offset).toString(),
      offset: i,
      state: reserved ? "reserved" : a ? "allocated" : "free",
      band: bandOf(d.bands, offset),
    };
    // A hand-made IPAddress may sit on a reserved address: the cell stays reserved but names it.
    if (a) Object.assign(cell, { owner: a.owner, role: a.role, handMade: a.handMade, blocking: a.blocking });
    cells.push(cell);
  }
  return cells;
}

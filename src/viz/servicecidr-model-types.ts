/**
 * The ServiceCIDR map's layout model: what buildServiceCIDRModel derives from a snapshot and what the
 * renderer and the text twin draw. It holds no DOM and no functions, so tests compare it directly.
 *
 * Offsets and sizes are bigint because an IPv6 /64 holds 2^64 addresses; `position` (offset / size) is
 * the float the density strip needs and is only ever used for drawing.
 */
import type { Family } from "../net/index.ts";

export type Phase = "ready" | "terminating";
export type CellState = "allocated" | "free" | "reserved";
export type BandName = "static" | "dynamic" | "none";
export type Role = "kubernetes" | "kube-dns" | "service";

/** An inclusive address range inside a block; offsets count from the block's network address. */
export interface AddressRange {
  first: string;
  last: string;
  firstOffset: bigint;
  lastOffset: bigint;
  size: bigint;
}

export interface ReadyCondition {
  status: "True" | "False" | "Unknown";
  reason: string;
  message: string;
}

/** One ServiceCIDR object's part in a block (a dual-stack ServiceCIDR is a member of two blocks). */
export interface ServiceCIDRMember {
  name: string;
  phase: Phase;
  deletionTimestamp: string | null;
  ready: ReadyCondition | null;
  finalizers: string[];
  /** Every CIDR of the object, in spec order. */
  cidrs: string[];
  /** Allocated IPs (inside this block) that keep this terminating ServiceCIDR from going away. */
  blockers: string[];
}

export interface Owner {
  /** `namespace/name` of the parent, or "hand-made" for an IPAddress without the managed-by label. */
  owner: string;
  role: Role;
  handMade: boolean;
  /** `resource/namespace/name` as `kubectl get ipaddress` prints it; null when the object has none. */
  parentRef: string | null;
  /** The parent Service's type when the snapshot holds that Service. */
  serviceType: string | null;
}

/** An allocated IP (an IPAddress object) as seen from one block. */
export interface Allocation extends Owner {
  ip: string;
  offset: bigint;
  /** offset / size, 0..1 (a float, for drawing only): where the density strip draws it. */
  position: number;
  band: BandName;
  /** The IP is this block's network or broadcast address (only hand-made objects can sit there). */
  reserved: boolean;
  /** Id of the smallest ServiceCIDR block that can hand this IP out; null when none can. */
  heldBy: string | null;
  /** It keeps a terminating ServiceCIDR from going away. */
  blocking: boolean;
}

export interface Cell {
  ip: string;
  offset: number;
  state: CellState;
  band: BandName;
  owner?: string;
  role?: Role;
  handMade?: boolean;
  blocking?: boolean;
}

export interface ReservedAddress {
  ip: string;
  offset: bigint;
  kind: "network" | "broadcast";
}

export interface BandCount {
  capacity: bigint;
  used: number;
  free: bigint;
}

export interface BlockCounts extends BandCount {
  static: BandCount;
  dynamic: BandCount;
}

/** One CIDR, shared by every ServiceCIDR that names it. */
export interface BlockModel {
  /** The CIDR text: unique in a model, and the key renderers join on. */
  id: string;
  cidr: string;
  family: Family;
  prefix: number;
  network: bigint;
  size: bigint;
  /** Names of the ServiceCIDRs using this CIDR, sorted. */
  names: string[];
  members: ServiceCIDRMember[];
  /** Terminating only when every member is: one live member keeps the allocator ready. */
  phase: Phase;
  /** The condition of the first member in the block's phase. */
  ready: ReadyCondition | null;
  finalizers: string[];
  /** The allocator refuses IPv6 prefixes shorter than /64 (the ServiceCIDR exists but never yields IPs). */
  allocatable: boolean;
  usable: AddressRange | null;
  static: AddressRange | null;
  dynamic: AddressRange | null;
  reserved: ReservedAddress[];
  /** More than 1,024 addresses: no cells, draw a density strip from `allocations`. */
  dense: boolean;
  cells: Cell[] | null;
  /** Every allocated IP inside the CIDR, by offset. */
  allocations: Allocation[];
  counts: BlockCounts;
  /** The smallest other block containing this one, and the blocks directly inside it. */
  parent: string | null;
  children: string[];
  /** The outermost block containing this one (itself when it has no parent): where it is drawn. */
  root: string;
  /** Union of the members' blockers. */
  blockers: string[];
}

export interface FamilyModel {
  family: Family;
  /** By prefix (widest first), then first name, then network. */
  blocks: BlockModel[];
  /** Allocated IPs that no block can hand out (for example after a ServiceCIDR was force-deleted). */
  outside: Allocation[];
}

export interface ServiceCIDRModel {
  /** IPv4 first; a family appears only when it has blocks or allocated IPs. */
  families: FamilyModel[];
  /** Every allocated IP once, seen from the block that holds it (or from nowhere), keyed by IP text. */
  allocations: ReadonlyMap<string, Allocation>;
}

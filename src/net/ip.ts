// IP addresses as Kubernetes validates them.
//
// Parsing is hand-written rather than delegated to ipaddr.js: ipaddr.js accepts
// inet_aton forms (`10.1`, `0x0a.0.0.1`, `010.0.0.1` read as OCTAL, `4294967295`),
// zones, and reads `::1.2.3.4` as `::ffff:1.2.3.4`, so every rule below would
// have to be re-checked on the raw text anyway. The scanner instead follows the
// two Go parsers Kubernetes layers on top of each other:
//   - k8s.io/utils/net ParseIPSloppy (a frozen copy of Go 1.16 net.ParseIP),
//     which decides "invalid" vs. parseable, and
//   - Go net/netip ParseAddr, which additionally rejects leading zeros.
// See k8s.io/apimachinery/pkg/util/validation/ip.go (IsValidIP, GetWarningsForIP).

export type Family = "IPv4" | "IPv6";
export type IPProblem = "invalid" | "leading-zeros" | "ipv4-mapped" | "non-canonical";

export interface IPParseResult {
  ip: IP | null;
  problem: IPProblem | null;
  /** Preferred spelling (what Kubernetes' warning suggests); set whenever `ip` is. */
  canonical?: string;
}

const MAX4 = (1n << 32n) - 1n;
const MAX6 = (1n << 128n) - 1n;

const maxFor = (family: Family): bigint => (family === "IPv4" ? MAX4 : MAX6);

export class IP {
  readonly family: Family;
  readonly value: bigint;

  private constructor(value: bigint, family: Family) {
    this.family = family;
    this.value = value;
    Object.freeze(this);
  }

  static fromBigInt(value: bigint, family: Family): IP {
    if (family !== "IPv4" && family !== "IPv6") {
      throw new RangeError(`unknown IP family ${String(family)}`);
    }
    if (value < 0n || value > maxFor(family)) {
      throw new RangeError(`${value} is out of range for ${family}`);
    }
    return new IP(value, family);
  }

  static parse(text: string): IP {
    const r = parseIPDetailed(text);
    if (r.ip === null || r.problem !== null) {
      const hint = r.canonical !== undefined ? ` (use "${r.canonical}")` : "";
      throw new Error(`${JSON.stringify(text)} is not a valid IP address (${r.problem})${hint}`);
    }
    return r.ip;
  }

  static tryParse(text: string): IP | null {
    const r = parseIPDetailed(text);
    return r.problem === null ? r.ip : null;
  }

  get bits(): 32 | 128 {
    return this.family === "IPv4" ? 32 : 128;
  }

  // Private fields are not properties, so the frozen object can still remember its text.
  #text: string | undefined;

  toString(): string {
    return (this.#text ??= this.family === "IPv4" ? formatIPv4(this.value) : formatIPv6(this.value));
  }

  equals(other: IP): boolean {
    return this.family === other.family && this.value === other.value;
  }

  // Same order as Go net/netip Addr.Compare: shorter addresses first.
  compare(other: IP): number {
    if (this.family !== other.family) return this.family === "IPv4" ? -1 : 1;
    if (this.value === other.value) return 0;
    return this.value < other.value ? -1 : 1;
  }

  add(n: bigint): IP {
    const v = this.value + n;
    if (v < 0n || v > maxFor(this.family)) {
      throw new RangeError(`${this.toString()} + ${n} leaves the ${this.family} address space`);
    }
    return new IP(v, this.family);
  }

  // The predicates below copy Go net/netip (netip.go), including its habit of
  // unmapping ::ffff:a.b.c.d first, so CEL's ip library can match Kubernetes.

  isLoopback(): boolean {
    const [fam, v] = unmap(this);
    return fam === "IPv4" ? v >> 24n === 127n : v === 1n;
  }

  // netip compares against both unspecified addresses without unmapping, so
  // ::ffff:0.0.0.0 is NOT unspecified.
  isUnspecified(): boolean {
    return this.value === 0n;
  }

  isLinkLocalUnicast(): boolean {
    const [fam, v] = unmap(this);
    return fam === "IPv4" ? v >> 16n === 0xa9fen : (group0(v) & 0xffc0) === 0xfe80;
  }

  isLinkLocalMulticast(): boolean {
    const [fam, v] = unmap(this);
    return fam === "IPv4" ? v >> 8n === 0xe00000n : (group0(v) & 0xff0f) === 0xff02;
  }

  isInterfaceLocalMulticast(): boolean {
    // netip: IPv6 only, and explicitly not for IPv4-mapped addresses.
    return this.family === "IPv6" && !isIPv4Mapped(this) && (group0(this.value) & 0xff0f) === 0xff01;
  }

  isMulticast(): boolean {
    const [fam, v] = unmap(this);
    return fam === "IPv4" ? v >> 28n === 0xen : v >> 120n === 0xffn;
  }

  // netip (like package net) counts RFC 1918 and ULA space as global unicast.
  isGlobalUnicast(): boolean {
    const [fam, v] = unmap(this);
    if (fam === "IPv4" && (v === 0n || v === MAX4)) return false;
    const u = new IP(v, fam);
    return !(fam === "IPv6" && v === 0n) && !u.isLoopback() && !u.isMulticast() && !u.isLinkLocalUnicast();
  }

  isPrivate(): boolean {
    const [fam, v] = unmap(this);
    if (fam === "IPv6") return v >> 121n === 0x7en; // fc00::/7, RFC 4193
    const a = v >> 24n;
    const b = (v >> 16n) & 0xffn;
    return a === 10n || (a === 172n && (b & 0xf0n) === 16n) || (a === 192n && b === 168n);
  }
}

function group0(v: bigint): number {
  return Number(v >> 112n);
}

/** ::ffff:0:0/96, netip's Is4In6. */
export function isIPv4Mapped(ip: IP): boolean {
  return ip.family === "IPv6" && ip.value >> 32n === 0xffffn;
}

function unmap(ip: IP): [Family, bigint] {
  return isIPv4Mapped(ip) ? ["IPv4", ip.value & MAX4] : [ip.family, ip.value];
}

function formatIPv4(v: bigint): string {
  const n = Number(v & MAX4);
  return `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
}

// RFC 5952 section 4, as Go net/netip appendTo6 does it: compress the longest
// run of two or more zero groups, the first such run on ties. Unlike netip we do
// not print IPv4-mapped addresses as ::ffff:a.b.c.d (they are rejected as input
// anyway); this keeps the output pure hex.
function formatIPv6(v: bigint): string {
  const g: number[] = [];
  for (let i = 7; i >= 0; i--) g.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  let start = -1;
  let len = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > len) {
      start = i;
      len = j - i;
    }
  }
  const hex = (xs: number[]): string => xs.map((x) => x.toString(16)).join(":");
  if (start < 0) return hex(g);
  return `${hex(g.slice(0, start))}::${hex(g.slice(start + len))}`;
}

/** @internal What Kubernetes suggests for a value: the bare IPv4 for a mapped address (Go net.IP.String). */
export function suggestedText(ip: IP): string {
  return isIPv4Mapped(ip) ? formatIPv4(ip.value & MAX4) : ip.toString();
}

interface Scanned {
  value: bigint;
  family: Family;
  leadingZeros: boolean;
}

const DIGITS = /^[0-9]+$/;
const HEX_PREFIX = /^[0-9a-fA-F]+/;

// Go 1.16 net.parseIPv4 (and dtoi): exactly four decimal fields of any length
// whose value is <= 255. netip.parseIPv4Fields additionally rejects a field that
// starts with '0' and has more digits; we record that instead of failing.
function scanIPv4(s: string): { value: bigint; leadingZeros: boolean } | null {
  // A hand-rolled scan with plain numbers: this runs for every address the allocator and the views touch.
  let value = 0;
  let fields = 0;
  let field = 0;
  let digits = 0;
  let leadingZeros = false;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46; // a final "." closes the last field
    if (c >= 48 && c <= 57) {
      if (digits === 1 && field === 0) leadingZeros = true;
      field = field * 10 + (c - 48);
      digits++;
      if (field > 255) return null;
    } else if (c === 46) {
      if (digits === 0 || ++fields > 4) return null;
      value = value * 256 + field;
      field = 0;
      digits = 0;
    } else {
      return null;
    }
  }
  return fields === 4 ? { value: BigInt(value), leadingZeros } : null;
}

// Mirrors the shared loop of Go 1.16 net.parseIPv6 and netip.parseIPv6. The
// only accept/reject difference besides zones is group width: the old xtoi
// takes any number of hex digits with value <= 0xffff ("00001::"), netip takes
// at most four, so a wider group is Kubernetes' "leading zeros" case too.
function scanIPv6(s: string): { value: bigint; leadingZeros: boolean } | null {
  const groups: number[] = [];
  let ellipsis = -1;
  let leadingZeros = false;
  let rest = s;
  if (rest.startsWith("::")) {
    ellipsis = 0;
    rest = rest.slice(2);
    if (rest === "") return { value: 0n, leadingZeros };
  }
  while (groups.length < 8) {
    const m = HEX_PREFIX.exec(rest);
    if (m === null) return null;
    const digits = m[0];
    if (rest[digits.length] === ".") {
      // The dotted quad must be the last 32 bits, unless "::" can make room.
      if ((ellipsis < 0 && groups.length !== 6) || groups.length > 6) return null;
      const v4 = scanIPv4(rest);
      if (v4 === null) return null;
      leadingZeros ||= v4.leadingZeros;
      groups.push(Number(v4.value >> 16n), Number(v4.value & 0xffffn));
      rest = "";
      break;
    }
    const n = parseInt(digits, 16);
    if (n > 0xffff) return null;
    if (digits.length > 4) leadingZeros = true;
    groups.push(n);
    rest = rest.slice(digits.length);
    if (rest === "") break;
    if (rest[0] !== ":" || rest.length === 1) return null;
    rest = rest.slice(1);
    if (rest[0] === ":") {
      if (ellipsis >= 0) return null;
      ellipsis = groups.length;
      rest = rest.slice(1);
      if (rest === "") break;
    }
  }
  if (rest !== "") return null;
  if (groups.length < 8) {
    if (ellipsis < 0) return null;
    groups.splice(ellipsis, 0, ...new Array<number>(8 - groups.length).fill(0));
  } else if (ellipsis >= 0) {
    return null; // "::" must stand for at least one group
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return { value, leadingZeros };
}

// Go 1.16 net.ParseIP picks the family from the first '.' or ':'. A zone
// ("%eth0") is never accepted because ParseIPSloppy rejects it.
function scanIP(text: string): Scanned | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      const r = scanIPv4(text);
      return r && { value: r.value, leadingZeros: r.leadingZeros, family: "IPv4" };
    }
    if (c === 58 /* : */) {
      const r = scanIPv6(text);
      return r && { value: r.value, leadingZeros: r.leadingZeros, family: "IPv6" };
    }
  }
  return null;
}

/** @internal The sloppy reading plus whether strict (netip) parsing would have refused it. */
export function scanAddress(text: string): { ip: IP; leadingZeros: boolean } | null {
  const s = scanIP(text);
  return s && { ip: IP.fromBigInt(s.value, s.family), leadingZeros: s.leadingZeros };
}

// Results are immutable (IP is frozen), so the texts seen most often are parsed once.
const parsed = new Map<string, IPParseResult>();
const PARSE_CACHE_MAX = 16_384;

export function parseIPDetailed(text: string): IPParseResult {
  let r = parsed.get(text);
  if (r === undefined) {
    if (parsed.size >= PARSE_CACHE_MAX) parsed.clear();
    r = Object.freeze(parseIPUncached(text));
    parsed.set(text, r);
  }
  return r;
}

function parseIPUncached(text: string): IPParseResult {
  const s = scanAddress(text);
  if (s === null) return { ip: null, problem: "invalid" };
  const { ip } = s;
  // Four plain decimal fields without leading zeros are already canonical IPv4.
  if (ip.family === "IPv4" && !s.leadingZeros && text.indexOf(":") < 0) return { ip, problem: null, canonical: text };
  const canonical = suggestedText(ip);
  if (s.leadingZeros) return { ip, problem: "leading-zeros", canonical };
  if (isIPv4Mapped(ip)) return { ip, problem: "ipv4-mapped", canonical };
  return { ip, problem: canonical === text ? null : "non-canonical", canonical };
}

export function isIPv4String(text: string): boolean {
  return text.includes(".") && !text.includes(":");
}

/**
 * netutils.ParseIPSloppy then servicecidr.IPToAddr (k8s.io/kubernetes/pkg/registry/core/service/ipallocator):
 * leading zeros read as decimal and an IPv4-mapped IPv6 address (::ffff:10.96.0.9) taken as the IPv4
 * address. This is the address the ClusterIP allocator hands out and names the IPAddress object after.
 */
export function parseIPSloppy(text: string): IP | null {
  const ip = parseIPDetailed(text).ip;
  if (!ip) return null;
  return isIPv4Mapped(ip) ? IP.fromBigInt(ip.value & 0xffffffffn, "IPv4") : ip;
}

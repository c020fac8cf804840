// CIDR blocks as Kubernetes validates them.
//
// Classification mirrors k8s.io/apimachinery/pkg/util/validation/ip.go
// (IsValidCIDR, GetWarningsForCIDR): k8s.io/utils/net ParseCIDRSloppy (Go 1.16
// net.ParseCIDR) decides what is parseable at all, Go net/netip ParsePrefix
// decides what is strictly valid, and the remaining warnings are host bits and
// non-canonical IPv6 text. All arithmetic is on bigint so a /0 IPv6 block costs
// the same as a /32.

import { IP, isIPv4Mapped, scanAddress, suggestedText, type Family } from "./ip.ts";

export type CIDRProblem = "invalid" | "leading-zeros" | "ipv4-mapped" | "host-bits" | "non-canonical";

export interface CIDRParseResult {
  /** The block with host bits cleared; null only when the problem is "invalid". */
  cidr: CIDR | null;
  problem: CIDRProblem | null;
  /** Preferred spelling (what Kubernetes' warning suggests); set whenever `cidr` is. */
  canonical?: string;
  /** The address exactly as written, before masking. */
  ip?: IP | null;
}

export class CIDR {
  readonly network: IP;
  readonly prefix: number;

  // Kept as private fields (not properties) so they survive the freeze and stay out of comparisons.
  readonly #hostBits: bigint;
  readonly #size: bigint;

  private constructor(network: IP, prefix: number) {
    this.network = network;
    this.prefix = prefix;
    this.#hostBits = BigInt(network.bits - prefix);
    this.#size = 1n << this.#hostBits;
    Object.freeze(this);
  }

  get family(): Family {
    return this.network.family;
  }

  get bits(): 32 | 128 {
    return this.network.bits;
  }

  private get hostBits(): bigint {
    return this.#hostBits;
  }

  static parse(text: string): CIDR {
    const r = parseCIDRDetailed(text);
    if (r.cidr === null || r.problem !== null) {
      const hint = r.canonical !== undefined ? ` (use "${r.canonical}")` : "";
      throw new Error(`${JSON.stringify(text)} is not a valid CIDR (${r.problem})${hint}`);
    }
    return r.cidr;
  }

  static tryParse(text: string): CIDR | null {
    const r = parseCIDRDetailed(text);
    return r.problem === null ? r.cidr : null;
  }

  static of(ip: IP, prefix: number): CIDR {
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > ip.bits) {
      throw new RangeError(`prefix length ${prefix} is out of range for ${ip.family}`);
    }
    const host = BigInt(ip.bits - prefix);
    return new CIDR(IP.fromBigInt((ip.value >> host) << host, ip.family), prefix);
  }

  size(): bigint {
    return this.#size;
  }

  first(): IP {
    return this.network;
  }

  last(): IP {
    return this.network.add(this.size() - 1n);
  }

  nth(n: bigint): IP {
    if (n < 0n || n >= this.size()) {
      throw new RangeError(`index ${n} is outside ${this.toString()} (size ${this.size()})`);
    }
    return this.network.add(n);
  }

  offsetOf(ip: IP): bigint {
    if (!this.contains(ip)) {
      throw new RangeError(`${ip.toString()} is not inside ${this.toString()}`);
    }
    return ip.value - this.network.value;
  }

  contains(ip: IP): boolean {
    return ip.family === this.family && ip.value >> this.hostBits === this.network.value >> this.hostBits;
  }

  containsCIDR(other: CIDR): boolean {
    return other.family === this.family && other.prefix >= this.prefix && this.contains(other.network);
  }

  // Two aligned blocks either nest or are disjoint, so overlap is containment
  // one way or the other.
  overlaps(other: CIDR): boolean {
    return this.containsCIDR(other) || other.containsCIDR(this);
  }

  equals(other: CIDR): boolean {
    return this.prefix === other.prefix && this.network.equals(other.network);
  }

  toString(): string {
    return `${this.network.toString()}/${this.prefix}`;
  }
}

// Go's net.IPNet.String() prints an IPv4-mapped block of /96 or longer as the
// plain IPv4 block, which is what Kubernetes' warning then recommends.
function suggestedCIDRText(cidr: CIDR): string {
  if (cidr.prefix >= 96 && isIPv4Mapped(cidr.network)) {
    return `${suggestedText(cidr.network)}/${cidr.prefix - 96}`;
  }
  return cidr.toString();
}

const DIGITS = /^[0-9]+$/;

export function parseCIDRDetailed(text: string): CIDRParseResult {
  const invalid: CIDRParseResult = { cidr: null, problem: "invalid", ip: null };
  // Go 1.16 net.ParseCIDR splits at the first '/'; anything after a second one
  // then fails the digits check, just as netip's last-'/' split fails the address.
  const slash = text.indexOf("/");
  if (slash < 0) return invalid;
  const addr = scanAddress(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  // dtoi: unsigned decimal, no sign, at least one digit, any number of zeros.
  if (addr === null || !DIGITS.test(prefixText)) return invalid;
  const { ip } = addr;
  const prefix = parseInt(prefixText, 10);
  // A zone can never get here: scanAddress rejects it, matching netip.ParsePrefix
  // (go.dev/issue/51899) and ParseCIDRSloppy.
  if (prefix > ip.bits) return invalid;

  const cidr = CIDR.of(ip, prefix);
  const canonical = suggestedCIDRText(cidr);
  const base = { cidr, canonical, ip };
  // netip.ParsePrefix refuses "/024" ("bad bits after slash") where dtoi reads 24.
  const prefixLeadingZero = prefixText.length > 1 && prefixText[0] === "0";
  if (addr.leadingZeros || prefixLeadingZero) return { ...base, problem: "leading-zeros" };
  if (isIPv4Mapped(ip)) return { ...base, problem: "ipv4-mapped" };
  if (!cidr.network.equals(ip)) return { ...base, problem: "host-bits" };
  return { ...base, problem: cidr.toString() === text ? null : "non-canonical" };
}

/**
 * The CEL values `net.IP` and `net.CIDR` (k8s.io/apiserver/pkg/cel/ip.go, cidr.go): a Go netip.Addr and
 * a netip.Prefix. A CIDR keeps its address exactly as written (`cidr('192.168.0.1/24').ip()` is
 * 192.168.0.1), because netip.ParsePrefix does not mask; `masked()` is where host bits go.
 */
import { IP } from "../net/index.ts";

export class CelIP {
  readonly #ip: IP;

  constructor(ip: IP) {
    this.#ip = ip;
  }

  get ip(): IP {
    return this.#ip;
  }

  equals(other: CelIP): boolean {
    return this.#ip.equals(other.#ip);
  }

  /** Addr.String(): lowercase, RFC 5952 `::` compression. */
  toString(): string {
    return this.#ip.toString();
  }
}

export class CelCIDR {
  readonly #ip: IP;
  readonly #bits: number;

  constructor(ip: IP, bits: number) {
    this.#ip = ip;
    this.#bits = bits;
  }

  get ip(): IP {
    return this.#ip;
  }

  get bits(): number {
    return this.#bits;
  }

  /** Prefix.Masked. */
  masked(): CelCIDR {
    return new CelCIDR(maskIP(this.#ip, this.#bits), this.#bits);
  }

  /** Prefix.Contains: another family never matches. */
  containsIP(ip: IP): boolean {
    return ip.family === this.#ip.family && maskIP(ip, this.#bits).equals(maskIP(this.#ip, this.#bits));
  }

  /**
   * cidr.go cidrContainsCIDR after kubernetes/kubernetes#130450 (1.33): the other prefix, masked to this
   * one's length, equals this one masked, and this one is not longer.
   */
  containsCIDR(other: CelCIDR): boolean {
    if (other.#ip.family !== this.#ip.family) return false;
    return maskIP(other.#ip, this.#bits).equals(maskIP(this.#ip, this.#bits)) && this.#bits <= other.#bits;
  }

  /** Prefix equality: address as written and length (so 192.168.0.1/24 != 192.168.0.0/24). */
  equals(other: CelCIDR): boolean {
    return this.#bits === other.#bits && this.#ip.equals(other.#ip);
  }

  /** Prefix.String(): not masked. */
  toString(): string {
    return `${this.#ip.toString()}/${this.#bits}`;
  }
}

function maskIP(ip: IP, bits: number): IP {
  const host = BigInt(ip.bits - bits);
  return IP.fromBigInt((ip.value >> host) << host, ip.family);
}

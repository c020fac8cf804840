/**
 * Go's net/netip ParseAddr and ParsePrefix, ported for their error text. The Kubernetes CEL ip and
 * cidr libraries (k8s.io/apiserver/pkg/cel/library/ip.go, cidr.go) hand these errors to the learner
 * verbatim, e.g. `ParseAddr("10.0.0"): IPv4 address too short`, so src/net's parser (which only says
 * valid or not, the way validation needs) is not enough here. Source: go/src/net/netip/netip.go
 * (Go 1.24, which kube-apiserver v1.34 is built with).
 */
import { goQuote } from "../apiserver/machinery/gofmt.ts";

/** A parsed netip.Addr: 32-bit value for IPv4, 128-bit for IPv6 (IPv4-mapped stays IPv6, as in Go). */
export interface NetipAddr {
  readonly is4: boolean;
  readonly value: bigint;
  readonly zone: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

class ParseAddrError {
  constructor(
    readonly input: string,
    readonly msg: string,
    readonly at = "",
  ) {}

  toString(): string {
    const base = `ParseAddr(${goQuote(this.input)}): ${this.msg}`;
    return this.at ? `${base} (at ${goQuote(this.at)})` : base;
  }
}

/** parseIPv4Fields: `in` is the whole input (errors quote it), s = in[off:end]. */
function parseIPv4Fields(input: string, off: number, end: number): number[] | ParseAddrError {
  const s = input.slice(off, end);
  const fields = [0, 0, 0, 0];
  let val = 0;
  let pos = 0;
  let digLen = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digLen === 1 && val === 0) return new ParseAddrError(input, "IPv4 field has octet with leading zero");
      val = val * 10 + (c - 48);
      digLen++;
      if (val > 255) return new ParseAddrError(input, "IPv4 field has value >255");
    } else if (c === 46) {
      if (i === 0 || i === s.length - 1 || s[i - 1] === ".") {
        return new ParseAddrError(input, "IPv4 field must have at least one digit", s.slice(i));
      }
      if (pos === 3) return new ParseAddrError(input, "IPv4 address too long");
      fields[pos++] = val;
      val = 0;
      digLen = 0;
    } else {
      return new ParseAddrError(input, "unexpected character", s.slice(i));
    }
  }
  if (pos < 3) return new ParseAddrError(input, "IPv4 address too short");
  fields[3] = val;
  return fields;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function parseIPv6(input: string): NetipAddr | ParseAddrError {
  let s = input;
  let zone = "";
  const pct = s.indexOf("%");
  if (pct !== -1) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === "") return new ParseAddrError(input, "zone must be a non-empty string");
  }
  const ip = new Array<number>(16).fill(0);
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ":" && s[1] === ":") {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return { is4: false, value: 0n, zone };
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const h = hexValue(s.charCodeAt(off));
      if (h < 0) break;
      acc = acc * 16 + h;
      // golang/go#57760: a group of more than four digits is refused even when its value fits.
      if (off > 3) return new ParseAddrError(input, "each group must have 4 or less digits", s);
      if (acc > 0xffff) return new ParseAddrError(input, "IPv6 field has value >=2^16", s);
    }
    if (off === 0) return new ParseAddrError(input, "each colon-separated field must have at least one digit", s);
    if (off < s.length && s[off] === ".") {
      if (ellipsis < 0 && i !== 12) {
        return new ParseAddrError(input, "embedded IPv4 address must replace the final 2 fields of the address", s);
      }
      if (i + 4 > 16) return new ParseAddrError(input, "too many hex fields to fit an embedded IPv4 at the end of the address", s);
      let end = input.length;
      if (zone.length > 0) end -= zone.length + 1;
      const v4 = parseIPv4Fields(input, end - s.length, end);
      if (v4 instanceof ParseAddrError) return v4;
      for (let k = 0; k < 4; k++) ip[i + k] = v4[k]!;
      s = "";
      i += 4;
      break;
    }
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    s = s.slice(off);
    if (s.length === 0) break;
    if (s[0] !== ":") return new ParseAddrError(input, "unexpected character, want colon", s);
    if (s.length === 1) return new ParseAddrError(input, "colon must be followed by more characters", s);
    s = s.slice(1);
    if (s[0] === ":") {
      if (ellipsis >= 0) return new ParseAddrError(input, "multiple :: in address", s);
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) return new ParseAddrError(input, "trailing garbage after address", s);
  if (i < 16) {
    if (ellipsis < 0) return new ParseAddrError(input, "address string too short");
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j]!;
    for (let j = ellipsis; j < ellipsis + n; j++) ip[j] = 0;
  } else if (ellipsis >= 0) {
    return new ParseAddrError(input, "the :: must expand to at least one field of zeros");
  }
  let value = 0n;
  for (const b of ip) value = (value << 8n) | BigInt(b);
  return { is4: false, value, zone };
}

/** netip.ParseAddr. */
export function parseAddr(s: string): Parsed<NetipAddr> {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ".") {
      const f = parseIPv4Fields(s, 0, s.length);
      if (f instanceof ParseAddrError) return { ok: false, error: f.toString() };
      return { ok: true, value: { is4: true, value: BigInt(((f[0]! << 24) >>> 0) + (f[1]! << 16) + (f[2]! << 8) + f[3]!), zone: "" } };
    }
    if (c === ":") {
      const r = parseIPv6(s);
      return r instanceof ParseAddrError ? { ok: false, error: r.toString() } : { ok: true, value: r };
    }
    if (c === "%") return { ok: false, error: new ParseAddrError(s, "missing IPv6 address").toString() };
  }
  return { ok: false, error: new ParseAddrError(s, "unable to parse IP").toString() };
}

/** Addr.Is4In6: ::ffff:0:0/96. */
export function is4In6(a: NetipAddr): boolean {
  return !a.is4 && a.value >> 32n === 0xffffn;
}

export interface NetipPrefix {
  readonly addr: NetipAddr;
  readonly bits: number;
}

/** netip.ParsePrefix; the address part keeps its host bits, as Go does. */
export function parsePrefix(s: string): Parsed<NetipPrefix> {
  const fail = (msg: string): Parsed<NetipPrefix> => ({ ok: false, error: `netip.ParsePrefix(${goQuote(s)}): ${msg}` });
  const slash = s.lastIndexOf("/");
  if (slash < 0) return fail("no '/'");
  const addr = parseAddr(s.slice(0, slash));
  if (!addr.ok) return fail(addr.error);
  // IPv6 zones are not allowed: https://go.dev/issue/51899
  if (!addr.value.is4 && addr.value.zone !== "") return fail("IPv6 zones cannot be present in a prefix");
  const bitsStr = s.slice(slash + 1);
  const bad = () => fail(`bad bits after slash: ${goQuote(bitsStr)}`);
  // strconv.Atoi accepts a leading sign and leading zeroes; netip does not.
  if (bitsStr.length > 1 && (bitsStr[0]! < "1" || bitsStr[0]! > "9")) return bad();
  if (!/^[+-]?[0-9]+$/.test(bitsStr) || BigInt(bitsStr) > 0x7fffffffffffffffn) return bad();
  const bits = Number(bitsStr);
  const maxBits = addr.value.is4 ? 32 : 128;
  if (bits < 0 || bits > maxBits) return fail("prefix length out of range");
  return { ok: true, value: { addr: addr.value, bits } };
}

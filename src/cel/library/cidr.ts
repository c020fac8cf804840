/**
 * The Kubernetes CEL CIDR library (`net.cidr`, k8s.io/apiserver/pkg/cel/library/cidr.go): cidr(),
 * isCIDR() and the net.CIDR methods. Quirks kept on purpose because learners meet them on a real
 * cluster: the parse error text carries its prefix twice, host bits are kept (not refused) until
 * masked(), and containsIP() of an unparsable string says only "no such overload".
 */
import type { Environment } from "@marcbachmann/cel-js";
import { IP } from "../../net/index.ts";
import { goQuote } from "../../apiserver/machinery/gofmt.ts";
import { CelCIDR, CelIP } from "../net-values.ts";
import { is4In6, parsePrefix } from "../netip.ts";
import { celError, NO_SUCH_OVERLOAD } from "./errors.ts";
import { parseIPAddr } from "./ip.ts";

const PREFIX = "network address parse error during conversion from string: ";

/** parseCIDR (cidr.go): the CIDR, or its error (which stringToCIDR prefixes once more). */
export function parseCIDR(raw: string): CelCIDR | string {
  const r = parsePrefix(raw);
  if (!r.ok) return `${PREFIX}${r.error}`;
  if (is4In6(r.value.addr)) return `IPv4-mapped IPv6 address ${goQuote(raw)} is not allowed`;
  return new CelCIDR(IP.fromBigInt(r.value.addr.value, r.value.addr.is4 ? "IPv4" : "IPv6"), r.value.bits);
}

export function stringToCIDR(raw: string): CelCIDR {
  const r = parseCIDR(raw);
  if (typeof r === "string") throw celError(`${PREFIX}${r}`);
  return r;
}

export function registerCIDRLibrary(env: Environment): void {
  env
    .registerType("net.CIDR", { ctor: CelCIDR, fields: {} })
    .registerFunction("cidr(string): net.CIDR", (s: string) => stringToCIDR(s))
    .registerFunction("isCIDR(string): bool", (s: string) => typeof parseCIDR(s) !== "string")
    .registerFunction("net.CIDR.containsIP(string): bool", (c: CelCIDR, s: string) => {
      // cidrContainsIPString passes the parse error on as a value, and cidrContainsIP then answers
      // MaybeNoSuchOverloadErr(arg) about the CIDR: the IP's own error text is lost.
      const ip = parseIPAddr(s);
      if (typeof ip === "string") throw celError(NO_SUCH_OVERLOAD);
      return c.containsIP(ip.ip);
    })
    .registerFunction("net.CIDR.containsIP(net.IP): bool", (c: CelCIDR, ip: CelIP) => c.containsIP(ip.ip))
    .registerFunction("net.CIDR.containsCIDR(string): bool", (c: CelCIDR, s: string) => c.containsCIDR(stringToCIDR(s)))
    .registerFunction("net.CIDR.containsCIDR(net.CIDR): bool", (c: CelCIDR, o: CelCIDR) => c.containsCIDR(o))
    .registerFunction("net.CIDR.ip(): net.IP", (c: CelCIDR) => new CelIP(c.ip))
    .registerFunction("net.CIDR.masked(): net.CIDR", (c: CelCIDR) => c.masked())
    .registerFunction("net.CIDR.prefixLength(): int", (c: CelCIDR) => BigInt(c.bits))
    .registerFunction("string(net.CIDR): string", (c: CelCIDR) => c.toString())
    .registerOperator("net.CIDR == net.CIDR", (a: CelCIDR, b: CelCIDR) => a.equals(b));
}

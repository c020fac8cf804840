/**
 * The Kubernetes CEL IP library (`kubernetes.net.ip`, k8s.io/apiserver/pkg/cel/library/ip.go): ip(),
 * isIP(), ip.isCanonical() and the net.IP methods, with the same parse rules (netip.ParseAddr, then no
 * zone and no IPv4-mapped IPv6) and the same error text.
 */
import type { Environment } from "@marcbachmann/cel-js";
import { IP } from "../../net/index.ts";
import { goQuote } from "../../apiserver/machinery/gofmt.ts";
import { CelIP } from "../net-values.ts";
import { is4In6, parseAddr } from "../netip.ts";
import { celError } from "./errors.ts";

/** parseIPAddr (ip.go): the error text, or the address. */
export function parseIPAddr(raw: string): CelIP | string {
  const r = parseAddr(raw);
  if (!r.ok) return `IP Address ${goQuote(raw)} parse error during conversion from string: ${r.error}`;
  if (r.value.zone !== "") return `IP address ${goQuote(raw)} with zone value is not allowed`;
  if (is4In6(r.value)) return `IPv4-mapped IPv6 address ${goQuote(raw)} is not allowed`;
  return new CelIP(IP.fromBigInt(r.value.value, r.value.is4 ? "IPv4" : "IPv6"));
}

/** stringToIP: the value, or a thrown library error. */
export function stringToIP(raw: string): CelIP {
  const r = parseIPAddr(raw);
  if (typeof r === "string") throw celError(r);
  return r;
}

/** The receiver of `ip.isCanonical(...)`: CEL names that function with a dot, cel-js needs a value. */
export class IPNamespace {}

export function registerIPLibrary(env: Environment): void {
  env
    .registerType("net.IP", { ctor: CelIP, fields: {} })
    .registerType("kubernetes.ipLibrary", { ctor: IPNamespace, fields: {} })
    .registerConstant("ip", "kubernetes.ipLibrary", new IPNamespace())
    .registerFunction("ip(string): net.IP", (s: string) => stringToIP(s))
    .registerFunction("isIP(string): bool", (s: string) => typeof parseIPAddr(s) !== "string")
    // Addr.String() always returns the canonical form, so comparing it with the input tells.
    .registerFunction("kubernetes.ipLibrary.isCanonical(string): bool", (_ns: IPNamespace, s: string) => stringToIP(s).toString() === s)
    .registerFunction("net.IP.family(): int", (ip: CelIP) => (ip.ip.family === "IPv4" ? 4n : 6n))
    .registerFunction("net.IP.isUnspecified(): bool", (ip: CelIP) => ip.ip.isUnspecified())
    .registerFunction("net.IP.isLoopback(): bool", (ip: CelIP) => ip.ip.isLoopback())
    .registerFunction("net.IP.isLinkLocalMulticast(): bool", (ip: CelIP) => ip.ip.isLinkLocalMulticast())
    .registerFunction("net.IP.isLinkLocalUnicast(): bool", (ip: CelIP) => ip.ip.isLinkLocalUnicast())
    .registerFunction("net.IP.isGlobalUnicast(): bool", (ip: CelIP) => ip.ip.isGlobalUnicast())
    .registerFunction("string(net.IP): string", (ip: CelIP) => ip.toString())
    .registerOperator("net.IP == net.IP", (a: CelIP, b: CelIP) => a.equals(b));
}

/**
 * IsValidIP / IsValidCIDR from k8s.io/apimachinery/pkg/util/validation/ip.go (v0.34.0): the strict
 * checks (no leading zeros, no IPv4-mapped addresses, canonical text) with their exact messages.
 */
import { field, type FieldError, type FieldPath } from "./errors.ts";
import { parseCIDRDetailed, parseIPDetailed } from "../../net/index.ts";
import { goQuote } from "./gofmt.ts";

export function ipProblems(value: string): string[] {
  const r = parseIPDetailed(value);
  switch (r.problem) {
    case null:
      return [];
    case "invalid":
      return ["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"];
    case "leading-zeros":
      return ["must not have leading 0s"];
    case "ipv4-mapped":
      return ["must not be an IPv4-mapped IPv6 address"];
    case "non-canonical":
      return [`must be in canonical form (${goQuote(r.canonical ?? "")})`];
  }
}

export function cidrProblems(value: string): string[] {
  const r = parseCIDRDetailed(value);
  switch (r.problem) {
    case null:
      return [];
    case "invalid":
      return ["must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"];
    case "leading-zeros":
      return ["must not have leading 0s in IP or prefix length"];
    case "ipv4-mapped":
      return ["must not have an IPv4-mapped IPv6 address"];
    case "host-bits":
      return ["must not have bits set beyond the prefix length"];
    case "non-canonical":
      return [`must be in canonical form (${goQuote(r.canonical ?? "")})`];
  }
}

export function isValidIP(path: FieldPath | string, value: string): FieldError[] {
  return ipProblems(value).map((m) => field.invalid(path, value, m));
}

export function isValidCIDR(path: FieldPath | string, value: string): FieldError[] {
  return cidrProblems(value).map((m) => field.invalid(path, value, m));
}

/**
 * GetWarningsForIP (k8s.io/apimachinery/pkg/util/validation/ip.go, v0.34.0), for legacy fields that
 * still accept sloppy IPs: leading zeros and IPv4-mapped addresses "will be considered invalid", and
 * non-canonical IPv6 text should be written the RFC 5952 way.
 */
export function ipWarnings(path: FieldPath | string, value: string): string[] {
  const r = parseIPDetailed(value);
  if (!r.ip) return [];
  if (r.problem === "leading-zeros" || r.problem === "ipv4-mapped") {
    return [`${String(path)}: non-standard IP address ${goQuote(value)} will be considered invalid in a future Kubernetes release: use ${goQuote(r.canonical ?? "")}`];
  }
  if (r.problem === "non-canonical" && r.ip.family === "IPv6") {
    return [`${String(path)}: IPv6 address ${goQuote(value)} should be in RFC 5952 canonical format (${goQuote(r.canonical ?? "")})`];
  }
  return [];
}

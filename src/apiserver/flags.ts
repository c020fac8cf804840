/**
 * Command-line flags of the control-plane components, read from their static pod manifests. Parsing
 * follows pflag (`--name=value` or `--name value`); what a bad value does follows each component: an
 * unknown flag stops it before logging starts, a bad range is a runtime error in its startup.
 */
import { CIDR, parseCIDRDetailed, parseIPSloppy } from "../net/index.ts";
import { aggregate } from "./machinery/errors.ts";
import { goQuote } from "./machinery/gofmt.ts";

export class FlagError extends Error {}

export function parseArgs(args: readonly string[], known: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("-")) continue;
    const body = a.replace(/^--?/, "");
    const eq = body.indexOf("=");
    const name = eq >= 0 ? body.slice(0, eq) : body;
    if (!known.has(name)) throw new FlagError(`unknown flag: --${name}`);
    let value: string;
    if (eq >= 0) value = body.slice(eq + 1);
    else if (i + 1 < args.length && !args[i + 1]!.startsWith("-")) value = args[++i]!;
    else value = "true";
    out.set(name, value);
  }
  return out;
}

/** netutils.ParseCIDRSloppy accepts leading zeros and host bits; the range is the masked prefix. */
function sloppyCIDR(text: string): CIDR | null {
  const r = parseCIDRDetailed(text);
  return r.cidr;
}

export interface ServiceIPRanges {
  /** The flag's prefixes in canonical form, as the default ServiceCIDR controller writes and compares them. */
  cidrs: string[];
  primary: CIDR;
  secondary?: CIDR;
  warnings: string[];
}

export interface ServiceIPRangeOptions {
  /** --advertise-address: the primary service family must match it (when known). */
  advertiseAddress?: string;
  /** --feature-gates: DisableAllocatorDualWrite=false brings back the 1.33 size limit. */
  featureGates?: string;
}

/**
 * kube-apiserver's handling of --service-cluster-ip-range at startup, in its order:
 *   1. Complete() → getServiceIPAndRanges (cmd/kube-apiserver/app/options/completion.go): parses entries
 *      [0] and [1] only and sizes the primary (pkg/controlplane/apiserver/options ServiceIPRange); the
 *      first failure stops the apiserver alone.
 *   2. Validate() (cmd/kube-apiserver/app/options/validation.go): validateClusterIPFlags and
 *      validatePublicIPServiceClusterIPRangeIPFamilies; all errors joined "[a, b]".
 * The 20-bit size limit applies only without MultiCIDRServiceAllocator + DisableAllocatorDualWrite,
 * both on by default in 1.34, so a /8 is accepted unless DisableAllocatorDualWrite=false.
 */
export function parseServiceClusterIPRange(value: string | undefined, opts: ServiceIPRangeOptions = {}): ServiceIPRanges {
  const warnings: string[] = [];
  let text = value ?? "";
  if (!text) {
    warnings.push("No CIDR for service cluster IPs specified. Default value which was 10.0.0.0/24 is deprecated and will be removed in future releases. Please specify it using --service-cluster-ip-range on kube-apiserver.");
    text = "10.0.0.0/24";
  }
  // Go's strings.Split keeps surrounding spaces, and ParseCIDRSloppy refuses them.
  const parts = text.split(",");
  const primary = sloppyCIDR(parts[0]!);
  if (!primary) throw new FlagError("service-cluster-ip-range[0] is not a valid cidr");
  if (primary.size() < 8n) {
    throw new FlagError("error determining service IP ranges for primary service cidr: the service cluster IP range must be at least 8 IP addresses");
  }
  let secondary: CIDR | undefined;
  if (parts.length > 1) {
    secondary = sloppyCIDR(parts[1]!) ?? undefined;
    if (!secondary) throw new FlagError("service-cluster-ip-range[1] is not an ip net");
  }

  const errs: string[] = [];
  if (parts.length > 2) errs.push("--service-cluster-ip-range must not contain more than two entries");
  const sizeLimit = /(^|,)\s*DisableAllocatorDualWrite=false\s*(,|$)/.test(opts.featureGates ?? "");
  if (sizeLimit) {
    const tooLarge = maxCIDRRange(primary, "--service-cluster-ip-range");
    if (tooLarge) errs.push(tooLarge);
  }
  if (secondary) {
    if (secondary.family === primary.family) errs.push("--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family");
    if (sizeLimit) {
      const tooLarge = maxCIDRRange(secondary, "--service-cluster-ip-range[1]");
      if (tooLarge) errs.push(tooLarge);
    }
  }
  // The kubernetes.default Service is single-stack on the primary range; its endpoints are the
  // advertise address, so both must be of one family.
  // (netutils.IsIPv4: an IPv4-mapped address counts as IPv4, and Go prints it dotted.)
  const adv = opts.advertiseAddress ? parseIPSloppy(opts.advertiseAddress) : null;
  if (adv && adv.family !== primary.family) {
    errs.push(`service IP family ${goQuote(primary.toString())} must match public address family ${goQuote(adv.toString())}`);
  }
  if (errs.length > 0) throw new FlagError(aggregate(errs));
  // The default ServiceCIDR controller is handed the parsed net.IPNets and uses their String(): the
  // masked, canonical prefix, so a sloppy flag such as 10.96.0.1/24 still yields a valid ServiceCIDR.
  const parsed = secondary ? [primary, secondary] : [primary];
  return { cidrs: parsed.map((c) => c.toString()), primary, secondary, warnings };
}

/** validateMaxCIDRRange with maxCIDRBits = 20. */
function maxCIDRRange(c: CIDR, flag: string): string | null {
  const max = 20;
  return c.bits - c.prefix > max ? `specified ${flag} is too large; for ${c.bits}-bit addresses, the mask must be >= ${c.bits - max}` : null;
}

/** --runtime-config: `networking.k8s.io/v1beta1=true,api/all=false`; returns the group/versions turned on. */
export function parseRuntimeConfig(value: string | undefined): string[] {
  if (!value) return [];
  const on: string[] = [];
  for (const part of value.split(",")) {
    const [key, v = "true"] = part.split("=");
    if (v === "true" && key) on.push(key.trim());
  }
  return on;
}

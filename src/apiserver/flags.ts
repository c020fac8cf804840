/**
 * Command-line flags of the control-plane components, read from their static pod manifests. Parsing
 * follows pflag (`--name=value` or `--name value`); what a bad value does follows each component: an
 * unknown flag stops it before logging starts, a bad range is a runtime error in its startup.
 */
import { CIDR, parseCIDRDetailed } from "../net/index.ts";

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
  const r = parseCIDRDetailed(text.trim());
  return r.cidr;
}

export interface ServiceIPRanges {
  /** The flag's prefixes in canonical form, as the default ServiceCIDR controller writes and compares them. */
  cidrs: string[];
  primary: CIDR;
  secondary?: CIDR;
  warnings: string[];
}

/** getServiceIPAndRanges + ValidateServiceClusterIPRanges (cmd/kube-apiserver/app/options). */
export function parseServiceClusterIPRange(value: string | undefined): ServiceIPRanges {
  const warnings: string[] = [];
  let text = value ?? "";
  if (!text) {
    warnings.push("No CIDR for service cluster IPs specified. Default value which was 10.0.0.0/24 is deprecated and will be removed in future releases. Please specify it using --service-cluster-ip-range on kube-apiserver.");
    text = "10.0.0.0/24";
  }
  const parts = text.split(",");
  if (parts.length > 2) throw new FlagError("--service-cluster-ip-range must not contain more than two entries");
  const parsed = parts.map((p, i) => {
    const c = sloppyCIDR(p);
    if (!c) throw new FlagError(`service-cluster-ip-range[${i}] is not a valid cidr`);
    return c;
  });
  const which = ["primary", "secondary"];
  parsed.forEach((c, i) => {
    if (c.size() < 8n) {
      throw new FlagError(`error determining service IP ranges for ${which[i]} service cidr: the service cluster IP range must be at least 8 IP addresses`);
    }
  });
  if (parsed.length === 2 && parsed[0]!.family === parsed[1]!.family) {
    throw new FlagError("--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family");
  }
  // The default ServiceCIDR controller is handed the parsed net.IPNets and uses their String(): the
  // masked, canonical prefix, so a sloppy flag such as 10.96.0.1/24 still yields a valid ServiceCIDR.
  return { cidrs: parsed.map((c) => c.toString()), primary: parsed[0]!, secondary: parsed[1], warnings };
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

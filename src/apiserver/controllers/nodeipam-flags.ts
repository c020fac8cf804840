/**
 * The node IPAM controller's configuration from kube-controller-manager's flags, with the checks
 * startNodeIpamController, validateCIDRs and setNodeCIDRMaskSizes make at startup
 * (cmd/kube-controller-manager/app/core.go, v1.34). Each failure stops the controller-manager with
 * upstream's error text.
 */
import { CIDR, parseCIDRDetailed } from "../../net/index.ts";
import { FlagError } from "../flags.ts";

/** defaultNodeMaskCIDRIPv4 / defaultNodeMaskCIDRIPv6. */
export const DEFAULT_NODE_MASK_IPV4 = 24;
export const DEFAULT_NODE_MASK_IPV6 = 64;

export interface NodeIPAMConfig {
  clusterCIDRs: CIDR[];
  /** One per cluster CIDR, in the same order. */
  nodeMaskSizes: number[];
  serviceCIDRs: CIDR[];
}

/** netutils.ParseCIDRs over ParseCIDRSloppy: the masked prefix, or Go's net.ParseCIDR error. */
function parseCIDRs(list: readonly string[]): CIDR[] {
  return list.map((text) => {
    const c = parseCIDRDetailed(text).cidr;
    if (!c) throw new FlagError(`failed to parse cidr value:"${text}" with error:invalid CIDR address: ${text}`);
    return c;
  });
}

function intFlag(flags: ReadonlyMap<string, string>, name: string): number {
  const v = flags.get(name);
  if (v === undefined) return 0;
  // pflag's int32 parsing happens before anything runs.
  if (!/^[+-]?\d+$/.test(v)) throw new FlagError(`invalid argument "${v}" for "--${name}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`);
  return Number(v);
}

/**
 * Returns null when node CIDR allocation is off (`--allocate-node-cidrs` unset or false). The cluster
 * CIDR flag is parsed before anything else is checked, so an empty one fails as an unparsable CIDR;
 * NewNodeIpamController's "Must specify --cluster-cidr" is unreachable from the command line.
 */
export function nodeIPAMConfig(flags: ReadonlyMap<string, string>): NodeIPAMConfig | null {
  const allocate = flags.get("allocate-node-cidrs");
  if (allocate === undefined || ["0", "f", "F", "false", "FALSE", "False"].includes(allocate)) return null;
  if ((flags.get("cidr-allocator-type") ?? "RangeAllocator") === "CloudAllocator") {
    throw new FlagError("--cidr-allocator-type is set to 'CloudAllocator' but cloud provider is not configured");
  }
  const clusterCIDRs = parseCIDRs((flags.get("cluster-cidr") ?? "").trim().split(","));
  const families = new Set(clusterCIDRs.map((c) => c.family));
  if (clusterCIDRs.length > 1 && families.size < 2) {
    // The missing parenthesis is upstream's.
    throw new FlagError(`len of ClusterCIDRs==${clusterCIDRs.length} and they are not configured as dual stack (at least one from each IPFamily`);
  }
  if (clusterCIDRs.length > 2) throw new FlagError(`length of clusterCIDRs is:${clusterCIDRs.length} more than max allowed of 2`);
  const serviceCIDRs: CIDR[] = [];
  for (const text of (flags.get("service-cluster-ip-range") ?? "").split(",")) {
    // An unparsable service range is only logged as a warning upstream.
    const c = text.trim() ? parseCIDRDetailed(text.trim()).cidr : null;
    if (c) serviceCIDRs.push(c);
  }
  if (serviceCIDRs.length === 2 && serviceCIDRs[0]!.family === serviceCIDRs[1]!.family) {
    throw new FlagError("serviceCIDR and secondaryServiceCIDR are not dualstack (from different IPfamiles)");
  }
  const nodeMaskSizes = maskSizes(flags, clusterCIDRs);
  for (let i = 0; i < clusterCIDRs.length; i++) {
    if (clusterCIDRs[i]!.prefix > nodeMaskSizes[i]!) {
      throw new FlagError("Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family");
    }
  }
  return { clusterCIDRs, nodeMaskSizes, serviceCIDRs };
}

/** setNodeCIDRMaskSizes. */
function maskSizes(flags: ReadonlyMap<string, string>, clusterCIDRs: readonly CIDR[]): number[] {
  const mask = intFlag(flags, "node-cidr-mask-size");
  const mask4 = intFlag(flags, "node-cidr-mask-size-ipv4");
  const mask6 = intFlag(flags, "node-cidr-mask-size-ipv6");
  const sorted = (v4: number, v6: number) => clusterCIDRs.map((c) => (c.family === "IPv6" ? v6 : v4));
  let v4 = DEFAULT_NODE_MASK_IPV4;
  let v6 = DEFAULT_NODE_MASK_IPV6;
  if (clusterCIDRs.length > 1) {
    if (mask !== 0) throw new FlagError("usage of --node-cidr-mask-size is not allowed with dual-stack clusters");
    return sorted(mask4 || v4, mask6 || v6);
  }
  const singleStackIPv6 = clusterCIDRs[0]?.family === "IPv6";
  if (mask !== 0) {
    if (mask4 !== 0 || mask6 !== 0) {
      throw new FlagError(
        "usage of --node-cidr-mask-size-ipv4 and --node-cidr-mask-size-ipv6 is not allowed if --node-cidr-mask-size is set. For dual-stack clusters please unset it and use IPFamily specific flags",
      );
    }
    return sorted(mask, mask);
  }
  if (mask4 !== 0) {
    if (singleStackIPv6) throw new FlagError("usage of --node-cidr-mask-size-ipv4 is not allowed for a single-stack IPv6 cluster");
    v4 = mask4;
  }
  if (mask6 !== 0) {
    if (!singleStackIPv6) throw new FlagError("usage of --node-cidr-mask-size-ipv6 is not allowed for a single-stack IPv4 cluster");
    v6 = mask6;
  }
  return sorted(v4, v6);
}

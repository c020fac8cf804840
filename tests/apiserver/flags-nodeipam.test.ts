import { describe, expect, it } from "vitest";
import { FlagError } from "../../src/apiserver/flags.ts";
import { nodeIPAMConfig } from "../../src/apiserver/controllers/nodeipam-flags.ts";

function ipam(flags: Record<string, string>) {
  try {
    const r = nodeIPAMConfig(new Map(Object.entries(flags)));
    return r && { clusterCIDRs: r.clusterCIDRs.map(String), nodeMaskSizes: r.nodeMaskSizes };
  } catch (e) {
    if (e instanceof FlagError) return e.message;
    throw e;
  }
}

describe("kube-controller-manager node IPAM flags (core.go newNodeIpamController, nodeipam, cidrset)", () => {
  const on = { "allocate-node-cidrs": "true" };

  it("does nothing without --allocate-node-cidrs", () => {
    expect(ipam({ "cluster-cidr": "10.244.0.0/16" })).toBeNull();
  });

  it.each([
    [{ "cluster-cidr": "10.244.0.0/16" }, { clusterCIDRs: ["10.244.0.0/16"], nodeMaskSizes: [24] }],
    [{ "cluster-cidr": "fd00:10:244::/56" }, { clusterCIDRs: ["fd00:10:244::/56"], nodeMaskSizes: [64] }],
    [{ "cluster-cidr": "10.244.0.0/16,fd00:10:244::/56" }, { clusterCIDRs: ["10.244.0.0/16", "fd00:10:244::/56"], nodeMaskSizes: [24, 64] }],
    [
      { "cluster-cidr": "fd00:10:244::/56,10.244.0.0/16", "node-cidr-mask-size-ipv4": "26", "node-cidr-mask-size-ipv6": "72" },
      { clusterCIDRs: ["fd00:10:244::/56", "10.244.0.0/16"], nodeMaskSizes: [72, 26] },
    ],
    [{ "cluster-cidr": "10.244.0.0/16", "node-cidr-mask-size": "25" }, { clusterCIDRs: ["10.244.0.0/16"], nodeMaskSizes: [25] }],
    [{ "cluster-cidr": "10.0.0.0/8" }, { clusterCIDRs: ["10.0.0.0/8"], nodeMaskSizes: [24] }],
    [{ "cluster-cidr": "10.96.0.0/16", "service-cluster-ip-range": "10.96.0.0/12" }, { clusterCIDRs: ["10.96.0.0/16"], nodeMaskSizes: [24] }],
  ])("starts with %j", (flags, want) => {
    expect(ipam({ ...on, ...flags })).toEqual(want);
  });

  it.each([
    [{ "cluster-cidr": "" }, 'failed to parse cidr value:"" with error:invalid CIDR address: '],
    [{ "cluster-cidr": "10.244.0.0/16,banana" }, 'failed to parse cidr value:"banana" with error:invalid CIDR address: banana'],
    [{ "cluster-cidr": "10.244.0.0/16,10.245.0.0/16" }, "len of ClusterCIDRs==2 and they are not configured as dual stack (at least one from each IPFamily"],
    [{ "cluster-cidr": "10.244.0.0/16,fd00::/56,10.245.0.0/16" }, "length of clusterCIDRs is:3 more than max allowed of 2"],
    [{ "cluster-cidr": "10.244.0.0/16", "service-cluster-ip-range": "10.96.0.0/16,10.97.0.0/16" }, "serviceCIDR and secondaryServiceCIDR are not dualstack (from different IPfamiles)"],
    [{ "cluster-cidr": "10.244.0.0/16,fd00::/56", "node-cidr-mask-size": "24" }, "usage of --node-cidr-mask-size is not allowed with dual-stack clusters"],
    [
      { "cluster-cidr": "10.244.0.0/16", "node-cidr-mask-size": "24", "node-cidr-mask-size-ipv4": "24" },
      "usage of --node-cidr-mask-size-ipv4 and --node-cidr-mask-size-ipv6 is not allowed if --node-cidr-mask-size is set. For dual-stack clusters please unset it and use IPFamily specific flags",
    ],
    [{ "cluster-cidr": "fd00::/56", "node-cidr-mask-size-ipv4": "24" }, "usage of --node-cidr-mask-size-ipv4 is not allowed for a single-stack IPv6 cluster"],
    [{ "cluster-cidr": "10.244.0.0/16", "node-cidr-mask-size-ipv6": "64" }, "usage of --node-cidr-mask-size-ipv6 is not allowed for a single-stack IPv4 cluster"],
    [
      { "cluster-cidr": "10.244.0.0/25" },
      "Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family",
    ],
    [
      { "cluster-cidr": "10.244.0.0/16,fd00::/56", "node-cidr-mask-size-ipv6": "48" },
      "Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family",
    ],
    [{ "cluster-cidr": "10.244.0.0/16", "node-cidr-mask-size-ipv4": "big" }, 'invalid argument "big" for "--node-cidr-mask-size-ipv4" flag: strconv.ParseInt: parsing "big": invalid syntax'],
    [{ "cluster-cidr": "10.244.0.0/16", "cidr-allocator-type": "CloudAllocator" }, "--cidr-allocator-type is set to 'CloudAllocator' but cloud provider is not configured"],
  ])("fails with %j", (flags, message) => {
    expect(ipam({ ...on, ...flags })).toBe(message);
  });
});

import { describe, expect, it } from "vitest";
import { FlagError, parseServiceClusterIPRange, type ServiceIPRangeOptions } from "../../src/apiserver/flags.ts";

function rangeError(value: string | undefined, opts?: ServiceIPRangeOptions): string | null {
  try {
    parseServiceClusterIPRange(value, opts);
    return null;
  } catch (e) {
    if (e instanceof FlagError) return e.message;
    throw e;
  }
}

describe("kube-apiserver --service-cluster-ip-range at startup (completion.go, validation.go)", () => {
  it("single- and dual-stack ranges, primary first, in canonical form", () => {
    expect(parseServiceClusterIPRange("10.96.0.0/12")).toMatchObject({ cidrs: ["10.96.0.0/12"], warnings: [] });
    const dual = parseServiceClusterIPRange("fd00:10:96::/112,10.96.0.0/16");
    expect(dual.cidrs).toEqual(["fd00:10:96::/112", "10.96.0.0/16"]);
    expect([dual.primary.family, dual.secondary?.family]).toEqual(["IPv6", "IPv4"]);
    // ParseCIDRSloppy: leading zeros and host bits are read, the range is the masked prefix.
    expect(parseServiceClusterIPRange("010.096.0.1/16").cidrs).toEqual(["10.96.0.0/16"]);
  });

  it("defaults to 10.0.0.0/24 with the deprecation warning", () => {
    expect(parseServiceClusterIPRange(undefined)).toMatchObject({
      cidrs: ["10.0.0.0/24"],
      warnings: [
        "No CIDR for service cluster IPs specified. Default value which was 10.0.0.0/24 is deprecated and will be removed in future releases. Please specify it using --service-cluster-ip-range on kube-apiserver.",
      ],
    });
  });

  it.each([
    ["banana", "service-cluster-ip-range[0] is not a valid cidr"],
    ["10.96.0.0/33", "service-cluster-ip-range[0] is not a valid cidr"],
    ["10.96.0.0/16,banana", "service-cluster-ip-range[1] is not an ip net"],
    ["10.96.0.0/16, fd00::/112", "service-cluster-ip-range[1] is not an ip net"],
    ["10.96.0.0/30", "error determining service IP ranges for primary service cidr: the service cluster IP range must be at least 8 IP addresses"],
    ["fd00::/126,10.96.0.0/16", "error determining service IP ranges for primary service cidr: the service cluster IP range must be at least 8 IP addresses"],
    ["10.96.0.0/16,10.97.0.0/16", "--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family"],
    ["fd00:1::/112,fd00:2::/112", "--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family"],
    ["10.96.0.0/16,fd00::/112,10.97.0.0/16", "--service-cluster-ip-range must not contain more than two entries"],
    ["10.96.0.0/16,fd00::/112,banana", "--service-cluster-ip-range must not contain more than two entries"],
    [
      "10.96.0.0/16,10.97.0.0/16,fd00::/112",
      "[--service-cluster-ip-range must not contain more than two entries, --service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family]",
    ],
  ])("%j", (value, message) => {
    expect(rangeError(value)).toBe(message);
  });

  it("accepts large ranges in 1.34 and applies the 20-bit limit again with DisableAllocatorDualWrite=false", () => {
    expect(rangeError("10.0.0.0/8")).toBeNull();
    expect(rangeError("10.96.0.0/16,fd00::/64")).toBeNull();
    const gates = { featureGates: "DisableAllocatorDualWrite=false" };
    expect(rangeError("10.0.0.0/8", gates)).toBe("specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12");
    expect(rangeError("10.96.0.0/16,fd00::/64", gates)).toBe(
      "specified --service-cluster-ip-range[1] is too large; for 128-bit addresses, the mask must be >= 108",
    );
    expect(rangeError("10.96.0.0/12,fd00::/108", gates)).toBeNull();
  });

  it("requires the primary family to be the advertise address's family", () => {
    expect(rangeError("fd00:10:96::/112,10.96.0.0/16", { advertiseAddress: "172.18.0.2" })).toBe(
      'service IP family "fd00:10:96::/112" must match public address family "172.18.0.2"',
    );
    expect(rangeError("10.96.0.0/16,fd00:10:96::/112", { advertiseAddress: "172.18.0.2" })).toBeNull();
    expect(rangeError("fd00:10:96::/112", { advertiseAddress: "fc00:f853:ccd:e793::2" })).toBeNull();
    expect(rangeError("10.96.0.0/16,10.97.0.0/16", { advertiseAddress: "fd00::7" })).toBe(
      '[--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family, service IP family "10.96.0.0/16" must match public address family "fd00::7"]',
    );
  });
});

describe("the running kube-apiserver checks its range against --advertise-address", () => {
  it("an IPv6-first range on an IPv4 advertise address stops the apiserver with the startup error", async () => {
    const { Cluster } = await import("../../src/apiserver/cluster.ts");
    const { VirtualClock } = await import("../../src/apiserver/machinery/clock.ts");
    const { SeededRandom } = await import("../../src/apiserver/machinery/random.ts");
    const start = (advertise: string, range: string) =>
      new Cluster(
        {
          nodeName: "controlplane",
          advertiseAddress: advertise,
          securePort: 6443,
          apiserverArgs: ["kube-apiserver", `--advertise-address=${advertise}`, `--service-cluster-ip-range=${range}`],
          controllerManagerArgs: ["kube-controller-manager"],
        },
        new VirtualClock(Date.UTC(2025, 0, 1)),
        new SeededRandom(1),
      ).start();
    expect(start("192.168.0.7", "fd00:10:96::/112").join("\n")).toContain('service IP family "fd00:10:96::/112" must match public address family "192.168.0.7"');
    expect(start("fc00:f853:ccd:e793::7", "fd00:10:96::/112,10.96.0.0/16")).toEqual([]);
  });
});

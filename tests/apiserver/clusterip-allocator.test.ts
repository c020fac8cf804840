// ClusterIP allocation with ServiceCIDRs and IPAddresses, after k/k
// pkg/registry/core/service/ipallocator/ipallocator.go (NewIPAllocator, allocateNextService,
// allocateService), bitmap.go (calculateRangeOffset), cidrallocator.go (MetaAllocator) and
// pkg/registry/core/service/storage/alloc.go (error wrapping).
import { describe, expect, it } from "vitest";
import { CIDR } from "../../src/net/index.ts";
import { CIDRAllocator, rangeOffset } from "../../src/apiserver/allocators/clusterip/cidr-allocator.ts";
import {
  IP_ADDRESSES,
  SERVICES,
  SERVICE_CIDRS,
  createService,
  createServiceCIDR,
  deleteService,
  errorMessage,
  expectError,
  getIPAddress,
  getServiceCIDR,
  ipAddressNames,
  newCluster,
  service,
  tryGet,
  v4,
  v6,
} from "./harness.ts";
import type { Service } from "../../src/apiserver/registry/service/types.ts";
import type { ServiceCIDR } from "../../src/apiserver/registry/servicecidr/types.ts";

const FULL = "Internal error occurred: failed to allocate a serviceIP: range is full";
const MISMATCH = "the provided network does not match the current range";

describe("band split (calculateRangeOffset)", () => {
  const cases: [string, number, string, string, string][] = [
    // prefix, static band size, first usable, first of the dynamic band, last usable
    ["10.96.0.0/29", 0, "10.96.0.1", "10.96.0.1", "10.96.0.6"],
    ["10.96.0.0/28", 0, "10.96.0.1", "10.96.0.1", "10.96.0.14"],
    ["10.96.0.0/27", 16, "10.96.0.1", "10.96.0.17", "10.96.0.30"],
    ["10.96.0.0/24", 16, "10.96.0.1", "10.96.0.17", "10.96.0.254"],
    ["10.96.0.0/20", 256, "10.96.0.1", "10.96.1.1", "10.96.15.254"],
    ["10.96.0.0/16", 256, "10.96.0.1", "10.96.1.1", "10.96.255.254"],
    ["10.96.0.0/12", 256, "10.96.0.1", "10.96.1.1", "10.111.255.254"],
    ["10.96.0.0/31", 0, "10.96.0.1", "10.96.0.1", "10.96.0.0"],
    // netutils.RangeSize is 0 for IPv4 prefixes with 31 or more host bits: no static band at all.
    ["128.0.0.0/1", 0, "128.0.0.1", "128.0.0.1", "255.255.255.254"],
    ["0.0.0.0/0", 0, "0.0.0.1", "0.0.0.1", "255.255.255.254"],
    ["64.0.0.0/2", 256, "64.0.0.1", "64.0.1.1", "127.255.255.254"],
    ["fd00::/112", 256, "fd00::1", "fd00::101", "fd00::ffff"],
    ["fd00::/120", 16, "fd00::1", "fd00::11", "fd00::ff"],
    ["fd00::/124", 0, "fd00::1", "fd00::1", "fd00::f"],
    ["2001:db8::/64", 256, "2001:db8::1", "2001:db8::101", "2001:db8::ffff:ffff:ffff:ffff"],
  ];
  for (const [prefix, offset, first, dyn, last] of cases) {
    it(`${prefix}: static band ${offset}, usable ${first}–${last}, dynamic from ${dyn}`, () => {
      const cidr = CIDR.parse(prefix);
      expect(rangeOffset(cidr)).toBe(BigInt(offset));
      const a = new CIDRAllocator(cidr);
      if (cidr.family === "IPv4") {
        expect(ipv4(a.first)).toBe(first);
        expect(ipv4(a.offsetAddress)).toBe(dyn);
        expect(ipv4(a.last)).toBe(last);
      } else {
        expect(a.first).toBe(v6(first));
        expect(a.offsetAddress).toBe(v6(dyn));
        expect(a.last).toBe(v6(last));
      }
    });
  }

  it("refuses IPv6 prefixes shorter than /64 (only logged upstream)", () => {
    expect(() => new CIDRAllocator(CIDR.parse("2001:db8::/48"))).toThrow("shortest allowed prefix length for service CIDR is 64, got 48");
  });
});

function ipv4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join(".");
}

describe("dynamic allocation", () => {
  it("takes the first IPs from the upper band of a /24", () => {
    const t = newCluster({ range: "10.96.0.0/24" });
    for (let i = 0; i < 40; i++) {
      const ip = createService(t.api, `s${i}`).spec.clusterIP!;
      expect(v4(ip)).toBeGreaterThanOrEqual(v4("10.96.0.17"));
      expect(v4(ip)).toBeLessThanOrEqual(v4("10.96.0.254"));
    }
  });

  it("uses the lower band only when the upper one is full, then reports range is full", () => {
    const t = newCluster({ range: "10.96.0.0/27" });
    // kubernetes.default holds 10.96.0.1 (static band). The upper band .17–.30 has 14 addresses.
    const upper: string[] = [];
    for (let i = 0; i < 14; i++) upper.push(createService(t.api, `u${i}`).spec.clusterIP!);
    expect(upper.map(v4).sort((a, b) => a - b)).toEqual(Array.from({ length: 14 }, (_, i) => v4("10.96.0.17") + i));
    const lower: string[] = [];
    for (let i = 0; i < 15; i++) lower.push(createService(t.api, `l${i}`).spec.clusterIP!);
    expect(lower.map(v4).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => v4("10.96.0.2") + i));
    expectError(() => createService(t.api, "one-too-many"), FULL, "InternalError", 500);
    // Freeing an upper-band address makes it the next one handed out.
    deleteService(t.api, "u3");
    expect(createService(t.api, "again").spec.clusterIP).toBe(upper[3]);
  });

  it("never hands out the IPv4 network or broadcast address", () => {
    const t = newCluster({ range: "10.96.0.0/29" });
    const ips = [];
    for (let i = 0; i < 5; i++) ips.push(createService(t.api, `s${i}`).spec.clusterIP!);
    expect(ips.sort()).toEqual(["10.96.0.2", "10.96.0.3", "10.96.0.4", "10.96.0.5", "10.96.0.6"]);
    expectError(() => createService(t.api, "full"), FULL);
  });

  it("may hand out the IPv6 all-ones address", () => {
    const t = newCluster({ range: "fd00::/125" });
    const ips = [];
    for (let i = 0; i < 6; i++) ips.push(createService(t.api, `s${i}`).spec.clusterIP!);
    expect(ips.sort()).toEqual(["fd00::2", "fd00::3", "fd00::4", "fd00::5", "fd00::6", "fd00::7"]);
    expectError(() => createService(t.api, "full"), FULL);
  });

  it("follows the docs example: 13 Services fill a /28 after kubernetes.default, the 14th fails", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    const seen = new Set<string>();
    for (let i = 1; i <= 13; i++) seen.add(createService(t.api, `test-${i}`).spec.clusterIP!);
    expect(seen.size).toBe(13);
    expect(seen.has("10.96.0.1")).toBe(false);
    expect(errorMessage(() => createService(t.api, "test-14"))).toBe(FULL);
  });
});

describe("static allocation", () => {
  it("takes a free address anywhere in the range, static band included", () => {
    const t = newCluster({ range: "10.96.0.0/24" });
    expect(createService(t.api, "a", { clusterIP: "10.96.0.10" }).spec.clusterIPs).toEqual(["10.96.0.10"]);
    expect(createService(t.api, "b", { clusterIP: "10.96.0.200" }).spec.clusterIP).toBe("10.96.0.200");
  });

  it("reads a static IP sloppily: leading zeros and IPv4-mapped forms allocate the plain IPv4 address", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    const warnings: string[] = [];
    const mapped = t.api.create(SERVICES, "default", service("mapped", { clusterIP: "::ffff:10.96.0.9" }), { warnings }) as Service;
    // GetWarningsForService: the legacy field accepts it, with a warning (kubectl prints "Warning: ...").
    expect(warnings).toEqual(['spec.clusterIPs[0]: non-standard IP address "::ffff:10.96.0.9" will be considered invalid in a future Kubernetes release: use "10.96.0.9"']);
    expect(mapped.spec).toMatchObject({ clusterIP: "::ffff:10.96.0.9", ipFamilies: ["IPv4"] });
    const zeros = createService(t.api, "zeros", { clusterIP: "10.96.0.010" });
    expect(zeros.spec.clusterIPs).toEqual(["10.96.0.010"]);
    expect(getIPAddress(t.api, "10.96.0.9").spec.parentRef?.name).toBe("mapped");
    expect(getIPAddress(t.api, "10.96.0.10").spec.parentRef?.name).toBe("zeros");
    expectError(
      () => createService(t.api, "again", { clusterIP: "::ffff:10.96.0.10" }),
      'Service "again" is invalid: spec.clusterIPs: Invalid value: ["::ffff:10.96.0.10"]: failed to allocate IP ::ffff:10.96.0.10: provided IP is already allocated',
    );
    deleteService(t.api, "mapped");
    deleteService(t.api, "zeros");
    expect(ipAddressNames(t.api)).toEqual(["10.96.0.1"]);
  });

  it("reports an address in use with the spec.clusterIPs path and the JSON slice", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    createService(t.api, "a", { clusterIP: "10.96.0.5" });
    expectError(
      () => createService(t.api, "test", { clusterIP: "10.96.0.5" }),
      'Service "test" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.5"]: failed to allocate IP 10.96.0.5: provided IP is already allocated',
      "Invalid",
      422,
    );
    const err = (() => {
      try {
        createService(t.api, "test", { clusterIP: "10.96.0.1" });
      } catch (e) {
        return e as { status: { details?: { causes?: unknown[] } } };
      }
      return null;
    })();
    expect(err?.status.details?.causes).toEqual([
      { reason: "FieldValueInvalid", field: "spec.clusterIPs", message: 'Invalid value: ["10.96.0.1"]: failed to allocate IP 10.96.0.1: provided IP is already allocated' },
    ]);
  });

  it("refuses addresses outside every ServiceCIDR, and the network and broadcast addresses", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    for (const ip of ["1.1.1.1", "10.96.0.0", "10.96.0.15", "10.96.0.16"]) {
      expectError(() => createService(t.api, "test", { clusterIP: ip }), `Service "test" is invalid: spec.clusterIPs: Invalid value: ["${ip}"]: failed to allocate IP ${ip}: ${MISMATCH}`);
    }
    expect(ipAddressNames(t.api)).toEqual(["10.96.0.1"]);
  });

  it("refuses an address whose only ServiceCIDR is terminating, and skips that CIDR for dynamic IPs", () => {
    const t = newCluster({ range: "10.96.0.0/29" });
    createServiceCIDR(t.api, "extra", ["10.100.0.0/24"]);
    t.advance(1000);
    createService(t.api, "kept", { clusterIP: "10.100.0.9" });
    t.api.delete(SERVICE_CIDRS, undefined, "extra");
    t.advance(1000);
    expectError(
      () => createService(t.api, "test", { clusterIP: "10.100.0.5" }),
      `Service "test" is invalid: spec.clusterIPs: Invalid value: ["10.100.0.5"]: failed to allocate IP 10.100.0.5: ${MISMATCH}`,
    );
    for (let i = 0; i < 5; i++) expect(createService(t.api, `d${i}`).spec.clusterIP).toMatch(/^10\.96\.0\.[2-6]$/);
    expectError(() => createService(t.api, "full"), FULL);
  });

  it("takes an address from a ServiceCIDR that has no Ready condition yet (kcm not running)", () => {
    const t = newCluster({ range: "10.96.0.0/28", controllerManager: false });
    createServiceCIDR(t.api, "extra", ["10.100.0.0/24"]);
    expect(createService(t.api, "a", { clusterIP: "10.100.0.5" }).spec.clusterIP).toBe("10.100.0.5");
  });

  it("refuses an address of a ServiceCIDR whose Ready condition is False", () => {
    const t = newCluster({ range: "10.96.0.0/28", controllerManager: false });
    const sc = createServiceCIDR(t.api, "extra", ["10.100.0.0/24"]);
    const notReady: ServiceCIDR = { ...sc, status: { conditions: [{ type: "Ready", status: "False", reason: "Manual", message: "", lastTransitionTime: "2025-11-03T09:00:00Z" }] } };
    t.api.update(SERVICE_CIDRS, undefined, notReady, { subresource: "status" });
    expectError(
      () => createService(t.api, "a", { clusterIP: "10.100.0.5" }),
      `Service "a" is invalid: spec.clusterIPs: Invalid value: ["10.100.0.5"]: failed to allocate IP 10.100.0.5: ${MISMATCH}`,
    );
  });

  it("refuses an IPv6 address outside the ServiceCIDRs", () => {
    const t = newCluster({ range: "fd00::/112" });
    expectError(
      () => createService(t.api, "test", { clusterIP: "fd01::5" }),
      `Service "test" is invalid: spec.clusterIPs: Invalid value: ["fd01::5"]: failed to allocate IP fd01::5: ${MISMATCH}`,
    );
  });
});

describe("several ServiceCIDRs", () => {
  it("picks among them at random, so both get used; a full one is skipped", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    createServiceCIDR(t.api, "b", ["10.97.0.0/24"]);
    t.advance(1000);
    let inA = 0;
    let inB = 0;
    for (let i = 0; i < 40; i++) {
      const ip = createService(t.api, `s${i}`).spec.clusterIP!;
      if (ip.startsWith("10.96.0.")) inA++;
      else if (ip.startsWith("10.97.0.")) inB++;
    }
    expect(inA).toBeGreaterThan(0);
    expect(inB).toBeGreaterThan(0);
    expect(inA + inB).toBe(40);
    // Fill the /28, then every new Service lands in 10.97.0.0/24.
    for (let i = 0; inA < 13; i++) {
      const ip = createService(t.api, `f${i}`).spec.clusterIP!;
      if (ip.startsWith("10.96.0.")) inA++;
    }
    for (let i = 0; i < 20; i++) expect(createService(t.api, `g${i}`).spec.clusterIP).toMatch(/^10\.97\.0\./);
  });

  it("keeps addresses unique across overlapping ServiceCIDRs", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    createServiceCIDR(t.api, "wide", ["10.96.0.0/24"]);
    t.advance(1000);
    const ips = new Set<string>();
    for (let i = 0; i < 100; i++) ips.add(createService(t.api, `s${i}`).spec.clusterIP!);
    expect(ips.size).toBe(100);
    expect(ips.has("10.96.0.1")).toBe(false);
  });

  it("an IPv6 ServiceCIDR shorter than /64 becomes Ready but never yields IPs (the allocator error is only logged)", () => {
    const t = newCluster({ range: "fd00::/125" });
    createServiceCIDR(t.api, "wide", ["2001:db8::/48"]);
    t.advance(1000);
    expect(getServiceCIDR(t.api, "wide").status?.conditions?.[0]).toMatchObject({ type: "Ready", status: "True" });
    for (let i = 0; i < 6; i++) expect(createService(t.api, `s${i}`).spec.clusterIP).toMatch(/^fd00::[2-7]$/);
    expectError(() => createService(t.api, "full"), FULL);
    expectError(
      () => createService(t.api, "static", { clusterIP: "2001:db8::5" }),
      `Service "static" is invalid: spec.clusterIPs: Invalid value: ["2001:db8::5"]: failed to allocate IP 2001:db8::5: ${MISMATCH}`,
    );
    expect(t.cluster.logs.get("kube-apiserver")).toContain("error creating new IPAllocator for Service CIDR 2001:db8::/48: shortest allowed prefix length for service CIDR is 64, got 48");
  });

  it("a /31 or /32 ServiceCIDR has no usable address", () => {
    const t = newCluster({ range: "10.96.0.0/29" });
    createServiceCIDR(t.api, "tiny", ["10.200.0.0/31"]);
    createServiceCIDR(t.api, "one", ["10.201.0.5/32"]);
    t.advance(1000);
    for (let i = 0; i < 5; i++) expect(createService(t.api, `s${i}`).spec.clusterIP).toMatch(/^10\.96\.0\./);
    expectError(() => createService(t.api, "full"), FULL);
    expectError(
      () => createService(t.api, "static", { clusterIP: "10.201.0.5" }),
      `Service "static" is invalid: spec.clusterIPs: Invalid value: ["10.201.0.5"]: failed to allocate IP 10.201.0.5: ${MISMATCH}`,
    );
  });

  it("ignores a ServiceCIDR of a family the flags do not configure", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    createServiceCIDR(t.api, "v6", ["fd00::/112"]);
    t.advance(1000);
    expectError(
      () => createService(t.api, "a", { ipFamilies: ["IPv6"] }),
      'Service "a" is invalid: spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster',
    );
  });
});

describe("IPAddress objects", () => {
  it("exist for every allocated IP, with both labels and the parentRef, and go with the Service", () => {
    const t = newCluster({ range: "10.96.0.0/24,fd00::/112" });
    const svc = createService(t.api, "web", { ipFamilyPolicy: "RequireDualStack" }, "kube-system");
    for (const [ip, fam] of [
      [svc.spec.clusterIPs![0]!, "IPv4"],
      [svc.spec.clusterIPs![1]!, "IPv6"],
    ]) {
      const obj = getIPAddress(t.api, ip);
      expect(obj.metadata.labels).toEqual({ "ipaddress.kubernetes.io/ip-family": fam, "ipaddress.kubernetes.io/managed-by": "ipallocator.k8s.io" });
      expect(obj.spec.parentRef).toEqual({ resource: "services", namespace: "kube-system", name: "web" });
      expect(obj.metadata.finalizers).toBeUndefined();
    }
    deleteService(t.api, "web", "kube-system");
    expect(tryGet(t.api, IP_ADDRESSES, undefined, svc.spec.clusterIPs![0]!)).toBeUndefined();
    expect(tryGet(t.api, IP_ADDRESSES, undefined, svc.spec.clusterIPs![1]!)).toBeUndefined();
    expect(ipAddressNames(t.api)).toEqual(["10.96.0.1"]);
  });

  it("does not survive a failed create: invalid object", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    const fp = t.cluster.store.fingerprint();
    expect(errorMessage(() => t.api.create(SERVICES, "default", service("Bad_Name")))).toMatch(/^Service "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a DNS-1035 label/);
    expect(ipAddressNames(t.api)).toEqual(["10.96.0.1"]);
    expect(t.cluster.store.fingerprint()).toBe(fp);
  });

  it("does not survive a failed create: AlreadyExists, static or dynamic", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    const first = createService(t.api, "dup");
    const fp = t.cluster.store.fingerprint();
    expectError(() => createService(t.api, "dup"), 'services "dup" already exists', "AlreadyExists", 409);
    expectError(() => createService(t.api, "dup", { clusterIP: "10.96.0.9" }), 'services "dup" already exists', "AlreadyExists", 409);
    expect(ipAddressNames(t.api).sort()).toEqual(["10.96.0.1", first.spec.clusterIP!].sort());
    expect(t.cluster.store.fingerprint()).toBe(fp);
  });

  it("dry-run allocates nothing; a dynamic IP shows as the network address, as upstream's DryRun allocator returns", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    const fp = t.cluster.store.fingerprint();
    const dry = t.api.create(SERVICES, "default", service("dry"), { dryRun: true }) as Service;
    expect(dry.spec.clusterIP).toBe("10.96.0.0");
    // A static dry run checks only the range, not whether the address is taken.
    const taken = t.api.create(SERVICES, "default", service("dry", { clusterIP: "10.96.0.1" }), { dryRun: true }) as Service;
    expect(taken.spec.clusterIP).toBe("10.96.0.1");
    expect(t.cluster.store.fingerprint()).toBe(fp);
  });
});

describe("determinism and scale", () => {
  const run = (seed: number) => {
    const t = newCluster({ range: "10.96.0.0/24", seed });
    return Array.from({ length: 30 }, (_, i) => createService(t.api, `s${i}`).spec.clusterIP!);
  };

  it("the same seed gives the same IPs", () => {
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it("allocates 2,000 Services in a /12 without enumerating the range", () => {
    const t = newCluster({ range: "10.96.0.0/12" });
    const ips = new Set<string>();
    for (let i = 0; i < 2000; i++) ips.add(createService(t.api, `s${i}`).spec.clusterIP!);
    expect(ips.size).toBe(2000);
    for (const ip of ips) expect(v4(ip)).toBeGreaterThanOrEqual(v4("10.96.1.1"));
  });

  it("allocates 2,000 Services in an IPv6 /64", () => {
    const t = newCluster({ range: "2001:db8::/64" });
    const ips = new Set<string>();
    for (let i = 0; i < 2000; i++) ips.add(createService(t.api, `s${i}`).spec.clusterIP!);
    expect(ips.size).toBe(2000);
    for (const ip of ips) expect(v6(ip) >= v6("2001:db8::101")).toBe(true);
    expect(t.api.list(IP_ADDRESSES, undefined).items).toHaveLength(2001);
  });
});

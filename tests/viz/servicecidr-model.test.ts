import { describe, it, expect } from "vitest";
import { buildServiceCIDRModel, type BlockModel, type VizSnapshot } from "../../src/viz/servicecidr-model.ts";
import { staticBandSize } from "../../src/viz/bands.ts";
import { CIDR } from "../../src/net/index.ts";
import { ipAddress, service, serviceCIDR, systemIPs } from "./fixtures.ts";

const snap = (s: Partial<VizSnapshot>): VizSnapshot => ({ serviceCIDRs: [], ipAddresses: [], services: [], ...s });

function block(model: ReturnType<typeof buildServiceCIDRModel>, id: string): BlockModel {
  const b = model.families.flatMap((f) => f.blocks).find((x) => x.id === id);
  if (!b) throw new Error(`no block ${id}`);
  return b;
}

describe("buildServiceCIDRModel: a /28", () => {
  const model = buildServiceCIDRModel(
    snap({ serviceCIDRs: [serviceCIDR("kubernetes", ["10.96.0.0/28"])], ipAddresses: systemIPs("10.96.0") }),
  );
  const b = block(model, "10.96.0.0/28");

  it("has one cell per address", () => {
    expect(b.dense).toBe(false);
    expect(b.cells).toHaveLength(16);
    expect(b.cells!.map((c) => c.ip)).toEqual(Array.from({ length: 16 }, (_, i) => `10.96.0.${i}`));
  });

  it("reserves the network and broadcast addresses", () => {
    expect(b.cells![0]).toEqual({ ip: "10.96.0.0", offset: 0, state: "reserved", band: "none" });
    expect(b.cells![15]).toEqual({ ip: "10.96.0.15", offset: 15, state: "reserved", band: "none" });
    expect(b.reserved).toEqual([
      { ip: "10.96.0.0", offset: 0n, kind: "network" },
      { ip: "10.96.0.15", offset: 15n, kind: "broadcast" },
    ]);
  });

  it("marks kubernetes.default and kube-dns, the rest free, all in the dynamic band", () => {
    expect(b.cells![1]).toMatchObject({ state: "allocated", owner: "default/kubernetes", role: "kubernetes", band: "dynamic" });
    expect(b.cells![10]).toMatchObject({ state: "allocated", owner: "kube-system/kube-dns", role: "kube-dns", band: "dynamic" });
    const others = b.cells!.filter((c) => ![0, 1, 10, 15].includes(c.offset));
    expect(others.every((c) => c.state === "free" && c.band === "dynamic" && c.owner === undefined)).toBe(true);
    expect(b.static).toBeNull();
    expect(b.dynamic).toMatchObject({ first: "10.96.0.1", last: "10.96.0.14", size: 14n });
  });

  it("counts per band", () => {
    expect(b.counts).toEqual({
      capacity: 14n,
      used: 2,
      free: 12n,
      static: { capacity: 0n, used: 0, free: 0n },
      dynamic: { capacity: 14n, used: 2, free: 12n },
    });
  });

  it("carries phase, Ready condition and finalizers", () => {
    expect(b.names).toEqual(["kubernetes"]);
    expect(b.phase).toBe("ready");
    expect(b.ready).toEqual({ status: "True", reason: "", message: "Kubernetes Service CIDR is ready" });
    expect(b.finalizers).toEqual(["networking.k8s.io/service-cidr-finalizer"]);
    expect(b.allocatable).toBe(true);
  });
});

describe("buildServiceCIDRModel: a /24", () => {
  const model = buildServiceCIDRModel(
    snap({
      serviceCIDRs: [serviceCIDR("kubernetes", ["10.96.0.0/24"])],
      ipAddresses: [...systemIPs("10.96.0"), ipAddress("10.96.0.200", "default", "web")],
      services: [service("default", "web", "10.96.0.200")],
    }),
  );
  const b = block(model, "10.96.0.0/24");

  it("splits a static band .1-.16 from a dynamic band .17-.254", () => {
    expect(b.static).toEqual({ first: "10.96.0.1", last: "10.96.0.16", firstOffset: 1n, lastOffset: 16n, size: 16n });
    expect(b.dynamic).toEqual({ first: "10.96.0.17", last: "10.96.0.254", firstOffset: 17n, lastOffset: 254n, size: 238n });
    const band = (i: number) => b.cells![i]!.band;
    expect([band(0), band(1), band(16), band(17), band(254), band(255)]).toEqual(["none", "static", "static", "dynamic", "dynamic", "none"]);
    expect([b.cells![0]!.state, b.cells![255]!.state]).toEqual(["reserved", "reserved"]);
  });

  it("counts the system Services in the static band and the rest in the dynamic band", () => {
    expect(b.counts.static).toEqual({ capacity: 16n, used: 2, free: 14n });
    expect(b.counts.dynamic).toEqual({ capacity: 238n, used: 1, free: 237n });
    expect(b.counts.capacity).toBe(254n);
  });

  it("names the owner and its Service type", () => {
    expect(b.cells![200]).toMatchObject({ state: "allocated", owner: "default/web", role: "service" });
    expect(model.allocations.get("10.96.0.200")).toMatchObject({ serviceType: "ClusterIP", parentRef: "services/default/web", heldBy: "10.96.0.0/24" });
  });

  it("matches the allocator's band sizes", () => {
    const sizes = ["10.0.0.0/29", "10.0.0.0/28", "10.0.0.0/27", "10.0.0.0/24", "10.0.0.0/20", "10.0.0.0/12", "0.0.0.0/1", "fd00::/64"];
    expect(sizes.map((c) => staticBandSize(CIDR.parse(c)))).toEqual([0n, 0n, 16n, 16n, 256n, 256n, 0n, 256n]);
  });
});

describe("buildServiceCIDRModel: nesting and sharing", () => {
  const model = buildServiceCIDRModel(
    snap({
      serviceCIDRs: [serviceCIDR("small", ["10.96.0.0/28"]), serviceCIDR("kubernetes", ["10.96.0.0/24"]), serviceCIDR("upper", ["10.96.0.16/28"])],
      ipAddresses: [ipAddress("10.96.0.5", "default", "a"), ipAddress("10.96.0.16", "default", "b"), ipAddress("10.96.0.40", "default", "c")],
    }),
  );

  it("nests a /28 inside the /24 that contains it", () => {
    const outer = block(model, "10.96.0.0/24");
    expect(outer.parent).toBeNull();
    expect(outer.children).toEqual(["10.96.0.0/28", "10.96.0.16/28"]);
    expect(block(model, "10.96.0.0/28")).toMatchObject({ parent: "10.96.0.0/24", root: "10.96.0.0/24", children: [] });
    expect(model.families[0]!.blocks.map((b) => b.id)).toEqual(["10.96.0.0/24", "10.96.0.0/28", "10.96.0.16/28"]);
  });

  it("gives each allocated IP to the smallest ServiceCIDR that can hand it out", () => {
    expect(model.allocations.get("10.96.0.5")!.heldBy).toBe("10.96.0.0/28");
    // .16 is the network address of the upper /28, so only the /24 can hand it out.
    expect(model.allocations.get("10.96.0.16")!.heldBy).toBe("10.96.0.0/24");
    expect(model.allocations.get("10.96.0.40")!.heldBy).toBe("10.96.0.0/24");
    expect(block(model, "10.96.0.0/24").counts.used).toBe(3);
    expect(block(model, "10.96.0.16/28").allocations.map((a) => [a.ip, a.reserved])).toEqual([["10.96.0.16", true]]);
    expect(block(model, "10.96.0.16/28").counts.used).toBe(0);
  });

  it("shares one block between ServiceCIDRs with the same CIDR", () => {
    const m = buildServiceCIDRModel(snap({ serviceCIDRs: [serviceCIDR("zeta", ["10.0.0.0/24"]), serviceCIDR("alpha", ["10.0.0.0/24"])] }));
    expect(m.families[0]!.blocks).toHaveLength(1);
    const b = m.families[0]!.blocks[0]!;
    expect(b.names).toEqual(["alpha", "zeta"]);
    expect(b.members.map((x) => x.name)).toEqual(["alpha", "zeta"]);
  });
});

describe("buildServiceCIDRModel: IPv6", () => {
  const model = buildServiceCIDRModel(
    snap({
      serviceCIDRs: [serviceCIDR("v6", ["fd00:10:96::/112"]), serviceCIDR("wide", ["2001:db8::/64"])],
      ipAddresses: [
        ipAddress("fd00:10:96::1", "default", "kubernetes"),
        ipAddress("fd00:10:96::ffff", "default", "last"),
        ipAddress("2001:db8::ffff:ffff:ffff:ffff", "default", "top"),
      ],
    }),
  );

  it("draws a /112 as a dense strip listing only allocated addresses", () => {
    const b = block(model, "fd00:10:96::/112");
    expect(b.dense).toBe(true);
    expect(b.cells).toBeNull();
    expect(b.allocations.map((a) => [a.ip, a.offset, a.band])).toEqual([
      ["fd00:10:96::1", 1n, "static"],
      ["fd00:10:96::ffff", 65535n, "dynamic"],
    ]);
    expect(b.static).toMatchObject({ first: "fd00:10:96::1", last: "fd00:10:96::100" });
    expect(b.counts.capacity).toBe(65535n);
  });

  it("does not reserve the all-ones address", () => {
    const b = block(model, "fd00:10:96::/112");
    expect(b.reserved).toEqual([{ ip: "fd00:10:96::", offset: 0n, kind: "network" }]);
    expect(b.allocations[1]!.reserved).toBe(false);
    expect(b.usable!.last).toBe("fd00:10:96::ffff");
  });

  it("handles a /64 without enumerating it", () => {
    const b = block(model, "2001:db8::/64");
    expect(b.dense).toBe(true);
    expect(b.size).toBe(1n << 64n);
    expect(b.counts.capacity).toBe((1n << 64n) - 1n);
    expect(b.allocations).toHaveLength(1);
    expect(b.allocations[0]!.position).toBeCloseTo(1, 10);
    expect(b.allocations[0]!.band).toBe("dynamic");
  });

  it("orders families IPv4 first, then by prefix and name", () => {
    const m = buildServiceCIDRModel(
      snap({ serviceCIDRs: [serviceCIDR("v6", ["fd00::/108"]), serviceCIDR("b", ["10.1.0.0/24"]), serviceCIDR("a", ["10.2.0.0/24"]), serviceCIDR("w", ["10.0.0.0/16"])] }),
    );
    expect(m.families.map((f) => [f.family, f.blocks.map((b) => b.names[0])])).toEqual([
      ["IPv4", ["w", "a", "b"]],
      ["IPv6", ["v6"]],
    ]);
  });

  it("marks IPv6 prefixes shorter than /64 as never handing out IPs", () => {
    const m = buildServiceCIDRModel(snap({ serviceCIDRs: [serviceCIDR("huge", ["fd00::/48"])] }));
    expect(m.families[0]!.blocks[0]!.allocatable).toBe(false);
  });
});

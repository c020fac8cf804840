import { describe, it, expect, vi } from "vitest";
import { buildServiceCIDRModel, type VizSnapshot } from "../../src/viz/servicecidr-model.ts";
import { CIDR, IP } from "../../src/net/index.ts";
import { ipAddress, serviceCIDR, systemIPs } from "./fixtures.ts";

const snap = (s: Partial<VizSnapshot>): VizSnapshot => ({ serviceCIDRs: [], ipAddresses: [], services: [], ...s });
const blocks = (m: ReturnType<typeof buildServiceCIDRModel>) => m.families.flatMap((f) => f.blocks);

describe("buildServiceCIDRModel: a terminating ServiceCIDR", () => {
  const model = buildServiceCIDRModel(
    snap({
      serviceCIDRs: [serviceCIDR("kubernetes", ["10.96.0.0/28"]), serviceCIDR("extra", ["10.96.100.0/24"], { terminating: true, blocked: true })],
      ipAddresses: [
        ...systemIPs("10.96.0"),
        ipAddress("10.96.100.20", "default", "web"),
        ipAddress("10.96.100.30", "default", "api"),
        ipAddress("10.96.100.40", "default", "manual", { handMade: true }),
      ],
    }),
  );
  const b = blocks(model).find((x) => x.id === "10.96.100.0/24")!;

  it("is terminating, with its Ready=False reason and message and its finalizer", () => {
    expect(b.phase).toBe("terminating");
    expect(b.ready).toEqual({
      status: "False",
      reason: "Terminating",
      message: "There are still IPAddresses referencing the ServiceCIDR, please remove them or create a new ServiceCIDR",
    });
    expect(b.finalizers).toEqual(["networking.k8s.io/service-cidr-finalizer"]);
    expect(b.members[0]!.deletionTimestamp).toBe("2025-01-01T00:00:05Z");
  });

  it("lists the allocator's IPs that hold it, but not hand-made ones", () => {
    expect(b.blockers).toEqual(["10.96.100.20", "10.96.100.30"]);
    expect(b.members[0]!.blockers).toEqual(["10.96.100.20", "10.96.100.30"]);
    expect(b.cells![20]).toMatchObject({ blocking: true, owner: "default/web" });
    expect(b.cells![40]).toMatchObject({ blocking: false, owner: "hand-made", handMade: true });
    expect(model.allocations.get("10.96.100.30")!.blocking).toBe(true);
    expect(model.allocations.get("10.96.0.1")!.blocking).toBe(false);
  });

  it("is not held when a wider ServiceCIDR covers it", () => {
    const m = buildServiceCIDRModel(
      snap({
        serviceCIDRs: [serviceCIDR("wide", ["10.96.0.0/16"]), serviceCIDR("extra", ["10.96.100.0/24"], { terminating: true })],
        ipAddresses: [ipAddress("10.96.100.20", "default", "web")],
      }),
    );
    const x = blocks(m).find((y) => y.id === "10.96.100.0/24")!;
    expect(x.phase).toBe("terminating");
    expect(x.blockers).toEqual([]);
  });

  it("stays ready while another ServiceCIDR with the same CIDR lives", () => {
    const m = buildServiceCIDRModel(
      snap({
        serviceCIDRs: [serviceCIDR("a", ["10.1.0.0/24"], { terminating: true }), serviceCIDR("b", ["10.1.0.0/24"])],
        ipAddresses: [ipAddress("10.1.0.20", "default", "web")],
      }),
    );
    const x = blocks(m)[0]!;
    expect(x.phase).toBe("ready");
    expect(x.members.map((y) => y.phase)).toEqual(["terminating", "ready"]);
    expect(x.blockers).toEqual([]);
  });

  it("is held per family for a dual-stack ServiceCIDR", () => {
    const m = buildServiceCIDRModel(
      snap({
        serviceCIDRs: [serviceCIDR("ds", ["10.2.0.0/24", "fd00:2::/112"], { terminating: true })],
        ipAddresses: [ipAddress("fd00:2::50", "default", "v6only")],
      }),
    );
    expect(blocks(m).map((x) => [x.id, x.blockers])).toEqual([
      ["10.2.0.0/24", []],
      ["fd00:2::/112", ["fd00:2::50"]],
    ]);
  });
});

describe("buildServiceCIDRModel: hand-made and stray IPAddresses", () => {
  const model = buildServiceCIDRModel(
    snap({
      serviceCIDRs: [serviceCIDR("kubernetes", ["10.96.0.0/28"])],
      ipAddresses: [
        ipAddress("10.96.0.7", "default", "mine", { handMade: true }),
        ipAddress("10.96.0.0", "default", "odd", { handMade: true }),
        ipAddress("192.168.0.9", "default", "lost"),
        { apiVersion: "networking.k8s.io/v1", kind: "IPAddress", metadata: { name: "not-an-ip" }, spec: {} },
      ],
    }),
  );

  it("calls an IPAddress without the managed-by label hand-made", () => {
    expect(model.allocations.get("10.96.0.7")).toMatchObject({
      owner: "hand-made",
      handMade: true,
      role: "service",
      parentRef: "services/default/mine",
      heldBy: "10.96.0.0/28",
    });
  });

  it("keeps a reserved address reserved even when a hand-made object sits on it", () => {
    const b = model.families[0]!.blocks[0]!;
    expect(b.cells![0]).toMatchObject({ state: "reserved", band: "none", owner: "hand-made" });
    expect(model.allocations.get("10.96.0.0")).toMatchObject({ reserved: true, heldBy: null });
    expect(b.counts.used).toBe(1);
  });

  it("lists IPs outside every ServiceCIDR and skips names that are not IPs", () => {
    expect(model.families[0]!.outside.map((a) => [a.ip, a.heldBy])).toEqual([["192.168.0.9", null]]);
    expect([...model.allocations.keys()]).toEqual(["10.96.0.0", "10.96.0.7", "192.168.0.9"]);
  });
});

describe("buildServiceCIDRModel: scale and determinism", () => {
  function bigSnapshot(): VizSnapshot {
    const base = IP.parse("10.96.0.0").value;
    const ips = Array.from({ length: 1000 }, (_, i) => ipAddress(IP.fromBigInt(base + BigInt(i) * 1031n + 17n, "IPv4").toString(), "load", `svc-${i}`));
    return snap({ serviceCIDRs: [serviceCIDR("big", ["10.96.0.0/12"]), serviceCIDR("v6", ["fd00::/64"])], ipAddresses: ips });
  }

  it("builds a /12 with 1,000 allocated IPs without enumerating it", () => {
    const s = bigSnapshot();
    buildServiceCIDRModel(s); // warm the JIT so the timing measures the algorithm
    // Count address arithmetic rather than trust a shared CI machine's clock: enumerating the /12
    // would make a million of these calls, visiting only the allocated IPs makes a handful.
    const nth = vi.spyOn(CIDR.prototype, "nth");
    const fromBigInt = vi.spyOn(IP, "fromBigInt");
    const t0 = performance.now();
    const m = buildServiceCIDRModel(s);
    const ms = performance.now() - t0;
    expect(nth.mock.calls.length).toBeLessThan(20);
    // Parsing each IPAddress name makes one; everything else is per block.
    expect(fromBigInt.mock.calls.length).toBeLessThan(1000 + 20);
    nth.mockRestore();
    fromBigInt.mockRestore();
    const b = m.families[0]!.blocks[0]!;
    expect(b.dense).toBe(true);
    expect(b.cells).toBeNull();
    expect(b.allocations).toHaveLength(1000);
    expect(b.counts.capacity).toBe((1n << 20n) - 2n);
    expect(b.counts.used).toBe(1000);
    // A loose guard only: enumerating 2^20 addresses takes seconds even on a fast machine.
    expect(ms).toBeLessThan(500);
  });

  it("costs a /28 one cell per address", () => {
    const nth = vi.spyOn(CIDR.prototype, "nth");
    buildServiceCIDRModel(snap({ serviceCIDRs: [serviceCIDR("k", ["10.96.0.0/28"])] }));
    expect(nth.mock.calls.length).toBeGreaterThanOrEqual(16);
    nth.mockRestore();
  });

  it("gives the same model whatever order the objects arrive in", () => {
    const s = snap({
      serviceCIDRs: [serviceCIDR("b", ["10.96.0.0/24"]), serviceCIDR("a", ["10.96.0.0/28"]), serviceCIDR("c", ["fd00::/112"]), serviceCIDR("d", ["10.0.0.0/24"])],
      ipAddresses: [...systemIPs("10.96.0"), ipAddress("10.96.0.77", "x", "y"), ipAddress("fd00::5", "x", "z")],
    });
    const reversed = snap({ serviceCIDRs: [...s.serviceCIDRs].reverse(), ipAddresses: [...s.ipAddresses].reverse() });
    const m1 = buildServiceCIDRModel(s);
    const m2 = buildServiceCIDRModel(reversed);
    expect(m2).toEqual(m1);
    expect([...m2.allocations.keys()]).toEqual([...m1.allocations.keys()]);
    expect(m1.families.map((f) => f.blocks.map((b) => b.id))).toEqual([["10.96.0.0/24", "10.0.0.0/24", "10.96.0.0/28"], ["fd00::/112"]]);
  });
});

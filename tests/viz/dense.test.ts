import { describe, it, expect } from "vitest";
import { buildServiceCIDRModel } from "../../src/viz/servicecidr-model.ts";
import { windowCells } from "../../src/viz/dense-cells.ts";
import { paintStrip } from "../../src/viz/dense-paint.ts";
import { applyZoomStep, dragBy, fullView, MIN_SPAN } from "../../src/viz/dense-view.ts";
import { palette } from "../../src/viz/colors.ts";
import { ipAddress, serviceCIDR } from "./fixtures.ts";

const model = buildServiceCIDRModel({
  serviceCIDRs: [serviceCIDR("v6", ["fd00::/112"]), serviceCIDR("inner", ["fd00::100/120"])],
  ipAddresses: [ipAddress("fd00::1", "default", "kubernetes"), ipAddress("fd00::a", "kube-system", "kube-dns"), ipAddress("fd00::ffff", "default", "last")],
  services: [],
});
const block = model.families[0]!.blocks[0]!;

describe("windowCells", () => {
  it("makes cells for a zoomed-in window of a dense block", () => {
    const cells = windowCells(block, { start: 0n, span: 16n });
    expect(cells).toHaveLength(16);
    expect(cells[0]).toEqual({ ip: "fd00::", offset: 0, state: "reserved", band: "none" });
    expect(cells[1]).toMatchObject({ ip: "fd00::1", state: "allocated", role: "kubernetes", band: "static" });
    expect(cells[10]).toMatchObject({ ip: "fd00::a", role: "kube-dns" });
    expect(cells[2]).toEqual({ ip: "fd00::2", offset: 2, state: "free", band: "static" });
  });

  it("keeps the all-ones IPv6 address usable and makes nothing for a wide window", () => {
    const cells = windowCells(block, { start: 65536n - 16n, span: 16n });
    expect(cells.at(-1)).toMatchObject({ ip: "fd00::ffff", state: "allocated", band: "dynamic" });
    expect(windowCells(block, fullView(block.size))).toEqual([]);
  });
});

describe("zoom steps", () => {
  it("stay put at the narrowest window instead of drifting", () => {
    const v = { start: 1000n, span: MIN_SPAN };
    expect(applyZoomStep(v, 1n << 64n, 1.5, 300 - 1.5 * 0, 600)).toEqual(v);
  });

  it("carry sub-address drags over to the next event", () => {
    let v = { start: 1000n, span: 16n };
    let left = 0;
    for (let i = 0; i < 10; i++) {
      const r = dragBy(v, 1n << 64n, -10 + left, 640);
      v = r.view;
      left = r.leftoverPx;
    }
    // 100 px of a 640 px strip showing 16 addresses is 2.5 addresses.
    expect(v.start).toBe(1002n);
    expect(left).toBeCloseTo(-20, 5);
  });
});

describe("paintStrip", () => {
  function recorder() {
    const calls: string[] = [];
    const g = new Proxy(
      { fillStyle: "", strokeStyle: "", lineWidth: 1, globalAlpha: 1 },
      {
        get(target, prop) {
          if (prop in target) return target[prop as keyof typeof target];
          return (...args: unknown[]) => calls.push(`${String(prop)} ${target.fillStyle} ${args.map((a) => Math.round(Number(a))).join(",")}`);
        },
      },
    );
    return { g: g as unknown as CanvasRenderingContext2D, calls };
  }

  it("draws bands, the nested range and a bar per cluster of allocations", () => {
    const { g, calls } = recorder();
    const nested = model.families[0]!.blocks.filter((b) => b.parent === block.id);
    paintStrip(g, 600, 56, { block, nested, view: fullView(block.size), theme: "light", highlighted: new Set(["fd00::ffff"]), cellView: false });
    const pal = palette("light");
    expect(calls[0]).toMatch(/^clearRect/);
    // Both system Services land in the first bar, which takes kubernetes' colour.
    expect(calls.some((c) => c.startsWith(`fillRect ${pal.kubernetes} 0,`))).toBe(true);
    expect(calls.some((c) => c.startsWith(`fillRect ${pal.density} 600,`) || c.startsWith(`fillRect ${pal.density} 597,`))).toBe(true);
    expect(calls.some((c) => c.startsWith(`fill ${pal.highlight}`))).toBe(true);
    expect(calls.filter((c) => c.startsWith(`fillRect ${pal.nested}`))).toHaveLength(2);
  });
});

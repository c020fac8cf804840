import { describe, it, expect } from "vitest";
import { cellPosition, gridGeometry, nextCellIndex, PITCH, rangeRects } from "../../src/viz/servicecidr-layout.ts";
import { applyZoomStep, binCounts, CELL_VIEW_MAX, fullView, panBy, visibleOffsets, visibleRange, viewAround, zoomAt } from "../../src/viz/dense-view.ts";

describe("cell grid", () => {
  it("lays a /28 in one row, a /24 in 16x16 and a /22 in 32 columns", () => {
    expect(gridGeometry(16)).toMatchObject({ columns: 16, rows: 1 });
    expect(gridGeometry(256)).toMatchObject({ columns: 16, rows: 16 });
    expect(gridGeometry(1024)).toMatchObject({ columns: 32, rows: 32 });
    expect(cellPosition(17, 16)).toEqual({ x: PITCH, y: PITCH });
  });

  it("frames a nested range with at most three rectangles", () => {
    expect(rangeRects(0, 16, 16)).toHaveLength(1);
    expect(rangeRects(8, 44, 16).map((r) => [r.x > 0, r.height / PITCH])).toEqual([
      [true, 1],
      [false, 2],
      [false, 1],
    ]);
    expect(rangeRects(3, 0, 16)).toEqual([]);
  });

  it("moves focus with arrows, Home and End, staying inside the grid", () => {
    expect(nextCellIndex(0, "ArrowLeft", 256, 16)).toBe(0);
    expect(nextCellIndex(0, "ArrowDown", 256, 16)).toBe(16);
    expect(nextCellIndex(250, "ArrowDown", 256, 16)).toBe(250);
    expect(nextCellIndex(20, "Home", 256, 16)).toBe(16);
    expect(nextCellIndex(20, "End", 256, 16)).toBe(31);
    expect(nextCellIndex(5, "End", 8, 16)).toBe(7);
    expect(nextCellIndex(5, "x", 8, 16)).toBeNull();
  });
});

describe("dense view", () => {
  const size = 1n << 64n;
  const items = [1n, 5n, 1000n, size / 2n, size - 1n].map((offset) => ({ offset }));

  it("bins only the visible allocations", () => {
    const counts = binCounts(items, fullView(size), 4);
    expect([...counts]).toEqual([3, 0, 1, 1]);
    expect(visibleRange(items, { start: 2n, span: 1000n })).toEqual([1, 3]);
  });

  it("zooms to single addresses anywhere in a /64", () => {
    let v = fullView(size);
    for (let i = 0; i < 200; i++) v = zoomAt(v, size, 2, 0.5);
    expect(v.span).toBe(16n);
    expect(v.start).toBe(size / 2n - 8n);
    expect(visibleOffsets(v)).toHaveLength(16);
    expect(visibleOffsets(fullView(size))).toEqual([]);
  });

  it("follows d3-zoom steps around the pointer and pans", () => {
    const v0 = { start: 0n, span: 1024n };
    // Zooming in 2x around x=100 of a 400 px strip keeps offset 256 under the pointer.
    const v1 = applyZoomStep(v0, 1024n, 2, 100 - 2 * 100, 400);
    expect(v1).toEqual({ start: 128n, span: 512n });
    expect(panBy(v1, 1024n, 0.5)).toEqual({ start: 384n, span: 512n });
    expect(panBy(v1, 1024n, 5)).toEqual({ start: 512n, span: 512n });
    expect(viewAround(1000n, CELL_VIEW_MAX, 1024n)).toEqual({ start: 960n, span: 64n });
  });
});

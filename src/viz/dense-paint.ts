/**
 * Paints a dense block's density strip on a 2D canvas: band backgrounds, nested ServiceCIDRs,
 * one bar per pixel column group whose height grows with the log of the allocations in it, and
 * markers for highlighted addresses. Only allocations inside the window are visited.
 */
import { IP } from "../net/index.ts";
import { palette, type Theme } from "./colors.ts";
import { fractionOf, visibleRange, type DenseView } from "./dense-view.ts";
import type { BlockModel } from "./servicecidr-model-types.ts";

/** Pixels per density bar: wide enough to see, narrow enough to resolve clusters. */
const BAR_PX = 3;
const RULER_PX = 3;

export interface PaintInput {
  block: BlockModel;
  nested: readonly BlockModel[];
  view: DenseView;
  theme: Theme;
  highlighted: ReadonlySet<string>;
  /** True when the strip shows cells instead of bars. */
  cellView: boolean;
}

export function paintStrip(g: CanvasRenderingContext2D, w: number, h: number, p: PaintInput): void {
  const pal = palette(p.theme);
  const { block: b, view } = p;
  g.clearRect(0, 0, w, h);
  const xOf = (offset: bigint): number => Math.min(w, Math.max(0, fractionOf(view, offset) * w));
  const span = (first: bigint, lastInclusive: bigint, color: string, y: number, height: number): void => {
    const x0 = xOf(first);
    const x1 = xOf(lastInclusive + 1n);
    if (x1 <= 0 || x0 >= w || x1 <= x0) return;
    g.fillStyle = color;
    g.fillRect(x0, y, Math.max(1, x1 - x0), height);
  };

  // Zoomed in to cells, the cells draw the bands themselves; the canvas only keeps nested frames.
  if (!p.cellView) {
    span(0n, b.size - 1n, pal.free, 0, h);
    if (b.static) {
      span(b.static.firstOffset, b.static.lastOffset, pal.freeStatic, 0, h);
      span(b.static.firstOffset, b.static.lastOffset, pal.staticBand, h - RULER_PX, RULER_PX);
    }
    for (const r of b.reserved) span(r.offset, r.offset, pal.reserved, 0, h);
  }
  for (const n of p.nested) {
    const first = n.network - b.network;
    g.globalAlpha = n.phase === "terminating" ? 0.1 : 0.18;
    span(first, first + n.size - 1n, pal.nested, 0, h);
    g.globalAlpha = 1;
    span(first, first + n.size - 1n, pal.nested, 0, 2);
  }
  if (!p.cellView) paintBars(g, w, h, p);
  paintHighlights(g, w, p, pal.highlight);
}

function paintBars(g: CanvasRenderingContext2D, w: number, h: number, p: PaintInput): void {
  const pal = palette(p.theme);
  const { block: b, view } = p;
  const bins = Math.max(1, Math.floor(w / BAR_PX));
  const counts = new Uint32Array(bins);
  const colors: (string | null)[] = new Array<string | null>(bins).fill(null);
  const blocking = new Uint8Array(bins);
  const [from, to] = visibleRange(b.allocations, view);
  const n = BigInt(bins);
  for (let i = from; i < to; i++) {
    const a = b.allocations[i]!;
    const bin = Number(((a.offset - view.start) * n) / view.span);
    counts[bin]!++;
    // The two system Services win the bar's colour: they are what a learner looks for first.
    if (a.role === "kubernetes") colors[bin] = pal.kubernetes;
    else if (a.role === "kube-dns" && colors[bin] !== pal.kubernetes) colors[bin] = pal.kubeDns;
    if (a.blocking) blocking[bin] = 1;
  }
  let max = 0;
  for (const c of counts) max = Math.max(max, c);
  if (max === 0) return;
  const room = h - RULER_PX - 8;
  for (let i = 0; i < bins; i++) {
    const c = counts[i]!;
    if (c === 0) continue;
    const bh = 6 + (room - 6) * (Math.log1p(c) / Math.log1p(max));
    const x = (i * w) / bins;
    const y = h - RULER_PX - 1 - bh;
    g.fillStyle = colors[i] ?? pal.density;
    g.fillRect(x, y, Math.max(1.5, w / bins - 0.5), bh);
    if (blocking[i]) {
      g.strokeStyle = pal.blocking;
      g.lineWidth = 1.5;
      g.strokeRect(x - 0.5, y - 0.5, Math.max(1.5, w / bins) + 0.5, bh + 1);
    }
  }
}

function paintHighlights(g: CanvasRenderingContext2D, w: number, p: PaintInput, color: string): void {
  g.fillStyle = color;
  for (const text of p.highlighted) {
    const ip = IP.tryParse(text);
    if (ip === null || ip.family !== p.block.family) continue;
    const offset = ip.value - p.block.network;
    if (offset < 0n || offset >= p.block.size) continue;
    const f = fractionOf(p.view, offset) + 0.5 / Number(p.view.span);
    if (f < 0 || f > 1) continue;
    const x = f * w;
    g.beginPath();
    g.moveTo(x - 6, 0);
    g.lineTo(x + 6, 0);
    g.lineTo(x, 9);
    g.closePath();
    g.fill();
  }
}

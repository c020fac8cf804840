/**
 * The visible window of a dense block's density strip, in bigint address offsets.
 *
 * d3-zoom keeps its transform in floats, and a double cannot tell neighbouring addresses apart in
 * an IPv6 /64 (2^64 addresses, 53-bit mantissa). So the strip only reads zoom *deltas* from d3-zoom
 * (a scale ratio and a shift, both well within float precision) and keeps the window itself here,
 * exactly, which lets a learner zoom all the way down to single addresses anywhere in the range.
 */

export interface DenseView {
  /** First visible offset. */
  start: bigint;
  /** Number of visible addresses (>= 1). */
  span: bigint;
}

/** Narrowest window: a few addresses, each wide enough to click. */
export const MIN_SPAN = 16n;
/** At or below this many visible addresses the strip draws focusable cells. */
export const CELL_VIEW_MAX = 64n;

const SCALE = 1n << 32n;

/** x * f for a float f, exact enough for a window: f is carried with 32 fractional bits. */
export function scaleBig(x: bigint, f: number): bigint {
  if (!Number.isFinite(f)) return x;
  return (x * BigInt(Math.round(f * Number(SCALE)))) / SCALE;
}

export function fullView(size: bigint): DenseView {
  return { start: 0n, span: size };
}

export function clampView(v: DenseView, size: bigint): DenseView {
  const minSpan = size < MIN_SPAN ? size : MIN_SPAN;
  const span = v.span < minSpan ? minSpan : v.span > size ? size : v.span;
  const maxStart = size - span;
  const start = v.start < 0n ? 0n : v.start > maxStart ? maxStart : v.start;
  return { start, span };
}

/**
 * Applies one d3-zoom step. With the old transform (k0, x0) and the new (k1, x1), a point at screen
 * x moves to ratio * x + shift where ratio = k1 / k0 and shift = x1 - ratio * x0. Without scaling
 * that is a pan; with it, the step is a zoom about its one fixed point, shift / (1 - ratio), which
 * stays put even when the window is already as narrow (or wide) as it may get.
 */
export function applyZoomStep(v: DenseView, size: bigint, ratio: number, shiftPx: number, widthPx: number): DenseView {
  if (!(ratio > 0) || !(widthPx > 0)) return v;
  if (Math.abs(ratio - 1) < 1e-9) return dragBy(v, size, shiftPx, widthPx).view;
  return zoomAt(v, size, ratio, shiftPx / (1 - ratio) / widthPx);
}

/**
 * Drags the window by `px` pixels (positive shows lower addresses). Only whole addresses move, and
 * the pixels not yet worth an address come back as `leftoverPx` for the next event, so a slow drag
 * over a narrow window still pans instead of rounding every step to nothing.
 */
export function dragBy(v: DenseView, size: bigint, px: number, widthPx: number): { view: DenseView; leftoverPx: number } {
  if (!(widthPx > 0)) return { view: v, leftoverPx: 0 };
  const move = scaleBig(v.span, px / widthPx);
  const pxPerAddress = widthPx / Number(v.span);
  const leftoverPx = px - Number(move) * pxPerAddress;
  return { view: clampView({ start: v.start - move, span: v.span }, size), leftoverPx };
}

/** Zoom by `factor` (> 1 zooms in) keeping the address at `anchor` (0..1 of the width) in place. */
export function zoomAt(v: DenseView, size: bigint, factor: number, anchor: number): DenseView {
  const at = v.start + scaleBig(v.span, anchor);
  const span = clampView({ start: 0n, span: scaleBig(v.span, 1 / factor) }, size).span;
  return clampView({ start: at - scaleBig(span, anchor), span }, size);
}

/** Pan by a fraction of the visible width (negative moves toward lower addresses). */
export function panBy(v: DenseView, size: bigint, fraction: number): DenseView {
  const step = scaleBig(v.span, fraction);
  const move = step === 0n ? BigInt(Math.sign(fraction)) : step;
  return clampView({ start: v.start + move, span: v.span }, size);
}

/** The window centred on `offset`, `span` wide: where "show this IP" jumps to. */
export function viewAround(offset: bigint, span: bigint, size: bigint): DenseView {
  return clampView({ start: offset - span / 2n, span }, size);
}

/** Index of the first item with offset >= `at` in a list sorted by offset. */
export function lowerBound(items: readonly { offset: bigint }[], at: bigint): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.offset < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The slice of a sorted list inside the window: [from, to). Visits O(log n) items. */
export function visibleRange(items: readonly { offset: bigint }[], v: DenseView): [number, number] {
  return [lowerBound(items, v.start), lowerBound(items, v.start + v.span)];
}

/** How many items fall in each of `bins` equal slices of the window; only visible items are visited. */
export function binCounts(items: readonly { offset: bigint }[], v: DenseView, bins: number): Uint32Array {
  const out = new Uint32Array(Math.max(0, bins));
  if (bins <= 0) return out;
  const [from, to] = visibleRange(items, v);
  const n = BigInt(bins);
  for (let i = from; i < to; i++) out[Number(((items[i]!.offset - v.start) * n) / v.span)]!++;
  return out;
}

/** Where an offset lands across the window, 0..1 (may fall outside when not visible). */
export function fractionOf(v: DenseView, offset: bigint): number {
  // Subtract in bigint first, so the float only ever holds a window-sized number.
  return Number(offset - v.start) / Number(v.span);
}

/** The offsets of every visible address, for the cell view; empty when there are too many. */
export function visibleOffsets(v: DenseView): bigint[] {
  if (v.span > CELL_VIEW_MAX) return [];
  const out: bigint[] = [];
  for (let o = v.start; o < v.start + v.span; o++) out.push(o);
  return out;
}

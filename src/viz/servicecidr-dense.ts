/**
 * DenseStrip shows a block too large for one cell per address (a /21 and up, any realistic IPv6
 * range) as a canvas density strip. d3-zoom supplies the gestures (wheel, pinch, drag, double
 * click); the window itself is kept exactly in bigint by dense-view.ts. Once 64 addresses or fewer
 * are visible the strip lays focusable SVG cells over the canvas, so single addresses can be read,
 * tabbed to and selected just like in a small block.
 */
import { select } from "d3-selection";
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomTransform } from "d3-zoom";
import { IP } from "../net/index.ts";
import { windowCells } from "./dense-cells.ts";
import { paintStrip } from "./dense-paint.ts";
import { CELL_VIEW_MAX, applyZoomStep, clampView, dragBy, fullView, panBy, viewAround, zoomAt, type DenseView } from "./dense-view.ts";
import { fill, label } from "./labels.ts";
import { createCellGrid, type GridContext } from "./servicecidr-cells.ts";
import type { BlockModel } from "./servicecidr-model-types.ts";
import { formatCount, usedText } from "./servicecidr-text.ts";

export interface DenseContext extends GridContext {
  reducedMotion(): boolean;
}

export interface DenseStrip {
  update(block: BlockModel, nested: readonly BlockModel[]): void;
  highlight(): void;
  destroy(): void;
}

export function createDenseStrip(parent: HTMLElement, ctx: DenseContext): DenseStrip {
  const doc = parent.ownerDocument;
  const win = doc.defaultView;
  const strip = doc.createElement("div");
  strip.className = "scm-strip";
  strip.tabIndex = 0;
  strip.setAttribute("role", "group");
  strip.setAttribute("aria-roledescription", "density strip");
  const canvas = doc.createElement("canvas");
  canvas.setAttribute("aria-hidden", "true");
  strip.append(canvas);
  const grid = createCellGrid(strip, ctx, (dir) => {
    // Arrowing past the last visible address slides the window by one address.
    view = clampView({ start: view.start + BigInt(dir), span: view.span }, block!.size);
    draw();
    grid.focusIndex(dir < 0 ? 0 : Number(view.span) - 1);
  });
  const axis = doc.createElement("div");
  axis.className = "scm-axis";
  const startText = doc.createElement("span");
  const mid = doc.createElement("span");
  mid.className = "scm-axis-mid";
  const spanText = doc.createElement("span");
  const toHighlight = doc.createElement("button");
  toHighlight.type = "button";
  const reset = doc.createElement("button");
  reset.type = "button";
  const endText = doc.createElement("span");
  mid.append(spanText, toHighlight, reset);
  axis.append(startText, mid, endText);
  parent.append(strip, axis);

  let block: BlockModel | null = null;
  let nested: readonly BlockModel[] = [];
  let view: DenseView = { start: 0n, span: 1n };
  let frame: number | null = null;
  let size: { width: number; height: number } | null = null;

  function draw(): void {
    frame = null;
    if (!block) return;
    const b = block;
    const cellView = view.span <= CELL_VIEW_MAX;
    // The size the ResizeObserver last reported: reading clientWidth here would force a layout of
    // the whole page in the middle of an update.
    const w = size?.width ?? strip.clientWidth;
    const h = size?.height ?? strip.clientHeight;
    const g = canvas.getContext("2d");
    if (g && w > 0 && h > 0) {
      const dpr = win?.devicePixelRatio ?? 1;
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      paintStrip(g, w, h, { block: b, nested, view, theme: ctx.theme, highlighted: ctx.highlighted(), cellView });
    }
    const cells = windowCells(b, view);
    strip.classList.toggle("scm-strip-zoomed", cellView);
    grid.svg.style.display = cells.length > 0 ? "" : "none";
    grid.update(cells, Math.max(1, cells.length), [], `${b.cidr}: ${startIP()} – ${endIP()}`);
    startText.textContent = startIP();
    endText.textContent = endIP();
    spanText.textContent = fill(ctx.labels, "map.zoom.span", { count: formatCount(view.span) });
    reset.textContent = label(ctx.labels, "map.zoom.reset");
    reset.hidden = view.span === b.size;
    const target = highlightedIn(b);
    toHighlight.hidden = target === null;
    toHighlight.textContent = target === null ? "" : fill(ctx.labels, "map.zoom.to", { ip: target });
  }

  const schedule = (): void => {
    if (frame !== null) return;
    if (win?.requestAnimationFrame) frame = win.requestAnimationFrame(draw);
    else draw();
  };

  const startIP = (): string => IP.fromBigInt(block!.network + view.start, block!.family).toString();
  const endIP = (): string => IP.fromBigInt(block!.network + view.start + view.span - 1n, block!.family).toString();

  /** The first highlighted address inside this block, which the zoom-to button jumps to. */
  function highlightedIn(b: BlockModel): string | null {
    for (const text of ctx.highlighted()) {
      const ip = IP.tryParse(text);
      if (ip && ip.family === b.family && ip.value >= b.network && ip.value < b.network + b.size) return text;
    }
    return null;
  }

  toHighlight.addEventListener("click", () => {
    const text = block ? highlightedIn(block) : null;
    if (!block || text === null) return;
    view = viewAround(IP.parse(text).value - block.network, CELL_VIEW_MAX / 2n, block.size);
    draw();
  });
  reset.addEventListener("click", () => {
    if (!block) return;
    view = fullView(block.size);
    draw();
  });

  // d3-zoom reports float transforms; only their step-to-step change is used, and the transform is
  // reset to identity after each gesture so it never grows large enough to lose precision.
  let prev: ZoomTransform = zoomIdentity;
  let leftoverPx = 0;
  let resetting = false;
  const behavior = zoom<HTMLDivElement, unknown>()
    .on("zoom", (ev: D3ZoomEvent<HTMLDivElement, unknown>) => {
      if (resetting || !block) return;
      const t = ev.transform;
      const ratio = t.k / prev.k;
      const shift = t.x - ratio * prev.x;
      if (ratio === 1) {
        const moved = dragBy(view, block.size, shift + leftoverPx, strip.clientWidth);
        view = moved.view;
        leftoverPx = moved.leftoverPx;
      } else {
        view = applyZoomStep(view, block.size, ratio, shift, strip.clientWidth);
        leftoverPx = 0;
      }
      prev = t;
      schedule();
    })
    .on("end", () => {
      if (resetting) return;
      resetting = true;
      behavior.transform(stripSel, zoomIdentity);
      resetting = false;
      prev = zoomIdentity;
      leftoverPx = 0;
    });
  const stripSel = select(strip);
  stripSel.call(behavior);

  strip.addEventListener("keydown", (ev) => {
    if (ev.target !== strip || !block) return;
    const size = block.size;
    const keys: Record<string, () => DenseView> = {
      "+": () => zoomAt(view, size, 2, 0.5),
      "=": () => zoomAt(view, size, 2, 0.5),
      "-": () => zoomAt(view, size, 0.5, 0.5),
      _: () => zoomAt(view, size, 0.5, 0.5),
      ArrowLeft: () => panBy(view, size, -0.1),
      ArrowRight: () => panBy(view, size, 0.1),
      "0": () => fullView(size),
      Home: () => fullView(size),
    };
    const act = keys[ev.key];
    if (!act) return;
    ev.preventDefault();
    view = act();
    draw();
  });

  const observer = win?.ResizeObserver
    ? new win.ResizeObserver((entries) => {
        const r = entries[entries.length - 1]!.contentRect;
        size = { width: r.width, height: r.height };
        schedule();
      })
    : null;
  observer?.observe(strip);

  return {
    update(b: BlockModel, n: readonly BlockModel[]) {
      // The same CIDR always has the same size, so the learner's zoom survives updates.
      if (block === null || block.size !== b.size) view = fullView(b.size);
      block = b;
      nested = n;
      behavior.duration(ctx.reducedMotion() ? 0 : 250);
      strip.setAttribute(
        "aria-label",
        `${b.cidr}: ${usedText(b.counts.used, b.counts.capacity, ctx.labels)}. ${label(ctx.labels, "map.zoom.hint")}`,
      );
      // Painted with the next frame: a burst of updates paints once.
      schedule();
    },
    highlight() {
      grid.highlight();
      schedule();
    },
    destroy() {
      if (frame !== null) win?.cancelAnimationFrame(frame);
      observer?.disconnect();
      stripSel.on(".zoom", null);
      grid.destroy();
      strip.remove();
      axis.remove();
    },
  };
}

/**
 * CellGrid draws a list of address cells as an SVG grid, joined by IP so an address keeps its
 * element for life: a state change then animates through CSS (servicecidr-map-style.ts) instead of
 * re-creating nodes, and the focus stays where the learner left it.
 *
 * Used for whole small blocks, for the addresses outside every ServiceCIDR, and for the few
 * addresses a zoomed-in density strip shows. Keyboard: one cell is tabbable (roving tabindex),
 * arrows move, Enter or Space selects.
 */
import { select, type Selection } from "d3-selection";
import { ownerColor, readableOn, roleGlyph, type Theme } from "./colors.ts";
import type { Labels } from "./labels.ts";
import { CELL, GAP, PITCH, cellPosition, nextCellIndex, type Rect } from "./servicecidr-layout.ts";
import type { Cell, Phase } from "./servicecidr-model-types.ts";
import { cellLabel, cellTooltip } from "./servicecidr-text.ts";

const SVG_NS = "http://www.w3.org/2000/svg";
/** Room around the grid for focus and highlight strokes. */
const MARGIN = 3;

export interface GridContext {
  theme: Theme;
  labels: Labels;
  highlighted(): ReadonlySet<string>;
  select(ip: string): void;
}

/** A nested ServiceCIDR's part of the grid, framed over the cells. */
export interface GridRegion {
  id: string;
  phase: Phase;
  rects: Rect[];
}

export interface CellGrid {
  readonly svg: SVGSVGElement;
  update(cells: readonly Cell[], columns: number, regions: readonly GridRegion[], ariaLabel: string): void;
  highlight(): void;
  /** Focus the cell at an index (clamped), for callers that moved the grid's window. */
  focusIndex(index: number): void;
  destroy(): void;
}

type CellSel = Selection<SVGGElement, Cell, SVGGElement, unknown>;

export function createCellGrid(parent: Element, ctx: GridContext, onEdge?: (direction: -1 | 1) => void): CellGrid {
  const doc = parent.ownerDocument;
  const svgEl = doc.createElementNS(SVG_NS, "svg");
  parent.append(svgEl);
  const svg = select(svgEl).attr("class", "scm-grid").attr("role", "group");
  const cellLayer = svg.append("g").attr("class", "scm-cells");
  const regionLayer = svg.append("g").attr("class", "scm-regions");
  let nodes: SVGGElement[] = [];
  let cells: readonly Cell[] = [];
  let columns = 1;
  let active: string | null = null;

  const indexOf = (target: EventTarget | null): number => {
    const g = (target as Element | null)?.closest?.(".scm-cell");
    return g ? nodes.indexOf(g as SVGGElement) : -1;
  };

  const setActive = (i: number, focus: boolean): void => {
    const node = nodes[i];
    if (!node) return;
    for (const n of nodes) n.setAttribute("tabindex", n === node ? "0" : "-1");
    active = cells[i]!.ip;
    if (focus) node.focus();
  };

  svg.on("click", (ev: MouseEvent) => {
    const i = indexOf(ev.target);
    if (i < 0) return;
    setActive(i, true);
    ctx.select(cells[i]!.ip);
  });
  svg.on("focusin", (ev: FocusEvent) => {
    const i = indexOf(ev.target);
    if (i >= 0) setActive(i, false);
  });
  svg.on("keydown", (ev: KeyboardEvent) => {
    const i = indexOf(ev.target);
    if (i < 0) return;
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      ctx.select(cells[i]!.ip);
      return;
    }
    const next = nextCellIndex(i, ev.key, cells.length, columns);
    if (next === null) return;
    ev.preventDefault();
    // Stopping here keeps a surrounding density strip from also reading the arrow as "pan".
    ev.stopPropagation();
    const atEdge = (ev.key === "ArrowLeft" && i === 0) || (ev.key === "ArrowRight" && i === cells.length - 1);
    if (atEdge && onEdge) onEdge(ev.key === "ArrowLeft" ? -1 : 1);
    else setActive(next, true);
  });

  function update(next: readonly Cell[], cols: number, regions: readonly GridRegion[], ariaLabel: string): void {
    cells = next;
    columns = Math.max(1, cols);
    const rows = Math.max(1, Math.ceil(cells.length / columns));
    const w = columns * PITCH - GAP + 2 * MARGIN;
    const h = rows * PITCH - GAP + 2 * MARGIN;
    svg.attr("viewBox", `${-MARGIN} ${-MARGIN} ${w} ${h}`).attr("width", w).attr("height", h).attr("aria-label", ariaLabel);
    const sel = cellLayer
      .selectAll<SVGGElement, Cell>("g.scm-cell")
      .data(cells, (d) => d.ip)
      .join((enter) => enterCells(enter.append("g")));
    sel.order();
    drawCells(sel, ctx, columns);
    nodes = sel.nodes();
    drawRegions(regions);
    const i = Math.max(0, active === null ? -1 : cells.findIndex((c) => c.ip === active));
    const keep = active !== null && cells[i]?.ip === active;
    setActive(keep ? i : defaultIndex(cells), false);
  }

  function drawRegions(regions: readonly GridRegion[]): void {
    const groups = regionLayer
      .selectAll<SVGGElement, GridRegion>("g.scm-region")
      .data(regions, (d) => d.id)
      .join("g")
      .attr("class", "scm-region")
      .attr("data-region", (d) => d.id)
      .attr("data-phase", (d) => d.phase);
    groups
      .selectAll<SVGRectElement, Rect>("rect")
      .data((d) => d.rects)
      .join("rect")
      .attr("x", (r) => r.x)
      .attr("y", (r) => r.y)
      .attr("width", (r) => r.width)
      .attr("height", (r) => r.height)
      .attr("rx", 3);
  }

  return {
    svg: svgEl,
    update,
    highlight() {
      const set = ctx.highlighted();
      cellLayer.selectAll<SVGGElement, Cell>("g.scm-cell").classed("scm-highlighted", (d) => set.has(d.ip));
    },
    focusIndex(index: number) {
      setActive(Math.min(nodes.length - 1, Math.max(0, index)), true);
    },
    destroy() {
      svg.on("click", null).on("focusin", null).on("keydown", null);
      svgEl.remove();
    },
  };
}

/** The first allocated address, else the first usable one: where Tab lands in a fresh grid. */
function defaultIndex(cells: readonly Cell[]): number {
  const allocated = cells.findIndex((c) => c.state === "allocated");
  if (allocated >= 0) return allocated;
  return Math.max(0, cells.findIndex((c) => c.state === "free"));
}

function enterCells(g: CellSel): CellSel {
  g.attr("class", "scm-cell").attr("role", "button").attr("tabindex", -1);
  g.append("title");
  g.append("rect").attr("class", "scm-cell-bg").attr("width", CELL).attr("height", CELL).attr("rx", 3);
  g.append("rect").attr("class", "scm-cell-band").attr("x", 3).attr("y", CELL - 3).attr("width", CELL - 6).attr("height", 2).attr("rx", 1);
  g.append("path").attr("class", "scm-cell-x").attr("d", `M4,${CELL - 4}L${CELL - 4},4`);
  g.append("rect").attr("class", "scm-cell-mark").attr("x", 2).attr("y", 2).attr("width", CELL - 4).attr("height", CELL - 6).attr("rx", 2);
  g.append("text").attr("class", "scm-cell-glyph").attr("x", CELL / 2).attr("y", CELL / 2 - 1);
  return g;
}

function drawCells(sel: CellSel, ctx: GridContext, columns: number): void {
  const hl = ctx.highlighted();
  sel
    .attr("transform", (_d, i) => {
      const p = cellPosition(i, columns);
      return `translate(${p.x},${p.y})`;
    })
    .attr("data-ip", (d) => d.ip)
    .attr("data-state", (d) => d.state)
    .attr("data-band", (d) => d.band)
    .attr("data-owner", (d) => d.owner ?? null)
    .attr("data-role", (d) => d.role ?? null)
    .attr("data-hand-made", (d) => (d.handMade ? "" : null))
    .attr("data-blocking", (d) => (d.blocking ? "" : null))
    .attr("aria-label", (d) => cellLabel(d, ctx.labels))
    .classed("scm-highlighted", (d) => hl.has(d.ip));
  sel.select("title").text((d) => cellTooltip(d, ctx.labels));
  sel.each(function (d) {
    // A released cell keeps its last owner's colour so the mark fades out instead of flashing grey.
    if (d.owner === undefined) return;
    const color = ownerColor({ owner: d.owner, role: d.role, handMade: d.handMade }, ctx.theme);
    const g = select(this);
    g.select(".scm-cell-mark").style("fill", color);
    g.select(".scm-cell-glyph").attr("fill", readableOn(color)).text(roleGlyph(d.role));
  });
}

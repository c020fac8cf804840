/**
 * createPodCIDRView draws the pod network as node IPAM carves it: an overview grid with one square per
 * node range (free ones pale, a node's in its colour), then one row per node with its range as a tile
 * of addresses, its pods as dots at their addresses, and the route to it beside. A factory
 * `(el, opts) → { update, destroy }` like the other views; squares, rows and dots are keyed, so a new
 * pod adds one dot and moves nothing.
 */
import { select } from "d3-selection";
import { ownerColor, type Theme } from "./colors.ts";
import { fill, label, type Labels } from "./labels.ts";
import type { PodCIDRModel, PodDot, PodFamily, Tile } from "./podcidr-model.ts";
import { familyHeadline, podsText, routeText, tileLabel } from "./podcidr-text.ts";
import { formatCount } from "./servicecidr-text.ts";
import { viewRoot } from "./view-root.ts";

export interface PodCIDRViewOptions {
  theme: Theme;
  labels: Labels;
}

export interface PodCIDRView {
  update(model: PodCIDRModel): void;
  destroy(): void;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const SQUARE = 11;
const SQUARE_GAP = 2;
/** A node's tile: 16 × 16 addresses (a /24), the first 256 offsets of a wider range. */
const DOT_PITCH = 6;
const DOT_COLUMNS = 16;

const CSS = `
.pcv-root [hidden] { display: none !important; }
.pcv-root { color: var(--text, var(--scm-text)); display: flex; flex-direction: column; gap: 14px; }
.pcv-family { display: flex; flex-direction: column; gap: 8px; }
.pcv-body { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.pcv-side { display: flex; flex-direction: column; gap: 4px; flex: none; }
.pcv-body .pcv-nodes { flex: 1 1 280px; min-width: 0; }
.pcv-head { margin: 0; font-size: .95em; font-weight: 600; color: var(--muted, var(--scm-muted)); }
.pcv-empty, .pcv-more, .pcv-waiting { margin: 0; color: var(--muted, var(--scm-muted)); font-size: .88em; }
.pcv-waiting { color: var(--warn, var(--scm-warn)); }
.pcv-overview { display: block; max-width: 100%; height: auto; }
.pcv-square { fill: var(--scm-free); transition: fill .3s ease; }
.pcv-square[data-node] { stroke: var(--text, var(--scm-text)); stroke-width: .6; }
.pcv-nodes { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.pcv-node { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 4px 14px; align-items: center; padding: 6px 8px;
  border: 1px solid var(--border, var(--scm-border)); border-radius: var(--radius, 8px); animation: pcv-in .35s ease both; }
.pcv-tile { grid-row: 1 / span 3; display: block; }
.pcv-node { row-gap: 0; padding: 4px 8px; }
.pcv-tile-bg { fill: var(--scm-free); }
.pcv-tile-cell { fill: var(--panel, #fff); opacity: .55; }
.pcv-dot { transition: opacity .3s ease; }
.pcv-node-name, .pcv-pods, .pcv-route { line-height: 1.35; }
.pcv-dot[data-phase="Pending"] { fill-opacity: .35; stroke-width: 1.2; }
.pcv-gw { fill: none; stroke: var(--muted, var(--scm-muted)); stroke-width: 1.2; }
.pcv-node-name { font-weight: 600; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.pcv-node-name code, .pcv-route code { font-family: var(--font-mono, monospace); font-weight: 400; }
.pcv-pods { font-size: .88em; color: var(--muted, var(--scm-muted)); }
.pcv-route { font-size: .88em; }
.pcv-route-label { color: var(--muted, var(--scm-muted)); margin-right: 6px; }
@keyframes pcv-in { from { opacity: 0; } to { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .pcv-root, .pcv-root * { transition: none !important; animation: none !important; } }
`;

export function createPodCIDRView(el: HTMLElement, opts: PodCIDRViewOptions): PodCIDRView {
  const doc = el.ownerDocument;
  const { labels, theme } = opts;
  const root = viewRoot(doc, "pcv-root", label(labels, "pc.label"), theme, CSS);
  const empty = doc.createElement("p");
  empty.className = "pcv-empty";
  empty.textContent = label(labels, "pc.empty");
  const families = doc.createElement("div");
  families.className = "pcv-families";
  const waiting = doc.createElement("p");
  waiting.className = "pcv-waiting";
  root.append(empty, families, waiting);
  el.append(root);

  return {
    update(m) {
      empty.hidden = m.families.length > 0;
      waiting.hidden = m.waiting.length === 0;
      waiting.textContent = fill(labels, "pc.waiting", { nodes: m.waiting.join(", ") });
      select(families)
        .selectAll<HTMLDivElement, PodFamily>("div.pcv-family")
        .data(m.families, (f) => f.clusterCIDR)
        .join((enter) => enter.append((f) => createFamily(doc, f, labels)))
        .each(function (f) {
          updateFamily(this, f, labels, theme);
        });
    },
    destroy() {
      root.remove();
    },
  };
}

function createFamily(doc: Document, f: PodFamily, labels: Labels): HTMLDivElement {
  const el = doc.createElement("div");
  el.className = "pcv-family";
  el.setAttribute("role", "group");
  el.setAttribute("data-family", f.family);
  el.setAttribute("data-cidr", f.clusterCIDR);
  const head = doc.createElement("h3");
  head.className = "pcv-head";
  const svg = doc.createElementNS(SVG_NS, "svg");
  svg.setAttribute("class", "pcv-overview");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", fill(labels, "pc.overview", { cidr: f.clusterCIDR, mask: f.maskSize }));
  const more = doc.createElement("p");
  more.className = "pcv-more";
  const nodes = doc.createElement("ul");
  nodes.className = "pcv-nodes";
  const body = doc.createElement("div");
  body.className = "pcv-body";
  const side = doc.createElement("div");
  side.className = "pcv-side";
  side.append(svg, more);
  body.append(side, nodes);
  el.append(head, body);
  return el;
}

function nodeColor(node: string, theme: Theme): string {
  return ownerColor({ owner: `node/${node}` }, theme);
}

function updateFamily(el: HTMLDivElement, f: PodFamily, labels: Labels, theme: Theme): void {
  const headline = familyHeadline(f, labels);
  el.setAttribute("aria-label", headline);
  select(el).select(".pcv-head").text(headline);
  select(el).select(".pcv-more").attr("hidden", f.hidden > 0n ? null : "").text(fill(labels, "pc.more", { count: formatCount(f.hidden) }));
  const columns = f.tiles.length <= 256 ? 16 : 32;
  const rows = Math.ceil(f.tiles.length / columns);
  const pitch = SQUARE + SQUARE_GAP;
  const svg = select(el).select<SVGSVGElement>("svg.pcv-overview");
  svg.attr("viewBox", `0 0 ${columns * pitch} ${rows * pitch}`).attr("width", columns * pitch).attr("height", rows * pitch);
  svg
    .selectAll<SVGRectElement, Tile>("rect.pcv-square")
    .data(f.tiles, (t) => t.cidr)
    .join((enter) => enter.append("rect").attr("class", "pcv-square").call((r) => r.append("title")))
    .attr("x", (_t, i) => (i % columns) * pitch)
    .attr("y", (_t, i) => Math.floor(i / columns) * pitch)
    .attr("width", SQUARE)
    .attr("height", SQUARE)
    .attr("rx", 2)
    .attr("data-cidr", (t) => t.cidr)
    .attr("data-node", (t) => t.node)
    .style("fill", (t) => (t.node ? nodeColor(t.node, theme) : null))
    .each(function (t) {
      select(this).select("title").text(tileLabel(t, labels));
    });
  const assigned = f.tiles.filter((t) => t.node !== null);
  select(el)
    .select<HTMLUListElement>("ul.pcv-nodes")
    .selectAll<HTMLLIElement, Tile>("li.pcv-node")
    .data(assigned, (t) => `${t.node} ${t.cidr}`)
    .join((enter) => enter.append((t) => createNodeRow(el.ownerDocument, t, labels)))
    .each(function (t) {
      updateNodeRow(this, t, labels, theme);
    })
    .order();
}

function createNodeRow(doc: Document, _t: Tile, labels: Labels): HTMLLIElement {
  const li = doc.createElement("li");
  li.className = "pcv-node";
  const size = DOT_COLUMNS * DOT_PITCH;
  const svg = doc.createElementNS(SVG_NS, "svg");
  svg.setAttribute("class", "pcv-tile");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("aria-hidden", "true");
  const bg = doc.createElementNS(SVG_NS, "rect");
  bg.setAttribute("class", "pcv-tile-bg");
  bg.setAttribute("width", String(size));
  bg.setAttribute("height", String(size));
  bg.setAttribute("rx", "4");
  // cbr0 holds the range's first usable address (.1): a ring marks it.
  const gw = doc.createElementNS(SVG_NS, "rect");
  gw.setAttribute("class", "pcv-gw");
  const p = dotPosition(1);
  gw.setAttribute("x", String(p.x - 2.2));
  gw.setAttribute("y", String(p.y - 2.2));
  gw.setAttribute("width", "4.4");
  gw.setAttribute("height", "4.4");
  const gwTitle = doc.createElementNS(SVG_NS, "title");
  gwTitle.textContent = label(labels, "pc.gateway");
  gw.append(gwTitle);
  const dots = doc.createElementNS(SVG_NS, "g");
  dots.setAttribute("class", "pcv-dots");
  svg.append(bg, gw, dots);
  const name = doc.createElement("div");
  name.className = "pcv-node-name";
  name.append(doc.createElement("span"), doc.createElement("code"));
  const pods = doc.createElement("div");
  pods.className = "pcv-pods";
  const route = doc.createElement("div");
  route.className = "pcv-route";
  const routeLabel = doc.createElement("span");
  routeLabel.className = "pcv-route-label";
  routeLabel.textContent = label(labels, "pc.route");
  route.append(routeLabel, doc.createElement("code"));
  li.append(svg, name, pods, route);
  return li;
}

function dotPosition(offset: number): { x: number; y: number } {
  const i = offset % (DOT_COLUMNS * DOT_COLUMNS);
  return { x: (i % DOT_COLUMNS) * DOT_PITCH + DOT_PITCH / 2, y: Math.floor(i / DOT_COLUMNS) * DOT_PITCH + DOT_PITCH / 2 };
}

function updateNodeRow(li: HTMLLIElement, t: Tile, labels: Labels, theme: Theme): void {
  const color = nodeColor(t.node!, theme);
  li.setAttribute("data-node", t.node!);
  li.setAttribute("data-cidr", t.cidr);
  li.setAttribute("aria-label", `${tileLabel(t, labels)}${t.pods.length ? `: ${t.pods.map((p) => `${p.pod} ${p.ip}`).join(", ")}` : ""}`);
  li.style.borderLeft = `4px solid ${color}`;
  const row = select(li);
  row.select(".pcv-node-name span").text(t.node!);
  row.select(".pcv-node-name code").text(t.cidr);
  row.select(".pcv-pods").text(podsText(t, labels));
  row.select(".pcv-route").attr("hidden", t.route ? null : "");
  row.select(".pcv-route code").text(routeText(t));
  row
    .select("g.pcv-dots")
    .selectAll<SVGCircleElement, PodDot>("circle.pcv-dot")
    .data(t.pods, (p) => `${p.pod} ${p.ip}`)
    .join((enter) => enter.append("circle").attr("class", "pcv-dot").call((c) => c.append("title")))
    .attr("cx", (p) => dotPosition(p.offset).x)
    .attr("cy", (p) => dotPosition(p.offset).y)
    .attr("r", 2.6)
    .attr("data-ip", (p) => p.ip)
    .attr("data-pod", (p) => p.pod)
    .attr("data-phase", (p) => p.phase)
    .style("fill", color)
    .style("stroke", color)
    .each(function (p) {
      select(this).select("title").text(`${p.pod} ${p.ip} (${p.phase})`);
    });
}

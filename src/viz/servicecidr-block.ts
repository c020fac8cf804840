/**
 * BlockView is one outermost CIDR on the map: a header (names, CIDR, phase, use, bands, Ready
 * condition and finalizer badges), its addresses (a cell grid, or a density strip when dense), and
 * a chip for each ServiceCIDR nested inside it, whose addresses are framed within this block's.
 *
 * The header reserves fixed room for every line it may ever show, and the grid's size depends only
 * on the CIDR, so nothing below moves when addresses or conditions change.
 */
import { select } from "d3-selection";
import { label, type Labels } from "./labels.ts";
import { createCellGrid, type CellGrid, type GridRegion } from "./servicecidr-cells.ts";
import { createDenseStrip, type DenseContext, type DenseStrip } from "./servicecidr-dense.ts";
import { gridColumns, rangeRects } from "./servicecidr-layout.ts";
import type { BlockModel, ServiceCIDRMember } from "./servicecidr-model-types.ts";
import { formatCount, phaseWord, rangeText, readyText, usedText } from "./servicecidr-text.ts";

export interface BlockView {
  readonly el: HTMLDivElement;
  update(block: BlockModel, nested: readonly BlockModel[]): void;
  highlight(): void;
  destroy(): void;
}

export function createBlockView(doc: Document, first: BlockModel, ctx: DenseContext): BlockView {
  const el = doc.createElement("div");
  el.className = "scm-block";
  el.setAttribute("role", "group");
  const head = createHead(doc, ctx.labels);
  el.append(head.el);
  // A CIDR's size never changes, so whether it is drawn dense is fixed for the element's life.
  const strip: DenseStrip | null = first.dense ? createDenseStrip(el, ctx) : null;
  const grid: CellGrid | null = first.dense ? null : createCellGrid(el, ctx);
  const chips = doc.createElement("ul");
  chips.className = "scm-nested-list";
  el.append(chips);
  const chipHeads = new Map<string, Head>();

  return {
    el,
    update(b, nested) {
      setBlockAttributes(el, b);
      el.setAttribute("aria-label", `${b.names.join(", ")} ${b.cidr}, ${phaseWord(b.phase, ctx.labels)}, ${usedText(b.counts.used, b.counts.capacity, ctx.labels)}`);
      head.update(b);
      strip?.update(b, nested);
      if (grid) {
        const columns = gridColumns(Number(b.size));
        const regions: GridRegion[] = nested.map((n) => ({
          id: n.id,
          phase: n.phase,
          rects: rangeRects(Number(n.network - b.network), Number(n.size), columns),
        }));
        grid.update(b.cells ?? [], columns, regions, `${b.cidr}: ${label(ctx.labels, "map.cells.hint")}`);
      }
      updateChips(chips, nested, ctx.labels, chipHeads);
    },
    highlight() {
      (strip ?? grid)?.highlight();
    },
    destroy() {
      (strip ?? grid)?.destroy();
      el.remove();
    },
  };
}

function setBlockAttributes(el: Element, b: BlockModel): void {
  el.setAttribute("data-servicecidr", b.names.join(","));
  el.setAttribute("data-cidr", b.cidr);
  el.setAttribute("data-phase", b.phase);
  el.setAttribute("data-dense", String(b.dense));
}

interface Head {
  el: HTMLDivElement;
  update(b: BlockModel): void;
}

function span(doc: Document, className: string): HTMLSpanElement {
  const s = doc.createElement("span");
  s.className = className;
  return s;
}

function createHead(doc: Document, labels: Labels): Head {
  const el = doc.createElement("div");
  el.className = "scm-head";
  const title = doc.createElement("div");
  title.className = "scm-title";
  const names = span(doc, "scm-names");
  const cidr = doc.createElement("code");
  cidr.className = "scm-cidr";
  const phase = span(doc, "scm-phase");
  title.append(names, cidr, phase);
  const meta = doc.createElement("div");
  meta.className = "scm-meta";
  const used = span(doc, "scm-used");
  const bandKey = (kind: "static" | "dynamic"): [HTMLSpanElement, HTMLSpanElement] => {
    const key = span(doc, `scm-band-key scm-band-${kind}`);
    const text = span(doc, "");
    key.append(span(doc, `scm-swatch scm-swatch-${kind}`), text);
    return [key, text];
  };
  const [staticKey, staticText] = bandKey("static");
  const [dynamicKey, dynamicText] = bandKey("dynamic");
  const note = span(doc, "scm-note");
  meta.append(used, staticKey, dynamicKey, note);
  const status = doc.createElement("div");
  status.className = "scm-status";
  el.append(title, meta, status);

  return {
    el,
    update(b) {
      names.textContent = b.names.join(", ");
      cidr.textContent = b.cidr;
      phase.textContent = phaseWord(b.phase, labels);
      used.textContent = usedText(b.counts.used, b.counts.capacity, labels);
      const c = b.counts;
      staticKey.hidden = b.static === null;
      staticText.textContent = `${label(labels, "legend.static")} ${rangeText(b.static)} (${c.static.used}/${formatCount(c.static.capacity)})`;
      dynamicKey.hidden = b.dynamic === null;
      dynamicText.textContent = `${label(labels, "legend.dynamic")} ${rangeText(b.dynamic)} (${c.dynamic.used}/${formatCount(c.dynamic.capacity)})`;
      note.textContent = b.allocatable ? "" : label(labels, "map.allocatable.no");
      updateStatus(status, b.members, labels);
    },
  };
}

/**
 * One line per member: finalizer badges while it is terminating, then its Ready condition. Names
 * prefix the lines only when the block is shared, and identical lines of live members collapse.
 */
function updateStatus(status: HTMLElement, members: readonly ServiceCIDRMember[], labels: Labels): void {
  const shared = members.length > 1;
  const seen = new Set<string>();
  const lines = members.filter((m) => {
    if (m.phase === "terminating") return true;
    const key = readyText(m.ready);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const sel = select(status)
    .selectAll<HTMLSpanElement, ServiceCIDRMember>("span.scm-status-line")
    .data(lines, (m) => m.name)
    .join("span")
    .attr("class", "scm-status-line")
    .attr("data-member", (m) => m.name)
    .attr("title", (m) => [m.name, ...(m.phase === "terminating" ? m.finalizers : []), readyText(m.ready)].join(" · "));
  sel
    .selectAll<HTMLSpanElement, string>("span.scm-finalizer")
    .data((m) => (m.phase === "terminating" ? m.finalizers : []), (f) => f)
    // Badges go before the condition text, which already exists when a live ServiceCIDR starts terminating.
    .join((enter) => enter.insert("span", "span.scm-status-text"))
    .attr("class", "scm-finalizer")
    .attr("data-finalizer", (f) => f)
    .attr("title", label(labels, "legend.finalizer"))
    .text((f) => f);
  sel
    .selectAll<HTMLSpanElement, ServiceCIDRMember>("span.scm-status-text")
    .data((m) => [m])
    .join("span")
    .attr("class", "scm-status-text")
    .text((m) => `${shared ? `${m.name}: ` : ""}${readyText(m.ready)}`);
}

/** Chips are keyed by CIDR; `heads` (owned by the block view) keeps each chip's header between updates. */
function updateChips(list: HTMLUListElement, nested: readonly BlockModel[], labels: Labels, heads: Map<string, Head>): void {
  select(list)
    .selectAll<HTMLLIElement, BlockModel>("li.scm-nested-chip")
    .data(nested, (n) => n.id)
    .join(
      (enter) =>
        enter.append("li").each(function (n) {
          const head = createHead(this.ownerDocument, labels);
          heads.set(n.id, head);
          this.append(head.el);
        }),
      (update) => update,
      (exit) =>
        exit.each((n) => heads.delete(n.id)).remove(),
    )
    .attr("class", "scm-nested-chip")
    .each(function (n) {
      setBlockAttributes(this, n);
      heads.get(n.id)?.update(n);
    });
}

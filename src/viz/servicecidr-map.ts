/**
 * createServiceCIDRMap is the ServiceCIDR map, the product's main view: a plain factory in the
 * xyflow style, `(el, opts) → { update, highlight, destroy }`, attached by a Svelte action in the
 * UI. Each update takes a whole model (buildServiceCIDRModel) and animates the change from the last
 * one: blocks are joined by CIDR and cells by IP, so only what changed moves.
 *
 * Each family has a fixed section (IPv4 above IPv6); inside it, each outermost CIDR is a BlockView.
 * A block whose ServiceCIDRs are gone fades and folds away before it is removed; with
 * prefers-reduced-motion it goes at once.
 */
import { select } from "d3-selection";
import type { Family } from "../net/index.ts";
import { cssVariables, type Theme } from "./colors.ts";
import { label, type Labels } from "./labels.ts";
import { createBlockView, type BlockView } from "./servicecidr-block.ts";
import { createCellGrid, type CellGrid } from "./servicecidr-cells.ts";
import type { DenseContext } from "./servicecidr-dense.ts";
import { MAP_CSS } from "./servicecidr-map-style.ts";
import type { BlockModel, Cell, FamilyModel, ServiceCIDRModel } from "./servicecidr-model-types.ts";

export interface ServiceCIDRMapOptions {
  theme: Theme;
  /** Called with an address the learner clicked or chose with Enter. */
  onSelect?(ip: string): void;
  /** UI strings in the host's language; see labels.ts for the keys and English fallbacks. */
  labels: Labels;
}

export interface ServiceCIDRMap {
  update(model: ServiceCIDRModel): void;
  highlight(ips: string[]): void;
  destroy(): void;
}

/** How long a removed block takes to fold away; matches the transitions in servicecidr-map-style.ts. */
const LEAVE_MS = 450;
const FAMILIES: readonly Family[] = ["IPv4", "IPv6"];
const OUTSIDE_COLUMNS = 16;

interface FamilySection {
  el: HTMLDivElement;
  blocks: HTMLDivElement;
  outside: HTMLDivElement;
  outsideGrid: CellGrid;
}

export function createServiceCIDRMap(el: HTMLElement, opts: ServiceCIDRMapOptions): ServiceCIDRMap {
  const doc = el.ownerDocument;
  const win = doc.defaultView;
  const root = doc.createElement("div");
  root.className = "scm-root";
  root.setAttribute("data-theme", opts.theme);
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", label(opts.labels, "map.label"));
  for (const [k, v] of Object.entries(cssVariables(opts.theme))) root.style.setProperty(k, v);
  const style = doc.createElement("style");
  style.textContent = MAP_CSS;
  root.append(style);
  el.append(root);

  let highlighted: ReadonlySet<string> = new Set();
  const views = new Map<string, BlockView>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const frames = new Set<number>();
  const reducedMotion = (): boolean => win?.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
  const ctx: DenseContext = {
    theme: opts.theme,
    labels: opts.labels,
    highlighted: () => highlighted,
    select: (ip) => opts.onSelect?.(ip),
    reducedMotion,
  };
  const sections = new Map(FAMILIES.map((f) => [f, createSection(f)]));

  function createSection(family: Family): FamilySection {
    // A group, not a <section>: two named sections per map would each become a landmark.
    const s = doc.createElement("div");
    s.className = "scm-family";
    s.setAttribute("role", "group");
    s.setAttribute("data-family", family);
    s.hidden = true;
    const title = doc.createElement("h3");
    title.className = "scm-family-title";
    title.textContent = label(opts.labels, family === "IPv4" ? "map.family.IPv4" : "map.family.IPv6");
    s.setAttribute("aria-label", title.textContent);
    const blocks = doc.createElement("div");
    blocks.className = "scm-blocks";
    const outside = doc.createElement("div");
    outside.className = "scm-block scm-outside";
    outside.hidden = true;
    const head = doc.createElement("div");
    head.className = "scm-title";
    head.textContent = label(opts.labels, "map.outside");
    outside.append(head);
    s.append(title, blocks, outside);
    root.append(s);
    return { el: s, blocks, outside, outsideGrid: createCellGrid(outside, ctx) };
  }

  /** Runs `fn` after the browser has painted the current state, so a class removal transitions. */
  function afterPaint(fn: () => void): void {
    if (!win?.requestAnimationFrame) return fn();
    const a = win.requestAnimationFrame(() => {
      frames.delete(a);
      const b = win.requestAnimationFrame(() => {
        frames.delete(b);
        fn();
      });
      frames.add(b);
    });
    frames.add(a);
  }

  function enterBlock(b: BlockModel): HTMLDivElement {
    const view = createBlockView(doc, b, ctx);
    views.set(b.id, view);
    if (!reducedMotion()) {
      view.el.classList.add("scm-entering");
      afterPaint(() => view.el.classList.remove("scm-entering"));
    }
    return view.el;
  }

  function leaveBlock(node: HTMLDivElement, id: string, section: FamilySection): void {
    // Leaving nodes are out of every later join, so the view under this id is still this node's.
    const view = views.get(id);
    views.delete(id);
    node.classList.add("scm-leaving");
    node.setAttribute("aria-hidden", "true");
    node.setAttribute("data-leaving", "true");
    const done = (): void => {
      view?.destroy();
      node.remove();
      refreshHidden(section);
    };
    if (reducedMotion()) return done();
    // Fold from the measured height so the blocks below slide up instead of jumping.
    node.style.height = `${node.offsetHeight}px`;
    void node.offsetHeight;
    // The negative margin folds the 12px flex gap above the block too (.scm-blocks in the stylesheet).
    Object.assign(node.style, { height: "0px", paddingTop: "0px", paddingBottom: "0px", borderWidth: "0px", marginTop: "-12px" });
    const t = setTimeout(() => {
      timers.delete(t);
      done();
    }, LEAVE_MS);
    timers.add(t);
  }

  function refreshHidden(s: FamilySection): void {
    s.el.hidden = s.blocks.childElementCount === 0 && s.outside.hidden;
  }

  function updateFamily(s: FamilySection, f: FamilyModel | undefined): void {
    const blocks = f?.blocks ?? [];
    const roots = blocks.filter((b) => b.parent === null);
    select(s.blocks)
      .selectChildren<HTMLDivElement, BlockModel>(".scm-block:not(.scm-leaving)")
      .data(roots, (b) => b.id)
      .join(
        (enter) => enter.append((b) => enterBlock(b)),
        (update) => update,
        (exit) => exit.each((b, i, nodes) => leaveBlock(nodes[i] as HTMLDivElement, b.id, s)),
      )
      .each((b) => views.get(b.id)?.update(b, blocks.filter((n) => n.root === b.id && n.id !== b.id)))
      .order();
    const outside = f?.outside ?? [];
    s.outside.hidden = outside.length === 0;
    const cells: Cell[] = outside.map((a, i) => ({
      ip: a.ip,
      offset: i,
      state: "allocated",
      band: "none",
      owner: a.owner,
      role: a.role,
      handMade: a.handMade,
    }));
    s.outsideGrid.update(cells, OUTSIDE_COLUMNS, [], label(opts.labels, "map.outside"));
    refreshHidden(s);
  }

  return {
    update(model) {
      root.classList.toggle("scm-reduced-motion", reducedMotion());
      for (const family of FAMILIES) {
        updateFamily(sections.get(family)!, model.families.find((f) => f.family === family));
      }
    },
    highlight(ips) {
      highlighted = new Set(ips);
      for (const v of views.values()) v.highlight();
      for (const s of sections.values()) s.outsideGrid.highlight();
    },
    destroy() {
      for (const t of timers) clearTimeout(t);
      for (const f of frames) win?.cancelAnimationFrame(f);
      timers.clear();
      frames.clear();
      for (const v of views.values()) v.destroy();
      views.clear();
      for (const s of sections.values()) s.outsideGrid.destroy();
      root.remove();
    },
  };
}

/**
 * createDualStackView draws the IPv4 and IPv6 address spaces side by side: the apiserver's
 * --service-cluster-ip-range above, each family's ServiceCIDRs as strips with a mark per Service IP
 * (policy fences framed over them), and one row per Service with its IPv4 IP under the IPv4 pane, its
 * IPv6 IP under the IPv6 pane and, for a dual-stack Service, a link between the two. Hovering or
 * focusing either IP (or a mark) lights up both; Enter or a click selects them.
 *
 * A plain factory `(el, opts) → { update, highlight, destroy }` like the ServiceCIDR map. Every element
 * is keyed (ranges by name and CIDR, Services by namespace/name), so an update touches only what changed.
 */
import { select, type Selection } from "d3-selection";
import type { Family } from "../net/index.ts";
import { ownerColor, type Theme } from "./colors.ts";
import { fill, label, type Labels } from "./labels.ts";
import { roleOf } from "./owners.ts";
import { DUAL_STACK_CSS } from "./dualstack-style.ts";
import type { DualStackModel, FenceRow, PaneModel, RangeMark, RangeRow, ServiceRow } from "./dualstack-model-types.ts";
import { chipLabel, chipText, fenceNote, fenceText, flagSentence, flagText, rangeFlagNote, rangeLabel, serviceLabel, serviceMeta } from "./dualstack-text.ts";
import { viewRoot } from "./view-root.ts";

export interface DualStackViewOptions {
  theme: Theme;
  labels: Labels;
  /** A Service's IPs, when the learner clicks one of them or presses Enter on it. */
  onSelect?(ips: string[]): void;
}

export interface DualStackView {
  update(model: DualStackModel): void;
  /** IPs to light up from outside (the trace, a lesson goal). */
  highlight(ips: readonly string[]): void;
  destroy(): void;
}

const SVG_NS = "http://www.w3.org/2000/svg";
/** The strip's user units across: marks and fences are placed in these, the SVG stretches to fit. */
const STRIP_W = 1000;
const STRIP_H = 22;
/** A fence or mark narrower than this would vanish: /24 inside a /12 is 1/4096 of the strip. */
const MIN_FENCE_W = 4;

export function createDualStackView(el: HTMLElement, opts: DualStackViewOptions): DualStackView {
  const doc = el.ownerDocument;
  const win = doc.defaultView;
  const labels = opts.labels;
  const root = viewRoot(doc, "dsv-root", label(labels, "ds.label"), opts.theme, DUAL_STACK_CSS);
  root.setAttribute("data-theme", opts.theme);

  const flag = doc.createElement("div");
  flag.className = "dsv-flag";
  flag.hidden = true;
  const flagHead = doc.createElement("div");
  flagHead.className = "dsv-flag-head";
  const flagTitle = doc.createElement("span");
  flagTitle.className = "dsv-flag-title";
  flagTitle.textContent = label(labels, "ds.flag.title");
  const flagCode = doc.createElement("code");
  flagHead.append(flagTitle, flagCode);
  const flagState = doc.createElement("div");
  flagState.className = "dsv-flag-state";
  const flagEvent = doc.createElement("div");
  flagEvent.className = "dsv-event";
  flag.append(flagHead, flagState, flagEvent);

  const cols = doc.createElement("div");
  cols.className = "dsv-cols";
  const panes = new Map<Family, PaneElements>((["IPv4", "IPv6"] as const).map((f) => [f, createPane(doc, cols, f, labels)]));

  const servicesTitle = doc.createElement("h3");
  servicesTitle.className = "dsv-services-title";
  servicesTitle.textContent = label(labels, "ds.services");
  const servicesEmpty = doc.createElement("p");
  servicesEmpty.className = "dsv-empty";
  servicesEmpty.textContent = label(labels, "ds.services.empty");
  const services = doc.createElement("ul");
  services.className = "dsv-list dsv-services";
  services.setAttribute("aria-label", label(labels, "ds.services"));
  root.append(flag, cols, servicesTitle, servicesEmpty, services);
  el.append(root);

  let model: DualStackModel | null = null;
  let outside: ReadonlySet<string> = new Set();
  let hovered: string | null = null;
  const reducedMotion = (): boolean => win?.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;

  /** The Service an event's target belongs to (chips, links, rows and marks carry data-service). */
  const serviceAt = (target: EventTarget | null): string | null =>
    (target as Element | null)?.closest?.("[data-service]")?.getAttribute("data-service") ?? null;
  const ipsOf = (key: string): string[] => {
    const row = model?.services.find((s) => s.key === key);
    return row ? (Object.values(row.ips) as string[]) : [];
  };
  const setHover = (key: string | null): void => {
    if (key === hovered) return;
    hovered = key;
    applyHighlight();
  };
  const onOver = (ev: Event): void => setHover(serviceAt(ev.target));
  const onOut = (ev: Event): void => {
    if (!root.contains((ev as FocusEvent).relatedTarget as Node | null) || serviceAt((ev as FocusEvent).relatedTarget) === null) setHover(null);
  };
  const onActivate = (ev: Event): void => {
    if (ev instanceof KeyboardEvent && ev.key !== "Enter" && ev.key !== " ") return;
    const chip = (ev.target as Element | null)?.closest?.(".dsv-chip:not([data-empty])");
    const key = chip ? serviceAt(chip) : null;
    if (!key) return;
    ev.preventDefault();
    opts.onSelect?.(ipsOf(key));
  };
  root.addEventListener("pointerover", onOver);
  root.addEventListener("pointerout", onOut);
  root.addEventListener("focusin", onOver);
  root.addEventListener("focusout", onOut);
  root.addEventListener("click", onActivate);
  root.addEventListener("keydown", onActivate);

  /** Both IPs of the hovered Service, plus whatever the page asked to light up. */
  function applyHighlight(): void {
    const keys = new Set<string>();
    if (hovered) keys.add(hovered);
    for (const s of model?.services ?? []) if (Object.values(s.ips).some((ip) => outside.has(ip!))) keys.add(s.key);
    root.querySelectorAll("[data-service]").forEach((n) => n.classList.toggle("dsv-hl", keys.has(n.getAttribute("data-service")!) && !n.classList.contains("dsv-svc")));
  }

  function updateFlag(m: DualStackModel): void {
    const f = m.flag;
    flag.hidden = f === null;
    if (!f) return;
    flag.setAttribute("data-state", f.state);
    flagCode.textContent = f.state === "down" ? "kube-apiserver" : `kube-apiserver ${flagText(f)}`;
    flagState.textContent = flagSentence(f, labels);
    flagEvent.textContent = f.eventMessage ? `KubernetesDefaultServiceCIDRInconsistent: ${f.eventMessage}` : "";
    flagEvent.hidden = !f.eventMessage;
  }

  return {
    update(m) {
      model = m;
      root.classList.toggle("dsv-reduced-motion", reducedMotion());
      updateFlag(m);
      for (const p of m.panes) updatePane(panes.get(p.family)!, p, m, labels, opts.theme);
      servicesEmpty.hidden = m.services.length > 0;
      updateServices(services, m.services, labels, opts.theme);
      applyHighlight();
    },
    highlight(ips) {
      outside = new Set(ips);
      applyHighlight();
    },
    destroy() {
      root.removeEventListener("pointerover", onOver);
      root.removeEventListener("pointerout", onOut);
      root.removeEventListener("focusin", onOver);
      root.removeEventListener("focusout", onOut);
      root.removeEventListener("click", onActivate);
      root.removeEventListener("keydown", onActivate);
      root.remove();
    },
  };
}

interface PaneElements {
  el: HTMLDivElement;
  flag: HTMLSpanElement;
  fences: HTMLUListElement;
  ranges: HTMLUListElement;
  empty: HTMLParagraphElement;
}

function createPane(doc: Document, parent: HTMLElement, family: Family, labels: Labels): PaneElements {
  const el = doc.createElement("div");
  el.className = "dsv-pane";
  el.setAttribute("role", "group");
  el.setAttribute("data-family", family);
  el.setAttribute("aria-label", label(labels, family === "IPv4" ? "map.family.IPv4" : "map.family.IPv6"));
  const title = doc.createElement("h3");
  title.className = "dsv-pane-title";
  const name = doc.createElement("span");
  name.textContent = label(labels, family === "IPv4" ? "map.family.IPv4" : "map.family.IPv6");
  const flag = doc.createElement("span");
  flag.className = "dsv-pane-flag";
  title.append(name, flag);
  const fences = doc.createElement("ul");
  fences.className = "dsv-list dsv-fences";
  const ranges = doc.createElement("ul");
  ranges.className = "dsv-list dsv-ranges";
  const empty = doc.createElement("p");
  empty.className = "dsv-empty";
  empty.textContent = label(labels, family === "IPv4" ? "ds.empty.IPv4" : "ds.empty.IPv6");
  el.append(title, fences, ranges, empty);
  parent.append(el);
  return { el, flag, fences, ranges, empty };
}

function updatePane(p: PaneElements, pane: PaneModel, m: DualStackModel, labels: Labels, theme: Theme): void {
  p.el.setAttribute("data-empty", String(pane.ranges.length === 0));
  p.flag.textContent = pane.flagCIDR ?? "";
  p.empty.hidden = pane.ranges.length > 0;
  select(p.fences)
    .selectAll<HTMLLIElement, FenceRow>("li.dsv-fence")
    .data(pane.fences, (f) => `${f.policy}/${f.binding}`)
    .join("li")
    .attr("class", "dsv-fence")
    .attr("data-policy", (f) => f.policy)
    .attr("data-binding", (f) => f.binding)
    .text((f) => fenceText(f, labels));
  select(p.ranges)
    .selectAll<HTMLLIElement, RangeRow>("li.dsv-range")
    .data(pane.ranges, (r) => r.id)
    .join((enter) => enter.append((r) => createRange(p.el.ownerDocument, r)))
    .each(function (r) {
      updateRange(this, r, m, labels, theme);
    })
    .order();
}

function createRange(doc: Document, _r: RangeRow): HTMLLIElement {
  const li = doc.createElement("li");
  li.className = "dsv-range";
  const head = doc.createElement("div");
  head.className = "dsv-range-head";
  for (const cls of ["dsv-range-name", "dsv-range-cidr", "dsv-note dsv-note-flag", "dsv-note dsv-note-fence", "dsv-note dsv-note-phase"]) {
    const s = doc.createElement(cls === "dsv-range-cidr" ? "code" : "span");
    s.className = cls;
    head.append(s);
  }
  const svg = doc.createElementNS(SVG_NS, "svg");
  svg.setAttribute("class", "dsv-strip");
  svg.setAttribute("viewBox", `0 0 ${STRIP_W} ${STRIP_H}`);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("aria-hidden", "true");
  const bg = doc.createElementNS(SVG_NS, "rect");
  bg.setAttribute("class", "dsv-strip-bg");
  bg.setAttribute("width", String(STRIP_W));
  bg.setAttribute("height", String(STRIP_H));
  bg.setAttribute("rx", "3");
  const fences = doc.createElementNS(SVG_NS, "g");
  fences.setAttribute("class", "dsv-strip-fences");
  const marks = doc.createElementNS(SVG_NS, "g");
  marks.setAttribute("class", "dsv-strip-marks");
  svg.append(bg, fences, marks);
  li.append(head, svg);
  return li;
}

function updateRange(li: HTMLLIElement, r: RangeRow, _m: DualStackModel, labels: Labels, theme: Theme): void {
  li.setAttribute("data-servicecidr", r.name);
  li.setAttribute("data-cidr", r.cidr);
  li.setAttribute("aria-label", rangeLabel(r, labels));
  li.toggleAttribute("data-default", r.isDefault);
  li.toggleAttribute("data-terminating", r.terminating);
  if (r.flagMatches === null) li.removeAttribute("data-flag");
  else li.setAttribute("data-flag", r.flagMatches ? "match" : "differs");
  const head = select(li).select(".dsv-range-head");
  head.select(".dsv-range-name").text(r.name);
  head.select(".dsv-range-cidr").text(r.cidr);
  const flagNote = rangeFlagNote(r, labels);
  head.select(".dsv-note-flag").text(flagNote).attr("hidden", flagNote ? null : "").attr("data-kind", r.flagMatches === false ? "flag-differs" : "flag");
  const fence = fenceNote(r, labels);
  head.select(".dsv-note-fence").text(fence).attr("hidden", fence ? null : "").attr("data-kind", r.insideFence === false ? "fence-outside" : "fence-inside");
  head.select(".dsv-note-phase").text(r.terminating ? label(labels, "legend.terminating") : "").attr("hidden", r.terminating ? null : "");
  const svg = select(li).select<SVGSVGElement>("svg");
  svg
    .select("g.dsv-strip-fences")
    .selectAll<SVGRectElement, RangeRow["fences"][number]>("rect")
    .data(r.fences, (f) => `${f.policy}/${f.binding}/${f.cidr}`)
    .join("rect")
    .attr("class", "dsv-strip-fence")
    .attr("data-policy", (f) => f.policy)
    .attr("data-fence-cidr", (f) => f.cidr)
    .attr("x", (f) => Math.min(f.start * STRIP_W, STRIP_W - MIN_FENCE_W))
    .attr("y", 1)
    .attr("width", (f) => Math.max(MIN_FENCE_W, (f.end - f.start) * STRIP_W))
    .attr("height", STRIP_H - 2)
    .attr("vector-effect", "non-scaling-stroke");
  svg
    .select("g.dsv-strip-marks")
    .selectAll<SVGLineElement, RangeMark>("line")
    .data(r.marks, (x) => x.ip)
    .join("line")
    .attr("class", "dsv-mark")
    .attr("data-ip", (x) => x.ip)
    .attr("data-service", (x) => x.service)
    .attr("x1", (x) => markX(x.position))
    .attr("x2", (x) => markX(x.position))
    .attr("y1", 2)
    .attr("y2", STRIP_H - 2)
    .attr("vector-effect", "non-scaling-stroke")
    .style("stroke", (x) => serviceColor(x.service, theme));
}

/** Marks keep off the strip's very edges so the first and last addresses stay visible. */
function markX(position: number): number {
  return 3 + position * (STRIP_W - 6);
}

function serviceColor(key: string, theme: Theme): string {
  return ownerColor({ owner: key, role: roleOf(key) }, theme);
}

type ServiceSel = Selection<HTMLLIElement, ServiceRow, HTMLUListElement, unknown>;

function updateServices(list: HTMLUListElement, rows: readonly ServiceRow[], labels: Labels, theme: Theme): void {
  const sel: ServiceSel = select(list)
    .selectAll<HTMLLIElement, ServiceRow>("li.dsv-svc")
    .data(rows, (s) => s.key)
    .join((enter) => enter.append((s) => createServiceRow(list.ownerDocument, s)));
  sel.order().each(function (s) {
    updateServiceRow(this, s, labels, theme);
  });
}

function createServiceRow(doc: Document, _s: ServiceRow): HTMLLIElement {
  const li = doc.createElement("li");
  li.className = "dsv-svc";
  const lab = doc.createElement("div");
  lab.className = "dsv-svc-label";
  const name = doc.createElement("span");
  name.className = "dsv-svc-name";
  const meta = doc.createElement("span");
  meta.className = "dsv-svc-meta";
  lab.append(name, meta);
  const chip = (family: Family): HTMLSpanElement => {
    const c = doc.createElement("span");
    c.className = "dsv-chip";
    c.setAttribute("data-family", family);
    const sw = doc.createElement("span");
    sw.className = "dsv-swatch";
    sw.setAttribute("aria-hidden", "true");
    const text = doc.createElement("span");
    text.className = "dsv-chip-text";
    c.append(sw, text);
    return c;
  };
  const link = doc.createElement("span");
  link.className = "dsv-link";
  link.setAttribute("aria-hidden", "true");
  li.append(lab, chip("IPv4"), link, chip("IPv6"));
  return li;
}

function updateServiceRow(li: HTMLLIElement, s: ServiceRow, labels: Labels, theme: Theme): void {
  li.setAttribute("data-service", s.key);
  li.setAttribute("data-policy", s.policy);
  li.setAttribute("data-families", s.families.join(","));
  li.setAttribute("aria-label", serviceLabel(s, labels));
  li.toggleAttribute("data-linked", s.linked);
  const row = select(li);
  row.select(".dsv-svc-name").text(s.key);
  row.select(".dsv-svc-meta").text(serviceMeta(s, labels));
  const color = serviceColor(s.key, theme);
  row.selectAll<HTMLSpanElement, unknown>(".dsv-chip").each(function () {
    const family = this.getAttribute("data-family") as Family;
    const ip = s.ips[family];
    const has = ip !== undefined;
    const shown = has || s.families.includes(family);
    this.hidden = !shown;
    this.toggleAttribute("data-empty", !has);
    if (has) {
      this.setAttribute("data-ip", ip);
      this.setAttribute("data-service", s.key);
      this.setAttribute("role", "button");
      this.setAttribute("tabindex", "0");
    } else {
      for (const a of ["data-ip", "data-service", "role", "tabindex"]) this.removeAttribute(a);
    }
    this.setAttribute("aria-label", chipLabel(s, family, labels));
    this.setAttribute("title", chipLabel(s, family, labels));
    (this.querySelector(".dsv-swatch") as HTMLElement).style.background = has ? color : "transparent";
    this.querySelector(".dsv-chip-text")!.textContent = chipText(s, family, labels);
  });
  const link = row.select<HTMLSpanElement>(".dsv-link");
  link.attr("hidden", s.linked ? null : "").attr("data-service", s.linked ? s.key : null);
  link.attr("title", s.linked ? fill(labels, "ds.linked", { ip: `${s.ips.IPv4} ↔ ${s.ips.IPv6}` }) : null);
}

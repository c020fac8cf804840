/**
 * The ServiceCIDR map's text twin: one accessible table with a summary row per ServiceCIDR (per
 * CIDR, for a dual-stack one) followed by a row per allocated or reserved address it holds. Screen
 * readers and tests read it instead of the drawing; rows carry the same data-* attributes as the map.
 *
 * twinRows is pure (tested in Node); renderServiceCIDRTwin only turns rows into elements. Rows are
 * keyed and kept between updates, so one more Service beside a thousand touches one row, not all.
 */
import { fill, label, type Labels } from "./labels.ts";
import type { Allocation, BlockModel, FamilyModel, Phase, ServiceCIDRModel } from "./servicecidr-model-types.ts";
import { bandWord, formatCount, ownerText, phaseWord, readyText, stateWord, usedText } from "./servicecidr-text.ts";

export interface TwinSummaryRow {
  kind: "summary";
  servicecidr: string;
  cidr: string;
  phase: Phase;
  /** CIDR · phase · used · finalizers · Ready, for the one wide cell. */
  text: string;
}

export interface TwinAddressRow {
  kind: "address";
  /** Comma-joined names of the block holding the address; "" outside every ServiceCIDR. */
  servicecidr: string;
  ip: string;
  state: "allocated" | "reserved";
  band: string;
  /** The visible cells, already in the host's language. */
  cells: [servicecidr: string, ip: string, state: string, band: string, owner: string];
}

export type TwinRow = TwinSummaryRow | TwinAddressRow;

export function twinRows(model: ServiceCIDRModel, labels: Labels): TwinRow[] {
  const rows: TwinRow[] = [];
  for (const f of model.families) {
    for (const b of f.blocks) {
      for (const m of b.members) rows.push(summaryRow(b, m, labels));
      rows.push(...addressRows(b, model, labels));
    }
    rows.push(...outsideRows(f, labels));
  }
  return rows;
}

function summaryRow(b: BlockModel, m: BlockModel["members"][number], labels: Labels): TwinSummaryRow {
  const fin = m.finalizers.length > 0 ? m.finalizers.join(", ") : label(labels, "twin.none");
  const parts = [
    b.parent ? `${b.cidr} (${fill(labels, "map.nested", { parent: b.parent })})` : b.cidr,
    phaseWord(m.phase, labels),
    usedText(b.counts.used, b.counts.capacity, labels),
    `${label(labels, "legend.static")} ${formatCount(b.counts.static.capacity)}, ${label(labels, "legend.dynamic")} ${formatCount(b.counts.dynamic.capacity)}`,
    `${label(labels, "twin.finalizers")}: ${fin}`,
  ];
  const ready = readyText(m.ready);
  if (ready) parts.push(ready);
  if (m.blockers.length > 0) parts.push(`${label(labels, "legend.holding")}: ${m.blockers.join(", ")}`);
  if (!b.allocatable) parts.push(label(labels, "map.allocatable.no"));
  return { kind: "summary", servicecidr: m.name, cidr: b.cidr, phase: m.phase, text: parts.join(" · ") };
}

function addressRow(names: string, a: Pick<Allocation, "ip" | "band"> & Partial<Allocation>, state: "allocated" | "reserved", labels: Labels, shown: string): TwinAddressRow {
  const owner = a.owner === undefined ? "" : ownerText({ owner: a.owner, role: a.role, handMade: a.handMade }, labels);
  const holding = a.blocking ? ` (${label(labels, "legend.holding")})` : "";
  return {
    kind: "address",
    servicecidr: names,
    ip: a.ip,
    state,
    band: a.band,
    cells: [shown, a.ip, stateWord(state, labels), bandWord(a.band, labels), owner + holding],
  };
}

/**
 * The addresses a block holds, by offset: the allocated IPs it is the holder of, plus (for an
 * outermost block) its network and broadcast addresses, which no nested block can hand out either.
 */
function addressRows(b: BlockModel, model: ServiceCIDRModel, labels: Labels): TwinAddressRow[] {
  const names = b.names.join(",");
  const shown = b.names.join(", ");
  const out: { offset: bigint; row: TwinAddressRow }[] = [];
  if (b.parent === null) {
    for (const r of b.reserved) {
      const a = model.allocations.get(r.ip);
      out.push({ offset: r.offset, row: addressRow(names, { ...a, ip: r.ip, band: "none" }, "reserved", labels, shown) });
    }
  }
  for (const a of b.allocations) {
    if (a.heldBy === b.id) out.push({ offset: a.offset, row: addressRow(names, a, "allocated", labels, shown) });
  }
  out.sort((x, y) => (x.offset < y.offset ? -1 : x.offset > y.offset ? 1 : 0));
  return out.map((x) => x.row);
}

function outsideRows(f: FamilyModel, labels: Labels): TwinAddressRow[] {
  return f.outside.map((a) => addressRow("", a, "allocated", labels, label(labels, "map.outside")));
}

const HEADERS = ["twin.col.servicecidr", "twin.col.ip", "twin.col.state", "twin.col.band", "twin.col.owner"] as const;

/** Writes (or refreshes) the twin table inside `el`; the table, caption and header are kept across updates. */
export function renderServiceCIDRTwin(el: HTMLElement, model: ServiceCIDRModel, labels: Labels): void {
  const doc = el.ownerDocument;
  const table = childWith(el, "data-twin", "servicecidr") ?? createTable(el, doc);
  const caption = childWith(table, "data-part", "caption")!;
  caption.textContent = label(labels, "twin.caption");
  const headRow = childWith(childWith(table, "data-part", "head")!, "data-part", "head-row")!;
  Array.from(headRow.children).forEach((th, i) => (th.textContent = label(labels, HEADERS[i]!)));
  const body = childWith(table, "data-part", "body")!;
  const previous = rowCache.get(body) ?? new Map<string, KeptRow>();
  const next = new Map<string, KeptRow>();
  const wanted: Element[] = [];
  for (const row of twinRows(model, labels)) {
    let key = rowKey(row);
    while (next.has(key)) key += "+";
    const sig = rowSignature(row);
    const old = previous.get(key);
    const kept = old && old.sig === sig ? old : { sig, tr: row.kind === "summary" ? summaryElement(doc, row) : addressElement(doc, row) };
    next.set(key, kept);
    wanted.push(kept.tr);
  }
  rowCache.set(body, next);
  // Walk the rows in order: drop rows the model no longer has, and move or insert only where the
  // wanted element is not already in place; whatever is left after the last wanted row is gone too.
  const keep = new Set<Element>(wanted);
  let cur = body.firstElementChild;
  for (const tr of wanted) {
    while (cur && !keep.has(cur)) {
      const stale = cur;
      cur = cur.nextElementSibling;
      stale.remove();
    }
    if (tr === cur) cur = cur.nextElementSibling;
    else body.insertBefore(tr, cur);
  }
  while (cur) {
    const stale = cur;
    cur = cur.nextElementSibling;
    stale.remove();
  }
}

interface KeptRow {
  sig: string;
  tr: HTMLTableRowElement;
}

const rowCache = new WeakMap<Element, Map<string, KeptRow>>();

function rowKey(row: TwinRow): string {
  return row.kind === "summary" ? `s\u0000${row.servicecidr}\u0000${row.cidr}` : `a\u0000${row.ip}\u0000${row.servicecidr}`;
}

function rowSignature(row: TwinRow): string {
  return row.kind === "summary" ? `${row.phase}\u0000${row.text}` : `${row.state}\u0000${row.band}\u0000${row.cells.join("\u0000")}`;
}

/** Children are looked up by attribute rather than selector so the writer needs only core DOM. */
function childWith(el: Element, name: string, value: string): HTMLElement | null {
  for (const c of Array.from(el.children)) if (c.getAttribute(name) === value) return c as HTMLElement;
  return null;
}

function part<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, name: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  e.setAttribute("data-part", name);
  return e;
}

function createTable(el: HTMLElement, doc: Document): HTMLElement {
  const table = doc.createElement("table");
  table.setAttribute("data-twin", "servicecidr");
  const head = part(doc, "thead", "head");
  const tr = part(doc, "tr", "head-row");
  for (let i = 0; i < HEADERS.length; i++) {
    const th = doc.createElement("th");
    th.setAttribute("scope", "col");
    tr.append(th);
  }
  head.append(tr);
  table.append(part(doc, "caption", "caption"), head, part(doc, "tbody", "body"));
  el.append(table);
  return table;
}

function summaryElement(doc: Document, row: TwinSummaryRow): HTMLTableRowElement {
  const tr = doc.createElement("tr");
  tr.setAttribute("data-servicecidr", row.servicecidr);
  tr.setAttribute("data-cidr", row.cidr);
  tr.setAttribute("data-phase", row.phase);
  const th = doc.createElement("th");
  th.setAttribute("scope", "row");
  th.textContent = row.servicecidr;
  const td = doc.createElement("td");
  td.setAttribute("colspan", "4");
  td.textContent = row.text;
  tr.append(th, td);
  return tr;
}

function addressElement(doc: Document, row: TwinAddressRow): HTMLTableRowElement {
  const tr = doc.createElement("tr");
  tr.setAttribute("data-ip", row.ip);
  tr.setAttribute("data-state", row.state);
  tr.setAttribute("data-band", row.band);
  // Not data-servicecidr: that attribute marks the ServiceCIDR rows themselves, as blocks do in the map.
  tr.setAttribute("data-held-by", row.servicecidr);
  row.cells.forEach((text, i) => {
    // The IP names the row, so it is the row header.
    const cell = doc.createElement(i === 1 ? "th" : "td");
    if (i === 1) cell.setAttribute("scope", "row");
    cell.textContent = text;
    tr.append(cell);
  });
  return tr;
}

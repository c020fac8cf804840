/**
 * createPacketView draws the last followed packet as a calm top-down path: one box per node the packet
 * is on (in the node's colour, the same as its tile in the pod-CIDR view), the hops inside it in order
 * (client pod, DNS, KUBE-SERVICES, the KUBE-SVC draws, the KUBE-SEP's DNAT, the route), then the
 * crossing to the node that holds the endpoint's range (through the cloud's route table on AKS
 * kubenet) and the endpoint pod there. Each hop is a list item whose accessible name says the hop in
 * words; the iptables rule behind it folds out. A factory `(el, opts) → { update, destroy }` like the
 * other views; a new trip redraws, the same trip again changes nothing.
 */
import { ownerColor, type Theme } from "./colors.ts";
import type { Labels } from "./labels.ts";
import type { PacketHop, PacketModel } from "./packet-model.ts";
import { hopLabel, hopLines, hopNode, hopTitle, packetHeadline, PACKET_LABELS } from "./packet-text.ts";
import { viewRoot } from "./view-root.ts";

export interface PacketViewOptions {
  theme: Theme;
  labels: Labels;
}

export interface PacketView {
  update(model: PacketModel | null): void;
  destroy(): void;
}

/** A stretch of the path on one node (or, for the cloud's route table, on none). */
interface Segment {
  node: string | null;
  hops: PacketHop[];
}

const CSS = `
.ppv-root { color: var(--text, var(--scm-text)); display: flex; flex-direction: column; gap: 10px; }
.ppv-root [hidden] { display: none !important; }
.ppv-head { margin: 0; font-size: .95em; font-weight: 600; color: var(--muted, var(--scm-muted)); }
.ppv-head code { font-family: var(--font-mono, monospace); font-weight: 400; color: var(--text, var(--scm-text)); }
.ppv-empty { margin: 0; color: var(--muted, var(--scm-muted)); }
.ppv-path, .ppv-hops { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; }
.ppv-path { gap: 22px; max-width: 46rem; }
.ppv-seg { position: relative; border: 1px solid var(--border, var(--scm-border)); border-left-width: 4px; border-radius: var(--radius, 8px); padding: 6px 10px 8px; }
.ppv-seg + .ppv-seg::before { content: "↓"; position: absolute; top: -21px; left: 14px; color: var(--muted, var(--scm-muted)); font-size: 1.1em; line-height: 20px; }
.ppv-seg[data-cloud] { border-style: dashed; }
.ppv-seg-name { font-size: .8em; font-weight: 600; letter-spacing: .02em; color: var(--muted, var(--scm-muted)); margin-bottom: 2px; }
.ppv-hop { position: relative; padding: 4px 0 4px 16px; animation: ppv-in .35s ease both; }
.ppv-hop::before { content: ""; position: absolute; left: 3px; top: 11px; width: 7px; height: 7px; border-radius: 50%; background: var(--hop, var(--muted, var(--scm-muted))); }
.ppv-hop + .ppv-hop::after { content: ""; position: absolute; left: 6px; top: -4px; height: 14px; border-left: 1px solid var(--border, var(--scm-border)); }
.ppv-title { font-weight: 600; font-size: .92em; }
.ppv-line { display: block; font-family: var(--font-mono, monospace); font-size: .84em; overflow-wrap: anywhere; }
.ppv-hop[data-kind="stop"] .ppv-title { color: var(--warn, var(--scm-warn)); }
.ppv-hop[data-kind="stop"]::before { background: var(--warn, var(--scm-warn)); border-radius: 1px; }
.ppv-rule { margin-top: 2px; font-size: .8em; color: var(--muted, var(--scm-muted)); }
.ppv-rule summary { cursor: pointer; width: fit-content; }
.ppv-rule code { display: block; font-family: var(--font-mono, monospace); overflow-wrap: anywhere; padding: 2px 0 0 2px; }
@keyframes ppv-in { from { opacity: 0; transform: translateY(-2px); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) { .ppv-root, .ppv-root * { transition: none !important; animation: none !important; } }
`;

/** The hops grouped by where they happen: everything up to the route is on the client's node. */
export function segments(m: PacketModel): Segment[] {
  const out: Segment[] = [];
  let current: Segment | null = null;
  for (const h of m.hops) {
    const node = hopNode(h);
    if (h.kind === "client" || h.kind === "cloud-route") current = null;
    if (h.kind === "endpoint" && current && current.node !== node) current = null;
    if (!current) {
      current = { node: h.kind === "cloud-route" ? null : node, hops: [] };
      out.push(current);
    }
    current.hops.push(h);
  }
  return out;
}

function ruleOf(h: PacketHop): string | null {
  return h.kind === "services" || h.kind === "chain" || h.kind === "dnat" ? h.rule || null : null;
}

function word(labels: Labels, key: keyof typeof PACKET_LABELS): string {
  return labels[key] ?? PACKET_LABELS[key];
}

export function createPacketView(el: HTMLElement, opts: PacketViewOptions): PacketView {
  const doc = el.ownerDocument;
  const { labels, theme } = opts;
  const root = viewRoot(doc, "ppv-root", word(labels, "pp.label"), theme, CSS);
  const empty = doc.createElement("p");
  empty.className = "ppv-empty";
  empty.textContent = word(labels, "pp.empty");
  const head = doc.createElement("p");
  head.className = "ppv-head";
  const path = doc.createElement("ol");
  path.className = "ppv-path";
  root.append(empty, head, path);
  el.append(root);
  let shown: string | null = null;

  return {
    update(m) {
      const key = m?.key ?? null;
      if (key === shown) return;
      shown = key;
      empty.hidden = m !== null;
      head.hidden = m === null;
      path.replaceChildren();
      if (!m) return;
      head.textContent = packetHeadline(m, labels);
      let n = 0;
      for (const seg of segments(m)) {
        const li = doc.createElement("li");
        li.className = "ppv-seg";
        const color = seg.node ? ownerColor({ owner: `node/${seg.node}` }, theme) : null;
        if (seg.node) li.setAttribute("data-node", seg.node);
        else li.setAttribute("data-cloud", "");
        if (color) {
          li.style.borderLeftColor = color;
          li.style.setProperty("--hop", color);
        }
        const name = doc.createElement("div");
        name.className = "ppv-seg-name";
        name.textContent = seg.node ? [seg.node, m.nodeIPs[seg.node]].filter(Boolean).join(" · ") : "";
        name.hidden = !seg.node;
        const hops = doc.createElement("ol");
        hops.className = "ppv-hops";
        if (seg.node) hops.setAttribute("aria-label", seg.node);
        for (const h of seg.hops) hops.append(hopItem(doc, h, labels, n++));
        li.append(name, hops);
        path.append(li);
      }
    },
    destroy() {
      root.remove();
    },
  };
}

function hopItem(doc: Document, h: PacketHop, labels: Labels, index: number): HTMLLIElement {
  const li = doc.createElement("li");
  li.className = "ppv-hop";
  li.setAttribute("data-kind", h.kind);
  li.setAttribute("aria-label", hopLabel(h, labels));
  // The hops appear one after the other, as the packet takes them.
  li.style.animationDelay = `${index * 70}ms`;
  const title = doc.createElement("span");
  title.className = "ppv-title";
  title.textContent = hopTitle(h, labels);
  li.append(title);
  for (const line of hopLines(h, labels)) {
    const span = doc.createElement("span");
    span.className = "ppv-line";
    span.textContent = line;
    li.append(span);
  }
  const rule = ruleOf(h);
  if (rule) {
    const details = doc.createElement("details");
    details.className = "ppv-rule";
    const summary = doc.createElement("summary");
    summary.textContent = "iptables-save";
    const code = doc.createElement("code");
    code.textContent = rule;
    details.append(summary, code);
    li.append(details);
  }
  return li;
}

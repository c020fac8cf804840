/**
 * The words the map and its twin share: aria-labels, tooltips, summaries. One place, so a cell's
 * tooltip and its row in the twin can never disagree, and pure, so it is tested in Node.
 */
import { fill, label, type Labels } from "./labels.ts";
import type { AddressRange, BandName, BlockModel, Cell, CellState, ReadyCondition, Role, ServiceCIDRMember } from "./servicecidr-model-types.ts";

export function stateWord(state: CellState, labels: Labels): string {
  if (state === "allocated") return label(labels, "legend.allocated");
  if (state === "reserved") return label(labels, "legend.reserved");
  return label(labels, "legend.free");
}

export function bandWord(band: BandName, labels: Labels): string {
  if (band === "static") return label(labels, "legend.static");
  if (band === "dynamic") return label(labels, "legend.dynamic");
  return label(labels, "map.band.none");
}

export function phaseWord(phase: "ready" | "terminating", labels: Labels): string {
  return label(labels, phase === "terminating" ? "legend.terminating" : "legend.ready");
}

export function roleWord(role: Role | undefined, labels: Labels): string {
  if (role === "kubernetes") return label(labels, "legend.kubernetes");
  if (role === "kube-dns") return label(labels, "legend.kubedns");
  return "";
}

/** "default/web", "default/kubernetes (kubernetes.default)", or the host's word for hand-made. */
export function ownerText(o: { owner?: string; role?: Role; handMade?: boolean }, labels: Labels): string {
  if (o.owner === undefined) return "";
  if (o.handMade) return label(labels, "legend.handmade");
  const role = roleWord(o.role, labels);
  return role && role !== o.owner ? `${o.owner} (${role})` : o.owner;
}

/** Group digits up to ten million; beyond that a power of two reads better than 20 digits. */
export function formatCount(n: bigint): string {
  if (n < 10_000_000n) return groupDigits(n);
  for (const d of [0n, 1n, 2n]) {
    const m = n + d;
    if ((m & (m - 1n)) === 0n) {
      const k = m.toString(2).length - 1;
      return d === 0n ? `2^${k}` : `2^${k} − ${d}`;
    }
  }
  return `≈${Number(n).toExponential(2)}`;
}

function groupDigits(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** "10.96.0.1 – 10.96.0.16" */
export function rangeText(r: AddressRange | null): string {
  return r ? `${r.first} – ${r.last}` : "—";
}

/** "3 used of 254"; Korean reads "254개 중 3개 사용". */
export function usedText(used: number, capacity: bigint, labels: Labels): string {
  return fill(labels, "map.used", { used, capacity: formatCount(capacity) });
}

/** "Ready=False Terminating: There are still IPAddresses …" — kubectl describe's condition shape. */
export function readyText(c: ReadyCondition | null): string {
  if (c === null) return "";
  const head = `Ready=${c.status}${c.reason ? ` ${c.reason}` : ""}`;
  return c.message ? `${head}: ${c.message}` : head;
}

/** One cell's accessible name: IP, state, owner and band, in the order a listener needs them. */
export function cellLabel(cell: Cell, labels: Labels): string {
  const parts = [cell.ip, stateWord(cell.state, labels)];
  const owner = ownerText(cell, labels);
  if (owner) parts.push(owner);
  if (cell.band !== "none") parts.push(bandWord(cell.band, labels));
  if (cell.blocking) parts.push(label(labels, "legend.holding"));
  return parts.join(", ");
}

/** The tooltip: the same facts on separate lines. */
export function cellTooltip(cell: Cell, labels: Labels): string {
  return cellLabel(cell, labels).split(", ").join("\n");
}

/** "kubernetes, extra · 10.96.0.0/24" */
export function blockTitle(b: Pick<BlockModel, "names" | "cidr">): string {
  return `${b.names.join(", ")} · ${b.cidr}`;
}

/** The one-line summary of a ServiceCIDR member: what the twin's summary row and the block's aria-label say. */
export function memberSummary(b: BlockModel, m: ServiceCIDRMember, labels: Labels): string {
  const parts = [m.name, b.cidr, phaseWord(m.phase, labels), usedText(b.counts.used, b.counts.capacity, labels)];
  const fin = m.finalizers.length > 0 ? m.finalizers.join(", ") : label(labels, "twin.none");
  parts.push(`${label(labels, "twin.finalizers")}: ${fin}`);
  const ready = readyText(m.ready);
  if (ready) parts.push(ready);
  return parts.join(" · ");
}

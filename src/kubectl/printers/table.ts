/**
 * The human-readable printer (k8s.io/cli-runtime/pkg/printers/tableprinter.go): upper-cased headers,
 * priority-1 columns only with -o wide, NAMESPACE first with -A, kind-qualified names when several
 * kinds are printed, LABELS with --show-labels, one column per -L key.
 */
import type { TableResult } from "../../apiserver/client.ts";
import { formatLabels } from "../../apiserver/machinery/labels.ts";
import { GET_TABWRITER, tabwrite } from "./tabwriter.ts";

export interface TableOptions {
  wide: boolean;
  noHeaders: boolean;
  withNamespace: boolean;
  showLabels: boolean;
  /** `service`, `servicecidr.networking.k8s.io`: prefixes the NAME cell (kubectl get a,b). */
  kindPrefix?: string;
  labelColumns: string[];
}

/** printTable: a string cell stops at its first newline, carriage return or form feed, marked "...". */
function truncateAtBreak(cell: string): string {
  const i = cell.search(/[\f\n\r]/);
  return i >= 0 ? `${cell.slice(0, i)}...` : cell;
}

export function renderTable(t: TableResult, opts: TableOptions): string {
  const keep = t.columns.map((c) => c.priority === 0 || opts.wide);
  const header: string[] = [];
  if (opts.withNamespace) header.push("NAMESPACE");
  t.columns.forEach((c, i) => keep[i] && header.push(c.name.toUpperCase()));
  for (const k of opts.labelColumns) header.push(k.split("/").pop()!.toUpperCase());
  if (opts.showLabels) header.push("LABELS");
  const lines: string[] = [];
  if (!opts.noHeaders) lines.push(header.join("\t"));
  for (const row of t.rows) {
    const cells: string[] = [];
    if (opts.withNamespace) cells.push(row.object.metadata.namespace ?? "");
    row.cells.forEach((c, i) => {
      if (!keep[i]) return;
      cells.push(truncateAtBreak(i === 0 && opts.kindPrefix ? `${opts.kindPrefix}/${c}` : c));
    });
    for (const k of opts.labelColumns) cells.push(row.object.metadata.labels?.[k] ?? "");
    if (opts.showLabels) cells.push(formatLabels(row.object.metadata.labels));
    lines.push(cells.join("\t"));
  }
  // printTable prints no header for a table without rows.
  if (!t.rows.length) return "";
  return tabwrite(lines.join("\n") + "\n", GET_TABWRITER);
}

/**
 * The az output formats, ported from knack/output.py (json, yaml, table, tsv, none) so that a learner's
 * `-o tsv` pipes into a shell variable exactly as with the real CLI. az prints dicts with sorted keys
 * everywhere except where a `--query` multiselect or a table transformer built the dict: those keep
 * their insertion order (knack passes jmespath `Options(OrderedDict)`), which the caller tells us with
 * `ordered`.
 */
import { stringify } from "yaml";

export const OUTPUT_FORMATS = ["json", "jsonc", "yaml", "yamlc", "table", "tsv", "none"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface OutputOptions {
  /** Dicts created by a query or a transformer: printed in insertion order, not sorted. */
  ordered?: (value: object) => boolean;
  /** `--query` was given: the table keeps key order and ignores the command's transformer. */
  queryActive?: boolean;
  /** The command's table transformer (acs/_format.py, resource group list, ...). */
  tableTransformer?: (result: unknown) => unknown;
}

export class TableUnavailableError extends Error {
  constructor() {
    super("Table output unavailable. Use the --query option to specify an appropriate query. Use --debug for more info.");
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isDict = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Python sorts str keys by code point; for the ASCII keys ARM returns this is JS's default order. */
function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort();
}

function sortDeep(v: unknown): Json {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (isDict(v)) {
    const out: Record<string, Json> = {};
    for (const k of sortedKeys(v)) out[k] = sortDeep(v[k]);
    return out;
  }
  return v === undefined ? null : (v as Json);
}

/** json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False) + "\n". */
export function formatJson(result: unknown): string {
  return JSON.stringify(sortDeep(result), null, 2) + "\n";
}

/** yaml.safe_dump(result, default_flow_style=False): PyYAML is YAML 1.1, sorts keys and does not indent sequences. */
export function formatYaml(result: unknown): string {
  const text = stringify(sortDeep(result), { version: "1.1", indentSeq: false, lineWidth: 0, sortMapEntries: true, singleQuote: true });
  // PyYAML ends a document whose root is a plain scalar with the "..." marker.
  return typeof result === "object" && result !== null ? text : `${text}...\n`;
}

/** Python's str() of a scalar, as tabulate and the tsv writer print it. */
function pyStr(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  return String(v);
}

// --- table (knack _TableOutput + tabulate "simple", disable_numparse=True) ------------------------

const SKIP_KEYS = new Set(["id", "type", "etag"]);
/**
 * tabulate's MIN_PADDING (python-tabulate tabulate/__init__.py, `MIN_PADDING = 2`): a column is at least
 * two wider than its header, which is why az's dashes overhang short headers.
 */
const MIN_PADDING = 2;

function capitalizeFirst(k: string): string {
  return k ? k[0]!.toUpperCase() + k.slice(1) : k;
}

function autoTableItem(item: unknown, sortKeys: boolean): Map<string, unknown> {
  const entry = new Map<string, unknown>();
  if (isDict(item)) {
    const keys = sortKeys ? sortedKeys(item) : Object.keys(item);
    for (const k of keys) {
      if (SKIP_KEYS.has(k)) continue;
      const v = item[k];
      if (v !== null && v !== undefined && typeof v !== "object") entry.set(capitalizeFirst(k), v);
    }
  } else if (Array.isArray(item)) {
    item.forEach((v, i) => entry.set(`Column${i + 1}`, v));
  } else {
    entry.set("Result", item);
  }
  return entry;
}

/** tabulate(rows, headers="keys", tablefmt="simple"): left-aligned, two spaces between columns, rows right-trimmed. */
function tabulate(rows: Map<string, unknown>[]): string {
  const headers: string[] = [];
  for (const r of rows) for (const k of r.keys()) if (!headers.includes(k)) headers.push(k);
  if (headers.length === 0) return "";
  const cells = rows.map((r) => headers.map((h) => (r.has(h) ? pyStr(r.get(h)) : "")));
  const widths = headers.map((h, i) => Math.max(h.length + MIN_PADDING, ...cells.map((c) => c[i]!.length)));
  const line = (cols: string[]) => cols.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

export function formatTable(result: unknown, opts: OutputOptions = {}): string {
  let data = result;
  const transformed = !!opts.tableTransformer && !opts.queryActive;
  if (transformed) data = opts.tableTransformer!(data);
  const list = Array.isArray(data) ? data : [data];
  const sortKeys = !opts.queryActive && !opts.tableTransformer;
  const rows = list.map((item) => autoTableItem(item, sortKeys));
  if (rows.length === 0) return "\n";
  const table = tabulate(rows);
  if (table === "") throw new TableUnavailableError();
  return table + "\n";
}

// --- tsv (knack _TsvOutput) ----------------------------------------------------------------------

function tsvObj(v: unknown): string {
  if (Array.isArray(v)) return String(v.length);
  // A dict prints nothing so that rows keep the same number of columns.
  if (isDict(v)) return "";
  return pyStr(v);
}

function tsvRow(data: unknown, ordered: (o: object) => boolean): string {
  if (Array.isArray(data)) return data.map(tsvObj).join("\t");
  if (isDict(data)) {
    const keys = ordered(data) ? Object.keys(data) : sortedKeys(data);
    return keys.map((k) => tsvObj(data[k])).join("\t");
  }
  if (typeof data === "boolean") return String(data);
  return tsvObj(data);
}

export function formatTsv(result: unknown, opts: OutputOptions = {}): string {
  const ordered = opts.ordered ?? (() => false);
  const list = Array.isArray(result) ? result : [result];
  return list.map((item) => tsvRow(item, ordered) + "\n").join("");
}

/** The text az prints for a command result, or "" (a null result prints nothing in any format). */
export function formatOutput(result: unknown, format: OutputFormat, opts: OutputOptions = {}): string {
  if (result === null || result === undefined) return "";
  switch (format) {
    case "json":
    case "jsonc":
      // jsonc and yamlc fall back to the plain formats when colour is off, as in a pipe or this terminal.
      return formatJson(result);
    case "yaml":
    case "yamlc":
      return formatYaml(result);
    case "table":
      return formatTable(result, opts);
    case "tsv":
      return formatTsv(result, opts);
    case "none":
      return "";
  }
}

/**
 * -o custom-columns=HEADER:.path,... (k8s.io/cli-runtime/pkg/printers/customcolumn.go): each column is a
 * relaxed JSONPath; a missing value prints `<none>`; several values are joined with commas.
 */
import { KubectlError } from "../errors.ts";
import { parseJSONPath, relaxedJSONPathExpression, type JSONPathTemplate } from "./jsonpath.ts";
import { GET_TABWRITER, tabwrite } from "./tabwriter.ts";

interface Column {
  header: string;
  template: JSONPathTemplate;
}

export function parseCustomColumns(spec: string): Column[] {
  if (!spec) throw new KubectlError("custom-columns format specified but no custom columns given");
  return spec.split(",").map((part) => {
    const i = part.indexOf(":");
    if (i < 0) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    const header = part.slice(0, i);
    const path = part.slice(i + 1);
    return { header, template: parseJSONPath(relaxedJSONPathExpression(path)) };
  });
}

export function renderCustomColumns(columns: Column[], objects: readonly unknown[], noHeaders: boolean): string {
  const lines: string[] = [];
  if (!noHeaders) lines.push(columns.map((c) => c.header).join("\t"));
  for (const o of objects) {
    lines.push(
      columns
        .map((c) => {
          const values = c.template.results(o, { allowMissingKeys: true });
          if (!values.length || !values[0]!.length) return "<none>";
          return values.flat().map(goSprint).join(",");
        })
        .join("\t"),
    );
  }
  if (!lines.length) return "";
  return tabwrite(lines.join("\n") + "\n", GET_TABWRITER);
}

/** fmt.Sprint of decoded JSON: maps as `map[k:v]`, lists as `[a b]`, nil as `<nil>`. */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goSprint).join(" ")}]`;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goSprint(o[k])}`).join(" ")}]`;
  }
  return String(v);
}

/**
 * -o/--output: which printer a command uses (k8s.io/cli-runtime/pkg/genericclioptions/print_flags.go).
 * get knows the table formats; create, apply, delete and patch only the object formats.
 */
import { goJSONIndent, sortKeysDeep } from "../../apiserver/machinery/gofmt.ts";
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import { KubectlError } from "../errors.ts";
import { parseCustomColumns, renderCustomColumns } from "./custom-columns.ts";
import { parseJSONPath, type JSONPathTemplate } from "./jsonpath.ts";
import { toKubectlYAML } from "./yaml.ts";

export type OutputFormat =
  | { kind: "default" }
  | { kind: "wide" }
  | { kind: "yaml" }
  | { kind: "json" }
  | { kind: "name" }
  | { kind: "jsonpath"; template: JSONPathTemplate; asJSON: boolean }
  | { kind: "custom-columns"; spec: string };

const OBJECT_FORMATS = "go-template, go-template-file, json, jsonpath, jsonpath-as-json, jsonpath-file, name, template, templatefile, yaml";
const GET_FORMATS = `custom-columns, custom-columns-file, ${OBJECT_FORMATS.replace("templatefile, yaml", "templatefile, wide, yaml")}`;

export function parseOutput(text: string, forGet: boolean, readFile: (p: string) => string | null): OutputFormat {
  if (!text) return { kind: "default" };
  const eq = text.indexOf("=");
  const name = eq >= 0 ? text.slice(0, eq) : text;
  const arg = eq >= 0 ? text.slice(eq + 1) : "";
  const tmpl = (t: string, asJSON: boolean): OutputFormat => {
    try {
      return { kind: "jsonpath", template: parseJSONPath(t), asJSON };
    } catch (e) {
      throw new KubectlError(`error parsing jsonpath ${t}, ${(e as Error).message}`);
    }
  };
  switch (name) {
    case "yaml":
    case "json":
    case "name":
      return { kind: name };
    case "wide":
      if (forGet) return { kind: "wide" };
      break;
    case "jsonpath":
    case "jsonpath-as-json":
      if (!arg) throw new KubectlError("template format specified but no template given");
      return tmpl(arg, name === "jsonpath-as-json");
    case "jsonpath-file": {
      const content = readFile(arg);
      if (content === null) throw new KubectlError(`error reading --template ${arg}, open ${arg}: no such file or directory`);
      return tmpl(content, false);
    }
    case "custom-columns":
      if (forGet) {
        parseCustomColumns(arg);
        return { kind: "custom-columns", spec: arg };
      }
      break;
    case "custom-columns-file":
      if (forGet) {
        if (!arg) throw new KubectlError("custom-columns format specified but no custom columns given");
        const content = readFile(arg);
        // CustomColumnsPrintFlags.ToPrinter: fmt.Errorf("error reading template %s, %v\n", ...).
        if (content === null) throw new KubectlError(`error reading template ${arg}, open ${arg}: no such file or directory\n`);
        return { kind: "custom-columns", spec: customColumnsFromTemplate(content) };
      }
      break;
    case "go-template":
    case "go-template-file":
    case "template":
    case "templatefile":
      throw new KubectlError(`the sandbox does not run Go templates (-o ${name}); use -o jsonpath or -o custom-columns instead`);
  }
  throw new KubectlError(`unable to match a printer suitable for the output format "${text}", allowed formats are: ${(forGet ? GET_FORMATS : OBJECT_FORMATS).replace(/, /g, ",")}`);
}

/**
 * NewCustomColumnsPrinterFromTemplate: a header line and a spec line, both split on whitespace.
 * Returns the equivalent inline spec (HEADER:path,...).
 */
function customColumnsFromTemplate(content: string): string {
  const lines = content.split("\n");
  const words = (l: string | undefined) => (l ?? "").split(/[ \t\r\v\f]+/).filter(Boolean);
  if (lines.length < 1 || (lines.length === 1 && lines[0] === "")) {
    throw new KubectlError("invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.");
  }
  if (lines.length < 2) {
    throw new KubectlError("invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.");
  }
  const headers = words(lines[0]);
  const specs = words(lines[1]);
  if (headers.length !== specs.length) throw new KubectlError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  return headers.map((h, i) => `${h}:${specs[i]}`).join(",");
}

/** The List kubectl wraps several objects in for -o yaml/json/jsonpath. */
export function asList(items: KubeObject[]): Record<string, unknown> {
  return { apiVersion: "v1", items, kind: "List", metadata: { resourceVersion: "" } };
}

/** Prints objects (or one object) in an object format; returns the text. */
export function printObjects(
  data: unknown,
  format: OutputFormat,
  names: () => string[],
  opts: { noHeaders?: boolean; /** JSON key order for typed objects (printers/typed-order.ts); sorted otherwise. */ jsonOrder?: (data: unknown) => unknown } = {},
): string {
  switch (format.kind) {
    case "yaml":
      return toKubectlYAML(sortKeysDeep(data));
    case "json":
      return goJSONIndent(opts.jsonOrder ? opts.jsonOrder(data) : sortKeysDeep(data)) + "\n";
    case "name":
      return names().map((n) => `${n}\n`).join("");
    case "jsonpath": {
      const text = format.template.execute(data, { allowMissingKeys: true });
      return format.asJSON ? goJSONIndent(JSON.parse(`[${text}]`)) + "\n" : text;
    }
    case "custom-columns":
      return renderCustomColumns(parseCustomColumns(format.spec), Array.isArray((data as { items?: unknown[] }).items) ? (data as { items: unknown[] }).items : [data], !!opts.noHeaders);
    default:
      return "";
  }
}

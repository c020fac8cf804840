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
        const content = readFile(arg);
        if (content === null) throw new KubectlError(`open ${arg}: no such file or directory`);
        const [header = "", paths = ""] = content.trim().split("\n");
        const spec = header.trim().split(/\s+/).map((h, i) => `${h}:${paths.trim().split(/\s+/)[i] ?? ""}`).join(",");
        return { kind: "custom-columns", spec };
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

/** The List kubectl wraps several objects in for -o yaml/json/jsonpath. */
export function asList(items: KubeObject[]): Record<string, unknown> {
  return { apiVersion: "v1", items, kind: "List", metadata: { resourceVersion: "" } };
}

/** Prints objects (or one object) in an object format; returns the text. */
export function printObjects(data: unknown, format: OutputFormat, names: () => string[]): string {
  switch (format.kind) {
    case "yaml":
      return toKubectlYAML(sortKeysDeep(data));
    case "json":
      return goJSONIndent(sortKeysDeep(data)) + "\n";
    case "name":
      return names().map((n) => `${n}\n`).join("");
    case "jsonpath": {
      const text = format.template.execute(data, { allowMissingKeys: true });
      return format.asJSON ? goJSONIndent(JSON.parse(`[${text}]`)) + "\n" : text;
    }
    case "custom-columns":
      return renderCustomColumns(parseCustomColumns(format.spec), Array.isArray((data as { items?: unknown[] }).items) ? (data as { items: unknown[] }).items : [data], false);
    default:
      return "";
  }
}

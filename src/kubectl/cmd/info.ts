/** kubectl api-resources, version and explain: what the server serves and how its kinds are shaped. */
import type { Schema } from "../../apiserver/machinery/schema.ts";
import type { Ctx } from "../context.ts";
import { OUTPUT_FLAG } from "../context.ts";
import { formatError, KubectlError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { resolveResource } from "../mapper.ts";
import { GET_TABWRITER, tabwrite } from "../printers/tabwriter.ts";
import { toKubectlYAML } from "../printers/yaml.ts";
import { goJSONIndent } from "../../apiserver/machinery/gofmt.ts";

export const API_RESOURCES_FLAGS: FlagSpec[] = [
  OUTPUT_FLAG,
  { name: "namespaced", type: "bool", default: true },
  { name: "api-group", type: "string" },
  { name: "verbs", type: "stringSlice" },
  { name: "sort-by", type: "string" },
  { name: "no-headers", type: "bool" },
  { name: "cached", type: "bool", ignored: true },
  { name: "categories", type: "stringSlice" },
];

export function apiResources(ctx: Ctx): void {
  const { flags } = ctx;
  const client = ctx.client();
  const rows: { name: string; short: string; gv: string; namespaced: boolean; kind: string; verbs: string; categories: string; group: string }[] = [];
  const seen = new Set<string>();
  for (const list of client.discovery()) {
    const group = list.groupVersion.includes("/") ? list.groupVersion.split("/")[0]! : "";
    for (const r of list.resources) {
      const key = `${group}/${r.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({ name: r.name, short: r.shortNames.join(","), gv: list.groupVersion, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs.join(","), categories: r.categories.join(","), group });
    }
  }
  let filtered = rows;
  if (flags.has("namespaced")) filtered = filtered.filter((r) => r.namespaced === flags.bool("namespaced"));
  if (flags.has("api-group")) filtered = filtered.filter((r) => r.group === flags.str("api-group"));
  if (flags.list("verbs").length) filtered = filtered.filter((r) => flags.list("verbs").every((v) => r.verbs.split(",").includes(v)));
  // Sorted by group, then by name, the legacy group first.
  filtered.sort((a, b) => (a.group === b.group ? a.name.localeCompare(b.name) : a.group.localeCompare(b.group)));
  const out = flags.str("output");
  if (out === "name") {
    for (const r of filtered) ctx.out.out(r.group ? `${r.name}.${r.group}\n` : `${r.name}\n`);
    return;
  }
  const wide = out === "wide";
  if (out && !wide) throw new KubectlError(`--output ${out} is not available`);
  const lines = flags.bool("no-headers") ? [] : [["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", ...(wide ? ["VERBS", "CATEGORIES"] : [])].join("\t")];
  for (const r of filtered) {
    lines.push([r.name, r.short, r.gv, String(r.namespaced), r.kind, ...(wide ? [`[${r.verbs.split(",").join(" ")}]`, r.categories] : [])].join("\t"));
  }
  ctx.out.out(tabwrite(lines.join("\n") + "\n", GET_TABWRITER));
}

export const VERSION_FLAGS: FlagSpec[] = [OUTPUT_FLAG, { name: "client", type: "bool" }];

const CLIENT = { major: "1", minor: "34", gitVersion: "v1.34.1", gitCommit: "93248f9ae092f571eb6b4c3f6bbc3c3da0cd6e4f", gitTreeState: "clean", buildDate: "2025-09-09T19:44:50Z", goVersion: "go1.24.6", compiler: "gc", platform: "linux/amd64" };
const KUSTOMIZE = "v5.7.1";

export function version(ctx: Ctx): void {
  const { flags } = ctx;
  const format = flags.str("output");
  let server: unknown;
  let error: unknown;
  if (!flags.bool("client")) {
    try {
      server = ctx.client().version();
    } catch (e) {
      error = e;
    }
  }
  if (format === "json" || format === "yaml") {
    const data: Record<string, unknown> = { clientVersion: CLIENT, kustomizeVersion: KUSTOMIZE };
    if (server) data.serverVersion = server;
    ctx.out.out(format === "json" ? goJSONIndent(data, "  ") + "\n" : toKubectlYAML(data));
  } else if (format) {
    throw new KubectlError(`--output must be 'yaml' or 'json'`);
  } else {
    ctx.out.out(`Client Version: ${CLIENT.gitVersion}\nKustomize Version: ${KUSTOMIZE}\n`);
    if (server) ctx.out.out(`Server Version: ${(server as { gitVersion: string }).gitVersion}\n`);
  }
  if (error) {
    ctx.out.err(formatError(error));
    ctx.out.exitCode = 1;
  }
}

export const EXPLAIN_FLAGS: FlagSpec[] = [{ name: "recursive", type: "bool" }, { name: "api-version", type: "string" }, { name: "output", shorthand: "o", type: "string" }];

function wrap(text: string, indent: string, width = 80): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = "";
  for (const w of words) {
    if (cur && indent.length + cur.length + 1 + w.length > width) {
      lines.push(indent + cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(indent + cur);
  return lines.join("\n");
}

function typeName(s: Schema): string {
  switch (s.type) {
    case "object":
      return `<${s.go.replace(/^.*\./, "")}>`;
    case "array":
      return s.items.type === "object" ? `<[]${s.items.go.replace(/^.*\./, "")}>` : `<[]${s.items.type === "integer" ? "integer" : s.items.type === "boolean" ? "boolean" : "string"}>`;
    case "map":
      return "<map[string]string>";
    case "integer":
      return "<integer>";
    case "boolean":
      return "<boolean>";
    case "time":
      return "<string>";
    case "int-or-string":
      return "<IntOrString>";
    case "any":
      return `<${s.go.replace(/^\[\]/, "[]").replace(/^(\[\])?v1\./, "$1")}>`;
    default:
      return "<string>";
  }
}

/** kubectl explain: the plaintext template of kubectl 1.27+ (GROUP/KIND/VERSION, FIELD, DESCRIPTION, FIELDS). */
export function explain(ctx: Ctx): void {
  const { flags } = ctx;
  const [arg] = flags.args;
  if (!arg) throw new KubectlError("You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.");
  const [typePart, ...path] = arg.split(".");
  const client = ctx.client();
  let mapping;
  try {
    mapping = resolveResource(client, typePart!);
  } catch {
    // `servicecidrs.networking.k8s.io.spec` is not a form explain accepts either.
    throw new KubectlError(`the server doesn't have a resource type "${typePart}"`);
  }
  const root = client.schema(mapping.gvr);
  let node = root;
  let fieldName = "";
  for (const p of path) {
    const inner = node.type === "array" ? node.items : node;
    if (inner.type !== "object" || !inner.fields[p]) throw new KubectlError(`field "${p}" does not exist`);
    node = inner.fields[p]!;
    fieldName = p;
  }
  const gv = mapping.gvr;
  let text = "";
  if (gv.group) text += `GROUP:      ${gv.group}\n`;
  text += `KIND:       ${mapping.resource.kind}\nVERSION:    ${gv.version}\n\n`;
  if (fieldName) text += `FIELD: ${fieldName} ${typeName(node)}\n\n`;
  text += `DESCRIPTION:\n${wrap(node.description || "<empty>", "    ")}\n    \n`;
  const inner = node.type === "array" ? node.items : node;
  if (inner.type === "object") {
    text += "FIELDS:\n";
    const printFields = (s: Schema, depth: number) => {
      if (s.type !== "object") return;
      for (const [k, f] of Object.entries(s.fields).sort(([a], [b]) => a.localeCompare(b))) {
        const req = s.required?.includes(k) ? " -required-" : "";
        if (flags.bool("recursive")) {
          text += `${"  ".repeat(depth + 1)}${k}\t${typeName(f)}${req}\n`;
          const child = f.type === "array" ? f.items : f;
          printFields(child, depth + 1);
        } else {
          text += `  ${k}\t${typeName(f)}${req}\n${wrap(f.description || "<no description>", "    ")}\n\n`;
        }
      }
    };
    printFields(inner, 0);
  }
  ctx.out.out(text.replace(/\n\n$/, "\n\n"));
}

/** kubectl api-resources, version and explain: what the server serves and how its kinds are shaped. */
import type { Schema } from "../../apiserver/machinery/schema.ts";
import type { Ctx } from "../context.ts";
import { OUTPUT_FLAG } from "../context.ts";
import { formatError, KubectlError, UsageError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { resolveResource } from "../mapper.ts";
import { GET_TABWRITER, tabwrite } from "../printers/tabwriter.ts";
import { toKubectlYAML } from "../printers/yaml.ts";
import { goJSONIndent, goQuote } from "../../apiserver/machinery/gofmt.ts";

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
  // Complete() and Validate().
  if (flags.args.length) throw new UsageError(`unexpected arguments: [${flags.args.join(" ")}]`, "api-resources");
  const out = flags.str("output");
  if (!["", "wide", "name"].includes(out)) throw new KubectlError(`--output ${out} is not available`);
  const sortBy = flags.str("sort-by");
  if (sortBy && sortBy !== "name" && sortBy !== "kind") throw new KubectlError("--sort-by accepts only name or kind");
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
  if (flags.list("categories").length) filtered = filtered.filter((r) => flags.list("categories").every((c) => r.categories.split(",").includes(c)));
  // sortableResource: by group (or --sort-by name|kind), then by name, comparing bytes (strings.Compare).
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const key = (r: (typeof rows)[number]) => (sortBy === "name" ? r.name : sortBy === "kind" ? r.kind : r.group);
  filtered.sort((a, b) => cmp(key(a), key(b)) || cmp(a.name, b.name));
  if (out === "name") {
    for (const r of filtered) ctx.out.out(r.group ? `${r.name}.${r.group}\n` : `${r.name}\n`);
    return;
  }
  const wide = out === "wide";
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
  // Complete(): fmt.Sprintf("extra arguments: %v", args).
  if (flags.args.length) throw new KubectlError(`extra arguments: [${flags.args.join(" ")}]`);
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

/**
 * sprig's `wrap` (goutils.WrapCustom(str, n, "\n", false)): breaks at the last space within n+1
 * characters, never splits a long word, and treats newlines already in the text as ordinary characters.
 */
function wrap(str: string, wrapLength: number): string {
  if (str === "") return "";
  const len = str.length;
  let offset = 0;
  let out = "";
  while (len - offset > wrapLength) {
    if (str[offset] === " ") {
      offset++;
      continue;
    }
    let spaceToWrapAt = str.slice(offset, wrapLength + offset + 1).lastIndexOf(" ") + offset;
    if (spaceToWrapAt >= offset) {
      out += str.slice(offset, spaceToWrapAt) + "\n";
      offset = spaceToWrapAt + 1;
    } else {
      const end = wrapLength + offset;
      const index = str.slice(end).indexOf(" ");
      if (index === -1) {
        out += str.slice(offset);
        offset = len;
      } else {
        spaceToWrapAt = index + end;
        out += str.slice(offset, spaceToWrapAt) + "\n";
        offset = spaceToWrapAt + 1;
      }
    }
  }
  return out + str.slice(offset);
}

/** sprig's `indent`: the pad before the text and after every newline in it. */
function indent(str: string, n: number): string {
  const pad = " ".repeat(n);
  return pad + str.replaceAll("\n", `\n${pad}`);
}

/** The template's extractEnum: `enum: A, B, C, D, ....` under a field, or an ENUM: block under FIELD. */
function enumText(s: Schema, long: boolean, indentAmount: number): string {
  const values = "enum" in s && s.enum ? s.enum : undefined;
  if (!values?.length) return "";
  const show = (v: string) => (v === "" ? `""` : v);
  if (long) return `ENUM:${values.map((v) => `\n    ${show(v)}`).join("")}`;
  let text = `\n${" ".repeat(indentAmount)}enum: `;
  for (let i = 0; i < values.length; i++) {
    if (i >= 4) {
      text += ", ....";
      break;
    }
    if (i > 0) text += ", ";
    text += show(values[i]!);
  }
  return text;
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
  // Validate(): fmt.Errorf("You must specify the type of resource to explain. %s\n", ...).
  if (!arg) throw new KubectlError("You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
  if (flags.args.length > 1) throw new KubectlError("We accept only this format: explain RESOURCE\n");
  // splitDotNotation: a trailing period is ignored.
  const [typePart, ...path] = arg.replace(/\.$/, "").split(".");
  const client = ctx.client();
  let mapping;
  try {
    mapping = resolveResource(client, typePart!);
  } catch {
    // `servicecidrs.networking.k8s.io.spec` is not a form explain accepts either.
    throw new KubectlError(`the server doesn't have a resource type ${goQuote(typePart ?? "")}`);
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
  // FIELD: <name> <type>, the long ENUM: list, then two newlines (the template's {{"\n"}} and {{- "\n" -}}).
  if (fieldName) text += `FIELD: ${fieldName} ${typeName(node)}\n${enumText(node, true, 0)}\n\n`;
  // DESCRIPTION: the "description" template adds a newline, which `indent 4` turns into a line of four spaces.
  text += `DESCRIPTION:\n${node.description ? indent(wrap(`${node.description}\n`, 76), 4) : indent("<empty>", 4)}\n`;
  const inner = node.type === "array" ? node.items : node;
  const recursive = flags.bool("recursive");
  if (inner.type === "object" && Object.keys(inner.fields).length) {
    text += "FIELDS:\n";
    const printFields = (s: Schema, level: number) => {
      if (s.type !== "object") return;
      const ind = level * 2;
      // Go templates range over map keys in sorted (byte) order.
      for (const k of Object.keys(s.fields).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
        const f = s.fields[k]!;
        const req = s.required?.includes(k) ? " -required-" : "";
        text += `${indent(k, ind)}\t${typeName(f)}${req}${enumText(f, false, ind)}\n`;
        if (recursive) {
          printFields(f.type === "array" ? f.items : f, level + 1);
        } else {
          text += `${indent(wrap(f.description || "<no description>", 78 - ind), ind + 2)}\n\n`;
        }
      }
    };
    printFields(inner, 1);
  }
  // The template's last {{- "\n" -}}.
  ctx.out.out(`${text}\n`);
}

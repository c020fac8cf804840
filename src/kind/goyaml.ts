/**
 * goyaml decodes YAML into a described Go type the way gopkg.in/yaml.v3 does, so kind's config
 * errors read as kind prints them: type errors collected as `yaml: unmarshal errors:\n  line N: ...`,
 * unknown fields rejected when KnownFields is on (kind's yamlUnmarshalStrict), duplicate keys refused
 * (v3 decoders check unique keys by default), and an UnmarshalYAML failure aborting the whole decode.
 *
 * Sources: go-yaml v3 decode.go (d.terror, d.scalar, d.mapping, d.mappingStruct), resolve.go (plain
 * scalar tags), yaml.go (TypeError.Error). Parsing itself is the `yaml` package; only the mapping onto
 * Go types and the error texts are ported.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node as YNode, type Scalar } from "yaml";
import { goQuote } from "../kubeadm/errors.ts";

/** The Go types kind's config structs are made of. */
export type GoType =
  | { kind: "string"; name?: string }
  | { kind: "int32" }
  | { kind: "bool" }
  | { kind: "struct"; name: string; fields: Readonly<Record<string, GoType>> }
  | { kind: "slice"; elem: GoType }
  | { kind: "map"; elem: GoType }
  | { kind: "ptr"; elem: GoType }
  /** A string type with an old-style UnmarshalYAML that refuses unknown values (kind's enums). */
  | { kind: "enum"; name: string; parse: (value: string) => string | { error: string } };

/** reflect.Type.String() of a Go type, as yaml.v3 prints it after "into". */
export function goTypeName(t: GoType): string {
  switch (t.kind) {
    case "string":
      return t.name ?? "string";
    case "int32":
    case "bool":
      return t.kind;
    case "struct":
    case "enum":
      return t.name;
    case "slice":
      return `[]${goTypeName(t.elem)}`;
    case "map":
      return `map[string]${goTypeName(t.elem)}`;
    case "ptr":
      // yaml.v3 allocates the pointer and decodes into its element, so errors name the element.
      return goTypeName(t.elem);
  }
}

export type Decoded<T> = { value: T } | { error: string };

class Fatal extends Error {}

/** Document keys are data: "__proto__" must become a key like any other. */
function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

const INT_RE = /^[-+]?(?:0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[0-9][0-9_]*)$/;
const YAML11_TRUE = ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"];
const YAML11_FALSE = ["n", "N", "no", "No", "NO", "off", "Off", "OFF"];
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

interface ScalarInfo {
  /** go-yaml's short tag: !!str, !!int, !!float, !!bool, !!null, or an explicit one. */
  tag: string;
  /** node.Value: the raw text of a plain scalar, the unescaped text of a quoted or block one. */
  text: string;
  resolved: unknown;
}

function scalarInfo(s: Scalar): ScalarInfo {
  const explicit = s.tag?.replace(/^tag:yaml\.org,2002:/, "!!");
  const quoted = s.type !== undefined && s.type !== "PLAIN";
  const text = quoted ? String(s.value ?? "") : (s.source ?? (s.value === null ? "" : String(s.value)));
  if (explicit !== undefined) return { tag: explicit, text, resolved: s.value };
  if (quoted) return { tag: "!!str", text, resolved: text };
  const v = s.value;
  if (v === null) return { tag: "!!null", text, resolved: null };
  if (typeof v === "boolean") return { tag: "!!bool", text, resolved: v };
  if (typeof v === "number" || typeof v === "bigint") {
    return { tag: INT_RE.test(text) ? "!!int" : "!!float", text, resolved: Number(v) };
  }
  return { tag: "!!str", text, resolved: String(v) };
}

/** go-yaml parser messages for the syntax errors people make most; the line is the yaml package's. */
function syntaxMessage(code: string, message: string): string {
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return "mapping values are not allowed in this context";
    case "TAB_AS_INDENT":
      return "found character that cannot start any token";
    case "MISSING_CHAR":
      return message.includes("quote") ? "found unexpected end of stream" : "did not find expected node content";
    case "BAD_INDENT":
      if (message.startsWith("Flow sequence")) return "did not find expected ',' or ']'";
      if (message.startsWith("Flow map")) return "did not find expected ',' or '}'";
      return "did not find expected key";
    default:
      return "did not find expected key";
  }
}

/**
 * One decode (one yaml.Unmarshal or Decoder.Decode). `knownFields` is Decoder.KnownFields(true);
 * plain yaml.Unmarshal leaves it off and skips fields the struct does not have.
 */
class Decoder {
  readonly terrors: string[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly knownFields: boolean,
  ) {}

  line(node: YNode | null | undefined): number {
    const start = node?.range?.[0];
    return start === undefined ? 0 : this.lines.linePos(start).line;
  }

  resolveAlias(node: unknown): YNode | null {
    if (isAlias(node)) return (node.resolve(this.doc) as YNode | undefined) ?? null;
    return (node as YNode | null) ?? null;
  }

  terror(node: YNode, tag: string, value: string | null, into: GoType): void {
    let shown = "";
    if (value !== null) shown = value.length > 10 ? ` \`${value.slice(0, 7)}...\`` : ` \`${value}\``;
    this.terrors.push(`line ${this.line(node)}: cannot unmarshal ${tag}${shown} into ${goTypeName(into)}`);
  }

  /** Decodes `raw` into `t`; undefined means "left at the zero value" (null, or an error). */
  decode(raw: unknown, t: GoType): unknown {
    const node = this.resolveAlias(raw);
    if (node === null) return undefined;
    if (t.kind === "ptr") return this.decode(node, t.elem);
    if (isScalar(node)) return this.scalar(node, t);
    if (isMap(node)) return this.mapping(node, t);
    if (isSeq(node)) return this.sequence(node, t);
    return undefined;
  }

  scalar(node: Scalar, t: GoType): unknown {
    const s = scalarInfo(node);
    if (s.tag === "!!null") return undefined;
    switch (t.kind) {
      case "string":
        return s.text;
      case "enum": {
        const r = t.parse(s.text);
        if (typeof r === "object") throw new Fatal(r.error);
        return r;
      }
      case "int32": {
        if (s.tag === "!!int" || s.tag === "!!float") {
          const n = typeof s.resolved === "number" ? Math.trunc(s.resolved) : NaN;
          if (Number.isFinite(n) && n >= INT32_MIN && n <= INT32_MAX) return n;
        }
        this.terror(node, s.tag, s.text, t);
        return undefined;
      }
      case "bool": {
        if (typeof s.resolved === "boolean") return s.resolved;
        // yaml.v3 keeps YAML 1.1 booleans when the target is explicitly a bool.
        if (typeof s.resolved === "string") {
          if (YAML11_TRUE.includes(s.resolved)) return true;
          if (YAML11_FALSE.includes(s.resolved)) return false;
        }
        this.terror(node, s.tag, s.text, t);
        return undefined;
      }
      default:
        this.terror(node, s.tag, s.text, t);
        return undefined;
    }
  }

  /** "mapping key %#v already defined at line %d" (decode.go d.mapping with uniqueKeys). */
  duplicateKeys(node: YNode & { items: { key: unknown }[] }): boolean {
    const before = this.terrors.length;
    const seen: { text: string; line: number }[] = [];
    for (const item of node.items) {
      const k = this.resolveAlias(item.key);
      if (k === null || !isScalar(k)) continue;
      const text = scalarInfo(k).text;
      const first = seen.find((s) => s.text === text);
      if (first) this.terrors.push(`line ${this.line(k)}: mapping key ${goQuote(text)} already defined at line ${first.line}`);
      else seen.push({ text, line: this.line(k) });
    }
    return this.terrors.length > before;
  }

  mapping(node: YNode & { items: { key: unknown; value: unknown }[] }, t: GoType): unknown {
    if (t.kind !== "struct" && t.kind !== "map") {
      this.terror(node, "!!map", null, t);
      return undefined;
    }
    if (this.duplicateKeys(node)) return undefined;
    const out: Record<string, unknown> = {};
    for (const item of node.items) {
      const keyNode = this.resolveAlias(item.key);
      const key = this.decode(keyNode, { kind: "string" });
      if (typeof key !== "string") continue;
      if (t.kind === "map") {
        const v = this.decode(item.value, t.elem);
        if (v !== undefined) setKey(out, key, v);
        continue;
      }
      const field = Object.hasOwn(t.fields, key) ? t.fields[key] : undefined;
      if (field === undefined) {
        if (this.knownFields) this.terrors.push(`line ${this.line(keyNode)}: field ${key} not found in type ${t.name}`);
        continue;
      }
      const v = this.decode(item.value, field);
      if (v !== undefined) setKey(out, key, v);
    }
    return out;
  }

  sequence(node: YNode & { items: unknown[] }, t: GoType): unknown {
    if (t.kind !== "slice") {
      this.terror(node, "!!seq", null, t);
      return undefined;
    }
    const out: unknown[] = [];
    for (const item of node.items) {
      const v = this.decode(item, t.elem);
      // A null or failed element still takes its slot, as the zero value.
      out.push(v);
    }
    return out;
  }
}

/** The first document of `text` (null for an empty stream), or go-yaml's syntax error ("yaml: line N: ..."). */
function firstDocument(text: string): { doc: Document | null; lines: LineCounter } | { error: string } {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const doc = Array.isArray(docs) ? (docs[0] ?? null) : null;
  const err = doc?.errors[0];
  if (err !== undefined) {
    const line = lines.linePos(err.pos[0]).line;
    return { error: `yaml: line ${line}: ${syntaxMessage(err.code, err.message)}` };
  }
  return { doc, lines };
}

/**
 * yaml.Unmarshal / Decoder.Decode of `text` into `t`. The result holds only the fields that were set;
 * errors are worded as yaml.v3 words them.
 */
export function unmarshal(text: string, t: GoType, opts: { knownFields: boolean }): Decoded<Record<string, unknown>> {
  const parsed = firstDocument(text);
  if ("error" in parsed) return parsed;
  // An empty stream leaves the value untouched.
  if (parsed.doc === null) return { value: {} };
  const d = new Decoder(parsed.doc, parsed.lines, opts.knownFields);
  let value: unknown;
  try {
    value = d.decode(parsed.doc.contents, t);
  } catch (e) {
    if (e instanceof Fatal) return { error: e.message };
    throw e;
  }
  if (d.terrors.length > 0) return { error: `yaml: unmarshal errors:\n  ${d.terrors.join("\n  ")}` };
  return { value: (value as Record<string, unknown> | undefined) ?? {} };
}

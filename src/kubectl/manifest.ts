/**
 * Reading -f input the way kubectl's resource builder does: files, directories and `-` (stdin); YAML
 * streams split on `---`, JSON documents, and `List` kinds flattened. Errors are kubectl's: a parse
 * error names the source and the YAML line, a missing apiVersion or kind fails client-side validation.
 */
import { parseAllDocuments, isMap, isSeq, isScalar, type Document } from "yaml";
import type { KubeObject } from "../apiserver/machinery/object.ts";
import { isPlainObject } from "../apiserver/machinery/object.ts";
import type { KubectlEnv } from "./env.ts";
import { KubectlError } from "./errors.ts";

export interface ManifestObject {
  object: KubeObject;
  /** "STDIN" or the file path, as error messages name it. */
  source: string;
}

const VALIDATE_HINT = "if you choose to ignore these errors, turn validation off with --validate=false";

/**
 * go-yaml's (sigs.k8s.io/yaml → goyaml.v2) wording and line for a mistake the yaml library found.
 * go-yaml's parser.fail() reports scanner errors on their own (1-based) line but parser errors with
 * the 0-based line of the offending token, which reads as the line before; an unclosed flow
 * collection fails at the end of the stream, which moves to the next line when the text does not end
 * in a newline. `line` is the yaml library's 1-based line within the document.
 */
export function goYamlError(code: string, message: string, line: number, docText: string): string {
  const at = (n: number, msg: string) => (n > 0 ? `line ${n}: ${msg}` : msg);
  const streamEndLine = (docText.match(/\n/g)?.length ?? 0) + (docText.endsWith("\n") ? 0 : 1);
  const flow = /Flow (map|sequence)/.exec(message);
  if (flow) {
    // An unclosed [ or {: the parser meets the end of the stream where an entry or the closing bracket should be.
    const opener = flow[1] === "map" ? "{" : "[";
    const afterOpener = docText.slice(docText.lastIndexOf(opener) + 1).trim();
    return at(streamEndLine, afterOpener ? `did not find expected ',' or '${flow[1] === "map" ? "}" : "]"}'` : "did not find expected node content");
  }
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return at(line, "mapping values are not allowed in this context");
    case "TAB_AS_INDENT":
      return at(line, "found character that cannot start any token");
    case "MISSING_CHAR":
    case "BAD_DQ_ESCAPE":
      return at(line, "found unexpected end of stream");
    case "BAD_INDENT":
    case "UNEXPECTED_TOKEN":
    default:
      return at(line - 1, "did not find expected key");
  }
}

function toJS(doc: Document): unknown {
  return doc.toJS({ maxAliasCount: 100 });
}

/** Parses one source's text into objects. */
export function parseManifests(text: string, source: string): KubeObject[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  let values: unknown[];
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      const v = JSON.parse(trimmed);
      values = [v];
    } catch (e) {
      throw new KubectlError(`error parsing ${source}: error converting YAML to JSON: yaml: ${(e as Error).message}`);
    }
  } else {
    // goyaml.v2 decoding into a map lets a repeated key win silently, so duplicates are no error.
    const docs = parseAllDocuments(text, { version: "1.1", uniqueKeys: false });
    values = [];
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      const err = doc.errors[0];
      if (err) {
        // go-yaml counts lines within the document kubectl split off; the yaml library counts from the stream start.
        // The YAML reader splits documents after their `---` line.
        const docStart = doc.range ? text.lastIndexOf("\n", Math.max(0, doc.range[0] - 1)) + 1 : 0;
        const headerEnd = text.slice(docStart).startsWith("---") ? text.indexOf("\n", docStart) + 1 : docStart;
        const start = headerEnd > 0 ? headerEnd : docStart;
        const docStartLine = text.slice(0, start).split("\n").length;
        const end = doc.range ? doc.range[2] : text.length;
        const line = (err.linePos?.[0]?.line ?? 1) - docStartLine + 1;
        throw new KubectlError(`error parsing ${source}: error converting YAML to JSON: yaml: ${goYamlError(err.code, err.message, line, text.slice(start, end))}`);
      }
      if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue;
      if (!isMap(doc.contents) && !isSeq(doc.contents)) {
        throw new KubectlError(`error parsing ${source}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}`);
      }
      values.push(toJS(doc));
    }
  }
  const out: KubeObject[] = [];
  for (const v of values) {
    if (!isPlainObject(v)) {
      throw new KubectlError(`error parsing ${source}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}`);
    }
    const missing: string[] = [];
    if (!v.apiVersion) missing.push("apiVersion not set");
    if (!v.kind) missing.push("kind not set");
    if (missing.length) {
      const msg = missing.length === 1 ? missing[0] : `[${missing.join(", ")}]`;
      throw new KubectlError(`error validating "${source}": error validating data: ${msg}; ${VALIDATE_HINT}`);
    }
    if (typeof v.kind === "string" && v.kind.endsWith("List") && Array.isArray(v.items)) {
      for (const item of v.items) if (isPlainObject(item)) out.push(item as unknown as KubeObject);
    } else {
      out.push(v as unknown as KubeObject);
    }
  }
  return out;
}

/** Reads every -f source in order. */
export function readManifests(env: KubectlEnv, filenames: readonly string[], recursive = false): ManifestObject[] {
  const out: ManifestObject[] = [];
  const readPath = (path: string, depth: number) => {
    if (path === "-") {
      for (const object of parseManifests(env.stdin, "STDIN")) out.push({ object, source: "STDIN" });
      return;
    }
    if (/^https?:\/\//.test(path)) {
      throw new KubectlError(`the sandbox has no network: save the manifest to a file (for example with cat <<EOF > file.yaml) and use -f file.yaml`);
    }
    if (env.isDirectory?.(path)) {
      for (const child of env.listDirectory?.(path) ?? []) {
        const full = `${path.replace(/\/$/, "")}/${child}`;
        if (env.isDirectory?.(full)) {
          if (recursive) readPath(full, depth + 1);
        } else if (/\.(ya?ml|json)$/.test(child)) {
          readPath(full, depth + 1);
        }
      }
      return;
    }
    const text = env.readFile(path);
    if (text === null) throw new KubectlError(`the path "${path}" does not exist`);
    for (const object of parseManifests(text, path)) out.push({ object, source: path });
  };
  for (const f of filenames) readPath(f, 0);
  return out;
}

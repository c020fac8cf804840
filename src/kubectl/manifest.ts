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

/** Maps the yaml library's error codes to the words go-yaml uses for the same mistakes. */
function goYamlMessage(code: string, message: string): string {
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return "mapping values are not allowed in this context";
    case "TAB_AS_INDENT":
      return "found character that cannot start any token";
    case "MISSING_CHAR":
    case "BAD_DQ_ESCAPE":
      return "found unexpected end of stream";
    case "DUPLICATE_KEY":
      return message.includes("unique") ? "mapping key already defined" : message;
    case "BAD_INDENT":
    case "UNEXPECTED_TOKEN":
    default:
      return "did not find expected key";
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
    const docs = parseAllDocuments(text, { version: "1.1", uniqueKeys: true });
    values = [];
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      const err = doc.errors[0];
      if (err) {
        // go-yaml counts lines within the document kubectl split off; the yaml library counts from the stream start.
        const docStartLine = doc.range ? text.slice(0, doc.range[0]).split("\n").length : 1;
        const line = (err.linePos?.[0]?.line ?? 1) - docStartLine + 1;
        throw new KubectlError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${Math.max(line, 1)}: ${goYamlMessage(err.code, err.message)}`);
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

/**
 * describe's PrefixWriter over a tabwriter (k8s.io/kubectl/pkg/describe/describe.go): LEVEL_n indents by
 * two spaces per level; Flush ends the current column blocks, as describe does before its events table.
 */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import { DESCRIBE_TABWRITER, tabwrite } from "../printers/tabwriter.ts";

export class DescribeWriter {
  #segments: string[] = [];
  #current = "";

  write(level: number, text: string): void {
    this.#current += "  ".repeat(level) + text;
  }

  line(...cells: string[]): void {
    this.#current += cells.join("\t") + "\n";
  }

  flush(): void {
    this.#segments.push(tabwrite(this.#current, DESCRIBE_TABWRITER));
    this.#current = "";
  }

  toString(): string {
    this.flush();
    return this.#segments.join("");
  }
}

/** printLabelsMultiline: one `key=value` per line, continuation lines aligned under the first value. */
export function labelsMultiline(w: DescribeWriter, title: string, labels: Record<string, string> | undefined, skip: ReadonlySet<string> = new Set()): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).filter((k) => !skip.has(k)).sort();
  if (!keys.length) {
    w.write(0, "<none>\n");
    return;
  }
  keys.forEach((k, i) => {
    if (i) w.write(0, "\t");
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const SKIP_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** printAnnotationsMultiline: long or multi-line values get their own indented lines. */
export function annotationsMultiline(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort();
  if (!keys.length) {
    w.write(0, "<none>\n");
    return;
  }
  keys.forEach((k, i) => {
    if (i) w.write(0, "\t");
    const value = annotations![k]!.replace(/\n$/, "");
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(0, `${k}:\n`);
      for (const s of value.split("\n")) w.write(0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

export type Describer = (obj: KubeObject, ctx: DescribeContext) => string;

export interface DescribeContext {
  now: number;
  /** Events about the object (searchEvents); undefined when events are not shown (no Events section). */
  events: readonly KubeObject[] | undefined;
  /** Lists related objects, e.g. EndpointSlices of a Service. */
  list(resource: { group: string; version: string; resource: string }, namespace: string | undefined, labelSelector?: string): KubeObject[];
}

/**
 * kubectl get (k8s.io/kubectl/pkg/cmd/get/get.go): tables from the server's printers, or the objects
 * in an object format. Several kinds print one table each, separated by a blank line, with their names
 * qualified by kind.
 */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import { isStatusError } from "../../apiserver/machinery/errors.ts";
import type { Ctx } from "../context.ts";
import { ALL_NAMESPACES_FLAG, OUTPUT_FLAG, SELECTOR_FLAG } from "../context.ts";
import { formatError, KubectlError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { resolveResource, type Mapping } from "../mapper.ts";
import { asList, parseOutput, printObjects } from "../printers/output.ts";
import { renderTable } from "../printers/table.ts";
import { parseJSONPath } from "../printers/jsonpath.ts";
import { parseResourceArgs } from "../resource-args.ts";

export const GET_FLAGS: FlagSpec[] = [
  OUTPUT_FLAG,
  SELECTOR_FLAG,
  ALL_NAMESPACES_FLAG,
  { name: "field-selector", type: "string" },
  { name: "no-headers", type: "bool" },
  { name: "show-labels", type: "bool" },
  { name: "show-kind", type: "bool" },
  { name: "label-columns", shorthand: "L", type: "stringSlice" },
  { name: "sort-by", type: "string" },
  { name: "ignore-not-found", type: "bool" },
  { name: "watch", shorthand: "w", type: "bool" },
  { name: "chunk-size", type: "int", ignored: true },
  { name: "show-managed-fields", type: "bool" },
  { name: "filename", shorthand: "f", type: "stringSlice" },
  { name: "raw", type: "string", ignored: true },
];

const MISSING_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

interface Found {
  mapping: Mapping;
  items: KubeObject[];
  named: boolean;
}

export function get(ctx: Ctx): void {
  const { flags, out } = ctx;
  if (flags.bool("watch")) throw new KubectlError("the sandbox cannot stream a watch (-w); run the command again, or use the views beside the terminal to watch changes live");
  const requests = parseResourceArgs(flags.args);
  if (!requests.length) {
    out.err(MISSING_TYPE);
    out.exitCode = 1;
    return;
  }
  const format = parseOutput(flags.str("output"), true, (p) => ctx.env.readFile(p));
  const client = ctx.client();
  const allNs = flags.bool("all-namespaces");
  const errors: unknown[] = [];
  const found: Found[] = [];
  const expanded = requests.flatMap((r) => (r.type === "all" ? ["pods", "services", "daemonsets.apps", "deployments.apps", "replicasets.apps", "statefulsets.apps", "jobs.batch", "cronjobs.batch"].flatMap((t) => {
    try {
      resolveResource(client, t);
      return [{ type: t, names: r.names, fromAll: true }];
    } catch {
      return [];
    }
  }) : [{ ...r, fromAll: false }]));
  for (const r of expanded) {
    const mapping = resolveResource(client, r.type);
    const ns = mapping.resource.namespaced ? (allNs ? undefined : ctx.namespace) : undefined;
    if (r.names.length) {
      const items: KubeObject[] = [];
      for (const name of r.names) {
        try {
          items.push(client.get(mapping.gvr, ns ?? ctx.namespace, name));
        } catch (e) {
          if (flags.bool("ignore-not-found") && isStatusError(e) && e.reason === "NotFound") continue;
          errors.push(e);
        }
      }
      found.push({ mapping, items, named: true });
    } else {
      const list = client.list(mapping.gvr, ns, { labelSelector: flags.str("selector") || undefined, fieldSelector: flags.str("field-selector") || undefined });
      found.push({ mapping, items: list.items, named: false });
    }
  }
  const sortBy = flags.str("sort-by");
  if (sortBy) {
    const tmpl = parseJSONPath(sortBy.startsWith("{") ? sortBy : `{${sortBy}}`);
    for (const f of found) {
      const key = (o: KubeObject) => tmpl.results(o, { allowMissingKeys: true }).flat()[0];
      f.items = [...f.items].sort((a, b) => compareSortKeys(key(a), key(b)));
    }
  }
  const total = found.reduce((n, f) => n + f.items.length, 0);
  const single = requests.length === 1 && requests[0]!.names.length === 1 && !requests[0]!.type.includes(",") && found.length === 1;

  if (format.kind === "default" || format.kind === "wide") {
    const multiKind = found.length > 1 || flags.bool("show-kind");
    let first = true;
    for (const f of found) {
      if (!f.items.length) continue;
      const table = client.table(f.mapping.gvr, f.items, format.kind === "wide");
      if (!first) out.out("\n");
      first = false;
      out.out(
        renderTable(table, {
          wide: format.kind === "wide",
          noHeaders: flags.bool("no-headers"),
          withNamespace: allNs && f.mapping.resource.namespaced,
          showLabels: flags.bool("show-labels"),
          kindPrefix: multiKind ? f.mapping.kindPrefix : undefined,
          labelColumns: flags.list("label-columns"),
        }),
      );
    }
  } else {
    const all = found.flatMap((f) => f.items);
    const data = single && all.length === 1 ? all[0] : asList(all);
    if (single && all.length === 0) {
      // nothing printed; the error follows
    } else {
      out.out(
        printObjects(data, format, () => found.flatMap((f) => f.items.map((o) => `${f.mapping.kindPrefix}/${o.metadata.name}`))),
      );
    }
  }
  if (total === 0 && !errors.length && found.every((f) => !f.named)) {
    const anyNamespaced = found.some((f) => f.mapping.resource.namespaced);
    if (format.kind === "default" || format.kind === "wide" || format.kind === "name") {
      out.err(anyNamespaced && !allNs ? `No resources found in ${ctx.namespace} namespace.\n` : "No resources found\n");
    }
  }
  for (const e of errors) out.err(formatError(e));
  if (errors.length) out.exitCode = 1;
}

function compareSortKeys(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1;
  if (b === undefined || b === null) return 1;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

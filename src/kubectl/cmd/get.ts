/**
 * kubectl get (k8s.io/kubectl/pkg/cmd/get/get.go, v0.34). The human-readable path prints the
 * server's tables: one table per run of objects of the same resource, a blank line between tables
 * (not with --no-headers), names qualified by kind when more than one kind was found, and "No
 * resources found" when nothing was written. The other formats (printGeneric) print one object when
 * one was asked for by name, or a `kind: List` of everything found.
 */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import { isStatusError } from "../../apiserver/machinery/errors.ts";
import type { Ctx } from "../context.ts";
import { ALL_NAMESPACES_FLAG, OUTPUT_FLAG, RECURSIVE_FLAG, SELECTOR_FLAG } from "../context.ts";
import { formatError, formatErrors, KubectlError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { fetchInfos, flatten, planRequests, type Info } from "../builder.ts";
import type { Mapping } from "../mapper.ts";
import { asList, parseOutput, printObjects } from "../printers/output.ts";
import { sortField, sortObjects } from "../printers/sorter.ts";
import { renderTable } from "../printers/table.ts";

export const GET_FLAGS: FlagSpec[] = [
  OUTPUT_FLAG,
  SELECTOR_FLAG,
  ALL_NAMESPACES_FLAG,
  RECURSIVE_FLAG,
  { name: "field-selector", type: "string" },
  { name: "no-headers", type: "bool" },
  { name: "show-labels", type: "bool" },
  { name: "show-kind", type: "bool" },
  { name: "label-columns", shorthand: "L", type: "stringSlice" },
  { name: "sort-by", type: "string" },
  { name: "ignore-not-found", type: "bool" },
  { name: "watch", shorthand: "w", type: "bool" },
  { name: "watch-only", type: "bool" },
  { name: "output-watch-events", type: "bool" },
  { name: "chunk-size", type: "int", ignored: true },
  { name: "show-managed-fields", type: "bool" },
  { name: "allow-missing-template-keys", type: "bool", default: true, ignored: true },
  { name: "server-print", type: "bool", default: true, ignored: true },
  { name: "template", type: "string" },
  { name: "filename", shorthand: "f", type: "stringSlice" },
  { name: "raw", type: "string", ignored: true },
];

/** Complete(): what `kubectl get` alone prints, to stderr (the usage error adds its own lines). */
const MISSING_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

/** multipleGVKsRequested: the infos (lists count, empty or not) span more than one kind. */
function multipleKinds(infos: readonly Info[]): boolean {
  if (infos.length < 2) return false;
  const key = (i: Info) => `${i.mapping.gvr.group}/${i.mapping.gvr.version}/${i.mapping.resource.kind}`;
  return infos.some((i) => key(i) !== key(infos[0]!));
}

/**
 * The effective -o: --template alone means go-template (PrintFlags.ToPrinter), and a template
 * format given without "=" takes its template from --template.
 */
function outputFormat(output: string, template: string): string {
  if (!template) return output;
  if (!output) return "go-template";
  if (!output.includes("=") && ["jsonpath", "jsonpath-as-json", "jsonpath-file", "custom-columns", "custom-columns-file", "go-template", "go-template-file", "template", "templatefile"].includes(output)) {
    return `${output}=${template}`;
  }
  return output;
}

function rowsOf(info: Info): KubeObject[] {
  return info.items ?? (info.object ? [info.object] : []);
}

export function get(ctx: Ctx): void {
  const { flags, out } = ctx;
  if (flags.bool("watch") || flags.bool("watch-only")) {
    throw new KubectlError("the sandbox cannot stream a watch (-w); run the command again, or use the views beside the terminal to watch changes live");
  }
  const files = flags.list("filename");
  // Complete() checks for a resource before Validate() looks at the flags.
  if (!flags.args.length && !files.length) {
    out.err(MISSING_TYPE);
    out.exitCode = 1;
    return;
  }
  const output = outputFormat(flags.str("output"), flags.str("template"));
  // Validate().
  if (flags.bool("show-labels") && output && output !== "wide") throw new KubectlError(`--show-labels option cannot be used with ${output} printer`);
  if (flags.bool("output-watch-events")) throw new KubectlError("--output-watch-events option can only be used with --watch or --watch-only");
  const client = ctx.client();
  const allNs = flags.bool("all-namespaces");
  const plan = planRequests(client, ctx, {
    args: flags.args,
    allowEmptySelector: true,
    labelSelector: flags.str("selector"),
    fieldSelector: flags.str("field-selector"),
    allNamespaces: allNs,
    filenames: files,
    recursive: flags.bool("recursive"),
  });
  const fetched = fetchInfos(client, plan);
  const infos = fetched.infos;
  const ignoreNotFound = flags.bool("ignore-not-found");
  // r.IgnoreErrors(apierrors.IsNotFound).
  const errors = ignoreNotFound ? fetched.errors.filter((e) => !(isStatusError(e) && e.reason === "NotFound")) : fetched.errors;
  const sortBy = flags.str("sort-by");

  if (output !== "" && output !== "wide") {
    printGeneric(ctx, output, infos, errors, plan.singleItemImplied, sortBy, ignoreNotFound);
    return;
  }

  // RuntimeSorter: each table's rows are sorted; a field no row has fails the whole command.
  if (sortBy) {
    const field = sortField(sortBy);
    for (const info of infos) {
      if (info.items && info.items.length) {
        const items = [...info.items];
        sortObjects(items, field, (o) => o, "sorting error: ");
        info.items = items;
      }
    }
  }

  const printWithKind = multipleKinds(infos) || flags.bool("show-kind");
  const noHeaders = flags.bool("no-headers");
  let written = 0;
  let separatorReady = false;
  const write = (text: string) => {
    if (!text) return;
    if (separatorReady) {
      out.out("\n");
      written++;
      separatorReady = false;
    }
    out.out(text);
    written += text.length;
  };
  let allResourcesNamespaced = !allNs;
  // Consecutive infos of one resource share a printer (and a tabwriter flush), as upstream.
  let group: { mapping: Mapping; rows: KubeObject[] } | undefined;
  const flushGroup = () => {
    if (!group) return;
    const { mapping, rows } = group;
    const table = client.table(mapping.gvr, rows, output === "wide");
    write(
      renderTable(table, {
        wide: output === "wide",
        noHeaders,
        withNamespace: allNs && mapping.resource.namespaced,
        showLabels: flags.bool("show-labels"),
        kindPrefix: printWithKind ? mapping.kindPrefix : undefined,
        labelColumns: flags.list("label-columns"),
      }),
    );
  };
  for (const info of infos) {
    allResourcesNamespaced = allResourcesNamespaced && info.mapping.resource.namespaced;
    const sameResource = group && group.mapping.gvr.resource === info.mapping.gvr.resource && group.mapping.gvr.group === info.mapping.gvr.group && group.mapping.gvr.version === info.mapping.gvr.version;
    if (!sameResource) {
      flushGroup();
      if (group && !noHeaders && written > 0) separatorReady = true;
      group = { mapping: info.mapping, rows: [] };
    }
    group!.rows.push(...rowsOf(info));
  }
  flushGroup();
  if (written === 0 && !ignoreNotFound && errors.length === 0) {
    out.err(allResourcesNamespaced ? `No resources found in ${ctx.namespace} namespace.\n` : "No resources found\n");
  }
  if (errors.length) {
    out.err(formatErrors(errors));
    out.exitCode = 1;
  }
}

/** printGeneric: one object, or everything found as a List; errors after the output. */
function printGeneric(ctx: Ctx, output: string, infos: Info[], errors: unknown[], singleItemImplied: boolean, sortBy: string, ignoreNotFound: boolean): void {
  const { flags, out } = ctx;
  const fail = (errs: readonly unknown[]) => {
    if (!errs.length) return;
    out.err(formatErrors(errs));
    out.exitCode = 1;
  };
  if (errors.length && singleItemImplied) return fail(errors);
  const items = flatten(infos);
  if (!items.length && ignoreNotFound) return fail(errors);
  let format;
  try {
    format = parseOutput(output, true, (p) => ctx.env.readFile(p));
  } catch (e) {
    out.err(formatError(e));
    out.exitCode = 1;
    return;
  }
  const single = singleItemImplied && items.length === 1;
  const objects = items.map((i) => i.object!);
  if (sortBy && !single) {
    try {
      sortObjects(objects, sortField(sortBy), (o) => o);
    } catch (e) {
      fail([...errors, e]);
      return;
    }
  }
  const data = single ? objects[0] : asList(objects);
  const text = printObjects(data, format, () => objects.map((o) => `${kindPrefixOf(o, items)}/${o.metadata.name}`), { noHeaders: flags.bool("no-headers") });
  out.out(text);
  fail(errors);
}

function kindPrefixOf(o: KubeObject, items: readonly Info[]): string {
  return items.find((i) => i.object === o)?.mapping.kindPrefix ?? o.kind.toLowerCase();
}

/** kubectl label and kubectl annotate: `key=value` sets, `key-` removes, --overwrite to change a value. */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import { isQualifiedName, isValidLabelValue } from "../../apiserver/machinery/names.ts";
import type { Ctx } from "../context.ts";
import { ALL_NAMESPACES_FLAG, dryRunMode, DRY_RUN_FLAG, OUTPUT_FLAG, SELECTOR_FLAG } from "../context.ts";
import { KubectlError, UsageError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { resolveResource } from "../mapper.ts";
import { parseOutput } from "../printers/output.ts";
import { parseResourceArgs } from "../resource-args.ts";
import { printResult, report } from "./mutate.ts";

export const LABEL_FLAGS: FlagSpec[] = [
  { name: "overwrite", type: "bool" },
  { name: "all", type: "bool" },
  { name: "list", type: "bool" },
  { name: "resource-version", type: "string", ignored: true },
  SELECTOR_FLAG,
  ALL_NAMESPACES_FLAG,
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
];

export function labelOrAnnotate(ctx: Ctx, which: "labels" | "annotations"): void {
  const noun = which === "labels" ? "label" : "annotation";
  const { flags } = ctx;
  const resourceArgs: string[] = [];
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const a of flags.args) {
    if (a.includes("=")) {
      const i = a.indexOf("=");
      const k = a.slice(0, i);
      const v = a.slice(i + 1);
      if (which === "labels") {
        const kerr = isQualifiedName(k);
        const verr = isValidLabelValue(v);
        if (kerr.length || verr.length) throw new KubectlError(`invalid label spec: ${a}`);
      }
      set[k] = v;
    } else if (a.endsWith("-") && !a.includes("/") && resourceArgs.length) {
      remove.push(a.slice(0, -1));
    } else if (a.endsWith("-") && a.includes("/") && resourceArgs.length) {
      remove.push(a.slice(0, -1));
    } else {
      resourceArgs.push(a);
    }
  }
  if (!Object.keys(set).length && !remove.length && !flags.bool("list")) throw new UsageError(`at least one ${noun} update is required`, noun);
  const requests = parseResourceArgs(resourceArgs);
  if (!requests.length) throw new UsageError("one or more resources must be specified as <resource> <name> or <resource>/<name>", noun);
  const client = ctx.client();
  const format = parseOutput(flags.str("output"), false, (p) => ctx.env.readFile(p));
  const dryRun = dryRunMode(flags);
  for (const r of requests) {
    const mapping = resolveResource(client, r.type);
    const ns = mapping.resource.namespaced ? ctx.namespace : undefined;
    const objs: KubeObject[] = r.names.length
      ? r.names.map((n) => client.get(mapping.gvr, ns, n))
      : flags.bool("all") || flags.str("selector")
        ? client.list(mapping.gvr, mapping.resource.namespaced && !flags.bool("all-namespaces") ? ns : undefined, { labelSelector: flags.str("selector") || undefined }).items
        : [];
    if (!r.names.length && !objs.length && !(flags.bool("all") || flags.str("selector"))) throw new UsageError("resource(s) were provided, but no name was specified", noun);
    for (const obj of objs) {
      try {
        const current = { ...(obj.metadata[which] ?? {}) };
        if (flags.bool("list")) {
          for (const k of Object.keys(current).sort()) ctx.out.out(`${k}=${current[k]}\n`);
          continue;
        }
        for (const [k, v] of Object.entries(set)) {
          if (k in current && current[k] !== v && !flags.bool("overwrite")) throw new KubectlError(`'${k}' already has a value (${current[k]}), and --overwrite is false`);
        }
        const before = JSON.stringify(current);
        for (const k of remove) {
          if (!(k in current)) ctx.out.err(`${noun} "${k}" not found.\n`);
          delete current[k];
        }
        Object.assign(current, set);
        const after = JSON.stringify(current);
        // updateDataChangeMsg: unchanged → "not labeled"; shrank without --overwrite → "unlabeled".
        let msg = which === "annotations" ? "annotated" : "not labeled";
        if (which === "labels" && before !== after) msg = !flags.bool("overwrite") && after.length < before.length ? "unlabeled" : "labeled";
        const next = { ...obj, metadata: { ...obj.metadata, [which]: current } } as KubeObject;
        if (!Object.keys(current).length) delete (next.metadata as Record<string, unknown>)[which];
        const updated = dryRun === "client" ? next : client.update(mapping.gvr, ns ?? obj.metadata.namespace, next, { dryRun: dryRun === "server" });
        printResult(ctx, format, mapping, updated, msg, dryRun);
      } catch (e) {
        report(ctx, e);
      }
    }
  }
}

/**
 * kubectl label and kubectl annotate (k8s.io/kubectl/pkg/cmd/label/label.go and annotate/annotate.go,
 * v0.34): `key=value` sets, `key-` removes, --overwrite to change an existing key. The objects come
 * from the resource builder (names, TYPE/NAME, -l, --all, -A) and each is sent as a merge patch.
 */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import { isValidLabelValue } from "../../apiserver/machinery/names.ts";
import { goQuote } from "../../apiserver/machinery/gofmt.ts";
import type { Ctx } from "../context.ts";
import { ALL_NAMESPACES_FLAG, dryRunMode, DRY_RUN_FLAG, FIELD_MANAGER_FLAG, OUTPUT_FLAG, SELECTOR_FLAG } from "../context.ts";
import { AggregateError, KubectlError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { fetchInfos, flatten, planRequests } from "../builder.ts";
import { parseOutput } from "../printers/output.ts";
import { printResult, reportAll } from "./mutate.ts";

export const LABEL_FLAGS: FlagSpec[] = [
  { name: "overwrite", type: "bool" },
  { name: "all", type: "bool" },
  { name: "list", type: "bool" },
  { name: "local", type: "bool" },
  { name: "resource-version", type: "string" },
  { name: "field-selector", type: "string" },
  { name: "filename", shorthand: "f", type: "stringSlice" },
  { name: "recursive", shorthand: "R", type: "bool" },
  SELECTOR_FLAG,
  ALL_NAMESPACES_FLAG,
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  FIELD_MANAGER_FLAG,
];

/** cmdutil.GetResourcesAndPairs: resources first, then `k=v`/`k-` pairs. */
function resourcesAndPairs(args: readonly string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let foundPair = false;
  for (const s of args) {
    const nonResource = (s.includes("=") && s[0] !== "=") || (s.endsWith("-") && s !== "-");
    if (nonResource) {
      foundPair = true;
      pairs.push(s);
    } else if (!foundPair) {
      resources.push(s);
    } else {
      throw new KubectlError(`all resources must be specified before ${pairType} changes: ${s}`);
    }
  }
  return { resources, pairs };
}

/** parseLabels (label.go) and parseAnnotations (annotate.go). */
function parsePairs(pairs: readonly string[], which: "labels" | "annotations"): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const spec of pairs) {
    if (spec.includes("=")) {
      if (which === "labels") {
        const parts = spec.split("=");
        if (parts.length !== 2) throw new KubectlError(`invalid label spec: ${spec}`);
        const errs = isValidLabelValue(parts[1]!);
        if (errs.length) throw new KubectlError(`invalid label value: ${goQuote(spec)}: ${errs.join(";")}`);
        set[parts[0]!] = parts[1]!;
      } else {
        const i = spec.indexOf("=");
        if (i === 0) invalid.push(spec);
        else set[spec.slice(0, i)] = spec.slice(i + 1);
      }
    } else if (spec.endsWith("-")) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new KubectlError(`unknown ${which === "labels" ? "label" : "annotation"} spec: ${spec}`);
    }
  }
  if (invalid.length) throw new KubectlError(`invalid annotation format: ${invalid.join(", ")}`);
  for (const k of remove) {
    if (k in set) {
      throw new KubectlError(which === "labels" ? "can not both modify and remove a label in the same command" : "can not both modify and remove an annotation in the same command");
    }
  }
  return { set, remove };
}

export function labelOrAnnotate(ctx: Ctx, which: "labels" | "annotations"): void {
  const noun = which === "labels" ? "label" : "annotation";
  const { flags } = ctx;
  // Complete().
  const { resources, pairs } = resourcesAndPairs(flags.args, noun);
  const { set, remove } = parsePairs(pairs, which);
  if (flags.bool("list") && flags.str("output")) throw new KubectlError("--list and --output may not be specified together");
  // Validate().
  if (flags.bool("all") && flags.str("selector")) throw new KubectlError("cannot set --all and --selector at the same time");
  if (flags.bool("all") && flags.str("field-selector")) throw new KubectlError("cannot set --all and --field-selector at the same time");
  if (flags.bool("local")) throw new KubectlError("the sandbox does not support --local; label objects on the server");
  if (!resources.length && !flags.list("filename").length) throw new KubectlError("one or more resources must be specified as <resource> <name> or <resource>/<name>");
  if (!Object.keys(set).length && !remove.length && !flags.bool("list")) throw new KubectlError(`at least one ${noun} update is required`);

  const client = ctx.client();
  const format = parseOutput(flags.str("output"), false, (p) => ctx.env.readFile(p));
  const dryRun = dryRunMode(flags);
  const plan = planRequests(client, ctx, {
    args: resources,
    allowEmptySelector: flags.bool("all"),
    labelSelector: flags.str("selector"),
    fieldSelector: flags.str("field-selector"),
    allNamespaces: flags.bool("all-namespaces"),
    filenames: flags.list("filename"),
    recursive: flags.bool("recursive"),
  });
  if (!plan.singleItemImplied && flags.str("resource-version")) throw new KubectlError("--resource-version may only be used with a single resource");
  const fetched = fetchInfos(client, plan);
  const errors: unknown[] = [...fetched.errors];
  const one = plan.singleItemImplied;
  for (const info of flatten(fetched.infos)) {
    const obj = info.object!;
    try {
      const current: Record<string, string> = { ...(obj.metadata[which] ?? {}) };
      if (!flags.bool("overwrite")) checkNoOverwrites(current, set, which);
      if (flags.bool("list")) {
        // Go ranges over the map in random order; the sandbox lists keys sorted.
        if (!one) ctx.out.out(`Listing ${which} for ${obj.kind}.${groupOf(obj)}/${obj.metadata.name}:\n`);
        for (const k of Object.keys(current).sort()) ctx.out.out(`${one ? "" : " "}${k}=${current[k]}\n`);
        continue;
      }
      const before = JSON.stringify(obj);
      const next = structuredClone(obj) as KubeObject;
      const updated: Record<string, string> = { ...current, ...set };
      for (const k of remove) delete updated[k];
      next.metadata[which] = updated;
      if (flags.str("resource-version")) next.metadata.resourceVersion = flags.str("resource-version");
      // updateDataChangeMsg compares the object's JSON before and after: same → "not labeled"; shorter without
      // --overwrite → "unlabeled". labelFunc always sets the map, so removing a key from an object without
      // labels adds an empty `labels: {}` and reads as "labeled", as upstream.
      const after = JSON.stringify(next);
      let msg = "annotated";
      if (which === "labels") msg = before === after ? "not labeled" : !flags.bool("overwrite") && after.length < before.length ? "unlabeled" : "labeled";
      let result: KubeObject = next;
      if (dryRun !== "client") {
        if (which === "labels") for (const k of remove) if (!(k in current)) ctx.out.out(`label ${goQuote(k)} not found.\n`);
        const patch = { metadata: { [which]: mergePatchOf(current, updated), ...(flags.str("resource-version") ? { resourceVersion: flags.str("resource-version") } : {}) } };
        result = client.patch(info.mapping.gvr, obj.metadata.namespace || undefined, obj.metadata.name!, "merge", patch, { dryRun: dryRun === "server" });
      }
      printResult(ctx, format, info.mapping, result, msg, dryRun);
    } catch (e) {
      errors.push(e);
    }
  }
  reportAll(ctx, errors);
}

/** validateNoOverwrites (label.go: any existing key) / validateNoAnnotationOverwrites (annotate.go: a different value). */
function checkNoOverwrites(current: Record<string, string>, set: Record<string, string>, which: "labels" | "annotations"): void {
  if (which === "labels") {
    const errs = Object.keys(set)
      .filter((k) => k in current)
      .map((k) => new KubectlError(`'${k}' already has a value (${current[k]}), and --overwrite is false`));
    if (errs.length === 1) throw errs[0];
    if (errs.length) throw new AggregateError(errs);
    return;
  }
  const found = Object.keys(set)
    .filter((k) => k !== "kubernetes.io/change-cause" && k in current && current[k] !== set[k])
    .map((k) => `'${k}' already has a value (${current[k]})`);
  if (found.length) throw new KubectlError(`--overwrite is false but found the following declared annotation(s): ${found.join("; ")}`);
}

/** jsonpatch.CreateMergePatch of one map: changed keys, and null for removed ones. */
function mergePatchOf(before: Record<string, string>, after: Record<string, string>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) out[k] = v;
  for (const k of Object.keys(before)) if (!(k in after)) out[k] = null;
  return out;
}

function groupOf(obj: KubeObject): string {
  return obj.apiVersion.includes("/") ? obj.apiVersion.split("/")[0]! : "";
}

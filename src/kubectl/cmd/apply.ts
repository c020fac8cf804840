/**
 * kubectl apply (client-side): creates what is missing, and otherwise merges the manifest into the live
 * object three ways, using the last-applied-configuration annotation to know which fields the user
 * removed. Prints `created`, `configured` or `unchanged`.
 */
import { deepEqual, isPlainObject, type KubeObject } from "../../apiserver/machinery/object.ts";
import { isStatusError } from "../../apiserver/machinery/errors.ts";
import type { Ctx } from "../context.ts";
import { dryRunMode, DRY_RUN_FLAG, FILENAME_FLAG, OUTPUT_FLAG, RECURSIVE_FLAG, VALIDATE_FLAG, FIELD_MANAGER_FLAG } from "../context.ts";
import { KubectlError, withSource } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { readManifests } from "../manifest.ts";
import { parseOutput } from "../printers/output.ts";
import { LAST_APPLIED, withLastApplied } from "./create.ts";
import { printResult, reportAll, target } from "./mutate.ts";

export const APPLY_FLAGS: FlagSpec[] = [
  FILENAME_FLAG,
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  RECURSIVE_FLAG,
  VALIDATE_FLAG,
  FIELD_MANAGER_FLAG,
  { name: "server-side", type: "bool" },
  { name: "force-conflicts", type: "bool", ignored: true },
  { name: "prune", type: "bool", ignored: true },
  { name: "overwrite", type: "bool", default: true, ignored: true },
  { name: "selector", shorthand: "l", type: "string", ignored: true },
  { name: "kustomize", shorthand: "k", type: "string" },
  { name: "all", type: "bool", ignored: true },
  { name: "show-managed-fields", type: "bool", ignored: true },
];

/**
 * patchMergeKey of the lists a strategic merge patch merges by key instead of replacing
 * (k8s.io/api: ServiceSpec.Ports by "port", metav1.Condition lists by "type", OwnerReferences by "uid").
 */
const MERGE_KEYS: Record<string, string> = { ports: "port", conditions: "type", ownerReferences: "uid" };

/**
 * The three-way merge apply performs (CreateThreeWayMergePatch, then the server's merge): fields in
 * `modified` win, fields only in `original` (the last applied manifest) are removed from `live`, fields
 * only in `live` (defaults, other writers) stay. Lists with a merge key merge element by element, in
 * the manifest's order, so that a defaulted `protocol` or `targetPort` does not count as a change.
 */
export function threeWay(original: unknown, modified: unknown, live: unknown, field = ""): unknown {
  const key = MERGE_KEYS[field];
  if (key && Array.isArray(modified) && Array.isArray(live) && [...modified, ...live].every(isPlainObject)) {
    const orig = Array.isArray(original) ? original.filter(isPlainObject) : [];
    const byKey = (list: unknown[], k: unknown) => list.find((e) => isPlainObject(e) && deepEqual(e[key], k));
    const merged = modified.map((m) => {
      const k = (m as Record<string, unknown>)[key];
      const l = byKey(live, k);
      return l === undefined ? structuredClone(m) : threeWay(byKey(orig, k), m, l);
    });
    for (const l of live) {
      const k = (l as Record<string, unknown>)[key];
      if (byKey(modified, k) === undefined && byKey(orig, k) === undefined) merged.push(structuredClone(l));
    }
    return merged;
  }
  if (!isPlainObject(modified) || !isPlainObject(live)) return structuredClone(modified);
  const out: Record<string, unknown> = { ...live };
  for (const [k, v] of Object.entries(modified)) {
    const orig = isPlainObject(original) ? original[k] : undefined;
    out[k] = (isPlainObject(v) && isPlainObject(live[k])) || (Array.isArray(v) && Array.isArray(live[k])) ? threeWay(orig, v, live[k], k) : structuredClone(v);
  }
  if (isPlainObject(original)) for (const k of Object.keys(original)) if (!(k in modified)) delete out[k];
  return out;
}

export function apply(ctx: Ctx): void {
  const { flags } = ctx;
  const files = flags.list("filename");
  // FilenameOptions.RequireFilenameOrKustomize: a plain error, no usage line.
  if (!files.length && !flags.str("kustomize")) throw new KubectlError("must specify one of -f and -k");
  if (flags.str("kustomize")) throw new KubectlError("the sandbox does not run kustomize (-k); use -f with the manifests instead");
  if (flags.bool("force-conflicts") && !flags.bool("server-side")) throw new KubectlError("--force-conflicts only works with --server-side");
  if (dryRunMode(flags) === "client" && flags.bool("server-side")) throw new KubectlError("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
  const format = parseOutput(flags.str("output"), false, (p) => ctx.env.readFile(p));
  const dryRun = dryRunMode(flags);
  const manifests = readManifests(ctx.env, files, flags.bool("recursive"));
  if (!manifests.length) throw new KubectlError("no objects passed to apply");
  const client = ctx.client();
  const errors: unknown[] = [];
  for (const m of manifests) {
    try {
      const t = target(client, ctx, m);
      const name = t.object.metadata?.name;
      if (!name) throw new KubectlError(`error when retrieving current configuration of:\nResource: "${t.mapping.gvr.group ? `${t.mapping.gvr.group}/${t.mapping.gvr.version}` : t.mapping.gvr.version}, Resource=${t.mapping.gvr.resource}", GroupVersionKind: "${t.object.apiVersion}, Kind=${t.object.kind}"\nName: "", Namespace: "${t.namespace ?? ""}"\nfrom server for: "${m.source}": resource name may not be empty`);
      // Server-side apply keeps no last-applied annotation and reports "serverside-applied" for every object
      // (the sandbox approximates the field-ownership merge with the same three-way merge).
      const serverSide = flags.bool("server-side");
      const modified = serverSide ? t.object : withLastApplied(t.object);
      let live: KubeObject | undefined;
      try {
        live = client.get(t.mapping.gvr, t.namespace, name);
      } catch (e) {
        if (!(isStatusError(e) && e.reason === "NotFound")) throw e;
      }
      const warnings: string[] = [];
      const opts = { dryRun: dryRun === "server", warnings, fieldValidation: "Strict" as const };
      if (!live) {
        if (dryRun === "client") {
          printResult(ctx, format, t.mapping, modified, serverSide ? "serverside-applied" : "created", dryRun);
          continue;
        }
        try {
          const created = client.create(t.mapping.gvr, t.namespace, modified, opts);
          ctx.out.warn(warnings);
          printResult(ctx, format, t.mapping, created, serverSide ? "serverside-applied" : "created", dryRun);
        } catch (e) {
          ctx.out.warn(warnings);
          throw withSource(e, "creating", m.source);
        }
        continue;
      }
      const lastText = live.metadata.annotations?.[LAST_APPLIED];
      if (!lastText && !serverSide) {
        ctx.out.warn([
          `resource ${t.mapping.gvr.group ? `${t.mapping.gvr.resource}.${t.mapping.gvr.group}` : t.mapping.gvr.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
        ]);
      }
      let original: unknown = {};
      try {
        original = lastText ? JSON.parse(lastText) : {};
      } catch {
        original = {};
      }
      const merged = threeWay(original, modified, live) as KubeObject;
      if (deepEqual(merged, live)) {
        printResult(ctx, format, t.mapping, live, serverSide ? "serverside-applied" : "unchanged", dryRun);
        continue;
      }
      if (dryRun === "client") {
        printResult(ctx, format, t.mapping, merged, serverSide ? "serverside-applied" : "configured", dryRun);
        continue;
      }
      try {
        const updated = client.update(t.mapping.gvr, t.namespace, merged, opts);
        ctx.out.warn(warnings);
        printResult(ctx, format, t.mapping, updated, serverSide ? "serverside-applied" : "configured", dryRun);
      } catch (e) {
        ctx.out.warn(warnings);
        throw withSource(e, "applying", m.source);
      }
    } catch (e) {
      errors.push(e);
    }
  }
  reportAll(ctx, errors);
}

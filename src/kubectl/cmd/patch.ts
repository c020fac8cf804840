/**
 * kubectl patch (k8s.io/kubectl/pkg/cmd/patch/patch.go, v0.34): strategic (default), merge or JSON patch,
 * given as JSON or YAML; prints `patched`, or `patched (no change)` when the server returned the object
 * unchanged.
 */
import { parseDocument } from "yaml";
import { deepEqual } from "../../apiserver/machinery/object.ts";
import type { PatchType } from "../../apiserver/machinery/patch.ts";
import { goQuote } from "../../apiserver/machinery/gofmt.ts";
import type { Ctx } from "../context.ts";
import { dryRunMode, DRY_RUN_FLAG, FIELD_MANAGER_FLAG, OUTPUT_FLAG } from "../context.ts";
import { KubectlError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { fetchInfos, flatten, planRequests } from "../builder.ts";
import { goYamlError } from "../manifest.ts";
import { parseOutput } from "../printers/output.ts";
import { printResult, reportAll } from "./mutate.ts";

export const PATCH_FLAGS: FlagSpec[] = [
  { name: "patch", shorthand: "p", type: "string" },
  { name: "patch-file", type: "string" },
  { name: "type", type: "string", default: "strategic" },
  { name: "subresource", type: "string" },
  { name: "filename", shorthand: "f", type: "stringSlice" },
  { name: "recursive", shorthand: "R", type: "bool" },
  { name: "local", type: "bool" },
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  FIELD_MANAGER_FLAG,
];

/** yaml.ToJSON on the patch text; errors in go-yaml's words. */
function parsePatch(text: string, shown: string): unknown {
  const doc = parseDocument(text, { version: "1.1", uniqueKeys: false });
  const err = doc.errors[0];
  if (err) throw new KubectlError(`unable to parse ${goQuote(shown)}: yaml: ${goYamlError(err.code, err.message, err.linePos?.[0]?.line ?? 1, text)}`);
  return doc.toJS();
}

export function patch(ctx: Ctx): void {
  const { flags } = ctx;
  const dryRun = dryRunMode(flags);
  // Validate().
  const text = flags.str("patch");
  if (text && flags.has("patch-file")) throw new KubectlError("cannot specify --patch and --patch-file together");
  if (!text && !flags.str("patch-file")) throw new KubectlError("must specify --patch or --patch-file containing the contents of the patch");
  if (flags.bool("local") && flags.args.length) throw new KubectlError("cannot specify --local and server resources");
  if (flags.bool("local") && dryRun === "server") throw new KubectlError("cannot specify --local and --dry-run=server - did you mean --dry-run=client?");
  const type = flags.str("type").toLowerCase() as PatchType;
  if (flags.str("type") && !["json", "merge", "strategic"].includes(type)) throw new KubectlError(`--type must be one of [json merge strategic], not ${goQuote(flags.str("type"))}`);
  if (flags.bool("local")) throw new KubectlError("the sandbox does not support --local; patch objects on the server");

  // RunPatch().
  let patchText = text;
  if (flags.str("patch-file")) {
    const content = ctx.env.readFile(flags.str("patch-file"));
    if (content === null) throw new KubectlError(`unable to read patch file: open ${flags.str("patch-file")}: no such file or directory`);
    patchText = content;
  }
  // upstream quotes o.Patch (empty for --patch-file) in this message.
  const body = parsePatch(patchText, text);
  const client = ctx.client();
  const format = parseOutput(flags.str("output"), false, (p) => ctx.env.readFile(p));
  const plan = planRequests(client, ctx, { args: flags.args, allowEmptySelector: false, filenames: flags.list("filename"), recursive: flags.bool("recursive") });
  const fetched = fetchInfos(client, plan);
  const errors: unknown[] = [...fetched.errors];
  let count = 0;
  for (const info of flatten(fetched.infos)) {
    count++;
    const before = info.object!;
    try {
      const warnings: string[] = [];
      const after = client.patch(info.mapping.gvr, before.metadata.namespace || undefined, before.metadata.name!, type, body, {
        dryRun: dryRun !== "none",
        warnings,
        subresource: flags.str("subresource") || undefined,
      });
      ctx.out.warn(warnings);
      // didPatch := !reflect.DeepEqual(info.Object, patchedObj): a no-op patch leaves the stored object (and its resourceVersion) alone.
      printResult(ctx, format, info.mapping, after, deepEqual(after, before) ? "patched (no change)" : "patched", dryRun);
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length) return reportAll(ctx, errors);
  if (count === 0) throw new KubectlError("no objects passed to patch");
}

/** kubectl patch: strategic (default), merge or JSON patch, given as JSON or YAML; `patched` or `patched (no change)`. */
import { parse as parseYAML } from "yaml";
import { deepEqual } from "../../apiserver/machinery/object.ts";
import type { PatchType } from "../../apiserver/machinery/patch.ts";
import type { Ctx } from "../context.ts";
import { dryRunMode, DRY_RUN_FLAG, OUTPUT_FLAG } from "../context.ts";
import { KubectlError, UsageError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { resolveResource } from "../mapper.ts";
import { parseOutput } from "../printers/output.ts";
import { parseResourceArgs } from "../resource-args.ts";
import { printResult } from "./mutate.ts";

export const PATCH_FLAGS: FlagSpec[] = [
  { name: "patch", shorthand: "p", type: "string" },
  { name: "patch-file", type: "string" },
  { name: "type", type: "string", default: "strategic" },
  { name: "subresource", type: "string" },
  { name: "filename", shorthand: "f", type: "stringSlice" },
  { name: "local", type: "bool" },
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
];

export function patch(ctx: Ctx): void {
  const { flags } = ctx;
  const type = flags.str("type") as PatchType;
  if (!["json", "merge", "strategic"].includes(type)) throw new KubectlError(`--type must be one of [json merge strategic], not "${type}"`);
  let text = flags.str("patch");
  if (flags.has("patch-file")) {
    const content = ctx.env.readFile(flags.str("patch-file"));
    if (content === null) throw new KubectlError(`unable to read patch file: open ${flags.str("patch-file")}: no such file or directory`);
    text = content;
  }
  if (!text) throw new UsageError("must specify --patch or --patch-file containing the contents of the patch", "patch");
  let body: unknown;
  try {
    body = parseYAML(text, { version: "1.1" });
  } catch (e) {
    throw new KubectlError(`unable to parse "${text}": yaml: ${(e as Error).message.split("\n")[0]}`);
  }
  const requests = parseResourceArgs(flags.args);
  if (!requests.length || !requests[0]!.names.length) throw new UsageError("must provide one or more resources", "patch");
  const client = ctx.client();
  const format = parseOutput(flags.str("output"), false, (p) => ctx.env.readFile(p));
  const dryRun = dryRunMode(flags);
  for (const r of requests) {
    const mapping = resolveResource(client, r.type);
    const ns = mapping.resource.namespaced ? ctx.namespace : undefined;
    for (const name of r.names) {
      const before = client.get(mapping.gvr, ns, name);
      const warnings: string[] = [];
      const after = client.patch(mapping.gvr, ns, name, type, body, { dryRun: dryRun !== "none", warnings, subresource: flags.str("subresource") || undefined });
      ctx.out.warn(warnings);
      const same = deepEqual({ ...after, metadata: { ...after.metadata, resourceVersion: "" } }, { ...before, metadata: { ...before.metadata, resourceVersion: "" } });
      printResult(ctx, format, mapping, after, same ? "patched (no change)" : "patched", dryRun);
    }
  }
}

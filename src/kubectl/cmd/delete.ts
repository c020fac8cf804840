/**
 * kubectl delete (k8s.io/kubectl/pkg/cmd/delete/delete.go, v0.34): prints `<kind> "<name>" deleted`
 * (namespaced objects add `from <ns> namespace` since 1.34) before waiting, then by default waits until
 * the objects are gone. An object held by a finalizer makes a real kubectl wait indefinitely; the
 * sandbox lets the cluster run a while and then says why it stopped waiting.
 */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import { isStatusError } from "../../apiserver/machinery/errors.ts";
import type { Ctx } from "../context.ts";
import { ALL_NAMESPACES_FLAG, dryRunMode, dryRunSuffix, DRY_RUN_FLAG, FILENAME_FLAG, OUTPUT_FLAG, RECURSIVE_FLAG, SELECTOR_FLAG } from "../context.ts";
import { formatError, KubectlError, withSource } from "../errors.ts";
import { durationMs, type FlagSpec } from "../flags.ts";
import { readManifests } from "../manifest.ts";
import { resolveResource, type Mapping } from "../mapper.ts";
import { parseResourceArgs } from "../resource-args.ts";
import { target } from "./mutate.ts";

export const DELETE_FLAGS: FlagSpec[] = [
  FILENAME_FLAG,
  SELECTOR_FLAG,
  ALL_NAMESPACES_FLAG,
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
  { name: "all", type: "bool" },
  { name: "wait", type: "bool", default: true },
  { name: "grace-period", type: "int", default: -1 },
  { name: "force", type: "bool" },
  { name: "now", type: "bool" },
  { name: "ignore-not-found", type: "bool" },
  { name: "timeout", type: "duration" },
  { name: "cascade", type: "string", noOptDefault: "background", default: "background" },
  { name: "field-selector", type: "string" },
  { name: "interactive", shorthand: "i", type: "bool" },
];

/** How long the sandbox lets virtual time run for a waiting delete before it explains and returns. */
const WAIT_LIMIT_MS = 60_000;

interface Victim {
  mapping: Mapping;
  namespace: string | undefined;
  name: string;
  source?: string;
}

function label(v: Victim): string {
  return `${v.mapping.kindPrefix} "${v.name}"`;
}

export function del(ctx: Ctx): void {
  const { flags, out } = ctx;
  const client = ctx.client();
  const files = flags.list("filename");
  const victims: Victim[] = [];
  const errors: unknown[] = [];
  const requests = parseResourceArgs(flags.args);
  if (files.length) {
    for (const m of readManifests(ctx.env, files, flags.bool("recursive"))) {
      const t = target(client, ctx, m);
      victims.push({ mapping: t.mapping, namespace: t.namespace, name: t.object.metadata.name ?? "", source: m.source });
    }
  } else {
    if (!requests.length) {
      throw new KubectlError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    }
    for (const r of requests) {
      const mapping = resolveResource(client, r.type);
      const ns = mapping.resource.namespaced ? ctx.namespace : undefined;
      if (r.names.length) {
        for (const name of r.names) victims.push({ mapping, namespace: ns, name });
      } else if (flags.bool("all") || flags.str("selector") || flags.str("field-selector")) {
        const listNs = mapping.resource.namespaced && !flags.bool("all-namespaces") ? ns : undefined;
        for (const o of client.list(mapping.gvr, listNs, { labelSelector: flags.str("selector") || undefined, fieldSelector: flags.str("field-selector") || undefined }).items) {
          victims.push({ mapping, namespace: o.metadata.namespace, name: o.metadata.name! });
        }
      } else {
        throw new KubectlError("resource(s) were provided, but no name was specified");
      }
    }
    if (!victims.length) {
      out.err(requests.some((r) => resolveResource(client, r.type).resource.namespaced) && !flags.bool("all-namespaces") ? `No resources found\n` : "No resources found\n");
      return;
    }
  }
  const dryRun = dryRunMode(flags);
  const force = flags.bool("force") && flags.int("grace-period", -1) === 0;
  if (flags.bool("force") && flags.int("grace-period", -1) === 0 && !dryRun.startsWith("c")) {
    out.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
  }
  const deleted: Victim[] = [];
  for (const v of victims) {
    try {
      if (dryRun === "client") {
        client.get(v.mapping.gvr, v.namespace, v.name);
      } else {
        client.delete(v.mapping.gvr, v.namespace, v.name, { dryRun: dryRun === "server" });
      }
      const where = v.namespace ? ` from ${v.namespace} namespace` : "";
      if (flags.str("output") === "name") out.out(`${v.mapping.kindPrefix}/${v.name}\n`);
      else out.out(`${label(v)} ${force ? "force deleted" : "deleted"}${where}${dryRunSuffix(dryRun)}\n`);
      deleted.push(v);
    } catch (e) {
      if (flags.bool("ignore-not-found") && isStatusError(e) && e.reason === "NotFound") continue;
      errors.push(v.source ? withSource(e, "deleting", v.source) : e);
    }
  }
  if (flags.bool("wait") && dryRun === "none" && deleted.length) {
    const gone = (v: Victim) => {
      try {
        client.get(v.mapping.gvr, v.namespace, v.name);
        return false;
      } catch {
        return true;
      }
    };
    const timeout = flags.has("timeout") ? durationMs(flags.str("timeout")) : 0;
    const limit = timeout > 0 ? Math.min(timeout, WAIT_LIMIT_MS) : WAIT_LIMIT_MS;
    ctx.env.waitFor(() => deleted.every(gone), limit);
    const stuck = deleted.filter((v) => !gone(v));
    if (stuck.length && timeout > 0 && timeout <= WAIT_LIMIT_MS) {
      for (const v of stuck) errors.push(new KubectlError(`timed out waiting for the condition on ${v.mapping.gvr.resource}/${v.name}`));
    } else {
      for (const v of stuck) out.err(sandboxNote(v, client.get(v.mapping.gvr, v.namespace, v.name)));
    }
  }
  for (const e of errors) out.err(formatError(e));
  if (errors.length) out.exitCode = 1;
}

function sandboxNote(v: Victim, obj: KubeObject): string {
  const fins = obj.metadata.finalizers ?? [];
  const why = fins.length ? `its finalizer ${fins.join(", ")} holds it until nothing depends on it` : "it is still being deleted";
  return `(sandbox) ${label(v)} is still terminating: ${why}. A real kubectl would keep waiting here until you press Ctrl+C; use --wait=false to return at once.\n`;
}

export { formatError };

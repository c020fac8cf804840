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
import { formatErrors, KubectlError, withSource } from "../errors.ts";
import { durationMs, type FlagSpec } from "../flags.ts";
import { fetchInfos, flatten, planRequests } from "../builder.ts";
import type { Mapping } from "../mapper.ts";

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
  { name: "raw", type: "string", ignored: true },
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
  // Complete(): --now means a grace period of 1, --grace-period=0 without --force is turned into 1,
  // and --force alone means 0.
  let gracePeriod = flags.int("grace-period", -1);
  const force = flags.bool("force");
  if (flags.bool("now")) {
    if (gracePeriod !== -1) throw new KubectlError("--now and --grace-period cannot be specified together");
    gracePeriod = 1;
  }
  if (gracePeriod === 0 && !force) gracePeriod = 1;
  if (force && gracePeriod < 0) gracePeriod = 0;
  const dryRun = dryRunMode(flags);
  // parseCascadingFlag: a boolean is deprecated but accepted, with a warning.
  const cascade = flags.str("cascade");
  const asBool = ["1", "t", "T", "TRUE", "true", "True"].includes(cascade) ? true : ["0", "f", "F", "FALSE", "false", "False"].includes(cascade) ? false : undefined;
  if (asBool === undefined && !["background", "foreground", "orphan"].includes(cascade)) {
    throw new KubectlError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
  }
  if (asBool !== undefined) out.err(`warning: --cascade=${cascade} is deprecated (boolean value) and can be replaced with --cascade=${asBool ? "background" : "orphan"}.\n`);
  if (flags.bool("interactive")) throw new KubectlError("the sandbox cannot ask for confirmation (--interactive); run the delete without -i");

  const client = ctx.client();
  const files = flags.list("filename");
  const selectAll = flags.bool("all");
  const plan = planRequests(client, ctx, {
    args: flags.args,
    allowEmptySelector: false,
    labelSelector: flags.str("selector"),
    fieldSelector: flags.str("field-selector"),
    selectAll,
    allNamespaces: flags.bool("all-namespaces"),
    filenames: files,
    recursive: flags.bool("recursive"),
  });

  // Validate().
  const output = flags.str("output");
  if (output !== "" && output !== "name") throw new KubectlError(`unexpected -o output mode: ${output}. We only support '-o name'`);
  if (selectAll && flags.str("field-selector")) throw new KubectlError("cannot set --all and --field-selector at the same time");
  if (gracePeriod === 0 && force) {
    out.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
  } else if (gracePeriod > 0 && force) {
    throw new KubectlError("--force and --grace-period greater than 0 cannot be specified together");
  }

  // --all, -l and --field-selector ignore NotFound unless --ignore-not-found was given explicitly.
  const ignoreNotFound = flags.has("ignore-not-found") ? flags.bool("ignore-not-found") : selectAll || !!flags.str("selector") || !!flags.str("field-selector");
  // WarnClusterScope: an explicit -n that a cluster-scoped object cannot honour.
  let warnClusterScope = ctx.explicitNamespace && !flags.bool("all-namespaces");

  // RequireObject(false): names are deleted without being read first; lists are read to find the names.
  const fetched = fetchInfos(client, plan, { latest: false });
  const victims: Victim[] = flatten(fetched.infos).map((i) => ({ mapping: i.mapping, namespace: i.object?.metadata.namespace ?? i.namespace, name: i.name, source: i.source }));
  const errors: unknown[] = [...fetched.errors];
  const deleted: Victim[] = [];
  let found = 0;
  for (const v of victims) {
    found++;
    if (warnClusterScope && !v.mapping.resource.namespaced) {
      // WarningPrinter.Print: "Warning: <message>".
      out.err("Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n");
      warnClusterScope = false;
    }
    try {
      if (dryRun === "client") {
        printDeleted(ctx, v, gracePeriod, dryRun, output);
        continue;
      }
      client.delete(v.mapping.gvr, v.namespace || undefined, v.name, {
        dryRun: dryRun === "server",
        ...(gracePeriod >= 0 ? { gracePeriodSeconds: gracePeriod } : {}),
      });
      printDeleted(ctx, v, gracePeriod, dryRun, output);
      deleted.push(v);
    } catch (e) {
      if (ignoreNotFound && isStatusError(e) && e.reason === "NotFound") continue;
      errors.push(v.source ? withSource(e, "deleting", v.source) : e);
    }
  }
  if (errors.length) {
    out.err(formatErrors(errors));
    out.exitCode = 1;
    return;
  }
  if (found === 0) {
    // DeleteResult writes this to stdout, not stderr.
    out.out("No resources found\n");
    return;
  }
  if (flags.bool("wait") && dryRun === "none" && deleted.length) waitForDeletion(ctx, deleted);
}

/** PrintObj: `service "x" deleted from default namespace`, `force deleted`, the dry-run suffixes, or -o name. */
function printDeleted(ctx: Ctx, v: Victim, gracePeriod: number, dryRun: ReturnType<typeof dryRunMode>, output: string): void {
  if (output === "name") {
    ctx.out.out(`${v.mapping.kindPrefix}/${v.name}\n`);
    return;
  }
  // k/k PR #126619 (1.34): the namespace comes before the dry-run suffix,
  // `deployment.apps "myapp" deleted from myapp-prod namespace (server dry run)`.
  const where = v.mapping.resource.namespaced && v.namespace ? ` from ${v.namespace} namespace` : "";
  ctx.out.out(`${label(v)} ${gracePeriod === 0 ? "force deleted" : "deleted"}${where}${dryRunSuffix(dryRun)}\n`);
}

function waitForDeletion(ctx: Ctx, deleted: Victim[]): void {
  const { flags, out } = ctx;
  const client = ctx.client();
  const gone = (v: Victim) => {
    try {
      client.get(v.mapping.gvr, v.namespace || undefined, v.name);
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
    out.err(formatErrors(stuck.map((v) => new KubectlError(`timed out waiting for the condition on ${v.mapping.gvr.resource}/${v.name}`))));
    out.exitCode = 1;
    return;
  }
  for (const v of stuck) out.err(sandboxNote(v, client.get(v.mapping.gvr, v.namespace || undefined, v.name)));
}

function sandboxNote(v: Victim, obj: KubeObject): string {
  const fins = obj.metadata.finalizers ?? [];
  const why = fins.length ? `its finalizer ${fins.join(", ")} holds it until nothing depends on it` : "it is still being deleted";
  return `(sandbox) ${label(v)} is still terminating: ${why}. A real kubectl would keep waiting here until you press Ctrl+C; use --wait=false to return at once.\n`;
}

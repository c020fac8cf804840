/**
 * Shared pieces of the commands that write objects: mapping manifest objects to resources and
 * namespaces, printing `kind/name verb` or the object in -o format, and reporting errors kubectl-style.
 */
import type { ApiClient } from "../../apiserver/client.ts";
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import type { Ctx, DryRun } from "../context.ts";
import { dryRunSuffix } from "../context.ts";
import { formatErrors, KubectlError } from "../errors.ts";
import { NoKindMatchError, resolveKind, type Mapping } from "../mapper.ts";
import type { ManifestObject } from "../manifest.ts";
import { printObjects, type OutputFormat } from "../printers/output.ts";

export interface Target {
  mapping: Mapping;
  namespace: string | undefined;
  object: KubeObject;
  source: string;
}

/** Maps a manifest object, or throws kubectl's "resource mapping not found" error. */
export function target(client: ApiClient, ctx: Ctx, m: ManifestObject): Target {
  let mapping: Mapping;
  try {
    mapping = resolveKind(client, m.object.apiVersion, m.object.kind);
  } catch (e) {
    if (e instanceof NoKindMatchError) {
      throw new KubectlError(
        `resource mapping not found for name: "${m.object.metadata?.name ?? ""}" namespace: "${m.object.metadata?.namespace ?? ""}" from "${m.source}": ${e.message}\nensure CRDs are installed first`,
      );
    }
    throw e;
  }
  let namespace: string | undefined;
  if (mapping.resource.namespaced) {
    const own = m.object.metadata?.namespace;
    if (own && ctx.explicitNamespace && own !== ctx.namespace) {
      throw new KubectlError(`the namespace from the provided object "${own}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${own}' to perform this operation.`);
    }
    namespace = own || ctx.namespace;
  }
  return { mapping, namespace, object: m.object, source: m.source };
}

/** Prints the outcome of a write: `service/test-1 created`, or the object in an object format. */
export function printResult(ctx: Ctx, format: OutputFormat, mapping: Mapping, obj: KubeObject, verb: string, dryRun: DryRun, jsonOrder?: (data: unknown) => unknown): void {
  if (format.kind === "default") {
    ctx.out.out(`${mapping.kindPrefix}/${obj.metadata.name} ${verb}${dryRunSuffix(dryRun)}\n`);
    return;
  }
  ctx.out.out(printObjects(obj, format, () => [`${mapping.kindPrefix}/${obj.metadata.name}`], { jsonOrder }));
}

/** Prints the errors a command collected (an aggregate, as the visitor returns them) and fails. */
export function reportAll(ctx: Ctx, errs: readonly unknown[]): void {
  if (!errs.length) return;
  ctx.out.err(formatErrors(errs));
  ctx.out.exitCode = 1;
}

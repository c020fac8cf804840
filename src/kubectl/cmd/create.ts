/** kubectl create -f and its generators (service, namespace). */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import { isQualifiedName } from "../../apiserver/machinery/names.ts";
import type { Ctx } from "../context.ts";
import { dryRunMode, DRY_RUN_FLAG, FILENAME_FLAG, OUTPUT_FLAG, RECURSIVE_FLAG, VALIDATE_FLAG, FIELD_MANAGER_FLAG } from "../context.ts";
import { KubectlError, UsageError, withSource } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { readManifests } from "../manifest.ts";
import { resolveResource } from "../mapper.ts";
import { parseOutput } from "../printers/output.ts";
import { printResult, report, target } from "./mutate.ts";
import { createService } from "./create-service.ts";

export const CREATE_FLAGS: FlagSpec[] = [
  FILENAME_FLAG,
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  RECURSIVE_FLAG,
  VALIDATE_FLAG,
  FIELD_MANAGER_FLAG,
  { name: "save-config", type: "bool" },
  { name: "edit", type: "bool", ignored: true },
  { name: "selector", shorthand: "l", type: "string", ignored: true },
  { name: "show-managed-fields", type: "bool", ignored: true },
  // generator flags (create service ..., create namespace)
  { name: "tcp", type: "stringSlice" },
  { name: "clusterip", type: "string" },
  { name: "node-port", type: "int" },
  { name: "external-name", type: "string" },
];

export function create(ctx: Ctx): void {
  const { flags } = ctx;
  const [sub, ...rest] = flags.args;
  if (sub === "service" || sub === "svc") return createService(ctx, rest);
  if (sub === "namespace" || sub === "ns") return createNamespace(ctx, rest);
  if (sub) throw new KubectlError(`unknown command "${sub}" for "kubectl create"`);
  const files = flags.list("filename");
  if (!files.length) {
    throw new UsageError("must specify one of -f and -k", "create");
  }
  const format = parseOutput(flags.str("output"), false, (p) => ctx.env.readFile(p));
  const dryRun = dryRunMode(flags);
  const manifests = readManifests(ctx.env, files, flags.bool("recursive"));
  if (!manifests.length) throw new KubectlError("no objects passed to create");
  const client = ctx.client();
  for (const m of manifests) {
    try {
      const t = target(client, ctx, m);
      const obj = flags.bool("save-config") ? withLastApplied(t.object) : t.object;
      if (dryRun === "client") {
        printResult(ctx, format, t.mapping, obj, "created", dryRun);
        continue;
      }
      const warnings: string[] = [];
      try {
        const created = client.create(t.mapping.gvr, t.namespace, obj, { dryRun: dryRun === "server", warnings, fieldValidation: "Strict" });
        ctx.out.warn(warnings);
        printResult(ctx, format, t.mapping, created, "created", dryRun);
      } catch (e) {
        ctx.out.warn(warnings);
        throw withSource(e, "creating", m.source);
      }
    } catch (e) {
      report(ctx, e);
    }
  }
}

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** The object with its own JSON in the last-applied annotation, as --save-config and apply store it. */
export function withLastApplied(obj: KubeObject): KubeObject {
  const copy = structuredClone(obj);
  const { [LAST_APPLIED]: _, ...others } = copy.metadata.annotations ?? {};
  const bare = { ...copy, metadata: { ...copy.metadata, annotations: others } };
  if (!Object.keys(others).length) delete (bare.metadata as { annotations?: unknown }).annotations;
  copy.metadata.annotations = { ...others, [LAST_APPLIED]: JSON.stringify(sortKeys(bare)) + "\n" };
  return copy;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
  }
  return v;
}

function createNamespace(ctx: Ctx, args: string[]): void {
  if (args.length !== 1) throw new UsageError(`exactly one NAME is required, got ${args.length}`, "create namespace");
  const client = ctx.client();
  const mapping = resolveResource(client, "namespaces");
  const format = parseOutput(ctx.flags.str("output"), false, (p) => ctx.env.readFile(p));
  const dryRun = dryRunMode(ctx.flags);
  const ns: KubeObject = { apiVersion: "v1", kind: "Namespace", metadata: { name: args[0]! } };
  if (dryRun === "client") return printResult(ctx, format, mapping, { ...ns, spec: {}, status: {} } as KubeObject, "created", dryRun);
  const created = client.create(mapping.gvr, undefined, ns, { dryRun: dryRun === "server", fieldValidation: "Strict" });
  printResult(ctx, format, mapping, created, "created", dryRun);
}

export { isQualifiedName };

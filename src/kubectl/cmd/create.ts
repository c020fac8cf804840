/**
 * kubectl create -f (k8s.io/kubectl/pkg/cmd/create/create.go, v0.34) and the generators the sandbox
 * knows (create service <type>, create namespace). Each generator is its own cobra command with its
 * own flags, so `kubectl create service nodeport x --clusterip=...` is an unknown flag, as upstream.
 */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import { goQuote } from "../../apiserver/machinery/gofmt.ts";
import type { Ctx } from "../context.ts";
import { dryRunMode, DRY_RUN_FLAG, FILENAME_FLAG, OUTPUT_FLAG, RECURSIVE_FLAG, VALIDATE_FLAG, FIELD_MANAGER_FLAG } from "../context.ts";
import { KubectlError, UsageError, withSource } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { helpFor } from "../help.ts";
import { readManifests } from "../manifest.ts";
import { resolveResource } from "../mapper.ts";
import { parseOutput } from "../printers/output.ts";
import { inStructOrder, NAMESPACE_SHAPE } from "../printers/typed-order.ts";
import { printResult, reportAll, target } from "./mutate.ts";
import { createService, CREATE_SERVICE_HELP, serviceFlags, SERVICE_TYPES } from "./create-service.ts";
import type { ResolvedCommand } from "../index.ts";
import { createDeployment, CREATE_DEPLOYMENT_FLAGS } from "./create-deployment.ts";

/** PrintFlags of every generator: -o, --template, --allow-missing-template-keys, --show-managed-fields. */
export const PRINT_FLAGS: FlagSpec[] = [
  OUTPUT_FLAG,
  { name: "template", type: "string" },
  { name: "allow-missing-template-keys", type: "bool", default: true, ignored: true },
  { name: "show-managed-fields", type: "bool", ignored: true },
];

export const CREATE_FLAGS: FlagSpec[] = [
  FILENAME_FLAG,
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  RECURSIVE_FLAG,
  VALIDATE_FLAG,
  FIELD_MANAGER_FLAG,
  { name: "kustomize", shorthand: "k", type: "string" },
  { name: "save-config", type: "bool" },
  { name: "edit", type: "bool", ignored: true },
  { name: "raw", type: "string", ignored: true },
  { name: "windows-line-endings", type: "bool", ignored: true },
  { name: "selector", shorthand: "l", type: "string", ignored: true },
];

/** Flags of the generators that are not `service <type>`. */
const GENERATOR_FLAGS: FlagSpec[] = [...PRINT_FLAGS, DRY_RUN_FLAG, VALIDATE_FLAG, FIELD_MANAGER_FLAG, { name: "save-config", type: "bool" }];

/** cobra's Find below `create`: the subcommand the positional arguments name, if any. */
export function createSubcommand(positional: readonly string[]): ResolvedCommand | undefined {
  const [first, second] = positional;
  if (first === "service" || first === "svc") {
    const type = SERVICE_TYPES[second ?? ""];
    if (second !== undefined && type) {
      return {
        path: `create service ${second}`,
        pathWords: [first, second],
        flags: serviceFlags(second),
        required: second === "externalname" ? ["external-name"] : [],
        run: (ctx) => createService(ctx, second, type),
      };
    }
    // `create service` itself: DefaultSubCommandRun, and no flags of its own.
    return { path: "create service", pathWords: [first], flags: [], run: (ctx) => defaultSubCommandRun(ctx, "create service", CREATE_SERVICE_HELP) };
  }
  if (first === "deployment" || first === "deploy") {
    return { path: "create deployment", pathWords: [first], flags: [...GENERATOR_FLAGS, ...CREATE_DEPLOYMENT_FLAGS], required: ["image"], run: createDeployment };
  }
  if (first === "namespace" || first === "ns") {
    return { path: "create namespace", pathWords: [first], flags: GENERATOR_FLAGS, run: createNamespace };
  }
  return undefined;
}

/**
 * cmdutil.DefaultSubCommandRun: arguments are an unknown command; otherwise the help goes to stderr
 * and the command fails without another word (ErrExit).
 */
function defaultSubCommandRun(ctx: Ctx, path: string, help: string): void {
  if (ctx.flags.args.length) throw new UsageError(`unknown command ${goQuote(ctx.flags.args.join(" "))}`, path);
  ctx.out.err(help);
  ctx.out.exitCode = 1;
}

export function create(ctx: Ctx): void {
  const { flags } = ctx;
  const files = flags.list("filename");
  if (!files.length && !flags.str("kustomize")) {
    // NewCmdCreate's Run: this line first, then the default subcommand behaviour.
    ctx.out.err("Error: must specify one of -f and -k\n\n");
    return defaultSubCommandRun(ctx, "create", helpFor("create"));
  }
  if (flags.str("kustomize")) throw new KubectlError("the sandbox does not run kustomize (-k); use -f with the manifests instead");
  // ValidateArgs: create -f takes no arguments.
  if (flags.args.length) throw new UsageError(`Unexpected args: [${flags.args.join(" ")}]`, "create");
  const format = parseOutput(flags.str("output"), false, (p) => ctx.env.readFile(p));
  const dryRun = dryRunMode(flags);
  const manifests = readManifests(ctx.env, files, flags.bool("recursive"));
  const client = ctx.client();
  const errors: unknown[] = [];
  let count = 0;
  for (const m of manifests) {
    try {
      const t = target(client, ctx, m);
      const obj = flags.bool("save-config") ? withLastApplied(t.object) : t.object;
      if (dryRun === "client") {
        count++;
        printResult(ctx, format, t.mapping, obj, "created", dryRun);
        continue;
      }
      const warnings: string[] = [];
      try {
        const created = client.create(t.mapping.gvr, t.namespace, obj, { dryRun: dryRun === "server", warnings, fieldValidation: "Strict" });
        ctx.out.warn(warnings);
        count++;
        printResult(ctx, format, t.mapping, created, "created", dryRun);
      } catch (e) {
        ctx.out.warn(warnings);
        throw withSource(e, "creating", m.source);
      }
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length) return reportAll(ctx, errors);
  if (count === 0) throw new KubectlError("no objects passed to create");
}

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * The object with its own JSON in the last-applied annotation, as --save-config and apply store it
 * (util.GetModifiedConfiguration): the annotations are set, even to an empty map, before encoding, so
 * the stored JSON always has `"annotations":{}` at least; runtime.Encode ends it with a newline.
 * `order` gives typed objects their struct field order; unstructured ones encode with sorted keys.
 */
export function withLastApplied(obj: KubeObject, order: (v: unknown) => unknown = sortKeys): KubeObject {
  const copy = structuredClone(obj);
  const { [LAST_APPLIED]: _, ...others } = copy.metadata.annotations ?? {};
  const bare = { ...copy, metadata: { ...copy.metadata, annotations: others } };
  copy.metadata.annotations = { ...others, [LAST_APPLIED]: JSON.stringify(order(bare)) + "\n" };
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

/** kubectl create namespace NAME (create_namespace.go). */
function createNamespace(ctx: Ctx): void {
  const args = ctx.flags.args;
  // NameFromCommandArgs.
  if (args.length !== 1) throw new UsageError(`exactly one NAME is required, got ${args.length}`, "create namespace");
  const client = ctx.client();
  const mapping = resolveResource(client, "namespaces");
  const format = parseOutput(ctx.flags.str("output"), false, (p) => ctx.env.readFile(p));
  const dryRun = dryRunMode(ctx.flags);
  const order = (d: unknown) => inStructOrder(d, NAMESPACE_SHAPE);
  let ns: KubeObject = { apiVersion: "v1", kind: "Namespace", metadata: { name: args[0]! } };
  if (ctx.flags.bool("save-config")) ns = withLastApplied({ ...ns, spec: {}, status: {} } as KubeObject, order);
  if (dryRun === "client") return printResult(ctx, format, mapping, { ...ns, spec: {}, status: {} } as KubeObject, "created", dryRun, order);
  const created = client.create(mapping.gvr, undefined, ns, { dryRun: dryRun === "server", fieldValidation: "Strict" });
  printResult(ctx, format, mapping, created, "created", dryRun, order);
}

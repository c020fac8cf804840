/**
 * kubectl scale (k8s.io/kubectl/pkg/cmd/scale/scale.go, v0.34): sets spec.replicas of Deployments and
 * ReplicaSets named as TYPE NAME or TYPE/NAME, checking --current-replicas first when given.
 * Prints `deployment.apps/web scaled`.
 * @support scale: --replicas, --current-replicas, TYPE NAME... and TYPE/NAME; deployments and replicasets.
 */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import type { Ctx } from "../context.ts";
import { KubectlError, UsageError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { resolveResource, type Mapping } from "../mapper.ts";

export const SCALE_FLAGS: FlagSpec[] = [
  { name: "replicas", type: "int", default: 0 },
  { name: "current-replicas", type: "int", default: -1 },
  { name: "resource-version", type: "string", ignored: true },
  { name: "timeout", type: "string", ignored: true },
  { name: "filename", shorthand: "f", type: "stringSlice", ignored: true },
  { name: "output", shorthand: "o", type: "string", ignored: true },
];

/** TYPE NAME... or TYPE/NAME...: the objects a command names, resolved to mappings. */
export function namedObjects(ctx: Ctx, args: readonly string[], command: string): { mapping: Mapping; name: string }[] {
  if (!args.length) throw new UsageError("Required resource not specified.", command);
  const client = ctx.client();
  if (args[0]!.includes("/")) {
    return args.map((a) => {
      const [type, name] = a.split("/", 2) as [string, string];
      return { mapping: resolveResource(client, type), name };
    });
  }
  const mapping = resolveResource(client, args[0]!);
  if (args.length < 2) throw new KubectlError(`resource(s) were provided, but no name was specified`);
  return args.slice(1).map((name) => ({ mapping, name }));
}

export function scaleCmd(ctx: Ctx): void {
  const { flags } = ctx;
  if (!flags.has("replicas")) throw new KubectlError(`required flag(s) "replicas" not set`);
  const replicas = flags.int("replicas");
  if (replicas < 0) throw new KubectlError("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
  const client = ctx.client();
  for (const { mapping, name } of namedObjects(ctx, flags.args, "scale")) {
    if (!["deployments", "replicasets", "statefulsets", "replicationcontrollers"].includes(mapping.gvr.resource)) {
      throw new KubectlError(`cannot scale ${mapping.kindPrefix}/${name}: only Deployments and ReplicaSets are simulated`);
    }
    const obj = client.get(mapping.gvr, ctx.namespace, name) as KubeObject & { spec: { replicas?: number } };
    const current = flags.int("current-replicas", -1);
    if (current >= 0 && (obj.spec.replicas ?? 1) !== current) {
      throw new KubectlError(`Expected replicas to be ${current}, was ${obj.spec.replicas ?? 1}`);
    }
    client.patch(mapping.gvr, ctx.namespace, name, "merge", { spec: { replicas } });
    ctx.out.out(`${mapping.kindPrefix}/${name} scaled\n`);
  }
}

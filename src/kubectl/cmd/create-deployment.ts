/**
 * kubectl create deployment (k8s.io/kubectl/pkg/cmd/create/create_deployment.go, v0.34): labels and
 * selector app=NAME, one container per --image named after the image's base name, --replicas and
 * --port, arguments after `--` as the container's command. Prints `deployment.apps/NAME created`.
 * @support create deployment: --image (repeatable), --replicas, --port, --dry-run, -o, -- COMMAND.
 */
import type { Deployment } from "../../apiserver/registry/deployment/types.ts";
import type { Container } from "../../apiserver/registry/pod/types.ts";
import type { Ctx } from "../context.ts";
import { dryRunMode } from "../context.ts";
import { KubectlError, UsageError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { resolveResource } from "../mapper.ts";
import { parseOutput } from "../printers/output.ts";
import { printResult } from "./mutate.ts";

/** The flags create deployment adds to the generator flags every create subcommand has. */
export const CREATE_DEPLOYMENT_FLAGS: FlagSpec[] = [
  { name: "image", type: "stringSlice" },
  { name: "replicas", shorthand: "r", type: "int", default: 1 },
  { name: "port", type: "int", default: -1 },
];

/** buildPodSpec's container name: the image's base name without tag or digest, `_` as `-`. */
function containerName(image: string): string {
  let s = image;
  const at = s.indexOf("@");
  if (at >= 0) s = s.slice(0, at);
  const colon = s.lastIndexOf(":");
  if (colon > s.lastIndexOf("/")) s = s.slice(0, colon);
  return s.slice(s.lastIndexOf("/") + 1).replace(/_/g, "-");
}

export function createDeployment(ctx: Ctx): void {
  const { flags } = ctx;
  const args = flags.args;
  const dash = flags.parsed.argsLenAtDash ?? -1;
  const names = dash >= 0 ? args.slice(0, dash) : args;
  if (names.length !== 1) throw new UsageError(`exactly one NAME is required, got ${names.length}`, "create deployment");
  const images = flags.list("image");
  if (!images.length) throw new KubectlError(`required flag(s) "image" not set`);
  const command = dash >= 0 ? args.slice(dash) : [];
  if (images.length > 1 && command.length) throw new KubectlError("cannot specify multiple --image options and command");
  const name = names[0]!;
  const port = flags.int("port", -1);
  const seen = new Map<string, number>();
  const containers: Container[] = images.map((image) => {
    const base = containerName(image);
    // Two images with the same base name get a numeric suffix, as upstream uniquifies them.
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    const c: Container = { name: n ? `${base}-${n}` : base, image, resources: {} };
    if (command.length) c.command = command;
    if (port >= 0) c.ports = [{ containerPort: port }];
    return c;
  });
  const labels = { app: name };
  let deploy: Deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}), labels },
    spec: {
      replicas: flags.int("replicas", 1),
      selector: { matchLabels: { ...labels } },
      template: { metadata: { labels: { ...labels } }, spec: { containers } },
      strategy: {},
    },
    status: {},
  } as Deployment;
  const format = parseOutput(flags.str("output"), false, (p) => ctx.env.readFile(p));
  const dryRun = dryRunMode(flags);
  const client = ctx.client();
  const mapping = resolveResource(client, "deployments");
  if (dryRun === "client") return printResult(ctx, format, mapping, deploy, "created", dryRun);
  deploy = client.create(mapping.gvr, ctx.namespace, deploy, { dryRun: dryRun === "server", fieldValidation: "Strict" }) as Deployment;
  printResult(ctx, format, mapping, deploy, "created", dryRun);
}

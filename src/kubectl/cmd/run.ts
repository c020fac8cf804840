/**
 * kubectl run (k8s.io/kubectl/pkg/cmd/run/run.go, v0.34): one Pod named NAME with the label run=NAME,
 * one container NAME of --image; arguments after `--` become the container's args (its command with
 * --command); --port, --env, --labels and --restart as upstream. Prints `pod/NAME created`.
 * @support run: --image, --port, --env, --labels, --restart, --command, --dry-run, -o; not --rm/-i/-t/--expose.
 */
import type { Container, Pod } from "../../apiserver/registry/pod/types.ts";
import type { Ctx } from "../context.ts";
import { dryRunMode, DRY_RUN_FLAG, FIELD_MANAGER_FLAG, OUTPUT_FLAG } from "../context.ts";
import { KubectlError, UsageError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { resolveResource } from "../mapper.ts";
import { parseOutput } from "../printers/output.ts";
import { printResult } from "./mutate.ts";

export const RUN_FLAGS: FlagSpec[] = [
  { name: "image", type: "string" },
  { name: "port", type: "string" },
  { name: "env", type: "stringArray" },
  { name: "labels", shorthand: "l", type: "string" },
  { name: "restart", type: "string", default: "Always" },
  { name: "command", type: "bool" },
  { name: "image-pull-policy", type: "string" },
  { name: "privileged", type: "bool", ignored: true },
  { name: "stdin", shorthand: "i", type: "bool", ignored: true },
  { name: "tty", shorthand: "t", type: "bool", ignored: true },
  { name: "rm", type: "bool", ignored: true },
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  FIELD_MANAGER_FLAG,
];

/** parseLabels: "a=b,c=d". */
function parseLabelList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new KubectlError(`invalid label spec: ${part}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

export function runCmd(ctx: Ctx): void {
  const { flags } = ctx;
  const args = flags.args;
  const dash = flags.parsed.argsLenAtDash ?? -1;
  if (!args.length || dash === 0) throw new UsageError("NAME is required for run", "run");
  const name = args[0]!;
  const image = flags.str("image");
  if (!image) throw new KubectlError(`required flag(s) "image" not set`);
  const restart = flags.str("restart");
  if (!["Always", "OnFailure", "Never"].includes(restart)) throw new KubectlError(`invalid restart policy: ${restart}`);
  const rest = args.slice(1);
  const container: Container = { name, image, resources: {} };
  if (rest.length) {
    if (flags.bool("command")) container.command = rest;
    else container.args = rest;
  }
  const env = flags.list("env");
  if (env.length) {
    container.env = env.map((e) => {
      const eq = e.indexOf("=");
      if (eq <= 0) throw new KubectlError(`invalid env: ${e}`);
      return { name: e.slice(0, eq), value: e.slice(eq + 1) };
    });
  }
  const port = flags.str("port");
  if (port) {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new KubectlError(`strconv.Atoi: parsing "${port}": invalid syntax`);
    container.ports = [{ containerPort: n }];
  }
  const policy = flags.str("image-pull-policy");
  if (policy) container.imagePullPolicy = policy as Container["imagePullPolicy"];
  const labels = flags.str("labels") ? parseLabelList(flags.str("labels")) : { run: name };
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}), labels },
    spec: { containers: [container], restartPolicy: restart as "Always", dnsPolicy: "ClusterFirst" },
    status: {},
  };
  const format = parseOutput(flags.str("output"), false, (p) => ctx.env.readFile(p));
  const dryRun = dryRunMode(flags);
  const client = ctx.client();
  const mapping = resolveResource(client, "pods");
  if (dryRun === "client") return printResult(ctx, format, mapping, pod, "created", dryRun);
  const created = client.create(mapping.gvr, ctx.namespace, pod, { dryRun: dryRun === "server", fieldValidation: "Strict" });
  printResult(ctx, format, mapping, created, "created", dryRun);
}

/**
 * kubectl rollout status (k8s.io/kubectl/pkg/cmd/rollout/rollout_status.go and polymorphichelpers/
 * rollout_status.go, v0.34): watches a Deployment and prints each new waiting message until the
 * rollout is complete, letting the cluster's virtual clock run meanwhile (--timeout, 0 = until done;
 * the sandbox stops after 10 virtual minutes).
 * @support rollout status: deployments, --watch=false, --timeout.
 */
import type { Deployment } from "../../apiserver/registry/deployment/types.ts";
import { goDurationMs } from "./wait-duration.ts";
import type { Ctx } from "../context.ts";
import { KubectlError, UsageError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { namedObjects } from "./scale.ts";

export const ROLLOUT_STATUS_FLAGS: FlagSpec[] = [
  { name: "watch", shorthand: "w", type: "bool", default: true },
  { name: "timeout", type: "string", default: "0s" },
  { name: "revision", type: "int", default: 0, ignored: true },
  { name: "filename", shorthand: "f", type: "stringSlice", ignored: true },
  { name: "selector", shorthand: "l", type: "string", ignored: true },
];

const SANDBOX_LIMIT_MS = 10 * 60_000;

/** DeploymentStatusViewer.Status: the message, and whether the rollout is done. */
export function deploymentStatus(d: Deployment): { message: string; done: boolean } {
  const name = d.metadata.name;
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: "Waiting for deployment spec update to be observed...\n", done: false };
  const progressing = (st as { conditions?: { type: string; reason?: string }[] }).conditions?.find((c) => c.type === "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") throw new KubectlError(`deployment "${name}" exceeded its progress deadline`);
  const replicas = d.spec.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  const total = st.replicas ?? 0;
  const available = st.availableReplicas ?? 0;
  if (updated < replicas) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
  if (total > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...\n`, done: false };
  if (available < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`, done: false };
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
}

export function rolloutCmd(ctx: Ctx): void {
  const [sub, ...rest] = ctx.flags.args;
  if (sub !== "status") {
    if (!sub) throw new UsageError("Required subcommand not specified.", "rollout");
    throw new KubectlError(`the sandbox does not simulate "kubectl rollout ${sub}" yet`);
  }
  const targets = namedObjects(ctx, rest, "rollout status");
  const client = ctx.client();
  const timeout = goDurationMs(ctx.flags.str("timeout"));
  for (const { mapping, name } of targets) {
    if (mapping.gvr.resource !== "deployments") throw new KubectlError(`no status viewer has been implemented for ${mapping.resource.kind}`);
    const read = () => deploymentStatus(client.get(mapping.gvr, ctx.namespace, name) as Deployment);
    let last = read();
    ctx.out.out(last.message);
    if (last.done || !ctx.flags.bool("watch")) continue;
    const deadline = timeout > 0 ? timeout : SANDBOX_LIMIT_MS;
    let waited = 0;
    const started = client.now();
    while (!last.done && waited < deadline) {
      const prev = last.message;
      ctx.env.waitFor(() => read().message !== prev, deadline - waited);
      waited = client.now() - started;
      last = read();
      if (last.message !== prev) ctx.out.out(last.message);
      else break;
    }
    if (!last.done) throw new KubectlError("timed out waiting for the condition");
  }
}

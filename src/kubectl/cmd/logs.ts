/**
 * kubectl logs (k8s.io/kubectl/pkg/cmd/logs/logs.go, v0.34): a pod's container log through the
 * kubelet. Static pods' containers keep their lines on their node (KubectlEnv.containerLogs); the
 * sandbox's other containers write nothing. A container that has not started answers as the kubelet
 * does: `container "x" in pod "y" is waiting to start: ContainerCreating`.
 * @support logs: -c/--container, --tail, -f accepted (prints what is there and returns).
 */
import { StatusError } from "../../apiserver/machinery/errors.ts";
import type { Ctx } from "../context.ts";
import { UsageError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { podContainer } from "./exec.ts";

export const LOGS_FLAGS: FlagSpec[] = [
  { name: "container", shorthand: "c", type: "string" },
  { name: "tail", type: "int", default: -1 },
  { name: "follow", shorthand: "f", type: "bool" },
  { name: "previous", shorthand: "p", type: "bool" },
  { name: "timestamps", type: "bool", ignored: true },
  { name: "all-containers", type: "bool", ignored: true },
  { name: "selector", shorthand: "l", type: "string", ignored: true },
];

export function logsCmd(ctx: Ctx): void {
  const args = ctx.flags.args;
  if (!args.length) throw new UsageError("expected POD or TYPE/NAME is a required argument for the logs command", "logs");
  if (args.length > 2) throw new UsageError("expected POD or TYPE/NAME is a required argument for the logs command", "logs");
  if (args.length === 2) ctx.flags.parsed.values.set("container", args[1]!);
  const { pod, container } = podContainer(ctx, args[0]!, "logs");
  const status = pod.status?.containerStatuses?.find((c) => c.name === container);
  const name = pod.metadata.name!;
  // A container in back-off still has the log of its last run, which is what logs then shows.
  if (!status || (!status.state.running && !status.state.terminated && !status.lastState.terminated)) {
    const reason = status?.state.waiting?.reason ?? "ContainerCreating";
    throw new StatusError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", code: 400, reason: "BadRequest", message: `container "${container}" in pod "${name}" is waiting to start: ${reason}` });
  }
  const lines = ctx.env.containerLogs?.(pod.metadata.namespace!, name, container) ?? [];
  const tail = ctx.flags.int("tail", -1);
  const shown = tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines;
  ctx.out.out(shown.map((l) => `${l}\n`).join(""));
}

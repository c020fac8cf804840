/**
 * kubectl exec (k8s.io/kubectl/pkg/cmd/exec/exec.go, v0.34): `exec POD [-c CONTAINER] -- COMMAND`, the
 * container defaulted to the first (with the "Defaulted container" notice when there are several).
 * The command runs through a handler (exec-handlers.ts); an unknown program fails as the runtime does.
 * @support exec: -c/--container, -i/-t accepted; POD or TYPE/NAME of a pod.
 */
import type { Pod } from "../../apiserver/registry/pod/types.ts";
import { digestOf } from "../../node/kubelet/images.ts";
import type { Ctx } from "../context.ts";
import { KubectlError, UsageError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { BUILTIN_EXEC_HANDLERS } from "../exec-handlers.ts";

export const EXEC_FLAGS: FlagSpec[] = [
  { name: "container", shorthand: "c", type: "string" },
  { name: "stdin", shorthand: "i", type: "bool" },
  { name: "tty", shorthand: "t", type: "bool" },
  { name: "quiet", shorthand: "q", type: "bool" },
  { name: "filename", shorthand: "f", type: "stringSlice" },
  { name: "pod-running-timeout", type: "string", ignored: true },
];

const PODS = { group: "", version: "v1", resource: "pods" };

/** The pod a command names (POD, pod/POD, po/POD) and the container to use, or kubectl's error. */
export function podContainer(ctx: Ctx, arg: string, verb: string): { pod: Pod; container: string } {
  const slash = arg.indexOf("/");
  if (slash >= 0 && !["pod", "pods", "po"].includes(arg.slice(0, slash))) throw new KubectlError(`cannot ${verb} into ${arg.slice(0, slash)}: only pods are simulated`);
  const name = slash >= 0 ? arg.slice(slash + 1) : arg;
  const pod = ctx.client().get(PODS, ctx.namespace, name) as Pod;
  const want = ctx.flags.str("container");
  if (want) {
    if (!pod.spec.containers.some((c) => c.name === want) && !pod.spec.initContainers?.some((c) => c.name === want)) {
      throw new KubectlError(`container ${want} not found in pod ${name}`);
    }
    return { pod, container: want };
  }
  const containers = pod.spec.containers;
  // kubectl.kubernetes.io/default-container, else the first; several get the notice on stderr.
  const annotated = pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"];
  const container = annotated && containers.some((c) => c.name === annotated) ? annotated : containers[0]!.name;
  if (!annotated && containers.length > 1 && !ctx.flags.bool("quiet")) ctx.out.err(`Defaulted container "${container}" out of: ${containers.map((c) => c.name).join(", ")}\n`);
  return { pod, container };
}

export function execCmd(ctx: Ctx): void {
  const { flags } = ctx;
  const args = flags.args;
  const dash = flags.parsed.argsLenAtDash ?? -1;
  if (!args.length) throw new UsageError("pod, type/name or --filename must be specified", "exec");
  if (dash < 0 && args.length > 1) {
    throw new UsageError("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead", "exec");
  }
  const command = dash < 0 ? [] : args.slice(dash);
  if (dash === 0) throw new UsageError("pod, type/name or --filename must be specified", "exec");
  if (!command.length) throw new UsageError("you must specify at least one command for the container", "exec");
  const { pod, container } = podContainer(ctx, args[0]!, "exec");
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const status = pod.status?.containerStatuses?.find((c) => c.name === container);
  if (!status?.state.running) throw new KubectlError(`unable to upgrade connection: container not found ("${container}")`);
  const program = command[0]!.slice(command[0]!.lastIndexOf("/") + 1);
  const handler = ctx.env.execHandler?.(program) ?? BUILTIN_EXEC_HANDLERS[program];
  if (!handler) {
    // The runtime's answer for a program that is not in the image; the exec ID is the runtime's own.
    const id = digestOf(`exec:${pod.metadata.uid}:${command.join(" ")}`);
    throw new KubectlError(
      `Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0]}": executable file not found in $PATH: unknown`,
    );
  }
  const r = handler({ pod, container, argv: command, stdin: ctx.env.stdin, client: ctx.client() });
  ctx.out.out(r.stdout);
  ctx.out.err(r.stderr);
  if (r.exitCode !== 0) {
    // A non-zero exit of the remote command: kubectl says so and exits with the same code.
    ctx.out.err(`command terminated with exit code ${r.exitCode}\n`);
    ctx.out.exitCode = r.exitCode;
  }
}

/**
 * kubectl's error printing (k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr / StandardErrorMessage, v0.34):
 * Invalid errors are spelled out from their causes, other API errors as `Error from server (Reason): ...`,
 * a refused connection as its own sentence, and everything else behind `error: `.
 */
import { ConnectionRefusedError } from "../apiserver/client.ts";
import { StatusError } from "../apiserver/machinery/errors.ts";

/** An error kubectl raises itself, printed as `error: <message>`. */
export class KubectlError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** A usage error: kubectl adds the "See 'kubectl <cmd> --help' for usage." line. */
export class UsageError extends KubectlError {
  constructor(message: string, readonly command: string) {
    super(message);
  }
}

/** cmdutil.AddSourceToErr: API errors of -f requests name their source. */
export function withSource(err: unknown, verb: "creating" | "applying" | "deleting" | "replacing" | "patching", source: string): unknown {
  if (err instanceof StatusError && err.reason !== "Invalid") {
    return new StatusError({ ...err.status, message: `error when ${verb} "${source}": ${err.status.message}` });
  }
  return err;
}

export function formatError(err: unknown): string {
  if (err instanceof ConnectionRefusedError) return `${err.message}\n`;
  if (err instanceof StatusError) {
    const s = err.status;
    const causes = s.details?.causes ?? [];
    if (s.reason === "Invalid" && s.details?.kind && causes.length) {
      const lines = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
      if (lines.length === 1) return `The ${s.details.kind} "${s.details.name ?? ""}" is invalid: ${lines[0]}\n`;
      return `The ${s.details.kind} "${s.details.name ?? ""}" is invalid: \n${lines.map((l) => `* ${l}`).join("\n")}\n`;
    }
    if (s.reason === "Invalid" && !causes.length) return `The request is invalid: ${s.message}\n`;
    return s.reason ? `Error from server (${s.reason}): ${s.message}\n` : `Error from server: ${s.message}\n`;
  }
  if (err instanceof UsageError) return `error: ${err.message}\nSee 'kubectl ${err.command} --help' for usage.\n`;
  if (err instanceof KubectlError) return err.message.startsWith("error: ") || err.message === "" ? `${err.message}\n` : `error: ${err.message}\n`;
  if (err instanceof Error) return `error: ${err.message}\n`;
  return `error: ${String(err)}\n`;
}

/**
 * kubectl's error printing (k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr / StandardErrorMessage /
 * MultipleErrors, v0.34): Invalid errors are spelled out from their causes, other API errors as
 * `Error from server (Reason): ...`, a refused connection as its own sentence, and everything else
 * behind `error: `. Several errors at once (an aggregate) print one line each and without the
 * `error: ` prefix, because MultipleErrors uses StandardErrorMessage or the bare message.
 */
import { ConnectionRefusedError } from "../apiserver/client.ts";
import { StatusError } from "../apiserver/machinery/errors.ts";
import { goQuote } from "../apiserver/machinery/gofmt.ts";

/** An error kubectl raises itself, printed as `error: <message>`. */
export class KubectlError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/**
 * cmdutil.UsageErrorf: the message plus `See '<command path> -h' for help and examples`. (Flag
 * parse errors have their own line, `See 'kubectl get --help' for usage.`, added in index.ts.)
 */
export class UsageError extends KubectlError {
  constructor(message: string, readonly command: string) {
    super(`${message}\nSee 'kubectl ${command} -h' for help and examples`);
  }
}

/** utilerrors.Aggregate: several errors that kubectl prints as MultipleErrors. */
export class AggregateError extends Error {
  constructor(readonly errors: readonly unknown[]) {
    super(errors.map(errorText).join(", "));
  }
}

/** err.Error() of an error as Go would print it inside another message. */
export function errorText(err: unknown): string {
  if (err instanceof StatusError) return err.status.message;
  if (err instanceof AggregateError) return err.errors.length === 1 ? errorText(err.errors[0]) : `[${err.errors.map(errorText).join(", ")}]`;
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * cmdutil.AddSourceToErr: errors of -f requests name their source. API errors keep their status
 * (only the message changes, so an Invalid error still prints from its causes); others are wrapped.
 */
export function withSource(err: unknown, verb: "creating" | "applying" | "deleting" | "replacing" | "patching", source: string): unknown {
  if (!source) return err;
  if (err instanceof StatusError) {
    return new StatusError({ ...err.status, message: `error when ${verb} ${goQuote(source)}: ${err.status.message}` });
  }
  if (err instanceof ConnectionRefusedError) return err;
  return new KubectlError(`error when ${verb} ${goQuote(source)}: ${errorText(err)}`);
}

/** StandardErrorMessage: the text of API and connection errors, or undefined for others. */
function standardErrorMessage(err: unknown): string | undefined {
  if (err instanceof ConnectionRefusedError) return err.message;
  if (err instanceof StatusError) {
    const s = err.status;
    if (s.reason === "Unauthorized") return `error: You must be logged in to the server (${s.message})`;
    return s.reason ? `Error from server (${s.reason}): ${s.message}` : `Error from server: ${s.message}`;
  }
  return undefined;
}

/** messageForError: what one error of an aggregate prints as. */
function messageForError(err: unknown): string {
  return standardErrorMessage(err) ?? errorText(err);
}

/** checkErr for one error: the text kubectl writes to stderr, ending in a newline. */
export function formatError(err: unknown): string {
  if (err instanceof AggregateError) {
    if (err.errors.length === 1) return formatError(err.errors[0]);
    return formatErrors(err.errors);
  }
  const ensureNewline = (s: string) => (s.endsWith("\n") ? s : `${s}\n`);
  if (err instanceof StatusError && err.status.reason === "Invalid") {
    const d = err.status.details;
    let s = "The request is invalid";
    if (!d) return `${s}\n`;
    if (d.kind || d.name) s = `The ${d.kind ?? ""} ${goQuote(d.name ?? "")} is invalid`;
    // statusCausesToAggrError: "<field>: <message>" even for an empty field, repeats dropped.
    const causes = [...new Set((d.causes ?? []).map((c) => `${c.field ?? ""}: ${c.message}`))];
    if (!causes.length) return `${s}\n`;
    if (causes.length === 1) return `${s}: ${causes[0]}\n`;
    return `${s}: \n${causes.map((c) => `* ${c}\n`).join("")}`;
  }
  const standard = standardErrorMessage(err);
  if (standard !== undefined) return ensureNewline(standard);
  const msg = errorText(err);
  return ensureNewline(msg.startsWith("error: ") ? msg : `error: ${msg}`);
}

/** checkErr of utilerrors.NewAggregate(errs): one error prints alone, several through MultipleErrors. */
export function formatErrors(errs: readonly unknown[]): string {
  if (errs.length === 0) return "";
  if (errs.length === 1) return formatError(errs[0]);
  // MultipleErrors: fmt.Fprintf(buf, "%s%v\n", prefix, messageForError(err)) with an empty prefix.
  return errs.map((e) => `${messageForError(e)}\n`).join("");
}

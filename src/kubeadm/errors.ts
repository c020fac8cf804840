// Error and log text helpers.

import { STACK_TRACE_HINT } from "./constants.ts";

/**
 * kubeadm's final error trailer (k/k cmd/kubeadm/app/util/errors/errors.go, HandleError/exitWithCode):
 * "error: <msg>\nTo see the stack trace of this error execute with --v=5 or higher\n" on stderr, exit 1.
 */
export function fatal(message: string): string {
  return `error: ${message}\n${STACK_TRACE_HINT}\n`;
}

/** A field.Error of type Invalid, as apimachinery prints it: `<path>: Invalid value: <value>: <detail>`. */
export interface FieldError {
  field: string;
  value: string | number;
  detail: string;
}

/** Go's %q for the ASCII strings that appear here (quotes and backslashes escaped). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/** k8s.io/apimachinery/pkg/util/validation/field/errors.go Error(): strings are %q-quoted, numbers plain. */
export function formatFieldError(e: FieldError): string {
  const value = typeof e.value === "number" ? String(e.value) : goQuote(e.value);
  return `${e.field}: Invalid value: ${value}: ${e.detail}`;
}

/**
 * field.ErrorList.ToAggregate() (duplicate messages dropped) and utilerrors.Aggregate.Error():
 * one message alone, several as "[e1, e2]".
 */
export function aggregate(messages: readonly string[]): string | null {
  const unique: string[] = [];
  for (const m of messages) if (!unique.includes(m)) unique.push(m);
  if (unique.length === 0) return null;
  if (unique.length === 1) return unique[0] ?? null;
  return `[${unique.join(", ")}]`;
}

const pad = (n: number, width: number, fill = "0"): string => String(n).padStart(width, fill);

/**
 * A klog text header line (k8s.io/klog/v2 formatHeader): `Lmmdd hh:mm:ss.uuuuuu <pid:7> file:line] msg\n`.
 * The time is taken from the UTC fields of `when`; the caller owns the clock and the pid.
 */
export function klogLine(
  severity: "I" | "W" | "E",
  when: Date,
  pid: number,
  source: string,
  message: string,
): string {
  const micros = when.getUTCMilliseconds() * 1000;
  const head =
    `${severity}${pad(when.getUTCMonth() + 1, 2)}${pad(when.getUTCDate(), 2)} ` +
    `${pad(when.getUTCHours(), 2)}:${pad(when.getUTCMinutes(), 2)}:${pad(when.getUTCSeconds(), 2)}.${pad(micros, 6)} ` +
    `${pad(pid, 7, " ")} ${source}] `;
  return `${head}${message}\n`;
}

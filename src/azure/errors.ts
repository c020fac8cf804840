/**
 * Errors as az reports them. A service (ARM resource provider) error prints the way azure-core's
 * HttpResponseError renders an ODataV4 error: "(Code) Message", then "Code:", "Message:" and, when the
 * service names the offending field, "Target:". az exits 3 when ARM says a resource is missing and 1 for
 * any other failure (azure-cli-core util.py handle_exception). A client error (a CLIError raised by a
 * validator or the command) prints just its message and exits 1.
 */

export interface ServiceError {
  kind: "service";
  code: string;
  message: string;
  target?: string;
  /** HTTP status: 404 makes az exit 3. */
  status: number;
}

export interface ClientError {
  kind: "client";
  message: string;
  recommendations?: string[];
}

export type AzError = ServiceError | ClientError;

export function serviceError(code: string, message: string, target?: string, status = 400): ServiceError {
  return target === undefined ? { kind: "service", code, message, status } : { kind: "service", code, message, target, status };
}

export function notFound(code: string, message: string): ServiceError {
  return { kind: "service", code, message, status: 404 };
}

export function clientError(message: string, recommendations?: string[]): ClientError {
  return recommendations ? { kind: "client", message, recommendations } : { kind: "client", message };
}

export function isAzError(v: unknown): v is AzError {
  return typeof v === "object" && v !== null && "kind" in v && ((v as AzError).kind === "service" || (v as AzError).kind === "client");
}

export function formatAzError(e: AzError): string {
  if (e.kind === "client") return [e.message, ...(e.recommendations ?? [])].join("\n") + "\n";
  const lines = [`(${e.code}) ${e.message}`, `Code: ${e.code}`, `Message: ${e.message}`];
  if (e.target !== undefined) lines.push(`Target: ${e.target}`);
  return lines.join("\n") + "\n";
}

export function exitCodeOf(e: AzError): number {
  return e.kind === "service" && e.status === 404 ? 3 : 1;
}

/** ARM's answer for a missing resource group (every command scoped to one). */
export function resourceGroupNotFound(name: string): ServiceError {
  return notFound("ResourceGroupNotFound", `Resource group '${name}' could not be found.`);
}

/** ARM's answer for a missing top-level resource in an existing group. */
export function resourceNotFound(type: string, name: string, group: string): ServiceError {
  return notFound(
    "ResourceNotFound",
    `The Resource '${type}/${name}' under resource group '${group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

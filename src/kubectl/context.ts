/** The state one kubectl invocation carries: environment, output, flags and the resolved namespace. */
import type { ApiClient } from "../apiserver/client.ts";
import type { KubectlEnv } from "./env.ts";
import { Output } from "./env.ts";
import { Flags, type FlagSpec } from "./flags.ts";

export interface Ctx {
  env: KubectlEnv;
  out: Output;
  flags: Flags;
  /** -n, or the context's namespace. */
  namespace: string;
  /** Whether -n was given explicitly (EnforceNamespace). */
  explicitNamespace: boolean;
  client(): ApiClient;
}

/** Flags every kubectl command accepts (kubectl options). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: "namespace", shorthand: "n", type: "string" },
  { name: "kubeconfig", type: "string", ignored: true },
  { name: "context", type: "string", ignored: true },
  { name: "cluster", type: "string", ignored: true },
  { name: "user", type: "string", ignored: true },
  { name: "server", shorthand: "s", type: "string", ignored: true },
  { name: "request-timeout", type: "string", ignored: true },
  { name: "v", shorthand: "v", type: "string", ignored: true },
  { name: "as", type: "string", ignored: true },
  { name: "insecure-skip-tls-verify", type: "bool", ignored: true },
  { name: "help", shorthand: "h", type: "bool" },
];

export const OUTPUT_FLAG: FlagSpec = { name: "output", shorthand: "o", type: "string" };
export const DRY_RUN_FLAG: FlagSpec = { name: "dry-run", type: "string", noOptDefault: "unchanged", default: "none" };
export const FILENAME_FLAG: FlagSpec = { name: "filename", shorthand: "f", type: "stringSlice" };
export const SELECTOR_FLAG: FlagSpec = { name: "selector", shorthand: "l", type: "string" };
export const ALL_NAMESPACES_FLAG: FlagSpec = { name: "all-namespaces", shorthand: "A", type: "bool" };
export const FIELD_MANAGER_FLAG: FlagSpec = { name: "field-manager", type: "string", ignored: true };
export const VALIDATE_FLAG: FlagSpec = { name: "validate", type: "string", noOptDefault: "strict", default: "strict" };
export const RECURSIVE_FLAG: FlagSpec = { name: "recursive", shorthand: "R", type: "bool" };

export type DryRun = "none" | "client" | "server";

/** --dry-run=none|client|server (the bare flag is deprecated and means client). */
export function dryRunMode(flags: Flags): DryRun {
  const v = flags.str("dry-run") || "none";
  if (v === "unchanged" || v === "true" || v === "client") return "client";
  if (v === "server") return "server";
  if (v === "none" || v === "false") return "none";
  throw new Error(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export function dryRunSuffix(mode: DryRun): string {
  return mode === "client" ? " (dry run)" : mode === "server" ? " (server dry run)" : "";
}

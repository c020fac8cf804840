/**
 * The shape of an az command in the sandbox: its arguments (for the parser and the help), examples
 * (az prints up to three after an argument error), an optional table transformer (acs/_format.py and
 * friends), and a handler that acts on the simulated cloud through the host the shell provides.
 */
import type { Provisioner } from "../../lab/plan.ts";
import type { AzureCloud } from "../cloud.ts";
import type { AzError } from "../errors.ts";
import type { ArgSpec, ParsedArgs } from "./argparse.ts";

/** What a command may reach besides the cloud: the shell's files and environment, the lab, the clock. */
export interface AzHost {
  cloud: AzureCloud;
  home: string;
  env(name: string): string | undefined;
  readFile(path: string): Promise<string | null>;
  writeFile(path: string, text: string, mode?: number): Promise<void>;
  /** Permission bits of a file, or null when it does not exist. */
  fileMode(path: string): Promise<number | null>;
  provisioner(): Provisioner | null;
  /** Lets virtual time pass, as a long-running operation does. */
  advance(ms: number): void;
  /** Standard input, which answers a confirmation prompt ("y"). */
  stdin: string;
}

export interface CommandOutcome {
  /** The result az formats (--query, -o); undefined or null prints nothing. */
  result?: unknown;
  /** Text az prints itself (logger.warning goes to stderr). */
  warnings?: string[];
  /** Text printed to stdout as is, before any result. */
  stdout?: string;
  error?: AzError;
}

export interface Example {
  summary: string;
  command: string;
}

export interface AzCommand {
  /** Words after "az": "aks create". */
  name: string;
  summary: string;
  args: ArgSpec[];
  examples: Example[];
  tableTransformer?: (result: unknown) => unknown;
  /** knack confirmation: prompts "Are you sure you want to perform this operation?" unless --yes. */
  confirmation?: boolean;
  run(values: ParsedArgs, host: AzHost): Promise<CommandOutcome>;
}

export interface AzGroup {
  name: string;
  summary: string;
}

export const str = (v: ParsedArgs, k: string): string | undefined => (typeof v[k] === "string" ? (v[k] as string) : undefined);
export const num = (v: ParsedArgs, k: string): number | undefined => (typeof v[k] === "number" ? (v[k] as number) : undefined);
export const flag = (v: ParsedArgs, k: string): boolean => v[k] === true;
export const list = (v: ParsedArgs, k: string): string[] | undefined => (Array.isArray(v[k]) ? (v[k] as string[]) : undefined);

/** The resource group argument most commands share (azure-cli-core resource_group_name_type). */
export const RESOURCE_GROUP: ArgSpec = {
  dest: "resource_group_name",
  options: ["--resource-group", "-g"],
  required: true,
  help: "Name of resource group. You can configure the default group using `az configure --defaults group=<name>`.",
};

export const LOCATION: ArgSpec = {
  dest: "location",
  options: ["--location", "-l"],
  help: "Location. Values from: `az account list-locations`. You can configure the default location using `az configure --defaults location=<location>`.",
};

export const NO_WAIT: ArgSpec = { dest: "no_wait", options: ["--no-wait"], kind: "flag", help: "Do not wait for the long-running operation to finish." };
export const YES: ArgSpec = { dest: "yes", options: ["--yes", "-y"], kind: "flag", help: "Do not prompt for confirmation." };

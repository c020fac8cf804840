/**
 * What kubectl needs from its surroundings: the API (through the kubeconfig's server), the current
 * namespace, stdin, files for -f, and the ability to wait, which in the sandbox means letting the
 * virtual clock run.
 */
import type { ApiClient } from "../apiserver/client.ts";
import type { ExecHandler } from "./exec-handlers.ts";

export interface KubectlEnv {
  /** Throws ConnectionRefusedError when no apiserver listens. */
  client(): ApiClient;
  /** The namespace of the current kubeconfig context. */
  namespace: string;
  stdin: string;
  /** Reads a file for -f; null when it does not exist. */
  readFile(path: string): string | null;
  /** True when the path is a directory (kubectl -f DIR reads its manifests). */
  isDirectory?(path: string): boolean;
  listDirectory?(path: string): string[];
  /** Lets the cluster run for up to `ms` of virtual time, stopping early once `done` holds. */
  waitFor(done: () => boolean, ms: number): boolean;
  /**
   * A program `kubectl exec` may run that the built-in ones (exec-handlers.ts) do not cover, by name
   * (kube-proxy's `curl`); looked up before the built-ins. Optional: without it only those run.
   */
  execHandler?(name: string): ExecHandler | undefined;
  /** The log lines of a container the kubelet runs (static pods' containers), when a node keeps them. */
  containerLogs?(namespace: string, pod: string, container: string): string[] | undefined;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Accumulates a command's output. */
export class Output {
  stdout = "";
  stderr = "";
  exitCode = 0;
  out(text: string): void {
    this.stdout += text;
  }
  err(text: string): void {
    this.stderr += text;
  }
  warn(warnings: readonly string[]): void {
    for (const w of warnings) this.stderr += `Warning: ${w}\n`;
  }
  fail(text: string, code = 1): CommandResult {
    this.err(text.endsWith("\n") ? text : `${text}\n`);
    this.exitCode = code;
    return this.result();
  }
  result(): CommandResult {
    return { stdout: this.stdout, stderr: this.stderr, exitCode: this.exitCode };
  }
}

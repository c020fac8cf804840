/**
 * Helpers for the kubectl tests: a ready kubeadm cluster driven through a real shell session, as the
 * terminal drives it, plus ways to read stdout and stderr apart and to check that a command left the
 * cluster untouched.
 */
import { expect } from "vitest";
import { Session } from "../../src/shell/session.ts";

export async function cluster(): Promise<Session> {
  return Session.create({ seed: 1, stepMs: 5000 });
}

export interface Result {
  output: string;
  exitCode: number;
}

/** Runs a command line; output is stdout followed by stderr, as the terminal shows it. */
export async function run(s: Session, command: string): Promise<Result> {
  return s.run(command);
}

/** Only what the command wrote to stdout. */
export async function stdout(s: Session, command: string): Promise<Result> {
  return s.run(`${command} 2>/dev/null`);
}

/** Only what the command wrote to stderr. */
export async function stderr(s: Session, command: string): Promise<Result> {
  return s.run(`${command} 2>&1 >/dev/null`);
}

/** Feeds YAML (or JSON) to a kubectl command reading -f - through a quoted heredoc. */
export async function withStdin(s: Session, command: string, text: string): Promise<Result> {
  return s.run(`cat <<'EOF' | ${command}\n${text.replace(/\n$/, "")}\nEOF`);
}

/** Writes a file in the session's file system. */
export async function writeFile(s: Session, path: string, text: string): Promise<void> {
  const r = await s.run(`cat <<'EOF' > ${path}\n${text.replace(/\n$/, "")}\nEOF`);
  expect(r.exitCode).toBe(0);
}

/**
 * The stored objects, less what the kubelets rewrite on their own clock: node Leases renewed every 10 s
 * and the Node status heartbeats. A command that fails must change nothing else.
 */
export function fingerprint(s: Session): string {
  return s
    .cluster!.store.fingerprint()
    .split("\n")
    .filter((line) => !line.startsWith("leases.coordination.k8s.io "))
    .map((line) => (line.startsWith("nodes ") ? line.replace(/"resourceVersion":"\d+"/, "").replace(/"lastHeartbeatTime":"[^"]*"/g, "") : line))
    .join("\n");
}

/** Runs a command that must fail and must leave every stored object exactly as it was. */
export async function failsWithoutChange(s: Session, command: string, stdinText?: string): Promise<Result> {
  const before = fingerprint(s);
  const r = stdinText === undefined ? await run(s, command) : await withStdin(s, command, stdinText);
  expect(r.exitCode, `${command}\n${r.output}`).not.toBe(0);
  expect(fingerprint(s)).toBe(before);
  return r;
}

/** Lets eight days pass so that every AGE cell reads "8d" however many seconds apart objects were made. */
export function ageEverything(s: Session): void {
  s.advance(8 * 86_400_000);
}

/** Builds the text kubectl's tabwriter prints: each column as wide as its widest cell plus 3, the last unpadded. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(Math.max(widths[i]! + 3, 6)))).join("")).join("\n") + "\n";
}

export const SERVICE_CIDR = (name: string, cidrs: string[]) => `apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  name: ${name}
spec:
  cidrs:
${cidrs.map((c) => `  - ${c}`).join("\n")}
`;

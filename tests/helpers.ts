/** Test helpers: run commands through a real Session, as the terminal and the CLI do. */
import { Session, type SessionOptions } from "../src/shell/session.ts";
import { splitCommands } from "../src/shell/continuation.ts";
import { CLI_STEP_MS } from "../src/cli.ts";

export interface Step {
  command: string;
  output: string;
  exitCode: number;
}

export async function newSession(opts: SessionOptions = {}): Promise<Session> {
  return Session.create({ seed: 1, stepMs: CLI_STEP_MS, ...opts });
}

/** Runs a script command by command (comments and blank lines dropped) and returns each step. */
export async function transcript(script: string, opts: SessionOptions = {}, session?: Session): Promise<{ steps: Step[]; session: Session }> {
  const s = session ?? (await newSession(opts));
  const steps: Step[] = [];
  for (const chunk of splitCommands(script)) {
    const r = await s.run(chunk.text);
    steps.push({ command: chunk.text, output: r.output, exitCode: r.exitCode });
  }
  return { steps, session: s };
}

/** Runs one command on a session and returns its output. */
export async function sh(session: Session, command: string): Promise<Step> {
  const r = await session.run(command);
  return { command, output: r.output, exitCode: r.exitCode };
}

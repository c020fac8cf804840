/**
 * The shell scripts beside a lesson: solution.sh (the commands that solve it, split into steps by
 * `# step: <id>` lines), setup.sh (commands that prepare the lesson's cluster) and the named presets
 * lessons/<name>.preset.sh (`# base: none|default`, then commands). Commands are split the way the terminal
 * reads them, so a heredoc or a loop over several lines is one command.
 */
import { splitCommands } from "../shell/continuation.ts";
import type { BasePreset, Preset } from "./types.ts";

export class ScriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScriptError";
  }
}

const STEP_MARK = /^#\s*step:\s*(\S+)\s*$/;
const BASE_MARK = /^#\s*base:\s*(\S+)\s*$/;

/** Complete commands of a script; an unfinished last one (an open heredoc, a missing `done`) is an error. */
export function scriptCommands(text: string, where: string): string[] {
  const chunks = splitCommands(text);
  const last = chunks[chunks.length - 1];
  if (last && !last.complete) throw new ScriptError(`${where}: the command "${last.text.split("\n")[0]}" is not finished (an open quote, heredoc or loop)`);
  return chunks.map((c) => c.text);
}

/** solution.sh → the commands of each step, in file order. */
export function parseSolution(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string | null = null;
  let buffer: string[] = [];
  const flush = () => {
    if (current !== null) out.set(current, scriptCommands(buffer.join("\n"), `step ${current}`));
    buffer = [];
  };
  text.split(/\r?\n/).forEach((line, i) => {
    const m = STEP_MARK.exec(line);
    if (m) {
      flush();
      current = m[1]!;
      if (out.has(current)) throw new ScriptError(`line ${i + 1}: step ${current} appears twice`);
      return;
    }
    if (current === null) {
      if (/^\s*(#.*)?$/.test(line)) return;
      throw new ScriptError(`line ${i + 1}: a command before the first "# step: <id>" line`);
    }
    buffer.push(line);
  });
  flush();
  return out;
}

export function parsePreset(name: string, text: string): Preset {
  let base: BasePreset | null = null;
  const description: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith("#")) continue;
    const m = BASE_MARK.exec(line);
    if (m) {
      if (m[1] !== "default" && m[1] !== "none") throw new ScriptError(`preset ${name}: base must be "default" or "none", not "${m[1]}"`);
      base = m[1];
    } else if (!line.startsWith("#!")) description.push(line.replace(/^#\s?/, ""));
  }
  if (!base) throw new ScriptError(`preset ${name}: needs a "# base: none" or "# base: default" line`);
  return { name, base, description: description.join(" ").trim(), commands: scriptCommands(text, `preset ${name}`) };
}

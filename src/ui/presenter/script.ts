/**
 * A trainer's demo script: the commands to type, in order, with notes and pauses between them.
 *
 *   # title: Extending the Service range      (header lines, before the first step)
 *   # seed: 7
 *   # preset: default
 *   # note: Start from a tiny range.          (a note for the next step; several lines add up)
 *   kubectl get servicecidr                   (a step: one command, multi-line constructs included)
 *   # pause                                   (a step with no command: time to talk)
 *
 * Commands are grouped the way bash reads them (heredocs, loops, `\` continuations), so a heredoc
 * manifest is one step. Other comments are ignored.
 */
import { openConstructs } from "../../shell/continuation.ts";

export interface DemoStep {
  /** The command line to type, or null for a pause. */
  command: string | null;
  notes: string[];
  /** 1-based line of the script where the step starts, for error messages. */
  line: number;
}

export interface DemoScript {
  title: string | null;
  seed: number | null;
  preset: "default" | "none" | null;
  steps: DemoStep[];
}

const DIRECTIVE = /^\s*#\s*(title|seed|preset|note|pause)\b:?\s*(.*)$/;

export function parseDemoScript(text: string): DemoScript | { error: string } {
  const script: DemoScript = { title: null, seed: null, preset: null, steps: [] };
  let notes: string[] = [];
  let current: string[] = [];
  let start = 0;
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (current.length === 0) {
      if (!line.trim()) continue;
      const d = DIRECTIVE.exec(line);
      if (d) {
        const [, key, value] = d as unknown as [string, string, string];
        if (key === "note") notes.push(value.trim());
        else if (key === "pause") {
          script.steps.push({ command: null, notes, line: i + 1 });
          notes = [];
        } else if (script.steps.length) return { error: `line ${i + 1}: "# ${key}:" belongs before the first step` };
        else if (key === "title") script.title = value.trim() || null;
        else if (key === "seed") {
          if (!/^\d{1,9}$/.test(value.trim())) return { error: `line ${i + 1}: seed must be a whole number, not "${value.trim()}"` };
          script.seed = Number(value.trim());
        } else if (key === "preset") {
          const p = value.trim();
          if (p !== "default" && p !== "none") return { error: `line ${i + 1}: preset must be default or none, not "${p}"` };
          script.preset = p;
        }
        continue;
      }
      if (line.trim().startsWith("#")) continue;
      start = i + 1;
    }
    current.push(line);
    if (openConstructs(current.join("\n")).length === 0) {
      script.steps.push({ command: current.join("\n").trim(), notes, line: start });
      notes = [];
      current = [];
    }
  }
  if (current.length) return { error: `line ${start}: this command is never finished (an open quote, heredoc or loop)` };
  if (notes.length) script.steps.push({ command: null, notes, line: lines.length });
  if (!script.steps.some((s) => s.command)) return { error: "the script has no commands" };
  return script;
}

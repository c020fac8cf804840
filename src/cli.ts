/**
 * The headless CLI: `npm run -s cli -- [--seed N] [--preset default|none] [FILE]` runs a script line by
 * line exactly as the terminal would (continuation lines included) and prints what the terminal would
 * show, without prompts or colour. Virtual time moves 5 s before each command and with `sleep`, so a
 * script always produces the same transcript. Exit status 0 means the script ran to its end.
 */
import { readFileSync } from "node:fs";
import { Session } from "./shell/session.ts";
import { splitCommands } from "./shell/continuation.ts";

export const CLI_STEP_MS = 5_000;

interface CliArgs {
  seed: number;
  preset: "default" | "none";
  file?: string;
}

function parseArgs(argv: string[]): CliArgs | string {
  const out: CliArgs = { seed: 1, preset: "default" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [name, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (name === "--seed") {
      const v = Number(value());
      if (!Number.isInteger(v)) return `--seed needs an integer`;
      out.seed = v;
    } else if (name === "--preset") {
      const v = value();
      if (v !== "default" && v !== "none") return `--preset is "default" or "none"`;
      out.preset = v;
    } else if (name === "-h" || name === "--help") {
      return "usage";
    } else if (a.startsWith("-") && a !== "-") {
      return `unknown option ${a}`;
    } else {
      out.file = a === "-" ? undefined : a;
    }
  }
  return out;
}

export async function runScript(text: string, opts: { seed?: number; preset?: "default" | "none" } = {}, write: (s: string) => void = (s) => process.stdout.write(s)): Promise<void> {
  const session = await Session.create({ seed: opts.seed ?? 1, preset: opts.preset ?? "default", stepMs: CLI_STEP_MS });
  for (const chunk of splitCommands(text)) {
    const r = await session.run(chunk.text);
    write(r.output);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === "string") {
    process.stderr.write(args === "usage" ? "usage: npm run -s cli -- [--seed N] [--preset default|none] [FILE]\n" : `cli: ${args}\n`);
    process.exit(args === "usage" ? 0 : 2);
  }
  let text: string;
  try {
    text = args.file ? readFileSync(args.file, "utf8") : readFileSync(0, "utf8");
  } catch (e) {
    process.stderr.write(`cli: ${(e as Error).message}\n`);
    process.exit(2);
  }
  await runScript(text, args);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("cli.ts")) {
  main().catch((e) => {
    process.stderr.write(`cli: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}

/** Helpers shared by the sandbox's custom commands. */
import type { CommandContext } from "just-bash";

/** stdin arrives as latin1-packed UTF-8 bytes; commands want text. */
export function stdinText(ctx: CommandContext): string {
  const raw = String(ctx.stdin ?? "");
  if (!raw) return "";
  return new TextDecoder().decode(Uint8Array.from(raw, (c) => c.charCodeAt(0) & 0xff));
}

export function resolvePath(ctx: CommandContext, path: string): string {
  return ctx.fs.resolvePath(ctx.cwd, path);
}

/**
 * The kubeconfig file a command reads: --kubeconfig, else the first path of $KUBECONFIG, else
 * ~/.kube/config (clientcmd's loading rules; the sandbox does not merge several files).
 */
import type { CommandContext } from "just-bash";
import { emptyKubeconfig, parseKubeconfig, serializeKubeconfig, type Kubeconfig, type KubeconfigCache } from "../../lab/kubeconfig.ts";
import { resolvePath } from "./io.ts";

export interface LoadedKubeconfig {
  path: string;
  /** null when the file does not exist. */
  config: Kubeconfig | null;
  error?: string;
}

export function kubeconfigPath(ctx: CommandContext, flag?: string): string {
  const env = ctx.env.get("KUBECONFIG");
  const home = ctx.env.get("HOME") || "/root";
  const p = flag || (env ? env.split(":").find(Boolean) : undefined) || `${home}/.kube/config`;
  return resolvePath(ctx, p);
}

export async function loadKubeconfig(ctx: CommandContext, flag?: string, cache?: KubeconfigCache): Promise<LoadedKubeconfig> {
  const path = kubeconfigPath(ctx, flag);
  if (!(await ctx.fs.exists(path))) return { path, config: null };
  const text = await ctx.fs.readFile(path, "utf8");
  const parsed = cache ? cache.parse(text, path) : parseKubeconfig(text, path);
  if ("error" in parsed) return { path, config: null, error: parsed.error };
  return { path, config: parsed };
}

export async function saveKubeconfig(ctx: CommandContext, path: string, cfg: Kubeconfig): Promise<void> {
  const dir = path.slice(0, path.lastIndexOf("/")) || "/";
  await ctx.fs.mkdir(dir, { recursive: true });
  await ctx.fs.writeFile(path, serializeKubeconfig(cfg));
}

export { emptyKubeconfig };

/** The value of a flag in argv (--name X, --name=X), or undefined. */
export function flagValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `--${name}`) return args[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
    if (a === "--") break;
  }
  return undefined;
}

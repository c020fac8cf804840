/**
 * kind as a shell command: reads --config from the shell's files (or stdin with `-`), hands the plan
 * to the lab, and prints what kind prints. The rules and texts live in src/kind.
 */
import { defineCommand, type CommandContext } from "just-bash";
import { KindContainers } from "../../kind/containers.ts";
import { runKind } from "../../kind/cli.ts";
import type { StatusStyle } from "../../kind/log.ts";
import { kubeconfigPaths, pathForMerge, type KindKubeconfigStore } from "../../kind/kubeconfig.ts";
import { KindError } from "../../kind/create.ts";
import { emptyKubeconfig, mergeEntry, parseKubeconfig, removeEntry, serializeKubeconfig, type Kubeconfig } from "../../lab/kubeconfig.ts";
import type { Provisioner } from "../../lab/plan.ts";
import type { Session } from "../session.ts";
import { resolvePath, stdinText } from "./io.ts";

export interface KindCommandOptions {
  /** "tty" (default): what a terminal shows; "plain": kind's output when stderr is not a terminal. */
  style?: StatusStyle;
}

export function kindCommand(session: Session, provisioner: () => Provisioner | null, options: KindCommandOptions = {}) {
  // The docker host of this session: which containers (and addresses) each kind cluster has.
  const containers = new KindContainers();
  return defineCommand("kind", async (args, ctx) => {
    if (session.pause && !(await session.pause())) return { stdout: "", stderr: "", exitCode: 130 };
    try {
      return await runKind(args, {
        env: (name) => ctx.env.get(name),
        stdin: stdinText(ctx),
        readFile: async (path) => {
          const full = resolvePath(ctx, path);
          if (!(await ctx.fs.exists(full))) return { error: `open ${path}: no such file or directory` };
          if ((await ctx.fs.stat(full)).isDirectory) return { error: `read ${path}: is a directory` };
          return { text: await ctx.fs.readFile(full, "utf8") };
        },
        random: session.random,
        now: () => session.clock.now(),
        provisioner: provisioner(),
        containers,
        style: options.style ?? "tty",
        kubeconfig: kubeconfigStore(ctx),
      });
    } catch (e) {
      // Nothing throws past a command: an unexpected failure still reads as kind's error line.
      return { stdout: "", stderr: `ERROR: ${(e as Error).message}\n`, exitCode: 1 };
    }
  });
}

/** kind's kubeconfig writes over the shell's files, so kubectl (and the views) follow the new context. */
function kubeconfigStore(ctx: CommandContext): KindKubeconfigStore {
  const env = (name: string) => ctx.env.get(name);
  const isFile = async (p: string) => (await ctx.fs.exists(p)) && (await ctx.fs.stat(p)).isFile;
  const read = async (p: string): Promise<Kubeconfig> => {
    if (!(await isFile(p))) return emptyKubeconfig();
    const cfg = parseKubeconfig(await ctx.fs.readFile(p, "utf8"), p);
    if ("error" in cfg) throw new KindError(`failed to read kubeconfig: ${cfg.error.replace(/^error: /, "")}`);
    return cfg;
  };
  const write = async (p: string, cfg: Kubeconfig) => {
    const dir = p.slice(0, p.lastIndexOf("/")) || "/";
    await ctx.fs.mkdir(dir, { recursive: true });
    await ctx.fs.writeFile(p, serializeKubeconfig(cfg));
  };
  return {
    async export(cluster, server, explicitPath) {
      const paths = kubeconfigPaths(explicitPath, env).map((p) => resolvePath(ctx, p));
      const exists = new Set<string>();
      for (const p of paths) if (await isFile(p)) exists.add(p);
      const target = pathForMerge(paths, (p) => exists.has(p));
      const name = `kind-${cluster}`;
      await write(target, mergeEntry(await read(target), { cluster: name, context: name, user: name, server }, true));
    },
    async remove(cluster, explicitPath) {
      const name = `kind-${cluster}`;
      for (const p of kubeconfigPaths(explicitPath, env).map((x) => resolvePath(ctx, x))) {
        if (!(await isFile(p))) continue;
        const cfg = await read(p);
        const next = removeEntry(cfg, { cluster: name, context: name, user: name });
        if (JSON.stringify(next) !== JSON.stringify(cfg)) await write(p, next);
      }
    },
  };
}

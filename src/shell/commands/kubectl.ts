/**
 * kubectl as a shell command: prefetches the files its flags name (the engine is synchronous, the
 * shell's file system is not), then runs kubectl against the session's cluster. With no control plane
 * it fails as kubectl does against a closed port.
 */
import { defineCommand, type CommandContext } from "just-bash";
import { ConnectionRefusedError } from "../../apiserver/client.ts";
import { runKubectl } from "../../kubectl/index.ts";
import type { KubectlEnv } from "../../kubectl/env.ts";
import { formatDate } from "./date.ts";
import { resolvePath, stdinText } from "./io.ts";
import type { Session } from "../session.ts";
import { resolveContext, type Resolved } from "../../lab/kubeconfig.ts";
import { flagValue, loadKubeconfig } from "./kubeconfig-file.ts";
import { kubectlConfig } from "./kubectl-config.ts";
import { curlExecHandler } from "./net-tools.ts";

const FILE_FLAGS = new Set(["-f", "--filename", "--patch-file", "--kustomize", "-k"]);
const OUTPUT_FILE_PREFIXES = ["jsonpath-file=", "custom-columns-file="];

/** The file arguments of an argv: -f X, -fX, -f=X, --filename=X, comma lists, and -o jsonpath-file=X. */
function fileArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (FILE_FLAGS.has(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v !== undefined) out.push(...v.split(","));
    } else if (/^-f./.test(a)) {
      out.push(...a.slice(a[2] === "=" ? 3 : 2).split(","));
    } else if (a === "-o" || a === "--output" || a.startsWith("-o") || a.startsWith("--output=")) {
      const v = a === "-o" || a === "--output" ? args[i + 1] : a.replace(/^(-o=?|--output=)/, "");
      for (const p of OUTPUT_FILE_PREFIXES) if (v?.startsWith(p)) out.push(v.slice(p.length));
    }
  }
  return out.filter((p) => p && p !== "-");
}

interface Prefetched {
  files: Map<string, string>;
  dirs: Map<string, string[]>;
}

async function prefetch(ctx: CommandContext, paths: string[]): Promise<Prefetched> {
  const files = new Map<string, string>();
  const dirs = new Map<string, string[]>();
  const visit = async (p: string, depth: number) => {
    const full = resolvePath(ctx, p);
    if (!(await ctx.fs.exists(full))) return;
    const st = await ctx.fs.stat(full);
    if (st.isDirectory) {
      const entries = await ctx.fs.readdir(full);
      dirs.set(p, entries);
      if (depth < 4) for (const e of entries) await visit(`${p.replace(/\/$/, "")}/${e}`, depth + 1);
    } else {
      files.set(p, await ctx.fs.readFile(full, "utf8"));
    }
  };
  for (const p of paths) await visit(p, 0);
  return { files, dirs };
}

function klogTime(ms: number): string {
  return formatDate(ms, "%m%d %H:%M:%S") + "." + String((ms % 1000) * 1000).padStart(6, "0");
}

/**
 * Runs kubectl against the session's cluster with the given stdin and already-read files: what the
 * shell command does after reading files, and what engine-level tests and benchmarks call directly.
 */
export function runKubectlIn(session: Session, args: readonly string[], stdin = "", pre: Prefetched = { files: new Map(), dirs: new Map() }, target?: Resolved) {
  const env: KubectlEnv = {
    client: () => {
      const cluster = target ? session.lab.clusterForServer(target.server) : session.cluster;
      if (!cluster) throw new ConnectionRefusedError(target?.hostPort ?? session.machine.server);
      return cluster.client;
    },
    namespace: target?.namespace ?? "default",
    stdin,
    readFile: (p) => pre.files.get(p) ?? null,
    isDirectory: (p) => pre.dirs.has(p),
    listDirectory: (p) => pre.dirs.get(p) ?? [],
    containerLogs: (ns, pod, container) => session.lab.containerLogs(ns, pod, container),
    execHandler: curlExecHandler(session),
    waitFor: (done, ms) => {
      const deadline = session.clock.now() + ms;
      while (!done() && session.clock.now() < deadline) {
        const next = Math.min(deadline, session.clock.now() + 1000);
        session.advance(next - session.clock.now());
      }
      return done();
    },
  };
  const r = runKubectl(args, env);
  session.settle();
  return r;
}

export function kubectlCommand(session: Session) {
  return defineCommand("kubectl", async (args, ctx) => {
    if (session.pause && !(await session.pause())) return { stdout: "", stderr: "", exitCode: 130 };
    if (args[0] === "config") return kubectlConfig(ctx, args.slice(1));
    const kc = await loadKubeconfig(ctx, flagValue(args, "kubeconfig"), session.kubeconfigs);
    if (kc.error) return { stdout: "", stderr: `${kc.error}\n`, exitCode: 1 };
    const target = resolveContext(kc.config, flagValue(args, "context"));
    if ("error" in target) return { stdout: "", stderr: `${target.error}\n`, exitCode: 1 };
    const pre = await prefetch(ctx, fileArgs(args));
    const r = runKubectlIn(session, args, stdinText(ctx), pre, target);
    let stderr = r.stderr;
    if (stderr.includes("was refused - did you specify the right host or port?") && args[0] !== "version") {
      // Discovery retries before giving up, as kubectl 1.34 logs them.
      const url = `${target.server.replace(/\/$/, "")}/api?timeout=32s`;
      // localhost resolves to ::1 first, as Go's dialer reports it.
      const dial = target.hostPort.startsWith("localhost:") ? `[::1]:${target.hostPort.split(":")[1]}` : target.hostPort;
      const line = `E${klogTime(session.clock.now())}   ${4300 + (session.clock.now() % 97)} memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"${url}\\": dial tcp ${dial}: connect: connection refused"\n`;
      stderr = line.repeat(5) + stderr;
    }
    return { stdout: r.stdout, stderr, exitCode: r.exitCode };
  });
}

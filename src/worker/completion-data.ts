/**
 * What tab completion needs to know that only the engine knows: the shell's commands, kubectl's verbs and
 * flags, the resource types discovery serves, and a listing of the directories a learner is likely to
 * name. The worker sends it with each result; the page completes synchronously from it and its cache.
 */
import { getCommandNames } from "just-bash";
import { COMMANDS } from "../kubectl/index.ts";
import { GLOBAL_FLAGS } from "../kubectl/context.ts";
import type { FlagSpec } from "../kubectl/flags.ts";
import type { Session } from "../shell/session.ts";

export interface CompletionData {
  commands: string[];
  kubectlVerbs: string[];
  kubectlFlags: Record<string, string[]>;
  resourceTypes: { name: string; singular: string; shortNames: string[]; namespaced: boolean }[];
  /** Absolute directory → entries (directories end in "/"). */
  dirs: Record<string, string[]>;
  cwd: string;
}

const SANDBOX_COMMANDS = ["kubectl", "kubeadm", "kind", "az", "date", "reset", "clear", "undo", "redo"];
const LISTED_DIRS = ["/", "/root", "/tmp", "/etc", "/etc/kubernetes", "/etc/kubernetes/manifests"];

function flagNames(specs: readonly FlagSpec[]): string[] {
  return specs.flatMap((f) => (f.shorthand ? [`--${f.name}`, `-${f.shorthand}`] : [`--${f.name}`]));
}

export async function completionData(session: Session): Promise<CompletionData> {
  const kubectlFlags: Record<string, string[]> = { "": flagNames(GLOBAL_FLAGS) };
  for (const [verb, cmd] of Object.entries(COMMANDS)) kubectlFlags[verb] = flagNames(cmd.flags);
  const resourceTypes: CompletionData["resourceTypes"] = [];
  if (session.cluster) {
    const seen = new Set<string>();
    try {
      for (const list of session.cluster.client.discovery()) {
        for (const r of list.resources) {
          if (seen.has(r.name)) continue;
          seen.add(r.name);
          resourceTypes.push({ name: r.name, singular: r.singularName, shortNames: [...r.shortNames], namespaced: r.namespaced });
        }
      }
    } catch {
      // the apiserver is down: no types to offer
    }
  }
  const dirs: Record<string, string[]> = {};
  for (const d of new Set([...LISTED_DIRS, session.cwd])) {
    try {
      if (!(await session.fs.exists(d))) continue;
      const entries = await session.fs.readdir(d);
      const out: string[] = [];
      for (const e of entries) {
        const st = await session.fs.stat(`${d === "/" ? "" : d}/${e}`);
        out.push(st.isDirectory ? `${e}/` : e);
      }
      dirs[d] = out.sort();
    } catch {
      // unreadable: left out
    }
  }
  return {
    commands: [...new Set([...SANDBOX_COMMANDS, ...getCommandNames()])].sort(),
    kubectlVerbs: Object.keys(COMMANDS).sort(),
    kubectlFlags,
    resourceTypes,
    dirs,
    cwd: session.cwd,
  };
}

/**
 * The node maintenance verbs: taint (k8s.io/kubectl/pkg/cmd/taint), cordon, uncordon and drain
 * (k8s.io/kubectl/pkg/cmd/drain and pkg/drain, v0.34). Drain cordons the node, then evicts its pods:
 * mirror pods are skipped, DaemonSet pods need --ignore-daemonsets, pods without a controller need
 * --force; it waits for the evicted pods to be gone on the virtual clock.
 * @support taint: KEY[=VALUE]:EFFECT, KEY[:EFFECT]-, --overwrite; cordon/uncordon NODE; drain NODE with
 *   --ignore-daemonsets, --force, --delete-emptydir-data, --grace-period, --timeout.
 */
import type { Node, Taint } from "../../apiserver/registry/node/types.ts";
import { controllerOf, MIRROR_POD_ANNOTATION, type Pod } from "../../apiserver/registry/pod/types.ts";
import type { Ctx } from "../context.ts";
import { KubectlError, UsageError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { goDurationMs } from "./wait-duration.ts";

const NODES = { group: "", version: "v1", resource: "nodes" };
const PODS = { group: "", version: "v1", resource: "pods" };
const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

export const TAINT_FLAGS: FlagSpec[] = [
  { name: "overwrite", type: "bool" },
  { name: "all", type: "bool", ignored: true },
  { name: "selector", shorthand: "l", type: "string", ignored: true },
  { name: "dry-run", type: "string", ignored: true },
];
export const CORDON_FLAGS: FlagSpec[] = [{ name: "dry-run", type: "string", ignored: true }, { name: "selector", shorthand: "l", type: "string", ignored: true }];
export const DRAIN_FLAGS: FlagSpec[] = [
  { name: "ignore-daemonsets", type: "bool" },
  { name: "force", type: "bool" },
  { name: "delete-emptydir-data", type: "bool" },
  { name: "grace-period", type: "int", default: -1 },
  { name: "timeout", type: "string", default: "0s" },
  { name: "disable-eviction", type: "bool", ignored: true },
  { name: "selector", shorthand: "l", type: "string", ignored: true },
  { name: "pod-selector", type: "string", ignored: true },
];

/** parseTaints: `key=value:Effect` to add, `key:Effect-` or `key-` to remove. */
function parseTaintArgs(specs: readonly string[]): { add: Taint[]; remove: { key: string; effect?: string }[] } {
  const add: Taint[] = [];
  const remove: { key: string; effect?: string }[] = [];
  for (const spec of specs) {
    if (spec.endsWith("-")) {
      const body = spec.slice(0, -1);
      const [key, effect] = body.split(":") as [string, string | undefined];
      if (effect !== undefined && !EFFECTS.includes(effect)) throw new KubectlError(`invalid taint effect: ${effect}, unsupported taint effect`);
      remove.push({ key, ...(effect ? { effect } : {}) });
      continue;
    }
    const colon = spec.lastIndexOf(":");
    if (colon < 0) throw new KubectlError(`invalid taint spec: ${spec}`);
    const effect = spec.slice(colon + 1);
    if (!EFFECTS.includes(effect)) throw new KubectlError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = spec.slice(0, colon);
    const eq = kv.indexOf("=");
    const key = eq >= 0 ? kv.slice(0, eq) : kv;
    if (!key) throw new KubectlError(`invalid taint spec: ${spec}`);
    add.push({ key, ...(eq >= 0 && kv.slice(eq + 1) ? { value: kv.slice(eq + 1) } : {}), effect: effect as Taint["effect"] });
  }
  return { add, remove };
}

export function taintCmd(ctx: Ctx): void {
  const args = ctx.flags.args;
  if (args.length < 1 || !["node", "nodes", "no"].includes(args[0]!.split("/")[0]!)) throw new UsageError("at least one taint update is required", "taint");
  const slashed = args[0]!.includes("/");
  const names = slashed ? [args[0]!.split("/")[1]!] : args.slice(1, 2);
  const specs = slashed ? args.slice(1) : args.slice(2);
  if (!names.length || !names[0]) throw new UsageError("at least one taint update is required", "taint");
  if (!specs.length) throw new UsageError("at least one taint update is required", "taint");
  const { add, remove } = parseTaintArgs(specs);
  const client = ctx.client();
  const node = client.get(NODES, undefined, names[0]!) as Node;
  let taints = [...(node.spec.taints ?? [])];
  const overwrite = ctx.flags.bool("overwrite");
  // validateNoTaintOverwrites: the same key and effect again needs --overwrite.
  const clash = add.filter((t) => taints.some((o) => o.key === t.key && o.effect === t.effect));
  if (clash.length && !overwrite) {
    throw new KubectlError(`node ${names[0]} already has ${clash.map((t) => t.key).join(",")} taint(s) with same effect(s) and --overwrite is false`);
  }
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    if (taints.length === before) throw new KubectlError(`taint ${JSON.stringify(r.effect ? `${r.key}:${r.effect}` : r.key)} not found`);
  }
  for (const t of add) {
    const i = taints.findIndex((o) => o.key === t.key && o.effect === t.effect);
    if (i >= 0) taints[i] = t;
    else taints.push(t);
  }
  client.patch(NODES, undefined, names[0]!, "merge", { spec: { taints } });
  ctx.out.out(`node/${names[0]} ${remove.length && !add.length ? "untainted" : add.length && !remove.length ? "tainted" : "modified"}\n`);
}

function setUnschedulable(ctx: Ctx, name: string, on: boolean): void {
  const client = ctx.client();
  const node = client.get(NODES, undefined, name) as Node;
  const word = on ? "cordoned" : "uncordoned";
  if (Boolean(node.spec.unschedulable) === on) {
    ctx.out.out(`node/${name} already ${word}\n`);
    return;
  }
  client.patch(NODES, undefined, name, "merge", { spec: { unschedulable: on ? true : null } });
  ctx.out.out(`node/${name} ${word}\n`);
}

function nodeArgs(ctx: Ctx, command: string): string[] {
  const args = ctx.flags.args.map((a) => (a.includes("/") ? a.split("/")[1]! : a));
  if (!args.length) throw new UsageError("USAGE: " + (command === "drain" ? "drain NODE [flags]" : `${command} NODE`), command);
  return args;
}

export function cordonCmd(ctx: Ctx): void {
  for (const n of nodeArgs(ctx, "cordon")) setUnschedulable(ctx, n, true);
}

export function uncordonCmd(ctx: Ctx): void {
  for (const n of nodeArgs(ctx, "uncordon")) setUnschedulable(ctx, n, false);
}

/** pkg/drain filters: the pods to evict, and the errors and warnings that stop or annotate a drain. */
function podsForDeletion(pods: readonly Pod[], opts: { force: boolean; ignoreDaemonSets: boolean; deleteEmptyDir: boolean }) {
  const evict: Pod[] = [];
  const fatal = new Map<string, string[]>();
  const warn = new Map<string, string[]>();
  const note = (m: Map<string, string[]>, msg: string, p: Pod) => m.set(msg, [...(m.get(msg) ?? []), `${p.metadata.namespace}/${p.metadata.name}`]);
  for (const p of pods) {
    if (p.status?.phase === "Succeeded" || p.status?.phase === "Failed") {
      evict.push(p);
      continue;
    }
    if (p.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) continue;
    const owner = controllerOf(p);
    if (owner?.kind === "DaemonSet") {
      if (opts.ignoreDaemonSets) note(warn, "ignoring DaemonSet-managed Pods", p);
      else note(fatal, "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)", p);
      continue;
    }
    if (!owner) {
      if (!opts.force) {
        note(fatal, "cannot delete Pods that declare no controller (use --force to override)", p);
        continue;
      }
      note(warn, "deleting Pods that declare no controller", p);
    }
    if ((p.spec.volumes ?? []).some((v) => v.emptyDir) && !opts.deleteEmptyDir) {
      note(fatal, "Pods with local storage (use --delete-emptydir-data to override)", p);
      continue;
    }
    evict.push(p);
  }
  return { evict, fatal, warn };
}

export function drainCmd(ctx: Ctx): void {
  const client = ctx.client();
  const names = nodeArgs(ctx, "drain");
  const pending: string[] = [];
  let failure: string | undefined;
  for (const name of names) {
    setUnschedulable(ctx, name, true);
    const pods = (client.list(PODS, undefined).items as unknown as Pod[]).filter((p) => p.spec.nodeName === name);
    const { evict, fatal, warn } = podsForDeletion(pods, { force: ctx.flags.bool("force"), ignoreDaemonSets: ctx.flags.bool("ignore-daemonsets"), deleteEmptyDir: ctx.flags.bool("delete-emptydir-data") });
    if (fatal.size) {
      // PodDeleteList.errors: "cannot delete" is added unless the message starts with it; several make an aggregate.
      const errs = [...fatal].map(([m, list]) => `${m.toLowerCase().startsWith("cannot delete") ? m : `cannot delete ${m}`}: ${list.join(", ")}`);
      const msg = errs.length === 1 ? errs[0]! : `[${errs.join(", ")}]`;
      ctx.out.err(`error: unable to drain node "${name}" due to error: ${msg}, continuing command...\n`);
      pending.push(name);
      failure = msg;
      continue;
    }
    if (warn.size) ctx.out.err(`Warning: ${[...warn].map(([m, list]) => `${m}: ${list.join(", ")}`).join("; ")}\n`);
    const grace = ctx.flags.int("grace-period", -1);
    for (const p of evict) {
      ctx.out.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
      client.delete(PODS, p.metadata.namespace, p.metadata.name!, grace >= 0 ? { gracePeriodSeconds: grace } : {});
    }
    const uids = new Set(evict.map((p) => p.metadata.uid));
    const gone = () => !(client.list(PODS, undefined).items as unknown as Pod[]).some((p) => uids.has(p.metadata.uid));
    const timeout = goDurationMs(ctx.flags.str("timeout"));
    ctx.env.waitFor(gone, timeout > 0 ? timeout : 10 * 60_000);
    for (const p of evict) ctx.out.out(`pod/${p.metadata.name} evicted\n`);
    ctx.out.out(`node/${name} drained\n`);
  }
  if (pending.length) {
    ctx.out.err(`There are pending nodes to be drained:\n${pending.map((n) => ` ${n}\n`).join("")}`);
    throw new KubectlError(failure!);
  }
}

/**
 * The scheduler's filter plugins the sandbox runs, in the default profile's order (NodeUnschedulable,
 * TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit), each with the reason string it reports
 * and whether preemption could help (Unschedulable) or not (UnschedulableAndUnresolvable).
 * pkg/scheduler/framework/plugins/{nodeunschedulable,tainttoleration,nodeaffinity,nodeports,noderesources}.
 */
import type { Node, Taint } from "../registry/node/types.ts";
import type { Pod, Toleration } from "../registry/pod/types.ts";

export interface FilterFailure {
  reason: string;
  /** UnschedulableAndUnresolvable: evicting pods from this node would not help. */
  unresolvable: boolean;
}

/** v1helper.TolerationsTolerateTaint / Toleration.ToleratesTaint. */
export function tolerates(tolerations: readonly Toleration[] | undefined, taint: Pick<Taint, "key" | "value" | "effect">): boolean {
  return (tolerations ?? []).some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.key && t.key !== taint.key) return false;
    if (!t.key && t.operator !== "Exists") return false;
    if (t.operator === "Exists") return true;
    return (t.value ?? "") === (taint.value ?? "");
  });
}

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
      return value !== undefined && Number(value) > Number(values[0]);
    case "Lt":
      return value !== undefined && Number(value) < Number(values[0]);
  }
  return false;
}

function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  return exprs.every((r) => requirementMatches(r, labels[r.key])) && fields.every((r) => r.key === "metadata.name" && requirementMatches(r, node.metadata.name));
}

/** nodeaffinity: spec.nodeSelector and requiredDuringSchedulingIgnoredDuringExecution. */
export function matchesNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = (pod.spec.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } } | undefined)?.nodeAffinity
    ?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required?.nodeSelectorTerms) return required.nodeSelectorTerms.some((t) => termMatches(t, node));
  return true;
}

export function hostPorts(pod: Pod): string[] {
  const out: string[] = [];
  for (const c of pod.spec.containers) for (const p of c.ports ?? []) if (p.hostPort) out.push(`${p.protocol ?? "TCP"}/${p.hostIP || "0.0.0.0"}/${p.hostPort}`);
  return out;
}

export interface NodeUsage {
  pods: number;
  hostPorts: ReadonlySet<string>;
}

/** Runs the filters in order; the first that fails is the node's reason, as the framework stops there. */
export function filterNode(pod: Pod, node: Node, usage: NodeUsage): FilterFailure | null {
  if (node.spec.unschedulable && !tolerates(pod.spec.tolerations, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" })) {
    return { reason: "node(s) were unschedulable", unresolvable: true };
  }
  const taint = (node.spec.taints ?? []).find((t) => (t.effect === "NoSchedule" || t.effect === "NoExecute") && !tolerates(pod.spec.tolerations, t));
  if (taint) return { reason: `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`, unresolvable: true };
  if (!matchesNodeAffinity(pod, node)) return { reason: "node(s) didn't match Pod's node affinity/selector", unresolvable: true };
  const ports = hostPorts(pod);
  if (ports.some((p) => usage.hostPorts.has(p))) return { reason: "node(s) didn't have free ports for the requested pod ports", unresolvable: false };
  const allowed = Number(node.status?.allocatable?.pods ?? node.status?.capacity?.pods ?? 0);
  if (usage.pods + 1 > allowed) return { reason: "Too many pods", unresolvable: false };
  return null;
}

/**
 * FitError.Error() with the PostFilter messages of 1.34's default plugins: DynamicResources ("no new
 * claims to deallocate") and DefaultPreemption, whose own FitError says why no node would help.
 */
export function fitErrorMessage(failures: readonly FilterFailure[]): string {
  const n = failures.length;
  const histogram = (reasons: string[]) => {
    const counts = new Map<string, number>();
    for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    return [...counts].map(([r, c]) => `${c} ${r}`).sort().join(", ");
  };
  const filterMsg = histogram(failures.map((f) => f.reason));
  const preemptMsg = histogram(failures.map((f) => (f.unresolvable ? "Preemption is not helpful for scheduling" : "No preemption victims found for incoming pod")));
  return `0/${n} nodes are available: ${filterMsg}. no new claims to deallocate, preemption: 0/${n} nodes are available: ${preemptMsg}.`;
}

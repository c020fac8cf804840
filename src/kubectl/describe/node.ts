/**
 * describeNode (k8s.io/kubectl/pkg/describe/describe.go, v0.34): roles, taints, the node's Lease, the
 * conditions table, addresses, capacity and allocatable sorted by name, system info, pod CIDRs, the
 * non-terminated pods with their requests and limits as shares of allocatable, and the totals.
 */
import { rfc1123Z, parseTime, humanDuration } from "../../apiserver/machinery/time.ts";
import type { Event } from "../../apiserver/registry/event/types.ts";
import type { Lease } from "../../apiserver/registry/lease/types.ts";
import { nodeRoles, taintString, type Node } from "../../apiserver/registry/node/types.ts";
import type { Pod } from "../../apiserver/registry/pod/types.ts";
import { describeEvents } from "./events.ts";
import { addQuantity, formatQuantity, parseQuantity, percent, type Quantity } from "./quantity.ts";
import { annotationsMultiline, DescribeWriter, labelsMultiline, type Describer } from "./writer.ts";

const PODS = { group: "", version: "v1", resource: "pods" };
const LEASES = { group: "coordination.k8s.io", version: "v1", resource: "leases" };

function time(ts: string | undefined): string {
  const t = parseTime(ts);
  return t === undefined ? "Mon, 01 Jan 0001 00:00:00 +0000" : rfc1123Z(t);
}

/** printNodeTaintsMultiline: one taint per line, sorted by effect then key, as the labels are. */
function taintsMultiline(w: DescribeWriter, taints: Node["spec"]["taints"]): void {
  w.write(0, "Taints:\t");
  if (!taints?.length) {
    w.write(0, "<none>\n");
    return;
  }
  const sorted = [...taints].sort((a, b) => (a.effect === b.effect ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.effect < b.effect ? -1 : 1));
  sorted.forEach((t, i) => w.write(0, `${i ? "\t" : ""}${taintString(t)}\n`));
}

type Resources = Record<string, Quantity>;

/** resourcehelper.PodRequests/PodLimits without init containers or overhead: the containers' sum. */
function podResources(pod: Pod, which: "requests" | "limits"): Resources {
  const out: Resources = {};
  for (const c of pod.spec.containers) {
    const list = (c as { resources?: Record<string, Record<string, string> | undefined> }).resources?.[which] ?? {};
    for (const [name, v] of Object.entries(list)) out[name] = addQuantity(out[name] ?? { milli: 0n, binary: false }, parseQuantity(v));
  }
  return out;
}

const ZERO: Quantity = { milli: 0n, binary: false };

function nodeResources(w: DescribeWriter, pods: readonly Pod[], node: Node, now: number): void {
  const alloc = node.status?.allocatable && Object.keys(node.status.allocatable).length ? node.status.allocatable : (node.status?.capacity ?? {});
  const cpu = parseQuantity(alloc.cpu);
  const mem = parseQuantity(alloc.memory);
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const reqs: Resources = {};
  const limits: Resources = {};
  const cell = (q: Quantity | undefined, total: Quantity) => `${formatQuantity(q ?? ZERO)} (${percent(q ?? ZERO, total)}%)`;
  for (const pod of pods) {
    const r = podResources(pod, "requests");
    const l = podResources(pod, "limits");
    for (const [k, v] of Object.entries(r)) reqs[k] = addQuantity(reqs[k] ?? ZERO, v);
    for (const [k, v] of Object.entries(l)) limits[k] = addQuantity(limits[k] ?? ZERO, v);
    const created = parseTime(pod.metadata.creationTimestamp);
    w.write(1, `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell(r.cpu, cpu)}\t${cell(l.cpu, cpu)}\t${cell(r.memory, mem)}\t${cell(l.memory, mem)}\t${created === undefined ? "<unknown>" : humanDuration(now - created)}\n`);
  }
  w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(1, "Resource\tRequests\tLimits\n");
  w.write(1, "--------\t--------\t------\n");
  w.write(1, `cpu\t${cell(reqs.cpu, cpu)}\t${cell(limits.cpu, cpu)}\n`);
  w.write(1, `memory\t${cell(reqs.memory, mem)}\t${cell(limits.memory, mem)}\n`);
  const storage = parseQuantity(alloc["ephemeral-storage"]);
  w.write(1, `ephemeral-storage\t${cell(reqs["ephemeral-storage"], storage)}\t${cell(limits["ephemeral-storage"], storage)}\n`);
  for (const name of Object.keys(alloc).filter((k) => k.startsWith("hugepages-")).sort()) {
    const total = parseQuantity(alloc[name]);
    w.write(1, `${name}\t${cell(reqs[name], total)}\t${cell(limits[name], total)}\n`);
  }
}

export const describeNode: Describer = (obj, ctx) => {
  const node = obj as Node;
  const name = node.metadata.name!;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${name}\n`);
  const roles = nodeRoles(node);
  w.write(0, `Roles:\t${roles.length ? roles.join(",") : "<none>"}\n`);
  labelsMultiline(w, "Labels", node.metadata.labels);
  annotationsMultiline(w, "Annotations", node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${time(node.metadata.creationTimestamp)}\n`);
  taintsMultiline(w, node.spec.taints);
  w.write(0, `Unschedulable:\t${Boolean(node.spec.unschedulable)}\n`);
  const lease = ctx.list(LEASES, "kube-node-lease").find((l) => l.metadata.name === name) as Lease | undefined;
  if (lease) {
    w.write(0, "Lease:\n");
    w.write(1, `HolderIdentity:\t${lease.spec.holderIdentity ?? "<unset>"}\n`);
    w.write(1, `AcquireTime:\t${lease.spec.acquireTime ? time(lease.spec.acquireTime) : "<unset>"}\n`);
    w.write(1, `RenewTime:\t${lease.spec.renewTime ? time(lease.spec.renewTime) : "<unset>"}\n`);
  } else {
    w.write(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
  }
  const conditions = node.status?.conditions ?? [];
  if (conditions.length) {
    w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conditions) w.write(1, `${c.type} \t${c.status} \t${time(c.lastHeartbeatTime)} \t${time(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`);
  }
  w.write(0, "Addresses:\n");
  for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const resourceList = (list: Record<string, string>) => {
    for (const k of Object.keys(list).sort()) w.write(0, `  ${k}:\t${list[k]}\n`);
  };
  if (Object.keys(node.status?.capacity ?? {}).length) {
    w.write(0, "Capacity:\n");
    resourceList(node.status!.capacity!);
  }
  if (Object.keys(node.status?.allocatable ?? {}).length) {
    w.write(0, "Allocatable:\n");
    resourceList(node.status!.allocatable!);
  }
  const info = node.status?.nodeInfo;
  w.write(0, "System Info:\n");
  w.write(0, `  Machine ID:\t${info?.machineID ?? ""}\n`);
  w.write(0, `  System UUID:\t${info?.systemUUID ?? ""}\n`);
  w.write(0, `  Boot ID:\t${info?.bootID ?? ""}\n`);
  w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ""}\n`);
  w.write(0, `  OS Image:\t${info?.osImage ?? ""}\n`);
  w.write(0, `  Operating System:\t${info?.operatingSystem ?? ""}\n`);
  w.write(0, `  Architecture:\t${info?.architecture ?? ""}\n`);
  w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ""}\n`);
  w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ""}\n`);
  if (node.spec.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(",")}\n`);
  if (node.spec.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  // The field selector spec.nodeName=<node>,status.phase!=Succeeded,status.phase!=Failed.
  const pods = (ctx.list(PODS, undefined) as unknown as Pod[]).filter((p) => p.spec.nodeName === name && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
  nodeResources(w, pods, node, ctx.now);
  if (ctx.events) describeEvents(w, ctx.events as Event[], ctx.now);
  return w.toString();
};

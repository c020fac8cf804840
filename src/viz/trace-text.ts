/**
 * The words of the "what just happened" trace: who made a change, what it was, which entries are
 * component restarts, and how an admission policy's decision reads. Pure, so the trace's lines are
 * tested in Node; EventTrace.svelte only lays them out.
 */
import type { AdmissionDecision, WireEvent } from "../worker/protocol.ts";
import type { Labels } from "./labels.ts";

/** Words the trace needs from the host's dictionary (src/ui/i18n.ts); each has its English fallback. */
const TRACE_WORDS = {
  "actor.you": "you (kubectl)",
  "actor.apiserver": "kube-apiserver",
  "actor.allocator": "ClusterIP allocator",
  "actor.controller": "controller",
  "actor.kubelet": "kubelet ({node})",
  "trace.denied": "refused by {policy}",
  "trace.warned": "warning from {policy}",
  "trace.audited": "audited by {policy}",
} as const;

type TraceWord = keyof typeof TRACE_WORDS;

/** The host's sentence for `key` with {name} placeholders filled in (word order differs by language). */
function word(labels: Labels, key: TraceWord, values: Record<string, string> = {}): string {
  const text = labels[key] ?? TRACE_WORDS[key];
  return text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

const KINDS: Record<string, string> = {
  services: "Service",
  "servicecidrs.networking.k8s.io": "ServiceCIDR",
  "ipaddresses.networking.k8s.io": "IPAddress",
  namespaces: "Namespace",
  events: "Event",
  pods: "Pod",
  nodes: "Node",
  "endpointslices.discovery.k8s.io": "EndpointSlice",
  "deployments.apps": "Deployment",
  "replicasets.apps": "ReplicaSet",
  "validatingadmissionpolicies.admissionregistration.k8s.io": "ValidatingAdmissionPolicy",
  "validatingadmissionpolicybindings.admissionregistration.k8s.io": "ValidatingAdmissionPolicyBinding",
};

/** Node heartbeats renew a Lease every few seconds: on the trace they would bury everything else. */
const HIDDEN_RESOURCES = new Set(["leases.coordination.k8s.io"]);

/** What the kubelet reports when it (re)starts or gives up on a container. */
const RESTART_REASONS = new Set(["Killing", "Started", "BackOff"]);

type Loose = Record<string, any>;

export function shownEvents(events: readonly WireEvent[]): WireEvent[] {
  return events.filter((e) => !HIDDEN_RESOURCES.has(e.resource));
}

/** "you (kubectl)", "kube-apiserver", "kubelet (controlplane)", a controller's name. */
export function actorText(e: WireEvent, labels: Labels): string {
  const a = e.actor ?? "";
  if (a === "kubernetes-admin") return word(labels, "actor.you");
  if (a === "system:apiserver") return word(labels, e.resource.startsWith("ipaddresses") ? "actor.allocator" : "actor.apiserver");
  const node = /^system:node:(.+)$/.exec(a);
  if (node) return word(labels, "actor.kubelet", { node: node[1]! });
  const sa = /^system:serviceaccount:kube-system:(.+)$/.exec(a);
  if (sa) return sa[1]!;
  if (a.startsWith("system:")) return a.slice("system:".length);
  return a || word(labels, "actor.controller");
}

/** One line for a change: "Service default/web → 10.96.0.5, fd00::5", "Killing pod/kube-apiserver-x · Stopping container …". */
export function eventText(e: WireEvent): string {
  const kind = KINDS[e.resource] ?? e.resource;
  const o = e.object as unknown as Loose;
  if (e.resource === "events") {
    const about = o.involvedObject?.kind ? `${String(o.involvedObject.kind).toLowerCase()}/${o.involvedObject.name} ` : "";
    return `${o.reason} ${about}· ${o.message}`;
  }
  let detail = "";
  if (e.resource === "services" && e.type === "ADDED") detail = ` → ${(o.spec?.clusterIPs ?? []).join(", ") || o.spec?.externalName || ""}`;
  if (e.resource.startsWith("servicecidrs") && e.type === "MODIFIED") {
    const ready = (o.status?.conditions ?? []).find((c: Loose) => c.type === "Ready");
    if (o.metadata?.deletionTimestamp) detail = ` (deletionTimestamp${ready?.status === "False" ? `, Ready=False ${ready.reason}` : ""})`;
    else if (ready) detail = ` [${(o.spec?.cidrs ?? []).join(", ")}] (Ready=${ready.status})`;
    if ((o.metadata?.finalizers ?? []).length && !o.metadata?.deletionTimestamp && !ready) detail = " (finalizer added)";
  }
  return `${kind} ${e.key}${detail}`;
}

/** The IPs a change is about, for the views to light up. */
export function eventIPs(e: WireEvent): string[] {
  const o = e.object as unknown as Loose;
  if (e.resource.startsWith("ipaddresses")) return [o.metadata.name];
  if (e.resource === "services") return (o.spec?.clusterIPs ?? []).filter((x: string) => x !== "None");
  return [];
}

/** A kubelet event about a kube-system pod: a control-plane component being stopped, started or backed off. */
export function isRestart(e: WireEvent): boolean {
  const o = e.object as unknown as Loose;
  return e.resource === "events" && RESTART_REASONS.has(o.reason) && o.involvedObject?.namespace === "kube-system";
}

export function isWarning(e: WireEvent): boolean {
  return e.resource === "events" && (e.object as unknown as Loose).type === "Warning";
}

/** The strongest action a binding took: a Deny refused the request; Warn and Audit let it through. */
export function decisionKind(d: AdmissionDecision): "Deny" | "Warn" | "Audit" {
  return d.actions.includes("Deny") ? "Deny" : d.actions.includes("Warn") ? "Warn" : "Audit";
}

/** "refused by ValidatingAdmissionPolicy 'p' (binding b)". */
export function decisionText(d: AdmissionDecision, labels: Labels): string {
  const kind = decisionKind(d);
  const key: TraceWord = kind === "Deny" ? "trace.denied" : kind === "Warn" ? "trace.warned" : "trace.audited";
  const head = word(labels, key, { policy: `ValidatingAdmissionPolicy '${d.policy}'` });
  return d.binding ? `${head} (${d.binding})` : head;
}

/** "CREATE servicecidrs.networking.k8s.io bad-cidr" */
export function decisionRequest(d: AdmissionDecision): string {
  return `${d.operation} ${d.resource} ${d.name}`.trim();
}

/** The decision's message, unless it only repeats the failed expression already shown. */
export function decisionMessage(d: AdmissionDecision): string | null {
  return d.expression && d.message === `failed expression: ${d.expression}` ? null : d.message;
}

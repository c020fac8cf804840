/**
 * The describers of the sandbox's kinds, after k8s.io/kubectl/pkg/describe/describe.go (v0.34): field
 * order, labels, and the `<none>`/`<unset>` placeholders as kubectl prints them.
 */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import { formatLabels } from "../../apiserver/machinery/labels.ts";
import { rfc1123Z, parseTime } from "../../apiserver/machinery/time.ts";
import type { Event } from "../../apiserver/registry/event/types.ts";
import type { IPAddress } from "../../apiserver/registry/ipaddress/types.ts";
import type { Namespace } from "../../apiserver/registry/namespace/types.ts";
import type { Service } from "../../apiserver/registry/service/types.ts";
import type { ServiceCIDR } from "../../apiserver/registry/servicecidr/types.ts";
import { describeEvents } from "./events.ts";
import { describeNode } from "./node.ts";
import { describePod } from "./pod.ts";
import { annotationsMultiline, DescribeWriter, labelsMultiline, type DescribeContext, type Describer } from "./writer.ts";

const ENDPOINT_SLICES = { group: "discovery.k8s.io", version: "v1", resource: "endpointslices" };

interface SliceLike {
  addressType?: string;
  ports?: { name?: string; port?: number }[] | null;
  endpoints?: { addresses: string[]; conditions?: { ready?: boolean } }[] | null;
}

/**
 * formatEndpointSlices (describe.go): ready endpoints of the service port's name, `host:port` through
 * net.JoinHostPort, at most three, then ` + N more...`. As upstream, "more" is decided when a fourth
 * endpoint is met, ready or not, and a slice without ports lists bare addresses.
 */
function formatEndpointSlices(slices: readonly SliceLike[], portName: string): string {
  if (!slices.length) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const joinHostPort = (host: string, port: number) => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);
  const visit = (ep: { addresses: string[]; conditions?: { ready?: boolean } }, port: number | undefined) => {
    if (list.length === max) more = true;
    if (ep.conditions?.ready === false) return;
    if (!more) list.push(port === undefined ? (ep.addresses[0] ?? "") : joinHostPort(ep.addresses[0] ?? "", port));
    count++;
  };
  for (const s of slices) {
    const ports = s.ports ?? [];
    if (!ports.length) {
      for (const ep of s.endpoints ?? []) visit(ep, undefined);
      continue;
    }
    for (const p of ports) {
      if ((p.name ?? "") !== portName) continue;
      for (const ep of s.endpoints ?? []) visit(ep, p.port ?? 0);
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const describeService: Describer = (obj, ctx) => {
  const svc = obj as Service;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace}\n`);
  labelsMultiline(w, "Labels", svc.metadata.labels);
  annotationsMultiline(w, "Annotations", svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(svc.spec.selector)}\n`);
  w.write(0, `Type:\t${svc.spec.type}\n`);
  if (svc.spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${svc.spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${svc.spec.ipFamilies?.length ? svc.spec.ipFamilies.join(",") : "<none>"}\n`);
  w.write(0, `IP:\t${svc.spec.clusterIP ?? ""}\n`);
  w.write(0, `IPs:\t${svc.spec.clusterIPs?.length ? svc.spec.clusterIPs.join(",") : "<none>"}\n`);
  if (svc.spec.externalIPs?.length) w.write(0, `External IPs:\t${svc.spec.externalIPs.join(",")}\n`);
  if (svc.spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${svc.spec.loadBalancerIP}\n`);
  if (svc.spec.externalName) w.write(0, `External Name:\t${svc.spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) {
    w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => (i.ip ? (i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip) : i.hostname ?? "")).join(", ")}\n`);
  }
  const slices = ctx.list(ENDPOINT_SLICES, svc.metadata.namespace, `kubernetes.io/service-name=${svc.metadata.name}`) as unknown as SliceLike[];
  for (const p of svc.spec.ports ?? []) {
    const name = p.name || "<unset>";
    w.write(0, `Port:\t${name}\t${p.port}/${p.protocol}\n`);
    w.write(0, `TargetPort:\t${p.targetPort}/${p.protocol}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? "")}\n`);
  }
  w.write(0, `Session Affinity:\t${svc.spec.sessionAffinity}\n`);
  if (svc.spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${svc.spec.externalTrafficPolicy}\n`);
  if (svc.spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${svc.spec.internalTrafficPolicy}\n`);
  if (svc.spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${svc.spec.healthCheckNodePort}\n`);
  if (svc.spec.loadBalancerSourceRanges?.length) w.write(0, `LoadBalancer Source Ranges:\t${svc.spec.loadBalancerSourceRanges.join(",")}\n`);
  // describeService (v0.34) ends with Traffic Distribution when it is set.
  if (svc.spec.trafficDistribution) w.write(0, `Traffic Distribution:\t${svc.spec.trafficDistribution}\n`);
  if (ctx.events) describeEvents(w, ctx.events as Event[], ctx.now);
  return w.toString();
};

export const describeServiceCIDR: Describer = (obj, ctx) => {
  const sc = obj as ServiceCIDR;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${sc.metadata.name}\n`);
  labelsMultiline(w, "Labels", sc.metadata.labels);
  annotationsMultiline(w, "Annotations", sc.metadata.annotations);
  w.write(0, `CIDRs:\t${(sc.spec.cidrs ?? []).join(", ")}\n`);
  const conds = sc.status?.conditions ?? [];
  if (conds.length) {
    w.write(0, "Status:\n");
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t------------------\t------\t-------\n");
    for (const c of conds) w.write(1, `${c.type}\t${c.status}\t${rfc1123Z(parseTime(c.lastTransitionTime) ?? 0)}\t${c.reason}\t${c.message}\n`);
  }
  if (ctx.events) describeEvents(w, ctx.events as Event[], ctx.now);
  return w.toString();
};

export const describeIPAddress: Describer = (obj, ctx) => {
  const ip = obj as IPAddress;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ip.metadata.name}\n`);
  labelsMultiline(w, "Labels", ip.metadata.labels);
  annotationsMultiline(w, "Annotations", ip.metadata.annotations);
  const ref = ip.spec.parentRef;
  if (ref) {
    w.write(0, "Parent Reference:\n");
    w.write(1, `Group:\t${ref.group ?? ""}\n`);
    w.write(1, `Resource:\t${ref.resource}\n`);
    w.write(1, `Namespace:\t${ref.namespace ?? ""}\n`);
    w.write(1, `Name:\t${ref.name}\n`);
  }
  if (ctx.events) describeEvents(w, ctx.events as Event[], ctx.now);
  return w.toString();
};

export const describeNamespace: Describer = (obj) => {
  const ns = obj as Namespace;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  labelsMultiline(w, "Labels", ns.metadata.labels);
  annotationsMultiline(w, "Annotations", ns.metadata.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ""}\n`);
  // A terminating namespace carries the namespace controller's conditions.
  const conds = (ns.status?.conditions ?? []) as { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }[];
  if (conds.length) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t------------------\t------\t-------\n");
    for (const c of conds) w.write(1, `${c.type}\t${c.status}\t${rfc1123Z(parseTime(c.lastTransitionTime) ?? 0)}\t${c.reason ?? ""}\t${c.message ?? ""}\n`);
  }
  w.write(0, "\nNo resource quota.\n");
  w.write(0, "\nNo LimitRange resource.\n");
  return w.toString();
};

/** The generic fallback: kubectl prints the object's fields for kinds without a describer. */
export const describeGeneric: Describer = (obj, ctx) => {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  if (obj.metadata.namespace) w.write(0, `Namespace:\t${obj.metadata.namespace}\n`);
  labelsMultiline(w, "Labels", obj.metadata.labels);
  annotationsMultiline(w, "Annotations", obj.metadata.annotations);
  w.write(0, `API Version:\t${obj.apiVersion}\n`);
  w.write(0, `Kind:\t${obj.kind}\n`);
  const rest = obj as unknown as Record<string, unknown>;
  for (const k of Object.keys(rest).sort()) {
    if (["apiVersion", "kind", "metadata"].includes(k)) continue;
    printValue(w, capitalize(k), rest[k], 0);
  }
  if (ctx.events) describeEvents(w, ctx.events as Event[], ctx.now);
  return w.toString();
};

function capitalize(s: string): string {
  return s.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());
}

function printValue(w: DescribeWriter, key: string, v: unknown, level: number): void {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    w.write(level, `${key}:\n`);
    for (const k of Object.keys(v).sort()) printValue(w, capitalize(k), (v as Record<string, unknown>)[k], level + 1);
  } else if (Array.isArray(v)) {
    w.write(level, `${key}:\n`);
    for (const item of v) {
      if (item && typeof item === "object") for (const k of Object.keys(item).sort()) printValue(w, capitalize(k), (item as Record<string, unknown>)[k], level + 1);
      else w.write(level + 1, `${String(item)}\n`);
    }
  } else {
    w.write(level, `${key}:\t${v === null ? "<nil>" : String(v)}\n`);
  }
}

export const DESCRIBERS: Record<string, Describer> = {
  "/Service": describeService,
  "networking.k8s.io/ServiceCIDR": describeServiceCIDR,
  "networking.k8s.io/IPAddress": describeIPAddress,
  "/Namespace": describeNamespace,
  "/Node": describeNode,
  "/Pod": describePod,
};

export function describerFor(group: string, kind: string): Describer {
  return DESCRIBERS[`${group}/${kind}`] ?? describeGeneric;
}

export type { KubeObject, DescribeContext };

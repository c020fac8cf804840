/**
 * The packet path view's words: each hop's title and the line under it, as the drawing shows them and
 * as its accessible names say them. English defaults here (src/ui/i18n.ts spreads them into its
 * English dictionary and adds the Korean ones). Pure, tested in Node.
 */
import type { Labels } from "./labels.ts";
import type { PacketHop, PacketModel } from "./packet-model.ts";

export const PACKET_LABELS = {
  "pp.label": "Path of the last packet followed",
  "pp.empty": "No packet followed yet. Run kubectl exec POD -- curl http://SERVICE and its trip appears here.",
  "pp.head": "curl {to} from {from}",
  "pp.hop.client": "Client pod",
  "pp.hop.dns": "DNS",
  "pp.hop.services": "KUBE-SERVICES rule {line}",
  "pp.hop.chain": "{chain}",
  "pp.hop.dnat": "{chain} DNAT",
  "pp.hop.ipvs": "IPVS virtual server",
  "pp.hop.snat": "Masquerade",
  "pp.hop.route": "Route on {node}",
  "pp.hop.cloud": "Azure route table {table}",
  "pp.hop.endpoint": "Endpoint pod",
  "pp.hop.stop": "Stopped",
  "pp.on": "{what} on {node}",
  "pp.dns.nx": "{name}: NXDOMAIN",
  "pp.services.to": "{service} → {target}",
  "pp.draw": "probability {probability}, drew {draw}: {result}",
  "pp.draw.match": "match",
  "pp.draw.miss": "no match",
  "pp.jump": "→ {target}",
  "pp.masq": "marked for masquerade",
  "pp.snat": "source {from} → {to}",
  "pp.next": "to {node}",
  "pp.outcome.refused": "connection refused",
  "pp.outcome.unresolved": "the name did not resolve",
  "pp.outcome.no-service": "no Service and no pod at that address",
  "pp.outcome.unreachable": "no route to the endpoint",
  "pp.outcome.delivered": "delivered",
} as const;

export type PacketLabelKey = keyof typeof PACKET_LABELS;

function word(labels: Labels, key: PacketLabelKey): string {
  return labels[key] ?? PACKET_LABELS[key];
}

function say(labels: Labels, key: PacketLabelKey, values: Record<string, string | number>): string {
  return word(labels, key).replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** What a hop is: "Client pod", "KUBE-SERVICES rule 2", "KUBE-SEP-… DNAT", "Route on node02". */
export function hopTitle(h: PacketHop, labels: Labels): string {
  switch (h.kind) {
    case "client":
      return word(labels, "pp.hop.client");
    case "dns":
      return word(labels, "pp.hop.dns");
    case "services":
      return say(labels, "pp.hop.services", { line: h.line });
    case "chain":
      return say(labels, "pp.hop.chain", { chain: h.chain });
    case "dnat":
      return say(labels, "pp.hop.dnat", { chain: h.chain });
    case "ipvs":
      return word(labels, "pp.hop.ipvs");
    case "snat":
      return word(labels, "pp.hop.snat");
    case "route":
      return say(labels, "pp.hop.route", { node: h.node });
    case "cloud-route":
      return say(labels, "pp.hop.cloud", { table: h.table });
    case "endpoint":
      return word(labels, "pp.hop.endpoint");
    case "stop":
      return word(labels, "pp.hop.stop");
  }
}

/** The hop's facts, one line each: addresses, the chosen chain, the draws, the route. */
export function hopLines(h: PacketHop, labels: Labels): string[] {
  switch (h.kind) {
    case "client":
      return [say(labels, "pp.on", { what: h.pod, node: h.node }), ...(h.ip ? [h.ip] : [])];
    case "dns":
      return h.answer.length ? [`${h.name} → ${h.answer.join(", ")}`, ...(h.fqdn ? [h.fqdn] : [])] : [say(labels, "pp.dns.nx", { name: h.name })];
    case "services":
      return [say(labels, "pp.on", { what: say(labels, "pp.services.to", { service: h.service ?? h.rule, target: h.target }), node: h.node })];
    case "chain":
      return [
        ...(h.masquerade ? [word(labels, "pp.masq")] : []),
        ...h.draws.map((d) => say(labels, "pp.draw", { probability: d.probability, draw: d.draw.toFixed(5), result: word(labels, d.matched ? "pp.draw.match" : "pp.draw.miss") })),
        ...(h.target ? [say(labels, "pp.jump", { target: h.target })] : []),
      ];
    case "dnat":
      return [`${h.from} → ${h.to}`, ...(h.masquerade ? [word(labels, "pp.masq")] : [])];
    case "ipvs":
      return [say(labels, "pp.on", { what: h.virtualServer, node: h.node }), ...(h.realServer ? [`→ ${h.realServer}`] : [])];
    case "snat":
      return [say(labels, "pp.snat", { from: h.from, to: h.to })];
    case "route":
      return [h.route, ...(h.nextHopNode && h.nextHopNode !== h.node ? [say(labels, "pp.next", { node: h.nextHopNode })] : [])];
    case "cloud-route":
      return [`${h.prefix} → ${h.nextHop}`, say(labels, "pp.next", { node: h.node })];
    case "endpoint":
      return [say(labels, "pp.on", { what: h.pod ?? h.endpoint, node: h.node }), h.endpoint];
    case "stop":
      return [h.reason ?? word(labels, `pp.outcome.${h.outcome}`), ...(h.rule ? [h.rule] : [])];
  }
}

/** The node a hop happens on, for its colour (the same as the node's tile in the pod-CIDR view). */
export function hopNode(h: PacketHop): string | null {
  switch (h.kind) {
    case "client":
    case "services":
    case "ipvs":
    case "route":
    case "endpoint":
      return h.node || null;
    case "cloud-route":
      return h.node;
    default:
      return null;
  }
}

/** "Route on node02: 10.244.1.0/24 via 192.168.0.8 dev eth0; to node01": a hop's accessible name. */
export function hopLabel(h: PacketHop, labels: Labels): string {
  return `${hopTitle(h, labels)}: ${hopLines(h, labels).join("; ")}`;
}

export function packetHeadline(m: PacketModel, labels: Labels): string {
  return say(labels, "pp.head", { to: m.to, from: m.from });
}

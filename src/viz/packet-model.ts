/**
 * buildPacketModel turns the trip of the last followed packet (`kubectl exec POD -- curl URL`, as the
 * worker reports it) into the hops the packet path view draws, in the order the packet takes them:
 * the client pod on its node, the DNS answer, the KUBE-SERVICES rule that matched, each chain the
 * packet walked with the statistic draws made in it, the KUBE-SEP's DNAT (or IPVS's real server), the
 * masquerade, the routes (the node's own, then the cloud's route table on AKS kubenet), and the
 * endpoint pod on its node. A trip that stopped early ends with a hop saying why. Pure and
 * deterministic; the pods only fill in what the trip does not say (the client's IP and node).
 */
import type { Node } from "../apiserver/registry/node/types.ts";
import type { Pod } from "../apiserver/registry/pod/types.ts";
import type { TraceResult, TraceStep } from "../proxy/trace.ts";
import type { PacketTrip } from "../worker/protocol.ts";

export interface Draw {
  probability: string;
  draw: number;
  matched: boolean;
}

export type PacketHop =
  | { kind: "client"; pod: string; node: string; ip: string | null }
  /** An empty answer is NXDOMAIN. */
  | { kind: "dns"; name: string; fqdn: string | null; answer: string[] }
  | { kind: "services"; node: string; entry: string | null; line: number; rule: string; service: string | null; target: string }
  /** A KUBE-SVC (or KUBE-EXT, KUBE-SVL, KUBE-FW) chain: the draws made in it and where it jumped. */
  | { kind: "chain"; chain: string; draws: Draw[]; target: string; rule: string; masquerade: boolean }
  | { kind: "dnat"; chain: string; from: string; to: string; rule: string; masquerade: boolean }
  | { kind: "ipvs"; node: string; virtualServer: string; realServer: string }
  | { kind: "snat"; from: string; to: string }
  | { kind: "route"; node: string; destination: string; route: string; nextHopNode: string | null }
  | { kind: "cloud-route"; table: string; prefix: string; nextHop: string; node: string }
  | { kind: "endpoint"; pod: string | null; node: string; endpoint: string }
  | { kind: "stop"; outcome: Exclude<TraceResult["outcome"], "delivered">; chain: string | null; rule: string | null; reason: string | null };

export interface PacketModel {
  /** Tells one trip from the next (the view redraws only on a new one). */
  key: string;
  cluster: string;
  from: string;
  to: string;
  at: number;
  outcome: TraceResult["outcome"];
  hops: PacketHop[];
  /** The InternalIP of each node the trip names (the address a route to that node's range goes via). */
  nodeIPs: Record<string, string>;
}

export interface PacketInput {
  trip: PacketTrip | null | undefined;
  /** The page's pods, for the client's node and IP and the endpoint pod's namespace. */
  pods: readonly Pod[];
  nodes?: readonly Node[];
}

/** `-m comment --comment "default/web cluster IP"` → `default/web`. */
function serviceOf(rule: string): string | null {
  const m = /--comment "?([^"\s]+)/.exec(rule);
  return m ? m[1]! : null;
}

function ipsOf(p: Pod): string[] {
  return (p.status?.podIPs ?? (p.status?.podIP ? [{ ip: p.status.podIP }] : [])).map((x) => x.ip);
}

export function buildPacketModel(input: PacketInput): PacketModel | null {
  const trip = input.trip;
  if (!trip) return null;
  const steps = trip.result.steps;
  const hops: PacketHop[] = [];
  const [ns, name] = trip.from.includes("/") ? trip.from.split("/", 2) : ["default", trip.from];
  const client = input.pods.find((p) => p.metadata.name === name && (p.metadata.namespace ?? "default") === ns);
  // The trip's first node is where the packet left; a pod deleted since still shows where it was.
  const firstNode = steps.find((s): s is Extract<TraceStep, { node: string }> => "node" in s && typeof s.node === "string")?.node ?? "";
  hops.push({ kind: "client", pod: trip.from, node: client?.spec.nodeName ?? firstNode, ip: client && !client.spec.hostNetwork ? (ipsOf(client)[0] ?? null) : null });

  let entry: string | null = null;
  // Declared with `as`: TypeScript would otherwise narrow them to null for the whole loop.
  let chain = null as Extract<PacketHop, { kind: "chain" }> | null;
  let dnat = null as Extract<PacketHop, { kind: "dnat" }> | null;
  let pendingMasq = new Set<string>();
  for (const s of steps) {
    switch (s.kind) {
      case "dns":
        hops.push({ kind: "dns", name: s.name, fqdn: s.fqdn ?? null, answer: [...s.answer] });
        break;
      case "enter":
        entry = s.chain;
        break;
      case "match":
        hops.push({ kind: "services", node: s.node, entry, line: s.line, rule: s.rule, service: serviceOf(s.rule), target: s.target });
        break;
      case "masquerade-check":
        if (s.matched) {
          if (chain?.chain === s.chain) chain.masquerade = true;
          else if (dnat?.chain === s.chain) dnat.masquerade = true;
          else pendingMasq.add(s.chain);
        }
        break;
      case "affinity-check":
        break;
      case "statistic":
      case "jump": {
        if (chain?.chain !== s.chain) {
          chain = { kind: "chain", chain: s.chain, draws: [], target: "", rule: "", masquerade: pendingMasq.has(s.chain) };
          hops.push(chain);
        }
        if (s.kind === "statistic") chain.draws.push({ probability: s.probability, draw: s.draw, matched: s.matched });
        else {
          chain.target = s.target;
          chain.rule = s.rule;
        }
        break;
      }
      case "dnat":
        // A KUBE-SEP's masquerade check comes before its DNAT rule.
        dnat = { kind: "dnat", chain: s.chain, from: s.from, to: s.to, rule: s.rule, masquerade: pendingMasq.has(s.chain) };
        hops.push(dnat);
        break;
      case "reject":
        hops.push({ kind: "stop", outcome: "refused", chain: s.chain, rule: s.rule, reason: null });
        break;
      case "ipvs":
        hops.push({ kind: "ipvs", node: s.node, virtualServer: s.virtualServer, realServer: s.realServer });
        break;
      case "snat":
        hops.push({ kind: "snat", from: s.from, to: s.to });
        break;
      case "route":
        hops.push({ kind: "route", node: s.node, destination: s.destination, route: s.route, nextHopNode: s.nextHopNode ?? null });
        break;
      case "cloud-route":
        hops.push({ kind: "cloud-route", table: s.routeTable, prefix: s.addressPrefix, nextHop: s.nextHopIpAddress, node: s.node });
        break;
      case "deliver":
        hops.push({ kind: "endpoint", pod: endpointPod(s, input.pods), node: s.node, endpoint: s.endpoint });
        break;
      case "unreachable":
        hops.push({ kind: "stop", outcome: "unreachable", chain: null, rule: null, reason: s.reason });
        break;
    }
    if (s.kind !== "masquerade-check" && s.kind !== "statistic" && s.kind !== "jump" && s.kind !== "affinity-check") pendingMasq = new Set();
  }
  const outcome = trip.result.outcome;
  if (outcome !== "delivered" && hops.at(-1)?.kind !== "stop") hops.push({ kind: "stop", outcome, chain: null, rule: null, reason: null });
  const nodeIPs: Record<string, string> = {};
  const named = new Set(hops.flatMap((h) => ("node" in h && h.node ? [h.node] : [])));
  for (const n of input.nodes ?? []) {
    const ip = n.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
    if (ip && named.has(n.metadata.name ?? "")) nodeIPs[n.metadata.name!] = ip;
  }
  return { key: `${trip.cluster} ${trip.at} ${trip.from} ${trip.to}`, cluster: trip.cluster, from: trip.from, to: trip.to, at: trip.at, outcome, hops, nodeIPs };
}

/** The endpoint as `namespace/name`: an EndpointSlice's targetRef names only the pod, the pod holds the address. */
function endpointPod(s: Extract<TraceStep, { kind: "deliver" }>, pods: readonly Pod[]): string | null {
  const ip = s.endpoint.startsWith("[") ? s.endpoint.slice(1, s.endpoint.indexOf("]")) : s.endpoint.slice(0, s.endpoint.lastIndexOf(":"));
  const holder = pods.find((p) => !p.spec.hostNetwork && ipsOf(p).includes(ip));
  if (holder) return `${holder.metadata.namespace ?? "default"}/${holder.metadata.name}`;
  return s.pod ?? null;
}

/** tracePacket: a pod curls a Service with three endpoints on two nodes. */
import { describe, expect, test } from "vitest";
import { SeededRandom } from "../../src/apiserver/machinery/random.ts";
import type { NodeNetInput } from "../../src/proxy/node-net.ts";
import { ProxyCluster } from "../../src/proxy/proxy-cluster.ts";
import { servicePortEndpointChain, servicePortPolicyClusterChain } from "../../src/proxy/chain-names.ts";
import { tracePacket, type TraceWorld } from "../../src/proxy/trace.ts";
import { slice, svc } from "./fixtures.ts";

const NODES = [
  { name: "kind-worker", ip: "172.18.0.2", podCIDR: "10.244.1.0/24", pods: [{ namespace: "default", name: "web-7d4b9-aaaaa", ips: ["10.244.1.5"] }, { namespace: "default", name: "client", ips: ["10.244.1.9"] }] },
  { name: "kind-worker2", ip: "172.18.0.3", podCIDR: "10.244.2.0/24", pods: [{ namespace: "default", name: "web-7d4b9-bbbbb", ips: ["10.244.2.6"] }, { namespace: "default", name: "web-7d4b9-ccccc", ips: ["10.244.2.7"] }] },
];

function world(provider: "kind" | "aks" = "kind") {
  const pc = new ProxyCluster({ clusterCIDR: "10.244.0.0/16" });
  pc.applyService(svc("web", { clusterIP: "10.96.100.10", ports: [{ port: 80, targetPort: 8080 }] }));
  pc.applyEndpointSlice(slice("web", {
    ports: [{ port: 8080 }],
    endpoints: [
      { ip: "10.244.1.5", node: "kind-worker", pod: "web-7d4b9-aaaaa" },
      { ip: "10.244.2.6", node: "kind-worker2", pod: "web-7d4b9-bbbbb" },
      { ip: "10.244.2.7", node: "kind-worker2", pod: "web-7d4b9-ccccc" },
    ],
  }));
  for (const n of NODES) pc.setNode({ nodeName: n.name, nodeIPs: { IPv4: n.ip } });
  const net = (name: string): NodeNetInput | undefined => {
    const n = NODES.find((x) => x.name === name);
    if (!n) return undefined;
    return {
      name, provider, podNetwork: provider === "kind" ? "kindnet" : "kubenet", address: `${n.ip}/16`, podCIDRs: [n.podCIDR], pods: n.pods,
      peers: NODES.filter((p) => p.name !== name).map((p) => ({ name: p.name, internalIP: p.ip, podCIDRs: [p.podCIDR] })),
    };
  };
  const w: TraceWorld = {
    node: (n) => pc.node(n),
    net,
    cloudRoutes: provider === "aks" ? NODES.map((n) => ({ name: n.name, table: "aks-agentpool-routetable", addressPrefix: n.podCIDR, nextHopIpAddress: n.ip })) : undefined,
  };
  return { pc, w };
}

const resolve = (name: string, ns: string) => (name === "web" ? { fqdn: `web.${ns}.svc.cluster.local`, ips: ["10.96.100.10"] } : undefined);

function scripted(values: number[]): () => number {
  let i = 0;
  return () => values[i++]!;
}

describe("tracePacket", () => {
  test("DNS, KUBE-SERVICES, the statistic draws, the DNAT and the kindnet route to the other node", () => {
    const { w } = world();
    const r = tracePacket(w, { from: { node: "kind-worker", podIP: "10.244.1.9", namespace: "default" }, to: "http://web/", random: scripted([0.9, 0.2]), resolve });
    const sep = servicePortEndpointChain("default/web", "tcp", "10.244.2.6:8080");
    expect(r.outcome).toBe("delivered");
    expect(r.endpoint).toEqual({ ip: "10.244.2.6", port: 8080, node: "kind-worker2", pod: "web-7d4b9-bbbbb" });
    expect(r.sourceSeen).toBe("10.244.1.9");
    expect(r.steps.map((s) => s.kind)).toEqual(["dns", "enter", "match", "masquerade-check", "statistic", "statistic", "jump", "masquerade-check", "dnat", "route", "deliver"]);
    expect(r.steps[0]).toEqual({ kind: "dns", name: "web", fqdn: "web.default.svc.cluster.local", answer: ["10.96.100.10"] });
    expect(r.steps[1]).toEqual({ kind: "enter", node: "kind-worker", chain: "PREROUTING", rule: '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES' });
    expect(r.steps[2]).toMatchObject({ kind: "match", line: 1, rule: `-A KUBE-SERVICES -d 10.96.100.10/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j ${servicePortPolicyClusterChain("default/web", "tcp")}` });
    expect(r.steps[3]).toMatchObject({ kind: "masquerade-check", matched: false });
    expect(r.steps[4]).toMatchObject({ kind: "statistic", probability: "0.33333333349", draw: 0.9, matched: false });
    expect(r.steps[5]).toMatchObject({ kind: "statistic", probability: "0.50000000000", draw: 0.2, matched: true });
    expect(r.steps[6]).toMatchObject({ kind: "jump", target: sep });
    expect(r.steps[8]).toEqual({ kind: "dnat", chain: sep, rule: `-A ${sep} -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 10.244.2.6:8080`, from: "10.96.100.10:80", to: "10.244.2.6:8080" });
    expect(r.steps[9]).toEqual({ kind: "route", node: "kind-worker", destination: "10.244.2.6", route: "10.244.2.0/24 via 172.18.0.3 dev eth0", nextHopNode: "kind-worker2" });
    expect(r.steps[10]).toEqual({ kind: "deliver", node: "kind-worker2", endpoint: "10.244.2.6:8080", pod: "web-7d4b9-bbbbb" });
  });

  test("the last endpoint is taken without a draw once the others' rules miss", () => {
    const { w } = world();
    const r = tracePacket(w, { from: { node: "kind-worker", podIP: "10.244.1.9" }, to: "10.96.100.10:80", random: scripted([0.5, 0.7]) });
    expect(r.endpoint?.ip).toBe("10.244.2.7");
    expect(r.steps.filter((s) => s.kind === "statistic")).toHaveLength(2);
  });

  test("seeded: the same seed gives the same trip, and the three endpoints share the load evenly", () => {
    const { w } = world();
    const run = (seed: number, n: number) => {
      const rng = new SeededRandom(seed);
      const random = () => rng.int(2 ** 30) / 2 ** 30;
      return Array.from({ length: n }, () => tracePacket(w, { from: { node: "kind-worker", podIP: "10.244.1.9" }, to: "web", random, resolve }).endpoint!.ip);
    };
    expect(run(7, 20)).toEqual(run(7, 20));
    const counts = new Map<string, number>();
    for (const ip of run(42, 600)) counts.set(ip, (counts.get(ip) ?? 0) + 1);
    // Each endpoint gets a third: the 1/3-then-1/2 rule chain is uniform (six standard deviations of slack).
    for (const ip of ["10.244.1.5", "10.244.2.6", "10.244.2.7"]) expect(Math.abs(counts.get(ip)! - 200)).toBeLessThan(70);
  });

  test("from the node itself the packet enters through OUTPUT and is masqueraded to the node IP", () => {
    const { w } = world();
    const r = tracePacket(w, { from: { node: "kind-worker" }, to: "10.96.100.10", random: scripted([0.1]) });
    expect(r.steps[0]).toMatchObject({ kind: "enter", chain: "OUTPUT" });
    expect(r.steps[2]).toMatchObject({ kind: "masquerade-check", matched: true });
    expect(r.steps.find((s) => s.kind === "snat")).toEqual({ kind: "snat", rule: '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully', from: "172.18.0.2", to: "172.18.0.2" });
    expect(r.endpoint?.ip).toBe("10.244.1.5");
    // The endpoint is a pod on this very node: kindnet's /32 route points at its veth.
    expect(r.steps.at(-2)).toMatchObject({ kind: "route", route: expect.stringMatching(/^10\.244\.1\.5 dev veth[0-9a-f]{8} scope host$/), nextHopNode: "kind-worker" });
    expect(r.steps.at(-1)).toMatchObject({ kind: "deliver", node: "kind-worker" });
  });

  test("AKS kubenet: the node only knows its gateway; the Azure route table sends the packet on", () => {
    const { w } = world("aks");
    const r = tracePacket(w, { from: { node: "kind-worker", podIP: "10.244.1.9" }, to: "web", random: scripted([0.9, 0.9]), resolve });
    expect(r.steps.slice(-3)).toEqual([
      { kind: "route", node: "kind-worker", destination: "10.244.2.7", route: "default via 172.18.0.1 dev eth0 proto dhcp src 172.18.0.2 metric 100", nextHopNode: undefined },
      { kind: "cloud-route", routeTable: "aks-agentpool-routetable", addressPrefix: "10.244.2.0/24", nextHopIpAddress: "172.18.0.3", node: "kind-worker2" },
      { kind: "deliver", node: "kind-worker2", endpoint: "10.244.2.7:8080", pod: "web-7d4b9-ccccc" },
    ]);
  });

  test("no endpoints: the filter table's REJECT answers; an unknown name does not resolve", () => {
    const { pc, w } = world();
    pc.applyService(svc("empty", { clusterIP: "10.96.9.9", ports: [{ port: 80 }] }));
    const r = tracePacket(w, { from: { node: "kind-worker", podIP: "10.244.1.9" }, to: "10.96.9.9", random: Math.random });
    expect(r.outcome).toBe("refused");
    expect(r.steps.at(-1)).toEqual({ kind: "reject", chain: "KUBE-SERVICES", rule: '-A KUBE-SERVICES -d 10.96.9.9/32 -p tcp -m comment --comment "default/empty has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable' });
    expect(tracePacket(w, { from: { node: "kind-worker", podIP: "10.244.1.9" }, to: "nope", random: Math.random, resolve }).outcome).toBe("unresolved");
  });

  test("IPVS mode: the virtual server picks the real server", () => {
    const { pc, w } = world();
    pc.setConfig({ mode: "ipvs", clusterCIDR: "10.244.0.0/16" });
    const r = tracePacket(w, { from: { node: "kind-worker", podIP: "10.244.1.9" }, to: "10.96.100.10", random: scripted([0.5]) });
    expect(r.steps[0]).toEqual({ kind: "ipvs", node: "kind-worker", virtualServer: "TCP  10.96.100.10:80 rr", realServer: "10.244.2.6:8080" });
    expect(r.endpoint?.node).toBe("kind-worker2");
  });
});

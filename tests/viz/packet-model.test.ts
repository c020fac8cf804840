/** The packet path fed as the page feeds it: a real curl run through the worker host, its report, the page's cache. */
import { describe, it, expect, beforeAll } from "vitest";
import { EngineHost } from "../../src/worker/host.ts";
import { applyEvents, EMPTY_CACHE, values } from "../../src/ui/engine/informer.ts";
import { buildPacketModel, type PacketModel } from "../../src/viz/packet-model.ts";
import { hopLabel, hopLines, hopNode, hopTitle, packetHeadline, PACKET_LABELS } from "../../src/viz/packet-text.ts";
import { segments } from "../../src/viz/packet-view.ts";
import type { Pod } from "../../src/apiserver/registry/pod/types.ts";
import type { Node } from "../../src/apiserver/registry/node/types.ts";

const START = Date.UTC(2025, 0, 1);

function model(host: EngineHost): PacketModel | null {
  const cache = applyEvents(EMPTY_CACHE, host.snapshot(), true);
  return buildPacketModel({ trip: host.clusterInfo().packet, pods: values<Pod>(cache, "pods"), nodes: values<Node>(cache, "nodes") });
}

describe("packet path over a running sandbox", () => {
  let host: EngineHost;
  let client: string;
  let trip: string;
  let wide: string;
  let before: string;

  beforeAll(async () => {
    host = new EngineHost();
    await host.boot({ seed: 3, preset: "default", startTime: START }, [], START + 1_000);
    await host.run("kubectl create deployment web --image=nginx --replicas=3", START + 2_000);
    await host.run("sleep 10", START + 3_000);
    await host.run("kubectl expose deployment web --port 80", START + 14_000);
    client = (await host.run("kubectl get pods -o name | head -1", START + 15_000)).output.trim().replace("pod/", "");
    wide = (await host.run("kubectl get pods -o wide", START + 15_500)).output;
    before = JSON.stringify(host.clusterInfo());
    trip = (await host.run(`kubectl exec ${client} -- curl http://web`, START + 16_000)).output;
  }, 30_000);

  it("reports no packet until one is followed, and a new report only when a new one is", async () => {
    expect(JSON.parse(before).packet).toBeNull();
    const after = JSON.stringify(host.clusterInfo());
    expect(after).not.toBe(before);
    host.tick(START + 20_000);
    expect(JSON.stringify(host.clusterInfo())).toBe(after);
  });

  it("draws the hops of the curl, the same the terminal printed", () => {
    const m = model(host)!;
    expect([m.cluster, m.from, m.to, m.outcome]).toEqual(["kubeadm/kubernetes", `default/${client}`, "http://web", "delivered"]);
    // A pod that reaches itself through its Service is masqueraded (hairpin): the SNAT hop shows it.
    const hairpin = trip.includes("POSTROUTING: source");
    expect(m.hops.map((h) => h.kind)).toEqual(["client", "dns", "services", "chain", "dnat", ...(hairpin ? ["snat"] : []), "route", "endpoint"]);
    const [c, dns, svc, chain, dnat] = m.hops;
    const [route, ep] = m.hops.slice(-2);
    // The client as `kubectl get pods -o wide` shows it.
    const row = wide.split("\n").find((l) => l.startsWith(client))!.split(/\s+/);
    expect(c).toEqual({ kind: "client", pod: `default/${client}`, node: row[6], ip: row[5] });
    expect(dns).toEqual({ kind: "dns", name: "web", fqdn: "web.default.svc.cluster.local.", answer: [/-> (10\.\d+\.\d+\.\d+)\n/.exec(trip)![1]] });
    expect(svc).toMatchObject({ kind: "services", node: row[6], entry: "PREROUTING", line: 2, service: "default/web", target: "KUBE-SVC-LOLE4ISW44XBNF3G" });
    expect(trip).toContain(`nat KUBE-SERVICES rule 2: ${(svc as { rule: string }).rule}\n`);
    expect(chain).toMatchObject({ kind: "chain", chain: "KUBE-SVC-LOLE4ISW44XBNF3G", masquerade: false });
    const c3 = chain as Extract<typeof chain, { kind: "chain" }>;
    expect(c3.draws.map((d) => [d.probability, d.draw.toFixed(5), d.matched])).toEqual(
      [...trip.matchAll(/KUBE-SVC-\w+: probability (\S+), drew (\S+): (match|no match)/g)].map((x) => [x[1], x[2], x[3] === "match"]),
    );
    // Three endpoints: 1/3, then 1/2, then the last rule takes what is left.
    expect(["0.33333333349", "0.50000000000"].slice(0, c3.draws.length)).toEqual(c3.draws.map((d) => d.probability));
    expect(trip).toContain(`: -> ${c3.target}: `);
    const d = dnat as Extract<typeof dnat, { kind: "dnat" }>;
    expect([d.chain, d.masquerade]).toEqual([c3.target, hairpin]);
    expect(trip).toContain(`${d.chain}: DNAT ${d.from} -> ${d.to}: `);
    const epIP = d.to.split(":")[0]!;
    const epRow = wide.split("\n").find((l) => l.split(/\s+/)[5] === epIP)!.split(/\s+/);
    expect(ep).toEqual({ kind: "endpoint", pod: `default/${epRow[0]}`, node: epRow[6], endpoint: d.to });
    if (hairpin) expect(m.hops[5]).toEqual({ kind: "snat", from: row[5], to: /source \S+ -> (\S+):/.exec(trip)![1] });
    // The route to the node that holds the endpoint's /24 (the same in the terminal).
    const r = route as Extract<typeof route, { kind: "route" }>;
    expect([r.node, r.nextHopNode]).toEqual([row[6], epRow[6]]);
    expect(trip).toContain(`${r.node}: route to ${epIP}: ${r.route}`);
    expect(r.route.startsWith(epIP.replace(/\.\d+$/, ".0/24"))).toBe(true);
  });

  it("follows the route across nodes when the endpoint's /24 is on another node", async () => {
    let m: PacketModel | null = null;
    for (let i = 0; i < 8; i++) {
      await host.run(`kubectl exec ${client} -- curl -s http://web`, START + 16_500 + i * 100);
      m = model(host);
      const ep = m!.hops.at(-1)!;
      if (ep.kind === "endpoint" && ep.node !== (m!.hops[0] as { node: string }).node) break;
    }
    const [c, route, ep] = [m!.hops[0]!, m!.hops.at(-2)!, m!.hops.at(-1)!] as [Extract<PacketModel["hops"][number], { kind: "client" }>, Extract<PacketModel["hops"][number], { kind: "route" }>, Extract<PacketModel["hops"][number], { kind: "endpoint" }>];
    expect(ep.node).not.toBe(c.node);
    const nodeIP = { controlplane: "192.168.0.7", node01: "192.168.0.8", node02: "192.168.0.9" }[ep.node];
    // The boxes name each node's InternalIP: the address the route goes via.
    expect(m!.nodeIPs).toEqual({ [c.node]: { controlplane: "192.168.0.7", node01: "192.168.0.8", node02: "192.168.0.9" }[c.node], [ep.node]: nodeIP });
    expect(route).toEqual({ kind: "route", node: c.node, destination: ep.endpoint.split(":")[0], route: `${ep.endpoint.replace(/\.\d+:\d+$/, ".0/24")} via ${nodeIP} dev eth0`, nextHopNode: ep.node });
    expect(hopLabel(route, PACKET_LABELS)).toBe(`Route on ${c.node}: ${route.route}; to ${ep.node}`);
    // Drawn as two boxes: everything up to the route on the client's node, the endpoint on its own.
    expect(segments(m!).map((g) => [g.node, g.hops.map((h) => h.kind)])).toEqual([
      [c.node, ["client", "dns", "services", "chain", "dnat", "route"]],
      [ep.node, ["endpoint"]],
    ]);
  });

  it("says each hop in words, as the view's accessible names do", () => {
    const m = model(host)!;
    const labels = PACKET_LABELS;
    expect(packetHeadline(m, labels)).toBe(`curl http://web from default/${client}`);
    const svc = m.hops[2]!;
    expect(hopLabel(svc, labels)).toBe(`KUBE-SERVICES rule 2: default/web → KUBE-SVC-LOLE4ISW44XBNF3G on ${hopNode(svc)}`);
    const chain = m.hops[3]!;
    expect(hopTitle(chain, labels)).toBe("KUBE-SVC-LOLE4ISW44XBNF3G");
    expect(hopLines(chain, labels)[0]).toMatch(/^probability 0\.33333333349, drew 0\.\d{5}: (match|no match)$/);
    const dnat = m.hops[4] as Extract<PacketModel["hops"][number], { kind: "dnat" }>;
    expect(hopLabel(dnat, labels)).toBe(`${dnat.chain} DNAT: ${dnat.from} → ${dnat.to}${dnat.masquerade ? "; marked for masquerade" : ""}`);
    // Korean words come from the host's dictionary.
    expect(hopTitle(m.hops[0]!, { "pp.hop.client": "클라이언트 파드" })).toBe("클라이언트 파드");
  });

  it("ends where the trip stopped: a name that does not resolve", async () => {
    const out = await host.run(`kubectl exec ${client} -- curl http://nope`, START + 21_000);
    expect(out.output).toContain("curl: (6) Could not resolve host: nope");
    const m = model(host)!;
    expect(m.outcome).toBe("unresolved");
    expect(m.hops.slice(1)).toEqual([
      { kind: "dns", name: "nope", fqdn: null, answer: [] },
      { kind: "stop", outcome: "unresolved", chain: null, rule: null, reason: null },
    ]);
    expect(m.hops.slice(1).map((h) => hopLabel(h, PACKET_LABELS))).toEqual(["DNS: nope: NXDOMAIN", "Stopped: the name did not resolve"]);
  });

  it("ends with kube-proxy's REJECT for a Service without endpoints", async () => {
    await host.run("kubectl create service clusterip empty --tcp=80:80", START + 22_000);
    const out = await host.run(`kubectl exec ${client} -- curl http://empty`, START + 23_000);
    expect(out.output).toContain("Couldn't connect to server");
    const m = model(host)!;
    expect(m.outcome).toBe("refused");
    const stop = m.hops.at(-1)!;
    expect(stop).toMatchObject({ kind: "stop", outcome: "refused", chain: "KUBE-SERVICES" });
    expect((stop as { rule: string }).rule).toMatch(/^-A KUBE-SERVICES -d 10\.\d+\.\d+\.\d+\/32 -p tcp -m comment --comment "default\/empty:80-80 has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable$/);
  });

  it("puts the cloud's route table between the nodes on AKS kubenet", () => {
    const m = buildPacketModel({
      pods: [],
      trip: {
        cluster: "aks/myAKSCluster",
        from: "default/web-1",
        to: "http://web",
        at: 1,
        result: {
          outcome: "delivered",
          steps: [
            { kind: "match", node: "aks-nodepool1-12345678-vmss000000", chain: "KUBE-SERVICES", line: 3, rule: '-A KUBE-SERVICES -d 10.0.10.7/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-X', target: "KUBE-SVC-X" },
            { kind: "jump", chain: "KUBE-SVC-X", rule: "-A KUBE-SVC-X -j KUBE-SEP-Y", target: "KUBE-SEP-Y" },
            { kind: "dnat", chain: "KUBE-SEP-Y", rule: "-A KUBE-SEP-Y -p tcp -j DNAT --to-destination 10.244.1.4:80", from: "10.0.10.7:80", to: "10.244.1.4:80" },
            { kind: "route", node: "aks-nodepool1-12345678-vmss000000", destination: "10.244.1.4", route: "default via 10.240.0.1 dev eth0" },
            { kind: "cloud-route", routeTable: "aks-agentpool-12345678-routetable", addressPrefix: "10.244.1.0/24", nextHopIpAddress: "10.240.0.5", node: "aks-nodepool1-12345678-vmss000001" },
            { kind: "deliver", node: "aks-nodepool1-12345678-vmss000001", endpoint: "10.244.1.4:80", pod: "web-2" },
          ],
        },
      },
    })!;
    expect(m.hops.map((h) => h.kind)).toEqual(["client", "services", "chain", "dnat", "route", "cloud-route", "endpoint"]);
    // Without the pod in the cache the client's node is the first node the trip names, and the endpoint keeps the slice's name.
    expect(m.hops[0]).toEqual({ kind: "client", pod: "default/web-1", node: "aks-nodepool1-12345678-vmss000000", ip: null });
    expect(m.hops.at(-1)).toEqual({ kind: "endpoint", pod: "web-2", node: "aks-nodepool1-12345678-vmss000001", endpoint: "10.244.1.4:80" });
    expect(hopLabel(m.hops[5]!, PACKET_LABELS)).toBe("Azure route table aks-agentpool-12345678-routetable: 10.244.1.0/24 → 10.240.0.5; to aks-nodepool1-12345678-vmss000001");
    expect(segments(m).map((g) => [g.node, g.hops.length])).toEqual([
      ["aks-nodepool1-12345678-vmss000000", 5],
      [null, 1],
      ["aks-nodepool1-12345678-vmss000001", 1],
    ]);
  });

  it("on AKS kubenet crosses through the cluster's route table, from a real az flow", async () => {
    const aks = new EngineHost();
    await aks.boot({ seed: 6, preset: "default", startTime: START }, [], START + 1_000);
    let at = START + 2_000;
    const run = async (line: string) => (await aks.run(line, (at += 1_000))).output;
    for (const line of [
      "az group create -n rg -l eastus -o none",
      "az network vnet create -g rg -n vnet --address-prefixes 192.168.0.0/16 --subnet-name s --subnet-prefix 192.168.1.0/24 -o none",
      "az aks create -g rg -n aks --network-plugin kubenet --pod-cidr 10.244.0.0/16 --vnet-subnet-id $(az network vnet subnet show -g rg --vnet-name vnet -n s --query id -o tsv) -o none",
      "az aks get-credentials -g rg -n aks",
      "kubectl create deployment web --image=nginx --replicas=3",
      "sleep 10",
      "kubectl expose deployment web --port 80",
    ]) await run(line);
    const pod = (await run("kubectl get pods -o name | head -1")).trim().replace("pod/", "");
    let m: PacketModel | null = null;
    let out = "";
    for (let i = 0; i < 8; i++) {
      out = await run(`kubectl exec ${pod} -- curl http://web`);
      m = model(aks);
      if (m!.hops.some((h) => h.kind === "cloud-route")) break;
    }
    expect(m!.cluster).not.toBe("kubeadm/kubernetes");
    expect(m!.hops.map((h) => h.kind)).toEqual(["client", "dns", "services", "chain", "dnat", "route", "cloud-route", "endpoint"]);
    const cloud = m!.hops[6] as Extract<PacketModel["hops"][number], { kind: "cloud-route" }>;
    const ep = m!.hops[7] as Extract<PacketModel["hops"][number], { kind: "endpoint" }>;
    // The same hop the terminal printed, and the endpoint on the node the route table sends its range to.
    expect(out).toContain(`* Azure route table ${cloud.table}: ${cloud.prefix} -> ${cloud.nextHop} (${cloud.node})\n`);
    expect(cloud.table).toMatch(/^aks-agentpool-\d{8}-routetable$/);
    expect([ep.node, m!.nodeIPs[ep.node]]).toEqual([cloud.node, cloud.nextHop]);
    expect((m!.hops[5] as { route: string }).route).toMatch(/^default via 192\.168\.1\.1 dev eth0/);
    expect(segments(m!).map((g) => [g.node, g.hops.map((h) => h.kind)])).toEqual([
      [(m!.hops[0] as { node: string }).node, ["client", "dns", "services", "chain", "dnat", "route"]],
      [null, ["cloud-route"]],
      [ep.node, ["endpoint"]],
    ]);
  }, 30_000);

  it("shows IPVS's choice of real server in place of the iptables chains", () => {
    const m = buildPacketModel({
      pods: [],
      trip: {
        cluster: "kind/kind",
        from: "default/client",
        to: "http://web",
        at: 2,
        result: {
          outcome: "delivered",
          steps: [
            { kind: "dns", name: "web", fqdn: "web.default.svc.cluster.local.", answer: ["10.96.0.20"] },
            { kind: "ipvs", node: "kind-worker", virtualServer: "TCP  10.96.0.20:80 rr", realServer: "10.244.2.3:80" },
            { kind: "route", node: "kind-worker", destination: "10.244.2.3", route: "10.244.2.0/24 via 172.18.0.4 dev eth0", nextHopNode: "kind-worker2" },
            { kind: "deliver", node: "kind-worker2", endpoint: "10.244.2.3:80", pod: "default/web-2" },
          ],
        },
      },
    })!;
    expect(m.hops.map((h) => hopLabel(h, PACKET_LABELS))).toEqual([
      "Client pod: default/client on kind-worker",
      "DNS: web → 10.96.0.20; web.default.svc.cluster.local.",
      "IPVS virtual server: TCP  10.96.0.20:80 rr on kind-worker; → 10.244.2.3:80",
      "Route on kind-worker: 10.244.2.0/24 via 172.18.0.4 dev eth0; to kind-worker2",
      "Endpoint pod: default/web-2 on kind-worker2; 10.244.2.3:80",
    ]);
    expect(segments(m).map((g) => g.node)).toEqual(["kind-worker", "kind-worker2"]);
  });

  it("has nothing to draw before a packet is followed", () => {
    expect(buildPacketModel({ trip: null, pods: [] })).toBeNull();
  });
});

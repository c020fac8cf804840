/**
 * TestOverallIPTablesRules from kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go, ported:
 * the same six Services and EndpointSlices, the same expected rules. Upstream writes its expectation
 * in kube-proxy's iptables-restore syntax; each line is read into a rule and printed the way
 * iptables-save prints it, then compared with what the sandbox's kube-proxy wrote, chain by chain.
 */
import { describe, expect, test } from "vitest";
import { ProxyCluster } from "../../src/proxy/proxy-cluster.ts";
import { saveRule } from "../../src/proxy/save-format.ts";
import { tableView } from "../../src/proxy/tables.ts";
import { parseRestoreRule } from "./restore-parse.ts";
import { slice, svc } from "./fixtures.ts";

const EXPECTED_FILTER = `
-A KUBE-NODEPORTS -m comment --comment "ns2/svc2:p80 health check node port" -m tcp -p tcp --dport 30000 -j ACCEPT
-A KUBE-SERVICES -m comment --comment "ns6/svc6:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.46 --dport 80 -j REJECT
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m tcp -p tcp -d 192.168.99.22 --dport 80 -j DROP
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j DROP
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 3001 -j DROP
-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A KUBE-PROXY-FIREWALL -m comment --comment "ns5/svc5:p80 traffic not accepted by KUBE-FW-NUKIZ6OKUXPJNT4C" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j DROP
`;

const EXPECTED_NAT_CHAINS = `KUBE-NODEPORTS KUBE-SERVICES KUBE-EXT-4SW47YFZTEDKD3PK KUBE-EXT-GNZBNJ2PO5MGZ6GT KUBE-EXT-NUKIZ6OKUXPJNT4C
KUBE-EXT-X27LE4BHSL4DOUIK KUBE-FW-NUKIZ6OKUXPJNT4C KUBE-MARK-MASQ KUBE-POSTROUTING KUBE-SEP-C6EBXVWJJZMIWKLZ KUBE-SEP-I77PXRDZVX7PMWMN
KUBE-SEP-OYPFS5VJICHGATKP KUBE-SEP-RS4RBKLTHTF2IUXJ KUBE-SEP-SXIVWICOYRO3J4NJ KUBE-SEP-UKSFD7AGPMPPLUHC KUBE-SVC-4SW47YFZTEDKD3PK
KUBE-SVC-GNZBNJ2PO5MGZ6GT KUBE-SVC-NUKIZ6OKUXPJNT4C KUBE-SVC-X27LE4BHSL4DOUIK KUBE-SVC-XPGD46QRK7WJZT7O`;

const EXPECTED_NAT = `
-A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3001 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp --dport 3001 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-NODEPORTS -m comment --comment ns3/svc3:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3003 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-X27LE4BHSL4DOUIK
-A KUBE-NODEPORTS -m comment --comment ns3/svc3:p80 -m tcp -p tcp --dport 3003 -j KUBE-EXT-X27LE4BHSL4DOUIK
-A KUBE-NODEPORTS -m comment --comment ns5/svc5:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3002 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-NUKIZ6OKUXPJNT4C
-A KUBE-NODEPORTS -m comment --comment ns5/svc5:p80 -m tcp -p tcp --dport 3002 -j KUBE-EXT-NUKIZ6OKUXPJNT4C
-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 80 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 external IP" -m tcp -p tcp -d 192.168.99.22 --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 loadbalancer IP" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 -j KUBE-SVC-X27LE4BHSL4DOUIK
-A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 -j KUBE-SVC-4SW47YFZTEDKD3PK
-A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 external IP" -m tcp -p tcp -d 192.168.99.33 --dport 80 -j KUBE-EXT-4SW47YFZTEDKD3PK
-A KUBE-SERVICES -m comment --comment "ns5/svc5:p80 cluster IP" -m tcp -p tcp -d 172.30.0.45 --dport 80 -j KUBE-SVC-NUKIZ6OKUXPJNT4C
-A KUBE-SERVICES -m comment --comment "ns5/svc5:p80 loadbalancer IP" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j KUBE-FW-NUKIZ6OKUXPJNT4C
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-EXT-4SW47YFZTEDKD3PK -m comment --comment "masquerade traffic for ns4/svc4:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-4SW47YFZTEDKD3PK -j KUBE-SVC-4SW47YFZTEDKD3PK
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "pod traffic for ns2/svc2:p80 external destinations" -s 10.0.0.0/8 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "masquerade LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "route LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-EXT-NUKIZ6OKUXPJNT4C -m comment --comment "masquerade traffic for ns5/svc5:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-NUKIZ6OKUXPJNT4C -j KUBE-SVC-NUKIZ6OKUXPJNT4C
-A KUBE-EXT-X27LE4BHSL4DOUIK -m comment --comment "masquerade traffic for ns3/svc3:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-X27LE4BHSL4DOUIK -j KUBE-SVC-X27LE4BHSL4DOUIK
-A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 loadbalancer IP" -s 203.0.113.0/25 -j KUBE-EXT-NUKIZ6OKUXPJNT4C
-A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "other traffic to ns5/svc5:p80 will be dropped by KUBE-PROXY-FIREWALL"
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
-A KUBE-SEP-C6EBXVWJJZMIWKLZ -m comment --comment ns4/svc4:p80 -s 10.180.0.5 -j KUBE-MARK-MASQ
-A KUBE-SEP-C6EBXVWJJZMIWKLZ -m comment --comment ns4/svc4:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.5:80
-A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -s 10.180.0.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -m recent --name KUBE-SEP-I77PXRDZVX7PMWMN --set -m tcp -p tcp -j DNAT --to-destination 10.180.0.3:80
-A KUBE-SEP-OYPFS5VJICHGATKP -m comment --comment ns3/svc3:p80 -s 10.180.0.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-OYPFS5VJICHGATKP -m comment --comment ns3/svc3:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.3:80
-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -s 10.180.0.2 -j KUBE-MARK-MASQ
-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80
-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ
-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80
-A KUBE-SEP-UKSFD7AGPMPPLUHC -m comment --comment ns4/svc4:p80 -s 10.180.0.4 -j KUBE-MARK-MASQ
-A KUBE-SEP-UKSFD7AGPMPPLUHC -m comment --comment ns4/svc4:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.4:80
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.4:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-UKSFD7AGPMPPLUHC
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.5:80" -j KUBE-SEP-C6EBXVWJJZMIWKLZ
-A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment "ns2/svc2:p80 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment "ns2/svc2:p80 -> 10.180.0.2:80" -j KUBE-SEP-RS4RBKLTHTF2IUXJ
-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 cluster IP" -m tcp -p tcp -d 172.30.0.45 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 -> 10.180.0.3:80" -m recent --name KUBE-SEP-I77PXRDZVX7PMWMN --rcheck --seconds 10800 --reap -j KUBE-SEP-I77PXRDZVX7PMWMN
-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 -> 10.180.0.3:80" -j KUBE-SEP-I77PXRDZVX7PMWMN
-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.180.0.3:80" -j KUBE-SEP-OYPFS5VJICHGATKP
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ
`;

function upstreamCluster(): ProxyCluster {
  // NewFakeProxier: detect-local on 10.0.0.0/8, node "test-node" at 192.168.0.2, a fake iptables
  // without --random-fully, nfacct counters present.
  const pc = new ProxyCluster({ clusterCIDR: "10.0.0.0/8" });
  const p80 = [{ name: "p80", port: 80 }];
  pc.applyService(svc("svc1", { ns: "ns1", clusterIP: "172.30.0.41", ports: p80 }));
  pc.applyService(svc("svc2", { ns: "ns2", type: "LoadBalancer", externalTrafficPolicy: "Local", clusterIP: "172.30.0.42", ports: [{ name: "p80", port: 80, nodePort: 3001 }], lbIPs: ["1.2.3.4"], externalIPs: ["192.168.99.22"], healthCheckNodePort: 30000 }));
  pc.applyService(svc("svc3", { ns: "ns3", type: "NodePort", clusterIP: "172.30.0.43", ports: [{ name: "p80", port: 80, nodePort: 3003 }] }));
  pc.applyService(svc("svc4", { ns: "ns4", type: "NodePort", clusterIP: "172.30.0.44", externalIPs: ["192.168.99.33"], ports: p80 }));
  pc.applyService(svc("svc5", { ns: "ns5", type: "LoadBalancer", externalTrafficPolicy: "Cluster", clusterIP: "172.30.0.45", ports: [{ name: "p80", port: 80, nodePort: 3002 }], lbIPs: ["5.6.7.8"], healthCheckNodePort: 30000, sourceRanges: [" 203.0.113.0/25"], sessionAffinity: "ClientIP", timeoutSeconds: 10800 }));
  pc.applyService(svc("svc6", { ns: "ns6", clusterIP: "172.30.0.46", ports: p80 }));
  pc.applyEndpointSlice(slice("svc1", { ns: "ns1", sliceName: "svc1-1", ports: p80, endpoints: [{ ip: "10.180.0.1" }] }));
  pc.applyEndpointSlice(slice("svc2", { ns: "ns2", sliceName: "svc2-1", ports: p80, endpoints: [{ ip: "10.180.0.2" }] }));
  pc.applyEndpointSlice(slice("svc3", { ns: "ns3", sliceName: "svc3-1", ports: p80, endpoints: [{ ip: "10.180.0.3" }] }));
  pc.applyEndpointSlice(slice("svc4", { ns: "ns4", sliceName: "svc4-1", ports: p80, endpoints: [{ ip: "10.180.0.4" }, { ip: "10.180.0.5", node: "test-node" }] }));
  pc.applyEndpointSlice(slice("svc5", { ns: "ns5", sliceName: "svc5-1", ports: p80, endpoints: [{ ip: "10.180.0.3" }] }));
  pc.setNode({ nodeName: "test-node", nodeIPs: { IPv4: "192.168.0.2" }, randomFully: false, nfacct: true });
  return pc;
}

/** Chains whose rule order follows Go's map order upstream: compared as sets there. */
const MAP_ORDERED = new Set(["KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-EXTERNAL-SERVICES", "KUBE-PROXY-FIREWALL"]);

function byChain(lines: string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const l of lines) {
    const chain = l.split(" ")[1]!;
    if (!m.has(chain)) m.set(chain, []);
    m.get(chain)!.push(l);
  }
  return m;
}

function expectedByChain(text: string): Map<string, string[]> {
  const lines = text.trim().split("\n").map((l) => saveRule(parseRestoreRule(l), "IPv4"));
  return byChain(lines);
}

describe("TestOverallIPTablesRules (upstream proxier_test.go)", () => {
  const pc = upstreamCluster();
  const node = pc.node("test-node")!;

  for (const [table, text] of [["nat", EXPECTED_NAT], ["filter", EXPECTED_FILTER]] as const) {
    test(`${table} table: every chain kube-proxy restores matches upstream`, () => {
      const view = tableView(node, "IPv4", table);
      const expected = expectedByChain(text);
      for (const [chain, want] of expected) {
        // The nodeports tail of KUBE-SERVICES must stay last, whatever the order of the others.
        const got = view.saveLines(chain);
        if (MAP_ORDERED.has(chain)) {
          expect([...got].sort(), chain).toEqual([...want].sort());
          if (chain === "KUBE-SERVICES") expect(got.at(-1)).toBe(want.at(-1));
        } else {
          expect(got, chain).toEqual(want);
        }
      }
    });
  }

  test("the nat table declares exactly upstream's kube-proxy chains (plus the canaries)", () => {
    const chains = tableView(node, "IPv4", "nat").chains().filter((c) => c.startsWith("KUBE-") && !c.endsWith("-CANARY"));
    expect(chains.sort()).toEqual(EXPECTED_NAT_CHAINS.split(/\s+/).sort());
  });

  test("a service with no endpoints has no nat rules, only the filter REJECT", () => {
    const nat = tableView(node, "IPv4", "nat");
    const all = nat.chains().flatMap((c) => nat.saveLines(c));
    expect(all.filter((l) => l.includes("ns6/svc6"))).toEqual([]);
    expect(tableView(node, "IPv4", "filter").saveLines("KUBE-SERVICES")).toEqual([
      '-A KUBE-SERVICES -d 172.30.0.46/32 -p tcp -m comment --comment "ns6/svc6:p80 has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    ]);
  });
});

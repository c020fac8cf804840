/** Incremental sync: only the ports of a changed Service are rebuilt, and idle nodes do no work. */
import { describe, expect, test } from "vitest";
import { iptablesSave } from "../../src/proxy/iptables-cmd.ts";
import { ProxyCluster } from "../../src/proxy/proxy-cluster.ts";
import { slice, svc } from "./fixtures.ts";

function cluster(n: number, endpointsEach = 1) {
  const pc = new ProxyCluster({ clusterCIDR: "10.244.0.0/16" });
  for (let i = 0; i < n; i++) {
    const name = `svc-${i}`;
    pc.applyService(svc(name, { clusterIP: `10.96.${i >> 8}.${i & 255}`, ports: [{ name: "http", port: 80 }, { name: "metrics", port: 9090 }] }));
    pc.applyEndpointSlice(slice(name, {
      ports: [{ name: "http", port: 8080 }, { name: "metrics", port: 9090 }],
      endpoints: Array.from({ length: endpointsEach }, (_, k) => ({ ip: `10.244.${k}.${(i % 250) + 2}`, node: `n${k}` })),
    }));
  }
  const node = pc.setNode({ nodeName: "n0", nodeIPs: { IPv4: "10.224.0.4" } });
  return { pc, node };
}

describe("incremental sync", () => {
  test("a first read builds every port once; reading again builds nothing", () => {
    const { node } = cluster(50);
    const v4 = node.family("IPv4");
    v4.sync();
    expect(v4.renders).toBe(100);
    iptablesSave(["iptables-save"], { node, now: 0 });
    expect(v4.renders).toBe(100);
  });

  test("updating one Service re-renders only its two ports; the rest of the text is reused", () => {
    const { pc, node } = cluster(50);
    const v4 = node.family("IPv4");
    const before = iptablesSave(["iptables-save", "-t", "nat"], { node, now: 0 }).stdout;
    const renders = v4.renders;
    pc.applyService(svc("svc-7", { clusterIP: "10.96.0.7", ports: [{ name: "http", port: 81 }, { name: "metrics", port: 9090 }] }));
    const after = iptablesSave(["iptables-save", "-t", "nat"], { node, now: 0 }).stdout;
    expect(node.family("IPv4").renders - renders).toBe(2);
    expect(after).not.toBe(before);
    expect(after).toContain('-A KUBE-SERVICES -d 10.96.0.7/32 -p tcp -m comment --comment "default/svc-7:http cluster IP" -m tcp --dport 81');
    expect(after.replace(/--dport 81 /g, "--dport 80 ")).toBe(before);
  });

  test("a new EndpointSlice for one Service re-renders that Service only", () => {
    const { pc, node } = cluster(20);
    const v4 = node.family("IPv4");
    v4.sync();
    const renders = v4.renders;
    pc.applyEndpointSlice(slice("svc-3", { ports: [{ name: "http", port: 8080 }, { name: "metrics", port: 9090 }], endpoints: [{ ip: "10.244.0.5", node: "n0" }, { ip: "10.244.1.5", node: "n1" }] }));
    v4.sync();
    expect(v4.renders - renders).toBe(2);
    expect(v4.chainSaveLines("nat", "KUBE-SVC-" + v4.port("default/svc-3:http/TCP")!.clusterPolicyChain.slice(9))).toHaveLength(3);
  });

  test("one more Service costs the same renders whatever the cluster size", () => {
    for (const n of [10, 300]) {
      const { pc, node } = cluster(n);
      const v4 = node.family("IPv4");
      v4.sync();
      const renders = v4.renders;
      pc.applyService(svc("one-more", { clusterIP: "10.97.0.1", ports: [{ port: 80 }] }));
      v4.sync();
      expect(v4.renders - renders).toBe(1);
    }
  });

  test("deleting a Service removes its chains and rules", () => {
    const { pc, node } = cluster(5);
    const chain = node.family("IPv4").port("default/svc-2:http/TCP")!.clusterPolicyChain;
    expect(iptablesSave(["iptables-save", "-t", "nat"], { node, now: 0 }).stdout).toContain(chain);
    pc.deleteService("default/svc-2");
    expect(iptablesSave(["iptables-save", "-t", "nat"], { node, now: 0 }).stdout).not.toContain(chain);
  });

  test("past 1000 endpoints kube-proxy's large-cluster mode drops the per-endpoint comments, for every Service", () => {
    const { pc, node } = cluster(250, 2);
    const v4 = node.family("IPv4");
    expect(v4.largeClusterMode).toBe(false);
    expect(iptablesSave(["iptables-save", "-t", "nat"], { node, now: 0 }).stdout).toContain('-m comment --comment "default/svc-0:http -> 10.244.0.2:8080"');
    pc.applyService(svc("big", { clusterIP: "10.97.0.2", ports: [{ port: 80 }] }));
    pc.applyEndpointSlice(slice("big", { ports: [{ port: 80 }], endpoints: Array.from({ length: 10 }, (_, k) => ({ ip: `10.244.9.${k + 2}` })) }));
    const out = iptablesSave(["iptables-save", "-t", "nat"], { node, now: 0 }).stdout;
    expect(v4.largeClusterMode).toBe(true);
    expect(out).not.toContain(" -> 10.244.0.2:8080");
    expect(out).toMatch(/-A KUBE-SEP-\w+ -p tcp -m tcp -j DNAT --to-destination 10\.244\.0\.2:8080/);
    expect(out).toContain('-m comment --comment "default/svc-0:http cluster IP"');
  });

  test("nodes read changes lazily: an unread node has built nothing", () => {
    const { pc } = cluster(30);
    const idle = pc.setNode({ nodeName: "n9", nodeIPs: { IPv4: "10.224.0.13" } });
    for (let i = 0; i < 10; i++) pc.applyService(svc(`late-${i}`, { clusterIP: `10.98.0.${i + 1}`, ports: [{ port: 80 }] }));
    const fp = idle.family("IPv4");
    expect(fp.renders).toBe(0);
    fp.sync();
    expect(fp.renders).toBe(70);
  });

  test("endpoints local to the node matter only to Local policies: node n0 and n1 differ", () => {
    const pc = new ProxyCluster({ clusterCIDR: "10.244.0.0/16" });
    pc.applyService(svc("local", { clusterIP: "10.96.5.5", internalTrafficPolicy: "Local", ports: [{ port: 80 }] }));
    pc.applyEndpointSlice(slice("local", { ports: [{ port: 80 }], endpoints: [{ ip: "10.244.0.5", node: "n0" }] }));
    const n0 = pc.setNode({ nodeName: "n0", nodeIPs: { IPv4: "10.224.0.4" } });
    const n1 = pc.setNode({ nodeName: "n1", nodeIPs: { IPv4: "10.224.0.5" } });
    expect(iptablesSave(["iptables-save", "-t", "nat"], { node: n0, now: 0 }).stdout).toMatch(/-A KUBE-SERVICES -d 10\.96\.5\.5\/32 .* -j KUBE-SVL-\w+/);
    expect(iptablesSave(["iptables-save", "-t", "filter"], { node: n1, now: 0 }).stdout).toContain('-A KUBE-SERVICES -d 10.96.5.5/32 -p tcp -m comment --comment "default/local has no local endpoints" -m tcp --dport 80 -j DROP');
  });
});

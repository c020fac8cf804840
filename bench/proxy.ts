/**
 * kube-proxy benchmarks (issue 6): regenerating one node's iptables rules with 1,000 Services, from
 * scratch and incrementally after one more Service is created, as the proxier's sync would.
 */
import type { Figure } from "./engine.ts";
import { iptablesSave } from "../src/proxy/iptables-cmd.ts";
import { ProxyCluster } from "../src/proxy/proxy-cluster.ts";
import type { EndpointSliceLike, ServiceLike } from "../src/proxy/types.ts";
import { Session } from "../src/shell/session.ts";
import { nodeSite, proxierOf } from "../src/proxy/lab-world.ts";
import type { KubeObject } from "../src/apiserver/machinery/object.ts";

function service(i: number): ServiceLike {
  return {
    metadata: { name: `svc-${i}`, namespace: "default" },
    spec: { type: "ClusterIP", clusterIP: `10.96.${i >> 8}.${i & 255}`, clusterIPs: [`10.96.${i >> 8}.${i & 255}`], ipFamilies: ["IPv4"], ports: [{ name: "http", port: 80, protocol: "TCP", targetPort: 8080 }] },
  };
}

function slice(i: number, endpoints: number): EndpointSliceLike {
  return {
    metadata: { name: `svc-${i}-abcde`, namespace: "default", labels: { "kubernetes.io/service-name": `svc-${i}` } },
    addressType: "IPv4",
    endpoints: Array.from({ length: endpoints }, (_, k) => ({ addresses: [`10.244.${k}.${(i % 250) + 2}`], conditions: { ready: true }, nodeName: `node-${k}` })),
    ports: [{ name: "http", port: 8080, protocol: "TCP" }],
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function fill(pc: ProxyCluster, n: number, endpoints: number, from = 0): void {
  for (let i = from; i < from + n; i++) {
    pc.applyService(service(i));
    pc.applyEndpointSlice(slice(i, endpoints));
  }
}

const SERVICES = { group: "", version: "v1", resource: "services" };
const SLICES = { group: "discovery.k8s.io", version: "v1", resource: "endpointslices" };

/**
 * The sandbox's own path: 1,000 Services and their EndpointSlices created through the apiserver of the
 * default cluster, kube-proxy's informers picking them up, and the control-plane node's rules built
 * and printed by the first `iptables-save -t nat`; then one more Service and the next read.
 */
async function labFigures(n: number): Promise<Figure[]> {
  const s = await Session.create({ seed: 1 });
  const site = nodeSite(s.lab, s.machine.hostname)!;
  const client = site.cluster.cluster.client;
  const create = (i: number) => {
    const svc = service(i) as unknown as KubeObject & { spec: { clusterIP?: string; clusterIPs?: string[] } };
    // Let the allocator pick: the bench's fixed addresses would collide with the cluster's own.
    delete svc.spec.clusterIP;
    delete svc.spec.clusterIPs;
    client.create(SERVICES, "default", { ...svc, apiVersion: "v1", kind: "Service" } as KubeObject);
    client.create(SLICES, "default", { ...slice(i, 2), apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice" } as unknown as KubeObject);
  };
  for (let i = 0; i < n; i++) create(i);
  s.settle();
  const t0 = performance.now();
  const node = proxierOf(site);
  const out = iptablesSave(["iptables-save", "-t", "nat"], { node, now: 0 }).stdout;
  const first = performance.now() - t0;
  const incs: number[] = [];
  for (let k = 0; k < 20; k++) {
    create(n + k);
    s.settle();
    const t1 = performance.now();
    node.family("IPv4").sync();
    incs.push(performance.now() - t1);
  }
  const inc = median(incs);
  return [
    { name: `sandbox path: ${n} Services through the apiserver, first iptables-save -t nat on controlplane (${out.split("\n").length - 1} lines)`, value: `${first.toFixed(1)} ms` },
    { name: `sandbox path: rules rebuilt after one more Service (median of 20)`, value: `${inc.toFixed(3)} ms`, target: "flat in the number of Services" },
  ];
}

export async function proxyBenchmarks(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const N = 1000;
  const EPS = 2;

  // Full build: a node that has never synced reads 1,000 Services and writes every chain.
  const full: number[] = [];
  const withSave: number[] = [];
  let lines = 0;
  for (let run = 0; run < 5; run++) {
    const pc = new ProxyCluster({ clusterCIDR: "10.244.0.0/16" });
    fill(pc, N, EPS);
    const node = pc.setNode({ nodeName: "node-0", nodeIPs: { IPv4: "10.224.0.4" } });
    const t0 = performance.now();
    node.family("IPv4").sync();
    const t1 = performance.now();
    const out = iptablesSave(["iptables-save", "-t", "nat"], { node, now: 0 }).stdout;
    const t2 = performance.now();
    full.push(t1 - t0);
    withSave.push(t2 - t0);
    lines = out.split("\n").length - 1;
  }
  figures.push({ name: `regenerate one node's iptables rules with ${N} Services (${N * EPS} endpoints), full build (median of 5)`, value: `${median(full).toFixed(1)} ms` });
  figures.push({ name: `  ... plus printing iptables-save -t nat (${lines} lines)`, value: `${median(withSave).toFixed(1)} ms` });

  // Incremental: the same node after one more Service, at two cluster sizes to show the cost is flat.
  for (const size of [N, 4 * N]) {
    const pc = new ProxyCluster({ clusterCIDR: "10.244.0.0/16" });
    fill(pc, size, EPS);
    const node = pc.setNode({ nodeName: "node-0", nodeIPs: { IPv4: "10.224.0.4" } });
    node.family("IPv4").sync();
    const inc: number[] = [];
    for (let k = 0; k < 50; k++) {
      const t0 = performance.now();
      pc.applyService(service(100_000 + k));
      pc.applyEndpointSlice(slice(100_000 + k, EPS));
      node.family("IPv4").sync();
      inc.push(performance.now() - t0);
    }
    figures.push({ name: `incremental sync after one more Service, ${size} Services (median of 50)`, value: `${median(inc).toFixed(3)} ms`, target: "flat in the number of Services" });
  }
  figures.push(...(await labFigures(N)));
  return figures;
}

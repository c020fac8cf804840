import { describe, it, expect } from "vitest";
import { buildPodCIDRModel, MAX_TILES } from "../../src/viz/podcidr-model.ts";
import type { Node } from "../../src/apiserver/registry/node/types.ts";
import type { Pod } from "../../src/apiserver/registry/pod/types.ts";

function node(name: string, ip: string, podCIDRs: string[] | null, maxPods = "110"): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name },
    spec: podCIDRs ? { podCIDR: podCIDRs[0], podCIDRs } : {},
    status: { addresses: [{ type: "InternalIP", address: ip }, { type: "Hostname", address: name }], capacity: { pods: maxPods } },
  } as Node;
}

function pod(name: string, nodeName: string, ips: string[], opts: { hostNetwork?: boolean; phase?: string } = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { namespace: "default", name },
    spec: { nodeName, containers: [], ...(opts.hostNetwork ? { hostNetwork: true } : {}) },
    status: { phase: opts.phase ?? "Running", podIP: ips[0], podIPs: ips.map((ip) => ({ ip })) },
  } as unknown as Pod;
}

const net = { clusterCIDRs: ["10.244.0.0/16"], nodeMaskSizes: [24] };

describe("buildPodCIDRModel", () => {
  const m = buildPodCIDRModel({
    nodes: [node("node02", "192.168.0.9", ["10.244.2.0/24"]), node("controlplane", "192.168.0.7", ["10.244.0.0/24"]), node("node01", "192.168.0.8", ["10.244.1.0/24"])],
    pods: [
      pod("web-b", "node01", ["10.244.1.3"]),
      pod("web-a", "node01", ["10.244.1.2"]),
      pod("web-c", "node02", ["10.244.2.2"], { phase: "Pending" }),
      pod("kube-proxy-x", "node01", ["192.168.0.8"], { hostNetwork: true }),
    ],
    podNetwork: net,
  });
  const f = m.families[0]!;

  it("cuts the cluster CIDR into one tile per node mask block, free ones included", () => {
    expect([f.family, f.clusterCIDR, f.maskSize, f.tileCount, f.assigned, f.free, f.hidden]).toEqual(["IPv4", "10.244.0.0/16", 24, 256n, 3, 253n, 0n]);
    expect(f.tiles).toHaveLength(256);
    expect(f.tiles.slice(0, 4).map((t) => [t.index, t.cidr, t.node])).toEqual([
      [0, "10.244.0.0/24", "controlplane"],
      [1, "10.244.1.0/24", "node01"],
      [2, "10.244.2.0/24", "node02"],
      [3, "10.244.3.0/24", null],
    ]);
    expect(f.tiles[255]).toEqual({ index: 255, cidr: "10.244.255.0/24", node: null, nodeIP: null, pods: [], maxPods: null, route: null });
  });

  it("puts each pod as a dot at its address in its node's tile; host-network pods stay out", () => {
    expect(f.tiles[1]!.pods).toEqual([
      { pod: "default/web-a", ip: "10.244.1.2", offset: 2, phase: "Running" },
      { pod: "default/web-b", ip: "10.244.1.3", offset: 3, phase: "Running" },
    ]);
    expect(f.tiles[2]!.pods).toEqual([{ pod: "default/web-c", ip: "10.244.2.2", offset: 2, phase: "Pending" }]);
    expect(f.tiles[1]!.maxPods).toBe(110);
  });

  it("routes each node's tile to its InternalIP", () => {
    expect(f.tiles.slice(0, 3).map((t) => t.route)).toEqual([
      { destination: "10.244.0.0/24", via: "192.168.0.7", node: "controlplane" },
      { destination: "10.244.1.0/24", via: "192.168.0.8", node: "node01" },
      { destination: "10.244.2.0/24", via: "192.168.0.9", node: "node02" },
    ]);
  });

  it("lists nodes still waiting for a podCIDR", () => {
    const w = buildPodCIDRModel({ nodes: [node("a", "192.168.0.7", ["10.244.0.0/24"]), node("b", "192.168.0.8", null)], pods: [], podNetwork: net });
    expect(w.waiting).toEqual(["b"]);
    expect(w.families[0]!.assigned).toBe(1);
  });

  it("draws at most MAX_TILES tiles, plus assigned tiles beyond them", () => {
    const wide = buildPodCIDRModel({
      nodes: [node("a", "192.168.0.7", ["10.0.0.0/26"]), node("far", "192.168.0.8", ["10.0.255.192/26"])],
      pods: [],
      podNetwork: { clusterCIDRs: ["10.0.0.0/16"], nodeMaskSizes: [26] },
    });
    const w = wide.families[0]!;
    expect([w.tileCount, w.hidden, w.tiles.length]).toEqual([1024n, 768n, MAX_TILES + 1]);
    expect(w.tiles[MAX_TILES]).toMatchObject({ index: 1023, cidr: "10.0.255.192/26", node: "far" });
  });

  it("handles a dual-stack pod network, one family per cluster CIDR", () => {
    const d = buildPodCIDRModel({
      nodes: [{ ...node("a", "192.168.0.7", ["10.244.0.0/24", "fd00:10:244::/64"]), status: { addresses: [{ type: "InternalIP", address: "192.168.0.7" }, { type: "InternalIP", address: "fd00::7" }] } } as Node],
      pods: [pod("p", "a", ["10.244.0.5", "fd00:10:244::5"])],
      podNetwork: { clusterCIDRs: ["10.244.0.0/16", "fd00:10:244::/56"], nodeMaskSizes: [24, 64] },
    });
    expect(d.families.map((x) => [x.family, x.tileCount, x.tiles[0]!.route])).toEqual([
      ["IPv4", 256n, { destination: "10.244.0.0/24", via: "192.168.0.7", node: "a" }],
      ["IPv6", 256n, { destination: "fd00:10:244::/64", via: "fd00::7", node: "a" }],
    ]);
    expect(d.families[1]!.tiles[0]!.pods.map((p) => [p.ip, p.offset])).toEqual([["fd00:10:244::5", 5]]);
  });

  it("draws nothing without node IPAM", () => {
    expect(buildPodCIDRModel({ nodes: [], pods: [], podNetwork: null })).toEqual({ families: [], waiting: [] });
  });
});

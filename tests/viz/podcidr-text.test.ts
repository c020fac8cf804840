import { describe, it, expect } from "vitest";
import { familyHeadline, podsText, routeText, tileLabel } from "../../src/viz/podcidr-text.ts";
import type { PodFamily, Tile } from "../../src/viz/podcidr-model.ts";
import { strings } from "../../src/ui/i18n.ts";

const en = strings("en");
const ko = strings("ko");

const tile: Tile = {
  index: 1,
  cidr: "10.244.1.0/24",
  node: "node01",
  nodeIP: "192.168.0.8",
  pods: [
    { pod: "default/web-a", ip: "10.244.1.2", offset: 2, phase: "Running" },
    { pod: "default/web-b", ip: "10.244.1.3", offset: 3, phase: "Running" },
  ],
  maxPods: 110,
  route: { destination: "10.244.1.0/24", via: "192.168.0.8", node: "node01" },
};

describe("pod-CIDR view words", () => {
  it("writes a node's route as ip route would read it", () => {
    expect(routeText(tile)).toBe("10.244.1.0/24 via 192.168.0.8");
    expect(routeText({ ...tile, route: null })).toBe("");
  });

  it("names a node's tile with its pods and route, a free one as free", () => {
    expect(tileLabel(tile, en)).toBe("10.244.1.0/24, node01, 2 pods, at most 110, route 10.244.1.0/24 via 192.168.0.8");
    expect(tileLabel(tile, ko)).toBe("10.244.1.0/24, node01, 파드 2개, 최대 110개, 라우트 10.244.1.0/24 via 192.168.0.8");
    expect(tileLabel({ ...tile, node: null, pods: [], route: null, maxPods: null, cidr: "10.244.7.0/24" }, en)).toBe("10.244.7.0/24, free");
    expect(podsText({ ...tile, maxPods: null }, en)).toBe("2 pods");
  });

  it("sums up the pod network", () => {
    const f: PodFamily = { family: "IPv4", clusterCIDR: "10.244.0.0/16", maskSize: 24, tileCount: 256n, tiles: [], assigned: 3, free: 253n, hidden: 0n };
    expect(familyHeadline(f, en)).toBe("Pod network 10.244.0.0/16 · one /24 per node · 3 of 256 node ranges used");
    expect(familyHeadline(f, ko)).toBe("파드 네트워크 10.244.0.0/16 · 노드마다 /24 하나 · 노드 대역 256개 중 3개 사용");
  });
});

/** The pod-CIDR view fed as the page feeds it: the worker's snapshot and its report of node IPAM. */
import { describe, it, expect } from "vitest";
import { EngineHost } from "../../src/worker/host.ts";
import { applyEvents, EMPTY_CACHE, values } from "../../src/ui/engine/informer.ts";
import { buildPodCIDRModel } from "../../src/viz/podcidr-model.ts";
import type { Node } from "../../src/apiserver/registry/node/types.ts";
import type { Pod } from "../../src/apiserver/registry/pod/types.ts";

const START = Date.UTC(2025, 0, 1);

describe("pod-CIDR view over a running sandbox", () => {
  it("shows each node's /24 with its pods as dots, and the route to it", async () => {
    const host = new EngineHost();
    await host.boot({ seed: 3, preset: "default", startTime: START }, [], START + 1_000);
    await host.run("kubectl create deployment web --image=nginx --replicas=4", START + 2_000);
    await host.run("sleep 10", START + 3_000);
    const cache = applyEvents(EMPTY_CACHE, host.snapshot(), true);
    const info = host.clusterInfo();
    expect(info.podNetwork).toEqual({ clusterCIDRs: ["10.244.0.0/16"], nodeMaskSizes: [24] });
    const m = buildPodCIDRModel({ nodes: values<Node>(cache, "nodes"), pods: values<Pod>(cache, "pods"), podNetwork: info.podNetwork ?? null });
    const f = m.families[0]!;
    expect([f.clusterCIDR, f.tileCount, f.assigned]).toEqual(["10.244.0.0/16", 256n, 3]);
    const assigned = f.tiles.filter((t) => t.node !== null);
    expect(assigned.map((t) => [t.node, t.cidr, t.route && `${t.route.destination} via ${t.route.via}`])).toEqual([
      ["controlplane", "10.244.0.0/24", "10.244.0.0/24 via 192.168.0.7"],
      ["node01", "10.244.1.0/24", "10.244.1.0/24 via 192.168.0.8"],
      ["node02", "10.244.2.0/24", "10.244.2.0/24 via 192.168.0.9"],
    ]);
    const web = assigned.flatMap((t) => t.pods.filter((p) => p.pod.startsWith("default/web-")).map((p) => [t.node, p.ip]));
    expect(web).toHaveLength(4);
    // Each dot sits in its own node's range: the scheduler spreads, host-local hands out .2 upwards.
    for (const [nodeName, ip] of web) expect(ip!.startsWith(assigned.find((t) => t.node === nodeName)!.cidr.replace(".0/24", "."))).toBe(true);
  });
});

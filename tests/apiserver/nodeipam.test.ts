/**
 * The node IPAM range allocator in kube-controller-manager: blocks handed out in order from
 * --cluster-cidr, a released block reused only once the search wraps around (round robin), and a full
 * range answered with the CIDRNotAvailable event, the node left without a podCIDR.
 */
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/apiserver/machinery/clock.ts";
import { SeededRandom } from "../../src/apiserver/machinery/random.ts";
import { Cluster } from "../../src/apiserver/cluster.ts";
import type { Node } from "../../src/apiserver/registry/node/types.ts";
import type { Event } from "../../src/apiserver/registry/event/types.ts";
import { START } from "./harness.ts";

const NODES = { group: "", version: "v1", resource: "nodes" };
const EVENTS = { group: "", version: "v1", resource: "events" };

function ipamCluster(cidr: string, extra: string[] = []) {
  const clock = new VirtualClock(START);
  const cluster = new Cluster(
    {
      nodeName: "controlplane",
      advertiseAddress: "192.168.0.7",
      securePort: 6443,
      apiserverArgs: ["kube-apiserver", "--advertise-address=192.168.0.7", "--service-cluster-ip-range=10.96.0.0/16"],
      controllerManagerArgs: ["kube-controller-manager", "--allocate-node-cidrs=true", `--cluster-cidr=${cidr}`, ...extra],
    },
    clock,
    new SeededRandom(1),
  );
  expect(cluster.start()).toEqual([]);
  const api = cluster.client;
  const add = (name: string) => {
    api.create(NODES, undefined, { apiVersion: "v1", kind: "Node", metadata: { name }, spec: {} } as Node);
    cluster.runUntilQuiet();
  };
  const podCIDRs = (name: string) => (api.get(NODES, undefined, name) as Node).spec.podCIDRs ?? [];
  const remove = (name: string) => {
    api.delete(NODES, undefined, name);
    cluster.runUntilQuiet();
  };
  return { cluster, api, add, remove, podCIDRs };
}

describe("node IPAM range allocator", () => {
  it("hands out /24s in order and sets spec.podCIDR and spec.podCIDRs", () => {
    const c = ipamCluster("10.244.0.0/16");
    for (const n of ["a", "b", "c"]) c.add(n);
    expect(["a", "b", "c"].map(c.podCIDRs)).toEqual([["10.244.0.0/24"], ["10.244.1.0/24"], ["10.244.2.0/24"]]);
    expect((c.api.get(NODES, undefined, "b") as Node).spec.podCIDR).toBe("10.244.1.0/24");
  });

  it("round robin: a released block comes back only after the search wraps around", () => {
    const c = ipamCluster("10.244.0.0/22");
    for (const n of ["a", "b", "c"]) c.add(n);
    c.remove("b");
    c.add("d");
    expect(c.podCIDRs("d")).toEqual(["10.244.3.0/24"]);
    c.add("e");
    expect(c.podCIDRs("e")).toEqual(["10.244.1.0/24"]);
  });

  it("a full range: CIDRNotAvailable, with its text, and no podCIDR", () => {
    const c = ipamCluster("10.244.0.0/23");
    for (const n of ["a", "b", "c"]) c.add(n);
    expect(c.podCIDRs("c")).toEqual([]);
    const events = c.api.list(EVENTS, "default").items as unknown as Event[];
    const ev = events.find((e) => e.reason === "CIDRNotAvailable");
    expect(ev).toMatchObject({ type: "Normal", message: "Node c status is now: CIDRNotAvailable", involvedObject: { kind: "Node", name: "c" }, source: { component: "cidrAllocator" } });
    // Freeing a block lets the waiting node have it on a retry.
    c.remove("a");
    c.cluster.advance(60_000);
    expect(c.podCIDRs("c")).toEqual(["10.244.0.0/24"]);
  });

  it("--node-cidr-mask-size-ipv4 sets the block size", () => {
    const c = ipamCluster("10.244.0.0/16", ["--node-cidr-mask-size-ipv4=26"]);
    c.add("a");
    c.add("b");
    expect([c.podCIDRs("a"), c.podCIDRs("b")]).toEqual([["10.244.0.0/26"], ["10.244.0.64/26"]]);
  });

  it("dual-stack: one block per family, IPv4 first, from --node-cidr-mask-size-ipv6", () => {
    const c = ipamCluster("10.244.0.0/16,fd00:10:244::/56", ["--node-cidr-mask-size-ipv6=64"]);
    c.add("a");
    c.add("b");
    expect(c.podCIDRs("b")).toEqual(["10.244.1.0/24", "fd00:10:244:1::/64"]);
  });
});

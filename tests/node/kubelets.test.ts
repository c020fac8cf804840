/**
 * Kubelets, scheduler and node IPAM together: pods spread over the nodes, a node full at --max-pods
 * makes the rest wait with the scheduler's FailedScheduling text, and pod IPs come from each node's
 * podCIDR the way host-local hands them out (.1 is cbr0's, then .2, .3, ...).
 */
import { describe, expect, it } from "vitest";
import { Cluster } from "../../src/apiserver/cluster.ts";
import { VirtualClock } from "../../src/apiserver/machinery/clock.ts";
import { SeededRandom } from "../../src/apiserver/machinery/random.ts";
import type { Event } from "../../src/apiserver/registry/event/types.ts";
import type { Pod } from "../../src/apiserver/registry/pod/types.ts";
import { NodeAgents } from "../../src/node/kubelet/agents.ts";

const PODS = { group: "", version: "v1", resource: "pods" };
const EVENTS = { group: "", version: "v1", resource: "events" };
const DEPLOYMENTS = { group: "apps", version: "v1", resource: "deployments" };

function twoNodes(maxPods: number) {
  const clock = new VirtualClock(Date.parse("2025-11-03T09:00:00Z"));
  const random = new SeededRandom(1);
  const cluster = new Cluster(
    {
      nodeName: "cp",
      advertiseAddress: "192.168.0.7",
      securePort: 6443,
      apiserverArgs: ["kube-apiserver", "--advertise-address=192.168.0.7", "--service-cluster-ip-range=10.96.0.0/16"],
      controllerManagerArgs: ["kube-controller-manager", "--allocate-node-cidrs=true", "--cluster-cidr=10.244.0.0/16"],
    },
    clock,
    random,
  );
  expect(cluster.start()).toEqual([]);
  const kubelets = new NodeAgents(cluster.client, clock, new SeededRandom(2));
  cluster.agents.push(kubelets);
  kubelets.add({ name: "a", addresses: ["192.168.0.8"], maxPods, networkReady: true });
  kubelets.add({ name: "b", addresses: ["192.168.0.9"], maxPods, networkReady: true });
  cluster.runUntilQuiet();
  const deploy = (replicas: number) => {
    cluster.client.create(DEPLOYMENTS, "default", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { replicas, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } } },
    } as never);
    cluster.advance(10_000);
  };
  const pods = () => cluster.client.list(PODS, "default").items as unknown as Pod[];
  return { cluster, deploy, pods };
}

describe("kubelets, scheduler and host-local IPAM", () => {
  it("spreads pods evenly and numbers their IPs from .2 within each node's /24", () => {
    const c = twoNodes(110);
    c.deploy(6);
    const byNode = new Map<string, string[]>();
    for (const p of c.pods()) {
      expect(p.status?.phase).toBe("Running");
      byNode.set(p.spec.nodeName!, [...(byNode.get(p.spec.nodeName!) ?? []), p.status!.podIP!]);
    }
    expect([...byNode.keys()].sort()).toEqual(["a", "b"]);
    expect(byNode.get("a")!.sort()).toEqual(["10.244.0.2", "10.244.0.3", "10.244.0.4"]);
    expect(byNode.get("b")!.sort()).toEqual(["10.244.1.2", "10.244.1.3", "10.244.1.4"]);
  });

  it("respects maxPods: the extra pod stays Pending with FailedScheduling", () => {
    const c = twoNodes(2);
    c.deploy(5);
    const pods = c.pods();
    expect(pods.filter((p) => p.status?.phase === "Running")).toHaveLength(4);
    const pending = pods.filter((p) => !p.spec.nodeName);
    expect(pending).toHaveLength(1);
    const events = c.cluster.client.list(EVENTS, "default").items as unknown as Event[];
    const failed = events.find((e) => e.reason === "FailedScheduling" && e.involvedObject.name === pending[0]!.metadata.name);
    expect(failed?.message).toBe(
      "0/2 nodes are available: 2 Too many pods. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
    );
  });

  it("a deleted pod's address goes back to host-local, reused only after the range wraps", () => {
    const c = twoNodes(110);
    c.deploy(2);
    const first = c.pods().find((p) => p.spec.nodeName === "a")!;
    expect(first.status!.podIP).toBe("10.244.0.2");
    c.cluster.client.delete(PODS, "default", first.metadata.name!, { gracePeriodSeconds: 0 });
    c.cluster.advance(10_000);
    const replacement = c.pods().find((p) => p.spec.nodeName === "a" && p.metadata.name !== first.metadata.name);
    expect(replacement?.status?.podIP).toBe("10.244.0.3");
  });
});

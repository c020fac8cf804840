/**
 * Workload benchmarks (issue 6): registering 1,000 nodes (kubelets, Node objects, node IPAM /24s) and
 * running 10,000 pods on them (a Deployment scheduled, started and given host-local addresses), on the
 * engine alone, as the page's worker would run them.
 */
import type { Figure } from "./engine.ts";
import { Cluster } from "../src/apiserver/cluster.ts";
import { VirtualClock } from "../src/apiserver/machinery/clock.ts";
import { SeededRandom } from "../src/apiserver/machinery/random.ts";
import { workloadRandom } from "../src/apiserver/registry/workloads.ts";
import type { Node } from "../src/apiserver/registry/node/types.ts";
import type { Deployment } from "../src/apiserver/registry/deployment/types.ts";
import { NodeAgents } from "../src/node/kubelet/agents.ts";

const NODES = { group: "", version: "v1", resource: "nodes" };
const PODS = { group: "", version: "v1", resource: "pods" };
const DEPLOYMENTS = { group: "apps", version: "v1", resource: "deployments" };

export function workloadBenchmarks(N_NODES = 1000, N_PODS = 10_000): Figure[] {
  const clock = new VirtualClock(Date.parse("2025-11-03T09:00:00Z"));
  const random = new SeededRandom(1);
  const cluster = new Cluster(
    {
      nodeName: "controlplane",
      advertiseAddress: "192.168.0.7",
      securePort: 6443,
      apiserverArgs: ["kube-apiserver", "--advertise-address=192.168.0.7", "--service-cluster-ip-range=10.96.0.0/12"],
      controllerManagerArgs: ["kube-controller-manager", "--allocate-node-cidrs=true", "--cluster-cidr=10.128.0.0/9"],
    },
    clock,
    random,
  );
  const errors = cluster.start();
  if (errors.length) throw new Error(errors.join("; "));
  const kubelets = new NodeAgents(cluster.client, clock, workloadRandom(random, 1));
  cluster.agents.push(kubelets);

  let t0 = performance.now();
  for (let i = 0; i < N_NODES; i++) {
    const n = i + 10;
    kubelets.add({ name: `node-${String(i).padStart(4, "0")}`, addresses: [`172.16.${n >> 8}.${n & 255}`], networkReady: true });
  }
  cluster.runUntilQuiet();
  const nodeMs = performance.now() - t0;
  const nodes = cluster.client.list(NODES, undefined).items as unknown as Node[];
  const withCIDR = nodes.filter((n) => n.spec.podCIDRs?.length).length;
  if (nodes.length !== N_NODES || withCIDR !== N_NODES) throw new Error(`nodes: ${nodes.length}, with podCIDR: ${withCIDR}`);

  t0 = performance.now();
  cluster.client.create(DEPLOYMENTS, "default", {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: { replicas: N_PODS, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } } },
  } as unknown as Deployment);
  // Pulls take up to 3 s of virtual time; ten seconds sees every pod Running.
  cluster.advance(10_000);
  const podMs = performance.now() - t0;
  const pods = cluster.client.list(PODS, "default").items as unknown as { status?: { phase?: string; podIP?: string } }[];
  const running = pods.filter((p) => p.status?.phase === "Running" && p.status.podIP).length;
  if (running !== N_PODS) throw new Error(`pods running with an IP: ${running} of ${N_PODS}`);
  cluster.shutdown();
  return [
    { name: `create ${N_NODES.toLocaleString("en")} nodes (kubelet registration, node IPAM /24s)`, value: `${(nodeMs / 1000).toFixed(2)} s` },
    { name: `run ${N_PODS.toLocaleString("en")} pods on them (Deployment → scheduled → Running with pod IPs)`, value: `${(podMs / 1000).toFixed(2)} s` },
  ];
}

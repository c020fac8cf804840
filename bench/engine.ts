/**
 * Engine benchmarks (issue 2): kubectl create service into a /16 and an IPv6 /64, filling a /20 to
 * "range is full", and listing 5,000 Services. kubectl runs in-process against the cluster, as the
 * shell command does, without the shell's parsing around it.
 */
import { VirtualClock } from "../src/apiserver/machinery/clock.ts";
import { SeededRandom } from "../src/apiserver/machinery/random.ts";
import { Cluster } from "../src/apiserver/cluster.ts";
import { runKubectl } from "../src/kubectl/index.ts";
import type { KubectlEnv } from "../src/kubectl/env.ts";

export interface Figure {
  name: string;
  value: string;
  target?: string;
}

function cluster(range: string): Cluster {
  const c = new Cluster(
    {
      nodeName: "controlplane",
      advertiseAddress: "192.168.0.7",
      securePort: 6443,
      apiserverArgs: ["kube-apiserver", "--advertise-address=192.168.0.7", `--service-cluster-ip-range=${range}`],
      controllerManagerArgs: ["kube-controller-manager"],
    },
    new VirtualClock(Date.parse("2025-11-03T09:00:00Z")),
    new SeededRandom(1),
  );
  c.start();
  return c;
}

function env(c: Cluster): KubectlEnv {
  return { client: () => c.client, namespace: "default", stdin: "", readFile: () => null, waitFor: (done) => done() };
}

function stats(samples: number[]): { mean: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { mean, p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]! };
}

function createMany(c: Cluster, n: number, prefix: string): number[] {
  const e = env(c);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = runKubectl(["create", "service", "clusterip", `${prefix}-${i}`, "--tcp", "80"], e);
    c.runUntilQuiet();
    times.push(performance.now() - t0);
    if (r.exitCode !== 0) throw new Error(r.stderr);
  }
  return times;
}

export function engineBenchmarks(): Figure[] {
  const figures: Figure[] = [];
  for (const [label, range] of [
    ["IPv4 /16", "10.96.0.0/16"],
    ["IPv6 /64", "fd00:10:96::/64"],
  ] as const) {
    const c = cluster(range);
    createMany(c, 200, "warm");
    const s = stats(createMany(c, 2000, "svc"));
    figures.push({ name: `kubectl create service into ${label}: mean`, value: `${s.mean.toFixed(3)} ms`, target: "well under 1 ms" });
    figures.push({ name: `kubectl create service into ${label}: p99`, value: `${s.p99.toFixed(3)} ms` });
  }
  {
    const c = cluster("10.96.0.0/20");
    const e = env(c);
    const t0 = performance.now();
    let n = 0;
    for (;;) {
      const r = runKubectl(["create", "service", "clusterip", `fill-${n}`, "--tcp", "80"], e);
      c.runUntilQuiet();
      if (r.exitCode !== 0) {
        if (!r.stderr.includes("range is full")) throw new Error(r.stderr);
        break;
      }
      n++;
    }
    const ms = performance.now() - t0;
    figures.push({ name: `fill a /20 to "range is full" (${n} Services)`, value: `${(ms / 1000).toFixed(2)} s (${(ms / n).toFixed(3)} ms each)` });
  }
  {
    const c = cluster("10.96.0.0/16");
    createMany(c, 5000, "list");
    const e = env(c);
    const runs: number[] = [];
    let lines = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = runKubectl(["get", "services"], e);
      runs.push(performance.now() - t0);
      lines = r.stdout.split("\n").length - 2;
    }
    figures.push({ name: `kubectl get services with ${lines} Services (median of 5)`, value: `${[...runs].sort((a, b) => a - b)[2]!.toFixed(1)} ms` });
  }
  return figures;
}

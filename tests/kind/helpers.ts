/** Test helpers for kind: a lab that records plans, and runKind with an in-memory file system. */
import { SeededRandom } from "../../src/apiserver/machinery/random.ts";
import { runKind, type KindResult } from "../../src/kind/cli.ts";
import { KindContainers } from "../../src/kind/containers.ts";
import type { StatusStyle } from "../../src/kind/log.ts";
import type { ClusterPlan, ClusterProvider, NodePlan, Provisioner, ProvisionResult } from "../../src/lab/plan.ts";

export class FakeLab implements Provisioner {
  readonly plans: ClusterPlan[] = [];
  readonly deprovisioned: string[] = [];
  readonly running = new Map<string, ClusterPlan>();
  /** Start errors the next provision reports (a component that does not come up). */
  failNext: string[] = [];

  async provision(plan: ClusterPlan): Promise<ProvisionResult> {
    this.plans.push(plan);
    this.running.set(`${plan.provider}/${plan.name}`, plan);
    const errors = this.failNext;
    this.failNext = [];
    return { errors };
  }

  async deprovision(provider: ClusterProvider, name: string): Promise<void> {
    this.deprovisioned.push(name);
    this.running.delete(`${provider}/${name}`);
  }

  clusters(provider: ClusterProvider): string[] {
    return [...this.running.values()].filter((p) => p.provider === provider).map((p) => p.name);
  }

  async setNodes(_provider: ClusterProvider, _name: string, _nodes: NodePlan[]): Promise<void> {}
}

export interface KindHarness {
  lab: FakeLab;
  files: Map<string, string>;
  env: Record<string, string>;
  kind(args: string | string[], stdin?: string): Promise<KindResult>;
}

/** One docker host and one lab, as one shell session has. */
export function kindHarness(opts: { seed?: number; style?: StatusStyle; lab?: FakeLab | null } = {}): KindHarness {
  const lab = opts.lab === undefined ? new FakeLab() : opts.lab;
  const files = new Map<string, string>();
  const env: Record<string, string> = {};
  const random = new SeededRandom(opts.seed ?? 1);
  const containers = new KindContainers();
  return {
    lab: lab ?? new FakeLab(),
    files,
    env,
    kind: (args, stdin = "") =>
      runKind(typeof args === "string" ? args.split(" ").filter(Boolean) : args, {
        env: (name) => env[name],
        stdin,
        readFile: async (path) => {
          const text = files.get(path);
          return text === undefined ? { error: `open ${path}: no such file or directory` } : { text };
        },
        random,
        now: () => Date.UTC(2025, 9, 7, 15, 1, 2, 345),
        provisioner: lab,
        containers,
        style: opts.style ?? "tty",
      }),
  };
}

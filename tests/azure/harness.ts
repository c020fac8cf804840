/** A shell with just az registered, on a session without a cluster, and a fake lab that records what az asks of it. */
import { Bash } from "just-bash";
import { Session } from "../../src/shell/session.ts";
import { azCommand, newAzureCloud } from "../../src/shell/commands/az.ts";
import type { AzureCloud } from "../../src/azure/cloud.ts";
import type { ClusterPlan, ClusterProvider, NodePlan, Provisioner, ProvisionResult } from "../../src/lab/plan.ts";

export class FakeLab implements Provisioner {
  readonly plans: ClusterPlan[] = [];
  readonly nodeUpdates: { name: string; nodes: NodePlan[] }[] = [];
  readonly removed: string[] = [];
  errors: string[] = [];

  async provision(plan: ClusterPlan): Promise<ProvisionResult> {
    this.plans.push(plan);
    return { errors: this.errors };
  }
  async deprovision(_p: ClusterProvider, name: string): Promise<void> {
    this.removed.push(name);
  }
  clusters(): string[] {
    return this.plans.map((p) => p.name).filter((n) => !this.removed.includes(n));
  }
  async setNodes(_p: ClusterProvider, name: string, nodes: NodePlan[]): Promise<void> {
    this.nodeUpdates.push({ name, nodes });
  }
}

export interface AzRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface AzShell {
  session: Session;
  cloud: AzureCloud;
  lab: FakeLab;
  bash: Bash;
  run(command: string): Promise<AzRun>;
}

/**
 * With preset "default" the shell shares the session's files, so ~/.kube/config is the one kubeadm
 * wrote for the sandbox's own cluster.
 */
export async function azShell(seed = 1, withLab = true, preset: "none" | "default" = "none"): Promise<AzShell> {
  const session = await Session.create({ preset, seed, stepMs: 0 });
  const lab = new FakeLab();
  const cloud = newAzureCloud(session);
  const bash = new Bash({ customCommands: [azCommand(session, () => (withLab ? lab : null), cloud)], cwd: "/root", env: { HOME: "/root", USER: "root" }, ...(preset === "default" ? { fs: session.fs } : {}) });
  let env: Record<string, string> | undefined;
  return {
    session,
    cloud,
    lab,
    bash,
    async run(command: string) {
      const r = await bash.exec(command, { rawScript: true, ...(env ? { env, replaceEnv: true, cwd: env.PWD } : {}) });
      env = r.env;
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    },
  };
}

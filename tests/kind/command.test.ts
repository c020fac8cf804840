import { Bash } from "just-bash";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/shell/session.ts";
import { kindCommand } from "../../src/shell/commands/kind.ts";
import type { Provisioner } from "../../src/lab/plan.ts";
import { FakeLab } from "./helpers.ts";

async function shell(provisioner: () => Provisioner | null) {
  const session = await Session.create({ preset: "none", seed: 7 });
  const bash = new Bash({ customCommands: [kindCommand(session, provisioner)], cwd: "/root", env: { HOME: "/root" } });
  await bash.exec("mkdir -p /root");
  return bash;
}

describe("kind as a shell command", () => {
  it("reads --config from the shell's files, relative to the working directory, and from a heredoc on stdin", async () => {
    const lab = new FakeLab();
    const bash = await shell(() => lab);
    await bash.exec(`mkdir -p /root/cfg && cat > /root/cfg/dual.yaml <<'YAML'
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
name: dual
networking:
  ipFamily: dual
YAML`);
    const r = await bash.exec("cd cfg && kind create cluster --config dual.yaml");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('Creating cluster "dual" ...\n');
    const heredoc = await bash.exec(`kind create cluster --config=- <<'YAML'
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
name: second
YAML`);
    expect(heredoc.exitCode).toBe(0);
    expect(lab.plans.map((p) => [p.name, p.serviceCIDRs])).toEqual([
      ["dual", ["10.96.0.0/16", "fd00:10:96::/112"]],
      ["second", ["10.96.0.0/16"]],
    ]);
    // The second cluster's node comes after the first's on docker's network.
    expect(lab.plans[1]!.nodes[0]!.addresses).toEqual(["172.18.0.3"]);
  });

  it("keeps results on stdout and the chatter on stderr, so pipes see only the names", async () => {
    const lab = new FakeLab();
    const bash = await shell(() => lab);
    await bash.exec("kind create cluster --name one 2>/dev/null && kind create cluster --name two 2>/dev/null");
    expect((await bash.exec("kind get clusters | wc -l")).stdout.trim()).toBe("2");
    expect((await bash.exec("kind get nodes --name two")).stdout).toBe("two-control-plane\n");
    const del = await bash.exec("kind delete cluster --name one 2>&1");
    expect(del.stdout).toBe('Deleting cluster "one" ...\nDeleted nodes: ["one-control-plane"]\n');
    expect((await bash.exec("kind get clusters")).stdout).toBe("two\n");
  });

  it("takes KIND_CLUSTER_NAME from the shell", async () => {
    const lab = new FakeLab();
    const bash = await shell(() => lab);
    await bash.exec("export KIND_CLUSTER_NAME=envy; kind create cluster");
    expect(lab.plans.map((p) => p.name)).toEqual(["envy"]);
  });

  it("a directory given as the config", async () => {
    const bash = await shell(() => new FakeLab());
    expect((await bash.exec("kind create cluster --config /root")).stderr).toBe("ERROR: failed to create cluster: error reading file: read /root: is a directory\n");
  });

  it("asks for the lab at each run and fails as without docker when there is none", async () => {
    let lab: FakeLab | null = null;
    const bash = await shell(() => lab);
    expect((await bash.exec("kind get clusters")).stderr).toContain("ERROR: failed to list nodes:");
    lab = new FakeLab();
    expect((await bash.exec("kind get clusters")).stderr).toBe("No kind clusters found.\n");
  });

  it("never throws past the command", async () => {
    const broken: Provisioner = {
      provision: () => Promise.reject(new Error("lab exploded")),
      deprovision: async () => {},
      clusters: () => [],
      setNodes: async () => {},
    };
    const bash = await shell(() => broken);
    const r = await bash.exec("kind create cluster; echo after");
    expect(r.stderr).toMatch(/^Creating cluster "kind" \.\.\.\n[^]* ✓ Writing configuration 📜\n ✗ Starting control-plane 🕹️\nERROR: lab exploded\n$/);
    expect(r.stdout).toBe("after\n");
  });
});

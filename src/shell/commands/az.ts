/**
 * az as a shell command: the simulated Azure CLI (src/azure) acting on one AzureCloud per sandbox, with
 * the shell's files (~/.kube/config for get-credentials, ~/.ssh for --generate-ssh-keys), its
 * environment (KUBECONFIG), the session's virtual clock, and the lab that runs the clusters az creates.
 */
import { listThroughAPI } from "../../proxy/lab-world.ts";
import { defineCommand } from "just-bash";
import { SeededRandom } from "../../apiserver/machinery/random.ts";
import { AzureCloud } from "../../azure/cloud.ts";
import type { AzHost } from "../../azure/cli/command.ts";
import { runAz } from "../../azure/cli/run.ts";
import type { RouteNode } from "../../azure/cloud.ts";
import type { Lab } from "../../lab/lab.ts";
import type { Provisioner } from "../../lab/plan.ts";
import type { Session } from "../session.ts";
import { resolvePath, stdinText } from "./io.ts";

/**
 * The subscription's IDs come from their own stream seeded from the session's seed: az commands then
 * never shift the cluster's random draws (and so its ClusterIPs), and the same seed gives the same
 * subscription whatever ran before.
 */
const AZURE_SEED_SALT = 0x617a;

export function newAzureCloud(session: Session): AzureCloud {
  return new AzureCloud(new SeededRandom(session.seed ^ AZURE_SEED_SALT), session.clock);
}

interface NodeFacts {
  metadata: { name?: string };
  spec?: { podCIDR?: string; podCIDRs?: string[] };
  status?: { addresses?: { type: string; address: string }[] };
}

/**
 * The Node objects of the lab's AKS clusters as the Azure route controller sees them. The controller
 * (cloud-provider-azure pkg/provider/azure_routes.go) runs inside AKS's control plane and reconciles
 * on every Node change; the sandbox reconciles when the learner next asks Azure, which looks the same
 * from the CLI because a route table is only seen through az.
 */
export function aksRouteNodes(lab: Lab): RouteNode[] {
  const out: RouteNode[] = [];
  for (const lc of lab.running.values()) {
    if (lc.plan.provider !== "aks") continue;
    for (const o of listThroughAPI<NodeFacts>(lc.cluster, { group: "", version: "v1", resource: "nodes" })) {
      const name = o.metadata.name ?? "";
      const planned = lc.plan.nodes.find((n) => n.name === name)?.addresses[0];
      const ip = o.status?.addresses?.find((a) => a.type === "InternalIP" && !a.address.includes(":"))?.address ?? planned;
      const podCIDRs = o.spec?.podCIDRs ?? (o.spec?.podCIDR ? [o.spec.podCIDR] : []);
      if (ip && podCIDRs.length) out.push({ name, ip, podCIDRs });
    }
  }
  return out;
}

export function azCommand(session: Session, provisioner: () => Provisioner | null, cloud: AzureCloud = newAzureCloud(session)) {
  return defineCommand("az", async (args, ctx) => {
    if (session.pause && !(await session.pause())) return { stdout: "", stderr: "", exitCode: 130 };
    const home = ctx.env.get("HOME") ?? "/root";
    const host: AzHost = {
      cloud,
      home,
      env: (name) => ctx.env.get(name),
      async readFile(path) {
        const p = resolvePath(ctx, path);
        if (!(await ctx.fs.exists(p))) return null;
        const st = await ctx.fs.stat(p);
        return st.isFile ? await ctx.fs.readFile(p, "utf8") : null;
      },
      async writeFile(path, text, mode) {
        const p = resolvePath(ctx, path);
        const dir = p.slice(0, p.lastIndexOf("/")) || "/";
        await ctx.fs.mkdir(dir, { recursive: true });
        await ctx.fs.writeFile(p, text);
        if (mode !== undefined) await ctx.fs.chmod(p, mode);
      },
      async fileMode(path) {
        const p = resolvePath(ctx, path);
        if (!(await ctx.fs.exists(p))) return null;
        return (await ctx.fs.stat(p)).mode;
      },
      provisioner,
      advance: (ms) => session.advance(ms),
      stdin: stdinText(ctx),
    };
    try {
      cloud.syncRoutes(aksRouteNodes(session.lab));
      return await runAz(args, host);
    } catch (e) {
      // az's last resort for a failure it did not foresee (azure-cli-core util.py handle_exception).
      return { stdout: "", stderr: `The command failed with an unexpected error. Here is the traceback:\n${(e as Error).message}\n`, exitCode: 1 };
    }
  });
}

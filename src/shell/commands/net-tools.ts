/**
 * The network tools of a lab machine: `iptables`, `ip6tables`, `iptables-save`, `ip6tables-save`,
 * `ipvsadm` and `ip`. On a cluster node they show what kube-proxy wrote there from the cluster's
 * Services and EndpointSlices, in the cluster's kube-proxy mode, and the node's interfaces and routes;
 * on a machine that is no node (yet) they show an empty firewall and a plain host network.
 */
import { defineCommand, type CustomCommand } from "just-bash";
import { ipCommand } from "../../proxy/ip-cmd.ts";
import { iptables, iptablesSave, type CommandResult } from "../../proxy/iptables-cmd.ts";
import { ipvsadm } from "../../proxy/ipvsadm-cmd.ts";
import { clusterResolve, kubeProxyOf, nodeNet, nodeSite, podByIP, proxierOf, traceWorld } from "../../proxy/lab-world.ts";
import { curlFromPod, wgetFromPod, type CurlPod } from "../../proxy/curl.ts";
import type { ExecCall, ExecHandler, ExecResult } from "../../kubectl/exec-handlers.ts";
import type { Pod } from "../../apiserver/registry/pod/types.ts";
import { ProxyCluster } from "../../proxy/proxy-cluster.ts";
import type { NodeNetInput } from "../../proxy/node-net.ts";
import type { Session } from "../session.ts";

export function netToolCommands(session: Session, hostname: string): CustomCommand[] {
  /**
   * kube-proxy on this node, or for a machine no cluster runs on, a proxier with nothing to proxy
   * whose tables hold only the kubelet's chains (a fresh nftables-mode view).
   */
  const proxier = () => {
    const site = nodeSite(session.lab, hostname);
    if (site) return proxierOf(site);
    const m = session.lab.machines.get(hostname);
    return new ProxyCluster({ mode: "nftables" }).setNode({ nodeName: hostname, nodeIPs: { IPv4: m?.addresses[0] ?? "127.0.1.1" } });
  };
  const net = (): NodeNetInput => {
    const site = nodeSite(session.lab, hostname);
    if (site) return nodeNet(site);
    const ip = session.lab.machines.get(hostname)?.addresses[0] ?? "192.168.0.7";
    return { name: hostname, provider: "kubeadm", podNetwork: "none", address: `${ip}/24`, podCIDRs: [], pods: [], peers: [] };
  };
  const tool = (name: string, run: (argv: string[]) => CommandResult) =>
    defineCommand(name, async (args) => {
      if (session.pause && !(await session.pause())) return { stdout: "", stderr: "", exitCode: 130 };
      return run([name, ...args]);
    });
  const ctx = () => ({ node: proxier(), now: session.clock.now() });
  // iptables-nft prints no table that nobody created: a machine that is no node has none.
  const save = (argv: string[]): CommandResult => (nodeSite(session.lab, hostname) || argv.some((a) => /^-(V|-version|h|-help)$/.test(a)) ? iptablesSave(argv, ctx()) : { stdout: "", stderr: "", exitCode: 0 });
  return [
    tool("iptables", (argv) => iptables(argv, ctx())),
    tool("ip6tables", (argv) => iptables(argv, ctx())),
    tool("iptables-save", (argv) => save(argv)),
    tool("ip6tables-save", (argv) => save(argv)),
    tool("ipvsadm", (argv) => ipvsadm(argv, proxier())),
    tool("ip", (argv) => ipCommand(argv, net())),
  ];
}

function curlPod(p: Pod, nodeIP: string | undefined): CurlPod | undefined {
  const node = p.spec.nodeName;
  const ip = p.spec.hostNetwork ? nodeIP : p.status?.podIPs?.[0]?.ip ?? p.status?.podIP;
  if (!node || !ip) return undefined;
  return {
    namespace: p.metadata.namespace ?? "default",
    name: p.metadata.name!,
    node,
    ip,
    images: p.spec.containers.map((c) => c.image ?? ""),
    ...(p.spec.hostNetwork ? { hostNetwork: true } : {}),
  };
}

/**
 * `curl` and BusyBox `wget` for `kubectl exec POD -- curl URL`: the packet leaves the pod on its node and follows that
 * node's kube-proxy rules and routes (src/proxy/curl.ts). The trip is kept on the cluster's kube-proxy
 * agent (lastTrace) for the views.
 */
export function curlExecHandler(session: Session): (name: string) => ExecHandler | undefined {
  const handler = (program: typeof curlFromPod): ExecHandler => (call: ExecCall): ExecResult => {
    const lc = [...session.lab.running.values()].find((c) => c.cluster.client === call.client);
    const from = lc && curlPod(call.pod, session.lab.machines.get(call.pod.spec.nodeName ?? "")?.addresses[0]);
    if (!lc || !from) return { stdout: "", stderr: "curl: (7) Couldn't connect to server\n", exitCode: 7 };
    const agent = kubeProxyOf(lc);
    const random = agent.random;
    const out = program(call.argv, from, {
      trace: traceWorld(session.lab, lc),
      resolve: (name, ns) => clusterResolve(lc.cluster, name, ns),
      podByIP: (ip) => {
        const p = podByIP(lc.cluster, ip);
        return p && curlPod(p, undefined);
      },
      random: () => (random ? random.int(1 << 30) / (1 << 30) : 0),
    });
    if (out.trace) agent.lastTrace = { from: `${from.namespace}/${from.name}`, to: out.url ?? "", at: session.clock.now(), result: out.trace };
    return { stdout: out.stdout, stderr: out.stderr, exitCode: out.exitCode };
  };
  const curl = handler(curlFromPod);
  const wget = handler(wgetFromPod);
  return (name) => (name === "curl" ? curl : name === "wget" ? wget : undefined);
}

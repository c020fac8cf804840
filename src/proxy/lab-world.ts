/**
 * The lab seen from inside its nodes: which cluster a machine is a node of, that cluster's kube-proxy
 * (started on first use, in the mode the cluster's tool chose: kubeadm's default iptables, kind's
 * kubeProxyMode, AKS's iptables), each node's kube-proxy state, and each node's interfaces and routes
 * built from its Node object and the pods bound to it. The node tools and the packet tracer read the
 * cluster through here, never through the views.
 */
import type { Cluster } from "../apiserver/cluster.ts";
import type { Node } from "../apiserver/registry/node/types.ts";
import type { Pod } from "../apiserver/registry/pod/types.ts";
import type { Lab, LabCluster, LabMachine } from "../lab/lab.ts";
import type { KubeProxyMode } from "../lab/plan.ts";
import { CIDR, parseCIDRDetailed } from "../net/index.ts";
import { workloadRandom } from "../apiserver/registry/workloads.ts";
import { KubeProxyAgent } from "./kube-proxy-agent.ts";
import type { NodeNetInput, NodeNetPeer, NodeNetPod } from "./node-net.ts";
import type { NodeProxier } from "./node-proxier.ts";
import { dummyDeviceAddresses } from "./ipvs.ts";
import type { TraceWorld } from "./trace.ts";
import type { KubeProxyConfig, NodeEnvironment } from "./types.ts";
import type { GroupVersionResource } from "../apiserver/client.ts";

const NODES = { group: "", version: "v1", resource: "nodes" };
const PODS = { group: "", version: "v1", resource: "pods" };
const SERVICES = { group: "", version: "v1", resource: "services" };
const ENDPOINT_SLICES = { group: "discovery.k8s.io", version: "v1", resource: "endpointslices" };

/**
 * Reads go through the cluster's API, as kube-proxy, the kubelet and CoreDNS read it: while the apiserver
 * is down (a restart after a manifest edit) there is nothing new to read, and nothing is returned.
 */
export function listThroughAPI<T>(cluster: Cluster, gvr: GroupVersionResource, namespace?: string): T[] {
  try {
    return cluster.client.list(gvr, namespace).items as unknown as T[];
  } catch {
    return [];
  }
}

function getThroughAPI<T>(cluster: Cluster, gvr: GroupVersionResource, namespace: string, name: string): T | undefined {
  try {
    return cluster.client.get(gvr, namespace, name) as unknown as T;
  } catch {
    return undefined;
  }
}

/** A machine that is a node of a running cluster. */
export interface NodeSite {
  machine: LabMachine;
  cluster: LabCluster;
}

export function nodeSite(lab: Lab, hostname: string): NodeSite | undefined {
  const machine = lab.machines.get(hostname);
  if (!machine?.cluster || !machine.node) return undefined;
  const cluster = lab.running.get(machine.cluster);
  return cluster ? { machine, cluster } : undefined;
}

/**
 * kube-proxy's configuration as the cluster's tool writes it: kubeadm and kind put the pod subnet in
 * `clusterCIDR` (cmd/kubeadm/app/componentconfigs/kubeproxy.go), and so does AKS for kubenet.
 * With kube-proxy disabled (kind's kubeProxyMode: none) no proxier writes iptables rules; the
 * nftables proxier's view has the same effect on the iptables tools: only the kubelet's chains.
 */
export function kubeProxyConfig(mode: KubeProxyMode, podCIDRs: readonly string[]): KubeProxyConfig {
  return { mode: mode === "none" ? "nftables" : mode, clusterCIDR: podCIDRs.join(",") };
}

/** Salt of the packet tracer's random stream ("curl"). */
const PACKET_SALT = 0x6375726c;

/** The cluster's kube-proxy informers, started the first time anyone looks inside one of its nodes. */
export function kubeProxyOf(lc: LabCluster): KubeProxyAgent {
  let agent = lc.cluster.agents.find((a): a is KubeProxyAgent => a instanceof KubeProxyAgent);
  if (!agent) {
    agent = new KubeProxyAgent(lc.cluster.client, kubeProxyConfig(lc.plan.kubeProxyMode, lc.plan.podCIDRs), workloadRandom(lc.cluster.random, PACKET_SALT));
    lc.cluster.agents.push(agent);
  }
  agent.sync();
  return agent;
}

function nodeEnvironment(m: LabMachine): NodeEnvironment {
  const v4 = m.addresses.find((a) => !a.includes(":"));
  const v6 = m.addresses.find((a) => a.includes(":"));
  return { nodeName: m.hostname, nodeIPs: { ...(v4 ? { IPv4: v4 } : {}), ...(v6 ? { IPv6: v6 } : {}) }, localAddresses: [...m.addresses] };
}

/** kube-proxy on one node; a changed node address restarts it, as a new --bind-address would. */
export function proxierOf(site: NodeSite): NodeProxier {
  const proxy = kubeProxyOf(site.cluster).proxy;
  const env = nodeEnvironment(site.machine);
  const existing = proxy.node(env.nodeName);
  if (existing && sameIPs(existing.env, env)) return existing;
  return proxy.setNode(env);
}

function sameIPs(a: NodeEnvironment, b: NodeEnvironment): boolean {
  return a.nodeIPs.IPv4 === b.nodeIPs.IPv4 && a.nodeIPs.IPv6 === b.nodeIPs.IPv6;
}

function nodesOf(cluster: Cluster): Node[] {
  return listThroughAPI<Node>(cluster, NODES);
}

function podCIDRsOf(n: Node | undefined): string[] {
  return n?.spec.podCIDRs ?? (n?.spec.podCIDR ? [n.spec.podCIDR] : []);
}

function internalIP(n: Node): string | undefined {
  return n.status?.addresses?.find((a) => a.type === "InternalIP" && !a.address.includes(":"))?.address;
}

/** The prefix length of the node's network: the planned subnet (AKS), Docker's kind network, else a /24. */
function withPrefix(m: LabMachine, provider: string): string {
  const ip = m.addresses.find((a) => !a.includes(":")) ?? m.addresses[0] ?? "";
  const subnet = m.node?.subnets?.find((s) => !s.includes(":"));
  const prefix = subnet ? (parseCIDRDetailed(subnet).cidr?.prefix ?? 24) : provider === "kind" ? 16 : 24;
  return `${ip}/${prefix}`;
}

function podsOn(cluster: Cluster, node: string): NodeNetPod[] {
  const out: NodeNetPod[] = [];
  for (const p of listThroughAPI<Pod>(cluster, PODS)) {
    if (p.spec.nodeName !== node || p.spec.hostNetwork) continue;
    const ips = (p.status?.podIPs ?? []).map((x) => x.ip);
    if (ips.length === 0) continue;
    out.push({ namespace: p.metadata.namespace ?? "default", name: p.metadata.name!, ips });
  }
  return out;
}

/** What `ip addr` and `ip route` show on a node. */
export function nodeNet(site: NodeSite): NodeNetInput {
  const { machine: m, cluster: lc } = site;
  const nodes = nodesOf(lc.cluster);
  const self = nodes.find((n) => n.metadata.name === m.hostname);
  const peers: NodeNetPeer[] = [];
  for (const n of nodes) {
    const ip = internalIP(n);
    if (n.metadata.name !== m.hostname && ip) peers.push({ name: n.metadata.name!, internalIP: ip, podCIDRs: podCIDRsOf(n) });
  }
  const v6 = m.addresses.find((a) => a.includes(":"));
  const net: NodeNetInput = {
    name: m.hostname,
    provider: lc.plan.provider,
    podNetwork: lc.plan.podNetwork,
    address: withPrefix(m, lc.plan.provider),
    ...(v6 ? { address6: `${v6}/${lc.plan.provider === "kind" ? 64 : 128}` } : {}),
    podCIDRs: podCIDRsOf(self),
    pods: podsOn(lc.cluster, m.hostname),
    peers,
  };
  if (lc.plan.kubeProxyMode === "ipvs") net.ipvsAddresses = dummyDeviceAddresses(proxierOf(site)).map((a) => a.address);
  return net;
}

/**
 * The routes the cloud holds for kubenet on AKS: one per node podCIDR to the node's IP, which is what
 * cloud-provider-azure's route controller writes into the cluster's route table.
 */
function cloudRoutes(lc: LabCluster): NonNullable<TraceWorld["cloudRoutes"]> {
  if (lc.plan.provider !== "aks" || lc.plan.podNetwork !== "kubenet") return [];
  const out: NonNullable<TraceWorld["cloudRoutes"]> = [];
  for (const n of nodesOf(lc.cluster)) {
    const ip = internalIP(n);
    if (!ip) continue;
    for (const c of podCIDRsOf(n)) {
      const cidr = CIDR.parse(c);
      if (cidr.family === "IPv4") out.push({ name: n.metadata.name!, table: routeTableOf(n.metadata.name!), addressPrefix: cidr.toString(), nextHopIpAddress: ip });
    }
  }
  return out;
}

/** AKS names the kubenet route table after the scale sets' number, which every node name carries. */
function routeTableOf(node: string): string {
  const m = /^aks-[a-z0-9]+-(\d{8})-vmss/.exec(node);
  return m ? `aks-agentpool-${m[1]}-routetable` : "route table";
}

/** Every node of one cluster, for the packet tracer. */
export function traceWorld(lab: Lab, lc: LabCluster): TraceWorld {
  const site = (name: string): NodeSite | undefined => {
    const s = nodeSite(lab, name);
    return s && s.cluster === lc ? s : undefined;
  };
  return {
    node: (name) => {
      const s = site(name);
      return s ? proxierOf(s) : undefined;
    },
    net: (name) => {
      const s = site(name);
      return s ? nodeNet(s) : undefined;
    },
    cloudRoutes: cloudRoutes(lc),
  };
}

/** The cluster domain kubeadm, kind and AKS all configure for the kubelet and CoreDNS. */
const CLUSTER_DOMAIN = "cluster.local";

interface ServiceFacts {
  metadata: { name?: string; namespace?: string };
  spec: { type?: string; clusterIP?: string; clusterIPs?: string[] };
}

interface SliceFacts {
  metadata: { labels?: Record<string, string> };
  endpoints?: { addresses: string[]; conditions?: { ready?: boolean | null } }[] | null;
}

/**
 * CoreDNS's kubernetes plugin for a pod with dnsPolicy ClusterFirst: the name tried with the pod's
 * search path (ndots:5, so every short name goes through it first), a Service name answering with its
 * ClusterIPs, a headless one with its ready endpoints. Without a kube-dns Service there is no cluster
 * DNS and nothing resolves.
 */
export function clusterResolve(cluster: Cluster, name: string, namespace: string): { fqdn: string; ips: string[] } | undefined {
  if (!getThroughAPI(cluster, SERVICES, "kube-system", "kube-dns")) return undefined;
  const n = name.toLowerCase().replace(/\.$/, "");
  const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  const candidates = name.endsWith(".") ? [n] : [...search.map((s) => `${n}.${s}`), n];
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  for (const fqdn of candidates) {
    if (!fqdn.endsWith(suffix)) continue;
    const parts = fqdn.slice(0, -suffix.length).split(".");
    if (parts.length !== 2) continue;
    const svc = getThroughAPI<ServiceFacts>(cluster, SERVICES, parts[1]!, parts[0]!);
    if (!svc || svc.spec.type === "ExternalName") continue;
    let ips = (svc.spec.clusterIPs ?? (svc.spec.clusterIP ? [svc.spec.clusterIP] : [])).filter((ip) => ip !== "None");
    if (ips.length === 0) {
      const slices = listThroughAPI<SliceFacts>(cluster, ENDPOINT_SLICES, parts[1]).filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === parts[0]);
      ips = slices.flatMap((s) => (s.endpoints ?? []).filter((e) => e.conditions?.ready !== false).flatMap((e) => e.addresses));
    }
    if (ips.length) return { fqdn: `${fqdn}.`, ips };
  }
  return undefined;
}

/** The pod that holds an address in a cluster (a hostNetwork pod shares its node's and is skipped). */
export function podByIP(cluster: Cluster, ip: string): Pod | undefined {
  return listThroughAPI<Pod>(cluster, PODS).find((p) => !p.spec.hostNetwork && (p.status?.podIPs ?? []).some((x) => x.ip === ip));
}

/** The lab cluster whose API a client talks to. */
export function labClusterOf(lab: Lab, cluster: Cluster): LabCluster | undefined {
  for (const lc of lab.running.values()) if (lc.cluster === cluster) return lc;
  return undefined;
}

/**
 * The packet the learner followed last in any cluster of the lab (`kubectl exec ... -- curl`), for the
 * views' packet path: its steps name the nodes, chains, endpoint and routes in order.
 */
export function latestTrace(lab: Lab): (NonNullable<KubeProxyAgent["lastTrace"]> & { cluster: string }) | null {
  let best: (NonNullable<KubeProxyAgent["lastTrace"]> & { cluster: string }) | null = null;
  for (const lc of lab.running.values()) {
    const agent = lc.cluster.agents.find((a): a is KubeProxyAgent => a instanceof KubeProxyAgent);
    const t = agent?.lastTrace;
    if (t && (!best || t.at >= best.at)) best = { ...t, cluster: lc.key };
  }
  return best;
}

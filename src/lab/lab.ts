/**
 * The lab is everything the learner's sandbox holds: machines (the learner's own, node VMs, kind's node
 * containers) and the clusters that run on them, each a control plane (src/apiserver/cluster.ts) with a
 * kubelet on every node. Cluster tools hand it a ClusterPlan; kubectl finds a cluster by the server
 * address in its kubeconfig. One virtual clock drives every cluster, so timers fire in one order.
 */
import { KUBEADM_ADMIN, kubeDnsService } from "./kube-dns.ts";
import { nodeUser } from "../node/kubelet/node-user.ts";
import type { IFileSystem } from "just-bash";
import { Cluster } from "../apiserver/cluster.ts";
import type { VirtualClock } from "../apiserver/machinery/clock.ts";
import type { SeededRandom } from "../apiserver/machinery/random.ts";
import { clusterComponents } from "../node/components.ts";
import { Kubelet } from "../node/kubelet/kubelet.ts";
import type { StaticPod } from "../node/kubelet/static-pods.ts";
import { EventRecorder } from "../apiserver/controllers/events.ts";
import type { ClusterPlan, ClusterProvider, NodePlan, ProvisionResult, Provisioner } from "./plan.ts";
import { hostPort } from "./kubeconfig.ts";
import { installAksDns } from "../azure/aks/coredns.ts";
import { NodeAgents, nodeAgentSpec } from "../node/kubelet/agents.ts";
import { MirrorPods } from "../node/kubelet/mirror-pods.ts";
import { workloadRandom } from "../apiserver/registry/workloads.ts";

const SERVICES = { group: "", version: "v1", resource: "services" };

export type MachineKind = "host" | "kind-node" | "vm";

export interface LabMachine {
  hostname: string;
  /** The machine's addresses (InternalIP of its node), IPv4 first. */
  addresses: string[];
  fs: IFileSystem;
  kind: MachineKind;
  bootTime: number;
  /** The cluster this machine is a node of ("kubeadm/kubernetes"), or null. */
  cluster: string | null;
  node: NodePlan | null;
  kubelet: Kubelet | null;
}

export interface LabCluster {
  key: string;
  plan: ClusterPlan;
  cluster: Cluster;
  /** Host names of the cluster's nodes, in plan order. */
  nodes: string[];
  /** Every node's kubelet as the API sees it: Node registration and status, pods bound to the node. */
  kubelets: NodeAgents;
}

/** How many controller steps one quiet-down may take across all clusters (a livelock guard). */
const MAX_ROUNDS = 1_000;

export class Lab implements Provisioner {
  readonly machines = new Map<string, LabMachine>();
  /** Running clusters by "provider/name". */
  readonly running = new Map<string, LabCluster>();

  constructor(
    readonly clock: VirtualClock,
    readonly random: SeededRandom,
    private readonly newFs: () => IFileSystem,
  ) {}

  addMachine(hostname: string, addresses: string[], kind: MachineKind, fs?: IFileSystem): LabMachine {
    const existing = this.machines.get(hostname);
    if (existing) return existing;
    const m: LabMachine = { hostname, addresses, fs: fs ?? this.newFs(), kind, bootTime: this.clock.now(), cluster: null, node: null, kubelet: null };
    this.machines.set(hostname, m);
    return m;
  }

  /** The cluster whose API server answers at `server` ("https://192.168.0.7:6443"), if one runs. */
  clusterForServer(server: string): Cluster | null {
    const want = hostPort(server);
    for (const c of this.running.values()) if (hostPort(c.plan.server) === want) return c.cluster;
    return null;
  }

  labCluster(provider: ClusterProvider, name: string): LabCluster | undefined {
    return this.running.get(key(provider, name));
  }

  async provision(plan: ClusterPlan): Promise<ProvisionResult> {
    const k = key(plan.provider, plan.name);
    if (this.running.has(k)) await this.deprovision(plan.provider, plan.name);
    const cp = plan.nodes.find((n) => n.role === "control-plane");
    const address = cp?.addresses[0] ?? hostPort(plan.server).replace(/:\d+$/, "");
    const port = Number(/:(\d+)$/.exec(hostPort(plan.server))?.[1] ?? 6443);
    const cluster = new Cluster(
      { nodeName: cp?.name ?? plan.name, advertiseAddress: address, securePort: port, apiserverArgs: plan.apiserverArgs, controllerManagerArgs: plan.controllerManagerArgs },
      this.clock,
      this.random,
    );
    // Kubelets draw pull times and container IDs from their own stream, so Service IPs do not move with pods.
    const kubelets = new NodeAgents(cluster.client, this.clock, workloadRandom(this.random, 0x6b75626c));
    cluster.agents.push(kubelets);
    const lc: LabCluster = { key: k, plan, cluster, nodes: [], kubelets };
    this.running.set(k, lc);
    const errors: string[] = [];
    if (plan.provider === "aks") {
      // A managed control plane: no machine of ours runs it, so its components start directly.
      errors.push(...cluster.start());
      // The CoreDNS addon AKS installs: kube-dns at --dns-service-ip.
      if (errors.length === 0) installAksDns(cluster.client, plan.dnsServiceIPs);
    }
    for (const node of plan.nodes) {
      const m = this.addMachine(node.name, node.addresses, plan.provider === "kind" ? "kind-node" : plan.provider === "aks" ? "vm" : this.machines.get(node.name)?.kind ?? "vm");
      m.addresses = node.addresses;
      m.cluster = k;
      m.node = node;
      lc.nodes.push(node.name);
      for (const [path, text] of Object.entries(node.files ?? {})) {
        await m.fs.mkdir(path.slice(0, path.lastIndexOf("/")) || "/", { recursive: true });
        await m.fs.writeFile(path, text);
      }
      if (node.role === "control-plane" && plan.provider !== "aks") {
        const fs = m.fs;
        // Writes to an in-memory file land at once; a failed write drops the line, as a full disk would.
        cluster.appendFile = (path, text) => void fs.appendFile(path, text).catch(() => undefined);
        // The kubelet's static pods appear in the API as mirror pods, kept in step on every change.
        let own: Kubelet | undefined;
        const mirrors = new MirrorPods(cluster.client, this.clock, node.name, () => own?.staticPods, node.addresses);
        cluster.agents.push(mirrors);
        const kubelet = new Kubelet(node.name, m.fs, this.clock, this.random, clusterComponents(cluster), { event: this.#kubeletEvents(cluster, node.name), onChange: () => mirrors.markDirty() });
        own = kubelet;
        m.kubelet = kubelet;
        await kubelet.syncFiles(true);
        for (const pod of kubelet.staticPods.pods.values()) {
          for (const c of kubelet.staticPods.containersOf(pod)) if (c.state === "Exited") errors.push(`${c.name}: ${c.logs[c.logs.length - 1] ?? "exited"}`);
        }
      }
      kubelets.add(nodeAgentSpec(node, plan.podNetwork !== "none"));
    }
    cluster.runUntilQuiet();
    // kind's node runs kubeadm init, whose CoreDNS addon applies kube-dns once the apiserver is up (its
    // static pods started at once above and it has made kube-system). kubeadm on the learner's machine
    // applies it itself.
    if (plan.provider === "kind" && errors.length === 0 && plan.dnsServiceIPs[0]) {
      try {
        cluster.client.create(SERVICES, "kube-system", kubeDnsService(plan.dnsServiceIPs[0]), { user: KUBEADM_ADMIN });
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    cluster.runUntilQuiet();
    return { errors };
  }

  async deprovision(provider: ClusterProvider, name: string): Promise<void> {
    const lc = this.running.get(key(provider, name));
    if (!lc) return;
    for (const host of lc.nodes) {
      const m = this.machines.get(host);
      if (!m) continue;
      m.kubelet?.stop();
      m.kubelet = null;
      m.cluster = null;
      m.node = null;
      // kind's node containers and AKS's VMs go away with their cluster; the learner's own machine stays.
      if (m.kind !== "host") this.machines.delete(host);
    }
    lc.cluster.shutdown();
    for (const host of lc.nodes) this.#flushers.delete(`${lc.cluster.server}/${host}`);
    this.running.delete(lc.key);
  }

  clusters(provider: ClusterProvider): string[] {
    return [...this.running.values()].filter((c) => c.plan.provider === provider).map((c) => c.plan.name);
  }

  async setNodes(provider: ClusterProvider, name: string, nodes: NodePlan[]): Promise<void> {
    const lc = this.running.get(key(provider, name));
    if (!lc) return;
    const keep = new Set(nodes.map((n) => n.name));
    for (const host of lc.nodes.filter((h) => !keep.has(h))) {
      const m = this.machines.get(host);
      m?.kubelet?.stop();
      lc.kubelets.remove(host);
      if (m && m.kind !== "host") this.machines.delete(host);
    }
    lc.nodes = [];
    for (const node of nodes) {
      const m = this.addMachine(node.name, node.addresses, provider === "kind" ? "kind-node" : "vm");
      m.cluster = lc.key;
      m.node = node;
      lc.nodes.push(node.name);
      if (!lc.kubelets.nodes.has(node.name)) lc.kubelets.add(nodeAgentSpec(node, lc.plan.podNetwork !== "none"));
    }
    lc.plan = { ...lc.plan, nodes };
  }

  /** Kubelets look at their manifest directories (after every command: files only change through commands). */
  async syncNodes(): Promise<void> {
    for (const m of this.machines.values()) await m.kubelet?.syncFiles();
  }

  /** A static pod container's log on whichever machine runs it (what the kubelet serves to `kubectl logs`). */
  containerLogs(namespace: string, pod: string, container: string): string[] | undefined {
    for (const m of this.machines.values()) {
      const sp = m.kubelet?.staticPods.pods.get(pod);
      if (!sp || sp.namespace !== namespace) continue;
      const runs = m.kubelet!.staticPods.containersOf(sp).filter((c) => c.name === container);
      return runs[runs.length - 1]?.logs;
    }
    return undefined;
  }

  /** Settles every cluster at the current instant. */
  settle(): void {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      for (const f of this.#flushers.values()) f();
      const before = this.#work();
      for (const c of this.running.values()) c.cluster.runUntilQuiet();
      if (this.#work() === before) return;
    }
  }

  /** Moves virtual time forward for every cluster, firing timers in order and settling after each. */
  advance(ms: number): void {
    const target = this.clock.now() + ms;
    this.settle();
    // Kubelet heartbeats skip ahead to their last beat before the target (KubeletHub.horizon).
    for (const c of this.running.values()) c.kubelets.hub.horizon = target;
    while (this.clock.fireNext(target)) this.settle();
    for (const c of this.running.values()) c.kubelets.hub.horizon = undefined;
    this.clock.setNow(target);
    this.settle();
  }

  /**
   * The kubelet's event recorder: events about static pods go to the API when it answers; while the
   * apiserver is down they wait, as client-go's broadcaster retries, and go out once it is back.
   */
  #kubeletEvents(cluster: Cluster, nodeName: string) {
    const recorder = new EventRecorder(() => cluster.client, "kubelet", nodeName, nodeUser(nodeName));
    const pending: (() => void)[] = [];
    // At boot the events wait for the apiserver and for kube-system to exist.
    const ready = () => cluster.apiserver !== null && cluster.store.get("namespaces", undefined, "kube-system") !== undefined;
    const flush = () => {
      if (ready()) for (const send of pending.splice(0)) send();
    };
    this.#flushers.set(`${cluster.server}/${nodeName}`, flush);
    return (pod: StaticPod, type: "Normal" | "Warning", reason: string, message: string) => {
      const obj = { apiVersion: "v1", kind: "Pod", metadata: { name: pod.fullName, namespace: pod.namespace, uid: pod.uid } };
      pending.push(() => recorder.event(obj, type, reason, message));
      flush();
    };
  }
  readonly #flushers = new Map<string, () => void>();

  /** A cheap fingerprint of pending work: the stores' resource versions. */
  #work(): number {
    let n = 0;
    for (const c of this.running.values()) n += c.cluster.store.resourceVersion();
    return n;
  }
}

function key(provider: ClusterProvider, name: string): string {
  return `${provider}/${name}`;
}

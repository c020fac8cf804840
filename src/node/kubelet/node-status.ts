/**
 * NodeAgent: the part of a kubelet that registers its Node and keeps its status (pkg/kubelet/
 * kubelet_node_status.go): addresses, capacity and allocatable (pods = --max-pods), node info, the
 * pressure conditions and Ready. It renews its Lease in kube-node-lease every 10 s (the heartbeat
 * the node lifecycle controller watches) and posts the status again every 5 minutes or on a change
 * (nodeStatusReportFrequency). Ready follows the container runtime network: until the CNI is ready
 * the node reports NetworkPluginNotReady.
 */
import type { ApiClient } from "../../apiserver/client.ts";
import type { VirtualClock } from "../../apiserver/machinery/clock.ts";
import { isStatusError } from "../../apiserver/machinery/errors.ts";
import { deepClone, deepEqual } from "../../apiserver/machinery/object.ts";
import { rfc3339, rfc3339Micro } from "../../apiserver/machinery/time.ts";
import { nodeUser } from "./node-user.ts";
import { EventRecorder } from "../../apiserver/controllers/events.ts";
import type { Controller } from "../../apiserver/controllers/queue.ts";
import type { Node, NodeAddress, NodeCondition, Taint } from "../../apiserver/registry/node/types.ts";
import type { Lease } from "../../apiserver/registry/lease/types.ts";
import { NODE_LEASE_NAMESPACE } from "../../apiserver/registry/lease/types.ts";
import { KubeletHub } from "./hub.ts";
import { digestOf } from "./images.ts";

const NODES = { group: "", version: "v1", resource: "nodes" };
const LEASES = { group: "coordination.k8s.io", version: "v1", resource: "leases" };
const LEASE_RENEW_MS = 10_000;
const STATUS_REPORT_MS = 5 * 60_000;

export interface NodeAgentOptions {
  /** InternalIP addresses (IPv4 first on a dual-stack node). */
  addresses: string[];
  externalIP?: string;
  /** --max-pods: capacity and allocatable `pods`. */
  maxPods?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** --register-with-taints (kubeadm puts the control-plane taint here). */
  taints?: Taint[];
  providerID?: string;
  /** Create the Node object if it does not exist (--register-node, on by default). */
  register?: boolean;
  /** Whether the container runtime network (CNI) is ready; the node is NotReady until it is. */
  networkReady?: boolean;
  lease?: boolean;
  /** Called when the agent has work, for a group that runs many agents (see agents.ts). */
  onWork?: () => void;
  cpu?: string;
  memory?: string;
  osImage?: string;
  kernelVersion?: string;
  containerRuntimeVersion?: string;
  kubeletVersion?: string;
  hub?: KubeletHub;
}

const CNI_NOT_READY =
  "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized";

/** IDs a machine has from its install, stable for a node name. */
function machineIDs(name: string) {
  const d = digestOf(`machine:${name}`);
  const uuid = `${d.slice(0, 8)}-${d.slice(8, 12)}-${d.slice(12, 16)}-${d.slice(16, 20)}-${d.slice(20, 32)}`;
  const b = digestOf(`boot:${name}`);
  return { machineID: d.slice(32, 64), systemUUID: uuid, bootID: `${b.slice(0, 8)}-${b.slice(8, 12)}-${b.slice(12, 16)}-${b.slice(16, 20)}-${b.slice(20, 32)}` };
}

export class NodeAgent implements Controller {
  readonly name: string;
  readonly hub: KubeletHub;
  readonly #events: EventRecorder;
  #due = { register: true, status: false, lease: false };
  #started = false;
  #readyReported: boolean | undefined;
  readonly #stops: (() => void)[] = [];

  constructor(
    private readonly client: ApiClient,
    private readonly clock: VirtualClock,
    readonly nodeName: string,
    private readonly opts: NodeAgentOptions,
  ) {
    this.name = `kubelet-node:${nodeName}`;
    this.hub = opts.hub ?? new KubeletHub(client, clock);
    this.#events = new EventRecorder(() => client, "kubelet", nodeName, nodeUser(nodeName));
    this.#stops.push(this.hub.watchNode(nodeName, () => {}));
  }

  /** The CNI became ready (or went away): Ready follows at the next status post, which is now. */
  setNetworkReady(ready: boolean): void {
    this.opts.networkReady = ready;
    this.#due.status = true;
    this.opts.onWork?.();
  }

  processNext(): boolean {
    if (this.#due.register) {
      this.#due.register = false;
      this.#register();
      return true;
    }
    if (this.#due.status) {
      this.#due.status = false;
      this.#postStatus();
      return true;
    }
    if (this.#due.lease) {
      this.#due.lease = false;
      this.#renewLease();
      return true;
    }
    return false;
  }

  stop(): void {
    for (const s of this.#stops) s();
  }

  #every(ms: number, what: "status" | "lease"): void {
    const now = this.clock.now();
    const horizon = this.hub.horizon;
    // During a long advance the next beat is the last one at or before the horizon (see KubeletHub.horizon).
    const beats = horizon !== undefined && horizon - now >= 2 * ms ? Math.floor((horizon - now) / ms) : 1;
    this.#stops.push(
      this.hub.at(now + beats * ms, () => {
        this.#due[what] = true;
        this.opts.onWork?.();
        this.#every(ms, what);
      }),
    );
  }

  #labels(): Record<string, string> {
    return {
      "beta.kubernetes.io/arch": "amd64",
      "beta.kubernetes.io/os": "linux",
      "kubernetes.io/arch": "amd64",
      "kubernetes.io/hostname": this.nodeName,
      "kubernetes.io/os": "linux",
      ...(this.opts.labels ?? {}),
    };
  }

  /** registerWithAPIServer: create the Node, or take over the one that exists (its labels reconciled). */
  #register(): void {
    let node: Node | undefined;
    try {
      node = this.client.get(NODES, undefined, this.nodeName) as Node;
    } catch (e) {
      if (!isStatusError(e) || e.reason !== "NotFound") {
        this.#due.register = true;
        return;
      }
    }
    const user = { user: { username: `system:node:${this.nodeName}`, groups: ["system:nodes", "system:authenticated"] } };
    const now = this.clock.now();
    if (!this.#started) {
      this.#started = true;
      this.#events.event(this.#ref(node), "Normal", "Starting", "Starting kubelet.");
      this.#events.event(this.#ref(node), "Normal", "NodeAllocatableEnforced", "Updated Node Allocatable limit across pods");
    }
    try {
      if (!node) {
        if (this.opts.register === false) return;
        const created: Node = {
          apiVersion: "v1",
          kind: "Node",
          metadata: {
            name: this.nodeName,
            labels: this.#labels(),
            annotations: { "node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true", ...(this.opts.annotations ?? {}) },
          },
          spec: {
            ...(this.opts.providerID ? { providerID: this.opts.providerID } : {}),
            ...(this.opts.taints?.length ? { taints: deepClone(this.opts.taints) } : {}),
          },
          status: this.#status(undefined, now),
        };
        node = this.client.create(NODES, undefined, created, user) as Node;
      } else {
        const labels = { ...this.#labels(), ...(node.metadata.labels ?? {}) };
        if (!deepEqual(labels, node.metadata.labels)) node = this.client.update(NODES, undefined, { ...node, metadata: { ...node.metadata, labels } }, user) as Node;
      }
    } catch {
      this.#due.register = true;
      return;
    }
    this.#due.status = true;
    if (this.opts.lease !== false) this.#due.lease = true;
    this.#every(STATUS_REPORT_MS, "status");
    if (this.opts.lease !== false) this.#every(LEASE_RENEW_MS, "lease");
  }

  /** An event's object reference: the Node (with its uid, so describe finds it). */
  #ref(node: Node | undefined): Node {
    return node ?? ({ apiVersion: "v1", kind: "Node", metadata: { name: this.nodeName, uid: this.nodeName }, spec: {} } as Node);
  }

  #status(prev: Node["status"], now: number): NonNullable<Node["status"]> {
    const o = this.opts;
    const maxPods = String(o.maxPods ?? 110);
    const addresses: NodeAddress[] = o.addresses.map((a) => ({ type: "InternalIP" as const, address: a }));
    if (o.externalIP) addresses.push({ type: "ExternalIP", address: o.externalIP });
    addresses.push({ type: "Hostname", address: this.nodeName });
    const ready = o.networkReady !== false;
    const cond = (type: string, status: "True" | "False", reason: string, message: string): NodeCondition => {
      const old = prev?.conditions?.find((c) => c.type === type);
      return {
        lastHeartbeatTime: rfc3339(now),
        lastTransitionTime: old && old.status === status ? old.lastTransitionTime : rfc3339(now),
        message,
        reason,
        status,
        type,
      };
    };
    return {
      addresses,
      allocatable: { cpu: o.cpu ?? "2", "ephemeral-storage": "56403987978", "hugepages-1Gi": "0", "hugepages-2Mi": "0", memory: o.memory ?? "3912636Ki", pods: maxPods },
      capacity: { cpu: o.cpu ?? "2", "ephemeral-storage": "61202244Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", memory: o.memory ?? "4015036Ki", pods: maxPods },
      conditions: [
        cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ready ? cond("Ready", "True", "KubeletReady", "kubelet is posting ready status") : cond("Ready", "False", "KubeletNotReady", CNI_NOT_READY),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        ...machineIDs(this.nodeName),
        architecture: "amd64",
        containerRuntimeVersion: o.containerRuntimeVersion ?? "containerd://1.7.28",
        kernelVersion: o.kernelVersion ?? "6.8.0-85-generic",
        kubeProxyVersion: "",
        kubeletVersion: o.kubeletVersion ?? "v1.34.1",
        operatingSystem: "linux",
        osImage: o.osImage ?? "Ubuntu 24.04.3 LTS",
      },
    };
  }

  #postStatus(): void {
    let node: Node;
    try {
      node = this.client.get(NODES, undefined, this.nodeName) as Node;
    } catch (e) {
      // The Node was deleted: the kubelet registers it again.
      if (isStatusError(e) && e.reason === "NotFound") this.#due.register = true;
      return;
    }
    const now = this.clock.now();
    const status = this.#status(node.status, now);
    const user = { username: `system:node:${this.nodeName}`, groups: ["system:nodes", "system:authenticated"] };
    try {
      node = this.client.update(NODES, undefined, { ...node, status } as Node, { user, subresource: "status" }) as Node;
    } catch {
      this.#due.status = true;
      return;
    }
    const first = this.#readyReported === undefined;
    if (first) {
      // recordNodeStatusEvent: each condition's first report.
      for (const r of ["NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID"]) this.#events.event(node, "Normal", r, `Node ${this.nodeName} status is now: ${r}`);
    }
    const ready = this.opts.networkReady !== false;
    if (ready !== this.#readyReported && (ready || !first)) {
      const r = ready ? "NodeReady" : "NodeNotReady";
      this.#events.event(node, "Normal", r, `Node ${this.nodeName} status is now: ${r}`);
    }
    this.#readyReported = ready;
  }

  #renewLease(): void {
    const now = this.clock.now();
    const user = { user: { username: `system:node:${this.nodeName}`, groups: ["system:nodes", "system:authenticated"] } };
    try {
      const lease = this.client.get(LEASES, NODE_LEASE_NAMESPACE, this.nodeName) as Lease;
      this.client.update(LEASES, NODE_LEASE_NAMESPACE, { ...lease, spec: { ...lease.spec, renewTime: rfc3339Micro(now) } } as Lease, user);
    } catch (e) {
      if (!isStatusError(e) || e.reason !== "NotFound") return;
      let owner: Node | undefined;
      try {
        owner = this.client.get(NODES, undefined, this.nodeName) as Node;
      } catch {
        return;
      }
      const lease: Lease = {
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata: {
          name: this.nodeName,
          namespace: NODE_LEASE_NAMESPACE,
          ownerReferences: [{ apiVersion: "v1", kind: "Node", name: this.nodeName, uid: owner.metadata.uid! }],
        },
        spec: { holderIdentity: this.nodeName, leaseDurationSeconds: 40, renewTime: rfc3339Micro(now) },
      };
      try {
        this.client.create(LEASES, NODE_LEASE_NAMESPACE, lease, user);
      } catch {
        // kube-node-lease may not exist yet: the next renewal tries again.
      }
    }
  }
}

/**
 * PodLifecycle: the part of a kubelet that runs API pods bound to its node, kwok-style (a few fixed
 * steps on the virtual clock instead of real containers):
 *
 *   bound      → Pending, ContainerCreating, hostIP and startTime set
 *   +1 s       → sandbox up: the pod IP from the node's podCIDR (host-local IPAM; hostNetwork pods take
 *                the node's IP), PodReadyToStartContainers; the image pull starts (Pulling)
 *   +pull time → Pulled/Created/Started, Running and Ready with container IDs
 *   deleted    → Killing; the pod is removed once its grace period has run out
 *
 * Without a podCIDR for a family the pod waits in ContainerCreating (NetworkNotReady) until the node
 * gets one; a full range gives FailedCreatePodSandBox with host-local's error and is retried.
 * Mirror pods of static pods are left to the static pod code unless asked.
 */
import type { ApiClient } from "../../apiserver/client.ts";
import type { VirtualClock } from "../../apiserver/machinery/clock.ts";
import type { SeededRandom } from "../../apiserver/machinery/random.ts";
import { isStatusError } from "../../apiserver/machinery/errors.ts";
import { objectKey } from "../../apiserver/machinery/object.ts";
import { parseTime } from "../../apiserver/machinery/time.ts";
import { nodeUser } from "./node-user.ts";
import { EventRecorder } from "../../apiserver/controllers/events.ts";
import { QueueController } from "../../apiserver/controllers/queue.ts";
import { nodeInternalIPs, type Node } from "../../apiserver/registry/node/types.ts";
import { isPodTerminal, MIRROR_POD_ANNOTATION, type Pod } from "../../apiserver/registry/pod/types.ts";
import { CIDR, IP, type Family } from "../../net/index.ts";
import { HostLocalRange, RangeFullError } from "./host-local.ts";
import { KubeletHub } from "./hub.ts";
import { imageSize } from "./images.ts";
import { podStatus, type StartState } from "./pod-status.ts";

const PODS = { group: "", version: "v1", resource: "pods" };
const SANDBOX_DELAY_MS = 1_000;
const SANDBOX_RETRY_MS = 10_000;
const NETWORK_NOT_READY =
  "network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized";

/** The container runtime a kubelet may report its containers to (crictl reads it). */
export interface RuntimeHooks {
  runSandbox(meta: { name: string; namespace: string; uid: string; hostNetwork: boolean }, now: number): { id: string };
  start(sandbox: { id: string }, spec: { name: string; image: string; command: string[] }, now: number): { id: string };
}

export interface PodLifecycleOptions {
  /** Share pod and node caches and timers with the other kubelets (see startNodeAgents). */
  hub?: KubeletHub;
  /** Report sandboxes and containers to this node's container runtime; IDs then come from it. */
  runtime?: RuntimeHooks;
  /** Run mirror pods too (off: the static pod code owns them). */
  manageMirrorPods?: boolean;
  /** Called whenever a pod is queued, for a group that runs many kubelets (see agents.ts). */
  onWork?: () => void;
}

interface PodState {
  uid: string;
  stage: "new" | "creating" | "pulling" | "running" | "killing";
  start: StartState;
  /** When the current step is due. */
  due: number;
  cancel?: () => void;
  sandbox?: { id: string };
  pullStarted?: number;
}

/** Go's time.Duration.String() for a pull time: "812ms", "1.234s". */
function pullDuration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(3).replace(/\.?0+$/, "")}s`;
}

export class PodLifecycle extends QueueController {
  readonly hub: KubeletHub;
  readonly #events: EventRecorder;
  readonly #states = new Map<string, PodState>();
  readonly #ranges = new Map<Family, HostLocalRange>();
  /** Images already on the node, for IfNotPresent. */
  readonly #images = new Set<string>();

  constructor(
    private readonly client: ApiClient,
    clock: VirtualClock,
    private readonly random: SeededRandom,
    readonly nodeName: string,
    private readonly opts: PodLifecycleOptions = {},
  ) {
    super(`kubelet-pods:${nodeName}`, clock);
    this.hub = opts.hub ?? new KubeletHub(client, clock);
    this.#events = new EventRecorder(() => client, "kubelet", nodeName, nodeUser(nodeName));
    const onWork = opts.onWork;
    if (onWork) {
      // Every way a key enters the queue (events, timers, retries) ends in add: tell the group.
      const add = this.queue.add.bind(this.queue);
      this.queue.add = (k: string) => {
        add(k);
        onWork();
      };
    }
    this.#syncRanges(this.hub.nodes.get(undefined, nodeName));
    // A restarted kubelet finds its running pods and their addresses again.
    for (const pod of this.hub.pods.byIndex("node", nodeName)) {
      if (pod.status?.phase === "Running" && pod.status.podIPs?.length && !pod.spec.hostNetwork) {
        for (const { ip } of pod.status.podIPs) {
          const parsed = IP.tryParse(ip);
          if (parsed) this.#ranges.get(parsed.family)?.reserve(parsed, pod.metadata.uid!);
        }
      }
      this.queue.add(key(pod));
    }
    this.onStop(
      this.hub.watchPods(nodeName, (type, pod) => {
        if (type === "DELETED") this.#forget(key(pod), pod.metadata.uid);
        this.queue.add(key(pod));
      }),
    );
    this.onStop(
      this.hub.watchNode(nodeName, (node) => {
        const before = [...this.#ranges.values()].map(String).join();
        this.#syncRanges(node);
        if ([...this.#ranges.values()].map(String).join() === before) return;
        for (const [k, st] of this.#states) if (st.stage === "creating") this.queue.add(k);
      }),
    );
    this.onStop(() => {
      for (const st of this.#states.values()) st.cancel?.();
    });
  }

  /** The pod IPs host-local handed out on this node, by family. */
  get ranges(): ReadonlyMap<Family, HostLocalRange> {
    return this.#ranges;
  }

  #syncRanges(node: Node | undefined): void {
    for (const text of node?.spec.podCIDRs ?? []) {
      const c = CIDR.tryParse(text);
      if (c && this.#ranges.get(c.family)?.subnet.toString() !== c.toString()) this.#ranges.set(c.family, new HostLocalRange(c));
    }
  }

  /** A pod that left the node: its timers stop and its addresses go back to host-local. */
  #forget(k: string, uid: string | undefined): void {
    const st = this.#states.get(k);
    if (!st || st.uid !== uid) return;
    st.cancel?.();
    for (const r of this.#ranges.values()) r.release(st.uid);
    this.#states.delete(k);
  }

  #at(k: string, st: PodState, due: number): void {
    st.cancel?.();
    st.due = due;
    st.cancel = this.hub.at(due, () => this.queue.add(k));
  }

  protected sync(k: string): void {
    const [ns, name] = k.split("/") as [string, string];
    const pod = this.hub.pods.get(ns, name);
    let st = this.#states.get(k);
    if (st && (!pod || pod.metadata.uid !== st.uid || pod.spec.nodeName !== this.nodeName)) {
      this.#forget(k, st.uid);
      st = undefined;
    }
    if (!pod || pod.spec.nodeName !== this.nodeName) return;
    if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined && !this.opts.manageMirrorPods) return;
    const now = this.clock.now();
    if (!st) {
      const adopted = pod.status?.phase === "Running" && pod.status.containerStatuses?.every((c) => c.state.running);
      st = {
        uid: pod.metadata.uid!,
        stage: adopted ? "running" : "new",
        start: { hostIPs: [], podIPs: (pod.status?.podIPs ?? []).map((p) => p.ip), startTime: parseTime(pod.status?.startTime) ?? now, sandboxReady: Boolean(adopted) },
        due: now,
      };
      this.#states.set(k, st);
    }
    if (pod.metadata.deletionTimestamp) return this.#terminate(k, pod, st, now);
    if (isPodTerminal(pod) || st.due > now) return;
    switch (st.stage) {
      case "new":
        return this.#accept(k, pod, st, now);
      case "creating":
        return this.#createSandbox(k, pod, st, now);
      case "pulling":
        return this.#run(pod, st, now);
    }
  }

  #hostIPs(): string[] {
    const node = this.hub.nodes.get(undefined, this.nodeName);
    return node ? nodeInternalIPs(node) : [];
  }

  #writeStatus(pod: Pod, st: PodState, now: number): void {
    try {
      this.client.update(PODS, pod.metadata.namespace, { ...pod, status: podStatus(pod, st.start, now) } as Pod, { user: { username: `system:node:${this.nodeName}`, groups: ["system:nodes", "system:authenticated"] }, subresource: "status" });
    } catch (e) {
      if (isStatusError(e) && e.reason === "NotFound") return;
      throw e;
    }
  }

  #accept(k: string, pod: Pod, st: PodState, now: number): void {
    st.start.hostIPs = this.#hostIPs();
    st.start.startTime = now;
    this.#writeStatus(pod, st, now);
    st.stage = "creating";
    this.#at(k, st, now + SANDBOX_DELAY_MS);
  }

  #createSandbox(k: string, pod: Pod, st: PodState, now: number): void {
    const hostIPs = this.#hostIPs();
    if (pod.spec.hostNetwork) {
      st.start.podIPs = hostIPs;
    } else {
      const node = this.hub.nodes.get(undefined, this.nodeName);
      const families = (node?.spec.podCIDRs ?? []).map((c) => CIDR.tryParse(c)?.family).filter((f): f is Family => f !== undefined);
      if (!families.length || families.some((f) => !this.#ranges.has(f))) {
        this.#events.event(pod, "Warning", "NetworkNotReady", NETWORK_NOT_READY);
        return this.#at(k, st, now + SANDBOX_RETRY_MS);
      }
      const ips: string[] = [];
      try {
        for (const f of families) ips.push(this.#ranges.get(f)!.allocate(st.uid).toString());
      } catch (e) {
        for (const r of this.#ranges.values()) r.release(st.uid);
        if (!(e instanceof RangeFullError)) throw e;
        const sandbox = this.random.hex(64);
        this.#events.event(
          pod,
          "Warning",
          "FailedCreatePodSandBox",
          `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${sandbox}": plugin type="host-local" failed (add): ${e.message}`,
        );
        return this.#at(k, st, now + SANDBOX_RETRY_MS);
      }
      st.start.podIPs = ips;
    }
    const sandbox = this.opts.runtime?.runSandbox({ name: pod.metadata.name!, namespace: pod.metadata.namespace!, uid: st.uid, hostNetwork: Boolean(pod.spec.hostNetwork) }, now);
    st.sandbox = sandbox;
    st.start.hostIPs = hostIPs;
    st.start.sandboxReady = true;
    this.#writeStatus(pod, st, now);
    // Pulls run one after another, as the kubelet's serialized image puller does.
    let pull = 0;
    for (const c of pod.spec.containers) {
      const image = c.image ?? "";
      if (c.imagePullPolicy !== "Always" && this.#images.has(image)) continue;
      this.#events.event(pod, "Normal", "Pulling", `Pulling image "${image}"`);
      pull += 100 * (5 + this.random.int(26));
    }
    st.stage = "pulling";
    this.#at(k, st, now + Math.max(pull, 100));
    st.pullStarted = now;
  }

  #run(pod: Pod, st: PodState, now: number): void {
    const started = st.pullStarted ?? now;
    const sandbox = st.sandbox;
    const ids: string[] = [];
    for (const c of pod.spec.containers) {
      const image = c.image ?? "";
      if (c.imagePullPolicy !== "Always" && this.#images.has(image)) {
        this.#events.event(pod, "Normal", "Pulled", `Container image "${image}" already present on machine`);
      } else {
        const took = pullDuration(Math.max(1, now - started));
        this.#events.event(pod, "Normal", "Pulled", `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${imageSize(image)} bytes.`);
        this.#images.add(image);
      }
      this.#events.event(pod, "Normal", "Created", `Created container: ${c.name}`);
      this.#events.event(pod, "Normal", "Started", `Started container ${c.name}`);
      const command = [...(c.command ?? []), ...(c.args ?? [])];
      ids.push(sandbox && this.opts.runtime ? this.opts.runtime.start(sandbox, { name: c.name, image, command }, now).id : this.random.hex(64));
    }
    st.start.running = { containerIDs: ids, startedAt: now };
    st.stage = "running";
    this.#writeStatus(pod, st, now);
  }

  #terminate(k: string, pod: Pod, st: PodState, now: number): void {
    if (st.stage !== "killing") {
      if (st.stage === "running") for (const c of pod.spec.containers) this.#events.event(pod, "Normal", "Killing", `Stopping container ${c.name}`);
      st.stage = "killing";
    }
    const deadline = parseTime(pod.metadata.deletionTimestamp) ?? now;
    if (deadline > now) return this.#at(k, st, deadline);
    try {
      this.client.delete(PODS, pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, user: { username: `system:node:${this.nodeName}`, groups: ["system:nodes", "system:authenticated"] } });
    } catch (e) {
      if (!isStatusError(e) || e.reason !== "NotFound") throw e;
    }
  }
}

function key(pod: Pod): string {
  return objectKey(pod.metadata.namespace, pod.metadata.name!);
}

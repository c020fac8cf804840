/**
 * MirrorPods: the API's view of a kubelet's static pods (pkg/kubelet/pod/mirror_client.go and the
 * status manager). For each static pod the kubelet creates a mirror pod named <pod>-<node>, annotated
 * with kubernetes.io/config.mirror and owned by the Node, and keeps its status in step with the
 * containers: Running, ready, the restart count of each container and its CrashLoopBackOff wait.
 * A mirror pod whose static pod is gone or was replaced is deleted (and recreated for the new one).
 * While the apiserver does not answer, the work waits for the next sync.
 */
import type { ApiClient } from "../../apiserver/client.ts";
import type { VirtualClock } from "../../apiserver/machinery/clock.ts";
import { isStatusError } from "../../apiserver/machinery/errors.ts";
import { deepEqual } from "../../apiserver/machinery/object.ts";
import { rfc3339 } from "../../apiserver/machinery/time.ts";
import type { Controller } from "../../apiserver/controllers/queue.ts";
import type { Node } from "../../apiserver/registry/node/types.ts";
import { MIRROR_POD_ANNOTATION, type ContainerStatus, type Pod, type PodCondition, type PodStatus } from "../../apiserver/registry/pod/types.ts";
import type { Container } from "../runtime.ts";
import { digestOf, imageID, normalizeImage } from "./images.ts";
import type { StaticPod, StaticPods } from "./static-pods.ts";

const PODS = { group: "", version: "v1", resource: "pods" };
const NODES = { group: "", version: "v1", resource: "nodes" };

/** The kubelet's config.hash of a static pod: a digest of its manifest (32 hex digits, as upstream's). */
export function configHash(pod: StaticPod): string {
  return digestOf(`${pod.path}\n${pod.text}`).slice(0, 32);
}

export class MirrorPods implements Controller {
  readonly name: string;
  #dirty = true;
  /** A static pod's manifest never changes (an edit makes a new one): hash each once, not every sync. */
  readonly #hashes = new WeakMap<StaticPod, string>();

  #hash(sp: StaticPod): string {
    let h = this.#hashes.get(sp);
    if (h === undefined) this.#hashes.set(sp, (h = configHash(sp)));
    return h;
  }

  constructor(
    private readonly client: ApiClient,
    private readonly clock: VirtualClock,
    readonly nodeName: string,
    private readonly staticPods: () => StaticPods | undefined,
    private readonly nodeIPs: readonly string[],
  ) {
    this.name = `kubelet-mirror:${nodeName}`;
  }

  /** Something changed on the node: the next step brings the API up to date. */
  markDirty(): void {
    this.#dirty = true;
  }

  processNext(): boolean {
    if (!this.#dirty) return false;
    try {
      this.#dirty = false;
      return this.#sync();
    } catch {
      // No apiserver (or no kube-system yet): try again at the next settle, without spinning now.
      this.#dirty = true;
      return false;
    }
  }

  stop(): void {}

  #user() {
    return { username: `system:node:${this.nodeName}`, groups: ["system:nodes", "system:authenticated"] };
  }

  #sync(): boolean {
    const pods = this.staticPods();
    if (!pods) return false;
    const existing = (this.client.list(PODS, undefined).items as unknown as Pod[]).filter(
      (p) => p.spec.nodeName === this.nodeName && p.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined,
    );
    let worked = false;
    const wanted = new Map([...pods.pods.values()].map((sp) => [`${sp.namespace}/${sp.fullName}`, sp]));
    for (const mirror of existing) {
      const sp = wanted.get(`${mirror.metadata.namespace}/${mirror.metadata.name}`);
      if (sp && mirror.metadata.annotations![MIRROR_POD_ANNOTATION] === this.#hash(sp)) continue;
      this.client.delete(PODS, mirror.metadata.namespace, mirror.metadata.name!, { gracePeriodSeconds: 0, user: this.#user() });
      worked = true;
    }
    for (const sp of pods.pods.values()) {
      let mirror = existing.find((p) => p.metadata.namespace === sp.namespace && p.metadata.name === sp.fullName && p.metadata.annotations![MIRROR_POD_ANNOTATION] === this.#hash(sp));
      if (!mirror) {
        mirror = this.#create(sp);
        if (!mirror) continue;
        worked = true;
      }
      const status = this.#status(sp, pods.containersOf(sp), mirror.status);
      if (!deepEqual(status, mirror.status)) {
        this.client.update(PODS, sp.namespace, { ...mirror, status } as Pod, { user: this.#user(), subresource: "status" });
        worked = true;
      }
    }
    return worked;
  }

  #create(sp: StaticPod): Pod | undefined {
    let node: Node;
    try {
      node = this.client.get(NODES, undefined, this.nodeName) as Node;
    } catch (e) {
      // The Node registers first; its agent's update marks the mirror pods dirty again.
      if (isStatusError(e) && e.reason === "NotFound") {
        this.#dirty = true;
        return undefined;
      }
      throw e;
    }
    const m = sp.manifest as { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
    const hash = this.#hash(sp);
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: sp.fullName,
        namespace: sp.namespace,
        labels: { ...sp.labels },
        annotations: {
          ...sp.annotations,
          "kubernetes.io/config.hash": hash,
          [MIRROR_POD_ANNOTATION]: hash,
          "kubernetes.io/config.seen": new Date(sp.createdAt).toISOString().replace("Z", "000000Z"),
          "kubernetes.io/config.source": "file",
        },
        ownerReferences: [{ apiVersion: "v1", kind: "Node", name: this.nodeName, uid: node.metadata.uid!, controller: true }],
      },
      spec: { ...(m.spec ?? {}), nodeName: this.nodeName },
    } as unknown as Pod;
    return this.client.create(PODS, sp.namespace, pod, { user: this.#user() }) as Pod;
  }

  #status(sp: StaticPod, containers: readonly Container[], prev: PodStatus | undefined): PodStatus {
    const now = this.clock.now();
    const statuses: ContainerStatus[] = sp.containers.map((spec) => {
      const all = containers.filter((c) => c.name === spec.name);
      const last = all[all.length - 1];
      const before = all[all.length - 2];
      const image = normalizeImage(spec.image);
      const terminated = (c: Container) => ({
        terminated: {
          exitCode: c.exitCode ?? 0,
          reason: c.exitCode ? "Error" : "Completed",
          startedAt: rfc3339(c.startedAt ?? c.createdAt),
          finishedAt: rfc3339(c.finishedAt ?? now),
          containerID: `containerd://${c.id}`,
        },
      });
      if (!last) return { image, imageID: "", lastState: {}, name: spec.name, ready: false, restartCount: 0, started: false, state: { waiting: { reason: "ContainerCreating" } } };
      const running = last.state === "Running";
      const backoff = sp.backoffUntil.get(spec.name);
      return {
        containerID: `containerd://${last.id}`,
        image,
        imageID: imageID(spec.image),
        lastState: before ? terminated(before) : {},
        name: spec.name,
        ready: running,
        restartCount: Math.max(0, all.length - 1),
        started: running,
        state: running
          ? { running: { startedAt: rfc3339(last.startedAt ?? last.createdAt) } }
          : backoff !== undefined
            ? { waiting: { reason: "CrashLoopBackOff", message: `back-off restarting failed container=${spec.name} pod=${sp.fullName}_${sp.namespace}(${sp.uid})` } }
            : terminated(last),
      };
    });
    const ready = statuses.every((s) => s.ready);
    const cond = (type: string, ok: boolean, reason?: string, message?: string): PodCondition => {
      const old = prev?.conditions?.find((c) => c.type === type);
      const status = ok ? "True" : "False";
      return {
        lastProbeTime: null,
        lastTransitionTime: old && old.status === status ? old.lastTransitionTime : rfc3339(now),
        status,
        type,
        ...(reason ? { reason } : {}),
        ...(message ? { message } : {}),
      };
    };
    const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
    const msg = unready.length ? `containers with unready status: [${unready.join(" ")}]` : undefined;
    return {
      phase: "Running",
      conditions: [
        cond("PodReadyToStartContainers", sp.sandbox !== null),
        cond("Initialized", true),
        cond("Ready", ready, ready ? undefined : "ContainersNotReady", msg),
        cond("ContainersReady", ready, ready ? undefined : "ContainersNotReady", msg),
        cond("PodScheduled", true),
      ],
      hostIP: this.nodeIPs[0],
      hostIPs: this.nodeIPs.map((ip) => ({ ip })),
      podIP: this.nodeIPs[0],
      podIPs: this.nodeIPs.map((ip) => ({ ip })),
      startTime: rfc3339(sp.createdAt),
      containerStatuses: statuses,
      qosClass: "Burstable",
    };
  }
}

/**
 * The pod status a kubelet writes at each step of starting a pod (pkg/kubelet/kubelet_pods.go
 * generateAPIPodStatus and pkg/kubelet/status): the five conditions in the kubelet's order, container
 * statuses from waiting (ContainerCreating) to running, host and pod IPs.
 */
import { rfc3339 } from "../../apiserver/machinery/time.ts";
import type { ContainerStatus, Pod, PodCondition, PodStatus } from "../../apiserver/registry/pod/types.ts";
import { imageID, normalizeImage } from "./images.ts";

export interface StartState {
  hostIPs: string[];
  podIPs: string[];
  startTime: number;
  sandboxReady: boolean;
  /** Set once the containers run: their IDs and the time they started. */
  running?: { containerIDs: string[]; startedAt: number };
}

function condition(pod: Pod, prev: PodStatus | undefined, type: string, status: "True" | "False", now: number, reason?: string, message?: string): PodCondition {
  const old = prev?.conditions?.find((c) => c.type === type);
  const c: PodCondition = {
    lastProbeTime: null,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : rfc3339(now),
    status,
    type,
  };
  if (pod.metadata.generation !== undefined) c.observedGeneration = pod.metadata.generation;
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

export function podStatus(pod: Pod, s: StartState, now: number): PodStatus {
  const prev = pod.status;
  const names = pod.spec.containers.map((c) => c.name);
  const running = s.running !== undefined;
  const notReady = running ? undefined : `containers with unready status: [${names.join(" ")}]`;
  const containerStatuses: ContainerStatus[] = pod.spec.containers.map((c, i) => {
    const image = normalizeImage(c.image ?? "");
    if (running) {
      return {
        containerID: `containerd://${s.running!.containerIDs[i]}`,
        image,
        imageID: imageID(c.image ?? ""),
        lastState: {},
        name: c.name,
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: rfc3339(s.running!.startedAt) } },
      };
    }
    return { image: c.image ?? "", imageID: "", lastState: {}, name: c.name, ready: false, restartCount: 0, started: false, state: { waiting: { reason: "ContainerCreating" } } };
  });
  const status: PodStatus = {
    ...(pod.metadata.generation !== undefined ? { observedGeneration: pod.metadata.generation } : {}),
    phase: running ? "Running" : "Pending",
    conditions: [
      condition(pod, prev, "PodReadyToStartContainers", s.sandboxReady ? "True" : "False", now),
      condition(pod, prev, "Initialized", "True", now),
      condition(pod, prev, "Ready", running ? "True" : "False", now, running ? undefined : "ContainersNotReady", notReady),
      condition(pod, prev, "ContainersReady", running ? "True" : "False", now, running ? undefined : "ContainersNotReady", notReady),
      condition(pod, prev, "PodScheduled", "True", now),
    ],
    hostIP: s.hostIPs[0],
    hostIPs: s.hostIPs.map((ip) => ({ ip })),
    startTime: rfc3339(s.startTime),
    containerStatuses,
    qosClass: prev?.qosClass ?? "BestEffort",
  };
  if (s.podIPs.length) {
    status.podIP = s.podIPs[0];
    status.podIPs = s.podIPs.map((ip) => ({ ip }));
  }
  return status;
}

/** Pod columns, printPod in pkg/printers/internalversion/printers.go (v1.34). */
import { age, humanDuration, parseTime } from "../../machinery/time.ts";
import type { TableDef } from "../../machinery/table.ts";
import type { Pod } from "./types.ts";

/** The NodeLost reason the node lifecycle controller writes on pods of an unreachable node. */
const NODE_UNREACHABLE_POD_REASON = "NodeLost";

/** The READY, STATUS and RESTARTS cells. */
export function podStatusCells(pod: Pod, now: number): { ready: string; reason: string; restarts: string } {
  let restarts = 0;
  let lastRestart = 0;
  const spec = pod.spec;
  let totalContainers = spec.containers.length;
  let readyContainers = 0;
  const phase = pod.status?.phase ?? "";
  let reason: string = pod.status?.reason || phase;
  for (const c of pod.status?.conditions ?? []) if (c.type === "PodScheduled" && c.reason === "SchedulingGated") reason = "SchedulingGated";
  const restartableInit = new Set((spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always").map((c) => c.name));
  totalContainers += restartableInit.size;

  let initializing = false;
  let initRestarts = 0;
  let initLastRestart = 0;
  const initStatuses = pod.status?.initContainerStatuses ?? [];
  initStatuses.forEach((c, i) => {
    restarts += c.restartCount;
    const finished = parseTime(c.lastState.terminated?.finishedAt) ?? 0;
    if (finished > lastRestart) lastRestart = finished;
    if (restartableInit.has(c.name)) {
      initRestarts += c.restartCount;
      if (finished > initLastRestart) initLastRestart = finished;
    }
    if (c.state.terminated && c.state.terminated.exitCode === 0) return;
    if (restartableInit.has(c.name) && c.started) {
      if (c.ready) readyContainers++;
      return;
    }
    if (initializing) return;
    initializing = true;
    if (c.state.terminated) {
      const t = c.state.terminated;
      reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    } else if (c.state.waiting?.reason && c.state.waiting.reason !== "PodInitializing") {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
  });

  const initializedTrue = pod.status?.conditions?.some((c) => c.type === "Initialized" && c.status === "True") ?? false;
  if (!initializing || initializedTrue) {
    restarts = initRestarts;
    lastRestart = initLastRestart;
    let hasRunning = false;
    const statuses = pod.status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount;
      const finished = parseTime(c.lastState.terminated?.finishedAt) ?? 0;
      if (finished > lastRestart) lastRestart = finished;
      if (c.state.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose last container completed while another still runs is Running again (or NotReady).
    if (reason === "Completed" && hasRunning) {
      reason = pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ? "Running" : "NotReady";
    }
  }
  if (pod.metadata.deletionTimestamp && pod.status?.reason === NODE_UNREACHABLE_POD_REASON) reason = "Unknown";
  else if (pod.metadata.deletionTimestamp && phase !== "Succeeded" && phase !== "Failed") reason = "Terminating";

  const restartsText = restarts !== 0 && lastRestart ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${readyContainers}/${totalContainers}`, reason, restarts: restartsText };
}

export const podTable: TableDef<Pod> = {
  columns: [
    { name: "Name", priority: 0 },
    { name: "Ready", priority: 0 },
    { name: "Status", priority: 0 },
    { name: "Restarts", priority: 0 },
    { name: "Age", priority: 0 },
    { name: "IP", priority: 1 },
    { name: "Node", priority: 1 },
    { name: "Nominated Node", priority: 1 },
    { name: "Readiness Gates", priority: 1 },
  ],
  row: (pod, now) => {
    const { ready, reason, restarts } = podStatusCells(pod, now);
    const gates = pod.spec.readinessGates ?? [];
    let readiness = "<none>";
    if (gates.length) {
      const trueCount = gates.filter((g) => pod.status?.conditions?.find((c) => c.type === g.conditionType)?.status === "True").length;
      readiness = `${trueCount}/${gates.length}`;
    }
    return [
      pod.metadata.name!,
      ready,
      reason,
      restarts,
      age(pod.metadata.creationTimestamp, now),
      pod.status?.podIPs?.[0]?.ip || "<none>",
      pod.spec.nodeName || "<none>",
      pod.status?.nominatedNodeName || "<none>",
      readiness,
    ];
  },
};

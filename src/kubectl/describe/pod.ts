/**
 * describePod (k8s.io/kubectl/pkg/describe/describe.go, v0.34): the pod's node and times, IPs,
 * controller, each container's image, ports, state, readiness and mounts, the conditions, the volumes
 * (the service account's projected token as describe names it), QoS, node selectors and tolerations.
 */
import { rfc1123Z, parseTime } from "../../apiserver/machinery/time.ts";
import type { Event } from "../../apiserver/registry/event/types.ts";
import { podQOSClass } from "../../apiserver/registry/pod/defaults.ts";
import { controllerOf, type Container, type ContainerState, type Pod, type Toleration, type Volume } from "../../apiserver/registry/pod/types.ts";
import { describeEvents } from "./events.ts";
import { annotationsMultiline, DescribeWriter, labelsMultiline, type Describer } from "./writer.ts";

function time(ts: string | undefined): string {
  const t = parseTime(ts);
  return t === undefined ? "" : rfc1123Z(t);
}

/** describeContainerState: State, then the reason or start/finish times one level in. */
function containerState(w: DescribeWriter, title: string, s: ContainerState): void {
  if (s.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${time(s.running.startedAt)}\n`);
  } else if (s.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    if (s.waiting.reason) w.write(3, `Reason:\t${s.waiting.reason}\n`);
  } else if (s.terminated) {
    w.write(2, `${title}:\tTerminated\n`);
    if (s.terminated.reason) w.write(3, `Reason:\t${s.terminated.reason}\n`);
    if (s.terminated.message) w.write(3, `Message:\t${s.terminated.message}\n`);
    w.write(3, `Exit Code:\t${s.terminated.exitCode}\n`);
    if (s.terminated.signal) w.write(3, `Signal:\t${s.terminated.signal}\n`);
    w.write(3, `Started:\t${time(s.terminated.startedAt)}\n`);
    w.write(3, `Finished:\t${time(s.terminated.finishedAt)}\n`);
  } else {
    w.write(2, `${title}:\tWaiting\n`);
  }
}

function describeContainers(w: DescribeWriter, title: string, containers: Container[], pod: Pod): void {
  w.write(0, `${title}:\n`);
  for (const c of containers) {
    const status = pod.status?.containerStatuses?.find((s) => s.name === c.name) ?? pod.status?.initContainerStatuses?.find((s) => s.name === c.name);
    w.write(1, `${c.name}:\n`);
    if (status?.containerID) w.write(2, `Container ID:\t${status.containerID}\n`);
    w.write(2, `Image:\t${c.image ?? ""}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID}\n`);
    const ports = c.ports ?? [];
    // describeContainerPorts / describeContainerHostPorts: "80/TCP", "<none>" without ports.
    if (ports.length <= 1) {
      w.write(2, `Port:\t${ports.length ? `${ports[0]!.containerPort}/${ports[0]!.protocol ?? "TCP"}` : "<none>"}\n`);
      w.write(2, `Host Port:\t${ports.length ? `${ports[0]!.hostPort ?? 0}/${ports[0]!.protocol ?? "TCP"}` : "<none>"}\n`);
    } else {
      w.write(2, `Ports:\t${ports.map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}`).join(", ")}\n`);
      w.write(2, `Host Ports:\t${ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`).join(", ")}\n`);
    }
    if (c.command?.length) {
      w.write(2, "Command:\n");
      for (const s of c.command) w.write(3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(2, "Args:\n");
      for (const s of c.args) w.write(3, `${s}\n`);
    }
    if (status) {
      containerState(w, "State", status.state);
      if (status.lastState.running || status.lastState.waiting || status.lastState.terminated) containerState(w, "Last State", status.lastState);
      w.write(2, `Ready:\t${status.ready ? "True" : "False"}\n`);
      w.write(2, `Restart Count:\t${status.restartCount}\n`);
    }
    const res = c.resources ?? {};
    for (const [label, list] of [["Limits", res.limits], ["Requests", res.requests]] as const) {
      if (!list || !Object.keys(list).length) continue;
      w.write(2, `${label}:\n`);
      for (const k of Object.keys(list).sort()) w.write(3, `${k}:\t${list[k]}\n`);
    }
    if (!c.env?.length) w.write(2, "Environment:\t<none>\n");
    else {
      w.write(2, "Environment:\n");
      for (const e of c.env) w.write(3, `${e.name}:\t${e.value ?? ""}\n`);
    }
    const mounts = c.volumeMounts ?? [];
    if (!mounts.length) w.write(2, "Mounts:\t<none>\n");
    else {
      w.write(2, "Mounts:\n");
      for (const m of [...mounts].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1))) {
        const flags = [m.readOnly ? "ro" : "rw", ...(m.subPath ? [`path="${m.subPath}"`] : [])];
        w.write(3, `${m.mountPath} from ${m.name} (${flags.join(",")})\n`);
      }
    }
  }
}

function describeVolume(w: DescribeWriter, v: Volume): void {
  w.write(1, `${v.name}:\n`);
  if (v.projected) {
    w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
    for (const s of v.projected.sources ?? []) {
      const token = s.serviceAccountToken as { expirationSeconds?: number } | undefined;
      const cm = s.configMap as { name?: string; optional?: boolean } | undefined;
      if (token) w.write(2, `TokenExpirationSeconds:\t${token.expirationSeconds ?? 3600}\n`);
      else if (cm) {
        w.write(2, `ConfigMapName:\t${cm.name ?? ""}\n`);
        w.write(2, `Optional:\t${Boolean(cm.optional)}\n`);
      } else if (s.downwardAPI) w.write(2, "DownwardAPI:\ttrue\n");
    }
  } else if (v.hostPath) {
    w.write(2, "Type:\tHostPath (bare host directory volume)\n");
    w.write(2, `Path:\t${v.hostPath.path}\n`);
    w.write(2, `HostPathType:\t${v.hostPath.type ?? ""}\n`);
  } else if (v.emptyDir) {
    w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
    w.write(2, `Medium:\t${v.emptyDir.medium ?? ""}\n`);
    w.write(2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? "<unset>"}\n`);
  } else if (v.configMap) {
    w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n");
    w.write(2, `Name:\t${v.configMap.name ?? ""}\n`);
    w.write(2, `Optional:\t${Boolean(v.configMap.optional)}\n`);
  } else {
    w.write(2, "<unknown>\n");
  }
}

/** printTolerationsMultiline: `key=value:effect op=Exists for 300s`, sorted by key. */
function tolerationText(t: Toleration): string {
  let s = t.key ?? "";
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === "Exists" && !t.value) s += t.key ? " op=Exists" : "op=Exists";
  if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
  return s;
}

export const describePod: Describer = (obj, ctx) => {
  const pod = obj as Pod;
  const w = new DescribeWriter();
  const st = pod.status ?? {};
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${pod.metadata.namespace}\n`);
  if (pod.spec.priority !== undefined) w.write(0, `Priority:\t${pod.spec.priority}\n`);
  if (pod.spec.priorityClassName) w.write(0, `Priority Class Name:\t${pod.spec.priorityClassName}\n`);
  if (pod.spec.serviceAccountName) w.write(0, `Service Account:\t${pod.spec.serviceAccountName}\n`);
  if (pod.spec.nodeName) w.write(0, `Node:\t${pod.spec.nodeName}/${st.hostIP ?? ""}\n`);
  else w.write(0, "Node:\t<none>\n");
  if (st.startTime) w.write(0, `Start Time:\t${time(st.startTime)}\n`);
  labelsMultiline(w, "Labels", pod.metadata.labels);
  annotationsMultiline(w, "Annotations", pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp) {
    w.write(0, `Status:\tTerminating (lasts ${"<unknown>"})\n`.replace(" (lasts <unknown>)", ""));
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 30}s\n`);
  } else {
    w.write(0, `Status:\t${st.phase ?? ""}\n`);
  }
  if (st.reason) w.write(0, `Reason:\t${st.reason}\n`);
  if (st.message) w.write(0, `Message:\t${st.message}\n`);
  w.write(0, `IP:\t${st.podIP ?? ""}\n`);
  if (st.podIPs?.length) {
    w.write(0, "IPs:\n");
    for (const ip of st.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  } else w.write(0, "IPs:\t<none>\n");
  const owner = controllerOf(pod);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (pod.spec.initContainers?.length) describeContainers(w, "Init Containers", pod.spec.initContainers, pod);
  describeContainers(w, "Containers", pod.spec.containers, pod);
  if (st.conditions?.length) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  const volumes = pod.spec.volumes ?? [];
  if (!volumes.length) w.write(0, "Volumes:\t<none>\n");
  else {
    w.write(0, "Volumes:\n");
    for (const v of volumes) describeVolume(w, v);
  }
  w.write(0, `QoS Class:\t${st.qosClass ?? podQOSClass(pod.spec)}\n`);
  labelsMultiline(w, "Node-Selectors", pod.spec.nodeSelector);
  const tolerations = [...(pod.spec.tolerations ?? [])].sort((a, b) => ((a.key ?? "") < (b.key ?? "") ? -1 : (a.key ?? "") > (b.key ?? "") ? 1 : 0));
  w.write(0, "Tolerations:\t");
  if (!tolerations.length) w.write(0, "<none>\n");
  else tolerations.forEach((t, i) => w.write(0, `${i ? "\t" : ""}${tolerationText(t)}\n`));
  if (ctx.events) describeEvents(w, ctx.events as Event[], ctx.now);
  return w.toString();
};

/**
 * SetDefaults_Pod, SetDefaults_PodSpec and SetDefaults_Container (pkg/apis/core/v1/defaults.go). The
 * spec and container defaults also apply to pod templates inside Deployments, ReplicaSets and
 * DaemonSets; enableServiceLinks only to Pods.
 */
import type { Container, Pod, PodSpec } from "./types.ts";

/** parsers.ParseImageName's tag: "latest" when the reference has neither tag nor digest. */
export function imageTag(image: string): string {
  const at = image.indexOf("@");
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = name.lastIndexOf("/");
  const colon = name.indexOf(":", lastSlash + 1);
  if (colon >= 0) return name.slice(colon + 1);
  return at >= 0 ? "" : "latest";
}

export function setContainerDefaults(c: Container, hostNetwork: boolean): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? "") === "latest" ? "Always" : "IfNotPresent";
  if (!c.terminationMessagePath) c.terminationMessagePath = "/dev/termination-log";
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = "File";
  // ResourceRequirements is a struct, so it is always written, if only as {}.
  c.resources ??= {};
  for (const p of c.ports ?? []) {
    if (!p.protocol) p.protocol = "TCP";
    // defaultHostNetworkPorts: a host-network container listens on the node's port.
    if (hostNetwork && !p.hostPort) p.hostPort = p.containerPort;
  }
}

export function setPodSpecDefaults(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = "ClusterFirst";
  if (!spec.restartPolicy) spec.restartPolicy = "Always";
  spec.securityContext ??= {};
  if (spec.terminationGracePeriodSeconds === undefined) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = "default-scheduler";
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) setContainerDefaults(c, Boolean(spec.hostNetwork));
}

export function setPodDefaults(pod: Pod): void {
  const spec = (pod.spec ??= { containers: [] });
  spec.containers ??= [];
  setPodSpecDefaults(spec);
  if (spec.enableServiceLinks === undefined) spec.enableServiceLinks = true;
}

/** qos.GetPodQOS: Guaranteed when every container limits cpu and memory equal to requests, BestEffort with none. */
export function podQOSClass(spec: PodSpec): string {
  const containers = [...(spec.initContainers ?? []), ...spec.containers];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ["cpu", "memory"]) {
      if (!lim[r] || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

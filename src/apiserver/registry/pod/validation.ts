/**
 * Pod validation after pkg/apis/core/validation/validation.go (v1.34): the parts the sandbox's pods and
 * pod templates exercise (containers, ports, restart and DNS policy, node selector, tolerations), with
 * upstream's paths and messages. The pod-spec checks are shared with the workload templates.
 */
import { field, FieldPath, type FieldError } from "../../machinery/errors.ts";
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { isDNS1123Label, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum, nameIsDNSSubdomain } from "../../machinery/names.ts";
import { deepEqual } from "../../machinery/object.ts";
import { isValidIP } from "../../machinery/ipvalidation.ts";
import type { Container, Pod, PodSpec, Toleration } from "./types.ts";

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const TOLERATION_OPERATORS = ["Equal", "Exists"];
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

function validateContainer(c: Container, path: FieldPath, names: Set<string>, hostNetwork: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(field.required(path.child("name")));
  else {
    for (const m of isDNS1123Label(c.name)) errs.push(field.invalid(path.child("name"), c.name, m));
    if (names.has(c.name)) errs.push(field.duplicate(path.child("name"), c.name));
    names.add(c.name);
  }
  if (!c.image || !c.image.trim()) errs.push(field.required(path.child("image")));
  else if (c.image !== c.image.trim()) errs.push(field.invalid(path.child("image"), c.image, "must not have leading or trailing whitespace"));
  if (c.imagePullPolicy && !PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(field.notSupported(path.child("imagePullPolicy"), c.imagePullPolicy, PULL_POLICIES));
  const portNames = new Set<string>();
  (c.ports ?? []).forEach((p, i) => {
    const pp = path.child("ports").index(i);
    if (p.name) {
      for (const m of isValidPortName(p.name)) errs.push(field.invalid(pp.child("name"), p.name, m));
      if (portNames.has(p.name)) errs.push(field.duplicate(pp.child("name"), p.name));
      portNames.add(p.name);
    }
    if (!p.containerPort) errs.push(field.required(pp.child("containerPort")));
    else for (const m of isValidPortNum(p.containerPort)) errs.push(field.invalid(pp.child("containerPort"), p.containerPort, m));
    if (p.hostPort) for (const m of isValidPortNum(p.hostPort)) errs.push(field.invalid(pp.child("hostPort"), p.hostPort, m));
    if (!p.protocol) errs.push(field.required(pp.child("protocol")));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(field.notSupported(pp.child("protocol"), p.protocol, PROTOCOLS));
    if (hostNetwork && p.hostPort !== undefined && p.hostPort !== p.containerPort) {
      errs.push(field.invalid(pp.child("containerPort"), p.containerPort, "must match `hostPort` when `hostNetwork` is true"));
    }
  });
  return errs;
}

function validateTolerations(tolerations: readonly Toleration[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const p = path.index(i);
    if (t.key) for (const m of isQualifiedName(t.key)) errs.push(field.invalid(p.child("key"), t.key, m));
    if (!t.key && t.operator !== "Exists") errs.push(field.invalid(p.child("operator"), t.operator ?? "", "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
      errs.push(field.invalid(p.child("effect"), t.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (t.operator && !TOLERATION_OPERATORS.includes(t.operator)) errs.push(field.notSupported(p.child("operator"), t.operator, TOLERATION_OPERATORS));
    if (t.operator === "Exists" && t.value) errs.push(field.invalid(p.child("operator"), t.value, "value must be empty when `operator` is 'Exists'"));
    if ((!t.operator || t.operator === "Equal") && t.value) {
      for (const m of isValidLabelValue(t.value)) errs.push(field.invalid(p.child("operator"), t.value, m));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(field.notSupported(p.child("effect"), t.effect, TAINT_EFFECTS));
  });
  return errs;
}

/** ValidatePodSpec's checks, under `path` (spec, or spec.template.spec). */
export function validatePodSpec(spec: PodSpec | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec) return [field.required(path.child("containers"))];
  const names = new Set<string>();
  (spec.initContainers ?? []).forEach((c, i) => errs.push(...validateContainer(c, path.child("initContainers").index(i), names, Boolean(spec.hostNetwork))));
  if (!spec.containers?.length) errs.push(field.required(path.child("containers")));
  (spec.containers ?? []).forEach((c, i) => errs.push(...validateContainer(c, path.child("containers").index(i), names, Boolean(spec.hostNetwork))));
  if (!spec.restartPolicy) errs.push(field.required(path.child("restartPolicy")));
  else if (!RESTART_POLICIES.includes(spec.restartPolicy)) errs.push(field.notSupported(path.child("restartPolicy"), spec.restartPolicy, RESTART_POLICIES));
  if (!spec.dnsPolicy) errs.push(field.required(path.child("dnsPolicy")));
  else if (!DNS_POLICIES.includes(spec.dnsPolicy)) errs.push(field.notSupported(path.child("dnsPolicy"), spec.dnsPolicy, DNS_POLICIES));
  if (spec.nodeSelector) errs.push(...validateLabels(spec.nodeSelector, path.child("nodeSelector")));
  if (spec.nodeName) for (const m of nameIsDNSSubdomain(spec.nodeName, false)) errs.push(field.invalid(path.child("nodeName"), spec.nodeName, m));
  if (spec.terminationGracePeriodSeconds !== undefined && spec.terminationGracePeriodSeconds < 0) {
    errs.push(field.invalid(path.child("terminationGracePeriodSeconds"), spec.terminationGracePeriodSeconds, "must be greater than or equal to 0"));
  }
  if (spec.tolerations) errs.push(...validateTolerations(spec.tolerations, path.child("tolerations")));
  if (spec.hostname) for (const m of isDNS1123Label(spec.hostname)) errs.push(field.invalid(path.child("hostname"), spec.hostname, m));
  if (spec.subdomain) for (const m of isDNS1123Label(spec.subdomain)) errs.push(field.invalid(path.child("subdomain"), spec.subdomain, m));
  return errs;
}

export function validatePod(pod: Pod): FieldError[] {
  return [...validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain, FieldPath.root("metadata")), ...validatePodSpec(pod.spec, FieldPath.root("spec"))];
}

/** The message ValidatePodUpdate gives (without the spec diff upstream appends). */
export const POD_UPDATE_FORBIDDEN =
  "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata, FieldPath.root("metadata"));
  errs.push(...validatePodSpec(pod.spec, FieldPath.root("spec")));
  // The mutable fields are copied from the new spec onto the old one; anything else that differs is refused.
  const mutable = (spec: PodSpec, from: PodSpec): PodSpec => ({
    ...spec,
    containers: spec.containers.map((c, i) => ({ ...c, image: from.containers[i]?.image ?? c.image })),
    initContainers: spec.initContainers?.map((c, i) => ({ ...c, image: from.initContainers?.[i]?.image ?? c.image })),
    activeDeadlineSeconds: from.activeDeadlineSeconds,
    tolerations: from.tolerations,
    terminationGracePeriodSeconds: from.terminationGracePeriodSeconds,
  });
  const added = (old.spec.tolerations ?? []).every((t) => (pod.spec.tolerations ?? []).some((n) => deepEqual(n, t)));
  if (!deepEqual(mutable(old.spec, pod.spec), pod.spec) || !added || old.spec.containers.length !== pod.spec.containers.length) {
    errs.push(field.forbidden("spec", POD_UPDATE_FORBIDDEN));
  }
  return errs;
}

/** ValidatePodStatusUpdate's address checks: valid IPs, at most one per family. */
export function validatePodStatusUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata, FieldPath.root("metadata"));
  const ips = pod.status?.podIPs ?? [];
  const path = FieldPath.root("status").child("podIPs");
  ips.forEach((ip, i) => errs.push(...isValidIP(path.index(i), ip.ip)));
  if (ips.length > 1 && ips[0]!.ip.includes(":") === ips[1]!.ip.includes(":")) {
    errs.push(field.invalid(path, ips, "may specify no more than one IP for each IP family"));
  }
  if (ips.length > 2) errs.push(field.tooMany(path, ips.length, 2));
  return errs;
}

/**
 * pkg/registry/core/service/strategy.go plus the storage hooks of pkg/registry/core/service/storage:
 * ClusterIP/ClusterIPs normalization, allocation in beginCreate/beginUpdate (before validation, so
 * family and allocator errors come first), release after delete, and the wiping of fields that a type
 * change makes meaningless.
 */
import type { RESTStrategy, StorageHooks } from "../../machinery/rest.ts";
import { deepEqual } from "../../machinery/object.ts";
import { FieldPath } from "../../machinery/errors.ts";
import { ipWarnings } from "../../machinery/ipvalidation.ts";
import type { ServiceAllocators } from "./alloc.ts";
import { externallyAccessible, needsClusterIP, needsHealthCheck, needsNodePort, type Service } from "./types.ts";
import { validateService, validateServiceUpdate } from "./validation.ts";

const same = (a: unknown, b: unknown) => deepEqual(a ?? null, b ?? null);

export const serviceStrategy = {
  prepareForCreate(svc) {
    svc.status = { loadBalancer: {} };
  },
  validate: (svc) => validateService(svc),
  warningsOnCreate: (svc) => serviceWarnings(svc),
  prepareForUpdate(svc, old) {
    svc.status = old.status;
    dropTypeDependentFields(svc, old);
  },
  validateUpdate: (svc, old) => validateServiceUpdate(svc, old),
  warningsOnUpdate: (svc) => serviceWarnings(svc),
} satisfies RESTStrategy<Service>;

/**
 * The IP parts of GetWarningsForService (pkg/api/service/warnings.go): legacy IP fields accept sloppy
 * text (StrictIPCIDRValidation is off in 1.34) but warn about it, and fields the type ignores are named.
 */
function serviceWarnings(svc: Service): string[] {
  const spec = svc.spec;
  const warnings: string[] = [];
  const path = FieldPath.root("spec");
  // helper.IsServiceIPSet: a ClusterIP that is neither empty nor None.
  if (spec.clusterIP && spec.clusterIP !== "None") {
    (spec.clusterIPs ?? []).forEach((ip, i) => warnings.push(...ipWarnings(path.child("clusterIPs").index(i), ip)));
  }
  (spec.externalIPs ?? []).forEach((ip, i) => warnings.push(...ipWarnings(path.child("externalIPs").index(i), ip)));
  if (spec.loadBalancerIP) warnings.push(...ipWarnings(path.child("loadBalancerIP"), spec.loadBalancerIP));
  if (spec.type === "ExternalName" && (spec.externalIPs?.length ?? 0) > 0) warnings.push('spec.externalIPs is ignored when spec.type is "ExternalName"');
  if (spec.type !== "ExternalName" && spec.externalName) warnings.push('spec.externalName is ignored when spec.type is not "ExternalName"');
  return warnings;
}

/** normalizeClusterIPs (storage.go): keep the singular and plural fields in step for old clients. */
export function normalizeClusterIPs(svc: Service, old: Service | null): void {
  const spec = svc.spec;
  if (!old) {
    if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
    return;
  }
  if ((old.spec.clusterIPs?.length ?? 0) > 0 && !spec.clusterIPs?.length && (old.spec.clusterIP ?? "") === (spec.clusterIP ?? "")) {
    spec.clusterIPs = old.spec.clusterIPs;
  }
  if ((old.spec.clusterIP ?? "") !== (spec.clusterIP ?? "")) {
    if (old.spec.clusterIP && !spec.clusterIP && same(old.spec.clusterIPs, spec.clusterIPs)) delete spec.clusterIPs;
    if (spec.clusterIP && same(old.spec.clusterIPs, spec.clusterIPs)) spec.clusterIPs = [spec.clusterIP];
  }
}

/** patchAllocatedValues: fill in what the client left out but the server had allocated. */
function patchAllocatedValues(svc: Service, old: Service): void {
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    if (!svc.spec.clusterIP) svc.spec.clusterIP = old.spec.clusterIP;
    if (!svc.spec.clusterIPs?.length && old.spec.clusterIPs?.length) svc.spec.clusterIPs = old.spec.clusterIPs;
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    // NodePorts are matched by port name only (the user may have changed the rest of the port), and a
    // number both old and new already use is never patched in again.
    const used = (s: Service) => new Set((s.spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
    const newUsed = used(svc);
    const both = new Set([...used(old)].filter((n) => newUsed.has(n)));
    const byName = new Map<string, number>();
    for (const p of old.spec.ports ?? []) byName.set(p.name ?? "", p.nodePort ?? 0);
    for (const p of svc.spec.ports ?? []) {
      if (p.nodePort) continue;
      const oldVal = byName.get(p.name ?? "") ?? 0;
      if (oldVal && !both.has(oldVal)) p.nodePort = oldVal;
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(svc) && !svc.spec.healthCheckNodePort) svc.spec.healthCheckNodePort = old.spec.healthCheckNodePort;
}

export function dropTypeDependentFields(svc: Service, old: Service): void {
  const spec = svc.spec;
  if (needsClusterIP(old) && !needsClusterIP(svc)) {
    if (same(old.spec.clusterIPs, spec.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (same(old.spec.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if (same(old.spec.ipFamilyPolicy, spec.ipFamilyPolicy)) delete spec.ipFamilyPolicy;
  }
  const nodePorts = (s: Service) => (s.spec.ports ?? []).map((p) => p.nodePort ?? 0);
  if (needsNodePort(old) && !needsNodePort(svc) && same(nodePorts(old), nodePorts(svc))) {
    for (const p of spec.ports ?? []) delete p.nodePort;
  }
  if (needsHealthCheck(old) && !needsHealthCheck(svc) && old.spec.healthCheckNodePort === spec.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (old.spec.type === "LoadBalancer" && spec.type !== "LoadBalancer") {
    if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts === old.spec.allocateLoadBalancerNodePorts) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if (same(old.spec.loadBalancerClass, spec.loadBalancerClass)) delete spec.loadBalancerClass;
    svc.status = { ...svc.status, loadBalancer: {} };
  }
  if (externallyAccessible(old) && !externallyAccessible(svc) && old.spec.externalTrafficPolicy === spec.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
}

export function serviceStorageHooks(alloc: () => ServiceAllocators): StorageHooks<Service> {
  return {
    beginCreate(svc, ctx) {
      normalizeClusterIPs(svc, null);
      return alloc().allocateCreate(svc, ctx.dryRun);
    },
    beginUpdate(svc, old, ctx) {
      patchAllocatedValues(svc, old);
      normalizeClusterIPs(svc, old);
      return alloc().allocateUpdate(svc, old, ctx.dryRun);
    },
    afterDelete(svc) {
      alloc().release(svc);
    },
  };
}

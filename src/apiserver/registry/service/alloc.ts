/**
 * Service IP and port allocation, after pkg/registry/core/service/storage/alloc.go: family defaulting
 * (initIPFamilyFields), ClusterIP allocation per family, NodePorts, and their release. Everything here
 * runs inside the create/update request, before validation, and is undone if the request fails.
 */
import { apiErrors, field, FieldPath, type FieldError } from "../../machinery/errors.ts";
import type { Transaction } from "../../machinery/rest.ts";
import { deepEqual } from "../../machinery/object.ts";
import { IP, parseIPDetailed, parseIPSloppy, type Family } from "../../../net/index.ts";
import { AllocatorError } from "../../allocators/clusterip/errors.ts";
import type { MetaAllocator } from "../../allocators/clusterip/meta-allocator.ts";
import { PortAllocatorError, type NodePortAllocator } from "../../allocators/nodeport/allocator.ts";
import { familyOfIP, validateClusterIPsRelatedFields } from "./validation.ts";
import {
  CLUSTER_IP_NONE,
  needsClusterIP,
  needsHealthCheck,

  shouldAllocateNodePorts,
  type IPFamily,
  type Service,
} from "./types.ts";

const SPEC = FieldPath.root("spec");

function invalid(svc: Service, errs: FieldError[]) {
  return apiErrors.invalid("", "Service", svc.metadata.name ?? "", errs);
}

const otherFamily = (f: IPFamily): IPFamily => (f === "IPv4" ? "IPv6" : "IPv4");
const sameList = (a: unknown[] | undefined, b: unknown[] | undefined) => deepEqual(a ?? [], b ?? []);
/** alloc.go reducedClusterIPs/reducedIPFamilies: shorter than before, but not left out altogether. */
const reduced = (next: unknown[] | undefined, prev: unknown[] | undefined) => (next?.length ?? 0) > 0 && next!.length < (prev?.length ?? 0);

/** Undo/finish work, collected as a request proceeds (transaction.go metaTransaction). */
class Txn implements Transaction {
  readonly #reverts: (() => void)[] = [];
  readonly #commits: (() => void)[] = [];
  onRevert(fn: () => void) {
    this.#reverts.push(fn);
  }
  onCommit(fn: () => void) {
    this.#commits.push(fn);
  }
  commit() {
    for (const f of this.#commits) f();
  }
  revert() {
    for (const f of [...this.#reverts].reverse()) f();
  }
}

export class ServiceAllocators {
  constructor(
    /** One per family of --service-cluster-ip-range, primary first. */
    private readonly ipAllocators: ReadonlyMap<Family, MetaAllocator>,
    private readonly defaultFamily: Family,
    private readonly nodePorts: NodePortAllocator,
  ) {}

  get families(): Family[] {
    return [...this.ipAllocators.keys()];
  }

  allocateCreate(svc: Service, dryRun: boolean): Transaction {
    const txn = new Txn();
    try {
      this.initIPFamilyFields(svc, null);
      this.#allocClusterIPs(svc, dryRun, txn);
      this.#allocNodePorts(svc, dryRun, txn);
      return txn;
    } catch (e) {
      txn.revert();
      throw e;
    }
  }

  allocateUpdate(svc: Service, old: Service, dryRun: boolean): Transaction {
    const txn = new Txn();
    try {
      this.initIPFamilyFields(svc, old);
      this.#updateClusterIPs(svc, old, dryRun, txn);
      this.#updateNodePorts(svc, old, dryRun, txn);
      return txn;
    } catch (e) {
      txn.revert();
      throw e;
    }
  }

  /** releaseAllocatedResources: on delete, every ClusterIP and NodePort goes back. */
  release(svc: Service): void {
    if (needsClusterIP(svc) && svc.spec.clusterIPs?.[0] !== CLUSTER_IP_NONE) {
      for (const ip of svc.spec.clusterIPs ?? []) this.#releaseIP(ip);
    }
    for (const p of collectNodePorts(svc)) this.nodePorts.release(p);
    if (needsHealthCheck(svc) && svc.spec.healthCheckNodePort) this.nodePorts.release(svc.spec.healthCheckNodePort);
  }

  /** initIPFamilyFields: defaults ipFamilyPolicy and ipFamilies and checks them against the cluster. */
  initIPFamilyFields(svc: Service, old: Service | null): void {
    const spec = svc.spec;
    if (spec.type === "ExternalName") return;
    if (isMatchingPreferDualStack(svc, old)) return;
    if (spec.ipFamilyPolicy === undefined) {
      if (old?.spec.ipFamilyPolicy) spec.ipFamilyPolicy = old.spec.ipFamilyPolicy;
      else spec.ipFamilyPolicy = spec.clusterIP === CLUSTER_IP_NONE && Object.keys(spec.selector ?? {}).length === 0 ? "RequireDualStack" : "SingleStack";
    }
    const pre = validateClusterIPsRelatedFields(svc);
    if (pre.length) throw invalid(svc, pre);
    const el: FieldError[] = [];
    const policyPath = SPEC.child("ipFamilyPolicy");
    if (old) {
      if (spec.ipFamilyPolicy === "SingleStack") {
        // Setting the policy to SingleStack with the lists untouched is a clear request to downgrade.
        if (sameList(old.spec.clusterIPs, spec.clusterIPs) && (spec.clusterIPs?.length ?? 0) > 1) spec.clusterIPs = spec.clusterIPs!.slice(0, 1);
        if (sameList(old.spec.ipFamilies, spec.ipFamilies) && (spec.ipFamilies?.length ?? 0) > 1) spec.ipFamilies = spec.ipFamilies!.slice(0, 1);
      } else {
        // reducedClusterIPs / reducedIPFamilies: a list left empty was not specified, so it reduces nothing
        // (the families are inferred again from the clusterIPs below).
        if (reduced(spec.clusterIPs, old.spec.clusterIPs)) {
          el.push(field.invalid(policyPath, spec.ipFamilyPolicy, "must be 'SingleStack' to release the secondary cluster IP"));
        }
        if (reduced(spec.ipFamilies, old.spec.ipFamilies)) {
          el.push(field.invalid(policyPath, spec.ipFamilyPolicy, "must be 'SingleStack' to release the secondary IP family"));
        }
      }
    }
    if (spec.ipFamilyPolicy === "SingleStack") {
      if (spec.clusterIPs?.length === 2) {
        el.push(field.invalid(policyPath, spec.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
      }
      if (spec.ipFamilies?.length === 2) {
        el.push(field.invalid(policyPath, spec.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
      }
    }
    const ips = spec.clusterIPs ?? [];
    for (let i = 0; i < ips.length; i++) {
      if (ips[i] === CLUSTER_IP_NONE) break;
      const fam = familyOfIP(ips[i]!);
      if (i >= (spec.ipFamilies?.length ?? 0)) {
        if (!this.ipAllocators.has(fam)) el.push(field.invalid(SPEC.child("clusterIPs").index(i), ips, `${fam} is not configured on this cluster`));
        else (spec.ipFamilies ??= []).push(fam);
      }
    }
    if (el.length) throw invalid(svc, el);
    if (spec.clusterIP === CLUSTER_IP_NONE && Object.keys(spec.selector ?? {}).length === 0) {
      // Headless and selectorless: families are recorded, even a second one on a single-stack cluster.
      if (!spec.ipFamilies?.length) spec.ipFamilies = [this.defaultFamily];
      if (spec.ipFamilies.length < 2 && spec.ipFamilyPolicy !== "SingleStack") spec.ipFamilies.push(otherFamily(spec.ipFamilies[0]!));
      return;
    }
    if (spec.ipFamilyPolicy === "RequireDualStack" && this.ipAllocators.size < 2) {
      el.push(field.invalid(policyPath, spec.ipFamilyPolicy, "this cluster is not configured for dual-stack services"));
    }
    (spec.ipFamilies ?? []).forEach((f, i) => {
      if (!this.ipAllocators.has(f)) el.push(field.invalid(SPEC.child("ipFamilies").index(i), f, "not configured on this cluster"));
    });
    if (el.length) throw invalid(svc, el);
    if (!spec.ipFamilies?.length) spec.ipFamilies = [this.defaultFamily];
    if (spec.ipFamilyPolicy !== "SingleStack" && spec.ipFamilies.length === 1 && this.ipAllocators.size === 2) {
      spec.ipFamilies.push(otherFamily(spec.ipFamilies[0]!));
    }
  }

  #allocClusterIPs(svc: Service, dryRun: boolean, txn: Txn): void {
    const spec = svc.spec;
    if (spec.type === "ExternalName") return;
    if (spec.clusterIPs?.[0] === CLUSTER_IP_NONE) return;
    const families = spec.ipFamilies ?? [];
    const result: string[] = [];
    families.forEach((fam, i) => {
      result.push(this.#allocIP(svc, fam, spec.clusterIPs?.[i] ?? "", dryRun, txn));
    });
    spec.clusterIPs = result;
    spec.clusterIP = result[0];
  }

  #allocIP(svc: Service, fam: IPFamily, requested: string, dryRun: boolean, txn: Txn): string {
    const alloc = this.ipAllocators.get(fam)!;
    const owner = { namespace: svc.metadata.namespace!, name: svc.metadata.name! };
    if (!requested) {
      try {
        const ip = alloc.allocateNext(owner, dryRun);
        if (!dryRun) txn.onRevert(() => alloc.release(ip));
        return ip.toString();
      } catch (e) {
        if (e instanceof AllocatorError) throw apiErrors.internal(`failed to allocate a serviceIP: ${e.message}`);
        throw e;
      }
    }
    const parsed = parseIPSloppy(requested);
    if (!parsed) throw apiErrors.internal(`failed to parse service IP "${requested}"`);
    try {
      alloc.allocate(owner, parsed, dryRun);
      if (!dryRun) txn.onRevert(() => alloc.release(parsed));
    } catch (e) {
      if (e instanceof AllocatorError) {
        throw invalid(svc, [field.invalid(SPEC.child("clusterIPs"), svc.spec.clusterIPs ?? [], `failed to allocate IP ${requested}: ${e.message}`)]);
      }
      throw e;
    }
    return requested;
  }

  #updateClusterIPs(svc: Service, old: Service, dryRun: boolean, txn: Txn): void {
    if (isMatchingPreferDualStack(svc, old)) return;
    const spec = svc.spec;
    if (old.spec.type === "ExternalName" && spec.type !== "ExternalName") {
      this.#allocClusterIPs(svc, dryRun, txn);
      return;
    }
    if (old.spec.clusterIPs?.[0] === CLUSTER_IP_NONE) return;
    if (old.spec.type !== "ExternalName" && spec.type === "ExternalName") {
      const release = [...(old.spec.clusterIPs ?? [])];
      if (!dryRun) txn.onCommit(() => release.forEach((ip) => this.#releaseIP(ip)));
      return;
    }
    const upgraded = old.spec.ipFamilies?.length === 1 && spec.ipFamilies?.length === 2;
    const downgraded = old.spec.ipFamilies?.length === 2 && spec.ipFamilies?.length === 1;
    if (upgraded) {
      const ips = (spec.clusterIPs ??= []);
      if (ips.length < 2) ips.push("");
      ips[1] = this.#allocIP(svc, spec.ipFamilies![1]!, ips[1]!, dryRun, txn);
      return;
    }
    if (downgraded) {
      const secondary = old.spec.clusterIPs?.[1];
      if (secondary && !dryRun) txn.onCommit(() => this.#releaseIP(secondary));
    }
  }

  /** txnAllocNodePorts + initNodePorts + allocHealthCheckNodePort (alloc.go), for a create. */
  #allocNodePorts(svc: Service, dryRun: boolean, txn: Txn): void {
    const op = new PortOperation(this.nodePorts, dryRun);
    txn.onCommit(() => op.commit());
    txn.onRevert(() => op.finish());
    const ports = svc.spec.ports ?? [];
    if (svc.spec.type === "NodePort" || svc.spec.type === "LoadBalancer") {
      // A port number that appears twice (TCP and UDP 53) gets one NodePort for both.
      const byPort = new Map<number, number>();
      ports.forEach((sp, i) => {
        // Don't allocate new ports, but do respect specific requests.
        if (!sp.nodePort && !shouldAllocateNodePorts(svc)) return;
        const allocated = byPort.get(sp.port) ?? 0;
        if (allocated === 0) {
          // findRequestedNodePort: the first port of that number with a nodePort the user asked for.
          const np = ports.find((q) => q.port === sp.port && q.nodePort)?.nodePort ?? 0;
          if (np) {
            nodePortInvalid(svc, i, np, () => op.allocate(np));
            sp.nodePort = np;
          } else {
            sp.nodePort = nodePortNext(() => op.allocateNext());
          }
          byPort.set(sp.port, sp.nodePort);
        } else if (sp.nodePort !== allocated) {
          if (!sp.nodePort) sp.nodePort = allocated;
          else {
            const np = sp.nodePort;
            nodePortInvalid(svc, i, np, () => op.allocate(np));
          }
        }
      });
    }
    if (needsHealthCheck(svc)) allocHealthCheckNodePort(svc, op);
  }

  /** txnUpdateNodePorts + updateNodePorts + updateHealthCheckNodePort (alloc.go), for an update. */
  #updateNodePorts(svc: Service, old: Service, dryRun: boolean, txn: Txn): void {
    const op = new PortOperation(this.nodePorts, dryRun);
    txn.onCommit(() => op.commit());
    txn.onRevert(() => op.finish());
    const wasNodePort = old.spec.type === "NodePort" || old.spec.type === "LoadBalancer";
    const isNodePort = svc.spec.type === "NodePort" || svc.spec.type === "LoadBalancer";
    // To ClusterIP or ExternalName: every old NodePort goes back once the update is stored.
    if (wasNodePort && (svc.spec.type === "ExternalName" || svc.spec.type === "ClusterIP")) {
      for (const p of collectNodePorts(old)) op.releaseDeferred(p);
    }
    if (isNodePort) {
      const oldNumbers = collectNodePorts(old);
      const seen: { protocol: string; nodePort: number }[] = [];
      const portAllocated = new Set<number>();
      (svc.spec.ports ?? []).forEach((sp, i) => {
        if (!sp.nodePort && !shouldAllocateNodePorts(svc)) return;
        const protocol = sp.protocol ?? "TCP";
        if (sp.nodePort) {
          const np = sp.nodePort;
          if (!oldNumbers.includes(np) && !portAllocated.has(np)) {
            nodePortInvalid(svc, i, np, () => op.allocate(np));
            portAllocated.add(np);
          }
        } else {
          // Unlike a create, an update gives each port without a nodePort its own.
          sp.nodePort = nodePortNext(() => op.allocateNext());
        }
        if (seen.some((n) => n.protocol === protocol && n.nodePort === sp.nodePort)) {
          // A plain error upstream (not a field error): the handler reports it as a 500 without a reason.
          throw apiErrors.custom(500, "", `duplicate nodePort: {${protocol} ${sp.nodePort}}`);
        }
        seen.push({ protocol, nodePort: sp.nodePort! });
      });
      const newNumbers = collectNodePorts(svc);
      for (const p of oldNumbers) if (!newNumbers.includes(p)) op.releaseDeferred(p);
    }
    const needed = needsHealthCheck(old);
    const needs = needsHealthCheck(svc);
    if (!needed && needs) allocHealthCheckNodePort(svc, op);
    else if (needed && !needs && old.spec.healthCheckNodePort) op.releaseDeferred(old.spec.healthCheckNodePort);
  }

  #releaseIP(text: string): void {
    const ip = parseIPSloppy(text);
    if (!ip) return;
    this.ipAllocators.get(ip.family)?.release(ip);
  }
}

const sloppyIP = parseIPSloppy;

/** isMatchingPreferDualStackClusterIPFields: an untouched PreferDualStack service is never re-stacked. */
function isMatchingPreferDualStack(svc: Service, old: Service | null): boolean {
  if (!old || svc.spec.ipFamilyPolicy === undefined) return false;
  if (old.spec.type !== svc.spec.type) return false;
  if (!needsClusterIP(svc)) return false;
  if (svc.spec.ipFamilyPolicy !== "PreferDualStack") return false;
  if (old.spec.ipFamilyPolicy !== undefined && old.spec.ipFamilyPolicy !== "PreferDualStack") return false;
  return sameList(old.spec.clusterIPs, svc.spec.clusterIPs) && sameList(old.spec.ipFamilies, svc.spec.ipFamilies);
}


/**
 * portallocator.PortAllocationOperation (pkg/registry/core/service/portallocator/operation.go): what an
 * operation allocated goes back unless it commits; releases wait for the commit. A dry run allocates
 * nothing: a requested port is only checked against the ports in use (not against the range), and an
 * automatic one is a placeholder counting up from 32769, exactly as upstream's dry-run AllocateNext.
 */
class PortOperation {
  readonly #allocated: number[] = [];
  readonly #releaseDeferred: number[] = [];
  #committed = false;

  constructor(
    private readonly pa: NodePortAllocator,
    private readonly dryRun: boolean,
  ) {}

  allocate(port: number): void {
    if (this.dryRun) {
      if (this.pa.has(port) || this.#allocated.includes(port)) throw new PortAllocatorError("allocated", "provided port is already allocated");
      this.#allocated.push(port);
      return;
    }
    this.pa.allocate(port);
    this.#allocated.push(port);
  }

  allocateNext(): number {
    if (this.dryRun) {
      const last = this.#allocated.length ? Math.max(...this.#allocated) : 32768;
      this.#allocated.push(last + 1);
      return last + 1;
    }
    const port = this.pa.allocateNext();
    this.#allocated.push(port);
    return port;
  }

  releaseDeferred(port: number): void {
    this.#releaseDeferred.push(port);
  }

  commit(): void {
    this.#committed = true;
    if (this.dryRun) return;
    for (const p of this.#releaseDeferred) this.pa.release(p);
  }

  /** Rolls back what was allocated, unless the operation committed. */
  finish(): void {
    if (this.#committed || this.dryRun) return;
    for (const p of this.#allocated) this.pa.release(p);
    this.#allocated.length = 0;
  }
}

/** collectServiceNodePorts: every non-zero nodePort of the Service's ports. */
function collectNodePorts(svc: Service): number[] {
  return (svc.spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((p) => p !== 0);
}

/** A requested NodePort that cannot be had: a field error on spec.ports[i].nodePort with the port. */
function nodePortInvalid(svc: Service, i: number, port: number, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof PortAllocatorError) {
      throw invalid(svc, [field.invalid(SPEC.child("ports").index(i).child("nodePort"), port, e.message)]);
    }
    throw e;
  }
}

function nodePortNext(fn: () => number): number {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PortAllocatorError) throw apiErrors.internal(`failed to allocate a nodePort: ${e.message}`);
    throw e;
  }
}

/** allocHealthCheckNodePort: the requested port or any free one; failures are internal errors. */
function allocHealthCheckNodePort(svc: Service, op: PortOperation): void {
  const hc = svc.spec.healthCheckNodePort ?? 0;
  try {
    if (hc) op.allocate(hc);
    else svc.spec.healthCheckNodePort = op.allocateNext();
  } catch (e) {
    if (e instanceof PortAllocatorError) {
      // The dynamic message prints the shadowed port variable, which is 0 on failure.
      throw apiErrors.internal(hc ? `failed to allocate requested HealthCheck NodePort ${hc}: ${e.message}` : `failed to allocate a HealthCheck NodePort 0: ${e.message}`);
    }
    throw e;
  }
}

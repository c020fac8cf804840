/**
 * Service IP and port allocation, after pkg/registry/core/service/storage/alloc.go: family defaulting
 * (initIPFamilyFields), ClusterIP allocation per family, NodePorts, and their release. Everything here
 * runs inside the create/update request, before validation, and is undone if the request fails.
 */
import { apiErrors, field, FieldPath, type FieldError } from "../../machinery/errors.ts";
import type { Transaction } from "../../machinery/rest.ts";
import { deepEqual } from "../../machinery/object.ts";
import { IP, parseIPDetailed, type Family } from "../../../net/index.ts";
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
      this.#allocNodePorts(svc, null, dryRun, txn);
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
      this.#allocNodePorts(svc, old, dryRun, txn);
      return txn;
    } catch (e) {
      txn.revert();
      throw e;
    }
  }

  /** releaseAllocatedResources: on delete, every ClusterIP and NodePort goes back. */
  release(svc: Service): void {
    if (needsClusterIP(svc)) {
      for (const ip of svc.spec.clusterIPs ?? []) this.#releaseIP(ip);
    }
    for (const p of svc.spec.ports ?? []) if (p.nodePort) this.nodePorts.release(p.nodePort);
    if (svc.spec.healthCheckNodePort) this.nodePorts.release(svc.spec.healthCheckNodePort);
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
        if ((spec.clusterIPs?.length ?? 0) < (old.spec.clusterIPs?.length ?? 0) && (old.spec.clusterIPs?.length ?? 0) === 2) {
          el.push(field.invalid(policyPath, spec.ipFamilyPolicy, "must be 'SingleStack' to release the secondary cluster IP"));
        }
        if ((spec.ipFamilies?.length ?? 0) < (old.spec.ipFamilies?.length ?? 0) && (old.spec.ipFamilies?.length ?? 0) === 2) {
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
    const parsed = parseIPDetailed(requested);
    if (!parsed.ip) throw apiErrors.internal(`failed to parse service IP "${requested}"`);
    try {
      alloc.allocate(owner, parsed.ip, dryRun);
      if (!dryRun) txn.onRevert(() => alloc.release(parsed.ip!));
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

  #allocNodePorts(svc: Service, old: Service | null, dryRun: boolean, txn: Txn): void {
    const taken: number[] = [];
    const take = (port: number) => {
      this.nodePorts.allocate(port);
      taken.push(port);
    };
    const takeNext = () => {
      const p = this.nodePorts.allocateNext();
      taken.push(p);
      return p;
    };
    // Revert gives back what this request took; dry-run gives it back at once either way.
    txn.onRevert(() => taken.forEach((p) => this.nodePorts.release(p)));
    const oldPorts = new Set<number>();
    if (old) {
      for (const p of old.spec.ports ?? []) if (p.nodePort) oldPorts.add(p.nodePort);
      if (old.spec.healthCheckNodePort) oldPorts.add(old.spec.healthCheckNodePort);
    }
    const keep = new Set<number>();
    const ports = svc.spec.ports ?? [];
    if (svc.spec.type === "NodePort" || (svc.spec.type === "LoadBalancer" && shouldAllocateNodePorts(svc)) || (svc.spec.type === "LoadBalancer" && ports.some((p) => p.nodePort))) {
      const byPort = new Map<number, number>();
      ports.forEach((sp, i) => {
        if (!sp.nodePort && !shouldAllocateNodePorts(svc)) return;
        const already = byPort.get(sp.port);
        const path = SPEC.child("ports").index(i).child("nodePort");
        try {
          if (already === undefined) {
            const requested = sp.nodePort || ports.slice(i).find((q) => q.port === sp.port && q.nodePort)?.nodePort || 0;
            if (requested) {
              if (oldPorts.has(requested)) keep.add(requested);
              else take(requested);
              sp.nodePort = requested;
            } else {
              sp.nodePort = takeNext();
            }
            byPort.set(sp.port, sp.nodePort);
          } else if (sp.nodePort !== already) {
            if (!sp.nodePort) sp.nodePort = already;
            else if (oldPorts.has(sp.nodePort)) keep.add(sp.nodePort);
            else take(sp.nodePort);
          }
        } catch (e) {
          if (e instanceof PortAllocatorError) {
            if (e.kind === "full") throw apiErrors.internal(`failed to allocate a nodePort: ${e.message}`);
            throw invalid(svc, [field.invalid(path, sp.nodePort || 0, e.message)]);
          }
          throw e;
        }
      });
    }
    if (needsHealthCheck(svc)) {
      const hc = svc.spec.healthCheckNodePort;
      try {
        if (hc) {
          if (oldPorts.has(hc)) keep.add(hc);
          else take(hc);
        } else {
          svc.spec.healthCheckNodePort = takeNext();
        }
      } catch (e) {
        if (e instanceof PortAllocatorError) {
          throw apiErrors.internal(hc ? `failed to allocate requested HealthCheck NodePort ${hc}: ${e.message}` : `failed to allocate a nodePort: ${e.message}`);
        }
        throw e;
      }
    }
    for (const p of ports) if (p.nodePort) keep.add(p.nodePort);
    const toRelease = [...oldPorts].filter((p) => !keep.has(p));
    txn.onCommit(() => {
      if (dryRun) taken.forEach((p) => this.nodePorts.release(p));
      else toRelease.forEach((p) => this.nodePorts.release(p));
    });
  }

  #releaseIP(text: string): void {
    const ip = IP.tryParse(text) ?? parseIPDetailed(text).ip;
    if (!ip) return;
    this.ipAllocators.get(ip.family)?.release(ip);
  }
}

/** isMatchingPreferDualStackClusterIPFields: an untouched PreferDualStack service is never re-stacked. */
function isMatchingPreferDualStack(svc: Service, old: Service | null): boolean {
  if (!old || svc.spec.ipFamilyPolicy === undefined) return false;
  if (old.spec.type !== svc.spec.type) return false;
  if (!needsClusterIP(svc)) return false;
  if (svc.spec.ipFamilyPolicy !== "PreferDualStack") return false;
  if (old.spec.ipFamilyPolicy !== undefined && old.spec.ipFamilyPolicy !== "PreferDualStack") return false;
  return sameList(old.spec.clusterIPs, svc.spec.clusterIPs) && sameList(old.spec.ipFamilies, svc.spec.ipFamilies);
}


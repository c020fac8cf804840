/**
 * Lease (coordination.k8s.io/v1): each kubelet renews one in kube-node-lease as its heartbeat, which
 * `kubectl describe node` shows as HolderIdentity, AcquireTime and RenewTime.
 */
import type { KubeObject } from "../../machinery/object.ts";
import { STANDARD_VERBS, type ResourceDef } from "../../machinery/resource.ts";

export interface Lease extends KubeObject {
  spec: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

export const LEASE: ResourceDef = {
  group: "coordination.k8s.io",
  versions: ["v1"],
  kind: "Lease",
  plural: "leases",
  singular: "lease",
  shortNames: [],
  namespaced: true,
  verbs: STANDARD_VERBS,
};

export const NODE_LEASE_NAMESPACE = "kube-node-lease";

// The default ServiceCIDR and Service default/kubernetes, after k/k
// pkg/controlplane/controller/defaultservicecidr/default_servicecidr_controller.go and
// pkg/controlplane/controller/kubernetesservice/controller.go, plus the migration scenarios of
// test/integration/servicecidr/migration_test.go.
import { describe, expect, it } from "vitest";
import {
  SERVICE_CIDRS,
  START,
  createService,
  createServiceCIDR,
  deleteService,
  getIPAddress,
  getService,
  getServiceCIDR,
  newCluster,
  tryGet,
  SERVICES,
  type TestCluster,
} from "./harness.ts";
import type { Event } from "../../src/apiserver/registry/event/types.ts";

const FINALIZER = "networking.k8s.io/service-cidr-finalizer";
const EVENTS = { group: "", version: "v1", resource: "events" };

function restart(t: TestCluster, range: string): void {
  const args = t.cluster.spec.apiserverArgs.map((a) => (a.startsWith("--service-cluster-ip-range=") ? `--service-cluster-ip-range=${range}` : a));
  expect(t.cluster.startApiServer(args)).toBeNull();
  t.advance(0);
}

const events = (t: TestCluster) => t.api.list(EVENTS, "default").items as Event[];

describe("bootstrap", () => {
  it("creates the `kubernetes` ServiceCIDR from the flags", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    const sc = getServiceCIDR(t.api, "kubernetes");
    expect(sc.spec.cidrs).toEqual(["10.96.0.0/28"]);
    expect(sc.metadata.finalizers).toEqual([FINALIZER]);
    expect(sc.metadata.creationTimestamp).toBe("2025-11-03T09:00:00Z");
    const dual = newCluster({ range: "fd00:10:96::/112,10.96.0.0/24" });
    expect(getServiceCIDR(dual.api, "kubernetes").spec.cidrs).toEqual(["fd00:10:96::/112", "10.96.0.0/24"]);
  });

  it("writes the flag's prefixes in canonical form (the controller gets parsed net.IPNets)", () => {
    const t = newCluster({ range: "10.96.0.1/28,fd00:0:0::/112" });
    expect(getServiceCIDR(t.api, "kubernetes").spec.cidrs).toEqual(["10.96.0.0/28", "fd00::/112"]);
    expect(getService(t.api, "kubernetes").spec.clusterIP).toBe("10.96.0.1");
    t.advance(30_000);
    expect(events(t).filter((e) => e.reason === "KubernetesDefaultServiceCIDRInconsistent")).toEqual([]);
  });

  it("without a controller-manager the apiserver marks it ready itself", () => {
    const t = newCluster({ controllerManager: false });
    const sc = getServiceCIDR(t.api, "kubernetes");
    expect(sc.metadata.finalizers).toBeUndefined();
    expect(sc.status?.conditions).toEqual([{ type: "Ready", status: "True", reason: "", message: "Kubernetes default Service CIDR is ready", lastTransitionTime: "2025-11-03T09:00:00Z" }]);
  });

  it("creates Service default/kubernetes at the first IP, https 443 → the secure port", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    const svc = getService(t.api, "kubernetes");
    expect(svc.metadata.labels).toEqual({ component: "apiserver", provider: "kubernetes" });
    expect(svc.spec).toMatchObject({
      type: "ClusterIP",
      clusterIP: "10.96.0.1",
      clusterIPs: ["10.96.0.1"],
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      sessionAffinity: "None",
      ports: [{ name: "https", protocol: "TCP", port: 443, targetPort: 6443 }],
    });
    expect(svc.spec.selector).toBeUndefined();
    expect(getIPAddress(t.api, "10.96.0.1").spec.parentRef).toEqual({ resource: "services", namespace: "default", name: "kubernetes" });
  });

  it("uses the primary family's first IP on a v6-first dual-stack cluster", () => {
    const t = newCluster({ range: "fd00:10:96::/112,10.96.0.0/24" });
    expect(getService(t.api, "kubernetes").spec).toMatchObject({ clusterIP: "fd00:10:96::1", ipFamilies: ["IPv6"], ipFamilyPolicy: "SingleStack" });
  });
});

describe("self-healing", () => {
  it("Service default/kubernetes comes back within 10 s after a delete", () => {
    const t = newCluster();
    t.advance(3000);
    deleteService(t.api, "kubernetes");
    expect(tryGet(t.api, SERVICES, "default", "kubernetes")).toBeUndefined();
    t.advance(6999);
    expect(tryGet(t.api, SERVICES, "default", "kubernetes")).toBeUndefined();
    t.advance(1);
    const svc = getService(t.api, "kubernetes");
    expect(svc.spec.clusterIP).toBe("10.96.0.1");
    expect(svc.metadata.creationTimestamp).toBe("2025-11-03T09:00:10Z");
  });

  it("keeps retrying while its IP is taken, and succeeds once it is free", () => {
    const t = newCluster();
    deleteService(t.api, "kubernetes");
    createService(t.api, "squatter", { clusterIP: "10.96.0.1" });
    t.advance(30_000);
    expect(tryGet(t.api, SERVICES, "default", "kubernetes")).toBeUndefined();
    deleteService(t.api, "squatter");
    t.advance(10_000);
    expect(getService(t.api, "kubernetes").spec.clusterIP).toBe("10.96.0.1");
  });

  it("the `kubernetes` ServiceCIDR, force-deleted, is recreated from the flags", () => {
    const t = newCluster();
    t.advance(5000);
    const old = getServiceCIDR(t.api, "kubernetes");
    t.api.delete(SERVICE_CIDRS, undefined, "kubernetes");
    // Blocked by kubernetes.default's IP; removing the finalizer by hand lets it go.
    t.advance(0);
    expect(getServiceCIDR(t.api, "kubernetes").status?.conditions?.[0]).toMatchObject({ status: "False", reason: "Terminating" });
    const cur = structuredClone(getServiceCIDR(t.api, "kubernetes"));
    cur.metadata.finalizers = [];
    t.api.update(SERVICE_CIDRS, undefined, cur);
    expect(tryGet(t.api, SERVICE_CIDRS, undefined, "kubernetes")).toBeUndefined();
    t.advance(10_000);
    const fresh = getServiceCIDR(t.api, "kubernetes");
    expect(fresh.metadata.uid).not.toBe(old.metadata.uid);
    expect(fresh.spec.cidrs).toEqual(["10.96.0.0/28"]);
    expect(fresh.metadata.finalizers).toEqual([FINALIZER]);
    expect(fresh.status?.conditions?.[0]).toMatchObject({ status: "True", message: "Kubernetes Service CIDR is ready" });
    expect(Date.parse(fresh.metadata.creationTimestamp!)).toBeLessThanOrEqual(START + 15_000);
  });
});

describe("flag changes on restart", () => {
  it("single → dual with the same primary upgrades the default ServiceCIDR", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    restart(t, "10.96.0.0/28,fd00::/112");
    expect(getServiceCIDR(t.api, "kubernetes").spec.cidrs).toEqual(["10.96.0.0/28", "fd00::/112"]);
    const svc = createService(t.api, "dual", { ipFamilyPolicy: "RequireDualStack" });
    expect(svc.spec.clusterIPs![1]).toMatch(/^fd00::/);
  });

  it("any other change keeps the old CIDRs and reports the inconsistency once", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    restart(t, "10.100.0.0/24");
    t.advance(30_000);
    expect(getServiceCIDR(t.api, "kubernetes").spec.cidrs).toEqual(["10.96.0.0/28"]);
    const warn = events(t).filter((e) => e.reason === "KubernetesDefaultServiceCIDRInconsistent");
    expect(warn).toHaveLength(1);
    expect(warn[0]).toMatchObject({ type: "Warning", message: "The default ServiceCIDR [10.96.0.0/28] does not match the controller flag configurations [10.100.0.0/24]" });
    // The existing Service keeps its IP; new ones still come from the old ServiceCIDR.
    expect(getService(t.api, "kubernetes").spec.clusterIP).toBe("10.96.0.1");
    expect(createService(t.api, "a").spec.clusterIP).toMatch(/^10\.96\.0\./);
  });

  it("plays TestMigrateServiceCIDR: move every Service to a new range", () => {
    const t = newCluster({ range: "192.168.0.0/29" });
    createService(t.api, "a");
    createService(t.api, "b");
    createServiceCIDR(t.api, "migration-cidr", ["10.168.0.0/24"]);
    t.advance(1000);
    t.api.delete(SERVICE_CIDRS, undefined, "kubernetes");
    t.advance(10_000);
    expect(getServiceCIDR(t.api, "kubernetes").status?.conditions?.[0]).toMatchObject({ status: "False", reason: "Terminating" });
    for (const n of ["a", "b"]) {
      deleteService(t.api, n);
      expect(createService(t.api, n).spec.clusterIP).toMatch(/^10\.168\.0\./);
    }
    restart(t, "10.168.0.0/24");
    deleteService(t.api, "kubernetes");
    t.advance(10_000);
    const sc = getServiceCIDR(t.api, "kubernetes");
    expect(sc.spec.cidrs).toEqual(["10.168.0.0/24"]);
    expect(sc.metadata.finalizers).toEqual([FINALIZER]);
    expect(sc.status?.conditions?.[0]).toMatchObject({ status: "True" });
    expect(getService(t.api, "kubernetes").spec.clusterIP).toBe("10.168.0.1");
    t.api.delete(SERVICE_CIDRS, undefined, "migration-cidr");
    t.advance(10_000);
    expect(tryGet(t.api, SERVICE_CIDRS, undefined, "migration-cidr")).toBeUndefined();
  });
});

// The kube-controller-manager's ServiceCIDR controller, after k/k
// pkg/controller/servicecidrs/servicecidrs_controller.go (finalizer, Ready condition, canDeleteCIDR,
// the 10 s deletion grace) and the integration scenarios of test/integration/servicecidr/.
import { describe, expect, it } from "vitest";
import {
  IP_ADDRESSES,
  SERVICE_CIDRS,
  START,
  createService,
  createServiceCIDR,
  deleteService,
  getServiceCIDR,
  ipAddress,
  newCluster,
  tryGet,
  type TestCluster,
} from "./harness.ts";
import { rfc3339 } from "../../src/apiserver/machinery/time.ts";

const FINALIZER = "networking.k8s.io/service-cidr-finalizer";
const TERMINATING_MSG = "There are still IPAddresses referencing the ServiceCIDR, please remove them or create a new ServiceCIDR";

const ready = (t: TestCluster, name: string) => getServiceCIDR(t.api, name).status?.conditions?.find((c) => c.type === "Ready");
const exists = (t: TestCluster, name: string) => tryGet(t.api, SERVICE_CIDRS, undefined, name) !== undefined;
const del = (t: TestCluster, name: string) => t.api.delete(SERVICE_CIDRS, undefined, name);

describe("a new ServiceCIDR", () => {
  it("gets the protection finalizer and Ready=True with an empty reason", () => {
    const t = newCluster();
    t.advance(2000);
    createServiceCIDR(t.api, "extra", ["10.100.0.0/24"]);
    t.advance(0);
    const sc = getServiceCIDR(t.api, "extra");
    expect(sc.metadata.finalizers).toEqual([FINALIZER]);
    expect(sc.status?.conditions).toEqual([
      { type: "Ready", status: "True", reason: "", message: "Kubernetes Service CIDR is ready", lastTransitionTime: rfc3339(START + 2000) },
    ]);
  });

  it("the default `kubernetes` ServiceCIDR ends up with the controller-manager's Ready message", () => {
    const t = newCluster();
    t.advance(10_000);
    const sc = getServiceCIDR(t.api, "kubernetes");
    expect(sc.metadata.finalizers).toEqual([FINALIZER]);
    expect(ready(t, "kubernetes")).toMatchObject({ status: "True", reason: "", message: "Kubernetes Service CIDR is ready" });
  });
});

describe("deleting a ServiceCIDR", () => {
  it("without dependent IPs: gone exactly 10 s after its deletionTimestamp, never marked not ready", () => {
    const t = newCluster();
    createServiceCIDR(t.api, "extra", ["10.100.0.0/24"]);
    t.advance(3000);
    const { deleted, object } = del(t, "extra");
    expect(deleted).toBe(false);
    expect(object.metadata.deletionTimestamp).toBe(rfc3339(START + 3000));
    expect(object.metadata.deletionGracePeriodSeconds).toBe(0);
    t.advance(9_999);
    expect(exists(t, "extra")).toBe(true);
    expect(ready(t, "extra")?.status).toBe("True");
    t.advance(1);
    expect(exists(t, "extra")).toBe(false);
  });

  it("with dependent IPs: stays with Ready=False Terminating until the Services go", () => {
    const t = newCluster({ range: "10.96.0.0/29" });
    createServiceCIDR(t.api, "extra", ["10.100.0.0/24"]);
    t.advance(1000);
    createService(t.api, "a", { clusterIP: "10.100.0.20" });
    createService(t.api, "b", { clusterIP: "10.100.0.21" });
    del(t, "extra");
    t.advance(0);
    expect(ready(t, "extra")).toEqual({ type: "Ready", status: "False", reason: "Terminating", message: TERMINATING_MSG, lastTransitionTime: rfc3339(START + 1000) });
    t.advance(60_000);
    expect(exists(t, "extra")).toBe(true);
    expect(getServiceCIDR(t.api, "extra").metadata.finalizers).toEqual([FINALIZER]);
    deleteService(t.api, "a");
    t.advance(0);
    expect(exists(t, "extra")).toBe(true);
    deleteService(t.api, "b");
    // The grace period has long passed: it goes at once.
    t.advance(0);
    expect(exists(t, "extra")).toBe(false);
  });

  it("with dependent IPs released within the grace period: waits out the 10 s", () => {
    const t = newCluster({ range: "10.96.0.0/29" });
    createServiceCIDR(t.api, "extra", ["10.100.0.0/24"]);
    t.advance(1000);
    createService(t.api, "a", { clusterIP: "10.100.0.20" });
    del(t, "extra");
    t.advance(4000);
    deleteService(t.api, "a");
    t.advance(5_999);
    expect(exists(t, "extra")).toBe(true);
    t.advance(1);
    expect(exists(t, "extra")).toBe(false);
  });

  it("covered by another ServiceCIDR of the same or a larger prefix: goes even with IPs in it", () => {
    const t = newCluster({ range: "10.96.0.0/29" });
    createServiceCIDR(t.api, "small", ["10.100.0.0/24"]);
    createServiceCIDR(t.api, "same", ["10.100.0.0/24"]);
    createServiceCIDR(t.api, "big", ["10.100.0.0/16"]);
    t.advance(1000);
    createService(t.api, "a", { clusterIP: "10.100.0.20" });
    del(t, "small");
    t.advance(10_000);
    expect(exists(t, "small")).toBe(false);
    del(t, "same");
    t.advance(10_000);
    expect(exists(t, "same")).toBe(false);
    // The /16 is now the only one holding 10.100.0.20.
    del(t, "big");
    t.advance(10_000);
    expect(exists(t, "big")).toBe(true);
    expect(ready(t, "big")).toMatchObject({ status: "False", reason: "Terminating", message: TERMINATING_MSG });
  });

  it("a smaller ServiceCIDR does not cover a larger one", () => {
    const t = newCluster({ range: "10.96.0.0/29" });
    createServiceCIDR(t.api, "big", ["10.100.0.0/16"]);
    createServiceCIDR(t.api, "small", ["10.100.0.0/24"]);
    t.advance(1000);
    createService(t.api, "a", { clusterIP: "10.100.5.20" });
    del(t, "big");
    t.advance(20_000);
    expect(exists(t, "big")).toBe(true);
  });

  it("a blocked ServiceCIDR goes once a covering one appears", () => {
    const t = newCluster({ range: "10.96.0.0/29" });
    createServiceCIDR(t.api, "extra", ["10.100.0.0/24"]);
    t.advance(1000);
    createService(t.api, "a", { clusterIP: "10.100.0.20" });
    del(t, "extra");
    t.advance(20_000);
    expect(exists(t, "extra")).toBe(true);
    createServiceCIDR(t.api, "cover", ["10.100.0.0/20"]);
    t.advance(0);
    expect(exists(t, "extra")).toBe(false);
    expect(tryGet(t.api, IP_ADDRESSES, undefined, "10.100.0.20")).toBeDefined();
  });

  it("hand-made IPAddresses without the managed-by label do not block", () => {
    const t = newCluster({ range: "10.96.0.0/29" });
    createServiceCIDR(t.api, "extra", ["10.100.0.0/24"]);
    t.advance(1000);
    t.api.create(IP_ADDRESSES, undefined, ipAddress("10.100.0.7", { resource: "gateways", name: "gw" }, { "ipaddress.kubernetes.io/ip-family": "IPv4" }));
    del(t, "extra");
    t.advance(10_000);
    expect(exists(t, "extra")).toBe(false);
  });

  it("IPs on the network or broadcast address of the CIDR do not block it", () => {
    const t = newCluster({ range: "10.96.0.0/29" });
    createServiceCIDR(t.api, "extra", ["10.100.0.0/24"]);
    t.advance(1000);
    const managed = { "ipaddress.kubernetes.io/ip-family": "IPv4", "ipaddress.kubernetes.io/managed-by": "ipallocator.k8s.io" };
    t.api.create(IP_ADDRESSES, undefined, ipAddress("10.100.0.0", { resource: "services", namespace: "default", name: "x" }, managed));
    t.api.create(IP_ADDRESSES, undefined, ipAddress("10.100.0.255", { resource: "services", namespace: "default", name: "y" }, managed));
    del(t, "extra");
    t.advance(10_000);
    expect(exists(t, "extra")).toBe(false);
  });

  it("a dual-stack ServiceCIDR is blocked by an IP of either family", () => {
    const t = newCluster({ range: "10.96.0.0/29,fd00::/125" });
    createServiceCIDR(t.api, "extra", ["10.100.0.0/24", "fd00:1::/112"]);
    t.advance(1000);
    createService(t.api, "v6", { clusterIP: "fd00:1::20" });
    del(t, "extra");
    t.advance(20_000);
    expect(ready(t, "extra")).toMatchObject({ status: "False", reason: "Terminating" });
    deleteService(t.api, "v6");
    t.advance(0);
    expect(exists(t, "extra")).toBe(false);
  });

  it("plays TestServiceCIDRDeletion (test/integration/servicecidr/servicecidr_test.go)", () => {
    const t = newCluster({ range: "192.168.0.0/29" });
    for (let i = 0; i < 5; i++) createService(t.api, `svc-${i}`);
    createServiceCIDR(t.api, "cidr1", ["192.168.0.0/29"]);
    t.advance(1000);
    expect(ready(t, "cidr1")?.status).toBe("True");
    del(t, "cidr1");
    t.advance(10_000);
    expect(exists(t, "cidr1")).toBe(false);
    createServiceCIDR(t.api, "cidr2", ["10.0.0.0/24"]);
    t.advance(1000);
    const svc = createService(t.api, "new-cidr-service");
    expect(svc.spec.clusterIP).toMatch(/^10\.0\.0\./);
    createServiceCIDR(t.api, "cidr3", ["10.0.0.0/16"]);
    t.advance(1000);
    del(t, "cidr2");
    t.advance(10_000);
    expect(exists(t, "cidr2")).toBe(false);
    del(t, "cidr3");
    t.advance(10_000);
    expect(exists(t, "cidr3")).toBe(true);
    expect(ready(t, "cidr3")?.status).toBe("False");
    deleteService(t.api, "new-cidr-service");
    t.advance(0);
    expect(exists(t, "cidr3")).toBe(false);
  });
});

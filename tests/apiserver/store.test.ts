// The sandbox's etcd (src/apiserver/machinery/store.ts): one resourceVersion counter, an ordered change
// log with old objects, frozen stored objects, and requests that fail without leaving a trace.
import { describe, expect, it } from "vitest";
import { Store } from "../../src/apiserver/machinery/store.ts";
import type { KubeObject } from "../../src/apiserver/machinery/object.ts";
import type { ServiceCIDR } from "../../src/apiserver/registry/servicecidr/types.ts";
import {
  IP_ADDRESSES,
  SERVICES,
  SERVICE_CIDRS,
  createService,
  createServiceCIDR,
  expectError,
  getService,
  getServiceCIDR,
  ipAddress,
  newCluster,
  service,
  serviceCIDR,
  statusError,
  updateService,
} from "./harness.ts";

const obj = (name: string, namespace?: string, extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, ...(namespace ? { namespace } : {}) }, ...extra }) as KubeObject;

describe("Store", () => {
  it("counts one resourceVersion per write, shared by all resources", () => {
    const s = new Store(() => 1000, 100);
    expect(s.resourceVersion()).toBe(100);
    const a = s.create("configmaps", obj("a", "default"));
    expect(a.metadata.resourceVersion).toBe("101");
    const b = s.create("secrets", obj("b", "default"));
    expect(b.metadata.resourceVersion).toBe("102");
    const a2 = s.update("configmaps", { ...a, metadata: { ...a.metadata, labels: { x: "y" } } });
    expect(a2.metadata.resourceVersion).toBe("103");
    s.delete("configmaps", "default", "a");
    expect(s.resourceVersion()).toBe(104);
    s.skipResourceVersions(5);
    expect(s.create("configmaps", obj("c", "default")).metadata.resourceVersion).toBe("110");
  });

  it("logs ADDED, MODIFIED and DELETED with the old object, and replays from a resourceVersion", () => {
    let now = 5000;
    const s = new Store(() => now);
    const seen: string[] = [];
    const stop = s.subscribe((e) => seen.push(`${e.type} ${e.key}`));
    const a = s.create("configmaps", obj("a", "default"));
    now = 6000;
    const a2 = s.update("configmaps", { ...a, metadata: { ...a.metadata, labels: { v: "2" } } });
    now = 7000;
    const gone = s.delete("configmaps", "default", "a");
    stop();
    s.create("configmaps", obj("b", "default"));
    expect(seen).toEqual(["ADDED default/a", "MODIFIED default/a", "DELETED default/a"]);

    const log = s.log();
    expect(log.map((e) => [e.rv, e.type, e.resource, e.key, e.time])).toEqual([
      [1, "ADDED", "configmaps", "default/a", 5000],
      [2, "MODIFIED", "configmaps", "default/a", 6000],
      [3, "DELETED", "configmaps", "default/a", 7000],
      [4, "ADDED", "configmaps", "default/b", 7000],
    ]);
    expect(log[0]!.old).toBeUndefined();
    expect(log[1]!.old).toBe(a);
    expect(log[1]!.object).toBe(a2);
    expect(log[2]!.old).toBe(a2);
    expect(gone).toBe(a2);
    // A deletion is reported with the deletion's resourceVersion, as a watch would.
    expect(log[2]!.object.metadata.resourceVersion).toBe("3");
    expect(log[2]!.object.metadata.labels).toEqual({ v: "2" });
    expect(s.eventsSince(2).map((e) => e.rv)).toEqual([3, 4]);
    expect(s.eventsSince(0)).toHaveLength(4);
    expect(s.eventsSince(4)).toEqual([]);
  });

  it("freezes what it stores, deeply, and keeps its own copy of the metadata", () => {
    const s = new Store(() => 0);
    const input = obj("a", "default", { data: { k: "v" }, list: [{ x: 1 }] });
    const stored = s.create("configmaps", input) as KubeObject & { data: Record<string, string>; list: { x: number }[] };
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen(stored.metadata)).toBe(true);
    expect(Object.isFrozen(stored.data)).toBe(true);
    expect(Object.isFrozen(stored.list[0])).toBe(true);
    expect(() => {
      stored.data.k = "changed";
    }).toThrow(TypeError);
    expect(() => {
      stored.metadata.name = "b";
    }).toThrow(TypeError);
    expect(input.metadata.resourceVersion).toBeUndefined();
    expect(s.get("configmaps", "default", "a")).toBe(stored);
  });

  it("lists in key order, optionally within one namespace, and refuses duplicate or missing keys", () => {
    const s = new Store(() => 0);
    for (const [ns, n] of [["b", "2"], ["a", "10"], ["a", "9"], ["b", "1"]]) s.create("configmaps", obj(n!, ns));
    expect(s.list("configmaps").map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(["a/10", "a/9", "b/1", "b/2"]);
    expect(s.list("configmaps", "b").map((o) => o.metadata.name)).toEqual(["1", "2"]);
    expect(s.list("nothing")).toEqual([]);
    expect(s.count("configmaps")).toBe(4);
    expect(() => s.create("configmaps", obj("1", "b"))).toThrow("store: configmaps b/1 already exists");
    expect(() => s.update("configmaps", obj("x", "b"))).toThrow("store: configmaps b/x not found");
    expect(() => s.delete("configmaps", "b", "x")).toThrow("store: configmaps b/x not found");
  });

  it("fingerprints the whole content, resourceVersions included", () => {
    const s = new Store(() => 0);
    s.create("configmaps", obj("a", "default"));
    const fp = s.fingerprint();
    expect(fp).toBe('configmaps {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default","resourceVersion":"1"}}');
    const a = s.get("configmaps", "default", "a")!;
    s.update("configmaps", a);
    expect(s.fingerprint()).not.toBe(fp);
  });
});

describe("the apiserver over the store", () => {
  it("bumps resourceVersion on every change and not on a no-op update", () => {
    const t = newCluster();
    const rv0 = t.cluster.store.resourceVersion();
    const a = createService(t.api, "a", { clusterIP: "10.96.0.5" });
    // The IPAddress is written first, then the Service.
    expect(Number(a.metadata.resourceVersion)).toBe(rv0 + 2);
    const logLen = t.cluster.store.log().length;
    const same = updateService(t.api, "a", () => {});
    expect(same.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
    expect(t.cluster.store.log()).toHaveLength(logLen);
    const b = updateService(t.api, "a", (s) => void (s.metadata.labels = { x: "y" }));
    expect(Number(b.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
    const last = t.cluster.store.log().at(-1)!;
    expect(last.type).toBe("MODIFIED");
    expect(last.old?.metadata.labels).toBeUndefined();
    expect(last.object.metadata.labels).toEqual({ x: "y" });
  });

  it("records the Service's IPAddress and the Service itself in the log, and both deletions", () => {
    const t = newCluster();
    const from = t.cluster.store.resourceVersion();
    createService(t.api, "a", { clusterIP: "10.96.0.5" });
    t.api.delete(SERVICES, "default", "a");
    expect(t.cluster.store.eventsSince(from).map((e) => `${e.type} ${e.resource} ${e.key}`)).toEqual([
      "ADDED ipaddresses.networking.k8s.io 10.96.0.5",
      "ADDED services default/a",
      "DELETED services default/a",
      "DELETED ipaddresses.networking.k8s.io 10.96.0.5",
    ]);
  });

  it("hands out frozen objects: a client must copy before changing", () => {
    const t = newCluster();
    const svc = getService(t.api, "kubernetes");
    expect(Object.isFrozen(svc.spec)).toBe(true);
    expect(() => {
      svc.spec.clusterIP = "10.96.0.9";
    }).toThrow(TypeError);
    expect(getService(t.api, "kubernetes").spec.clusterIP).toBe("10.96.0.1");
  });

  it("refuses a stale resourceVersion with a Conflict", () => {
    const t = newCluster();
    const a = createService(t.api, "a");
    updateService(t.api, "a", (s) => void (s.metadata.labels = { x: "1" }));
    expectError(
      () => t.api.update(SERVICES, "default", { ...structuredClone(a), metadata: { ...a.metadata, labels: { x: "2" } } }),
      'Operation cannot be fulfilled on services "a": the object has been modified; please apply your changes to the latest version and try again',
      "Conflict",
      409,
    );
  });

  it("leaves the fingerprint unchanged after every kind of failed request", () => {
    const t = newCluster({ range: "10.96.0.0/29" });
    createService(t.api, "taken", { type: "NodePort", clusterIP: "10.96.0.5", ports: [{ port: 80, nodePort: 30080 }] });
    createServiceCIDR(t.api, "extra", ["10.100.0.0/24"]);
    t.advance(1000);
    const fp = t.cluster.store.fingerprint();
    const failures: (() => unknown)[] = [
      () => t.api.create(SERVICES, "default", service("Bad_Name")),
      () => createService(t.api, "taken"),
      () => createService(t.api, "x", { clusterIP: "10.96.0.5" }),
      () => createService(t.api, "x", { clusterIP: "1.1.1.1" }),
      () => createService(t.api, "x", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }),
      () => createService(t.api, "x", { ipFamilyPolicy: "RequireDualStack" }),
      () => createService(t.api, "x", { ports: [] }),
      () => createService(t.api, "x", {}, "missing"),
      () => updateService(t.api, "taken", (s) => void (s.spec.clusterIP = "10.96.0.6")),
      () => updateService(t.api, "taken", (s) => void (s.spec.ports![0]!.nodePort = 40000)),
      () => t.api.create(SERVICE_CIDRS, undefined, serviceCIDR("bad", ["10.0.0.1/24"])),
      () => t.api.update(SERVICE_CIDRS, undefined, { ...structuredClone(getServiceCIDR(t.api, "extra")), spec: { cidrs: ["10.101.0.0/24"] } } as ServiceCIDR),
      () => t.api.create(IP_ADDRESSES, undefined, ipAddress("10.96.0.5", { resource: "services", name: "x" })),
      () => t.api.delete(SERVICES, "default", "nope"),
    ];
    for (const f of failures) {
      statusError(f);
      expect(t.cluster.store.fingerprint()).toBe(fp);
    }
    // The services that lost their requests can still be made, so nothing stayed allocated.
    for (let i = 0; i < 3; i++) createService(t.api, `fill-${i}`);
    expect(createService(t.api, "np", { type: "NodePort", ports: [{ port: 80, nodePort: 30081 }] }).spec.ports![0]!.nodePort).toBe(30081);
  });
});

// NodePort allocation, after k/k pkg/registry/core/service/portallocator/allocator.go (KEP-3668 bands,
// error strings), portallocator/operation.go (commit/rollback, dry run) and
// pkg/registry/core/service/storage/alloc.go (initNodePorts, updateNodePorts, health check ports).
import { describe, expect, it } from "vitest";
import { NodePortAllocator, portRangeOffset, DEFAULT_NODE_PORT_RANGE } from "../../src/apiserver/allocators/nodeport/allocator.ts";
import { SeededRandom } from "../../src/apiserver/machinery/random.ts";
import { SERVICES, createService, deleteService, expectError, getService, newCluster as baseCluster, service, statusError, updateService, type ClusterOptions } from "./harness.ts";
import type { Service } from "../../src/apiserver/registry/service/types.ts";

// Plenty of ClusterIPs, so only the NodePort range can run out.
const newCluster = (opts: ClusterOptions = {}) => baseCluster({ range: "10.96.0.0/16", ...opts });
const nodePort = (_name = "np", ports: Service["spec"]["ports"] = [{ port: 80 }]) => ({ type: "NodePort" as const, ports });
const np = (s: Service, i = 0) => s.spec.ports![i]!.nodePort!;

describe("the default range and its bands", () => {
  it("is 30000-32767 with a static band of 86 ports (30000-30085)", () => {
    expect(DEFAULT_NODE_PORT_RANGE).toEqual({ base: 30000, size: 2768 });
    expect(portRangeOffset(2768)).toBe(86);
    expect(portRangeOffset(16)).toBe(0);
    expect(portRangeOffset(50)).toBe(16);
    expect(portRangeOffset(10000)).toBe(128);
  });

  it("hands out dynamic ports from 30086 up", () => {
    const a = new NodePortAllocator(DEFAULT_NODE_PORT_RANGE, new SeededRandom(3));
    for (let i = 0; i < 500; i++) {
      const p = a.allocateNext();
      expect(p).toBeGreaterThanOrEqual(30086);
      expect(p).toBeLessThanOrEqual(32767);
    }
  });

  it("Services get dynamic ports from the upper band", () => {
    const t = newCluster();
    for (let i = 0; i < 30; i++) expect(np(createService(t.api, `s${i}`, nodePort()))).toBeGreaterThanOrEqual(30086);
  });

  it("uses the static band only when the upper band is full, then reports range is full", () => {
    const t = newCluster({ apiserverFlags: ["--service-node-port-range=30000-30049"] });
    const upper = Array.from({ length: 34 }, (_, i) => np(createService(t.api, `u${i}`, nodePort())));
    expect(upper.sort((a, b) => a - b)).toEqual(Array.from({ length: 34 }, (_, i) => 30016 + i));
    const lower = Array.from({ length: 16 }, (_, i) => np(createService(t.api, `l${i}`, nodePort())));
    expect(lower.sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => 30000 + i));
    expectError(() => createService(t.api, "full", nodePort()), "Internal error occurred: failed to allocate a nodePort: range is full", "InternalError", 500);
  });
});

describe("requested ports", () => {
  it("takes a free port and refuses it the second time", () => {
    const t = newCluster();
    expect(np(createService(t.api, "a", nodePort("a", [{ port: 80, nodePort: 30080 }])))).toBe(30080);
    expectError(
      () => createService(t.api, "b", nodePort("b", [{ port: 80, nodePort: 30080 }])),
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
      "Invalid",
      422,
    );
  });

  it("refuses a port outside the range", () => {
    const t = newCluster();
    expectError(
      () => createService(t.api, "b", nodePort("b", [{ port: 80, nodePort: 40000 }])),
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it("names the index of the port that failed", () => {
    const t = newCluster();
    createService(t.api, "a", nodePort("a", [{ port: 80, nodePort: 30081 }]));
    expectError(
      () =>
        createService(t.api, "b", nodePort("b", [
          { name: "http", port: 80, nodePort: 30080 },
          { name: "alt", port: 8080, nodePort: 30081 },
        ])),
      'Service "b" is invalid: spec.ports[1].nodePort: Invalid value: 30081: provided port is already allocated',
    );
    // 30080 was taken by the failed request and given back.
    expect(np(createService(t.api, "c", nodePort("c", [{ port: 80, nodePort: 30080 }])))).toBe(30080);
  });

  it("gives back what a request took when validation refuses it afterwards", () => {
    const t = newCluster();
    expect(statusError(() => t.api.create(SERVICES, "default", service("Bad_Name", nodePort("x", [{ port: 80, nodePort: 30080 }])))).status.reason).toBe("Invalid");
    expect(np(createService(t.api, "good", nodePort("good", [{ port: 80, nodePort: 30080 }])))).toBe(30080);
  });
});

describe("sharing and release", () => {
  it("one port number on TCP and UDP shares one nodePort on create", () => {
    const t = newCluster();
    const dns = createService(t.api, "dns", nodePort("dns", [
      { name: "dns", port: 53, protocol: "UDP" },
      { name: "dns-tcp", port: 53, protocol: "TCP" },
    ]));
    expect(np(dns, 0)).toBe(np(dns, 1));
    const fixed = createService(t.api, "fixed", nodePort("fixed", [
      { name: "dns", port: 53, protocol: "UDP" },
      { name: "dns-tcp", port: 53, protocol: "TCP", nodePort: 30053 },
    ]));
    expect([np(fixed, 0), np(fixed, 1)]).toEqual([30053, 30053]);
  });

  it("an update to NodePort gives each port its own nodePort (updateNodePorts does not share)", () => {
    const t = newCluster();
    createService(t.api, "dns", { ports: [
      { name: "dns", port: 53, protocol: "UDP" },
      { name: "dns-tcp", port: 53, protocol: "TCP" },
    ] });
    const up = updateService(t.api, "dns", (s) => void (s.spec.type = "NodePort"));
    expect(np(up, 0)).not.toBe(np(up, 1));
  });

  it("frees ports when the Service is deleted", () => {
    const t = newCluster();
    createService(t.api, "a", nodePort("a", [{ port: 80, nodePort: 30080 }]));
    deleteService(t.api, "a");
    expect(np(createService(t.api, "b", nodePort("b", [{ port: 80, nodePort: 30080 }])))).toBe(30080);
  });

  it("frees ports when the Service becomes ClusterIP, wiping the nodePort fields", () => {
    const t = newCluster();
    createService(t.api, "a", nodePort("a", [{ port: 80, nodePort: 30080 }]));
    const cip = updateService(t.api, "a", (s) => {
      s.spec.type = "ClusterIP";
      delete s.spec.externalTrafficPolicy;
    });
    expect(cip.spec.ports![0]!.nodePort).toBeUndefined();
    expect(cip.spec.externalTrafficPolicy).toBeUndefined();
    expect(np(createService(t.api, "b", nodePort("b", [{ port: 80, nodePort: 30080 }])))).toBe(30080);
  });

  it("moving a nodePort frees the old one only once the update succeeds", () => {
    const t = newCluster();
    createService(t.api, "a", nodePort("a", [{ port: 80, nodePort: 30080 }]));
    createService(t.api, "blocker", nodePort("blocker", [{ port: 80, nodePort: 30082 }]));
    expectError(
      () => updateService(t.api, "a", (s) => void (s.spec.ports![0]!.nodePort = 30082)),
      'Service "a" is invalid: spec.ports[0].nodePort: Invalid value: 30082: provided port is already allocated',
    );
    expectError(() => createService(t.api, "c", nodePort("c", [{ port: 80, nodePort: 30080 }])), 'Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    expect(np(updateService(t.api, "a", (s) => void (s.spec.ports![0]!.nodePort = 30081)))).toBe(30081);
    expect(np(createService(t.api, "c", nodePort("c", [{ port: 80, nodePort: 30080 }])))).toBe(30080);
  });

  it("a PUT without nodePorts keeps them, matched by port name", () => {
    const t = newCluster();
    const before = createService(t.api, "a", nodePort("a", [
      { name: "http", port: 80 },
      { name: "https", port: 443 },
    ]));
    const after = updateService(t.api, "a", (s) => {
      for (const p of s.spec.ports!) delete p.nodePort;
      s.spec.ports!.reverse();
    });
    expect(after.spec.ports!.map((p) => [p.name, p.nodePort])).toEqual([
      ["https", np(before, 1)],
      ["http", np(before, 0)],
    ]);
  });

  it("an update that repeats a (protocol, nodePort) fails as upstream's plain error", () => {
    const t = newCluster();
    createService(t.api, "a", nodePort("a", [
      { name: "http", port: 80, nodePort: 30080 },
      { name: "alt", port: 81, nodePort: 30081 },
    ]));
    const err = expectError(() => updateService(t.api, "a", (s) => void (s.spec.ports![1]!.nodePort = 30080)), "duplicate nodePort: {TCP 30080}");
    expect(err.status.code).toBe(500);
    expect(err.status.reason).toBe("");
    // Nothing moved: 30081 is still held by the Service.
    expectError(() => createService(t.api, "b", nodePort("b", [{ port: 80, nodePort: 30081 }])), 'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30081: provided port is already allocated');
  });

  it("survives an apiserver restart: ports in use are rebuilt from the Services", () => {
    const t = newCluster();
    createService(t.api, "a", nodePort("a", [{ port: 80, nodePort: 30080 }]));
    expect(t.cluster.startApiServer(t.cluster.spec.apiserverArgs)).toBeNull();
    expectError(() => createService(t.api, "b", nodePort("b", [{ port: 80, nodePort: 30080 }])), 'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
  });
});

describe("LoadBalancer", () => {
  it("allocates nodePorts unless allocateLoadBalancerNodePorts is false, which still honours requests", () => {
    const t = newCluster();
    expect(np(createService(t.api, "lb", { type: "LoadBalancer" }))).toBeGreaterThanOrEqual(30086);
    const none = createService(t.api, "none", { type: "LoadBalancer", allocateLoadBalancerNodePorts: false });
    expect(none.spec.ports![0]!.nodePort).toBeUndefined();
    const asked = createService(t.api, "asked", { type: "LoadBalancer", allocateLoadBalancerNodePorts: false, ports: [{ port: 80, nodePort: 30080 }] });
    expect(np(asked)).toBe(30080);
  });

  it("externalTrafficPolicy Local gets a healthCheckNodePort from the same range", () => {
    const t = newCluster();
    const lb = createService(t.api, "lb", { type: "LoadBalancer", externalTrafficPolicy: "Local" });
    expect(lb.spec.healthCheckNodePort).toBeGreaterThanOrEqual(30086);
    expect(lb.spec.healthCheckNodePort).not.toBe(np(lb));
    createService(t.api, "taken", nodePort("taken", [{ port: 80, nodePort: 30080 }]));
    expectError(
      () => createService(t.api, "lb2", { type: "LoadBalancer", externalTrafficPolicy: "Local", healthCheckNodePort: 30080 }),
      "Internal error occurred: failed to allocate requested HealthCheck NodePort 30080: provided port is already allocated",
      "InternalError",
      500,
    );
    expectError(
      () => updateService(t.api, "lb", (s) => void (s.spec.healthCheckNodePort = 30099)),
      'Service "lb" is invalid: spec.healthCheckNodePort: Forbidden: field is immutable',
    );
    // Back to Cluster: the health check port is wiped and freed.
    const hc = lb.spec.healthCheckNodePort!;
    const cluster = updateService(t.api, "lb", (s) => void (s.spec.externalTrafficPolicy = "Cluster"));
    expect(cluster.spec.healthCheckNodePort).toBeUndefined();
    expect(createService(t.api, "reuse", nodePort("reuse", [{ port: 80, nodePort: hc }])).spec.ports![0]!.nodePort).toBe(hc);
  });

  it("refuses a healthCheckNodePort where it does not apply", () => {
    const t = newCluster();
    expectError(
      () => createService(t.api, "np", { type: "NodePort", healthCheckNodePort: 30100 }),
      "Service \"np\" is invalid: spec.healthCheckNodePort: Invalid value: 30100: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    );
  });
});

describe("dry run", () => {
  it("takes nothing: automatic ports are placeholders from 32769, requests are checked against ports in use", () => {
    const t = newCluster();
    createService(t.api, "a", nodePort("a", [{ port: 80, nodePort: 30080 }]));
    const fp = t.cluster.store.fingerprint();
    const dry = t.api.create(SERVICES, "default", service("dry", nodePort("dry", [
      { name: "a", port: 80 },
      { name: "b", port: 81 },
    ])), { dryRun: true }) as Service;
    expect(dry.spec.ports!.map((p) => p.nodePort)).toEqual([32769, 32770]);
    expectError(
      () => t.api.create(SERVICES, "default", service("dry", nodePort("dry", [{ port: 80, nodePort: 30080 }])), { dryRun: true }),
      'Service "dry" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    expect(t.cluster.store.fingerprint()).toBe(fp);
    // The dry run left nothing behind in the allocator either.
    expect(np(createService(t.api, "real", nodePort("real", [{ port: 80, nodePort: 30081 }])))).toBe(30081);
    expect(np(getService(t.api, "a"))).toBe(30080);
  });
});

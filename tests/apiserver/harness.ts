/**
 * Shared helpers for the apiserver tests: a cluster built from flags the way kubeadm would start it, the
 * GroupVersionResources the tests talk to, small object builders, and error capture that returns what
 * `err.Error()` gives in Go (the StatusError's message), so assertions read like real kubectl output.
 */
import { expect } from "vitest";
import { VirtualClock } from "../../src/apiserver/machinery/clock.ts";
import { SeededRandom } from "../../src/apiserver/machinery/random.ts";
import { Cluster } from "../../src/apiserver/cluster.ts";
import type { ApiClient, GroupVersionResource } from "../../src/apiserver/client.ts";
import { StatusError, isStatusError } from "../../src/apiserver/machinery/errors.ts";
import type { KubeObject } from "../../src/apiserver/machinery/object.ts";
import type { Service, ServiceSpec } from "../../src/apiserver/registry/service/types.ts";
import type { ServiceCIDR } from "../../src/apiserver/registry/servicecidr/types.ts";
import type { IPAddress, ParentReference } from "../../src/apiserver/registry/ipaddress/types.ts";

export const START = Date.parse("2025-11-03T09:00:00Z");

export const SERVICES: GroupVersionResource = { group: "", version: "v1", resource: "services" };
export const NAMESPACES: GroupVersionResource = { group: "", version: "v1", resource: "namespaces" };
export const SERVICE_CIDRS: GroupVersionResource = { group: "networking.k8s.io", version: "v1", resource: "servicecidrs" };
export const IP_ADDRESSES: GroupVersionResource = { group: "networking.k8s.io", version: "v1", resource: "ipaddresses" };

export interface ClusterOptions {
  /** --service-cluster-ip-range; default 10.96.0.0/28 as in the docs example. */
  range?: string;
  seed?: number;
  /** Extra kube-apiserver flags. */
  apiserverFlags?: string[];
  /** Start the kube-controller-manager too (default true). */
  controllerManager?: boolean;
}

export interface TestCluster {
  cluster: Cluster;
  api: ApiClient;
  clock: VirtualClock;
  /** Moves virtual time forward (ms) and lets the controllers settle. */
  advance(ms: number): void;
}

export function newCluster(opts: ClusterOptions = {}): TestCluster {
  const clock = new VirtualClock(START);
  const range = opts.range ?? "10.96.0.0/28";
  // kube-apiserver refuses a primary Service family other than its advertise address's: an IPv6-first
  // cluster advertises an IPv6 address, as kind's ipv6 and dual (IPv6-first) clusters do.
  const advertise = range.split(",")[0]!.includes(":") ? "fc00:f853:ccd:e793::7" : "192.168.0.7";
  const args = ["kube-apiserver", `--advertise-address=${advertise}`, `--service-cluster-ip-range=${range}`, ...(opts.apiserverFlags ?? [])];
  const cluster = new Cluster(
    { nodeName: "controlplane", advertiseAddress: advertise, securePort: 6443, apiserverArgs: args, controllerManagerArgs: ["kube-controller-manager"] },
    clock,
    new SeededRandom(opts.seed ?? 1),
  );
  if (opts.controllerManager === false) {
    const e = cluster.startApiServer(args);
    if (e) throw new Error(e);
    cluster.runUntilQuiet();
  } else {
    const errors = cluster.start();
    if (errors.length) throw new Error(errors.join("; "));
  }
  return { cluster, api: cluster.client, clock, advance: (ms) => cluster.advance(ms) };
}

/** Runs fn and returns the StatusError it throws; fails the test when it does not throw one. */
export function statusError(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  throw new Error("expected the request to fail, but it succeeded");
}

/** What Go's err.Error() prints for the failed request. */
export function errorMessage(fn: () => unknown): string {
  return statusError(fn).status.message;
}

/** Asserts fn fails with exactly this message (and, when given, this reason and code). */
export function expectError(fn: () => unknown, message: string, reason?: string, code?: number): StatusError {
  const err = statusError(fn);
  expect(err.status.message).toBe(message);
  if (reason !== undefined) expect(err.status.reason).toBe(reason);
  if (code !== undefined) expect(err.status.code).toBe(code);
  return err;
}

export function service(name: string, spec: ServiceSpec = {}, namespace = "default", extra: Partial<Service["metadata"]> = {}): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace, ...extra },
    spec: { ports: [{ port: 80 }], selector: { app: name }, ...spec },
  };
}

export function createService(api: ApiClient, name: string, spec: ServiceSpec = {}, namespace = "default"): Service {
  return api.create(SERVICES, namespace, service(name, spec, namespace)) as Service;
}

export function getService(api: ApiClient, name: string, namespace = "default"): Service {
  return api.get(SERVICES, namespace, name) as Service;
}

/** A read-modify-write of a Service, as `kubectl edit` or a PUT does it. */
export function updateService(api: ApiClient, name: string, mutate: (s: Service) => void, namespace = "default"): Service {
  const cur = structuredClone(getService(api, name, namespace)) as Service;
  mutate(cur);
  return api.update(SERVICES, namespace, cur) as Service;
}

export function deleteService(api: ApiClient, name: string, namespace = "default"): void {
  api.delete(SERVICES, namespace, name);
}

export function serviceCIDR(name: string, cidrs: string[] | undefined): ServiceCIDR {
  return { apiVersion: "networking.k8s.io/v1", kind: "ServiceCIDR", metadata: { name }, spec: cidrs === undefined ? {} : { cidrs } };
}

export function createServiceCIDR(api: ApiClient, name: string, cidrs: string[]): ServiceCIDR {
  return api.create(SERVICE_CIDRS, undefined, serviceCIDR(name, cidrs)) as ServiceCIDR;
}

export function getServiceCIDR(api: ApiClient, name: string): ServiceCIDR {
  return api.get(SERVICE_CIDRS, undefined, name) as ServiceCIDR;
}

export function tryGet(api: ApiClient, gvr: GroupVersionResource, namespace: string | undefined, name: string): KubeObject | undefined {
  try {
    return api.get(gvr, namespace, name);
  } catch (e) {
    if (isStatusError(e) && e.reason === "NotFound") return undefined;
    throw e;
  }
}

export function ipAddress(name: string, parentRef?: ParentReference, labels?: Record<string, string>): IPAddress {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "IPAddress",
    metadata: { name, ...(labels ? { labels } : {}) },
    spec: parentRef ? { parentRef } : {},
  };
}

/** Names of every IPAddress object, in store (etcd key) order. */
export function ipAddressNames(api: ApiClient): string[] {
  return api.list(IP_ADDRESSES, undefined).items.map((o) => o.metadata.name!);
}

export function getIPAddress(api: ApiClient, name: string): IPAddress {
  return api.get(IP_ADDRESSES, undefined, name) as IPAddress;
}

/** IPv4 dotted quad to a number, for range assertions. */
export function v4(ip: string): number {
  return ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
}

/** An IPv6 address to a bigint (full or :: form). */
export function v6(ip: string): bigint {
  const [head, tail] = ip.includes("::") ? ip.split("::") : [ip, undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill("0"), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || "0", 16)), 0n);
}

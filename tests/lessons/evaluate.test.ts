import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { holds, looselyEqual, matchTarget } from "../../src/lessons/goals/evaluate.ts";
import { parsePredicate } from "../../src/lessons/goals/predicate.ts";
import { EMPTY_STATE } from "../../src/lessons/state.ts";
import { ipAddress, service, serviceCIDR, stateOf } from "./fixtures.ts";

const state = stateOf([
  service("web", { type: "ClusterIP", clusterIP: "10.96.0.20", clusterIPs: ["10.96.0.20"], ports: [{ port: 80, nodePort: 30080 }, { port: 443 }] }, "default", { app: "web" }),
  service("dual", { type: "ClusterIP", clusterIP: "10.96.5.5", clusterIPs: ["10.96.5.5", "fd00:10:96::5"], ipFamilies: ["IPv4", "IPv6"] }),
  service("v6", { type: "ClusterIP", clusterIP: "fd00:10:96::a", clusterIPs: ["fd00:10:96::a"] }),
  service("db", { type: "ClusterIP", clusterIP: "None", clusterIPs: ["None"] }),
  service("docs", { type: "ExternalName", externalName: "kubernetes.io" }),
  service("kube-dns", { type: "ClusterIP", clusterIP: "10.96.0.10" }, "kube-system", { "k8s-app": "kube-dns" }),
  ipAddress("10.96.0.20", "web"),
  ipAddress("10.96.0.200", "gateway", false),
  ipAddress("fd00:10:96::a", "v6"),
  serviceCIDR("kubernetes", ["10.96.0.0/12"]),
  serviceCIDR("newcidr1", ["10.96.0.0/24", "fd00:10:96::/112"], { deleting: true, ready: { status: "False", reason: "Terminating" } }),
]);

function check(yaml: string, s = state): boolean {
  return holds(parsePredicate(parseYaml(yaml), "goal"), s);
}

describe("holds", () => {
  it("exists and absent, by name, glob, namespace and labels", () => {
    expect(check("exists: {resource: services, name: web}")).toBe(true);
    expect(check("exists: {resource: services, name: web, namespace: kube-system}")).toBe(false);
    expect(check("exists: {resource: services, namespace: kube-system, labels: k8s-app=kube-dns}")).toBe(true);
    expect(check("exists: {resource: services, labels: 'app in (api, db)'}")).toBe(false);
    expect(check("exists: {resource: services, name: 'd*'}")).toBe(true);
    expect(check("exists: {resource: services, name: 'w?b'}")).toBe(true);
    expect(check("absent: {resource: services, name: 'auto-*'}")).toBe(true);
    expect(check("absent: {resource: services, name: web}")).toBe(false);
    expect(check("exists: {resource: services, name: web}", EMPTY_STATE)).toBe(false);
    expect(check("absent: {resource: pods}", EMPTY_STATE)).toBe(true);
  });

  it("finds resources by plural or group-qualified name", () => {
    expect(check("exists: {resource: servicecidrs, name: kubernetes}")).toBe(true);
    expect(check("exists: {resource: servicecidrs.networking.k8s.io, name: kubernetes}")).toBe(true);
    expect(check("exists: {resource: servicecidrs.example.com, name: kubernetes}")).toBe(false);
    expect(check("exists: {resource: ipaddresses, labels: '!ipaddress.kubernetes.io/managed-by'}")).toBe(true);
    expect(matchTarget({ resource: "ipaddresses", labels: "!ipaddress.kubernetes.io/managed-by", where: [] }, state).map((o) => o.metadata.name)).toEqual(["10.96.0.200"]);
  });

  it("field equals and matches, loosely typed as YAML writes them", () => {
    expect(check("field: {resource: services, name: web, path: spec.type, equals: ClusterIP}")).toBe(true);
    expect(check("field: {resource: services, name: web, path: spec.type, equals: NodePort}")).toBe(false);
    expect(check("field: {resource: services, name: web, path: 'spec.ports[0].nodePort', equals: '30080'}")).toBe(true);
    expect(check("field: {resource: services, name: web, path: 'spec.ports[*].port', equals: 443}")).toBe(true);
    expect(check("field: {resource: services, name: web, path: 'spec.ports[1].nodePort', present: true}")).toBe(false);
    expect(check("field: {resource: services, name: docs, path: spec.clusterIP, present: false}")).toBe(true);
    expect(check("field: {resource: services, name: web, path: 'metadata.labels[\"app\"]', equals: web}")).toBe(true);
    expect(check("field: {resource: services, name: web, path: spec.clusterIPs, equals: [10.96.0.20]}")).toBe(true);
    expect(check("field: {resource: services, name: dual, path: spec.ipFamilies, equals: [IPv4]}")).toBe(false);
    expect(check("field: {resource: services, name: web, path: metadata.name, matches: '^w.b$'}")).toBe(true);
    expect(check("field: {resource: services, name: web, path: 'spec.ports[0].nodePort', matches: '^3\\d{4}$'}")).toBe(true);
    expect(check("field: {resource: servicecidrs, name: newcidr1, path: metadata.finalizers, contains: networking.k8s.io/service-cidr-finalizer}")).toBe(true);
    // The target must match something: a field test on a missing object does not hold.
    expect(check("field: {resource: services, name: nope, path: spec.type, present: false}")).toBe(false);
  });

  it("ip in and not in a CIDR, IPv4 and IPv6, single values and lists", () => {
    expect(check("field: {resource: services, name: web, path: spec.clusterIP, in: 10.96.0.0/24}")).toBe(true);
    expect(check("field: {resource: services, name: web, path: spec.clusterIP, in: 10.96.1.0/24}")).toBe(false);
    expect(check("field: {resource: services, name: web, path: spec.clusterIP, notIn: 10.96.0.0/27}")).toBe(false);
    expect(check("field: {resource: services, name: web, path: spec.clusterIP, notIn: 10.96.0.0/28}")).toBe(true);
    expect(check("field: {resource: services, name: v6, path: spec.clusterIP, in: 'fd00:10:96::/112'}")).toBe(true);
    expect(check("field: {resource: services, name: v6, path: spec.clusterIP, in: 'fd00:10:97::/112'}")).toBe(false);
    expect(check("field: {resource: services, name: v6, path: spec.clusterIP, in: 10.0.0.0/8}")).toBe(false);
    expect(check("field: {resource: services, name: v6, path: spec.clusterIP, notIn: 10.0.0.0/8}")).toBe(true);
    // A list is in when every address is in one of the CIDRs; not in when none is.
    expect(check("field: {resource: services, name: dual, path: spec.clusterIPs, in: 10.96.0.0/12}")).toBe(false);
    expect(check("field: {resource: services, name: dual, path: spec.clusterIPs, in: [10.96.0.0/12, 'fd00:10:96::/108']}")).toBe(true);
    expect(check("field: {resource: services, name: dual, path: spec.clusterIPs, notIn: 'fd00::/8'}")).toBe(false);
    // "None" is no address: never in, never counted against notIn.
    expect(check("field: {resource: services, name: db, path: spec.clusterIP, in: 0.0.0.0/0}")).toBe(false);
    expect(check("field: {resource: services, name: db, path: spec.clusterIP, notIn: 0.0.0.0/0}")).toBe(true);
    // ServiceCIDR blocks are in a CIDR when the whole block is.
    expect(check("field: {resource: servicecidrs, name: kubernetes, path: spec.cidrs, in: 10.96.0.0/12}")).toBe(true);
    expect(check("field: {resource: servicecidrs, name: kubernetes, path: spec.cidrs, in: 10.96.0.0/16}")).toBe(false);
    expect(check("field: {resource: servicecidrs, name: newcidr1, path: 'spec.cidrs[1]', in: 'fd00:10:96::/64'}")).toBe(true);
    // IPAddress objects are named by their IP.
    expect(check("count: {resource: ipaddresses, where: [{path: metadata.name, in: 'fd00::/8'}], is: 1}")).toBe(true);
  });

  it("count with each comparison", () => {
    const c = (is: string) => check(`count: {resource: services, namespace: default, is: "${is}"}`);
    expect(c("5")).toBe(true);
    expect(c("== 5")).toBe(true);
    expect(c("!= 5")).toBe(false);
    expect(c(">= 5")).toBe(true);
    expect(c("> 5")).toBe(false);
    expect(c("<= 4")).toBe(false);
    expect(c("< 6")).toBe(true);
    expect(check("count: {resource: ipaddresses, where: [{path: metadata.name, in: 10.96.0.0/24}], is: 2}")).toBe(true);
  });

  it("conditions by type, status and reason", () => {
    expect(check("condition: {resource: servicecidrs, name: newcidr1, type: Ready, status: 'False', reason: Terminating}")).toBe(true);
    expect(check("condition: {resource: servicecidrs, name: newcidr1, type: Ready, status: 'True'}")).toBe(false);
    expect(check("condition: {resource: servicecidrs, name: kubernetes, type: Ready, status: true, reason: ''}")).toBe(true);
    expect(check("condition: {resource: servicecidrs, name: kubernetes, type: Ready, reason: Terminating}")).toBe(false);
    expect(check("condition: {resource: services, name: web, type: Ready}")).toBe(false);
    expect(check("exists: {resource: servicecidrs, where: [{path: metadata.deletionTimestamp, present: true}, {condition: {type: Ready, status: 'False'}}]}")).toBe(true);
  });

  it("all, any and not", () => {
    expect(check("all: [{exists: {resource: services, name: web}}, {exists: {resource: services, name: db}}]")).toBe(true);
    expect(check("all: [{exists: {resource: services, name: web}}, {exists: {resource: services, name: nope}}]")).toBe(false);
    expect(check("any: [{exists: {resource: services, name: nope}}, {exists: {resource: services, name: db}}]")).toBe(true);
    expect(check("any: [{exists: {resource: services, name: nope}}, {exists: {resource: services, name: nope2}}]")).toBe(false);
    expect(check("not: {exists: {resource: services, name: nope}}")).toBe(true);
    expect(check("not: {not: {exists: {resource: services, name: web}}}")).toBe(true);
  });
});

describe("looselyEqual", () => {
  it("compares scalars as text and structures deeply", () => {
    expect(looselyEqual(80, "80")).toBe(true);
    expect(looselyEqual(true, "true")).toBe(true);
    expect(looselyEqual({ a: [1, { b: "x" }] }, { a: ["1", { b: "x" }] })).toBe(true);
    expect(looselyEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(looselyEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(looselyEqual([1, 2], [1])).toBe(false);
    expect(looselyEqual(null, "null")).toBe(false);
  });
});

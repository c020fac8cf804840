import { describe as group, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { describe, missing } from "../../src/lessons/goals/describe.ts";
import { goalFocus } from "../../src/lessons/goals/focus.ts";
import { parsePredicate } from "../../src/lessons/goals/predicate.ts";
import { ipAddress, service, serviceCIDR, stateOf } from "./fixtures.ts";

const p = (yaml: string) => parsePredicate(parseYaml(yaml), "goal");

const state = stateOf([
  service("web", { type: "ClusterIP", clusterIP: "10.100.3.4", clusterIPs: ["10.100.3.4"] }),
  ipAddress("10.100.3.4", "web"),
  ipAddress("10.96.0.1", "kubernetes"),
  serviceCIDR("kubernetes", ["10.96.0.0/28"]),
]);

group("describe", () => {
  it("makes words from a predicate in English and Korean", () => {
    const exists = p("exists: {resource: services, namespace: default, name: web, where: [{path: spec.type, equals: ClusterIP}, {path: spec.clusterIP, in: 10.96.0.0/12}]}");
    expect(describe(exists, "en")).toBe("Service default/web [spec.type = ClusterIP, spec.clusterIP in 10.96.0.0/12] exists");
    expect(describe(exists, "ko")).toBe("Service default/web [spec.type = ClusterIP, spec.clusterIP 값이 10.96.0.0/12 범위 안] 있음");
    const count = p("count: {resource: ipaddresses, where: [{path: metadata.name, in: 10.96.0.0/28}], is: 14}");
    expect(describe(count, "en")).toBe("IPAddress [metadata.name in 10.96.0.0/28]: exactly 14");
    expect(describe(count, "ko")).toBe("IPAddress [metadata.name 값이 10.96.0.0/28 범위 안]: 14개");
    expect(describe(p("count: {resource: services, is: '>= 5'}"), "ko")).toBe("Service: 5개 이상");
    expect(describe(p("absent: {resource: servicecidrs, name: newcidr1}"), "en")).toBe("no ServiceCIDR newcidr1");
    expect(describe(p("absent: {resource: servicecidrs, name: newcidr1}"), "ko")).toBe("ServiceCIDR newcidr1 없음");
    expect(describe(p("condition: {resource: servicecidrs, name: newcidr1, type: Ready, status: 'False', reason: Terminating}"), "en")).toBe(
      "ServiceCIDR newcidr1: condition Ready=False (reason Terminating)",
    );
    expect(describe(p("field: {resource: services, name: web, path: spec.clusterIP, notIn: 10.96.0.0/24}"), "ko")).toBe("Service web: spec.clusterIP 값이 10.96.0.0/24 범위 밖");
    expect(describe(p("any: [{exists: {resource: nodes}}, {exists: {resource: pods, labels: app=web}}]"), "en")).toBe("one of: Node exists; or Pod labelled app=web exists");
    expect(describe(p("not: {exists: {resource: pods, namespace: kube-system}}"), "ko")).toBe("다음이 아님: kube-system의 Pod 있음");
  });

  it("prefers the author's words", () => {
    const q = p("exists: {resource: services, name: web}\nen: A Service web\nko: 서비스 web");
    expect(describe(q, "en")).toBe("A Service web");
    expect(describe(q, "ko")).toBe("서비스 web");
  });
});

group("missing", () => {
  it("lists the failing parts of an all, with what the cluster has now", () => {
    const goal = p(`
all:
  - exists: {resource: services, name: web}
    en: A Service web
    ko: 서비스 web
  - count: {resource: ipaddresses, where: [{path: metadata.name, in: 10.96.0.0/28}], is: 14}
    en: All 14 addresses of the /28 are taken
    ko: /28의 주소 14개가 모두 쓰임
  - field: {resource: services, name: web, path: spec.clusterIP, in: 10.96.0.0/16}
  - absent: {resource: servicecidrs, name: kubernetes}
`);
    expect(missing(goal, state, "en")).toEqual([
      "All 14 addresses of the /28 are taken (now 1)",
      "Service web: spec.clusterIP in 10.96.0.0/16 (now: 10.100.3.4)",
      "no ServiceCIDR kubernetes",
    ]);
    expect(missing(goal, state, "ko")).toEqual(["/28의 주소 14개가 모두 쓰임 (지금 1개)", "Service web: spec.clusterIP 값이 10.96.0.0/16 범위 안 (지금: 10.100.3.4)", "ServiceCIDR kubernetes 없음"]);
  });

  it("is empty when the goal holds, and one item for a described all", () => {
    expect(missing(p("exists: {resource: services, name: web}"), state, "en")).toEqual([]);
    expect(missing(p("all: [{exists: {resource: pods}}, {exists: {resource: nodes}}]\nen: A cluster with nodes\nko: 노드가 있는 클러스터"), state, "ko")).toEqual(["노드가 있는 클러스터"]);
  });
});

group("goalFocus", () => {
  it("names the goal's objects, their addresses, and spells out small CIDRs", () => {
    const f = goalFocus(p("all: [{exists: {resource: services, name: web, where: [{path: spec.clusterIP, in: 10.96.0.0/12}]}}, {count: {resource: ipaddresses, where: [{path: metadata.name, in: 10.96.0.0/29}], is: 6}}]"), state);
    expect(f.objects).toEqual(["services/default/web", "ipaddresses.networking.k8s.io/10.96.0.1"]);
    expect(f.cidrs).toEqual(["10.96.0.0/12", "10.96.0.0/29"]);
    expect(f.ips).toEqual(["10.100.3.4", "10.96.0.1", "10.96.0.0", "10.96.0.2", "10.96.0.3", "10.96.0.4", "10.96.0.5", "10.96.0.6", "10.96.0.7"]);
  });

  it("shows an IPv6 range's addresses when it is small", () => {
    const f = goalFocus(p("absent: {resource: services, where: [{path: spec.clusterIP, in: 'fd00::/126'}]}"), state);
    expect(f.ips).toEqual(["fd00::", "fd00::1", "fd00::2", "fd00::3"]);
    expect(f.objects).toEqual([]);
  });
});

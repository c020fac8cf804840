import { describe, it, expect } from "vitest";
import { buildDualStackModel, type DualStackInput } from "../../src/viz/dualstack-model.ts";
import type { Event } from "../../src/apiserver/registry/event/types.ts";
import type { Service } from "../../src/apiserver/registry/service/types.ts";
import { serviceCIDR, service } from "./fixtures.ts";

function dualService(namespace: string, name: string, policy: string, ips: string[], families: ("IPv4" | "IPv6")[]): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { namespace, name },
    spec: { type: "ClusterIP", clusterIP: ips[0], clusterIPs: ips, ipFamilies: families, ipFamilyPolicy: policy as never },
  } as Service;
}

function inconsistentEvent(message: string, at: string, name = "kubernetes.1"): Event {
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { namespace: "default", name },
    involvedObject: { apiVersion: "networking.k8s.io/v1", kind: "ServiceCIDR", name: "kubernetes" },
    reason: "KubernetesDefaultServiceCIDRInconsistent",
    message,
    source: { component: "kubernetes-service-cidr-controller" },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type: "Warning",
    eventTime: null,
    reportingComponent: "kubernetes-service-cidr-controller",
    reportingInstance: "",
  } as Event;
}

const running = (...cidrs: string[]) => ({ running: true, serviceClusterIPRange: cidrs });

describe("buildDualStackModel: panes", () => {
  it("always has an IPv4 pane then an IPv6 pane, each with its family's ranges", () => {
    const m = buildDualStackModel({
      serviceCIDRs: [serviceCIDR("kubernetes", ["10.96.0.0/12", "fd00:10:96::/112"]), serviceCIDR("extra", ["10.200.0.0/24"])],
      services: [],
    });
    expect(m.panes.map((p) => [p.family, p.ranges.map((r) => r.id)])).toEqual([
      // Widest first: the /12 before the /24.
      ["IPv4", ["kubernetes 10.96.0.0/12", "extra 10.200.0.0/24"]],
      ["IPv6", ["kubernetes fd00:10:96::/112"]],
    ]);
  });

  it("keeps an empty IPv6 pane on a single-stack cluster", () => {
    const m = buildDualStackModel({ serviceCIDRs: [serviceCIDR("kubernetes", ["10.96.0.0/12"])], services: [], apiserver: running("10.96.0.0/12") });
    expect(m.panes[1]).toEqual({ family: "IPv6", ranges: [], fences: [], flagCIDR: null });
    expect(m.panes[0].flagCIDR).toBe("10.96.0.0/12");
  });
});

describe("buildDualStackModel: Services", () => {
  const m = buildDualStackModel({
    serviceCIDRs: [serviceCIDR("kubernetes", ["10.96.0.0/16", "fd00:10:96::/112"])],
    services: [
      dualService("default", "web", "PreferDualStack", ["10.96.0.128", "fd00:10:96::a"], ["IPv4", "IPv6"]),
      dualService("default", "v6", "SingleStack", ["fd00:10:96::ff"], ["IPv6"]),
      service("default", "kubernetes", "10.96.0.1"),
      { ...dualService("default", "headless", "RequireDualStack", ["None"], ["IPv4", "IPv6"]) },
      { apiVersion: "v1", kind: "Service", metadata: { namespace: "default", name: "ext" }, spec: { type: "ExternalName", externalName: "example.com" } } as Service,
    ],
  });

  it("lists Services by namespace and name, ExternalName left out (it has no IPs)", () => {
    expect(m.services.map((s) => s.key)).toEqual(["default/headless", "default/kubernetes", "default/v6", "default/web"]);
  });

  it("links a dual-stack Service's two IPs and shows its families and policy", () => {
    const web = m.services.find((s) => s.key === "default/web")!;
    expect(web).toMatchObject({ policy: "PreferDualStack", families: ["IPv4", "IPv6"], ips: { IPv4: "10.96.0.128", IPv6: "fd00:10:96::a" }, linked: true, headless: false });
    const v6 = m.services.find((s) => s.key === "default/v6")!;
    expect(v6).toMatchObject({ policy: "SingleStack", families: ["IPv6"], ips: { IPv6: "fd00:10:96::ff" }, linked: false });
  });

  it("shows a headless Service's families with no IPs", () => {
    const h = m.services.find((s) => s.key === "default/headless")!;
    expect(h).toMatchObject({ headless: true, families: ["IPv4", "IPv6"], ips: {}, linked: false, policy: "RequireDualStack" });
  });

  it("falls back to the IPs' families when spec.ipFamilies is missing", () => {
    expect(m.services.find((s) => s.key === "default/kubernetes")).toMatchObject({ families: ["IPv4"], policy: "" });
  });

  it("marks each IP on its range's strip at its offset", () => {
    expect(m.panes[0].ranges[0]!.marks).toEqual([
      { ip: "10.96.0.1", service: "default/kubernetes", position: 1 / 65536 },
      { ip: "10.96.0.128", service: "default/web", position: 128 / 65536 },
    ]);
    expect(m.panes[1].ranges[0]!.marks.map((x) => [x.ip, x.service, x.position])).toEqual([
      ["fd00:10:96::a", "default/web", 10 / 65536],
      ["fd00:10:96::ff", "default/v6", 255 / 65536],
    ]);
  });

  it("puts an IP on the narrowest range holding it", () => {
    const n = buildDualStackModel({
      serviceCIDRs: [serviceCIDR("kubernetes", ["10.96.0.0/16"]), serviceCIDR("small", ["10.96.0.0/24"])],
      services: [service("default", "a", "10.96.0.5"), service("default", "b", "10.96.5.5")],
    });
    expect(n.panes[0].ranges.map((r) => [r.name, r.marks.map((x) => x.ip)])).toEqual([
      ["kubernetes", ["10.96.5.5"]],
      ["small", ["10.96.0.5"]],
    ]);
  });
});

describe("buildDualStackModel: the apiserver's --service-cluster-ip-range", () => {
  const base: DualStackInput = { serviceCIDRs: [serviceCIDR("kubernetes", ["10.96.0.0/12"])], services: [] };

  it("draws no link when the flags are unknown", () => {
    const m = buildDualStackModel(base);
    expect(m.flag).toBeNull();
    expect(m.panes[0].ranges[0]).toMatchObject({ isDefault: true, flagCIDR: null, flagMatches: null });
  });

  it("matches when the default ServiceCIDR is what the flag says", () => {
    const m = buildDualStackModel({ ...base, apiserver: running("10.96.0.0/12") });
    expect(m.flag).toEqual({ cidrs: ["10.96.0.0/12"], defaultCIDRs: ["10.96.0.0/12"], state: "match", eventMessage: null });
    expect(m.panes[0].ranges[0]).toMatchObject({ flagCIDR: "10.96.0.0/12", flagMatches: true });
  });

  it("is inconsistent when the flag changed, with the controller's newest event", () => {
    const m = buildDualStackModel({
      ...base,
      apiserver: running("10.100.0.0/16"),
      events: [
        inconsistentEvent("old", "2025-11-03T09:00:10Z", "a"),
        inconsistentEvent("The default ServiceCIDR [10.96.0.0/12] does not match the controller flag configurations [10.100.0.0/16]", "2025-11-03T09:00:18Z", "b"),
      ],
    });
    expect(m.flag).toMatchObject({ state: "inconsistent", cidrs: ["10.100.0.0/16"], defaultCIDRs: ["10.96.0.0/12"] });
    expect(m.flag!.eventMessage).toBe("The default ServiceCIDR [10.96.0.0/12] does not match the controller flag configurations [10.100.0.0/16]");
    expect(m.panes[0].ranges[0]).toMatchObject({ flagCIDR: "10.100.0.0/16", flagMatches: false });
  });

  it("sees a secondary range added to the flag before the ServiceCIDR is upgraded", () => {
    const m = buildDualStackModel({ ...base, apiserver: running("10.96.0.0/12", "fd00:10:96::/112") });
    expect(m.flag!.state).toBe("inconsistent");
    expect(m.panes[1].flagCIDR).toBe("fd00:10:96::/112");
    expect(m.panes[1].ranges).toEqual([]);
  });

  it("matches after the upgrade to dual-stack", () => {
    const m = buildDualStackModel({ ...base, serviceCIDRs: [serviceCIDR("kubernetes", ["10.96.0.0/12", "fd00:10:96::/112"])], apiserver: running("10.96.0.0/12", "fd00:10:96::/112") });
    expect(m.flag!.state).toBe("match");
    expect(m.panes[1].ranges[0]).toMatchObject({ name: "kubernetes", isDefault: true, flagCIDR: "fd00:10:96::/112", flagMatches: true });
  });

  it("says when kube-apiserver is down, or when the default ServiceCIDR is gone", () => {
    expect(buildDualStackModel({ ...base, apiserver: { running: false, serviceClusterIPRange: [] } }).flag!.state).toBe("down");
    expect(buildDualStackModel({ serviceCIDRs: [], services: [], apiserver: running("10.96.0.0/12") }).flag!.state).toBe("missing");
  });

  it("only the kubernetes ServiceCIDR carries the link", () => {
    const m = buildDualStackModel({ serviceCIDRs: [serviceCIDR("extra", ["10.96.0.0/12"])], services: [], apiserver: running("10.96.0.0/12") });
    expect(m.panes[0].ranges[0]).toMatchObject({ isDefault: false, flagCIDR: null, flagMatches: null });
  });
});

describe("buildDualStackModel: policy fences", () => {
  const fences = [
    { policy: "servicecidrs-default", binding: "servicecidrs-binding", actions: ["Deny", "Audit"], cidrs: ["10.96.0.0/16", "2001:db8::/64"] },
  ];
  const m = buildDualStackModel({
    serviceCIDRs: [serviceCIDR("kubernetes", ["10.96.0.0/12"]), serviceCIDR("ok", ["10.96.1.0/24"]), serviceCIDR("bad", ["172.20.0.0/16"]), serviceCIDR("v6", ["2001:db8:0:0:ffff::/80"])],
    services: [],
    fences,
  });

  it("lists each family's allowed ranges per policy and binding", () => {
    expect(m.panes[0].fences).toEqual([{ policy: "servicecidrs-default", binding: "servicecidrs-binding", actions: ["Deny", "Audit"], cidrs: ["10.96.0.0/16"] }]);
    expect(m.panes[1].fences).toEqual([{ policy: "servicecidrs-default", binding: "servicecidrs-binding", actions: ["Deny", "Audit"], cidrs: ["2001:db8::/64"] }]);
  });

  it("draws the fence over the part of each range it allows", () => {
    const r = (name: string) => m.panes.flatMap((p) => p.ranges).find((x) => x.name === name)!;
    // 10.96.0.0/16 is the first sixteenth of 10.96.0.0/12.
    expect(r("kubernetes").fences).toEqual([{ policy: "servicecidrs-default", binding: "servicecidrs-binding", cidr: "10.96.0.0/16", start: 0, end: 0.0625 }]);
    expect(r("kubernetes").insideFence).toBe(false);
    expect(r("ok").fences).toMatchObject([{ start: 0, end: 1 }]);
    expect(r("ok").insideFence).toBe(true);
    expect(r("bad").fences).toEqual([]);
    expect(r("bad").insideFence).toBe(false);
    expect(r("v6").insideFence).toBe(true);
  });

  it("lists a policy that names no range in both panes, without judging any range by it", () => {
    const d = buildDualStackModel({
      serviceCIDRs: [serviceCIDR("kubernetes", ["10.96.0.0/12"])],
      services: [],
      fences: [{ policy: "servicecidrs.deny", binding: "deny-binding", actions: ["Deny"], cidrs: [] }],
    });
    expect(d.panes.map((p) => p.fences)).toEqual([
      [{ policy: "servicecidrs.deny", binding: "deny-binding", actions: ["Deny"], cidrs: [] }],
      [{ policy: "servicecidrs.deny", binding: "deny-binding", actions: ["Deny"], cidrs: [] }],
    ]);
    expect(d.panes[0].ranges[0]).toMatchObject({ fences: [], insideFence: null });
  });

  it("a Warn-only binding draws its fence but refuses nothing", () => {
    const w = buildDualStackModel({ serviceCIDRs: [serviceCIDR("bad", ["172.20.0.0/16"])], services: [], fences: [{ ...fences[0]!, actions: ["Warn"] }] });
    expect(w.panes[0].fences).toHaveLength(1);
    expect(w.panes[0].ranges[0]!.insideFence).toBeNull();
  });
});

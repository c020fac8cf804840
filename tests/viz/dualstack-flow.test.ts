/**
 * The dual-stack view fed the way the page feeds it: the worker's host runs the learner's commands, its
 * snapshot fills an informer cache and its cluster info carries the apiserver's flag and the policy
 * fences. Asserts what the view would draw after the single → dual-stack conversion through the manifest.
 */
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { EngineHost } from "../../src/worker/host.ts";
import { applyEvents, EMPTY_CACHE, values } from "../../src/ui/engine/informer.ts";
import { buildDualStackModel } from "../../src/viz/dualstack-model.ts";
import type { Event } from "../../src/apiserver/registry/event/types.ts";
import type { Service } from "../../src/apiserver/registry/service/types.ts";
import type { ServiceCIDR } from "../../src/apiserver/registry/servicecidr/types.ts";

const START = Date.UTC(2025, 0, 1);
const SED = "sed -i 's#--service-cluster-ip-range=10.96.0.0/12#--service-cluster-ip-range=10.96.0.0/12,fd00:10:96::/112#' /etc/kubernetes/manifests/kube-apiserver.yaml";

function model(host: EngineHost) {
  const cache = applyEvents(EMPTY_CACHE, host.snapshot(), true);
  const info = host.clusterInfo();
  return buildDualStackModel({
    serviceCIDRs: values<ServiceCIDR>(cache, "servicecidrs.networking.k8s.io"),
    services: values<Service>(cache, "services"),
    events: values<Event>(cache, "events"),
    apiserver: info.apiserver,
    fences: info.fences,
  });
}

describe("dual-stack view over a running sandbox", () => {
  it("shows the IPv6 range once the apiserver restarts with it, then a PreferDualStack Service linked across the panes", async () => {
    const host = new EngineHost();
    await host.boot({ seed: 3, preset: "default", startTime: START }, [], START + 1_000);
    let m = model(host);
    expect(m.flag).toMatchObject({ state: "match", cidrs: ["10.96.0.0/12"] });
    expect(m.panes[1].ranges).toEqual([]);

    await host.run(SED, START + 2_000);
    await host.run("sleep 15", START + 3_000);
    m = model(host);
    expect(m.flag).toMatchObject({ state: "match", cidrs: ["10.96.0.0/12", "fd00:10:96::/112"] });
    expect(m.panes[1].ranges.map((r) => [r.name, r.cidr, r.flagMatches])).toEqual([["kubernetes", "fd00:10:96::/112", true]]);

    await host.run("kubectl create service clusterip web --tcp 80 --dry-run=client -o yaml | sed 's/^spec:/spec:\\n  ipFamilyPolicy: PreferDualStack/' | kubectl apply -f -", START + 40_000);
    m = model(host);
    const web = m.services.find((s) => s.key === "default/web")!;
    expect(web).toMatchObject({ policy: "PreferDualStack", families: ["IPv4", "IPv6"], linked: true });
    expect(m.panes[0].ranges[0]!.marks.map((x) => x.service)).toContain("default/web");
    expect(m.panes[1].ranges[0]!.marks.map((x) => [x.service, x.ip])).toEqual([["default/web", web.ips.IPv6]]);
  });

  it("shows the inconsistency when the primary range is changed, and the restart events come from the kubelet", async () => {
    const host = new EngineHost();
    await host.boot({ seed: 3, preset: "default", startTime: START }, [], START + 1_000);
    host.drain();
    await host.run("sed -i 's#--service-cluster-ip-range=10.96.0.0/12#--service-cluster-ip-range=10.100.0.0/16#' /etc/kubernetes/manifests/kube-apiserver.yaml", START + 2_000);
    await host.run("sleep 15", START + 3_000);
    const m = model(host);
    expect(m.flag).toMatchObject({ state: "inconsistent", cidrs: ["10.100.0.0/16"], defaultCIDRs: ["10.96.0.0/12"] });
    expect(m.flag!.eventMessage).toBe("The default ServiceCIDR [10.96.0.0/12] does not match the controller flag configurations [10.100.0.0/16]");
    expect(m.panes[0].ranges[0]).toMatchObject({ name: "kubernetes", flagCIDR: "10.100.0.0/16", flagMatches: false });
    const restarts = host
      .drain()
      // A second Started event of the same container is the first one with its count raised (MODIFIED).
      .filter((e) => e.resource === "events")
      .map((e) => [(e.object as Event).reason, (e.object as Event).involvedObject.name, e.actor]);
    expect(restarts).toContainEqual(["Killing", "kube-apiserver-controlplane", "system:node:controlplane"]);
    expect(restarts).toContainEqual(["Started", "kube-apiserver-controlplane", "system:node:controlplane"]);
  });

  it("draws the docs' policy as a fence and hands its refusals, with the failed expression, to the trace", async () => {
    const host = new EngineHost();
    await host.boot({ seed: 3, preset: "default", startTime: START }, [], START + 1_000);
    const policy = readFileSync(new URL("../apiserver/admission/fixtures/vap-servicecidr-default.yaml", import.meta.url), "utf8");
    await host.run(`cat <<'YAML' | kubectl apply -f -\n${policy}YAML`, START + 2_000);
    expect(host.drainDecisions()).toEqual([]);
    let m = model(host);
    expect(m.panes[0].fences).toEqual([{ policy: "servicecidrs.default", binding: "servicecidrs-default-binding", actions: ["Deny", "Audit"], cidrs: ["10.96.0.0/16"] }]);
    expect(m.panes[1].fences.map((f) => f.cidrs)).toEqual([["2001:db8::/64"]]);
    expect(m.panes[0].ranges[0]!.fences).toEqual([{ policy: "servicecidrs.default", binding: "servicecidrs-default-binding", cidr: "10.96.0.0/16", start: 0, end: 0.0625 }]);

    const bad = "apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata:\n  name: bad-cidr\nspec:\n  cidrs:\n  - 172.20.0.0/16\n";
    const r = await host.run(`cat <<'YAML' | kubectl create -f -\n${bad}YAML`, START + 3_000);
    expect(r.output).toContain("ValidatingAdmissionPolicy 'servicecidrs.default' with binding 'servicecidrs-default-binding' denied request");
    const decisions = host.drainDecisions();
    expect(decisions).toMatchObject([
      {
        policy: "servicecidrs.default",
        binding: "servicecidrs-default-binding",
        actions: ["Deny", "Audit"],
        expression: "object.spec.cidrs.all(newCIDR, variables.allowed.exists(allowedCIDR, cidr(allowedCIDR).containsCIDR(newCIDR)))",
        resource: "servicecidrs.networking.k8s.io",
        name: "bad-cidr",
        operation: "CREATE",
      },
    ]);
    // Each decision is handed over once.
    expect(host.drainDecisions()).toEqual([]);

    const ok = bad.replace("bad-cidr", "ok-cidr").replace("172.20.0.0/16", "10.96.1.0/24");
    await host.run(`cat <<'YAML' | kubectl create -f -\n${ok}YAML`, START + 4_000);
    expect(host.drainDecisions()).toEqual([]);
    m = model(host);
    expect(m.panes[0].ranges.map((r) => [r.name, r.insideFence])).toEqual([
      ["kubernetes", false],
      ["ok-cidr", true],
    ]);
  });
});

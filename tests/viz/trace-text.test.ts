import { describe, it, expect } from "vitest";
import { actorText, decisionKind, decisionMessage, decisionRequest, decisionText, eventText, isRestart, isWarning, shownEvents } from "../../src/viz/trace-text.ts";
import type { AdmissionDecision, WireEvent } from "../../src/worker/protocol.ts";
import { strings } from "../../src/ui/i18n.ts";

const en = strings("en");
const ko = strings("ko");

function kubeletEvent(reason: string, message: string, type: "Normal" | "Warning" = "Normal"): WireEvent {
  return {
    rv: 40,
    type: "ADDED",
    resource: "events",
    key: "kube-system/kube-apiserver-controlplane.1",
    time: 0,
    actor: "system:node:controlplane",
    object: {
      apiVersion: "v1",
      kind: "Event",
      metadata: { namespace: "kube-system", name: "kube-apiserver-controlplane.1" },
      involvedObject: { kind: "Pod", namespace: "kube-system", name: "kube-apiserver-controlplane" },
      reason,
      message,
      type,
    } as never,
  };
}

const decision: AdmissionDecision = {
  at: 0,
  policy: "servicecidrs-default",
  binding: "servicecidrs-binding",
  actions: ["Deny", "Audit"],
  expression: "object.spec.cidrs.all(newCIDR, variables.allowed.exists(allowedCIDR, cidr(allowedCIDR).containsCIDR(newCIDR)))",
  message: "failed expression: object.spec.cidrs.all(...)",
  resource: "servicecidrs.networking.k8s.io",
  name: "bad-cidr",
  operation: "CREATE",
};

describe("trace words", () => {
  it("names the kubelet that restarted a static pod, with its node", () => {
    const e = kubeletEvent("Killing", "Stopping container kube-apiserver");
    expect(actorText(e, en)).toBe("kubelet (controlplane)");
    expect(actorText(e, ko)).toBe("kubelet (controlplane)");
    expect(eventText(e)).toBe("Killing pod/kube-apiserver-controlplane · Stopping container kube-apiserver");
    expect(isRestart(e)).toBe(true);
    expect(isRestart(kubeletEvent("Pulled", "Container image … already present"))).toBe(false);
    expect(isRestart(kubeletEvent("BackOff", "Back-off restarting failed container kube-apiserver", "Warning"))).toBe(true);
    expect(isWarning(kubeletEvent("BackOff", "Back-off", "Warning"))).toBe(true);
  });

  it("keeps the other actors as they were", () => {
    const base = kubeletEvent("x", "y");
    expect(actorText({ ...base, actor: "kubernetes-admin" }, en)).toBe("you (kubectl)");
    expect(actorText({ ...base, actor: "kubernetes-admin" }, ko)).toBe("사용자 (kubectl)");
    expect(actorText({ ...base, actor: "system:apiserver", resource: "ipaddresses.networking.k8s.io" }, en)).toBe("ClusterIP allocator");
    expect(actorText({ ...base, actor: "system:kube-controller-manager" }, en)).toBe("kube-controller-manager");
    expect(actorText({ ...base, actor: undefined }, en)).toBe("controller");
  });

  it("leaves node heartbeats out", () => {
    const lease = { ...kubeletEvent("x", "y"), resource: "leases.coordination.k8s.io", key: "kube-node-lease/controlplane" };
    expect(shownEvents([lease, kubeletEvent("Started", "Started container kube-apiserver")]).map((e) => e.resource)).toEqual(["events"]);
  });

  it("shows a ServiceCIDR's ranges when it changes (the dual-stack upgrade)", () => {
    const e: WireEvent = {
      rv: 50,
      type: "MODIFIED",
      resource: "servicecidrs.networking.k8s.io",
      key: "kubernetes",
      time: 0,
      object: { apiVersion: "networking.k8s.io/v1", kind: "ServiceCIDR", metadata: { name: "kubernetes" }, spec: { cidrs: ["10.96.0.0/12", "fd00:10:96::/112"] }, status: { conditions: [{ type: "Ready", status: "True" }] } } as never,
    };
    expect(eventText(e)).toBe("ServiceCIDR kubernetes [10.96.0.0/12, fd00:10:96::/112] (Ready=True)");
    expect(eventText({ ...e, type: "ADDED", resource: "endpointslices.discovery.k8s.io", key: "default/web-abcde" })).toBe("EndpointSlice default/web-abcde");
  });

  it("reads a refused request with its policy, binding and request", () => {
    expect(decisionKind(decision)).toBe("Deny");
    expect(decisionText(decision, en)).toBe("refused by ValidatingAdmissionPolicy 'servicecidrs-default' (servicecidrs-binding)");
    expect(decisionText(decision, ko)).toBe("ValidatingAdmissionPolicy 'servicecidrs-default' 정책이 요청을 거부함 (servicecidrs-binding)");
    expect(decisionRequest(decision)).toBe("CREATE servicecidrs.networking.k8s.io bad-cidr");
    expect(decisionKind({ ...decision, actions: ["Warn"] })).toBe("Warn");
    // A message that only repeats the expression is said once; a policy's own message is kept.
    expect(decisionMessage({ ...decision, message: `failed expression: ${decision.expression}` })).toBeNull();
    expect(decisionMessage({ ...decision, message: "only approved ranges" })).toBe("only approved ranges");
    expect(decisionText({ ...decision, actions: ["Audit"], binding: "" }, en)).toBe("audited by ValidatingAdmissionPolicy 'servicecidrs-default'");
  });
});

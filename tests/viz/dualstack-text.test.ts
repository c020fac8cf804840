import { describe, it, expect } from "vitest";
import { chipLabel, chipText, fenceText, flagSentence, flagText, rangeFlagNote, rangeLabel, serviceMeta } from "../../src/viz/dualstack-text.ts";
import type { RangeRow, ServiceRow } from "../../src/viz/dualstack-model-types.ts";
import { strings } from "../../src/ui/i18n.ts";

const en = strings("en");
const ko = strings("ko");

const web: ServiceRow = {
  key: "default/web",
  namespace: "default",
  name: "web",
  type: "ClusterIP",
  policy: "PreferDualStack",
  families: ["IPv4", "IPv6"],
  headless: false,
  ips: { IPv4: "10.96.0.128", IPv6: "fd00:10:96::a" },
  linked: true,
};

const range: RangeRow = {
  id: "kubernetes fd00:10:96::/112",
  name: "kubernetes",
  cidr: "fd00:10:96::/112",
  family: "IPv6",
  terminating: false,
  size: 65536n,
  isDefault: true,
  flagCIDR: "fd00:10:96::/112",
  flagMatches: true,
  marks: [{ ip: "fd00:10:96::a", service: "default/web", position: 10 / 65536 }],
  fences: [],
  insideFence: null,
};

describe("dual-stack view words", () => {
  it("says each Service's type, policy and families", () => {
    expect(serviceMeta(web, en)).toBe("ClusterIP · PreferDualStack · IPv4, IPv6");
    expect(serviceMeta({ ...web, policy: "", families: ["IPv4"] }, en)).toBe("ClusterIP · no ipFamilyPolicy · IPv4");
    expect(serviceMeta({ ...web, headless: true, ips: {}, linked: false }, ko)).toBe("ClusterIP · PreferDualStack · IPv4, IPv6 · 헤드리스");
  });

  it("names the linked IP in each chip's accessible name", () => {
    expect(chipLabel(web, "IPv4", en)).toBe("IPv4 10.96.0.128, default/web, PreferDualStack, linked to fd00:10:96::a");
    expect(chipLabel(web, "IPv6", ko)).toBe("IPv6 fd00:10:96::a, default/web, PreferDualStack, 10.96.0.128 주소와 연결됨");
    const v4only: ServiceRow = { ...web, policy: "SingleStack", families: ["IPv4"], ips: { IPv4: "10.96.0.5" }, linked: false };
    expect(chipLabel(v4only, "IPv4", en)).toBe("IPv4 10.96.0.5, default/web, SingleStack");
    expect(chipText(v4only, "IPv6", en)).toBe("no IPv6 IP");
    expect(chipText(v4only, "IPv6", ko)).toBe("IPv6 IP 없음");
  });

  it("writes the flag as in the manifest, with its state", () => {
    const flag = { cidrs: ["10.96.0.0/12", "fd00:10:96::/112"], defaultCIDRs: ["10.96.0.0/12"], state: "inconsistent" as const, eventMessage: null };
    expect(flagText(flag)).toBe("--service-cluster-ip-range=10.96.0.0/12,fd00:10:96::/112");
    expect(flagSentence(flag, en)).toBe("The kubernetes ServiceCIDR differs from this flag: the apiserver keeps the old ranges.");
    expect(flagSentence({ ...flag, state: "match" }, ko)).toBe("kubernetes ServiceCIDR가 이 플래그와 일치합니다.");
  });

  it("labels a range with its flag link, IP count and fence", () => {
    expect(rangeLabel(range, en)).toBe("kubernetes fd00:10:96::/112, from the flag, Service IPs: 1");
    expect(rangeFlagNote({ ...range, flagMatches: false, flagCIDR: "fd00:20::/112" }, en)).toBe("flag says fd00:20::/112");
    expect(rangeFlagNote({ ...range, flagMatches: false, flagCIDR: null }, en)).toBe("not in the flag");
    expect(rangeLabel({ ...range, isDefault: false, flagMatches: null, flagCIDR: null, insideFence: false, terminating: true }, ko)).toBe(
      "kubernetes fd00:10:96::/112, 삭제 중, 서비스 IP 1개, 허용 대역 밖",
    );
  });

  it("says what a fence allows", () => {
    expect(fenceText({ policy: "servicecidrs-default", binding: "b", actions: ["Deny"], cidrs: ["10.96.0.0/16"] }, en)).toBe("servicecidrs-default (Deny) allows 10.96.0.0/16");
    expect(fenceText({ policy: "servicecidrs.deny", binding: "b", actions: ["Deny", "Audit"], cidrs: [] }, en)).toBe(
      "servicecidrs.deny (Deny, Audit) names no allowed range: it may refuse any new ServiceCIDR",
    );
  });
});

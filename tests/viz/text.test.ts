import { describe, it, expect } from "vitest";
import { cellLabel, formatCount, ownerText, readyText, usedText } from "../../src/viz/servicecidr-text.ts";

const ko = { "legend.allocated": "할당됨", "legend.static": "정적 대역", "map.used": "{capacity}개 중 {used}개 사용" };

describe("view text", () => {
  it("names a cell by IP, state, owner and band in the host's language", () => {
    const cell = { ip: "10.96.0.1", offset: 1, state: "allocated" as const, band: "static" as const, owner: "default/kubernetes", role: "kubernetes" as const };
    expect(cellLabel(cell, {})).toBe("10.96.0.1, allocated, default/kubernetes (kubernetes.default), static band");
    expect(cellLabel(cell, ko)).toBe("10.96.0.1, 할당됨, default/kubernetes (kubernetes.default), 정적 대역");
    expect(cellLabel({ ip: "10.96.0.0", offset: 0, state: "reserved", band: "none" }, {})).toBe("10.96.0.0, reserved");
    expect(ownerText({ owner: "hand-made", handMade: true }, {})).toBe("hand-made");
  });

  it("formats counts and conditions", () => {
    expect(formatCount(254n)).toBe("254");
    expect(formatCount(1048574n)).toBe("1,048,574");
    expect(formatCount((1n << 64n) - 1n)).toBe("2^64 − 1");
    expect(usedText(3, 254n, ko)).toBe("254개 중 3개 사용");
    expect(usedText(3, 254n, {})).toBe("3 used of 254");
    expect(readyText({ status: "False", reason: "Terminating", message: "There are still IPAddresses" })).toBe(
      "Ready=False Terminating: There are still IPAddresses",
    );
    expect(readyText({ status: "True", reason: "", message: "Kubernetes Service CIDR is ready" })).toBe("Ready=True: Kubernetes Service CIDR is ready");
  });
});

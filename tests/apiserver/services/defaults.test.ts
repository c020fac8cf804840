// SetDefaults_Service (pkg/apis/core/v1/defaults.go), seen through the API as kubectl sees it.
import { describe, expect, it } from "vitest";
import { createService, newCluster } from "../harness.ts";

describe("Service defaults", () => {
  it("ClientIP affinity without a timeout gets DefaultClientIPServiceAffinitySeconds (10800)", () => {
    const t = newCluster({ range: "10.96.0.0/24" });
    expect(createService(t.api, "sticky", { sessionAffinity: "ClientIP" }).spec!.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect(createService(t.api, "short", { sessionAffinity: "ClientIP", sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }).spec!.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 60 } });
    const plain = createService(t.api, "plain");
    expect(plain.spec!.sessionAffinity).toBe("None");
    expect(plain.spec!.sessionAffinityConfig).toBeUndefined();
  });
});

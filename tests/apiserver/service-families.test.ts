// Dual-stack family defaulting and allocation for Services, after k/k
// pkg/registry/core/service/storage/alloc.go (initIPFamilyFields, allocClusterIPs, updateClusterIPs,
// isMatchingPreferDualStackClusterIPFields) and storage.go (normalizeClusterIPs, patchAllocatedValues),
// with the rules summarised in k8s-dualstack-nodes-proxy.md §1.3-1.9.
import { describe, expect, it } from "vitest";
import {
  IP_ADDRESSES,
  SERVICES,
  createService,
  errorMessage,
  expectError,
  getIPAddress,
  getService,
  ipAddressNames,
  newCluster,
  service,
  tryGet,
  updateService,
  type TestCluster,
} from "./harness.ts";
import type { IPFamily, IPFamilyPolicy, Service, ServiceSpec } from "../../src/apiserver/registry/service/types.ts";

type Fam = IPFamily;
const V4_RANGE = "10.96.0.0/24";
const V6_RANGE = "fd00:10:96::/112";
const CONFIGS: Record<string, { flag: string; families: Fam[] }> = {
  "single v4": { flag: V4_RANGE, families: ["IPv4"] },
  "single v6": { flag: V6_RANGE, families: ["IPv6"] },
  "dual v4/v6": { flag: `${V4_RANGE},${V6_RANGE}`, families: ["IPv4", "IPv6"] },
  "dual v6/v4": { flag: `${V6_RANGE},${V4_RANGE}`, families: ["IPv6", "IPv4"] },
};
const FAMILY_INPUTS: (Fam[] | undefined)[] = [undefined, ["IPv4"], ["IPv6"], ["IPv4", "IPv6"], ["IPv6", "IPv4"]];
const POLICIES: (IPFamilyPolicy | undefined)[] = [undefined, "SingleStack", "PreferDualStack", "RequireDualStack"];

const other = (f: Fam): Fam => (f === "IPv4" ? "IPv6" : "IPv4");
const familyOf = (ip: string): Fam => (ip.includes(":") ? "IPv6" : "IPv4");

/**
 * The expected outcome of a create with no clusterIPs given, spelled out from alloc.go
 * initIPFamilyFields step by step (the oracle for the table below).
 */
function expected(cluster: Fam[], fams: Fam[] | undefined, policyIn: IPFamilyPolicy | undefined, headless: boolean, selector: boolean) {
  const policy: IPFamilyPolicy = policyIn ?? (headless && !selector ? "RequireDualStack" : "SingleStack");
  const errs: string[] = [];
  let families = [...(fams ?? [])];
  if (policy === "SingleStack" && families.length === 2) {
    errs.push(`spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified`);
  }
  if (errs.length) return { error: errs };
  if (headless && !selector) {
    if (!families.length) families = [cluster[0]!];
    if (families.length < 2 && policy !== "SingleStack") families.push(other(families[0]!));
    return { policy, families };
  }
  if (policy === "RequireDualStack" && cluster.length < 2) {
    errs.push(`spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services`);
  }
  families.forEach((f, i) => {
    if (!cluster.includes(f)) errs.push(`spec.ipFamilies[${i}]: Invalid value: "${f}": not configured on this cluster`);
  });
  if (errs.length) return { error: errs };
  if (!families.length) families = [cluster[0]!];
  if (policy !== "SingleStack" && families.length === 1 && cluster.length === 2) families.push(other(families[0]!));
  return { policy, families };
}

const aggregate = (errs: string[]) => (errs.length === 1 ? errs[0]! : `[${errs.join(", ")}]`);

describe("create: families × policies × cluster configs × headless/selector", () => {
  for (const [configName, config] of Object.entries(CONFIGS)) {
    describe(configName, () => {
      const t = newCluster({ range: config.flag });
      let n = 0;
      for (const headless of [false, true]) {
        for (const selector of [true, false]) {
          for (const fams of FAMILY_INPUTS) {
            for (const policy of POLICIES) {
              const title = `${headless ? "headless" : "ClusterIP"} ${selector ? "with" : "without"} selector, ipFamilies=${JSON.stringify(fams ?? null)}, policy=${policy ?? "unset"}`;
              it(title, () => {
                const name = `svc-${n++}`;
                const spec: ServiceSpec = { selector: selector ? { app: "x" } : undefined };
                if (headless) spec.clusterIP = "None";
                if (fams) spec.ipFamilies = [...fams];
                if (policy) spec.ipFamilyPolicy = policy;
                const want = expected(config.families, fams, policy, headless, selector);
                const before = ipAddressNames(t.api).length;
                if ("error" in want) {
                  expectError(() => createService(t.api, name, spec), `Service "${name}" is invalid: ${aggregate(want.error!)}`, "Invalid", 422);
                  expect(ipAddressNames(t.api).length).toBe(before);
                  return;
                }
                const svc = createService(t.api, name, spec);
                expect(svc.spec.ipFamilyPolicy).toBe(want.policy);
                expect(svc.spec.ipFamilies).toEqual(want.families);
                if (headless) {
                  expect(svc.spec.clusterIP).toBe("None");
                  expect(svc.spec.clusterIPs).toEqual(["None"]);
                  expect(ipAddressNames(t.api).length).toBe(before);
                } else {
                  expect(svc.spec.clusterIPs!.map(familyOf)).toEqual(want.families);
                  expect(svc.spec.clusterIP).toBe(svc.spec.clusterIPs![0]);
                  for (const ip of svc.spec.clusterIPs!) expect(getIPAddress(t.api, ip).spec.parentRef).toEqual({ resource: "services", namespace: "default", name });
                  expect(ipAddressNames(t.api).length).toBe(before + want.families!.length);
                }
              });
            }
          }
        }
      }
    });
  }
});

describe("create with static IPs", () => {
  const dual = () => newCluster({ range: `${V4_RANGE},${V6_RANGE}` });

  it("infers the family from clusterIP, defaulting the policy to SingleStack", () => {
    const t = dual();
    const svc = createService(t.api, "a", { clusterIP: "fd00:10:96::50" });
    expect(svc.spec).toMatchObject({ clusterIP: "fd00:10:96::50", clusterIPs: ["fd00:10:96::50"], ipFamilies: ["IPv6"], ipFamilyPolicy: "SingleStack" });
  });

  it("takes two static IPs of different families with a dual-stack policy", () => {
    const t = dual();
    const svc = createService(t.api, "a", { clusterIP: "fd00:10:96::50", clusterIPs: ["fd00:10:96::50", "10.96.0.50"], ipFamilyPolicy: "PreferDualStack" });
    expect(svc.spec).toMatchObject({ clusterIPs: ["fd00:10:96::50", "10.96.0.50"], ipFamilies: ["IPv6", "IPv4"] });
    expect(getIPAddress(t.api, "10.96.0.50").metadata.labels).toEqual({ "ipaddress.kubernetes.io/ip-family": "IPv4", "ipaddress.kubernetes.io/managed-by": "ipallocator.k8s.io" });
    expect(getIPAddress(t.api, "fd00:10:96::50").metadata.labels?.["ipaddress.kubernetes.io/ip-family"]).toBe("IPv6");
  });

  it("allocates the second family dynamically when only the first IP is given", () => {
    const t = dual();
    const svc = createService(t.api, "a", { clusterIP: "10.96.0.50", ipFamilyPolicy: "RequireDualStack" });
    expect(svc.spec.clusterIPs![0]).toBe("10.96.0.50");
    expect(familyOf(svc.spec.clusterIPs![1]!)).toBe("IPv6");
  });

  it("refuses two IPs with SingleStack, whether explicit or defaulted", () => {
    const t = dual();
    const two = { clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.50", "fd00:10:96::50"] };
    const msg = `Service "a" is invalid: spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified`;
    expectError(() => createService(t.api, "a", two), msg);
    expectError(() => createService(t.api, "a", { ...two, ipFamilyPolicy: "SingleStack" }), msg);
    expectError(
      () => createService(t.api, "a", { ...two, ipFamilyPolicy: "SingleStack", ipFamilies: ["IPv4", "IPv6"] }),
      `Service "a" is invalid: [spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified, spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified]`,
    );
    expect(ipAddressNames(t.api)).toEqual(["10.96.0.1"]);
  });

  it("names the family of a static IP the cluster does not serve, with the whole slice", () => {
    const t = newCluster({ range: V4_RANGE });
    expectError(
      () => createService(t.api, "a", { clusterIP: "fd00::5" }),
      `Service "a" is invalid: spec.clusterIPs[0]: Invalid value: ["fd00::5"]: IPv6 is not configured on this cluster`,
    );
    expectError(
      () => createService(t.api, "a", { clusterIP: "10.96.0.9", clusterIPs: ["10.96.0.9", "fd00::5"], ipFamilyPolicy: "PreferDualStack" }),
      `Service "a" is invalid: spec.clusterIPs[1]: Invalid value: ["10.96.0.9","fd00::5"]: IPv6 is not configured on this cluster`,
    );
    // With the family given, the family check speaks instead.
    expectError(
      () => createService(t.api, "a", { clusterIP: "fd00::5", ipFamilies: ["IPv6"] }),
      `Service "a" is invalid: spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster`,
    );
  });

  it("lets a headless selectorless Service record two families on a single-stack cluster", () => {
    const t = newCluster({ range: V6_RANGE });
    const svc = createService(t.api, "h", { clusterIP: "None", selector: undefined });
    expect(svc.spec).toMatchObject({ ipFamilyPolicy: "RequireDualStack", ipFamilies: ["IPv6", "IPv4"], clusterIPs: ["None"] });
    const single = createService(t.api, "s", { clusterIP: "None", selector: undefined, ipFamilyPolicy: "SingleStack" });
    expect(single.spec.ipFamilies).toEqual(["IPv6"]);
  });

  it("gives a headless Service with a selector only the configured families", () => {
    const t = newCluster({ range: V4_RANGE });
    expect(createService(t.api, "h", { clusterIP: "None" }).spec).toMatchObject({ ipFamilyPolicy: "SingleStack", ipFamilies: ["IPv4"], clusterIPs: ["None"] });
    expectError(
      () => createService(t.api, "r", { clusterIP: "None", ipFamilyPolicy: "RequireDualStack" }),
      `Service "r" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services`,
    );
  });
});

describe("upgrade and downgrade", () => {
  it("SingleStack → PreferDualStack adds a secondary IP of the other family, keeping the primary", () => {
    const t = newCluster({ range: `${V4_RANGE},${V6_RANGE}` });
    const before = createService(t.api, "a");
    const after = updateService(t.api, "a", (s) => void (s.spec.ipFamilyPolicy = "PreferDualStack"));
    expect(after.spec.ipFamilies).toEqual(["IPv4", "IPv6"]);
    expect(after.spec.clusterIPs![0]).toBe(before.spec.clusterIP);
    expect(familyOf(after.spec.clusterIPs![1]!)).toBe("IPv6");
    expect(getIPAddress(t.api, after.spec.clusterIPs![1]!).spec.parentRef?.name).toBe("a");
  });

  it("SingleStack → RequireDualStack does the same on a v6-first cluster", () => {
    const t = newCluster({ range: `${V6_RANGE},${V4_RANGE}` });
    const before = createService(t.api, "a");
    const after = updateService(t.api, "a", (s) => void (s.spec.ipFamilyPolicy = "RequireDualStack"));
    expect(after.spec.ipFamilies).toEqual(["IPv6", "IPv4"]);
    expect(after.spec.clusterIPs![0]).toBe(before.spec.clusterIP);
    expect(familyOf(after.spec.clusterIPs![1]!)).toBe("IPv4");
  });

  it("an upgrade may name the secondary IP", () => {
    const t = newCluster({ range: `${V4_RANGE},${V6_RANGE}` });
    createService(t.api, "a");
    const after = updateService(t.api, "a", (s) => {
      s.spec.ipFamilyPolicy = "RequireDualStack";
      s.spec.clusterIPs = [s.spec.clusterIP!, "fd00:10:96::77"];
    });
    expect(after.spec.clusterIPs![1]).toBe("fd00:10:96::77");
    expect(ipAddressNames(t.api)).toContain("fd00:10:96::77");
  });

  it("on a single-stack cluster PreferDualStack stays single and RequireDualStack is refused", () => {
    const t = newCluster({ range: V4_RANGE });
    createService(t.api, "a");
    expect(updateService(t.api, "a", (s) => void (s.spec.ipFamilyPolicy = "PreferDualStack")).spec.ipFamilies).toEqual(["IPv4"]);
    expectError(
      () => updateService(t.api, "a", (s) => void (s.spec.ipFamilyPolicy = "RequireDualStack")),
      `Service "a" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services`,
    );
  });

  it("setting SingleStack downgrades, keeping the first IP and family and releasing the second", () => {
    const t = newCluster({ range: `${V6_RANGE},${V4_RANGE}` });
    const dual = createService(t.api, "a", { ipFamilyPolicy: "RequireDualStack" });
    const [primary, secondary] = dual.spec.clusterIPs!;
    const after = updateService(t.api, "a", (s) => void (s.spec.ipFamilyPolicy = "SingleStack"));
    expect(after.spec).toMatchObject({ clusterIP: primary, clusterIPs: [primary], ipFamilies: ["IPv6"], ipFamilyPolicy: "SingleStack" });
    expect(tryGet(t.api, IP_ADDRESSES, undefined, secondary!)).toBeUndefined();
    expect(tryGet(t.api, IP_ADDRESSES, undefined, primary!)).toBeDefined();
  });

  it("a downgrade may also send the truncated lists with SingleStack", () => {
    const t = newCluster({ range: `${V4_RANGE},${V6_RANGE}` });
    const dual = createService(t.api, "a", { ipFamilyPolicy: "PreferDualStack" });
    const after = updateService(t.api, "a", (s) => {
      s.spec.ipFamilyPolicy = "SingleStack";
      s.spec.clusterIPs = s.spec.clusterIPs!.slice(0, 1);
      s.spec.ipFamilies = ["IPv4"];
    });
    expect(after.spec.clusterIPs).toEqual([dual.spec.clusterIP]);
    expect(ipAddressNames(t.api)).not.toContain(dual.spec.clusterIPs![1]);
  });

  it("refuses to drop the secondary without SingleStack", () => {
    const t = newCluster({ range: `${V4_RANGE},${V6_RANGE}` });
    createService(t.api, "a", { ipFamilyPolicy: "RequireDualStack" });
    const fp = t.cluster.store.fingerprint();
    expectError(
      () =>
        updateService(t.api, "a", (s) => {
          s.spec.clusterIPs = s.spec.clusterIPs!.slice(0, 1);
          s.spec.ipFamilies = ["IPv4"];
        }),
      `Service "a" is invalid: [spec.ipFamilyPolicy: Invalid value: "RequireDualStack": must be 'SingleStack' to release the secondary cluster IP, spec.ipFamilyPolicy: Invalid value: "RequireDualStack": must be 'SingleStack' to release the secondary IP family]`,
    );
    expectError(
      () => updateService(t.api, "a", (s) => void (s.spec.ipFamilies = ["IPv4"])),
      `Service "a" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": must be 'SingleStack' to release the secondary IP family`,
    );
    expect(t.cluster.store.fingerprint()).toBe(fp);
  });

  it("a PUT that leaves out ipFamilies keeps a dual-stack Service as it is (nothing was reduced)", () => {
    const t = newCluster({ range: `${V4_RANGE},${V6_RANGE}` });
    const dual = createService(t.api, "a", { ipFamilyPolicy: "RequireDualStack" });
    const after = updateService(t.api, "a", (s) => {
      delete s.spec.ipFamilies;
      s.metadata.labels = { touched: "yes" };
    });
    expect(after.spec.ipFamilies).toEqual(["IPv4", "IPv6"]);
    expect(after.spec.clusterIPs).toEqual(dual.spec.clusterIPs);
  });

  it("refuses to change the primary IP or family", () => {
    const t = newCluster({ range: `${V4_RANGE},${V6_RANGE}` });
    createService(t.api, "a", { clusterIP: "10.96.0.40" });
    expectError(
      () => updateService(t.api, "a", (s) => void (s.spec.clusterIP = "10.96.0.41")),
      `Service "a" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.0.41"]: may not change once set`,
    );
    expectError(
      () => updateService(t.api, "a", (s) => void (s.spec.ipFamilies = ["IPv6"])),
      'Service "a" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.40": expected an IPv6 value as indicated by `ipFamilies[0]`',
    );
    expect(ipAddressNames(t.api)).toEqual(["10.96.0.1", "10.96.0.40"]);
  });
});

describe("PreferDualStack is not re-stacked when the cluster changes", () => {
  function restart(t: TestCluster, range: string): void {
    const args = t.cluster.spec.apiserverArgs.map((a) => (a.startsWith("--service-cluster-ip-range=") ? `--service-cluster-ip-range=${range}` : a));
    expect(t.cluster.startApiServer(args)).toBeNull();
    t.advance(11_000);
  }

  it("single → dual: an existing PreferDualStack Service stays single until its policy or families change", () => {
    const t = newCluster({ range: V4_RANGE });
    const pds = createService(t.api, "pds", { ipFamilyPolicy: "PreferDualStack" });
    expect(pds.spec.ipFamilies).toEqual(["IPv4"]);
    restart(t, `${V4_RANGE},${V6_RANGE}`);
    const touched = updateService(t.api, "pds", (s) => void (s.metadata.labels = { touched: "yes" }));
    expect(touched.spec.ipFamilies).toEqual(["IPv4"]);
    expect(touched.spec.clusterIPs).toEqual(pds.spec.clusterIPs);
    // A new PreferDualStack Service gets both families.
    expect(createService(t.api, "fresh", { ipFamilyPolicy: "PreferDualStack" }).spec.ipFamilies).toEqual(["IPv4", "IPv6"]);
    // Asking for the second family explicitly upgrades it.
    const upgraded = updateService(t.api, "pds", (s) => void (s.spec.ipFamilies = ["IPv4", "IPv6"]));
    expect(upgraded.spec.clusterIPs!.map(familyOf)).toEqual(["IPv4", "IPv6"]);
  });

  it("dual → single: an existing PreferDualStack Service stays dual", () => {
    const t = newCluster({ range: `${V4_RANGE},${V6_RANGE}` });
    const pds = createService(t.api, "pds", { ipFamilyPolicy: "PreferDualStack" });
    expect(pds.spec.ipFamilies).toEqual(["IPv4", "IPv6"]);
    restart(t, V4_RANGE);
    const touched = updateService(t.api, "pds", (s) => void (s.metadata.labels = { touched: "yes" }));
    expect(touched.spec.clusterIPs).toEqual(pds.spec.clusterIPs);
    expect(createService(t.api, "fresh", { ipFamilyPolicy: "PreferDualStack" }).spec.ipFamilies).toEqual(["IPv4"]);
  });

  it("a RequireDualStack Service cannot be updated once the cluster is single-stack", () => {
    const t = newCluster({ range: `${V4_RANGE},${V6_RANGE}` });
    const dual = createService(t.api, "rds", { ipFamilyPolicy: "RequireDualStack" });
    restart(t, V4_RANGE);
    expectError(
      () => updateService(t.api, "rds", (s) => void (s.metadata.labels = { touched: "yes" })),
      `Service "rds" is invalid: [spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services, spec.ipFamilies[1]: Invalid value: "IPv6": not configured on this cluster]`,
    );
    // Downgrading is allowed; the orphaned IPv6 IPAddress stays, as no allocator of that family is left to release it.
    const rds = updateService(t.api, "rds", (s) => void (s.spec.ipFamilyPolicy = "SingleStack"));
    expect(rds.spec.ipFamilies).toEqual(["IPv4"]);
    expect(tryGet(t.api, IP_ADDRESSES, undefined, dual.spec.clusterIPs![1]!)).toBeDefined();
  });
});

describe("type changes", () => {
  it("ClusterIP → ExternalName releases the IPs and wipes the family fields; back to ClusterIP allocates again", () => {
    const t = newCluster({ range: `${V4_RANGE},${V6_RANGE}` });
    const svc = createService(t.api, "a", { ipFamilyPolicy: "PreferDualStack" });
    const [ip4, ip6] = svc.spec.clusterIPs!;
    const ext = updateService(t.api, "a", (s) => {
      s.spec.type = "ExternalName";
      s.spec.externalName = "example.com";
    });
    expect(ext.spec.clusterIP).toBeUndefined();
    expect(ext.spec.clusterIPs).toBeUndefined();
    expect(ext.spec.ipFamilies).toBeUndefined();
    expect(ext.spec.ipFamilyPolicy).toBeUndefined();
    expect(tryGet(t.api, IP_ADDRESSES, undefined, ip4!)).toBeUndefined();
    expect(tryGet(t.api, IP_ADDRESSES, undefined, ip6!)).toBeUndefined();
    expect(ipAddressNames(t.api)).toEqual(["10.96.0.1"]);

    const back = updateService(t.api, "a", (s) => {
      s.spec.type = "ClusterIP";
      delete s.spec.externalName;
    });
    expect(back.spec.ipFamilyPolicy).toBe("SingleStack");
    expect(back.spec.ipFamilies).toEqual(["IPv4"]);
    expect(back.spec.clusterIPs).toHaveLength(1);
    expect(getIPAddress(t.api, back.spec.clusterIP!).spec.parentRef?.name).toBe("a");
  });

  it("ExternalName refuses cluster IP fields the user sets", () => {
    const t = newCluster({ range: V4_RANGE });
    expectError(
      () => createService(t.api, "e", { type: "ExternalName", externalName: "example.com", clusterIP: "10.96.0.5", ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack" }),
      'Service "e" is invalid: [spec.clusterIPs: Forbidden: may not be set for ExternalName services, spec.ipFamilies: Forbidden: may not be set for ExternalName services, spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services]',
    );
    expect(ipAddressNames(t.api)).toEqual(["10.96.0.1"]);
    const ok = createService(t.api, "e", { type: "ExternalName", externalName: "example.com" });
    expect(ok.spec.clusterIP).toBeUndefined();
    expect(ok.spec.ipFamilies).toBeUndefined();
  });

  it("a dry-run create shows the defaulted families without allocating", () => {
    const t = newCluster({ range: `${V4_RANGE},${V6_RANGE}` });
    const fp = t.cluster.store.fingerprint();
    const svc = t.api.create(SERVICES, "default", service("dry", { ipFamilyPolicy: "PreferDualStack" }), { dryRun: true }) as Service;
    expect(svc.spec.ipFamilies).toEqual(["IPv4", "IPv6"]);
    expect(t.cluster.store.fingerprint()).toBe(fp);
    expect(tryGet(t.api, SERVICES, "default", "dry")).toBeUndefined();
  });

  it("keeps getService in step with what create returned", () => {
    const t = newCluster({ range: V4_RANGE });
    const created = createService(t.api, "a");
    expect(getService(t.api, "a")).toEqual(created);
    expect(errorMessage(() => createService(t.api, "a"))).toBe('services "a" already exists');
  });
});

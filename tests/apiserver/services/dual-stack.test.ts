/**
 * Dual-stack Services as kubectl shows them, table by table, from k8s-dualstack-nodes-proxy.md §1:
 * families × policies × cluster configurations × headless/selector × static IPs, every error of
 * §1.5–1.7 with the exact text kubectl prints, and the upgrade/downgrade paths. The rules are those of
 * k/k pkg/registry/core/service/storage/alloc.go (initIPFamilyFields, allocClusterIPs,
 * updateClusterIPs) and pkg/apis/core/validation/validation.go (ValidateServiceClusterIPsRelatedFields,
 * ValidateService, validateUpgradeDowngradeClusterIPs/IPFamilies).
 */
import { describe, expect, it } from "vitest";
import { kube, svc, type Kube } from "./kubectl.ts";

type Fam = "IPv4" | "IPv6";
type Policy = "SingleStack" | "PreferDualStack" | "RequireDualStack";

const V4 = "10.96.0.0/24";
const V6 = "fd00:10:96::/112";
const CLUSTERS: Record<string, { range: string; families: Fam[] }> = {
  "IPv4 only": { range: V4, families: ["IPv4"] },
  "IPv6 only": { range: V6, families: ["IPv6"] },
  "dual, IPv4 primary": { range: `${V4},${V6}`, families: ["IPv4", "IPv6"] },
  "dual, IPv6 primary": { range: `${V6},${V4}`, families: ["IPv6", "IPv4"] },
};
const FAMILIES: (Fam[] | undefined)[] = [undefined, ["IPv4"], ["IPv6"], ["IPv4", "IPv6"], ["IPv6", "IPv4"]];
const POLICIES: (Policy | undefined)[] = [undefined, "SingleStack", "PreferDualStack", "RequireDualStack"];
const SHAPES = ["selector", "headless with selector", "headless without selector"] as const;
type Shape = (typeof SHAPES)[number];

const other = (f: Fam): Fam => (f === "IPv4" ? "IPv6" : "IPv4");
const famOf = (ip: string): Fam => (ip.includes(":") ? "IPv6" : "IPv4");

/** kubectl's rendering of an Invalid status: one cause inline, several as a bullet list. */
function invalid(name: string, causes: string[]): string {
  return causes.length === 1 ? `The Service "${name}" is invalid: ${causes[0]}\n` : `The Service "${name}" is invalid: \n${causes.map((c) => `* ${c}\n`).join("")}`;
}

/**
 * What a create without clusterIPs gives, written out from the pseudocode of §1.9 (the oracle):
 * the policy and families stored, whether IPs are allocated, or the causes of the Invalid error.
 */
function expectedCreate(cluster: Fam[], fams: Fam[] | undefined, policyIn: Policy | undefined, shape: Shape) {
  const headless = shape !== "selector";
  const selectorless = shape === "headless without selector";
  const policy: Policy = policyIn ?? (headless && selectorless ? "RequireDualStack" : "SingleStack");
  let families = [...(fams ?? [])];
  if (policy === "SingleStack" && families.length === 2) {
    return { causes: [`spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified`] };
  }
  if (headless && selectorless) {
    if (families.length === 0) families = [cluster[0]!];
    if (families.length < 2 && policy !== "SingleStack") families.push(other(families[0]!));
    return { policy, families };
  }
  const causes: string[] = [];
  if (policy === "RequireDualStack" && cluster.length < 2) {
    causes.push(`spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services`);
  }
  families.forEach((f, i) => {
    if (!cluster.includes(f)) causes.push(`spec.ipFamilies[${i}]: Invalid value: "${f}": not configured on this cluster`);
  });
  if (causes.length) return { causes };
  if (families.length === 0) families = [cluster[0]!];
  if (policy !== "SingleStack" && families.length === 1 && cluster.length === 2) families.push(other(families[0]!));
  return { policy, families };
}

function specFor(fams: Fam[] | undefined, policy: Policy | undefined, shape: Shape): Record<string, unknown> {
  return {
    ...(fams ? { ipFamilies: fams } : {}),
    ...(policy ? { ipFamilyPolicy: policy } : {}),
    ...(shape !== "selector" ? { clusterIP: "None" } : {}),
    ...(shape !== "headless without selector" ? { selector: { app: "web" } } : {}),
  };
}

const label = (x: unknown) => (x === undefined ? "unset" : Array.isArray(x) ? x.join(",") : String(x));

describe("creating Services: families × policies × clusters × headless/selector (§1.3, §1.9)", () => {
  for (const [clusterName, cluster] of Object.entries(CLUSTERS)) {
    it(`${clusterName}: ${FAMILIES.length * POLICIES.length * SHAPES.length} combinations`, () => {
      const k = kube(cluster.range);
      let n = 0;
      for (const shape of SHAPES) {
        for (const fams of FAMILIES) {
          for (const policy of POLICIES) {
            const name = `s${n++}`;
            const want = expectedCreate(cluster.families, fams, policy, shape);
            const what = `${shape}, ipFamilies ${label(fams)}, policy ${label(policy)}`;
            const r = k.create(name, specFor(fams, policy, shape));
            if ("causes" in want) {
              expect(r.out, what).toBe(invalid(name, want.causes!));
              expect(k.kubectl(["get", "svc", name]).out, what).toBe(`Error from server (NotFound): services "${name}" not found\n`);
              continue;
            }
            expect(r.out, what).toBe(`service/${name} created\n`);
            const [policyOut, famsOut, ipsOut] = k.get(name, "{.spec.ipFamilyPolicy}|{.spec.ipFamilies}|{.spec.clusterIPs}").split("|");
            expect(policyOut, what).toBe(want.policy);
            expect(JSON.parse(famsOut!), what).toEqual(want.families);
            const ips = JSON.parse(ipsOut!) as string[];
            // Headless Services keep "None"; the others get one IP per family, in family order.
            if (shape === "selector") expect(ips.map(famOf), what).toEqual(want.families);
            else expect(ips, what).toEqual(["None"]);
          }
        }
      }
    });
  }
});

interface StaticCase {
  cluster: keyof typeof CLUSTERS;
  spec: Record<string, unknown>;
  /** The stored clusterIPs and ipFamilies, or the error causes. */
  want: { ips: string[]; families: Fam[]; policy: Policy } | { causes: string[] } | { out: string };
}

const STATIC: [string, StaticCase][] = [
  ["one IPv4 on an IPv4 cluster", { cluster: "IPv4 only", spec: { clusterIP: "10.96.0.50" }, want: { ips: ["10.96.0.50"], families: ["IPv4"], policy: "SingleStack" } }],
  [
    "both families, PreferDualStack: families follow the IPs",
    { cluster: "dual, IPv4 primary", spec: { clusterIP: "fd00:10:96::50", clusterIPs: ["fd00:10:96::50", "10.96.0.50"], ipFamilyPolicy: "PreferDualStack" }, want: { ips: ["fd00:10:96::50", "10.96.0.50"], families: ["IPv6", "IPv4"], policy: "PreferDualStack" } },
  ],
  [
    "one IP with PreferDualStack on a dual cluster: the other family is allocated",
    { cluster: "dual, IPv6 primary", spec: { clusterIP: "10.96.0.50", ipFamilyPolicy: "RequireDualStack" }, want: { ips: ["10.96.0.50", "<IPv6>"], families: ["IPv4", "IPv6"], policy: "RequireDualStack" } },
  ],
  [
    "an IPv6 IP on an IPv4 cluster (the value is the whole list)",
    { cluster: "IPv4 only", spec: { clusterIP: "fd00:10:96::50" }, want: { causes: [`spec.clusterIPs[0]: Invalid value: ["fd00:10:96::50"]: IPv6 is not configured on this cluster`] } },
  ],
  [
    "the secondary of a family the cluster lacks",
    {
      cluster: "IPv4 only",
      spec: { clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.50", "fd00:10:96::50"], ipFamilyPolicy: "PreferDualStack" },
      want: { causes: [`spec.clusterIPs[1]: Invalid value: ["10.96.0.50","fd00:10:96::50"]: IPv6 is not configured on this cluster`] },
    },
  ],
  [
    "two IPs with SingleStack",
    {
      cluster: "dual, IPv4 primary",
      spec: { clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.50", "fd00:10:96::50"], ipFamilyPolicy: "SingleStack" },
      want: { causes: [`spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified`] },
    },
  ],
  [
    "two IPs and two families with SingleStack: both causes",
    {
      cluster: "dual, IPv4 primary",
      spec: { clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.50", "fd00:10:96::50"], ipFamilies: ["IPv4", "IPv6"], ipFamilyPolicy: "SingleStack" },
      want: {
        causes: [
          `spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified`,
          `spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified`,
        ],
      },
    },
  ],
  [
    "an IP that does not match ipFamilies[0]",
    { cluster: "dual, IPv4 primary", spec: { clusterIP: "10.96.0.50", ipFamilies: ["IPv6"] }, want: { causes: ["spec.clusterIPs[0]: Invalid value: \"10.96.0.50\": expected an IPv6 value as indicated by `ipFamilies[0]`"] } },
  ],
  [
    "an IP that does not match ipFamilies[1]",
    {
      cluster: "dual, IPv4 primary",
      spec: { clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.50", "fd00:10:96::50"], ipFamilies: ["IPv4", "IPv4"], ipFamilyPolicy: "RequireDualStack" },
      want: { causes: [`spec.ipFamilies[1]: Duplicate value: "IPv4"`, "spec.clusterIPs[1]: Invalid value: \"fd00:10:96::50\": expected an IPv4 value as indicated by `ipFamilies[1]`"] },
    },
  ],
  ["clusterIPs without clusterIP", { cluster: "IPv4 only", spec: { clusterIPs: ["10.96.0.50"] }, want: { causes: ["spec.clusterIPs: Invalid value: [\"10.96.0.50\"]: must be empty when `clusterIP` is not specified"] } }],
  ["clusterIPs[0] other than clusterIP", { cluster: "IPv4 only", spec: { clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.51"] }, want: { causes: ["spec.clusterIPs: Invalid value: [\"10.96.0.51\"]: first value must match `clusterIP`"] } }],
  [
    "an unknown family, a repeated family and an unknown policy",
    {
      cluster: "dual, IPv4 primary",
      spec: { ipFamilies: ["IPv5", "IPv4", "IPv4"], ipFamilyPolicy: "garbage" },
      want: {
        causes: [
          `spec.ipFamilies[0]: Unsupported value: "IPv5": supported values: "IPv4", "IPv6"`,
          `spec.ipFamilies[2]: Duplicate value: "IPv4"`,
          `spec.ipFamilyPolicy: Unsupported value: "garbage": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"`,
        ],
      },
    },
  ],
  [
    "'None' with a second value",
    { cluster: "dual, IPv4 primary", spec: { clusterIP: "None", clusterIPs: ["None", "10.96.0.50"], ipFamilyPolicy: "PreferDualStack" }, want: { causes: [`spec.clusterIPs: Invalid value: ["None","10.96.0.50"]: 'None' must be the first and only value`] } },
  ],
  ["an IP that does not parse", { cluster: "IPv4 only", spec: { clusterIP: "10.96.0.500" }, want: { causes: [`spec.clusterIPs[0]: Invalid value: "10.96.0.500": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`] } }],
  [
    "three IPs",
    {
      cluster: "dual, IPv4 primary",
      spec: { clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.50", "fd00:10:96::50", "10.96.0.51"], ipFamilyPolicy: "RequireDualStack" },
      want: { causes: [`spec.clusterIPs: Invalid value: ["10.96.0.50","fd00:10:96::50","10.96.0.51"]: may only hold up to 2 values`] },
    },
  ],
  [
    "two IPs of one family",
    {
      cluster: "dual, IPv4 primary",
      spec: { clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.50", "10.96.0.51"], ipFamilyPolicy: "RequireDualStack" },
      want: { causes: [`spec.clusterIPs: Invalid value: ["10.96.0.50","10.96.0.51"]: may specify no more than one IP for each IP family`] },
    },
  ],
  [
    "an IP outside every ServiceCIDR",
    { cluster: "IPv4 only", spec: { clusterIP: "192.168.1.5" }, want: { causes: [`spec.clusterIPs: Invalid value: ["192.168.1.5"]: failed to allocate IP 192.168.1.5: the provided network does not match the current range`] } },
  ],
];

describe("static ClusterIPs and the errors of ValidateServiceClusterIPsRelatedFields (§1.4, §1.5)", () => {
  it.each(STATIC)("%s", (_, c) => {
    const k = kube(CLUSTERS[c.cluster]!.range);
    const r = k.create("web", { selector: { app: "web" }, ...c.spec });
    if ("causes" in c.want) {
      expect(r.out).toBe(invalid("web", c.want.causes));
      expect(r.exitCode).toBe(1);
      expect(k.kubectl("get ipaddresses -o name").out).toBe(k.kubectl("get svc kubernetes -o jsonpath=ipaddress.networking.k8s.io/{.spec.clusterIP}{'\\n'}").out);
      return;
    }
    if ("out" in c.want) {
      expect(r.out).toBe(c.want.out);
      return;
    }
    expect(r.out).toBe("service/web created\n");
    const [policy, fams, ips] = k.get("web", "{.spec.ipFamilyPolicy}|{.spec.ipFamilies}|{.spec.clusterIPs}").split("|");
    expect(policy).toBe(c.want.policy);
    expect(JSON.parse(fams!)).toEqual(c.want.families);
    const got = JSON.parse(ips!) as string[];
    expect(got.map((ip, i) => (c.want as { ips: string[] }).ips[i]!.startsWith("<") ? `<${famOf(ip)}>` : ip)).toEqual(c.want.ips);
  });

  it("an IP already taken", () => {
    const k = kube(V4);
    expect(k.create("one", { clusterIP: "10.96.0.50" }).out).toBe("service/one created\n");
    expect(k.create("two", { clusterIP: "10.96.0.50" }).out).toBe(
      invalid("two", [`spec.clusterIPs: Invalid value: ["10.96.0.50"]: failed to allocate IP 10.96.0.50: provided IP is already allocated`]),
    );
  });

  it("a failed secondary gives back the primary it had allocated", () => {
    const k = kube(`${V4},${V6}`);
    k.create("holder", { clusterIP: "fd00:10:96::50", ipFamilies: ["IPv6"] });
    const r = k.create("web", { clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.50", "fd00:10:96::50"], ipFamilyPolicy: "RequireDualStack" });
    expect(r.out).toBe(invalid("web", [`spec.clusterIPs: Invalid value: ["10.96.0.50","fd00:10:96::50"]: failed to allocate IP fd00:10:96::50: provided IP is already allocated`]));
    expect(k.create("again", { clusterIP: "10.96.0.50" }).out).toBe("service/again created\n");
  });
});

describe("type-dependent rules of ValidateService (§1.6)", () => {
  it.each([
    ["headless NodePort", { type: "NodePort", clusterIP: "None" }, [`spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`]],
    ["headless LoadBalancer", { type: "LoadBalancer", clusterIP: "None" }, [`spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for LoadBalancer services`]],
    [
      "ExternalName with clusterIP, families and policy",
      { type: "ExternalName", externalName: "db.example.com", clusterIP: "10.96.0.50", ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack" },
      ["spec.clusterIPs: Forbidden: may not be set for ExternalName services", "spec.ipFamilies: Forbidden: may not be set for ExternalName services", "spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services"],
    ],
    ["ExternalName without a name", { type: "ExternalName" }, ["spec.externalName: Required value"]],
    ["nodePort on a ClusterIP Service", { ports: [{ port: 80, protocol: "TCP", nodePort: 30080 }] }, ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
    [
      "the same nodePort twice on one protocol",
      { type: "NodePort", ports: [{ name: "a", port: 80, protocol: "TCP", nodePort: 30080 }, { name: "b", port: 81, protocol: "TCP", nodePort: 30080 }] },
      // alloc.go initNodePorts runs before validation: the second request for 30080 fails to allocate,
      // so ValidateService's "Duplicate value" is never reached on create.
      ["spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated"],
    ],
  ] as [string, Record<string, unknown>, string[]][])("%s", (_, spec, causes) => {
    const k = kube(`${V4},${V6}`);
    expect(k.create("web", spec).out).toBe(invalid("web", causes));
  });

  it("ExternalName gets no families and no IPs; NodePort and LoadBalancer get both families when asked", () => {
    const k = kube(`${V4},${V6}`);
    expect(k.create("ext", { type: "ExternalName", externalName: "db.example.com" }).out).toBe("service/ext created\n");
    expect(k.get("ext", "[{.spec.ipFamilyPolicy}][{.spec.ipFamilies}][{.spec.clusterIPs}]")).toBe("[][][]");
    for (const type of ["NodePort", "LoadBalancer"]) {
      const name = type.toLowerCase();
      expect(k.create(name, { type, ipFamilyPolicy: "PreferDualStack", selector: { app: "web" } }).out).toBe(`service/${name} created\n`);
      const ips = JSON.parse(k.get(name, "{.spec.clusterIPs}")) as string[];
      expect(ips.map(famOf)).toEqual(["IPv4", "IPv6"]);
      expect(Number(k.get(name, "{.spec.ports[0].nodePort}"))).toBeGreaterThanOrEqual(30000);
    }
  });
});

/** A merge patch through kubectl. */
const patch = (k: Kube, name: string, spec: Record<string, unknown>) => k.kubectl(["patch", "svc", name, "-p", JSON.stringify({ spec })]);
const state = (k: Kube, name: string) => k.get(name, "{.spec.ipFamilyPolicy} {.spec.ipFamilies} {.spec.clusterIPs}");

describe("upgrade and downgrade (§1.3 step 5, §1.7, §1.8)", () => {
  it("SingleStack → PreferDualStack on a dual cluster adds the secondary; the primary never moves", () => {
    const k = kube(`${V4},${V6}`);
    k.create("web", { clusterIP: "10.96.0.50" });
    expect(patch(k, "web", { ipFamilyPolicy: "PreferDualStack" }).out).toBe("service/web patched\n");
    const [policy, fams, ips] = state(k, "web").split(" ");
    expect([policy, fams]).toEqual(["PreferDualStack", '["IPv4","IPv6"]']);
    const list = JSON.parse(ips!) as string[];
    expect(list[0]).toBe("10.96.0.50");
    expect(famOf(list[1]!)).toBe("IPv6");
    // The secondary has its IPAddress, owned by the Service.
    expect(k.kubectl(["get", "ipaddress", list[1]!, "-o", "jsonpath={.spec.parentRef.name}"]).out).toBe("web");
  });

  it("SingleStack → RequireDualStack: upgrades on a dual cluster, is refused on a single one; PreferDualStack stays single there", () => {
    const dual = kube(`${V6},${V4}`);
    dual.create("web", {});
    expect(patch(dual, "web", { ipFamilyPolicy: "RequireDualStack" }).out).toBe("service/web patched\n");
    expect(JSON.parse(dual.get("web", "{.spec.ipFamilies}"))).toEqual(["IPv6", "IPv4"]);

    const single = kube(V4);
    single.create("web", {});
    expect(patch(single, "web", { ipFamilyPolicy: "RequireDualStack" }).out).toBe(
      invalid("web", [`spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services`]),
    );
    expect(patch(single, "web", { ipFamilyPolicy: "PreferDualStack" }).out).toBe("service/web patched\n");
    expect(single.get("web", "{.spec.ipFamilyPolicy} {.spec.ipFamilies}")).toBe('PreferDualStack ["IPv4"]');
  });

  it("upgrade by adding the second family or the second IP explicitly", () => {
    const k = kube(`${V4},${V6}`);
    k.create("byfam", { ipFamilies: ["IPv4"] });
    expect(k.get("byfam", "{.spec.ipFamilyPolicy} {.spec.ipFamilies}")).toBe('SingleStack ["IPv4"]');
    k.create("byip", { clusterIP: "10.96.0.60" });
    // A second IP alone is not enough while the policy (inherited) is SingleStack.
    expect(patch(k, "byip", { clusterIPs: ["10.96.0.60", "fd00:10:96::60"] }).out).toBe(
      invalid("byip", [`spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified`]),
    );
    expect(patch(k, "byip", { ipFamilyPolicy: "RequireDualStack", clusterIPs: ["10.96.0.60", "fd00:10:96::60"] }).out).toBe("service/byip patched\n");
    expect(state(k, "byip")).toBe('RequireDualStack ["IPv4","IPv6"] ["10.96.0.60","fd00:10:96::60"]');
    expect(patch(k, "byfam", { ipFamilyPolicy: "PreferDualStack", ipFamilies: ["IPv4", "IPv6"] }).out).toBe("service/byfam patched\n");
    expect((JSON.parse(k.get("byfam", "{.spec.clusterIPs}")) as string[]).map(famOf)).toEqual(["IPv4", "IPv6"]);
  });

  it("PreferDualStack → SingleStack keeps the first IP and family and releases the second", () => {
    const k = kube(`${V4},${V6}`);
    k.create("web", { clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.50", "fd00:10:96::50"], ipFamilyPolicy: "PreferDualStack" });
    expect(k.kubectl("get ipaddress fd00:10:96::50 -o name").out).toBe("ipaddress.networking.k8s.io/fd00:10:96::50\n");
    expect(patch(k, "web", { ipFamilyPolicy: "SingleStack" }).out).toBe("service/web patched\n");
    expect(state(k, "web")).toBe('SingleStack ["IPv4"] ["10.96.0.50"]');
    expect(k.kubectl("get ipaddress fd00:10:96::50").out).toBe('Error from server (NotFound): ipaddresses.networking.k8s.io "fd00:10:96::50" not found\n');
    // The released IP can be had again.
    expect(k.create("next", { clusterIP: "fd00:10:96::50", ipFamilies: ["IPv6"] }).out).toBe("service/next created\n");
  });

  it("a downgrade may also send the truncated lists with SingleStack", () => {
    const k = kube(`${V6},${V4}`);
    k.create("web", { clusterIP: "fd00:10:96::50", clusterIPs: ["fd00:10:96::50", "10.96.0.50"], ipFamilyPolicy: "RequireDualStack" });
    expect(patch(k, "web", { ipFamilyPolicy: "SingleStack", clusterIPs: ["fd00:10:96::50"], ipFamilies: ["IPv6"] }).out).toBe("service/web patched\n");
    expect(state(k, "web")).toBe('SingleStack ["IPv6"] ["fd00:10:96::50"]');
  });

  it.each([
    ["dropping the secondary IP without SingleStack", { clusterIPs: ["10.96.0.50"] }, [`spec.ipFamilyPolicy: Invalid value: "PreferDualStack": must be 'SingleStack' to release the secondary cluster IP`]],
    ["dropping the secondary family without SingleStack", { ipFamilies: ["IPv4"] }, [`spec.ipFamilyPolicy: Invalid value: "PreferDualStack": must be 'SingleStack' to release the secondary IP family`]],
    [
      "dropping both without SingleStack",
      { clusterIPs: ["10.96.0.50"], ipFamilies: ["IPv4"] },
      [
        `spec.ipFamilyPolicy: Invalid value: "PreferDualStack": must be 'SingleStack' to release the secondary cluster IP`,
        `spec.ipFamilyPolicy: Invalid value: "PreferDualStack": must be 'SingleStack' to release the secondary IP family`,
      ],
    ],
    ["changing the primary IP", { clusterIP: "10.96.0.51", clusterIPs: ["10.96.0.51", "fd00:10:96::50"] }, [`spec.clusterIPs[0]: Invalid value: ["10.96.0.51","fd00:10:96::50"]: may not change once set`]],
    ["changing the secondary IP", { clusterIPs: ["10.96.0.50", "fd00:10:96::51"] }, [`spec.clusterIPs[1]: Invalid value: ["10.96.0.50","fd00:10:96::51"]: may not change once set`]],
    ["swapping the families", { clusterIP: "fd00:10:96::50", clusterIPs: ["fd00:10:96::50", "10.96.0.50"], ipFamilies: ["IPv6", "IPv4"] }, null],
    ["two IPs with SingleStack and lists changed", { ipFamilyPolicy: "SingleStack", clusterIPs: ["10.96.0.50", "fd00:10:96::50", "10.96.0.52"] }, null],
  ] as [string, Record<string, unknown>, string[] | null][])("%s", (_, spec, causes) => {
    const k = kube(`${V4},${V6}`);
    k.create("web", { clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.50", "fd00:10:96::50"], ipFamilyPolicy: "PreferDualStack" });
    const before = state(k, "web");
    const r = patch(k, "web", spec);
    expect(r.exitCode).toBe(1);
    if (causes) expect(r.out).toBe(invalid("web", causes));
    else expect(r.out).toMatch(/^The Service "web" is invalid: /);
    expect(state(k, "web")).toBe(before);
  });

  it("changing a single-stack Service's IP or family, or unsetting them", () => {
    const k = kube(`${V4},${V6}`);
    k.create("web", { clusterIP: "10.96.0.50" });
    expect(patch(k, "web", { clusterIP: "10.96.0.51" }).out).toBe(invalid("web", [`spec.clusterIPs[0]: Invalid value: ["10.96.0.51"]: may not change once set`]));
    expect(patch(k, "web", { ipFamilies: ["IPv6"] }).out).toBe(
      invalid("web", [
        "spec.clusterIPs[0]: Invalid value: \"10.96.0.50\": expected an IPv6 value as indicated by `ipFamilies[0]`",
      ]),
    );
    expect(state(k, "web")).toBe('SingleStack ["IPv4"] ["10.96.0.50"]');
  });

  it("headless Services may change families: they hold no IPs", () => {
    const k = kube(`${V4},${V6}`);
    k.create("db", { clusterIP: "None", selector: { app: "db" } });
    expect(state(k, "db")).toBe('SingleStack ["IPv4"] ["None"]');
    expect(patch(k, "db", { ipFamilies: ["IPv6"] }).out).toBe("service/db patched\n");
    expect(state(k, "db")).toBe('SingleStack ["IPv6"] ["None"]');
    expect(patch(k, "db", { ipFamilyPolicy: "RequireDualStack" }).out).toBe("service/db patched\n");
    expect(state(k, "db")).toBe('RequireDualStack ["IPv6","IPv4"] ["None"]');
  });

  it("to ExternalName and back: IPs and families are wiped and released, then defaulted again", () => {
    const k = kube(`${V4},${V6}`);
    k.create("web", { clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.50", "fd00:10:96::50"], ipFamilyPolicy: "PreferDualStack" });
    expect(patch(k, "web", { type: "ExternalName", externalName: "db.example.com" }).out).toBe("service/web patched\n");
    expect(k.get("web", "[{.spec.ipFamilyPolicy}][{.spec.ipFamilies}][{.spec.clusterIPs}]")).toBe("[][][]");
    expect(k.kubectl("get ipaddresses -o name").out).not.toContain("10.96.0.50");
    expect(patch(k, "web", { type: "ClusterIP", externalName: null }).out).toBe("service/web patched\n");
    const [policy, fams, ips] = state(k, "web").split(" ");
    expect([policy, fams]).toEqual(["SingleStack", '["IPv4"]']);
    expect(JSON.parse(ips!)).toHaveLength(1);
  });

  it("clearing the IPs restores them (storage.go patchAllocatedValues), so the primary can never be unset", () => {
    const k = kube(`${V4},${V6}`);
    k.create("web", { clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.50", "fd00:10:96::50"], ipFamilyPolicy: "PreferDualStack" });
    expect(patch(k, "web", { clusterIP: "", clusterIPs: [] }).out).toBe("service/web patched (no change)\n");
    expect(k.kubectl(["patch", "svc", "web", "--type=json", "-p", '[{"op":"remove","path":"/spec/clusterIPs"}]']).out).toBe("service/web patched (no change)\n");
    expect(state(k, "web")).toBe('PreferDualStack ["IPv4","IPv6"] ["10.96.0.50","fd00:10:96::50"]');
  });

  it("a nodePort added twice on update is caught by updateNodePorts as a plain error (reason Unknown)", () => {
    const k = kube(V4);
    k.create("np", { type: "NodePort", ports: [{ name: "a", port: 80, protocol: "TCP", nodePort: 30080 }] });
    const add = '[{"op":"add","path":"/spec/ports/-","value":{"name":"b","port":81,"protocol":"TCP","nodePort":30080}}]';
    expect(k.kubectl(["patch", "svc", "np", "--type=json", "-p", add]).out).toBe("Error from server: duplicate nodePort: {TCP 30080}\n");
  });

  it("an untouched PreferDualStack Service is never re-stacked by an unrelated update", () => {
    const k = kube(V4);
    k.create("web", { ipFamilyPolicy: "PreferDualStack", selector: { app: "web" } });
    expect(patch(k, "web", { selector: { app: "web2" } }).out).toBe("service/web patched\n");
    expect(k.get("web", "{.spec.ipFamilyPolicy} {.spec.ipFamilies}")).toBe('PreferDualStack ["IPv4"]');
  });
});

// The manifest helper must match what the tests send.
it("svc() builds a Service with one TCP port unless told otherwise", () => {
  expect(svc("a", {}).spec).toEqual({ ports: [{ port: 80, protocol: "TCP" }] });
  expect(svc("a", { type: "ExternalName" }).spec).toEqual({ type: "ExternalName" });
});

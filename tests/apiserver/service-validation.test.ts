// Service validation messages, after k/k pkg/apis/core/validation/validation.go (ValidateService,
// ValidateServiceClusterIPsRelatedFields, ValidateServiceUpdate, validateUpgradeDowngradeClusterIPs,
// validateUpgradeDowngradeIPFamilies), reached through the API the way kubectl reaches them: the
// registry's allocation hook (alloc.go initIPFamilyFields) runs ValidateServiceClusterIPsRelatedFields
// first, so its errors come alone, before the rest of ValidateService.
import { beforeEach, describe, expect, it } from "vitest";
import { IP_ADDRESSES, NAMESPACES, SERVICES, createService, expectError, ipAddressNames, newCluster, service, type TestCluster } from "./harness.ts";
import { validateClusterIPsRelatedFields, validateServiceUpdate } from "../../src/apiserver/registry/service/validation.ts";
import { apiErrors } from "../../src/apiserver/machinery/errors.ts";
import type { Service, ServiceSpec } from "../../src/apiserver/registry/service/types.ts";

const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

let t: TestCluster;
beforeEach(() => {
  t = newCluster({ range: "10.96.0.0/24,fd00:10:96::/112" });
});

const invalid = (name: string, spec: ServiceSpec, message: string) => {
  const before = ipAddressNames(t.api);
  expectError(() => createService(t.api, name, spec), `Service "${name}" is invalid: ${message}`, "Invalid", 422);
  // A refused create leaves nothing allocated.
  expect(ipAddressNames(t.api)).toEqual(before);
};

describe("ValidateServiceClusterIPsRelatedFields (§1.5)", () => {
  it("clusterIPs[0] must match clusterIP", () => {
    invalid("a", { clusterIP: "10.96.0.5", clusterIPs: ["10.96.0.6"] }, 'spec.clusterIPs: Invalid value: ["10.96.0.6"]: first value must match `clusterIP`');
  });

  it("clusterIPs is required with clusterIP (only reachable without the create-time normalization)", () => {
    const svc = { ...service("a", { clusterIP: "10.96.0.5" }), spec: { ...service("a", { clusterIP: "10.96.0.5" }).spec, type: "ClusterIP" as const } };
    expect(validateClusterIPsRelatedFields(svc).map(String)).toEqual(["spec.clusterIPs: Required value"]);
  });

  it("clusterIPs must be empty without clusterIP", () => {
    invalid("a", { clusterIPs: ["10.96.0.5"] }, 'spec.clusterIPs: Invalid value: ["10.96.0.5"]: must be empty when `clusterIP` is not specified');
  });

  it("ipFamilies must be IPv4 or IPv6, each at most once", () => {
    invalid("a", { ipFamilies: ["IPv5" as never] }, 'spec.ipFamilies[0]: Unsupported value: "IPv5": supported values: "IPv4", "IPv6"');
    invalid("a", { ipFamilies: ["IPv4", "IPv4"], ipFamilyPolicy: "PreferDualStack" }, 'spec.ipFamilies[1]: Duplicate value: "IPv4"');
  });

  it("ipFamilyPolicy must be one of the three", () => {
    invalid("a", { ipFamilyPolicy: "garbage" as never }, 'spec.ipFamilyPolicy: Unsupported value: "garbage": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"');
  });

  it("'None' must be alone", () => {
    invalid("a", { clusterIP: "None", clusterIPs: ["None", "10.96.0.5"] }, `spec.clusterIPs: Invalid value: ["None","10.96.0.5"]: 'None' must be the first and only value`);
  });

  it("each clusterIP must parse (sloppily: leading zeros pass)", () => {
    invalid("a", { clusterIP: "garbage" }, 'spec.clusterIPs[0]: Invalid value: "garbage": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
    invalid(
      "a",
      { clusterIP: "10.96.0.5", clusterIPs: ["10.96.0.5", "fd00::zz"], ipFamilyPolicy: "PreferDualStack" },
      'spec.clusterIPs[1]: Invalid value: "fd00::zz": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
    // StrictIPCIDRValidation is alpha and off in 1.34: the legacy field still takes "010".
    const sloppy = createService(t.api, "sloppy", { clusterIP: "10.96.0.010" });
    expect(sloppy.spec.clusterIPs).toEqual(["10.96.0.010"]);
    expect(ipAddressNames(t.api)).toContain("10.96.0.10");
  });

  it("holds at most two values; the family pair check looks at the whole list", () => {
    invalid(
      "a",
      { clusterIP: "10.96.0.5", clusterIPs: ["10.96.0.5", "fd00:10:96::5", "10.96.0.6"], ipFamilyPolicy: "PreferDualStack" },
      'spec.clusterIPs: Invalid value: ["10.96.0.5","fd00:10:96::5","10.96.0.6"]: may only hold up to 2 values',
    );
    // netutils.IsDualStackIPStrings: both families are present, so no "one IP for each family" error.
    invalid(
      "a",
      { clusterIP: "10.96.0.5", clusterIPs: ["10.96.0.5", "10.96.0.6", "fd00:10:96::5"], ipFamilyPolicy: "PreferDualStack" },
      'spec.clusterIPs: Invalid value: ["10.96.0.5","10.96.0.6","fd00:10:96::5"]: may only hold up to 2 values',
    );
    invalid(
      "a",
      { clusterIP: "10.96.0.5", clusterIPs: ["10.96.0.5", "10.96.0.6", "10.96.0.7"], ipFamilyPolicy: "PreferDualStack" },
      '[spec.clusterIPs: Invalid value: ["10.96.0.5","10.96.0.6","10.96.0.7"]: may only hold up to 2 values, spec.clusterIPs: Invalid value: ["10.96.0.5","10.96.0.6","10.96.0.7"]: may specify no more than one IP for each IP family]',
    );
  });

  it("two IPs must be of different families", () => {
    invalid(
      "a",
      { clusterIP: "10.96.0.5", clusterIPs: ["10.96.0.5", "10.96.0.6"], ipFamilyPolicy: "PreferDualStack" },
      'spec.clusterIPs: Invalid value: ["10.96.0.5","10.96.0.6"]: may specify no more than one IP for each IP family',
    );
  });

  it("each IP must match its ipFamilies entry", () => {
    invalid("a", { clusterIP: "10.96.0.5", ipFamilies: ["IPv6"] }, 'spec.clusterIPs[0]: Invalid value: "10.96.0.5": expected an IPv6 value as indicated by `ipFamilies[0]`');
    invalid(
      "a",
      { clusterIP: "fd00:10:96::5", clusterIPs: ["fd00:10:96::5", "10.96.0.5"], ipFamilies: ["IPv4", "IPv6"], ipFamilyPolicy: "PreferDualStack" },
      '[spec.clusterIPs[0]: Invalid value: "fd00:10:96::5": expected an IPv4 value as indicated by `ipFamilies[0]`, spec.clusterIPs[1]: Invalid value: "10.96.0.5": expected an IPv6 value as indicated by `ipFamilies[1]`]',
    );
  });

  it("warns about sloppy legacy IPs and ignored fields (GetWarningsForService)", () => {
    const warnings: string[] = [];
    t.api.create(SERVICES, "default", service("w", { clusterIP: "fd00:10:96:0::50", externalIPs: ["010.1.2.3"], externalName: "x.example.com" }), { warnings });
    expect(warnings).toEqual([
      'spec.clusterIPs[0]: IPv6 address "fd00:10:96:0::50" should be in RFC 5952 canonical format ("fd00:10:96::50")',
      'spec.externalIPs[0]: non-standard IP address "010.1.2.3" will be considered invalid in a future Kubernetes release: use "10.1.2.3"',
      'spec.externalName is ignored when spec.type is not "ExternalName"',
    ]);
    expect(ipAddressNames(t.api)).toContain("fd00:10:96::50");
  });

  it("runs before the rest of ValidateService, so its errors come alone", () => {
    invalid("1bad", { clusterIP: "garbage", ports: [] }, 'spec.clusterIPs[0]: Invalid value: "garbage": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
  });
});

describe("ValidateService (§1.6 and basics)", () => {
  it("refuses None for NodePort and LoadBalancer Services", () => {
    invalid("np", { type: "NodePort", clusterIP: "None" }, `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`);
    invalid("lb", { type: "LoadBalancer", clusterIP: "None" }, `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for LoadBalancer services`);
    // Nothing stays allocated: the NodePorts taken before validation went back too.
    expect(createService(t.api, "np", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }).spec.ports![0]!.nodePort).toBe(30080);
  });

  it("requires and checks externalName for ExternalName Services", () => {
    invalid("e", { type: "ExternalName" }, "spec.externalName: Required value");
    invalid("e", { type: "ExternalName", externalName: "Bad_Name" }, `spec.externalName: Invalid value: "Bad_Name": ${SUBDOMAIN_MSG}`);
    expect(createService(t.api, "e", { type: "ExternalName", externalName: "db.example.com.", ports: [] }).spec.externalName).toBe("db.example.com.");
  });

  it("forbids nodePort on a ClusterIP Service", () => {
    invalid("a", { ports: [{ port: 80, nodePort: 30080 }] }, "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
  });

  it("refuses a duplicate (protocol, nodePort) and a duplicate (protocol, port)", () => {
    invalid(
      "a",
      {
        type: "NodePort",
        ports: [
          { name: "a", port: 80, nodePort: 30080 },
          { name: "b", port: 80, nodePort: 30080 },
        ],
      },
      '[spec.ports[1].nodePort: Duplicate value: 30080, spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}]',
    );
  });

  it("requires ports unless headless or ExternalName", () => {
    invalid("a", { ports: [] }, "spec.ports: Required value");
    expect(createService(t.api, "h", { ports: [], clusterIP: "None" }).spec.clusterIPs).toEqual(["None"]);
  });

  it("checks ports: names when several, numbers, protocols", () => {
    invalid("a", { ports: [{ port: 80 }, { port: 81 }] }, "[spec.ports[0].name: Required value, spec.ports[1].name: Required value]");
    // SetDefaults_Service copies the port into a zero targetPort, so both fail.
    invalid(
      "a",
      { ports: [{ port: 0 }] },
      "[spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]",
    );
    invalid("a", { ports: [{ port: 80, targetPort: 70000 }] }, "spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive");
    invalid("a", { ports: [{ port: 80, protocol: "ICMP" as never }] }, 'spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"');
  });

  it("names Services as DNS-1035 labels", () => {
    invalid("1abc", {}, `metadata.name: Invalid value: "1abc": ${DNS1035_MSG}`);
  });

  it("reports a missing namespace as NotFound, before allocation and validation (NamespaceLifecycle admits first)", () => {
    expectError(() => createService(t.api, "a", {}, "nope"), 'namespaces "nope" not found', "NotFound", 404);
    expectError(() => createService(t.api, "1bad", { clusterIP: "garbage", ports: [] }, "nope"), 'namespaces "nope" not found', "NotFound", 404);
    expect(t.api.list(IP_ADDRESSES, undefined).items).toHaveLength(1);
  });

  it("refuses new Services in a terminating namespace", () => {
    t.api.create(NAMESPACES, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name: "dying" } });
    createService(t.api, "keep", {}, "dying");
    t.api.delete(NAMESPACES, undefined, "dying");
    const err = expectError(
      () => t.api.create(SERVICES, "dying", service("late", {}, "dying")),
      'services "late" is forbidden: unable to create new content in namespace dying because it is being terminated',
      "Forbidden",
      403,
    );
    expect(err.status.details?.causes).toEqual([{ reason: "NamespaceTerminating", message: "namespace dying is being terminated", field: "metadata.namespace" }]);
    // Even an invalid Service gets the namespace error first.
    expectError(() => t.api.create(SERVICES, "dying", service("Bad_Name", { ports: [] }, "dying")), 'services "Bad_Name" is forbidden: unable to create new content in namespace dying because it is being terminated');
  });
});

describe("ValidateServiceUpdate upgrade/downgrade rules (§1.7), called directly", () => {
  // Most of these are shadowed through the API by initIPFamilyFields; the validator still owns the text.
  const svc = (spec: ServiceSpec): Service => ({ apiVersion: "v1", kind: "Service", metadata: { name: "a", namespace: "default", resourceVersion: "1" }, spec: { type: "ClusterIP", sessionAffinity: "None", internalTrafficPolicy: "Cluster", ports: [{ port: 80, protocol: "TCP", targetPort: 80 }], ...spec } });
  const msgs = (n: ServiceSpec, o: ServiceSpec) => validateServiceUpdate(svc(n), svc(o)).map(String);
  const dual = { clusterIP: "10.96.0.5", clusterIPs: ["10.96.0.5", "fd00::5"], ipFamilies: ["IPv4", "IPv6"], ipFamilyPolicy: "RequireDualStack" } as ServiceSpec;

  it("clusterIPs", () => {
    expect(msgs({ ...dual, clusterIP: "10.96.0.6", clusterIPs: ["10.96.0.6", "fd00::5"] }, dual)).toEqual(['spec.clusterIPs[0]: Invalid value: ["10.96.0.6","fd00::5"]: may not change once set']);
    expect(msgs({ ...dual, clusterIPs: ["10.96.0.5", "fd00::6"] }, dual)).toEqual(['spec.clusterIPs[1]: Invalid value: ["10.96.0.5","fd00::6"]: may not change once set']);
    expect(msgs({ ...dual, clusterIP: "", clusterIPs: [], ipFamilies: ["IPv4"] }, dual)).toContain("spec.clusterIPs[0]: Invalid value: []: primary clusterIP can not be unset");
    expect(msgs({ ...dual, clusterIPs: ["10.96.0.5"], ipFamilies: ["IPv4"] }, dual)).toEqual([
      `spec.ipFamilyPolicy: Invalid value: "RequireDualStack": must be set to 'SingleStack' when releasing the secondary clusterIP`,
      `spec.ipFamilyPolicy: Invalid value: "RequireDualStack": must be set to 'SingleStack' when releasing the secondary ipFamily`,
    ]);
    const single = { clusterIP: "10.96.0.5", clusterIPs: ["10.96.0.5"], ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack" } as ServiceSpec;
    expect(msgs({ ...dual, clusterIP: "10.96.0.9", clusterIPs: ["10.96.0.9", "fd00::5"] }, single)).toContain('spec.clusterIPs[0]: Invalid value: ["10.96.0.9","fd00::5"]: may not change once set');
  });

  it("ipFamilies (the path is always index 0, upstream's quirk)", () => {
    expect(msgs({ ...dual, ipFamilies: ["IPv4", "IPv4"] }, dual)).toContain('spec.ipFamilies[0]: Invalid value: ["IPv4","IPv4"]: may not change once set');
    expect(msgs({ ...dual, clusterIP: "", clusterIPs: [], ipFamilies: ["IPv4"] }, dual)).toContain('spec.ipFamilies[0]: Invalid value: ["IPv4"]: primary ipFamily can not be unset');
    expect(msgs({ ...dual, clusterIPs: ["10.96.0.5"], ipFamilies: ["IPv6"], ipFamilyPolicy: "SingleStack" }, dual)).toContain('spec.ipFamilies[0]: Invalid value: ["10.96.0.5"]: may not change once set');
  });

  it("a repeated error prints once in the aggregate message (ErrorList.ToAggregate), though both stay causes", () => {
    const errs = validateServiceUpdate(svc({ ...dual, ipFamilies: ["IPv6", "IPv4"] }), svc(dual)).filter((e) => e.field === "spec.ipFamilies[0]");
    expect(errs.map(String)).toEqual([
      'spec.ipFamilies[0]: Invalid value: ["IPv6","IPv4"]: may not change once set',
      'spec.ipFamilies[0]: Invalid value: ["IPv6","IPv4"]: may not change once set',
    ]);
    const err = apiErrors.invalid("", "Service", "a", errs);
    expect(err.status.message).toBe('Service "a" is invalid: spec.ipFamilies[0]: Invalid value: ["IPv6","IPv4"]: may not change once set');
    expect(err.status.details?.causes).toHaveLength(2);
  });

  it("nothing for headless or ExternalName on either side", () => {
    const headless = { clusterIP: "None", clusterIPs: ["None"], ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack" } as ServiceSpec;
    expect(msgs({ ...headless, ipFamilies: ["IPv6"] }, headless)).toEqual([]);
  });
});

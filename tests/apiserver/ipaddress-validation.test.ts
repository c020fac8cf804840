// IPAddress validation, after k/k pkg/apis/networking/validation/validation.go (ValidateIPAddressName
// with the strict IsValidIP of k8s.io/apimachinery/pkg/util/validation/ip.go v0.34.0,
// validateIPAddressParentReference, ValidateIPAddressUpdate).
import { beforeEach, describe, expect, it } from "vitest";
import {
  IP_ADDRESSES,
  SERVICES,
  createService,
  errorMessage,
  expectError,
  getIPAddress,
  ipAddress,
  newCluster,
  type TestCluster,
} from "./harness.ts";
import type { IPAddress, ParentReference } from "../../src/apiserver/registry/ipaddress/types.ts";

const PREFIX = (name: string) => `IPAddress.networking.k8s.io "${name}" is invalid: `;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const REF: ParentReference = { resource: "services", namespace: "default", name: "web" };

let t: TestCluster;
beforeEach(() => {
  t = newCluster();
});

const create = (obj: IPAddress) => () => t.api.create(IP_ADDRESSES, undefined, obj) as IPAddress;

describe("IPAddress name: a canonical IP", () => {
  const cases: [string, string][] = [
    ["10.1.2", "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"],
    ["bad", "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"],
    ["10.96.0.0/24", "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"],
    ["fe80::1%eth0", "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"],
    ["10.01.2.3", "must not have leading 0s"],
    ["::ffff:1.2.3.4", "must not be an IPv4-mapped IPv6 address"],
    ["2001:db8:0:0:0::1", 'must be in canonical form ("2001:db8::1")'],
    ["2001:DB8::1", 'must be in canonical form ("2001:db8::1")'],
    ["2001:db8::0:1", 'must be in canonical form ("2001:db8::1")'],
  ];
  for (const [name, msg] of cases) {
    it(`refuses ${JSON.stringify(name)}: ${msg}`, () => {
      expectError(create(ipAddress(name, REF)), PREFIX(name) + `metadata.name: Invalid value: ${JSON.stringify(name)}: ${msg}`, "Invalid", 422);
    });
  }

  it("requires a name", () => {
    expectError(create(ipAddress("", REF)), PREFIX("") + "metadata.name: Required value: name or generateName is required");
  });

  it("accepts canonical IPv4 and IPv6 names", () => {
    expect(create(ipAddress("192.168.10.5", REF))().metadata.name).toBe("192.168.10.5");
    expect(create(ipAddress("2001:db8::1", REF))().metadata.name).toBe("2001:db8::1");
    expect(create(ipAddress("2001:db8:aaaa:bbbb:cccc:dddd:eeee:1", REF))().metadata.name).toBe("2001:db8:aaaa:bbbb:cccc:dddd:eeee:1");
  });
});

describe("IPAddress spec.parentRef", () => {
  it("is required", () => {
    expectError(create(ipAddress("192.168.10.5")), PREFIX("192.168.10.5") + "spec.parentRef: Required value");
  });

  it("requires resource and name; group and namespace are optional", () => {
    expectError(
      create(ipAddress("192.168.10.5", { resource: "", name: "" })),
      PREFIX("192.168.10.5") + "[spec.parentRef.resource: Required value, spec.parentRef.name: Required value]",
    );
    expectError(create(ipAddress("192.168.10.5", { resource: "services", name: "" })), PREFIX("192.168.10.5") + "spec.parentRef.name: Required value");
    const ok = create(ipAddress("192.168.10.5", { resource: "gateways", name: "gw" }))();
    expect(ok.spec.parentRef).toEqual({ resource: "gateways", name: "gw" });
  });

  it("checks a non-empty group as a DNS subdomain", () => {
    expectError(
      create(ipAddress("192.168.10.5", { group: "Bad_Group", resource: "gateways", name: "gw" })),
      PREFIX("192.168.10.5") + `spec.parentRef.group: Invalid value: "Bad_Group": ${SUBDOMAIN_MSG}`,
    );
    expect(create(ipAddress("192.168.10.6", { group: "gateway.networking.k8s.io", resource: "gateways", name: "gw" }))().metadata.name).toBe("192.168.10.6");
  });

  it("checks resource, name and namespace as path segments", () => {
    expectError(
      create(ipAddress("192.168.10.5", { resource: ".", namespace: "..", name: "a/b%c" })),
      PREFIX("192.168.10.5") +
        "[spec.parentRef.resource: Invalid value: \".\": may not be '.', spec.parentRef.name: Invalid value: \"a/b%c\": may not contain '/', spec.parentRef.name: Invalid value: \"a/b%c\": may not contain '%', spec.parentRef.namespace: Invalid value: \"..\": may not be '..']",
    );
  });

  it("reports name and parentRef errors together", () => {
    expectError(create(ipAddress("10.01.2.3")), PREFIX("10.01.2.3") + '[metadata.name: Invalid value: "10.01.2.3": must not have leading 0s, spec.parentRef: Required value]');
  });

  it("refuses a second object for the same address", () => {
    create(ipAddress("192.168.10.5", REF))();
    expectError(create(ipAddress("192.168.10.5", REF)), 'ipaddresses.networking.k8s.io "192.168.10.5" already exists', "AlreadyExists", 409);
  });
});

describe("IPAddress update", () => {
  beforeEach(() => {
    create(ipAddress("192.168.10.5", REF))();
  });

  it("keeps parentRef immutable, rendering the internal struct as JSON", () => {
    const cur = structuredClone(getIPAddress(t.api, "192.168.10.5"));
    cur.spec.parentRef = { resource: "services", namespace: "default", name: "other" };
    expectError(
      () => t.api.update(IP_ADDRESSES, undefined, cur),
      PREFIX("192.168.10.5") + 'spec.parentRef: Invalid value: {"Group":"","Resource":"services","Namespace":"default","Name":"other"}: field is immutable',
    );
    delete cur.spec.parentRef;
    expectError(() => t.api.update(IP_ADDRESSES, undefined, cur), PREFIX("192.168.10.5") + "spec.parentRef: Invalid value: null: field is immutable");
  });

  it("allows metadata changes", () => {
    const cur = structuredClone(getIPAddress(t.api, "192.168.10.5"));
    cur.metadata.labels = { team: "net" };
    expect((t.api.update(IP_ADDRESSES, undefined, cur) as IPAddress).metadata.labels).toEqual({ team: "net" });
  });
});

describe("IPAddresses made by hand", () => {
  it("block the address for Services, statically and dynamically", () => {
    // 10.96.0.0/28: .1 is kubernetes.default; take every other address by hand except .7.
    for (let i = 2; i <= 14; i++) if (i !== 7) create(ipAddress(`10.96.0.${i}`, REF))();
    expect(
      errorMessage(() => createService(t.api, "static", { clusterIP: "10.96.0.5" })),
    ).toBe('Service "static" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.5"]: failed to allocate IP 10.96.0.5: provided IP is already allocated');
    expect(createService(t.api, "dynamic").spec.clusterIP).toBe("10.96.0.7");
    expectError(() => createService(t.api, "full"), "Internal error occurred: failed to allocate a serviceIP: range is full", "InternalError", 500);
    expect(t.api.list(SERVICES, "default").items.map((s) => s.metadata.name)).toEqual(["dynamic", "kubernetes"]);
  });
});

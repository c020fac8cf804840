// ServiceCIDR create/update validation, after k/k pkg/apis/networking/validation/validation.go
// (ValidateServiceCIDR, validateServiceCIDRSpec, ValidateServiceCIDRUpdate) and the strict
// IsValidCIDR of k8s.io/apimachinery/pkg/util/validation/ip.go (v0.34.0). Bad values render as
// v1.34 does: strings %q, everything else as JSON (internal structs with their Go field names).
import { beforeEach, describe, expect, it } from "vitest";
import {
  SERVICE_CIDRS,
  createServiceCIDR,
  expectError,
  getServiceCIDR,
  newCluster,
  serviceCIDR,
  statusError,
  type TestCluster,
} from "./harness.ts";
import type { ServiceCIDR } from "../../src/apiserver/registry/servicecidr/types.ts";

const PREFIX = (name: string) => `ServiceCIDR.networking.k8s.io "${name}" is invalid: `;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const FAMILY_MSG = "may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64";

let t: TestCluster;
beforeEach(() => {
  t = newCluster();
});

const create = (name: string, cidrs: string[] | undefined) => () => t.api.create(SERVICE_CIDRS, undefined, serviceCIDR(name, cidrs));

describe("ServiceCIDR create: spec.cidrs", () => {
  it("requires at least one CIDR (missing or empty list)", () => {
    expectError(create("a", undefined), PREFIX("a") + "spec.cidrs: Required value: at least one CIDR required", "Invalid", 422);
    expectError(create("a", []), PREFIX("a") + "spec.cidrs: Required value: at least one CIDR required");
  });

  it("refuses more than two values, reporting the internal spec struct as JSON and stopping there", () => {
    // The per-CIDR checks do not run: "bad" would otherwise add an error of its own.
    expectError(
      create("a", ["10.0.0.0/24", "2001:db8::/64", "bad"]),
      PREFIX("a") + 'spec.cidrs: Invalid value: {"CIDRs":["10.0.0.0/24","2001:db8::/64","bad"]}: may only hold up to 2 values',
    );
  });

  // Each IsValidCIDR failure kind, with the value quoted as %q.
  const cases: [string, string][] = [
    ["10.0.0.0", "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"],
    ["10.0.0.0/33", "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"],
    ["garbage", "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"],
    ["fe80::/64%eth0", "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"],
    ["", "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"],
    ["010.0.0.0/8", "must not have leading 0s in IP or prefix length"],
    ["10.0.0.0/08", "must not have leading 0s in IP or prefix length"],
    ["::ffff:10.0.0.0/104", "must not have an IPv4-mapped IPv6 address"],
    ["10.96.0.1/24", "must not have bits set beyond the prefix length"],
    ["2001:db8::1/64", "must not have bits set beyond the prefix length"],
    ["2001:db8:0::/64", 'must be in canonical form ("2001:db8::/64")'],
    ["2001:DB8::/64", 'must be in canonical form ("2001:db8::/64")'],
  ];
  for (const [cidr, msg] of cases) {
    it(`refuses ${JSON.stringify(cidr)}: ${msg}`, () => {
      expectError(create("a", [cidr]), PREFIX("a") + `spec.cidrs[0]: Invalid value: ${JSON.stringify(cidr)}: ${msg}`);
    });
  }

  it("reports the index of the bad CIDR", () => {
    expectError(
      create("a", ["10.0.0.0/24", "2001:db8::1/64"]),
      PREFIX("a") + 'spec.cidrs[1]: Invalid value: "2001:db8::1/64": must not have bits set beyond the prefix length',
    );
  });

  it("refuses two CIDRs of one family, with the list as JSON", () => {
    expectError(create("a", ["10.0.0.0/24", "10.1.0.0/24"]), PREFIX("a") + `spec.cidrs: Invalid value: ["10.0.0.0/24","10.1.0.0/24"]: ${FAMILY_MSG}`);
    expectError(create("a", ["2001:db8::/64", "2001:db8:1::/64"]), PREFIX("a") + `spec.cidrs: Invalid value: ["2001:db8::/64","2001:db8:1::/64"]: ${FAMILY_MSG}`);
  });

  it("checks each CIDR first, then the family pair (sloppy family of a bad-but-parsable CIDR counts)", () => {
    expectError(
      create("a", ["10.0.0.1/24", "10.1.0.0/24"]),
      PREFIX("a") +
        `[spec.cidrs[0]: Invalid value: "10.0.0.1/24": must not have bits set beyond the prefix length, spec.cidrs: Invalid value: ["10.0.0.1/24","10.1.0.0/24"]: ${FAMILY_MSG}]`,
    );
    // netutils.IPFamilyOfCIDRString reads an IPv4-mapped prefix as IPv4.
    expectError(
      create("a", ["::ffff:10.0.0.0/104", "10.1.0.0/24"]),
      PREFIX("a") +
        `[spec.cidrs[0]: Invalid value: "::ffff:10.0.0.0/104": must not have an IPv4-mapped IPv6 address, spec.cidrs: Invalid value: ["::ffff:10.0.0.0/104","10.1.0.0/24"]: ${FAMILY_MSG}]`,
    );
    // An unparsable CIDR has no family: no pair error.
    expectError(create("a", ["bad", "10.1.0.0/24"]), PREFIX("a") + 'spec.cidrs[0]: Invalid value: "bad": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
  });

  it("accepts any prefix length in the API, and either family order", () => {
    for (const [name, cidrs] of [
      ["wide", ["10.0.0.0/8"]],
      ["single", ["10.200.0.5/32"]],
      ["v6wide", ["2001:db8::/48"]],
      ["v6first", ["2001:db8:9::/112", "10.201.0.0/24"]],
      ["v4first", ["10.202.0.0/24", "2001:db8:a::/112"]],
    ] as const) {
      const sc = createServiceCIDR(t.api, name, [...cidrs]);
      expect(sc.spec.cidrs).toEqual(cidrs);
    }
  });
});

describe("ServiceCIDR create: metadata", () => {
  it("validates the name as a DNS subdomain", () => {
    expectError(create("Bad_Name", ["10.0.0.0/24"]), PREFIX("Bad_Name") + `metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN_MSG}`);
    const long = "a".repeat(254);
    expectError(create(long, ["10.0.0.0/24"]), PREFIX(long) + `metadata.name: Invalid value: "${long}": must be no more than 253 characters`);
  });

  it("requires a name", () => {
    expectError(create("", ["10.0.0.0/24"]), PREFIX("") + "metadata.name: Required value: name or generateName is required");
  });

  it("reports name and spec errors together, metadata first", () => {
    expectError(create("Bad_Name", []), PREFIX("Bad_Name") + `[metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN_MSG}, spec.cidrs: Required value: at least one CIDR required]`);
  });

  it("accepts dotted names and generateName", () => {
    expect(createServiceCIDR(t.api, "extra.cidrs.example", ["10.100.0.0/24"]).metadata.name).toBe("extra.cidrs.example");
    const gen = t.api.create(SERVICE_CIDRS, undefined, { ...serviceCIDR("", ["10.101.0.0/24"]), metadata: { generateName: "cidr-" } }) as ServiceCIDR;
    expect(gen.metadata.name).toMatch(/^cidr-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it("refuses a duplicate name as AlreadyExists", () => {
    createServiceCIDR(t.api, "dup", ["10.100.0.0/24"]);
    expectError(create("dup", ["10.101.0.0/24"]), 'servicecidrs.networking.k8s.io "dup" already exists', "AlreadyExists", 409);
  });

  it("drops a namespace given for this cluster-scoped object", () => {
    const sc = t.api.create(SERVICE_CIDRS, undefined, { ...serviceCIDR("ns", ["10.100.0.0/24"]), metadata: { name: "ns", namespace: "default" } });
    expect(sc.metadata.namespace).toBeUndefined();
  });
});

describe("ServiceCIDR update", () => {
  const put = (name: string, cidrs: string[] | undefined) => () => {
    const cur = structuredClone(getServiceCIDR(t.api, name));
    cur.spec = cidrs === undefined ? {} : { cidrs };
    return t.api.update(SERVICE_CIDRS, undefined, cur) as ServiceCIDR;
  };

  beforeEach(() => {
    createServiceCIDR(t.api, "one", ["10.100.0.0/24"]);
    createServiceCIDR(t.api, "two", ["10.101.0.0/24", "2001:db8:1::/112"]);
    t.advance(1000);
  });

  it("keeps every element immutable when the length is unchanged", () => {
    expectError(put("one", ["10.96.1.0/24"]), PREFIX("one") + 'spec.cidrs[0]: Invalid value: "10.96.1.0/24": field is immutable', "Invalid", 422);
    expectError(
      put("two", ["10.102.0.0/24", "2001:db8:2::/112"]),
      PREFIX("two") + '[spec.cidrs[0]: Invalid value: "10.102.0.0/24": field is immutable, spec.cidrs[1]: Invalid value: "2001:db8:2::/112": field is immutable]',
    );
    expectError(put("two", ["10.101.0.0/24", "2001:db8:2::/112"]), PREFIX("two") + 'spec.cidrs[1]: Invalid value: "2001:db8:2::/112": field is immutable');
  });

  it("allows an unchanged spec", () => {
    const before = getServiceCIDR(t.api, "two");
    const after = put("two", ["10.101.0.0/24", "2001:db8:1::/112"])();
    expect(after.spec.cidrs).toEqual(before.spec.cidrs);
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it("allows single → dual stack when the first CIDR stays (k/k #131261)", () => {
    const sc = put("one", ["10.100.0.0/24", "2001:db8:5::/112"])();
    expect(sc.spec.cidrs).toEqual(["10.100.0.0/24", "2001:db8:5::/112"]);
  });

  it("refuses single → dual when the first CIDR changes, or when the pair is of one family", () => {
    expectError(
      put("one", ["10.103.0.0/24", "2001:db8:5::/112"]),
      PREFIX("one") + 'spec.cidrs[0]: Invalid value: "10.103.0.0/24": field is immutable',
    );
    expectError(put("one", ["10.100.0.0/24", "10.104.0.0/24"]), PREFIX("one") + `spec.cidrs: Invalid value: ["10.100.0.0/24","10.104.0.0/24"]: ${FAMILY_MSG}`);
    expectError(
      put("one", ["10.100.0.0/24", "2001:db8::1/112"]),
      PREFIX("one") + 'spec.cidrs[1]: Invalid value: "2001:db8::1/112": must not have bits set beyond the prefix length',
    );
  });

  it("refuses dual → single and any other length change, with the new list as JSON", () => {
    expectError(put("two", ["10.101.0.0/24"]), PREFIX("two") + 'spec.cidrs: Invalid value: ["10.101.0.0/24"]: field is immutable');
    expectError(put("two", ["2001:db8:1::/112"]), PREFIX("two") + 'spec.cidrs: Invalid value: ["2001:db8:1::/112"]: field is immutable');
    expectError(
      put("one", ["10.100.0.0/24", "2001:db8:5::/112", "10.9.0.0/24"]),
      PREFIX("one") + 'spec.cidrs: Invalid value: ["10.100.0.0/24","2001:db8:5::/112","10.9.0.0/24"]: field is immutable',
    );
    expectError(put("one", []), PREFIX("one") + "spec.cidrs: Invalid value: []: field is immutable");
    // A list left out entirely is a nil slice: JSON null.
    expectError(put("one", undefined), PREFIX("one") + "spec.cidrs: Invalid value: null: field is immutable");
  });

  it("leaves the stored object untouched after a refused update", () => {
    const fp = t.cluster.store.fingerprint();
    statusError(put("two", ["10.101.0.0/24"]));
    expect(t.cluster.store.fingerprint()).toBe(fp);
  });

  it("status subresource writes keep the spec and the metadata", () => {
    const cur = structuredClone(getServiceCIDR(t.api, "one"));
    cur.spec = { cidrs: ["192.168.0.0/24"] };
    cur.metadata.labels = { sneaky: "yes" };
    cur.status = {
      conditions: [{ type: "Ready", status: "False", reason: "", message: "manual", lastTransitionTime: "2025-11-03T09:00:05Z" }],
    };
    const out = t.api.update(SERVICE_CIDRS, undefined, cur, { subresource: "status" }) as ServiceCIDR;
    expect(out.spec.cidrs).toEqual(["10.100.0.0/24"]);
    expect(out.metadata.labels).toBeUndefined();
    // Conditions are not validated on status writes: an empty reason is accepted.
    expect(out.status?.conditions?.[0]).toMatchObject({ type: "Ready", status: "False", reason: "", message: "manual" });
  });

  it("status subresource writes validate only metadata, so finalizers cannot be added while deleting", () => {
    t.api.delete(SERVICE_CIDRS, undefined, "one");
    const cur = structuredClone(getServiceCIDR(t.api, "one"));
    cur.metadata.finalizers = [...(cur.metadata.finalizers ?? []), "example.com/extra"];
    // ResetObjectMetaForStatus drops the metadata change, so nothing is refused.
    const out = t.api.update(SERVICE_CIDRS, undefined, cur, { subresource: "status" });
    expect(out.metadata.finalizers).toEqual(["networking.k8s.io/service-cidr-finalizer"]);
    const main = structuredClone(getServiceCIDR(t.api, "one"));
    main.metadata.finalizers = [...(main.metadata.finalizers ?? []), "example.com/extra"];
    expectError(
      () => t.api.update(SERVICE_CIDRS, undefined, main),
      PREFIX("one") + 'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/extra"}',
    );
  });
});

import { describe, expect, it } from "vitest";
import { goTypeName, unmarshal, type GoType } from "../../src/kind/goyaml.ts";
import { CLUSTER_TYPE } from "../../src/kind/types.ts";

const strict = (text: string) => unmarshal(text, CLUSTER_TYPE, { knownFields: true });
const loose = (text: string) => unmarshal(text, CLUSTER_TYPE, { knownFields: false });

describe("yaml.v3 decoding into kind's Go types", () => {
  it("names Go types as reflect does", () => {
    const t: GoType = { kind: "map", elem: { kind: "slice", elem: { kind: "ptr", elem: { kind: "int32" } } } };
    expect(goTypeName(t)).toBe("map[string][]int32");
    expect(goTypeName(CLUSTER_TYPE)).toBe("v1alpha4.Cluster");
  });

  it("decodes the fields it knows, with Go's scalar rules", () => {
    const r = strict(`name: "123"
networking:
  apiServerPort: 0x1f90
  disableDefaultCNI: yes
  podSubnet: 10.244.0.0/16
  dnsSearch: []
featureGates:
  A: on
  B: false
runtimeConfig:
  api/alpha: true
nodes:
- role: control-plane
  labels: {tier: 1}
- ~
`);
    expect(r).toEqual({
      value: {
        name: "123",
        networking: { apiServerPort: 8080, disableDefaultCNI: true, podSubnet: "10.244.0.0/16", dnsSearch: [] },
        featureGates: { A: true, B: false },
        runtimeConfig: { "api/alpha": "true" },
        nodes: [{ role: "control-plane", labels: { tier: "1" } }, undefined],
      },
    });
  });

  it("truncates a float into an int32 field and leaves nulls at the zero value", () => {
    expect(strict("networking:\n  apiServerPort: 6443.9\n  podSubnet: ~\n")).toEqual({ value: { networking: { apiServerPort: 6443 } } });
  });

  it.each([
    ["networking:\n  podSubnett: 10.0.0.0/8\n", "line 2: field podSubnett not found in type v1alpha4.Networking"],
    ["nodes:\n- role: worker\n  rol: x\n", "line 3: field rol not found in type v1alpha4.Node"],
    ["networking:\n  apiServerPort: abc\n", "line 2: cannot unmarshal !!str `abc` into int32"],
    ["networking:\n  apiServerPort: 99999999999\n", "line 2: cannot unmarshal !!int `9999999...` into int32"],
    ["networking:\n  apiServerPort: true\n", "line 2: cannot unmarshal !!bool `true` into int32"],
    ["networking:\n  disableDefaultCNI: maybe\n", "line 2: cannot unmarshal !!str `maybe` into bool"],
    ['networking:\n  disableDefaultCNI: "true"\n', "line 2: cannot unmarshal !!str `true` into bool"],
    ["nodes: {a: 1}\n", "line 1: cannot unmarshal !!map into []v1alpha4.Node"],
    ["networking: [1]\n", "line 1: cannot unmarshal !!seq into v1alpha4.Networking"],
    ["networking:\n  dnsSearch: example.com\n", "line 2: cannot unmarshal !!str `example...` into []string"],
    ["nodes:\n- role: [a]\n", "line 2: cannot unmarshal !!seq into v1alpha4.NodeRole"],
    ["featureGates:\n  A: 1\n", "line 2: cannot unmarshal !!int `1` into bool"],
    ["name: a\nname: b\n", 'line 2: mapping key "name" already defined at line 1'],
  ])("%j", (text, line) => {
    expect(strict(text)).toEqual({ error: `yaml: unmarshal errors:\n  ${line}` });
  });

  it("lists every type error in document order", () => {
    expect(strict("networking:\n  podSubnett: x\n  apiServerPort: abc\nnodez: []\n")).toEqual({
      error:
        "yaml: unmarshal errors:\n" +
        "  line 2: field podSubnett not found in type v1alpha4.Networking\n" +
        "  line 3: cannot unmarshal !!str `abc` into int32\n" +
        "  line 4: field nodez not found in type v1alpha4.Cluster",
    });
  });

  it("skips unknown fields without KnownFields", () => {
    expect(loose("whatever: 1\nname: x\n")).toEqual({ value: { name: "x" } });
  });

  it("stops at the first UnmarshalYAML failure, ahead of the collected type errors", () => {
    expect(strict("bogus: 1\nnodes:\n- extraPortMappings:\n  - protocol: sctp\n  - protocol: quic\n")).toEqual({
      error: 'Unknown PortMappingProtocol: "QUIC"',
    });
    expect(strict("nodes:\n- extraMounts:\n  - propagation: none\n")).toEqual({ error: 'Unknown MountPropagation: "none"' });
  });

  it("reports syntax errors as go-yaml words the common ones", () => {
    expect(strict("a: b: c\n")).toEqual({ error: "yaml: line 1: mapping values are not allowed in this context" });
    expect(strict("networking:\n\tpodSubnet: x\n")).toEqual({ error: "yaml: line 2: found character that cannot start any token" });
  });

  it("decodes an empty stream as an empty value and only the first document of several", () => {
    expect(strict("")).toEqual({ value: {} });
    expect(strict("name: one\n---\nname: two\n")).toEqual({ value: { name: "one" } });
  });

  it("treats keys as data, not as object properties", () => {
    expect(strict("toString: 1\n")).toEqual({ error: "yaml: unmarshal errors:\n  line 1: field toString not found in type v1alpha4.Cluster" });
    const r = strict("featureGates:\n  __proto__: true\n");
    expect("value" in r && Object.keys(r.value.featureGates as object)).toEqual(["__proto__"]);
  });

  it("follows aliases", () => {
    expect(strict("name: &n shared\nnodes:\n- role: *n\n")).toEqual({ value: { name: "shared", nodes: [{ role: "shared" }] } });
  });
});

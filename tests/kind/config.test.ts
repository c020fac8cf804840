import { describe, expect, it } from "vitest";
import { emptyConfig, parseConfig, setDefaults } from "../../src/kind/config.ts";
import { validateCluster } from "../../src/kind/validate.ts";
import { DEFAULT_IMAGE, type KindCluster } from "../../src/kind/types.ts";

const HEAD = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n";

function load(body: string): KindCluster {
  const c = parseConfig(HEAD + body);
  if ("error" in c) throw new Error(c.error);
  setDefaults(c);
  return c;
}

describe("kind config: version and kind (encoding/load.go)", () => {
  it.each([
    ["kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha3\n", "unknown apiVersion: kind.x-k8s.io/v1alpha3"],
    ["kind: Cluster\n", "unknown apiVersion: "],
    ["", "unknown apiVersion: "],
    ["apiVersion: kind.x-k8s.io/v1alpha4\nkind: Node\n", "unknown kind Node for apiVersion: kind.x-k8s.io/v1alpha4"],
    ["- a\n", "could not determine kind / apiVersion for config: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into encoding.typeMeta"],
    [
      "kind: Cluster\nkind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n",
      'could not determine kind / apiVersion for config: yaml: unmarshal errors:\n  line 2: mapping key "kind" already defined at line 1',
    ],
    [`${HEAD}networking:\n  podSubnett: 10.0.0.0/8\n`, "unable to decode config: yaml: unmarshal errors:\n  line 4: field podSubnett not found in type v1alpha4.Networking"],
    [`${HEAD}nodes:\n- extraPortMappings:\n  - protocol: foo\n`, 'unable to decode config: Unknown PortMappingProtocol: "FOO"'],
  ])("%j", (text, error) => {
    expect(parseConfig(text)).toEqual({ error });
  });
});

describe("kind config: defaults (v1alpha4/default.go)", () => {
  it("gives one control-plane node, ipv4, 127.0.0.1, the kind /16 service range and iptables", () => {
    const c = emptyConfig();
    setDefaults(c);
    expect(c.name).toBe("kind");
    expect(c.nodes.map((n) => [n.role, n.image])).toEqual([["control-plane", DEFAULT_IMAGE]]);
    expect(c.networking).toEqual({
      ipFamily: "ipv4",
      apiServerPort: 0,
      apiServerAddress: "127.0.0.1",
      podSubnet: "10.244.0.0/16",
      serviceSubnet: "10.96.0.0/16",
      disableDefaultCNI: false,
      kubeProxyMode: "iptables",
    });
  });

  it.each([
    ["ipv4", "127.0.0.1", "10.244.0.0/16", "10.96.0.0/16"],
    ["ipv6", "::1", "fd00:10:244::/56", "fd00:10:96::/112"],
    ["dual", "127.0.0.1", "10.244.0.0/16,fd00:10:244::/56", "10.96.0.0/16,fd00:10:96::/112"],
  ])("ipFamily %s", (family, address, pods, services) => {
    const c = load(`networking:\n  ipFamily: ${family}\n`);
    expect([c.networking.apiServerAddress, c.networking.podSubnet, c.networking.serviceSubnet]).toEqual([address, pods, services]);
  });

  it("keeps what the config sets and defaults each node", () => {
    const c = load("name: dev\nnetworking:\n  serviceSubnet: 10.100.0.0/24\nnodes:\n- role: control-plane\n- image: kindest/node:v1.33.1\n");
    expect(c.name).toBe("dev");
    expect(c.networking.serviceSubnet).toBe("10.100.0.0/24");
    expect(c.nodes.map((n) => [n.role, n.image])).toEqual([
      ["control-plane", DEFAULT_IMAGE],
      ["control-plane", "kindest/node:v1.33.1"],
    ]);
  });
});

describe("kind config: validation (validate.go), reference §4.5", () => {
  it("accepts the defaults and a dual-stack cluster with workers", () => {
    expect(validateCluster(load(""))).toBeNull();
    expect(validateCluster(load("networking:\n  ipFamily: dual\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n"))).toBeNull();
  });

  it.each([
    ["name: My_Cluster\n", "'My_Cluster' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`"],
    ["networking:\n  ipFamily: ipv5\n", "invalid ipFamily: ipv5"],
    [
      "networking:\n  podSubnet: 10.244.0.0/33\n",
      'invalid pod subnet failed to parse cidr value:"10.244.0.0/33" with error: invalid CIDR address: 10.244.0.0/33',
    ],
    [
      "networking:\n  serviceSubnet: 010.96.0.0/16\n",
      'invalid service subnet failed to parse cidr value:"010.96.0.0/16" with error: invalid CIDR address: 010.96.0.0/16',
    ],
    ["networking:\n  podSubnet: 10.244.0.0/16,fd00::/56\n", "invalid pod subnet only one CIDR allowed for single-stack networking"],
    ["networking:\n  podSubnet: fd00::/56\n", "invalid pod subnet expected IPv4 CIDR for IPv4 family"],
    ["networking:\n  ipFamily: ipv6\n  serviceSubnet: 10.96.0.0/16\n", "invalid service subnet expected IPv6 CIDR for IPv6 family"],
    [
      "networking:\n  ipFamily: dual\n  podSubnet: 10.244.0.0/16,10.245.0.0/16\n",
      "invalid pod subnet expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking",
    ],
    [
      "networking:\n  ipFamily: dual\n  serviceSubnet: 10.96.0.0/16,fd00::/112,10.97.0.0/16\n",
      "invalid service subnet expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking",
    ],
    ["networking:\n  kubeProxyMode: foo\n", "invalid kubeProxyMode: foo"],
    ["networking:\n  apiServerPort: 70000\n", "invalid apiServerPort: invalid port number: 70000"],
    ["nodes:\n- role: control-plane\n- role: master\n", 'invalid configuration for node 1: "master" is not a valid node role'],
    ["nodes:\n- role: worker\n", "must have at least one control-plane node"],
    [
      "nodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: 80\n    hostPort: 70000\n",
      "invalid configuration for node 0: invalid hostPort: invalid port number: 70000",
    ],
    [
      "nodes:\n- role: control-plane\n  extraPortMappings:\n  - {containerPort: 80, hostPort: 80, protocol: tcp}\n  - {containerPort: 81, hostPort: 80, protocol: TCP}\n",
      "invalid configuration for node 0: invalid portMapping: port mapping with same listen address, port and protocol already configured: 0.0.0.0:80/TCP",
    ],
    [
      "nodes:\n- role: control-plane\n  extraPortMappings:\n  - {containerPort: 80, hostPort: 80}\n  - {containerPort: 81, hostPort: 80, listenAddress: 127.0.0.1}\n",
      "invalid configuration for node 0: invalid portMapping: port mapping with same listen address, port and protocol already configured: 127.0.0.1:80/",
    ],
  ])("%j", (body, error) => {
    expect(validateCluster(load(body))).toBe(error);
  });

  it("accepts ports picked at random, a single CIDR for dual, and kube-proxy none or nftables", () => {
    expect(validateCluster(load("networking:\n  apiServerPort: -1\n  kubeProxyMode: none\n"))).toBeNull();
    expect(validateCluster(load("networking:\n  kubeProxyMode: nftables\n"))).toBeNull();
    expect(validateCluster(load("networking:\n  ipFamily: dual\n  podSubnet: 10.244.0.0/16\n"))).toBeNull();
    expect(validateCluster(load("nodes:\n- role: control-plane\n  extraPortMappings:\n  - {containerPort: 80, hostPort: 0}\n  - {containerPort: 81, hostPort: 0}\n"))).toBeNull();
  });

  it("does not look at pod/service overlap or sizes (kubeadm does, later)", () => {
    expect(validateCluster(load("networking:\n  podSubnet: 10.96.0.0/16\n  serviceSubnet: 10.96.0.0/16\n"))).toBeNull();
    expect(validateCluster(load("networking:\n  serviceSubnet: 10.0.0.0/8\n"))).toBeNull();
  });

  it("joins several problems as kind's aggregate does, node errors nested", () => {
    const c = load(
      "name: Bad\nnetworking:\n  ipFamily: ipv5\n  kubeProxyMode: foo\nnodes:\n- role: master\n  extraPortMappings:\n  - {containerPort: 70000, hostPort: -2}\n",
    );
    expect(validateCluster(c)).toBe(
      "['Bad' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`, invalid ipFamily: ipv5, invalid kubeProxyMode: foo, " +
        'invalid configuration for node 0: ["master" is not a valid node role, invalid hostPort: invalid port number: -2, invalid containerPort: invalid port number: 70000], ' +
        "must have at least one control-plane node]",
    );
  });
});

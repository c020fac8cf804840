import { describe, expect, it } from "vitest";
import { parseConfig, setDefaults } from "../../src/kind/config.ts";
import { KindContainers, makeNodeNamer, type ContainerRole } from "../../src/kind/containers.ts";
import { clusterPlan, imageVersion, kubeadmError, kubeadmOptions } from "../../src/kind/plan.ts";
import type { KindCluster } from "../../src/kind/types.ts";

function load(body: string): KindCluster {
  const c = parseConfig(`kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n${body}`);
  if ("error" in c) throw new Error(c.error);
  setDefaults(c);
  return c;
}

function planFor(body: string, host = new KindContainers()) {
  const config = load(body);
  const controlPlanes = config.nodes.filter((n) => n.role === "control-plane").length;
  const roles: ContainerRole[] = [...(controlPlanes > 1 ? (["external-load-balancer"] as const) : []), ...config.nodes.map((n) => n.role as ContainerRole)];
  const containers = host.plan(config.name, roles);
  return { config, containers, plan: clusterPlan({ config, containers, hostPort: 38421 }) };
}

const flag = (args: string[], name: string) => args.find((a) => a.startsWith(`--${name}=`));

describe("node names and addresses", () => {
  it("names nodes as kind's namer does", () => {
    const namer = makeNodeNamer("dev");
    expect(["control-plane", "worker", "control-plane", "worker", "worker"].map(namer)).toEqual([
      "dev-control-plane",
      "dev-worker",
      "dev-control-plane2",
      "dev-worker2",
      "dev-worker3",
    ]);
  });

  it("hands out the lowest free address of docker's kind network across clusters", () => {
    const host = new KindContainers();
    const a = host.plan("a", ["control-plane", "worker"]);
    expect(a.map((c) => [c.name, c.ipv4, c.ipv6])).toEqual([
      ["a-control-plane", "172.18.0.2", "fc00:f853:ccd:e793::2"],
      ["a-worker", "172.18.0.3", "fc00:f853:ccd:e793::3"],
    ]);
    host.record("a", a);
    const b = host.plan("b", ["external-load-balancer", "control-plane", "control-plane"]);
    expect(b.map((c) => [c.name, c.ipv4])).toEqual([
      ["b-external-load-balancer", "172.18.0.4"],
      ["b-control-plane", "172.18.0.5"],
      ["b-control-plane2", "172.18.0.6"],
    ]);
    host.record("b", b);
    host.remove("a");
    expect(host.plan("c", ["control-plane"])[0]!.ipv4).toBe("172.18.0.2");
    expect(host.listed("b")).toEqual(["b-control-plane2", "b-control-plane", "b-external-load-balancer"]);
  });
});

describe("kind config → ClusterPlan", () => {
  it("single node: kubeadm's flags with kind's ranges, no taint, kindnet, kube-dns at .10", () => {
    const { plan } = planFor("");
    expect(plan).toMatchObject({
      provider: "kind",
      name: "kind",
      context: "kind-kind",
      server: "https://127.0.0.1:38421",
      kubernetesVersion: "v1.34.0",
      serviceCIDRs: ["10.96.0.0/16"],
      podCIDRs: ["10.244.0.0/16"],
      nodeCIDRMaskSize: { ipv4: 24, ipv6: 64 },
      dnsServiceIPs: ["10.96.0.10"],
      kubeProxyMode: "iptables",
      podNetwork: "kindnet",
    });
    const { files, ...node } = plan.nodes[0]!;
    expect([node]).toEqual([
      {
        name: "kind-control-plane",
        role: "control-plane",
        addresses: ["172.18.0.2"],
        labels: { "node-role.kubernetes.io/control-plane": "", "node.kubernetes.io/exclude-from-external-load-balancers": "" },
        providerID: "kind://docker/kind/kind-control-plane",
      },
    ]);
    // kubeadm init inside the node wrote the four static pod manifests with the same command lines.
    expect(Object.keys(files ?? {}).sort()).toEqual([
      "/etc/kubernetes/manifests/etcd.yaml",
      "/etc/kubernetes/manifests/kube-apiserver.yaml",
      "/etc/kubernetes/manifests/kube-controller-manager.yaml",
      "/etc/kubernetes/manifests/kube-scheduler.yaml",
    ]);
    expect(files!["/etc/kubernetes/manifests/kube-apiserver.yaml"]).toContain("    - --service-cluster-ip-range=10.96.0.0/16\n");
    const api = plan.apiserverArgs;
    expect(api[0]).toBe("kube-apiserver");
    expect(api).toContain("--advertise-address=172.18.0.2");
    expect(api).toContain("--service-cluster-ip-range=10.96.0.0/16");
    expect(api).toContain("--runtime-config=");
    expect(api).toContain("--secure-port=6443");
    const cm = plan.controllerManagerArgs;
    expect(cm).toEqual(expect.arrayContaining(["--allocate-node-cidrs=true", "--cluster-cidr=10.244.0.0/16", "--cluster-name=kind", "--enable-hostpath-provisioner=true", "--bind-address=127.0.0.1"]));
    expect(cm.filter((a) => a.startsWith("--node-cidr-mask-size"))).toEqual([]);
  });

  it("workers: the control plane keeps its taint, labels are merged, provider IDs name each node", () => {
    const { plan } = planFor("name: dev\nnodes:\n- role: control-plane\n- role: worker\n  labels:\n    tier: web\n- role: worker\n");
    expect(plan.nodes.map((n) => [n.name, n.role, n.addresses, n.taints, n.providerID])).toEqual([
      ["dev-control-plane", "control-plane", ["172.18.0.2"], [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }], "kind://docker/dev/dev-control-plane"],
      ["dev-worker", "worker", ["172.18.0.3"], undefined, "kind://docker/dev/dev-worker"],
      ["dev-worker2", "worker", ["172.18.0.4"], undefined, "kind://docker/dev/dev-worker2"],
    ]);
    expect(plan.nodes[1]!.labels).toEqual({ tier: "web" });
  });

  it("dual-stack: comma-joined ranges in config order, both node addresses, the primary family first", () => {
    const v4first = planFor("networking:\n  ipFamily: dual\n").plan;
    expect(v4first.serviceCIDRs).toEqual(["10.96.0.0/16", "fd00:10:96::/112"]);
    expect(v4first.podCIDRs).toEqual(["10.244.0.0/16", "fd00:10:244::/56"]);
    expect(v4first.nodes[0]!.addresses).toEqual(["172.18.0.2", "fc00:f853:ccd:e793::2"]);
    expect(v4first.apiserverArgs).toContain("--service-cluster-ip-range=10.96.0.0/16,fd00:10:96::/112");
    expect(v4first.controllerManagerArgs).toContain("--cluster-cidr=10.244.0.0/16,fd00:10:244::/56");
    expect(v4first.dnsServiceIPs).toEqual(["10.96.0.10"]);

    const v6first = planFor("networking:\n  ipFamily: dual\n  serviceSubnet: fd00:10:96::/112,10.96.0.0/16\n").plan;
    expect(v6first.nodes[0]!.addresses).toEqual(["fc00:f853:ccd:e793::2", "172.18.0.2"]);
    expect(v6first.apiserverArgs).toContain("--advertise-address=fc00:f853:ccd:e793::2");
    expect(v6first.apiserverArgs).toContain("--etcd-servers=https://[::1]:2379");
    expect(v6first.dnsServiceIPs).toEqual(["fd00:10:96::a"]);
  });

  it("IPv6 single-stack: ::1 for the API, the IPv6 node address, controller-manager bound to ::", () => {
    const { plan } = planFor("networking:\n  ipFamily: ipv6\n");
    expect(plan.server).toBe("https://[::1]:38421");
    expect(plan.nodes[0]!.addresses).toEqual(["fc00:f853:ccd:e793::2"]);
    expect(plan.controllerManagerArgs).toContain("--bind-address=::");
    expect(plan.dnsServiceIPs).toEqual(["fd00:10:96::a"]);
  });

  it("passes feature gates and runtime config, sorted, and honours disableDefaultCNI and kubeProxyMode", () => {
    const { plan } = planFor(
      "featureGates:\n  Zeta: false\n  Alpha: true\nruntimeConfig:\n  api/alpha: \"false\"\n  networking.k8s.io/v1beta1: \"true\"\nnetworking:\n  disableDefaultCNI: true\n  kubeProxyMode: ipvs\n",
    );
    expect(flag(plan.apiserverArgs, "feature-gates")).toBe("--feature-gates=Alpha=true,Zeta=false");
    expect(flag(plan.apiserverArgs, "runtime-config")).toBe("--runtime-config=api/alpha=false,networking.k8s.io/v1beta1=true");
    expect(flag(plan.controllerManagerArgs, "feature-gates")).toBe("--feature-gates=Alpha=true,Zeta=false");
    expect(plan.podNetwork).toBe("none");
    expect(plan.kubeProxyMode).toBe("ipvs");
  });

  it("reads the Kubernetes version from the node image", () => {
    expect(imageVersion("kindest/node:v1.33.1")).toBe("v1.33.1");
    expect(imageVersion("kindest/node:v1.34.0@sha256:7416a61b")).toBe("v1.34.0");
    expect(imageVersion("registry.local:5000/node")).toBe("v1.34.0");
  });
});

describe("kubeadm's checks of the config kind generates", () => {
  const err = (body: string) => {
    const { config, containers } = planFor(body);
    return kubeadmError(kubeadmOptions(config, containers.find((c) => c.role === "control-plane")!));
  };

  it("passes kind's defaults in every family", () => {
    for (const family of ["ipv4", "ipv6", "dual"]) expect(err(`networking:\n  ipFamily: ${family}\n`)).toBeNull();
  });

  it.each([
    ["networking:\n  serviceSubnet: 10.0.0.0/8\n", 'networking.serviceSubnet: Invalid value: "10.0.0.0/8": specified service subnet is too large; for 32-bit addresses, the mask must be >= 12'],
    ["networking:\n  podSubnet: 10.244.0.0/25\n", 'networking.podSubnet: Invalid value: "10.244.0.0/25": the size of pod subnet with mask 25 is smaller than the size of node subnet with mask 24'],
    ["networking:\n  ipFamily: ipv6\n  podSubnet: fd00:10:244::/72\n", 'networking.podSubnet: Invalid value: "fd00:10:244::/72": the size of pod subnet with mask 72 is smaller than the size of node subnet with mask 64'],
    ["networking:\n  ipFamily: ipv6\n  serviceSubnet: fd00:10:96::/64\n", 'networking.serviceSubnet: Invalid value: "fd00:10:96::/64": specified service subnet is too large; for 128-bit addresses, the mask must be >= 108'],
    ["networking:\n  serviceSubnet: 10.96.0.0/29\n", 'networking.serviceSubnet: Invalid value: "10.96.0.0/29": subnet with 8 address(es) is too small, the minimum is 10'],
  ])("%j", (body, message) => {
    expect(err(body)).toBe(message);
  });
});

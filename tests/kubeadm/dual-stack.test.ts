import { describe, expect, it } from "vitest";
import { apiserverCommand, controllerManagerCommand, renderStaticPod, schedulerCommand, siteLocalWarnings, validateInit } from "../../src/kubeadm/index.ts";
import { opts } from "./helpers.ts";

const DUAL_MSG = "expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking";

describe("kubeadm init --service-cidr / --pod-network-cidr, single- and dual-stack (validation.go ValidateNetworking)", () => {
  it.each([
    ["IPv4 only", "10.96.0.0/12", "10.244.0.0/16"],
    ["IPv6 only", "fd00:10:96::/108", "fd00:10:244::/56"],
    ["dual, IPv4 primary", "10.96.0.0/16,fd00:10:96::/112", "10.244.0.0/16,fd00:10:244::/56"],
    ["dual, IPv6 primary", "fd00:10:96::/112,10.96.0.0/16", "fd00:10:244::/56,10.244.0.0/16"],
    ["service and pod ranges overlap (kubeadm does not check)", "10.96.0.0/12", "10.96.0.0/16"],
    ["IPv6 service range at the /108 limit", "fd00::/108", "10.244.0.0/16"],
    ["IPv6 pod range 16 bits wider than /64 nodes", "10.96.0.0/12", "fd00::/48"],
  ])("accepts %s", (_name, serviceCIDR, podNetworkCIDR) => {
    expect(validateInit(opts({ serviceCIDR, podNetworkCIDR }))).toBeNull();
  });

  it.each([
    [{ serviceCIDR: "10.96.0.0/16,10.97.0.0/16" }, `networking.serviceSubnet: Invalid value: "10.96.0.0/16,10.97.0.0/16": ${DUAL_MSG}`],
    [{ serviceCIDR: "fd00:1::/112,fd00:2::/112" }, `networking.serviceSubnet: Invalid value: "fd00:1::/112,fd00:2::/112": ${DUAL_MSG}`],
    [{ podNetworkCIDR: "10.244.0.0/16,fd00::/56,10.245.0.0/16" }, `networking.podSubnet: Invalid value: "10.244.0.0/16,fd00::/56,10.245.0.0/16": ${DUAL_MSG}`],
    [{ serviceCIDR: "10.96.0.0/16, fd00::/112" }, 'networking.serviceSubnet: Invalid value: "10.96.0.0/16, fd00::/112": couldn\'t parse subnet'],
    [{ serviceCIDR: "10.96.0.0/16,fd00::/125" }, 'networking.serviceSubnet: Invalid value: "fd00::/125": subnet with 8 address(es) is too small, the minimum is 10'],
    [{ serviceCIDR: "10.96.0.0/16,fd00::/107" }, 'networking.serviceSubnet: Invalid value: "fd00::/107": specified service subnet is too large; for 128-bit addresses, the mask must be >= 108'],
    [
      { podNetworkCIDR: "10.244.0.0/16,fd00::/66" },
      'networking.podSubnet: Invalid value: "fd00::/66": the size of pod subnet with mask 66 is smaller than the size of node subnet with mask 64',
    ],
    [
      { podNetworkCIDR: "10.244.0.0/16,fd00::/47" },
      'networking.podSubnet: Invalid value: "fd00::/47": pod subnet mask (47) and node-mask (64) difference is greater than 16',
    ],
    [
      { podNetworkCIDR: "10.244.0.0/16,fd00::/56", controllerManagerExtraArgs: [{ name: "node-cidr-mask-size-ipv6", value: "99999999999999999999" }] },
      'networking.podSubnet: Invalid value: "fd00::/56": could not parse the value of the kube-controller-manager flag node-cidr-mask-size-ipv6 as an integer: strconv.Atoi: parsing "99999999999999999999": value out of range',
    ],
  ])("%j", (over, message) => {
    expect(validateInit(opts(over))).toBe(message);
  });

  it("checks each family against its own node mask", () => {
    const cm = [
      { name: "node-cidr-mask-size-ipv4", value: "26" },
      { name: "node-cidr-mask-size-ipv6", value: "120" },
    ];
    expect(validateInit(opts({ podNetworkCIDR: "10.244.0.0/25,fd00::/112", controllerManagerExtraArgs: cm }))).toBeNull();
    expect(validateInit(opts({ podNetworkCIDR: "10.244.0.0/27,fd00::/100", controllerManagerExtraArgs: cm }))).toBe(
      '[networking.podSubnet: Invalid value: "10.244.0.0/27": the size of pod subnet with mask 27 is smaller than the size of node subnet with mask 26, ' +
        'networking.podSubnet: Invalid value: "fd00::/100": pod subnet mask (100) and node-mask (120) difference is greater than 16]',
    );
  });

  it("only warns about IPv6 site-local ranges", () => {
    const o = opts({ serviceCIDR: "10.96.0.0/16,fec0::/112" });
    expect(validateInit(o)).toBeNull();
    expect(siteLocalWarnings(o)).toEqual(["the subnet fec0::/112 contains IPv6 site-local addresses that belong to fec0::/10 which has been deprecated by rfc3879"]);
  });
});

describe("dual-stack static pod manifests (manifests.go, reference §2.3)", () => {
  const dual = opts({ serviceCIDR: "fd00:10:96::/112,10.96.0.0/16", podNetworkCIDR: "fd00:10:244::/56,10.244.0.0/16", apiserverAdvertiseAddress: "fd00::7" });

  it("passes the ranges verbatim, comma-joined, primary first, and leaves node masks to kube-controller-manager", () => {
    expect(apiserverCommand(dual)).toContain("--service-cluster-ip-range=fd00:10:96::/112,10.96.0.0/16");
    const cm = controllerManagerCommand(dual);
    expect(cm).toContain("--cluster-cidr=fd00:10:244::/56,10.244.0.0/16");
    expect(cm).toContain("--service-cluster-ip-range=fd00:10:96::/112,10.96.0.0/16");
    expect(cm.filter((a) => a.startsWith("--node-cidr-mask-size"))).toEqual([]);
  });

  it("binds the controller-manager and scheduler to 127.0.0.1 whatever the advertise family; etcd goes to ::1", () => {
    expect(controllerManagerCommand(dual)).toContain("--bind-address=127.0.0.1");
    expect(schedulerCommand()).toContain("--bind-address=127.0.0.1");
    expect(apiserverCommand(dual)).toContain("--etcd-servers=https://[::1]:2379");
    expect(renderStaticPod("kube-controller-manager", dual, controllerManagerCommand(dual))).toContain("        host: 127.0.0.1\n");
  });

  it("probes the bind-address extraArg, and the pod IP when it is a wildcard", () => {
    const v6 = { ...dual, controllerManagerExtraArgs: [{ name: "bind-address", value: "::" }] };
    const y = renderStaticPod("kube-controller-manager", v6, controllerManagerCommand(v6));
    expect(controllerManagerCommand(v6)).toContain("--bind-address=::");
    expect(y).toContain("      httpGet:\n        path: /healthz\n        port: probe-port\n");
    const lo = { ...dual, controllerManagerExtraArgs: [{ name: "bind-address", value: "::1" }] };
    expect(renderStaticPod("kube-controller-manager", lo, controllerManagerCommand(lo))).toContain("        host: ::1\n");
  });

  it("names the cluster after ClusterConfiguration.clusterName", () => {
    expect(controllerManagerCommand(opts())).toContain("--cluster-name=kubernetes");
    expect(controllerManagerCommand(opts({ clusterName: "kind" }))).toContain("--cluster-name=kind");
  });
});

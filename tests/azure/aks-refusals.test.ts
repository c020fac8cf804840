/**
 * The refusals of `az aks create` and `az aks scale`, each with the exact text az prints and its exit
 * code, and each leaving the subscription as it was (no cluster, no node resource group, no addresses
 * taken, nothing sent to the lab).
 */
import { describe, expect, it } from "vitest";
import { azShell, type AzShell } from "./harness.ts";

const svc = (code: string, message: string, target?: string) =>
  `(${code}) ${message}\nCode: ${code}\nMessage: ${message}\n${target ? `Target: ${target}\n` : ""}`;

/** The seed's resource group, VNet 192.168.0.0/16 and subnet 192.168.1.0/24 (or the prefixes given). */
async function setup(vnet = "192.168.0.0/16", subnet = "192.168.1.0/24"): Promise<AzShell> {
  const s = await azShell();
  await s.run("az group create -n myResourceGroup -l eastus -o none");
  await s.run(`az network vnet create -g myResourceGroup -n myAKSVnet --address-prefixes ${vnet} --subnet-name myAKSSubnet --subnet-prefixes ${subnet} -o none`);
  await s.run("SUBNET_ID=$(az network vnet subnet show -g myResourceGroup --vnet-name myAKSVnet -n myAKSSubnet --query id -o tsv)");
  return s;
}

async function refused(s: AzShell, flags: string): Promise<{ stderr: string; exitCode: number; stdout: string }> {
  const groups = s.cloud.groups.length;
  const r = await s.run(`az aks create -g myResourceGroup -n myAKSCluster --vnet-subnet-id $SUBNET_ID ${flags}`);
  expect(r.stdout).toBe("");
  expect(s.cloud.clusters).toHaveLength(0);
  expect(s.cloud.groups).toHaveLength(groups);
  expect(s.cloud.routeTables).toHaveLength(0);
  expect(s.cloud.vnets.flatMap((v) => v.subnets).every((x) => x.used.size === 0)).toBe(true);
  expect(s.lab.plans).toHaveLength(0);
  return r;
}

describe("az aks create refusals", () => {
  it.each([
    ["--service-cidr 169.254.0.0/16 --dns-service-ip 169.254.0.10", "service CIDR", "169.254.0.0/16", "169.254.0.0/16", "networkProfile.serviceCIDR"],
    ["--service-cidr 172.30.0.0/16 --dns-service-ip 172.30.0.10", "service CIDR", "172.30.0.0/16", "172.30.0.0/16", "networkProfile.serviceCIDR"],
    ["--service-cidr 172.31.0.0/16 --dns-service-ip 172.31.0.10", "service CIDR", "172.31.0.0/16", "172.31.0.0/16", "networkProfile.serviceCIDR"],
    ["--service-cidr 192.0.2.0/24 --dns-service-ip 192.0.2.10", "service CIDR", "192.0.2.0/24", "192.0.2.0/24", "networkProfile.serviceCIDR"],
    // aks-docs: 172.16.0.0/12 is refused because it includes 172.30.0.0/16 and 172.31.0.0/16.
    ["--pod-cidr 172.16.0.0/12", "pod CIDR", "172.16.0.0/12", "172.30.0.0/16", "networkProfile.podCIDR"],
    ["--pod-cidr 169.254.0.0/16", "pod CIDR", "169.254.0.0/16", "169.254.0.0/16", "networkProfile.podCIDR"],
  ])("refuses a reserved range: %s", async (flags, what, cidr, reserved, target) => {
    const s = await setup();
    const r = await refused(s, `--network-plugin kubenet ${flags}`);
    expect(r.stderr).toBe(
      svc(
        "InvalidParameter",
        `The ${what} ${cidr} overlaps with ${reserved}, a range AKS reserves. AKS clusters can't use 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16, or 192.0.2.0/24.`,
        target,
      ),
    );
    expect(r.exitCode).toBe(1);
  });

  it("refuses a VNet in a reserved range", async () => {
    const s = await setup("172.31.0.0/16", "172.31.1.0/24");
    const r = await refused(s, "--network-plugin kubenet");
    expect(r.stderr).toBe(
      svc(
        "InvalidParameter",
        "The virtual network address range 172.31.0.0/16 overlaps with 172.31.0.0/16, a range AKS reserves. AKS clusters can't use 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16, or 192.0.2.0/24.",
        "agentPoolProfile.vnetSubnetID",
      ),
    );
  });

  it("refuses a service CIDR that overlaps a subnet of the VNet (ServiceCidrOverlapExistingSubnetsCidr)", async () => {
    const s = await setup();
    const r = await refused(s, "--network-plugin kubenet --service-cidr 192.168.0.0/16 --dns-service-ip 192.168.0.10");
    expect(r.stderr).toBe(
      svc(
        "ServiceCidrOverlapExistingSubnetsCidr",
        "The specified service CIDR 192.168.0.0/16 is conflicted with an existing subnet CIDR 192.168.1.0/24",
        "networkProfile.serviceCIDR",
      ),
    );
    expect(r.exitCode).toBe(1);
  });

  it("refuses a DNS service IP outside the service CIDR (DnsServiceIpOutOfServiceCidr), also when only --service-cidr moved", async () => {
    const s = await setup();
    const r = await refused(s, "--network-plugin kubenet --service-cidr 10.200.0.0/16");
    // The SDK still sends its default DNS IP 10.0.0.10: the support article's very case.
    expect(r.stderr).toBe(
      svc("DnsServiceIpOutOfServiceCidr", "The DNS service IP 10.0.0.10 is out of the range defined by service CIDR 10.200.0.0/16.", "networkProfile.dnsServiceIP"),
    );
    const r2 = await refused(s, "--network-plugin kubenet --service-cidr 10.0.0.0/16 --dns-service-ip 10.1.0.10");
    expect(r2.stderr).toBe(
      svc("DnsServiceIpOutOfServiceCidr", "The DNS service IP 10.1.0.10 is out of the range defined by service CIDR 10.0.0.0/16.", "networkProfile.dnsServiceIP"),
    );
  });

  it("refuses the DNS service IP at the start of the service range", async () => {
    const s = await setup();
    const r = await refused(s, "--network-plugin kubenet --service-cidr 10.0.0.0/16 --dns-service-ip 10.0.0.1");
    expect(r.stderr).toBe(
      svc(
        "InvalidParameter",
        "The DNS service IP 10.0.0.1 can't be the first address of service CIDR 10.0.0.0/16: the kubernetes Service uses 10.0.0.1. Use the .10 address of the range, such as 10.0.0.10.",
        "networkProfile.dnsServiceIP",
      ),
    );
  });

  it("refuses a pod CIDR overlapping the VNet (NetworkProfileCIDROverlapVNET) or the service CIDR", async () => {
    const s = await setup();
    const r = await refused(s, "--network-plugin kubenet --pod-cidr 192.168.128.0/17");
    expect(r.stderr).toBe(svc("NetworkProfileCIDROverlapVNET", "NetworkProfile CIDR 192.168.128.0/17 overlaps with reserved VNET CIDR 192.168.0.0/16", "networkProfile.podCIDR"));
    const r2 = await refused(s, "--network-plugin kubenet --pod-cidr 10.0.0.0/16");
    expect(r2.stderr).toBe(svc("InvalidParameter", "The pod CIDR 10.0.0.0/16 overlaps with the service CIDR 10.0.0.0/16.", "networkProfile.podCIDR"));
  });

  it("refuses max pods above 250 or below 10", async () => {
    const s = await setup();
    for (const n of [251, 9]) {
      const r = await refused(s, `--network-plugin kubenet --max-pods ${n}`);
      expect(r.stderr).toBe(svc("InvalidParameter", "The value of parameter maxPods is invalid.", "agentPoolProfile.maxPods"));
      expect(r.exitCode).toBe(1);
    }
  });

  it("refuses more than 400 kubenet nodes (one route each, 400 routes per table)", async () => {
    const s = await setup("10.240.0.0/16", "10.240.0.0/20");
    const r = await refused(s, "--network-plugin kubenet --pod-cidr 10.244.0.0/14 --node-count 401");
    expect(r.stderr).toBe(
      svc(
        "InvalidParameter",
        "A cluster using kubenet can't have more than 400 nodes: Azure supports at most 400 routes in a route table. Requested: 401 nodes.",
        "agentPoolProfile.count",
      ),
    );
  });

  it("refuses a pod CIDR too small for a /24 per node", async () => {
    const s = await setup("10.240.0.0/16", "10.240.0.0/20");
    const r = await refused(s, "--network-plugin kubenet --pod-cidr 10.244.0.0/22 --node-count 5");
    expect(r.stderr).toBe(
      svc(
        "InsufficientSubnetSize",
        "Pre-allocated IPs 1280 exceeds IPs available 1024 in Subnet Cidr 10.244.0.0/22, Subnet Name networkProfile.podCIDR. If Autoscaler is enabled, the max-count from each nodepool is counted towards this total (which means that pre-allocated IPs count represents a theoretical max value, not the actual number of IPs requested). http://aka.ms/aks/insufficientsubnetsize",
        "networkProfile.podCIDR",
      ),
    );
  });

  it("refuses a subnet too small for the nodes: Azure CNI needs (max pods + 1) per node, kubenet one", async () => {
    const s = await setup();
    // A /24 keeps 251 addresses: 8 Azure CNI nodes of 31 fit (248), 9 do not (279).
    const r = await refused(s, "--network-plugin azure --node-count 9");
    expect(r.stderr).toBe(
      svc(
        "InsufficientSubnetSize",
        "Pre-allocated IPs 279 exceeds IPs available 251 in Subnet Cidr 192.168.1.0/24, Subnet Name myAKSSubnet. http://aka.ms/aks/insufficientsubnetsize",
        "agentPoolProfile.count",
      ),
    );
    const ok = await s.run("az aks create -g myResourceGroup -n myAKSCluster --vnet-subnet-id $SUBNET_ID --network-plugin azure --node-count 8 --query 'agentPoolProfiles[0].maxPods'");
    expect(ok.stdout).toBe("30\n");
    // Azure CNI takes the node's address and its 30 pod addresses: 8 x 31 = 248 of 251.
    expect(s.cloud.vnets[0]!.subnets[0]!.used.size).toBe(248);
    expect(s.lab.plans[0]!.podNetwork).toBe("azure-cni");
    expect(s.lab.plans[0]!.nodes.map((n) => n.addresses[0])).toEqual(["192.168.1.4", "192.168.1.35", "192.168.1.66", "192.168.1.97", "192.168.1.128", "192.168.1.159", "192.168.1.190", "192.168.1.221"]);
    expect(s.lab.plans[0]!.nodes[0]!.podIPs).toHaveLength(30);
    expect(s.lab.plans[0]!.nodes[0]!.podIPs![29]).toBe("192.168.1.34");

    const small = await setup("192.168.0.0/16", "192.168.1.0/29");
    const r2 = await refused(small, "--network-plugin kubenet --node-count 4");
    expect(r2.stderr).toBe(
      svc(
        "InsufficientSubnetSize",
        "Pre-allocated IPs 4 exceeds IPs available 3 in Subnet Cidr 192.168.1.0/29, Subnet Name myAKSSubnet. http://aka.ms/aks/insufficientsubnetsize",
        "agentPoolProfile.count",
      ),
    );
  });

  it("refuses CIDR flags without --network-plugin and --pod-cidr with Azure CNI (client-side)", async () => {
    const s = await setup();
    const r = await refused(s, "--service-cidr 10.0.0.0/16 --dns-service-ip 10.0.0.10");
    expect(r.stderr).toBe("Please explicitly specify the network plugin type\n");
    expect(r.exitCode).toBe(1);
    const r2 = await refused(s, "--network-plugin azure --pod-cidr 10.244.0.0/16");
    expect(r2.stderr).toBe(
      "Please specify network plugin mode `overlay` when using pod_cidr or use network plugin `kubenet`. For more information about Azure CNI Overlay please see https://aka.ms/aksoverlay\n",
    );
  });

  it("refuses an unsupported Kubernetes version, a bad subnet ID, a bad name, a missing group and an existing cluster", async () => {
    const s = await setup();
    expect((await refused(s, "--network-plugin kubenet -k 1.29")).stderr).toBe(
      svc(
        "K8sVersionNotSupported",
        "Version 1.29 is not supported in this region. Please use [az aks get-versions] command to get the supported version list in this region. For more information, please check https://aka.ms/supported-version-list",
      ),
    );
    const bad = await s.run("az aks create -g myResourceGroup -n myAKSCluster --network-plugin kubenet --vnet-subnet-id myAKSSubnet");
    expect(bad.stderr).toBe("--vnet-subnet-id is not a valid Azure resource ID.\n");
    const name = await s.run("az aks create -g myResourceGroup -n my.cluster --network-plugin kubenet");
    expect(name.stderr).toBe("--name cannot exceed 63 characters and can only contain letters, numbers, underscores (_) or dashes (-).\n");
    const rg = await s.run("az aks create -g nope -n myAKSCluster --network-plugin kubenet");
    expect(rg.stderr).toBe(svc("ResourceGroupNotFound", "Resource group 'nope' could not be found."));
    expect(rg.exitCode).toBe(3);
    await s.run("az aks create -g myResourceGroup -n myAKSCluster --network-plugin kubenet --vnet-subnet-id $SUBNET_ID -o none");
    const dup = await s.run("az aks create -g myResourceGroup -n myAKSCluster --network-plugin kubenet --vnet-subnet-id $SUBNET_ID");
    expect(dup.stderr).toBe(
      "The cluster 'myAKSCluster' under resource group 'myResourceGroup' already exists. Please use command 'az aks update' to update the existing cluster, or select a different cluster name to create a new cluster.\n",
    );
    expect(dup.exitCode).toBe(1);
  });
});

describe("az aks scale refusals", () => {
  it("refuses to grow past the subnet, the pod CIDR or the route table, and changes nothing", async () => {
    const s = await setup("10.240.0.0/16", "10.240.0.0/20");
    await s.run("az aks create -g myResourceGroup -n myAKSCluster --network-plugin kubenet --vnet-subnet-id $SUBNET_ID --node-count 3 -o none");
    const updates = s.lab.nodeUpdates.length;
    const podCidr = await s.run("az aks scale -g myResourceGroup -n myAKSCluster --node-count 257");
    expect(podCidr.stderr).toBe(
      svc(
        "InsufficientSubnetSize",
        "Pre-allocated IPs 65792 exceeds IPs available 65536 in Subnet Cidr 10.244.0.0/16, Subnet Name networkProfile.podCIDR. If Autoscaler is enabled, the max-count from each nodepool is counted towards this total (which means that pre-allocated IPs count represents a theoretical max value, not the actual number of IPs requested). http://aka.ms/aks/insufficientsubnetsize",
        "networkProfile.podCIDR",
      ),
    );
    const routes = await s.run("az aks scale -g myResourceGroup -n myAKSCluster --node-count 401");
    expect(routes.stderr).toContain("(InvalidParameter) A cluster using kubenet can't have more than 400 nodes");
    expect(s.cloud.clusters[0]!.pools[0]!.instances).toHaveLength(3);
    expect(s.lab.nodeUpdates).toHaveLength(updates);
    const ok = await s.run("az aks scale -g myResourceGroup -n myAKSCluster --node-count 256 --query 'agentPoolProfiles[0].count'");
    expect(ok.stdout).toBe("256\n");
  });

  it("answers a missing cluster as ARM does, with exit code 3", async () => {
    const s = await setup();
    const r = await s.run("az aks scale -g myResourceGroup -n nope --node-count 2");
    expect(r.stderr).toBe(
      svc(
        "ResourceNotFound",
        "The Resource 'Microsoft.ContainerService/managedClusters/nope' under resource group 'myResourceGroup' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
      ),
    );
    expect(r.exitCode).toBe(3);
  });
});

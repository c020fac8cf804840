/** `az aks create` as the ClusterPlan the lab receives, and the node lists of scale and nodepool add. */
import { describe, expect, it } from "vitest";
import { azShell } from "../harness.ts";

async function kubenetCluster(flags = "") {
  const s = await azShell();
  await s.run("az group create -n myResourceGroup -l eastus -o none");
  await s.run("az network vnet create -g myResourceGroup -n myAKSVnet --address-prefixes 192.168.0.0/16 --subnet-name myAKSSubnet --subnet-prefixes 192.168.1.0/24 -o none");
  const r = await s.run(
    `az aks create -g myResourceGroup -n myAKSCluster --vnet-subnet-id $(az network vnet subnet show -g myResourceGroup --vnet-name myAKSVnet -n myAKSSubnet --query id -o tsv) ${flags} -o none`,
  );
  expect(r.stderr).toBe("");
  return s;
}

describe("ClusterPlan of an AKS cluster", () => {
  it("carries kubenet's network profile into kubeadm-built control plane flags", async () => {
    const s = await kubenetCluster("--network-plugin kubenet --service-cidr 10.0.0.0/16 --dns-service-ip 10.0.0.10 --pod-cidr 10.244.0.0/16");
    const plan = s.lab.plans[0]!;
    const c = s.cloud.clusters[0]!;
    expect(plan).toMatchObject({
      provider: "aks",
      name: "myAKSCluster",
      context: "myAKSCluster",
      server: `https://myaksclust-myresourcegroup-${s.cloud.subscription.id.slice(0, 6)}-${c.fqdnSuffix}.hcp.eastus.azmk8s.io:443`,
      kubernetesVersion: "v1.34.1",
      serviceCIDRs: ["10.0.0.0/16"],
      podCIDRs: ["10.244.0.0/16"],
      nodeCIDRMaskSize: { ipv4: 24, ipv6: 64 },
      dnsServiceIPs: ["10.0.0.10"],
      kubeProxyMode: "iptables",
      podNetwork: "kubenet",
    });
    expect(plan.apiserverArgs[0]).toBe("kube-apiserver");
    expect(plan.apiserverArgs).toContain("--service-cluster-ip-range=10.0.0.0/16");
    expect(plan.apiserverArgs).toContain("--secure-port=443");
    expect(plan.apiserverArgs).toContain(`--advertise-address=${c.apiServerAddress}`);
    expect(plan.controllerManagerArgs).toEqual(expect.arrayContaining(["kube-controller-manager", "--allocate-node-cidrs=true", "--cluster-cidr=10.244.0.0/16", "--service-cluster-ip-range=10.0.0.0/16", "--cluster-name=myAKSCluster"]));
  });

  it("describes every node: name, address, subnet, labels, max pods, providerID", async () => {
    const s = await kubenetCluster("--network-plugin kubenet --node-count 2");
    const c = s.cloud.clusters[0]!;
    const [n0, n1] = s.lab.plans[0]!.nodes;
    const sub = s.cloud.subscription.id;
    expect(n0).toMatchObject({
      name: `aks-nodepool1-${c.vmssNumber}-vmss000000`,
      role: "worker",
      addresses: ["192.168.1.4"],
      subnets: ["192.168.1.0/24"],
      maxPods: 110,
      pool: "nodepool1",
      providerID: `azure:///subscriptions/${sub}/resourceGroups/mc_myresourcegroup_myakscluster_eastus/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1-${c.vmssNumber}-vmss/virtualMachines/0`,
    });
    expect(n1!.providerID!.endsWith("/virtualMachines/1")).toBe(true);
    expect(n0!.labels).toMatchObject({
      agentpool: "nodepool1",
      "kubernetes.azure.com/agentpool": "nodepool1",
      "kubernetes.azure.com/cluster": "MC_myResourceGroup_myAKSCluster_eastus",
      "kubernetes.azure.com/mode": "system",
      "kubernetes.azure.com/role": "agent",
      "kubernetes.io/role": "agent",
      "node-role.kubernetes.io/agent": "",
      "node.kubernetes.io/instance-type": "Standard_DS2_v2",
      "kubernetes.azure.com/storagetier": "Premium_LRS",
      "topology.kubernetes.io/region": "eastus",
    });
    expect(n0!.podIPs).toBeUndefined();
  });

  it("leaves pod ranges to Azure CNI: no cluster CIDR, no node IPAM, pod IPs on the NICs", async () => {
    const s = await kubenetCluster("--network-plugin azure --node-count 2");
    const plan = s.lab.plans[0]!;
    expect(plan.podNetwork).toBe("azure-cni");
    expect(plan.podCIDRs).toEqual([]);
    expect(plan.controllerManagerArgs.some((a) => a.startsWith("--allocate-node-cidrs") || a.startsWith("--cluster-cidr"))).toBe(false);
    expect(plan.nodes[1]!.addresses).toEqual(["192.168.1.35"]);
    expect(plan.nodes[1]!.podIPs![0]).toBe("192.168.1.36");
  });

  it("names VMSS instances in base 36 past the tenth", async () => {
    const s = await kubenetCluster("--network-plugin kubenet --node-count 12");
    expect(s.lab.plans[0]!.nodes.map((n) => n.name.slice(-6)).slice(9)).toEqual(["000009", "00000a", "00000b"]);
  });

  it("makes a VNet for a cluster without --vnet-subnet-id: nodes from 10.224.0.4 on", async () => {
    const s = await azShell();
    await s.run("az group create -n rg -l westeurope -o none");
    const r = await s.run("az aks create -g rg -n aks --network-plugin kubenet --node-count 2 --query agentPoolProfiles[0].vnetSubnetId");
    expect(r.stdout).toBe("");
    expect(s.lab.plans[0]!.nodes.map((n) => n.addresses[0])).toEqual(["10.224.0.4", "10.224.0.5"]);
    const vnets = await s.run("az network vnet list -g MC_rg_aks_westeurope --query '[].[name, addressSpace.addressPrefixes[0], subnets[0].name, subnets[0].addressPrefix]' -o tsv");
    expect(vnets.stdout).toMatch(/^aks-vnet-\d{8}\t10\.224\.0\.0\/12\taks-subnet\t10\.224\.0\.0\/16\n$/);
  });

  it("defaults to Azure CNI Overlay when no plugin is given: pod CIDR with node IPAM, 250 pods per node", async () => {
    const s = await azShell();
    await s.run("az group create -n rg -l eastus -o none");
    const r = await s.run("az aks create -g rg -n aks --node-count 1 --query '[networkProfile.networkPlugin, networkProfile.networkPluginMode, networkProfile.podCidr, agentPoolProfiles[0].maxPods]' -o tsv");
    expect(r.stdout).toBe("azure\noverlay\n10.244.0.0/16\n250\n");
    expect(s.lab.plans[0]!.podCIDRs).toEqual(["10.244.0.0/16"]);
  });

  it("plans a dual-stack kubenet cluster: two families, /80 IPv6 node ranges, one route per family", async () => {
    const s = await azShell();
    await s.run("az group create -n rg -l eastus -o none");
    await s.run("az network vnet create -g rg -n v --address-prefixes 10.10.0.0/16 fd00:10::/48 --subnet-name nodes --subnet-prefixes 10.10.1.0/24 fd00:10:0:1::/64 -o none");
    const r = await s.run("az aks create -g rg -n ds --network-plugin kubenet --ip-families ipv4,ipv6 --node-count 2 --vnet-subnet-id $(az network vnet subnet show -g rg --vnet-name v -n nodes --query id -o tsv) --query networkProfile");
    expect(r.stderr).toBe("");
    const profile = JSON.parse(r.stdout);
    expect(profile.ipFamilies).toEqual(["IPv4", "IPv6"]);
    expect(profile.podCidrs).toEqual(["10.244.0.0/16", "fd12:3456:789a::/64"]);
    expect(profile.serviceCidrs).toEqual(["10.0.0.0/16", "fd12:3456:789a:1::/108"]);
    const plan = s.lab.plans[0]!;
    expect(plan.nodeCIDRMaskSize).toEqual({ ipv4: 24, ipv6: 80 });
    expect(plan.controllerManagerArgs).toEqual(expect.arrayContaining(["--node-cidr-mask-size-ipv6=80", "--cluster-cidr=10.244.0.0/16,fd12:3456:789a::/64"]));
    expect(plan.nodes[0]!.addresses).toEqual(["10.10.1.4", "fd00:10:0:1::4"]);
    s.cloud.syncRoutes([{ name: plan.nodes[0]!.name, ip: "10.10.1.4", podCIDRs: ["10.244.0.0/24", "fd12:3456:789a::/80"] }]);
    const routes = await s.run("az network route-table route list -g MC_rg_ds_eastus --route-table-name $(az network route-table list -g MC_rg_ds_eastus --query [0].name -o tsv) --query '[].[name,addressPrefix,nextHopIpAddress]' -o tsv");
    expect(routes.stdout).toBe(
      `${plan.nodes[0]!.name}____102440024\t10.244.0.0/24\t10.10.1.4\n${plan.nodes[0]!.name}____fd123456789a80\tfd12:3456:789a::/80\tfd00:10:0:1::4\n`,
    );
    const tooMany = await s.run("az aks scale -g rg -n ds --node-count 201");
    expect(tooMany.stderr).toContain("A cluster using kubenet can't have more than 200 nodes when dual-stack (two routes per node)");
  });
});

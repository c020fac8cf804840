/**
 * Seed 004 end to end: the AKS kubenet page's commands in order, as a learner types them, with the
 * outputs az prints. The fake lab stands in for the integrator's: it records the ClusterPlan and node
 * lists, and the test plays the controller-manager's node IPAM by handing syncRoutes a /24 per node.
 */
import { describe, expect, it } from "vitest";
import { azShell, type AzShell } from "./harness.ts";

async function seedFlow(): Promise<{ s: AzShell; sub: string }> {
  const s = await azShell();
  const sub = s.cloud.subscription.id;
  return { s, sub };
}

/** What the lab's node IPAM does for kubenet: the next /24 of the pod CIDR per node, in node order. */
function assignPodCIDRs(s: AzShell, names: string[]): { name: string; ip: string; podCIDRs: string[] }[] {
  return names.map((name, i) => {
    const node = s.lab.nodeUpdates.at(-1)?.nodes.find((n) => n.name === name) ?? s.lab.plans.at(-1)!.nodes.find((n) => n.name === name)!;
    return { name, ip: node.addresses[0]!, podCIDRs: [`10.244.${i}.0/24`] };
  });
}

describe("seed 004: kubenet with your own subnet", () => {
  it("creates the resource group with ARM's JSON", async () => {
    const { s, sub } = await seedFlow();
    const r = await s.run("az group create --name myResourceGroup --location eastus");
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`{
  "id": "/subscriptions/${sub}/resourceGroups/myResourceGroup",
  "location": "eastus",
  "managedBy": null,
  "name": "myResourceGroup",
  "properties": {
    "provisioningState": "Succeeded"
  },
  "tags": null,
  "type": "Microsoft.Resources/resourceGroups"
}
`);
  });

  it("runs the page's commands: vnet and subnet, subnet id, cluster, credentials, routes, scale", async () => {
    const { s, sub } = await seedFlow();
    await s.run("az group create --name myResourceGroup --location eastus");
    const vnet = await s.run(`az network vnet create \\
    --resource-group myResourceGroup \\
    --name myAKSVnet \\
    --address-prefixes 192.168.0.0/16 \\
    --subnet-name myAKSSubnet \\
    --subnet-prefix 192.168.1.0/24 \\
    --location eastus`);
    expect(vnet.exitCode).toBe(0);
    const created = JSON.parse(vnet.stdout).newVNet;
    expect(created.addressSpace.addressPrefixes).toEqual(["192.168.0.0/16"]);
    expect(created.subnets.map((x: { name: string; addressPrefix: string }) => [x.name, x.addressPrefix])).toEqual([["myAKSSubnet", "192.168.1.0/24"]]);

    // --query id -o tsv gives the bare ARM ID, ready for a shell variable.
    const subnetId = `/subscriptions/${sub}/resourceGroups/myResourceGroup/providers/Microsoft.Network/virtualNetworks/myAKSVnet/subnets/myAKSSubnet`;
    const q = await s.run("SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myAKSVnet --name myAKSSubnet --query id -o tsv); echo \"$SUBNET_ID\"");
    expect(q.stdout).toBe(`${subnetId}\n`);

    const aks = await s.run(`az aks create \\
    --resource-group myResourceGroup \\
    --name myAKSCluster \\
    --network-plugin kubenet \\
    --service-cidr 10.0.0.0/16 \\
    --dns-service-ip 10.0.0.10 \\
    --pod-cidr 10.244.0.0/16 \\
    --vnet-subnet-id $SUBNET_ID`);
    expect(aks.stderr).toBe("");
    expect(aks.exitCode).toBe(0);
    const mc = JSON.parse(aks.stdout);
    expect(mc.networkProfile).toMatchObject({
      dnsServiceIp: "10.0.0.10",
      networkPlugin: "kubenet",
      podCidr: "10.244.0.0/16",
      podCidrs: ["10.244.0.0/16"],
      serviceCidr: "10.0.0.0/16",
      serviceCidrs: ["10.0.0.0/16"],
      loadBalancerSku: "standard",
      outboundType: "loadBalancer",
      ipFamilies: ["IPv4"],
    });
    expect(mc.agentPoolProfiles).toHaveLength(1);
    expect(mc.agentPoolProfiles[0]).toMatchObject({ name: "nodepool1", count: 3, maxPods: 110, mode: "System", vnetSubnetId: subnetId, vmSize: "Standard_DS2_v2" });
    expect(mc.nodeResourceGroup).toBe("MC_myResourceGroup_myAKSCluster_eastus");
    expect(mc.dnsPrefix).toBe(`myAKSClust-myResourceGroup-${sub.slice(0, 6)}`);
    expect(mc.fqdn).toMatch(new RegExp(`^myaksclust-myresourcegroup-${sub.slice(0, 6)}-[a-z0-9]{8}\\.hcp\\.eastus\\.azmk8s\\.io$`));
    expect(mc.kubernetesVersion).toBe("1.34");
    expect(mc.currentKubernetesVersion).toBe("1.34.1");
    expect(mc.id).toBe(`/subscriptions/${sub}/resourcegroups/myResourceGroup/providers/Microsoft.ContainerService/managedClusters/myAKSCluster`);
    // az prints the service's JSON with sorted keys and two-space indent.
    expect(aks.stdout.split("\n").slice(0, 4)).toEqual(["{", '  "aadProfile": null,', '  "addonProfiles": null,', '  "agentPoolProfiles": [']);

    // The lab got one plan: kubenet, nodes .4 .5 .6 of the subnet (Azure keeps .0-.3).
    expect(s.lab.plans).toHaveLength(1);
    const plan = s.lab.plans[0]!;
    expect(plan.provider).toBe("aks");
    expect(plan.podNetwork).toBe("kubenet");
    expect(plan.nodes.map((n) => n.addresses[0])).toEqual(["192.168.1.4", "192.168.1.5", "192.168.1.6"]);
    const names = plan.nodes.map((n) => n.name);
    expect(names[0]).toMatch(/^aks-nodepool1-\d{8}-vmss000000$/);
    expect(names.map((n) => n.slice(-6))).toEqual(["000000", "000001", "000002"]);

    // The CLI granted the cluster identity Network Contributor on the subnet.
    const ra = await s.run(`az role assignment list --scope "$SUBNET_ID" --query "[].roleDefinitionName" -o tsv`);
    expect(ra.stdout).toBe("Network Contributor\n");

    const creds = await s.run("az aks get-credentials --resource-group myResourceGroup --name myAKSCluster");
    expect(creds.stdout).toBe("");
    expect(creds.stderr).toBe('Merged "myAKSCluster" as current context in /root/.kube/config\n');
    expect((await s.run("grep current-context /root/.kube/config")).stdout).toBe("current-context: myAKSCluster\n");

    // The route table AKS made in the node resource group, associated with the subnet.
    const tables = await s.run("az network route-table list -g MC_myResourceGroup_myAKSCluster_eastus --query \"[].name\" -o tsv");
    expect(tables.stdout).toMatch(/^aks-agentpool-\d{8}-routetable\n$/);
    const table = tables.stdout.trim();
    const assoc = await s.run("az network vnet subnet show -g myResourceGroup --vnet-name myAKSVnet -n myAKSSubnet --query routeTable.id -o tsv");
    expect(assoc.stdout).toBe(`/subscriptions/${sub}/resourceGroups/MC_myResourceGroup_myAKSCluster_eastus/providers/Microsoft.Network/routeTables/${table}\n`);

    // Empty until the route controller sees the nodes' podCIDRs.
    expect((await s.run(`az network route-table route list -g MC_myResourceGroup_myAKSCluster_eastus --route-table-name ${table}`)).stdout).toBe("[]\n");
    s.cloud.syncRoutes(assignPodCIDRs(s, names));
    const routes = await s.run(`az network route-table route list -g MC_myResourceGroup_myAKSCluster_eastus --route-table-name ${table} -o table`);
    const rg = "MC_myResourceGroup_myAKSCluster_eastus";
    const r = (cidr: string, node: string, ip: string) =>
      `${cidr.padEnd(15)}  False             ${`${node}____${cidr.replace(/[./]/g, "")}`.padEnd(46)}  ${ip.padEnd(18)}  VirtualAppliance  Succeeded            ${rg}`;
    expect(routes.stdout).toBe(
      [
        "AddressPrefix    HasBgpOverride    Name                                            NextHopIpAddress    NextHopType       ProvisioningState    ResourceGroup",
        "---------------  ----------------  ----------------------------------------------  ------------------  ----------------  -------------------  --------------------------------------",
        r("10.244.0.0/24", names[0]!, "192.168.1.4"),
        r("10.244.1.0/24", names[1]!, "192.168.1.5"),
        r("10.244.2.0/24", names[2]!, "192.168.1.6"),
        "",
      ].join("\n"),
    );

    // Scale out: two more VMSS instances, the next subnet addresses, the node list handed to the lab.
    const scaled = await s.run("az aks scale -g myResourceGroup -n myAKSCluster --node-count 5 --query 'agentPoolProfiles[0].count' -o tsv");
    expect(scaled.stdout).toBe("5\n");
    const nodes = s.lab.nodeUpdates.at(-1)!;
    expect(nodes.name).toBe("myAKSCluster");
    expect(nodes.nodes.map((n) => [n.name.slice(-6), n.addresses[0]])).toEqual([
      ["000000", "192.168.1.4"],
      ["000001", "192.168.1.5"],
      ["000002", "192.168.1.6"],
      ["000003", "192.168.1.7"],
      ["000004", "192.168.1.8"],
    ]);
    s.cloud.syncRoutes(assignPodCIDRs(s, nodes.nodes.map((n) => n.name)));
    const count = await s.run(`az network route-table route list -g ${rg} --route-table-name ${table} --query "length(@)"`);
    expect(count.stdout).toBe("5\n");

    // Scale in removes the highest instance IDs and their routes once the nodes are gone.
    await s.run("az aks scale -g myResourceGroup -n myAKSCluster --node-count 2 -o none");
    const after = s.lab.nodeUpdates.at(-1)!.nodes.map((n) => n.name);
    expect(after.map((n) => n.slice(-6))).toEqual(["000000", "000001"]);
    s.cloud.syncRoutes(assignPodCIDRs(s, after));
    const left = await s.run(`az network route-table route list -g ${rg} --route-table-name ${table} --query "[].[addressPrefix,nextHopIpAddress]" -o tsv`);
    expect(left.stdout).toBe("10.244.0.0/24\t192.168.1.4\n10.244.1.0/24\t192.168.1.5\n");
  });

  it("creates a user-assigned identity, grants it Network Contributor on the VNet and creates the cluster with it", async () => {
    const { s, sub } = await seedFlow();
    await s.run("az group create --name myResourceGroup --location eastus -o none");
    await s.run("az network vnet create -g myResourceGroup -n myAKSVnet --address-prefixes 192.168.0.0/16 --subnet-name myAKSSubnet --subnet-prefix 192.168.1.0/24 -o none");
    const id = await s.run("az identity create --name myIdentity --resource-group myResourceGroup");
    expect(id.exitCode).toBe(0);
    const identity = JSON.parse(id.stdout);
    expect(Object.keys(identity)).toEqual(["clientId", "id", "location", "name", "principalId", "resourceGroup", "systemData", "tags", "tenantId", "type"]);
    expect(identity.id).toBe(`/subscriptions/${sub}/resourcegroups/myResourceGroup/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myIdentity`);
    expect(identity.tenantId).toBe(s.cloud.subscription.tenantId);

    const vnetId = `/subscriptions/${sub}/resourceGroups/myResourceGroup/providers/Microsoft.Network/virtualNetworks/myAKSVnet`;
    expect((await s.run("VNET_ID=$(az network vnet show --resource-group myResourceGroup --name myAKSVnet --query id -o tsv); echo $VNET_ID")).stdout).toBe(`${vnetId}\n`);
    const ra = await s.run(`az role assignment create --assignee ${identity.principalId} --scope $VNET_ID --role "Network Contributor"`);
    expect(ra.exitCode).toBe(0);
    const assignment = JSON.parse(ra.stdout);
    expect(assignment).toMatchObject({
      condition: null,
      principalId: identity.principalId,
      principalType: "ServicePrincipal",
      resourceGroup: "myResourceGroup",
      roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7`,
      scope: vnetId,
      type: "Microsoft.Authorization/roleAssignments",
      createdOn: "2025-11-03T09:00:00.000000+00:00",
    });
    expect(assignment.id).toBe(`${vnetId}/providers/Microsoft.Authorization/roleAssignments/${assignment.name}`);
    const again = await s.run(`az role assignment create --assignee ${identity.principalId} --scope $VNET_ID --role "Network Contributor"`);
    expect(again.stderr).toBe("(RoleAssignmentExists) The role assignment already exists.\nCode: RoleAssignmentExists\nMessage: The role assignment already exists.\n");
    expect(again.exitCode).toBe(1);

    const created = await s.run(`SUBNET_ID=$(az network vnet subnet show -g myResourceGroup --vnet-name myAKSVnet -n myAKSSubnet --query id -o tsv)
az aks create \\
    --resource-group myResourceGroup \\
    --name myAKSCluster \\
    --node-count 3 \\
    --network-plugin kubenet \\
    --vnet-subnet-id $SUBNET_ID \\
    --assign-identity ${identity.id} \\
    --query identity`);
    expect(created.exitCode).toBe(0);
    expect(JSON.parse(created.stdout)).toEqual({
      delegatedResources: null,
      principalId: null,
      tenantId: null,
      type: "UserAssigned",
      userAssignedIdentities: { [identity.id]: { clientId: identity.clientId, principalId: identity.principalId } },
    });
  });

  it("lists node pools and adds one that takes the next addresses of the subnet", async () => {
    const { s } = await seedFlow();
    await s.run("az group create -n rg -l eastus -o none");
    await s.run("az network vnet create -g rg -n vnet --address-prefixes 192.168.0.0/16 --subnet-name nodes --subnet-prefixes 192.168.1.0/24 -o none");
    await s.run("az aks create -g rg -n aks --network-plugin kubenet --vnet-subnet-id $(az network vnet subnet show -g rg --vnet-name vnet -n nodes --query id -o tsv) --node-count 2 -o none");
    const add = await s.run("az aks nodepool add -g rg --cluster-name aks -n userpool --node-count 2 --max-pods 50 --query '[name,mode,count,maxPods]' -o tsv");
    expect(add.stdout).toBe("userpool\nUser\n2\n50\n");
    const last = s.lab.nodeUpdates.at(-1)!.nodes;
    expect(last.map((n) => [n.pool, n.addresses[0], n.maxPods])).toEqual([
      ["nodepool1", "192.168.1.4", 110],
      ["nodepool1", "192.168.1.5", 110],
      ["userpool", "192.168.1.6", 50],
      ["userpool", "192.168.1.7", 50],
    ]);
    // Every pool of a cluster shares the cluster's VMSS number.
    const number = last[0]!.name.split("-")[2];
    expect(last[2]!.name).toBe(`aks-userpool-${number}-vmss000000`);
    const table = await s.run("az aks nodepool list -g rg --cluster-name aks -o table");
    expect(table.stdout).toBe(`Name       OsType    KubernetesVersion    VmSize           Count    MaxPods    ProvisioningState    Mode
---------  --------  -------------------  ---------------  -------  ---------  -------------------  ------
nodepool1  Linux     1.34.1               Standard_DS2_v2  2        110        Succeeded            System
userpool   Linux     1.34.1               Standard_DS2_v2  2        50         Succeeded            User
`);
    const scale = await s.run("az aks scale -g rg -n aks --node-count 3");
    expect(scale.stderr).toBe("There are more than one node pool in the cluster. Please specify nodepool name or use az aks nodepool command to scale node pool\n");
    expect(scale.exitCode).toBe(1);
    const dup = await s.run("az aks nodepool add -g rg --cluster-name aks -n userpool");
    expect(dup.stderr).toBe("Node pool userpool already exists, please try a different name, use 'aks nodepool list' to get current list of node pool\n");
  });
});

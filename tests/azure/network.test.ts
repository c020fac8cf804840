/** Virtual networks, subnets and route tables as the network resource provider and az answer. */
import { describe, expect, it } from "vitest";
import { azShell } from "./harness.ts";

const svc = (code: string, message: string) => `(${code}) ${message}\nCode: ${code}\nMessage: ${message}\n`;

describe("az network vnet and subnet", () => {
  it("lists subnets and shows a VNet as tables with the columns of a real az", async () => {
    const s = await azShell();
    await s.run("az group create -n MidtermProject -l francecentral -o none");
    await s.run("az network vnet create -g MidtermProject -n midterm-vnet --address-prefixes 10.0.0.0/16 --subnet-name vm-subnet --subnet-prefixes 10.0.1.0/24 -o none");
    await s.run("az network vnet subnet create -g MidtermProject --vnet-name midterm-vnet -n app-subnet --address-prefixes 10.0.2.0/24 -o none");
    await s.run("az network vnet subnet create -g MidtermProject --vnet-name midterm-vnet -n private-endpoint-subnet --address-prefixes 10.0.3.0/24 -o none");
    const list = await s.run("az network vnet subnet list -g MidtermProject --vnet-name midterm-vnet -o table");
    expect(list.stdout).toBe(`AddressPrefix    Name                     PrivateEndpointNetworkPolicies    PrivateLinkServiceNetworkPolicies    ProvisioningState    ResourceGroup
---------------  -----------------------  --------------------------------  -----------------------------------  -------------------  ---------------
10.0.1.0/24      vm-subnet                Disabled                          Enabled                              Succeeded            MidtermProject
10.0.2.0/24      app-subnet               Disabled                          Enabled                              Succeeded            MidtermProject
10.0.3.0/24      private-endpoint-subnet  Disabled                          Enabled                              Succeeded            MidtermProject
`);
    const guid = s.cloud.vnets[0]!.resourceGuid;
    const show = await s.run("az network vnet show -g MidtermProject -n midterm-vnet -o table");
    expect(show.stdout).toBe(`EnableDdosProtection    Location       Name          PrivateEndpointVNetPolicies    ProvisioningState    ResourceGroup    ResourceGuid
----------------------  -------------  ------------  -----------------------------  -------------------  ---------------  ------------------------------------
False                   francecentral  midterm-vnet  Disabled                       Succeeded            MidtermProject   ${guid}
`);
    const sub = await s.run("az network vnet subnet show -g MidtermProject --vnet-name midterm-vnet -n app-subnet");
    expect(Object.keys(JSON.parse(sub.stdout))).toEqual([
      "addressPrefix",
      "delegations",
      "etag",
      "id",
      "name",
      "privateEndpointNetworkPolicies",
      "privateLinkServiceNetworkPolicies",
      "provisioningState",
      "resourceGroup",
      "type",
    ]);
  });

  it("refuses prefixes the network provider refuses", async () => {
    const s = await azShell();
    await s.run("az group create -n rg -l eastus -o none");
    const sub = s.cloud.subscription.id;
    const vnetId = `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v`;
    expect((await s.run("az network vnet create -g rg -n v --address-prefixes 10.0.0.0/33")).stderr).toBe(
      svc("InvalidAddressPrefixFormat", `Address prefix 10.0.0.0/33 of resource ${vnetId} is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24.`),
    );
    expect((await s.run("az network vnet create -g rg -n v --address-prefixes 10.0.0.5/16")).stderr).toBe(
      svc("InvalidCIDRNotation", `The address prefix 10.0.0.5/16 in resource ${vnetId} has an invalid CIDR notation. For the given prefix length, the address prefix should be 10.0.0.0/16.`),
    );
    expect((await s.run("az network vnet create -g rg -n v --address-prefixes 10.0.0.0/16 --subnet-name s --subnet-prefixes 10.1.0.0/24")).stderr).toBe(
      svc("NetcfgSubnetRangeOutsideVnet", "Subnet 's' is not valid because its IP address range is outside the IP address range of virtual network 'v'."),
    );
    expect(s.cloud.vnets).toHaveLength(0);
    await s.run("az network vnet create -g rg -n v --address-prefixes 10.0.0.0/16 --subnet-name s --subnet-prefixes 10.0.0.0/24 -o none");
    expect((await s.run("az network vnet subnet create -g rg --vnet-name v -n t --address-prefixes 10.0.0.128/25")).stderr).toBe(
      svc("NetcfgSubnetRangesOverlap", "Subnet 't' is not valid because its IP address range overlaps with that of an existing subnet in virtual network 'v'."),
    );
    expect((await s.run("az network vnet subnet create -g rg --vnet-name v -n t --address-prefixes 10.0.1.0/30")).stderr).toBe(
      svc("NetcfgInvalidSubnet", "Subnet 't' is not valid in virtual network 'v'."),
    );
    const missing = await s.run("az network vnet subnet show -g rg --vnet-name v -n nope");
    expect(missing.stderr).toBe(svc("NotFound", `Resource ${vnetId}/subnets/nope not found.`));
    expect(missing.exitCode).toBe(3);
    expect(s.cloud.vnets[0]!.subnets.map((x) => x.name)).toEqual(["s"]);
  });

  it("uses a route table already on the subnet (bring your own) instead of making one", async () => {
    const s = await azShell();
    await s.run("az group create -n rg -l eastus -o none");
    await s.run("az network route-table create -g rg -n myRoutes -o none");
    await s.run("az network vnet create -g rg -n v --address-prefixes 10.1.0.0/16 -o none");
    await s.run("az network vnet subnet create -g rg --vnet-name v -n nodes --address-prefixes 10.1.1.0/24 --route-table myRoutes -o none");
    await s.run("az aks create -g rg -n aks --network-plugin kubenet --node-count 1 --vnet-subnet-id $(az network vnet subnet show -g rg --vnet-name v -n nodes --query id -o tsv) -o none");
    const tables = await s.run("az network route-table list --query '[].[resourceGroup, name, length(subnets)]' -o tsv");
    expect(tables.stdout).toBe("rg\tmyRoutes\t1\n");
    const node = s.lab.plans[0]!.nodes[0]!;
    s.cloud.syncRoutes([{ name: node.name, ip: node.addresses[0]!, podCIDRs: ["10.244.0.0/24"] }]);
    expect((await s.run("az network route-table route list -g rg --route-table-name myRoutes --query '[].nextHopIpAddress' -o tsv")).stdout).toBe("10.1.1.4\n");
  });
});

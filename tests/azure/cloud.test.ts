/** AzureCloud.syncRoutes: the route controller's view of one route per node podCIDR. */
import { describe, expect, it } from "vitest";
import { azShell } from "./harness.ts";

describe("syncRoutes", () => {
  it("adds, keeps, moves and removes routes for the cluster owning the nodes, and leaves other clusters alone", async () => {
    const s = await azShell();
    await s.run("az group create -n rg -l eastus -o none");
    await s.run("az network route-table create -g rg -n shared -o none");
    await s.run("az network vnet create -g rg -n v --address-prefixes 10.1.0.0/16 -o none");
    await s.run("az network vnet subnet create -g rg --vnet-name v -n a --address-prefixes 10.1.1.0/24 --route-table shared -o none");
    await s.run("az network vnet subnet create -g rg --vnet-name v -n b --address-prefixes 10.1.2.0/24 --route-table shared -o none");
    for (const [name, subnet] of [["one", "a"], ["two", "b"]]) {
      await s.run(`az aks create -g rg -n ${name} --network-plugin kubenet --node-count 2 --vnet-subnet-id $(az network vnet subnet show -g rg --vnet-name v -n ${subnet} --query id -o tsv) -o none`);
    }
    const [one, two] = s.lab.plans.map((p) => p.nodes);
    const table = () => s.cloud.routeTables[0]!.routes.map((r) => `${r.name.split("-vmss")[1]} ${r.addressPrefix} ${r.nextHopIpAddress}`);
    s.cloud.syncRoutes([
      { name: one![0]!.name, ip: "10.1.1.4", podCIDRs: ["10.244.0.0/24"] },
      { name: one![1]!.name, ip: "10.1.1.5", podCIDRs: [] },
    ]);
    s.cloud.syncRoutes([{ name: two![0]!.name, ip: "10.1.2.4", podCIDRs: ["10.245.0.0/24"] }]);
    expect(table()).toEqual(["000000____102440024 10.244.0.0/24 10.1.1.4", "000000____102450024 10.245.0.0/24 10.1.2.4"]);
    const etag = s.cloud.routeTables[0]!.routes[0]!.etag;
    // The second node of "one" gets its range; the first keeps its route untouched.
    s.cloud.syncRoutes([
      { name: one![0]!.name, ip: "10.1.1.4", podCIDRs: ["10.244.0.0/24"] },
      { name: one![1]!.name, ip: "10.1.1.5", podCIDRs: ["10.244.1.0/24"] },
    ]);
    expect(table()).toEqual([
      "000000____102440024 10.244.0.0/24 10.1.1.4",
      "000000____102450024 10.245.0.0/24 10.1.2.4",
      "000001____102441024 10.244.1.0/24 10.1.1.5",
    ]);
    expect(s.cloud.routeTables[0]!.routes[0]!.etag).toBe(etag);
    // Node 0 of "one" is gone: its route goes, "two"'s stays.
    s.cloud.syncRoutes([{ name: one![1]!.name, ip: "10.1.1.5", podCIDRs: ["10.244.1.0/24"] }]);
    expect(table()).toEqual(["000000____102450024 10.245.0.0/24 10.1.2.4", "000001____102441024 10.244.1.0/24 10.1.1.5"]);
    // Nodes of no AKS cluster are ignored.
    s.cloud.syncRoutes([{ name: "controlplane", ip: "192.168.0.7", podCIDRs: ["10.244.9.0/24"] }]);
    expect(table()).toHaveLength(2);
  });
});

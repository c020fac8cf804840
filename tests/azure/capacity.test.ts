import { describe, expect, it } from "vitest";
import { subnetCapacity } from "../../src/azure/capacity.ts";

describe("subnetCapacity: kubenet against Azure CNI for one subnet", () => {
  it("gives the kubenet page's /24 numbers: 251 nodes and 27,610 pods against 8 nodes and 240 pods", () => {
    const c = subnetCapacity({ subnet: "192.168.1.0/24" });
    expect(c).toEqual({
      subnet: "192.168.1.0/24",
      size: 256,
      reserved: 5,
      usable: 251,
      kubenet: { maxPods: 110, addressesPerNode: 1, nodes: 251, pods: 27_610, limitedBy: "subnet" },
      azureCni: { maxPods: 30, addressesPerNode: 31, nodes: 8, pods: 240, limitedBy: "subnet" },
    });
  });

  it("gives the /27 of the page: 27 addresses, so 27 kubenet nodes at most (the page advises 20-25 for headroom)", () => {
    const c = subnetCapacity({ subnet: "10.0.0.0/27" });
    expect(c.usable).toBe(27);
    expect(c.kubenet.nodes).toBe(27);
    expect(c.kubenet.pods).toBe(2970);
    expect(c.azureCni.nodes).toBe(0);
  });

  it("stops kubenet at the route table's 400 routes (200 nodes when dual-stack) and at the pod CIDR's /24s", () => {
    expect(subnetCapacity({ subnet: "10.240.0.0/16" }).kubenet).toEqual({ maxPods: 110, addressesPerNode: 1, nodes: 400, pods: 44_000, limitedBy: "route-table" });
    expect(subnetCapacity({ subnet: "10.240.0.0/16", dualStack: true }).kubenet.nodes).toBe(200);
    expect(subnetCapacity({ subnet: "10.240.0.0/16", podCidr: "10.244.0.0/16" }).kubenet).toMatchObject({ nodes: 256, limitedBy: "pod-cidr" });
    expect(subnetCapacity({ subnet: "10.240.0.0/20" }).azureCni).toMatchObject({ nodes: Math.floor(4091 / 31), pods: Math.floor(4091 / 31) * 30 });
  });

  it("takes other max-pods values", () => {
    const c = subnetCapacity({ subnet: "192.168.1.0/24", kubenetMaxPods: 250, azureCniMaxPods: 110 });
    expect(c.kubenet.pods).toBe(251 * 250);
    expect(c.azureCni).toMatchObject({ addressesPerNode: 111, nodes: 2, pods: 220 });
  });
});

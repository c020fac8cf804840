/** `ip route` and `ip addr` on a node, against the real AKS kubenet node of cluster-tools.md section 6. */
import { describe, expect, test } from "vitest";
import { ipCommand } from "../../src/proxy/ip-cmd.ts";
import type { NodeNetInput } from "../../src/proxy/node-net.ts";

const aks: NodeNetInput = {
  name: "aks-nodepool1-31718369-vmss000000", provider: "aks", podNetwork: "kubenet", address: "10.224.0.4/16", podCIDRs: ["10.244.0.0/24"],
  pods: [{ namespace: "default", name: "web-1", ips: ["10.244.0.5"] }],
  peers: [{ name: "aks-nodepool1-31718369-vmss000001", internalIP: "10.224.0.5", podCIDRs: ["10.244.1.0/24"] }],
};

describe("ip", () => {
  test("ip route on an AKS kubenet node: no route to other nodes' pod ranges", () => {
    expect(ipCommand(["ip", "route"], aks).stdout).toBe(
      "default via 10.224.0.1 dev eth0 proto dhcp src 10.224.0.4 metric 100\n" +
        "10.224.0.0/16 dev eth0 proto kernel scope link src 10.224.0.4 metric 100\n" +
        "10.224.0.1 dev eth0 proto dhcp scope link src 10.224.0.4 metric 100\n" +
        "10.244.0.0/24 dev cbr0 proto kernel scope link src 10.244.0.1\n" +
        "168.63.129.16 via 10.224.0.1 dev eth0 proto dhcp src 10.224.0.4 metric 100\n" +
        "169.254.169.254 via 10.224.0.1 dev eth0 proto dhcp src 10.224.0.4 metric 100\n",
    );
  });

  test("ip addr: cbr0 holds the podCIDR's .1, each pod has a veth on cbr0, link-local from the MAC", () => {
    const out = ipCommand(["ip", "addr"], aks).stdout;
    expect(out).toMatch(/^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link\/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127\.0\.0\.1\/8 scope host lo\n/);
    expect(out).toMatch(/\n2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000\n    link\/ether 00:0d:3a:(..):(..):(..) brd ff:ff:ff:ff:ff:ff\n    inet 10\.224\.0\.4\/16 brd 10\.224\.255\.255 scope global eth0\n/);
    const mac = /link\/ether (00:0d:3a:..:..:..)/.exec(out)![1]!.split(":");
    expect(out).toContain(`inet6 fe80::20d:3aff:fe${mac[3]}:${mac[4]}${mac[5]}/64 scope link`.replace(/:0+(?=[0-9a-f])/g, ":"));
    expect(out).toMatch(/\n4: cbr0: <BROADCAST,MULTICAST,PROMISC,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n    link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff\n    inet 10\.244\.0\.1\/24 scope global cbr0\n/);
    expect(out).toMatch(/\n5: veth[0-9a-f]{8}@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master cbr0 state UP group default\n    link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff link-netnsid 0\n/);
    expect(ipCommand(["ip", "addr"], aks).stdout).toBe(out);
  });

  test("kindnet: a /32 per local pod and a route to each other node's podCIDR via its IP", () => {
    const kind: NodeNetInput = { ...aks, name: "kind-worker", provider: "kind", podNetwork: "kindnet", address: "172.18.0.3/16", podCIDRs: ["10.244.1.0/24"],
      pods: [{ namespace: "default", name: "web-1", ips: ["10.244.1.2"] }],
      peers: [{ name: "kind-control-plane", internalIP: "172.18.0.2", podCIDRs: ["10.244.0.0/24"] }, { name: "kind-worker2", internalIP: "172.18.0.4", podCIDRs: ["10.244.2.0/24"] }] };
    const lines = ipCommand(["ip", "r"], kind).stdout.split("\n");
    expect(lines[0]).toBe("default via 172.18.0.1 dev eth0");
    expect(lines[1]).toBe("10.244.0.0/24 via 172.18.0.2 dev eth0");
    expect(lines[2]).toMatch(/^10\.244\.1\.2 dev veth[0-9a-f]{8} scope host$/);
    expect(lines[3]).toBe("10.244.2.0/24 via 172.18.0.4 dev eth0");
    expect(lines[4]).toBe("172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3");
    expect(ipCommand(["ip", "-4", "addr", "show", "eth0"], kind).stdout).toBe("2: eth0@if" + /eth0@if(\d+)/.exec(ipCommand(["ip", "a"], kind).stdout)![1] + ": <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default\n    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth0\n       valid_lft forever preferred_lft forever\n");
    expect(ipCommand(["ip", "route", "get", "10.244.2.9"], kind).stdout).toBe("10.244.2.9 via 172.18.0.4 dev eth0 src 172.18.0.3 uid 0 \n    cache \n");
  });

  test("errors are iproute2's", () => {
    expect(ipCommand(["ip", "addr", "show", "eth9"], aks)).toEqual({ stdout: "", stderr: 'Device "eth9" does not exist.\n', exitCode: 1 });
    expect(ipCommand(["ip", "neighbourhood"], aks)).toEqual({ stdout: "", stderr: 'Object "neighbourhood" is unknown, try "ip help".\n', exitCode: 255 });
  });
});

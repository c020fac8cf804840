/** IPVS mode: ipvsadm -Ln as on a kubeadm node (cluster-tools.md section 6.3) and kube-ipvs0. */
import { describe, expect, test } from "vitest";
import { ipCommand } from "../../src/proxy/ip-cmd.ts";
import { dummyDeviceAddresses } from "../../src/proxy/ipvs.ts";
import { ipvsadm } from "../../src/proxy/ipvsadm-cmd.ts";
import { iptablesSave } from "../../src/proxy/iptables-cmd.ts";
import { ProxyCluster } from "../../src/proxy/proxy-cluster.ts";
import { slice, svc } from "./fixtures.ts";

function kubeadmIPVS() {
  const pc = new ProxyCluster({ mode: "ipvs", clusterCIDR: "10.244.0.0/16" });
  pc.applyService(svc("kubernetes", { clusterIP: "10.96.0.1", ports: [{ name: "https", port: 443 }] }));
  pc.applyEndpointSlice(slice("kubernetes", { sliceName: "kubernetes", ports: [{ name: "https", port: 6443 }], endpoints: [{ ip: "192.168.0.7" }] }));
  const dnsPorts = [{ name: "dns", port: 53, protocol: "UDP" }, { name: "dns-tcp", port: 53 }, { name: "metrics", port: 9153 }];
  pc.applyService(svc("kube-dns", { ns: "kube-system", clusterIP: "10.96.0.10", ports: dnsPorts }));
  pc.applyEndpointSlice(slice("kube-dns", { ns: "kube-system", ports: dnsPorts, endpoints: [{ ip: "10.244.0.3", node: "controlplane" }, { ip: "10.244.0.2", node: "controlplane" }] }));
  const node = pc.setNode({ nodeName: "controlplane", nodeIPs: { IPv4: "192.168.0.7" }, localAddresses: ["127.0.0.1", "192.168.0.7", "10.244.0.1"] });
  return { pc, node };
}

describe("ipvsadm", () => {
  test("-Ln: services sorted TCP before UDP then by address and port, real servers padded as print_service_entry does", () => {
    const { node } = kubeadmIPVS();
    expect(ipvsadm(["ipvsadm", "-Ln"], node).stdout).toBe(
      "IP Virtual Server version 1.2.1 (size=4096)\n" +
        "Prot LocalAddress:Port Scheduler Flags\n" +
        "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n" +
        "TCP  10.96.0.1:443 rr\n" +
        "  -> 192.168.0.7:6443             Masq    1      0          0         \n" +
        "TCP  10.96.0.10:53 rr\n" +
        "  -> 10.244.0.2:53                Masq    1      0          0         \n" +
        "  -> 10.244.0.3:53                Masq    1      0          0         \n" +
        "TCP  10.96.0.10:9153 rr\n" +
        "  -> 10.244.0.2:9153              Masq    1      0          0         \n" +
        "  -> 10.244.0.3:9153              Masq    1      0          0         \n" +
        "UDP  10.96.0.10:53 rr\n" +
        "  -> 10.244.0.2:53                Masq    1      0          0         \n" +
        "  -> 10.244.0.3:53                Masq    1      0          0         \n",
    );
  });

  test("a NodePort gets one virtual server per node address (not loopback); affinity shows persistent", () => {
    const { pc, node } = kubeadmIPVS();
    pc.applyService(svc("web-np", { type: "NodePort", clusterIP: "10.96.201.7", ports: [{ name: "http", port: 80, nodePort: 31542 }], sessionAffinity: "ClientIP" }));
    pc.applyEndpointSlice(slice("web-np", { ports: [{ name: "http", port: 8080 }], endpoints: [{ ip: "10.244.1.5" }, { ip: "10.244.2.8" }] }));
    const out = ipvsadm(["ipvsadm", "-L", "-n"], node).stdout;
    expect(out).toContain("TCP  10.96.201.7:80 rr persistent 10800\n  -> 10.244.1.5:8080              Masq    1      0          0         \n");
    expect(out).toContain("TCP  10.244.0.1:31542 rr persistent 10800\n");
    expect(out).toContain("TCP  192.168.0.7:31542 rr persistent 10800\n");
    expect(out).not.toContain("127.0.0.1:31542");
  });

  test("ipvsadm compares addresses as wrapping 32-bit differences, so 192.168.x sorts before 10.x", () => {
    const { pc, node } = kubeadmIPVS();
    pc.applyService(svc("web-np", { type: "NodePort", clusterIP: "10.96.201.7", ports: [{ port: 80, nodePort: 31542 }] }));
    const lines = ipvsadm(["ipvsadm", "-Ln"], node).stdout.split("\n").filter((l) => l.startsWith("TCP"));
    expect(lines.indexOf("TCP  192.168.0.7:31542 rr")).toBeLessThan(lines.indexOf("TCP  10.96.0.1:443 rr"));
  });

  test("a Service without endpoints shows only its service line; --stats has the counters layout", () => {
    const { pc, node } = kubeadmIPVS();
    pc.applyService(svc("empty", { clusterIP: "10.96.9.9", ports: [{ port: 80 }] }));
    expect(ipvsadm(["ipvsadm", "-Ln"], node).stdout).toContain("TCP  10.96.9.9:80 rr\nUDP  10.96.0.10:53 rr\n");
    const stats = ipvsadm(["ipvsadm", "-Ln", "--stats"], node).stdout.split("\n");
    expect(stats[1]).toBe("Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes");
    expect(stats[2]).toBe("  -> RemoteAddress:Port");
    // "%-33s" for the name, then five "%9llu" columns.
    expect(stats[3]).toBe("TCP  10.96.0.1:443".padEnd(33) + "        0".repeat(5));
    expect(stats[4]).toBe("  -> 192.168.0.7:6443".padEnd(33) + "        0".repeat(5));
  });

  test("one service with -t; iptables mode shows an empty table", () => {
    const { pc, node } = kubeadmIPVS();
    expect(ipvsadm(["ipvsadm", "-Ln", "-t", "10.96.0.1:443"], node).stdout).toBe(
      "Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\nTCP  10.96.0.1:443 rr\n  -> 192.168.0.7:6443             Masq    1      0          0         \n",
    );
    expect(ipvsadm(["ipvsadm", "-Ln", "-t", "10.96.0.2:443"], node)).toEqual({ stdout: "", stderr: "No such service\n", exitCode: 1 });
    pc.setConfig({ mode: "iptables", clusterCIDR: "10.244.0.0/16" });
    expect(ipvsadm(["ipvsadm", "-Ln"], node).stdout).toBe("IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
  });

  test("kube-ipvs0 holds every ClusterIP as a /32, and iptables-save keeps only the kubelet's chains", () => {
    const { node } = kubeadmIPVS();
    const addrs = dummyDeviceAddresses(node).map((a) => a.address);
    expect(addrs).toEqual(["10.96.0.1", "10.96.0.10"]);
    const out = ipCommand(["ip", "addr", "show", "kube-ipvs0"], {
      name: "controlplane", provider: "kubeadm", podNetwork: "kindnet", address: "192.168.0.7/24", podCIDRs: ["10.244.0.0/24"], pods: [], peers: [], ipvsAddresses: addrs,
    }).stdout;
    expect(out).toMatch(/^3: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default\n    link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff\n    inet 10\.96\.0\.1\/32 scope global kube-ipvs0\n       valid_lft forever preferred_lft forever\n    inet 10\.96\.0\.10\/32 scope global kube-ipvs0\n       valid_lft forever preferred_lft forever\n$/);
    expect(iptablesSave(["iptables-save", "-t", "nat"], { node, now: 0 }).stdout).not.toContain("KUBE-SVC-");
  });
});

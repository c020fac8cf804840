import { describe, expect, it } from "vitest";
import {
  apiserverCommand,
  controllerManagerCommand,
  etcdCommand,
  renderStaticPod,
  schedulerCommand,
} from "../../src/kubeadm/index.ts";
import { fixture, opts } from "./helpers.ts";

describe("static pod manifests", () => {
  it("kube-apiserver.yaml matches §2.1 (advertise 192.168.0.7, default service CIDR)", () => {
    const o = opts();
    expect(renderStaticPod("kube-apiserver", o, apiserverCommand(o))).toBe(fixture("kube-apiserver.yaml"));
  });

  it("kube-controller-manager.yaml matches §2.2 (--pod-network-cidr=10.244.0.0/16)", () => {
    const o = opts({ podNetworkCIDR: "10.244.0.0/16" });
    expect(renderStaticPod("kube-controller-manager", o, controllerManagerCommand(o))).toBe(fixture("kube-controller-manager.yaml"));
  });

  it("without --pod-network-cidr the controller-manager gets no CIDR flags", () => {
    const cmd = controllerManagerCommand(opts());
    expect(cmd.some((a) => /^--(allocate-node-cidrs|cluster-cidr|service-cluster-ip-range)=/.test(a))).toBe(false);
    expect(cmd.some((a) => a.startsWith("--node-cidr-mask-size"))).toBe(false);
  });

  it("dual-stack values are passed verbatim, in the given order", () => {
    const o = opts({ podNetworkCIDR: "10.244.0.0/16,2001:db8:42:0::/56", serviceCIDR: "10.96.0.0/16,2001:db8:42:1::/112" });
    expect(apiserverCommand(o)).toContain("--service-cluster-ip-range=10.96.0.0/16,2001:db8:42:1::/112");
    const cm = controllerManagerCommand(o);
    expect(cm).toContain("--cluster-cidr=10.244.0.0/16,2001:db8:42:0::/56");
    expect(cm).toContain("--service-cluster-ip-range=10.96.0.0/16,2001:db8:42:1::/112");
    expect(cm).toContain("--allocate-node-cidrs=true");
    expect(renderStaticPod("kube-apiserver", o, apiserverCommand(o))).toContain("    - --service-cluster-ip-range=10.96.0.0/16,2001:db8:42:1::/112\n");
  });

  it("uses the DNS domain in the issuer and the bind port in three places", () => {
    const o = opts({ serviceDNSDomain: "myorg.internal", apiserverBindPort: 8443 });
    const y = renderStaticPod("kube-apiserver", o, apiserverCommand(o));
    expect(y).toContain("    - --service-account-issuer=https://kubernetes.default.svc.myorg.internal\n");
    expect(y).toContain("    - --secure-port=8443\n");
    expect(y).toContain("kube-apiserver.advertise-address.endpoint: 192.168.0.7:8443\n");
    expect(y).toContain("    - containerPort: 8443\n");
  });

  it("merges extraArgs in sorted order, overriding defaults and keeping repeated names", () => {
    const o = opts({
      apiserverExtraArgs: [
        { name: "runtime-config", value: "networking.k8s.io/v1beta1=true" },
        { name: "authorization-mode", value: "Node,RBAC,Webhook" },
        { name: "audit-log-maxage", value: "30" },
      ],
    });
    const cmd = apiserverCommand(o);
    expect(cmd[0]).toBe("kube-apiserver");
    expect(cmd.slice(1)).toEqual([...cmd.slice(1)].sort());
    expect(cmd).toContain("--runtime-config=networking.k8s.io/v1beta1=true");
    expect(cmd.filter((a) => a.startsWith("--authorization-mode="))).toEqual(["--authorization-mode=Node,RBAC,Webhook"]);
    expect(cmd.slice(1, 4)).toEqual(["--advertise-address=192.168.0.7", "--allow-privileged=true", "--audit-log-maxage=30"]);
  });

  it("scheduler and etcd", () => {
    expect(schedulerCommand()).toEqual([
      "kube-scheduler",
      "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf",
      "--authorization-kubeconfig=/etc/kubernetes/scheduler.conf",
      "--bind-address=127.0.0.1",
      "--kubeconfig=/etc/kubernetes/scheduler.conf",
      "--leader-elect=true",
    ]);
    const o = opts({ nodeName: "controlplane", apiserverAdvertiseAddress: "172.30.1.2" });
    expect(etcdCommand(o)).toEqual([
      "etcd",
      "--advertise-client-urls=https://172.30.1.2:2379",
      "--cert-file=/etc/kubernetes/pki/etcd/server.crt",
      "--client-cert-auth=true",
      "--data-dir=/var/lib/etcd",
      "--feature-gates=InitialCorruptCheck=true",
      "--initial-advertise-peer-urls=https://172.30.1.2:2380",
      "--initial-cluster=controlplane=https://172.30.1.2:2380",
      "--key-file=/etc/kubernetes/pki/etcd/server.key",
      "--listen-client-urls=https://127.0.0.1:2379,https://172.30.1.2:2379",
      "--listen-metrics-urls=http://127.0.0.1:2381",
      "--listen-peer-urls=https://172.30.1.2:2380",
      "--name=controlplane",
      "--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt",
      "--peer-client-cert-auth=true",
      "--peer-key-file=/etc/kubernetes/pki/etcd/peer.key",
      "--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
      "--snapshot-count=10000",
      "--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
      "--watch-progress-notify-interval=5s",
    ]);
    const y = renderStaticPod("etcd", o, etcdCommand(o));
    expect(y).toContain("    kubeadm.kubernetes.io/etcd.advertise-client-urls: https://172.30.1.2:2379\n");
    expect(y).toContain("    - mountPath: /var/lib/etcd\n      name: etcd-data\n    - mountPath: /etc/kubernetes/pki/etcd\n      name: etcd-certs\n  hostNetwork");
    expect(y.endsWith("    name: etcd-data\nstatus: {}\n")).toBe(true);
    const s = renderStaticPod("kube-scheduler", o, schedulerCommand());
    expect(s).toContain("    - containerPort: 10259\n");
    expect(s).toContain("      path: /etc/kubernetes/scheduler.conf\n      type: FileOrCreate\n    name: kubeconfig\nstatus: {}\n");
  });

  it("quotes YAML scalars that need it", () => {
    const o = opts({ apiserverAdvertiseAddress: "fd00::7" });
    const y = renderStaticPod("kube-apiserver", o, apiserverCommand(o));
    expect(y).toContain("kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: '[fd00::7]:6443'\n");
    expect(y).toContain("        host: fd00::7\n");
    expect(apiserverCommand(o)).toContain("--etcd-servers=https://[::1]:2379");
  });
});

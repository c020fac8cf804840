/**
 * kubeadm init's range checks through the learner's shell: a bad --service-cidr or --pod-network-cidr
 * stops kubeadm before any phase (cmd/kubeadm/app/apis/kubeadm/validation/validation.go), leaves no
 * file behind, and the next, corrected command works. kubeadm does not compare the pod and service
 * ranges (cluster-tools.md §1.4): an overlap is accepted.
 */
import { describe, expect, it } from "vitest";
import { newSession, sh } from "../helpers.ts";

const TRAILER = "To see the stack trace of this error execute with --v=5 or higher\n";

describe("kubeadm init with bad ranges, through the shell", () => {
  it.each([
    ["two service ranges of one family", "--service-cidr=10.96.0.0/12,10.97.0.0/16", `networking.serviceSubnet: Invalid value: "10.96.0.0/12,10.97.0.0/16": expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking`],
    ["three service ranges", "--service-cidr=10.96.0.0/16,fd00::/112,10.97.0.0/16", `networking.serviceSubnet: Invalid value: "10.96.0.0/16,fd00::/112,10.97.0.0/16": expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking`],
    ["two pod ranges of one family", "--pod-network-cidr=fd00:1::/56,fd00:2::/56", `networking.podSubnet: Invalid value: "fd00:1::/56,fd00:2::/56": expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking`],
    ["a pod range that does not parse", "--pod-network-cidr=192.268.0.0/16", `networking.podSubnet: Invalid value: "192.268.0.0/16": couldn't parse subnet`],
    ["a service range that does not parse", "--service-cidr=10.1.0.0/16c", `networking.serviceSubnet: Invalid value: "10.1.0.0/16c": couldn't parse subnet`],
    ["a service range too small", "--service-cidr=10.96.0.0/29", `networking.serviceSubnet: Invalid value: "10.96.0.0/29": subnet with 8 address(es) is too small, the minimum is 10`],
    ["a pod range smaller than a node's", "--pod-network-cidr=10.244.0.0/25", `networking.podSubnet: Invalid value: "10.244.0.0/25": the size of pod subnet with mask 25 is smaller than the size of node subnet with mask 24`],
  ])("%s: kubeadm's error, nothing written, and a corrected init works", async (_, flag, message) => {
    const s = await newSession({ preset: "none" });
    const r = await sh(s, `kubeadm init ${flag}`);
    expect(r).toMatchObject({ output: `error: ${message}\n${TRAILER}`, exitCode: 1 });
    expect((await sh(s, "ls /etc/kubernetes/manifests 2>&1; test -e /etc/kubernetes/admin.conf || echo no admin.conf")).output).toBe(
      "ls: /etc/kubernetes/manifests: No such file or directory\nno admin.conf\n",
    );
    expect((await sh(s, "kubeadm init --service-cidr=10.96.0.0/16,fd00:10:96::/112 --pod-network-cidr=10.244.0.0/16,fd00:10:244::/56 >/dev/null 2>&1")).exitCode).toBe(0);
    await sh(s, "mkdir -p ~/.kube && cp /etc/kubernetes/admin.conf ~/.kube/config");
    expect((await sh(s, "kubectl get servicecidr kubernetes -o jsonpath='{.spec.cidrs}'")).output).toBe('["10.96.0.0/16","fd00:10:96::/112"]');
  });

  it("accepts overlapping pod and service ranges, as kubeadm does, and passes both to the components", async () => {
    const s = await newSession({ preset: "none" });
    expect((await sh(s, "kubeadm init --service-cidr=10.96.0.0/16 --pod-network-cidr=10.96.0.0/12 >/dev/null 2>&1")).exitCode).toBe(0);
    expect((await sh(s, "grep -E -- '--(cluster-cidr|service-cluster-ip-range)=' /etc/kubernetes/manifests/kube-controller-manager.yaml")).output).toBe(
      "    - --cluster-cidr=10.96.0.0/12\n    - --service-cluster-ip-range=10.96.0.0/16\n",
    );
    await sh(s, "mkdir -p ~/.kube && cp /etc/kubernetes/admin.conf ~/.kube/config");
    expect((await sh(s, "kubectl get servicecidr kubernetes -o jsonpath='{.spec.cidrs}'")).output).toBe('["10.96.0.0/16"]');
  });
});

import { describe, expect, it } from "vitest";
import { newSession, sh, transcript } from "../helpers.ts";

describe("shell session", () => {
  it("carries variables and the working directory from one command line to the next", async () => {
    const s = await newSession();
    await sh(s, "NAME=web; mkdir -p /tmp/work; cd /tmp/work");
    expect((await sh(s, 'echo "$NAME in $(pwd)"')).output).toBe("web in /tmp/work\n");
    await sh(s, "false");
    expect((await sh(s, "echo $?")).output).toBe("1\n");
  });

  it("runs sleep on the virtual clock, instantly", async () => {
    const s = await newSession({ stepMs: 0 });
    const before = Number((await sh(s, "date +%s")).output);
    const t0 = performance.now();
    await sh(s, "sleep 3600");
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(Number((await sh(s, "date +%s")).output) - before).toBe(3600);
  });

  it("runs a heredoc into kubectl and keeps the file system between commands", async () => {
    const { steps } = await transcript(`cat <<EOF > cidr.yaml
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  name: extra
spec:
  cidrs:
  - 10.100.0.0/24
EOF
kubectl apply -f cidr.yaml
kubectl get servicecidr extra -o jsonpath='{.spec.cidrs[0]}'`);
    expect(steps.map((s) => s.output)).toEqual(["", "servicecidr.networking.k8s.io/extra created\n", "10.100.0.0/24"]);
  });

  it("answers an unknown command as bash does", async () => {
    const s = await newSession();
    const r = await sh(s, "kubctl get pods");
    expect(r.output).toBe("bash: kubctl: command not found\n");
    expect(r.exitCode).toBe(127);
  });

  it("stops a runaway loop with a clear message and stays usable", async () => {
    const s = await newSession();
    const r = await sh(s, "while true; do :; done");
    expect(r.exitCode).not.toBe(0);
    // Which limit trips first depends on the machine's speed: the iteration count or the 15 s deadline.
    expect(r.output).toMatch(/the sandbox ends (runaway loops here|commands that run too long)/);
    expect((await sh(s, "kubectl get servicecidr -o name")).output).toBe("servicecidr.networking.k8s.io/kubernetes\n");
  });
});

describe("kubeadm", () => {
  it("refuses init while a control plane runs, with kubeadm's preflight errors", async () => {
    const s = await newSession();
    const r = await sh(s, "kubeadm init");
    expect(r.exitCode).toBe(1);
    expect(r.output).toContain("[ERROR Port-6443]: Port 6443 is in use");
    expect(r.output).toContain("error: error execution phase preflight: preflight checks failed");
  });

  it("validates flags before any phase runs", async () => {
    const s = await newSession({ preset: "none" });
    const small = await sh(s, "kubeadm init --service-cidr=10.96.0.0/29");
    expect(small.output).toBe(
      'error: networking.serviceSubnet: Invalid value: "10.96.0.0/29": subnet with 8 address(es) is too small, the minimum is 10\nTo see the stack trace of this error execute with --v=5 or higher\n',
    );
    expect(small.exitCode).toBe(1);
    const flag = await sh(s, "kubeadm init --service-cidrs=10.96.0.0/24");
    expect(flag.output).toBe("error: unknown flag: --service-cidrs\nTo see the stack trace of this error execute with --v=5 or higher\n");
    expect(s.cluster).toBeNull();
  });

  it("reset tears the control plane down; kubectl then finds nothing listening; init builds it again", async () => {
    const s = await newSession();
    const reset = await sh(s, "kubeadm reset -f");
    expect(reset.exitCode).toBe(0);
    expect(reset.output).toContain("[reset] Deleting contents of directories: [/etc/kubernetes/manifests /var/lib/kubelet /etc/kubernetes/pki]");
    const get = await sh(s, "kubectl get svc");
    expect(get.exitCode).toBe(1);
    expect(get.output.trim().split("\n").pop()).toBe("The connection to the server 192.168.0.7:6443 was refused - did you specify the right host or port?");
    expect((await sh(s, "ls /etc/kubernetes/manifests")).output).toBe("");
    const init = await sh(s, "kubeadm init --service-cidr=10.100.0.0/16");
    expect(init.exitCode).toBe(0);
    expect((await sh(s, "kubectl get svc -A -o custom-columns=NAME:.metadata.name,IP:.spec.clusterIP --no-headers")).output).toBe(
      "kubernetes   10.100.0.1\nkube-dns     10.100.0.10\n",
    );
    expect((await sh(s, "grep service-cluster-ip-range /etc/kubernetes/manifests/kube-apiserver.yaml")).output).toBe("    - --service-cluster-ip-range=10.100.0.0/16\n");
  });
});

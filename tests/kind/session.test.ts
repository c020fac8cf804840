import { describe, expect, it } from "vitest";
import { newSession, sh } from "../helpers.ts";

describe("kind on the learner's shell", () => {
  it("merges kind-<name> into ~/.kube/config as the current context, and kubectl talks to the new cluster", async () => {
    const s = await newSession();
    // The default kubeadm cluster's Service is visible first: a Service made there tells the clusters apart.
    await sh(s, "kubectl create service clusterip only-on-kubeadm --tcp=80");
    expect((await sh(s, "kind create cluster --name demo 2>/dev/null")).exitCode).toBe(0);
    expect((await sh(s, "kubectl config get-contexts")).output).toBe(
      [
        "CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE",
        "          kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   ",
        "*         kind-demo                     kind-demo    kind-demo          ",
        "",
      ].join("\n"),
    );
    const svc = await sh(s, "kubectl get svc -o name");
    expect(svc.output).toBe("service/kubernetes\n");
    // The same server kind prints with get kubeconfig, as clientcmd writes files (sorted keys).
    const server = (await sh(s, "grep -A3 -- '- cluster:' ~/.kube/config | tail -3")).output;
    expect(server).toMatch(/^    certificate-authority-data: DATA\+OMITTED\n    server: https:\/\/127\.0\.0\.1:\d+\n  name: kind-demo\n$/);
    expect((await sh(s, "kind get kubeconfig --name demo | grep server:")).output).toBe(`${server.split("\n")[1]}\n`);

    // Deleting the cluster drops its entries; current-context is left empty, as kind's remove.go does.
    expect((await sh(s, "kind delete cluster --name demo 2>&1")).output).toBe('Deleting cluster "demo" ...\nDeleted nodes: ["demo-control-plane"]\n');
    expect((await sh(s, "kubectl config get-contexts")).output).toBe(
      ["CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE", "          kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   ", ""].join("\n"),
    );
    expect((await sh(s, "kubectl config current-context")).output).toBe("error: current-context is not set\n");
    expect((await sh(s, "kubectl config use-context kubernetes-admin@kubernetes && kubectl get svc -o name")).output).toBe(
      'Switched to context "kubernetes-admin@kubernetes".\nservice/kubernetes\nservice/only-on-kubeadm\n',
    );
  });

  it("writes to $KUBECONFIG (the first file that exists) and --kubeconfig instead of ~/.kube/config", async () => {
    const s = await newSession({ preset: "none" });
    await sh(s, "export KUBECONFIG=/tmp/a:/tmp/b");
    await sh(s, "kind create cluster --name one 2>/dev/null");
    // Neither file existed: the last one is created (kind's pathForMerge).
    expect((await sh(s, "test -e /tmp/a || echo no a; test -e /tmp/b && echo b; test -e /root/.kube/config || echo no home")).output).toBe(
      "no a\nb\nno home\n",
    );
    expect((await sh(s, "grep current-context /tmp/b")).output).toBe("current-context: kind-one\n");
    await sh(s, "kind create cluster --name two --kubeconfig /tmp/two.yaml 2>/dev/null");
    expect((await sh(s, "grep -c kind-two /tmp/two.yaml; grep -c kind-two /tmp/b")).output).toBe("6\n0\n");
    await sh(s, "kind delete cluster --name one 2>/dev/null");
    expect((await sh(s, "grep -c kind-one /tmp/b")).output).toBe("0\n");
    // A context left behind (its nodes are gone) is still cleaned up: delete is idempotent, like rm -f.
    await sh(s, "cp /tmp/two.yaml /tmp/stale.yaml");
    await sh(s, "kind delete cluster --name two --kubeconfig /tmp/two.yaml 2>/dev/null");
    expect((await sh(s, "kind delete cluster --name two --kubeconfig /tmp/stale.yaml")).output).toBe('Deleting cluster "two" ...\n');
    expect((await sh(s, "grep -c kind-two /tmp/stale.yaml; grep current-context /tmp/stale.yaml")).output).toBe("0\ncurrent-context: \"\"\n");
  });

  it("a dual-stack config with a worker gives both ranges to the default ServiceCIDR; a bad config changes nothing", async () => {
    const s = await newSession({ preset: "none" });
    await sh(s, `cat > dual.yaml <<'YAML'
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking:
  ipFamily: dual
  serviceSubnet: "10.96.0.0/16,fd00:10:96::/112"
nodes:
- role: control-plane
- role: worker
YAML`);
    expect((await sh(s, "kind create cluster --name dual --config dual.yaml 2>/dev/null")).exitCode).toBe(0);
    expect((await sh(s, "kubectl get servicecidr -o custom-columns=NAME:.metadata.name,CIDRS:.spec.cidrs")).output).toBe(
      "NAME         CIDRS\nkubernetes   [10.96.0.0/16 fd00:10:96::/112]\n",
    );
    expect((await sh(s, "kind get nodes --name dual")).output).toBe("dual-worker\ndual-control-plane\n");
    const before = (await sh(s, "cat ~/.kube/config")).output;
    const bad = await sh(s, "printf 'kind: Cluster\\napiVersion: kind.x-k8s.io/v1alpha4\\nnetworking:\\n  ipFamily: ipv5\\n' | kind create cluster --name bad --config -");
    expect(bad).toMatchObject({ output: "ERROR: failed to create cluster: invalid ipFamily: ipv5\n", exitCode: 1 });
    expect((await sh(s, "kind get clusters")).output).toBe("dual\n");
    expect((await sh(s, "cat ~/.kube/config")).output).toBe(before);
  });

  it("export kubeconfig writes the context again after it was deleted; an unknown cluster has no control plane", async () => {
    const s = await newSession();
    await sh(s, "kind create cluster --name demo 2>/dev/null");
    await sh(s, "kubectl config delete-context kind-demo");
    expect((await sh(s, "kubectl config get-contexts -o name")).output).toBe("kubernetes-admin@kubernetes\n");
    expect((await sh(s, "kind export kubeconfig -n demo")).output).toBe('Set kubectl context to "kind-demo"\n');
    expect((await sh(s, "kubectl config current-context")).output).toBe("kind-demo\n");
    expect((await sh(s, "kubectl get svc kubernetes -o name")).output).toBe("service/kubernetes\n");
    const before = (await sh(s, "cat ~/.kube/config")).output;
    expect(await sh(s, "kind export kubeconfig --name nope")).toMatchObject({
      output: "ERROR: could not locate any control plane nodes for cluster named 'nope'. Use the --name option to select a different cluster\n",
      exitCode: 1,
    });
    expect((await sh(s, "cat ~/.kube/config")).output).toBe(before);
  });
});

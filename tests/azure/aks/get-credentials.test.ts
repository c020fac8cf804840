/** `az aks get-credentials`: the kubeconfig merge of acs/custom.py into the shell's ~/.kube/config. */
import { describe, expect, it } from "vitest";
import { azShell, type AzShell } from "../harness.ts";

async function withCluster(preset: "none" | "default" = "none"): Promise<AzShell> {
  const s = await azShell(1, true, preset);
  await s.run("az group create -n myResourceGroup -l eastus -o none");
  await s.run("az aks create -g myResourceGroup -n myAKSCluster --network-plugin kubenet --node-count 1 -o none");
  return s;
}

describe("az aks get-credentials", () => {
  it("writes a new kubeconfig with the cluster user's context, mode 600", async () => {
    const s = await withCluster();
    const c = s.cloud.clusters[0]!;
    const r = await s.run("az aks get-credentials -g myResourceGroup -n myAKSCluster");
    expect(r).toEqual({ stdout: "", stderr: 'Merged "myAKSCluster" as current context in /root/.kube/config\n', exitCode: 0 });
    expect((await s.run("cat /root/.kube/config")).stdout).toBe(`apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://myaksclust-myresourcegroup-${s.cloud.subscription.id.slice(0, 6)}-${c.fqdnSuffix}.hcp.eastus.azmk8s.io:443
  name: myAKSCluster
contexts:
- context:
    cluster: myAKSCluster
    user: clusterUser_myResourceGroup_myAKSCluster
  name: myAKSCluster
current-context: myAKSCluster
kind: Config
preferences: {}
users:
- name: clusterUser_myResourceGroup_myAKSCluster
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
    token: ${c.credentials.userToken}
`);
    expect(((await s.bash.fs.stat("/root/.kube/config")).mode & 0o777).toString(8)).toBe("600");
  });

  it("merges into kubeadm's kubeconfig, keeping its context, and warns about its permissions", async () => {
    const s = await withCluster("default");
    await s.bash.fs.chmod("/root/.kube/config", 0o644);
    const r = await s.run("az aks get-credentials -g myResourceGroup -n myAKSCluster");
    expect(r.stderr).toBe(
      '/root/.kube/config has permissions "644".\nIt should be readable and writable only by its owner.\nMerged "myAKSCluster" as current context in /root/.kube/config\n',
    );
    const contexts = await s.run("grep -A3 '^contexts:' /root/.kube/config; grep current-context /root/.kube/config");
    expect(contexts.stdout).toBe(`contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
current-context: myAKSCluster
`);
    expect((await s.run("grep -c 'name: ' /root/.kube/config")).stdout).toBe("6\n");
  });

  it("adds the admin context as <name>-admin, refuses a different entry of the same name unless --overwrite-existing", async () => {
    const s = await withCluster();
    await s.run("az aks get-credentials -g myResourceGroup -n myAKSCluster");
    const admin = await s.run("az aks get-credentials -g myResourceGroup -n myAKSCluster --admin");
    expect(admin.stderr).toBe('Merged "myAKSCluster-admin" as current context in /root/.kube/config\n');
    expect((await s.run("grep -E '^  name:|^- name:' /root/.kube/config")).stdout).toBe(
      "  name: myAKSCluster\n  name: myAKSCluster\n  name: myAKSCluster-admin\n- name: clusterUser_myResourceGroup_myAKSCluster\n- name: clusterAdmin_myResourceGroup_myAKSCluster\n",
    );
    // Same cluster name, another server: a new cluster of the same name in another group.
    await s.run("az group create -n other -l eastus -o none");
    await s.run("az aks create -g other -n myAKSCluster --network-plugin kubenet --node-count 1 -o none");
    const clash = await s.run("az aks get-credentials -g other -n myAKSCluster");
    expect(clash.stderr).toBe("A different object named myAKSCluster already exists in clusters in your kubeconfig file.\n");
    expect(clash.exitCode).toBe(1);
    const over = await s.run("az aks get-credentials -g other -n myAKSCluster --overwrite-existing");
    expect(over.exitCode).toBe(0);
  });

  it("follows KUBECONFIG, --file and --context, and prints with --file -", async () => {
    const s = await withCluster();
    const env = await s.run("KUBECONFIG=/tmp/a.conf:/tmp/b.conf az aks get-credentials -g myResourceGroup -n myAKSCluster --context lab");
    expect(env.stderr).toBe('Merged "lab" as current context in /tmp/a.conf\n');
    expect((await s.run("grep -c lab /tmp/a.conf")).stdout).toBe("4\n");
    const out = await s.run("az aks get-credentials -g myResourceGroup -n myAKSCluster -f - | head -3");
    expect(out.stdout).toBe("apiVersion: v1\nclusters:\n- cluster:\n");
  });
});

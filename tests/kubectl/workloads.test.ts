/**
 * Nodes and workloads in the default cluster (a control plane and two workers joined with kubeadm
 * join): kubectl get/describe nodes, run, create deployment, rollout status, scale, get pods -o wide
 * with pod IPs from each node's podCIDR, exec, logs, describe pod, delete.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/shell/session.ts";
import { cluster, run, stderr, stdout } from "./kubectl-helpers.ts";

describe("nodes and workloads", () => {
  let s: Session;
  beforeAll(async () => {
    s = await cluster();
  }, 60_000);

  it("get nodes -o wide: the control plane and two joined workers, Ready, with their InternalIPs", async () => {
    const r = await run(s, "kubectl get nodes -o wide");
    const lines = r.output.split("\n");
    expect(lines[0]).toBe("NAME           STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION     CONTAINER-RUNTIME");
    expect(lines[1]).toMatch(/^controlplane   Ready    control-plane   \d+s +v1\.34\.1   192\.168\.0\.7   <none>        Ubuntu 24\.04\.3 LTS   6\.8\.0-85-generic   containerd:\/\/1\.7\.28$/);
    expect(lines[2]).toMatch(/^node01         Ready    <none>          \d+s +v1\.34\.1   192\.168\.0\.8 /);
    expect(lines[3]).toMatch(/^node02         Ready    <none>          \d+s +v1\.34\.1   192\.168\.0\.9 /);
    const cidrs = await run(s, "kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name} {.spec.podCIDR} {.status.capacity.pods}{\"\\n\"}{end}'");
    expect(cidrs.output).toBe("controlplane 10.244.0.0/24 110\nnode01 10.244.1.0/24 110\nnode02 10.244.2.0/24 110\n");
  });

  it("describe node: taint, lease, conditions, addresses, PodCIDRs and the allocated resources", async () => {
    const r = (await run(s, "kubectl describe node controlplane")).output;
    expect(r).toContain("\nRoles:              control-plane\n");
    expect(r).toContain("\nTaints:             node-role.kubernetes.io/control-plane:NoSchedule\nUnschedulable:      false\nLease:\n  HolderIdentity:  controlplane\n  AcquireTime:     <unset>\n");
    expect(r).toMatch(/\n  Ready            True    \w{3}, \d\d \w{3} 2025 [\d:]{8} \+0000   \w{3}, \d\d \w{3} 2025 [\d:]{8} \+0000   KubeletReady                 kubelet is posting ready status\n/);
    expect(r).toContain("\nAddresses:\n  InternalIP:  192.168.0.7\n  Hostname:    controlplane\nCapacity:\n  cpu:                2\n");
    expect(r).toContain("\n  pods:               110\nSystem Info:\n");
    expect(r).toContain("\nPodCIDR:                      10.244.0.0/24\nPodCIDRs:                     10.244.0.0/24\nNon-terminated Pods:          (4 in total)\n");
    // The static pods' requests (kubeadm's manifests) as shares of allocatable, truncated as describe does.
    expect(r).toMatch(/\n  kube-system                 kube-apiserver-controlplane             250m \(12%\)    0 \(0%\)      0 \(0%\)           0 \(0%\)         \d+s\n/);
    expect(r).toContain("\n  Resource           Requests    Limits\n  --------           --------    ------\n  cpu                650m (32%)  0 (0%)\n  memory             100Mi (2%)  0 (0%)\n");
    expect(r).toMatch(/\n  Normal  NodeReady +\d+s +kubelet +Node controlplane status is now: NodeReady\n/);
  });

  it("run and create deployment: pods spread over the workers, never on the tainted control plane", async () => {
    expect(await run(s, "kubectl run nginx --image=nginx --port=80")).toEqual({ output: "pod/nginx created\n", exitCode: 0 });
    expect(await run(s, "kubectl create deployment web --image=nginx:1.27 --replicas=3")).toEqual({ output: "deployment.apps/web created\n", exitCode: 0 });
    expect((await run(s, "kubectl rollout status deployment/web")).output).toBe('deployment "web" successfully rolled out\n');
    const pods = (await stdout(s, "kubectl get pods -o wide --no-headers")).output.trim().split("\n");
    expect(pods).toHaveLength(4);
    const nodes = pods.map((l) => l.split(/\s+/)[6]);
    expect(nodes.filter((n) => n === "node01")).toHaveLength(2);
    expect(nodes.filter((n) => n === "node02")).toHaveLength(2);
    for (const line of pods) {
      const [, ready, status, , , ip, node] = line.split(/\s+/);
      expect([ready, status]).toEqual(["1/1", "Running"]);
      // host-local on the node's /24: .1 is cbr0's, pods start at .2.
      const third = node === "node01" ? 1 : 2;
      expect(ip).toMatch(new RegExp(`^10\\.244\\.${third}\\.(2|3)$`));
    }
    expect((await run(s, "kubectl get deploy web")).output).toMatch(/^NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3\/3     3            3           \d+s\n$/);
  });

  it("rollout status follows a scale-up until it is done", async () => {
    expect(await run(s, "kubectl scale deployment web --replicas=5")).toEqual({ output: "deployment.apps/web scaled\n", exitCode: 0 });
    expect((await run(s, "kubectl rollout status deploy/web")).output).toBe('deployment "web" successfully rolled out\n');
    expect((await run(s, "kubectl get rs -o jsonpath='{.items[0].status.readyReplicas}'")).output).toBe("5");
    expect((await run(s, "kubectl scale deploy/web --replicas=3 --current-replicas=4")).output).toBe("error: Expected replicas to be 4, was 5\n");
  });

  it("exec: hostname, env with the service links, /etc/resolv.conf from kube-dns", async () => {
    expect(await run(s, "kubectl exec nginx -- hostname")).toEqual({ output: "nginx\n", exitCode: 0 });
    const env = (await run(s, "kubectl exec nginx -- env")).output.split("\n");
    expect(env[0]).toBe("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    expect(env).toContain("HOSTNAME=nginx");
    expect(env).toContain("KUBERNETES_SERVICE_HOST=10.96.0.1");
    expect(env).toContain("KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443");
    expect(await run(s, "kubectl exec nginx -- cat /etc/resolv.conf")).toEqual({
      output: "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
      exitCode: 0,
    });
  });

  it("exec errors: no `--`, a missing program, a missing pod", async () => {
    expect((await stderr(s, "kubectl exec nginx hostname")).output).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    const r = await run(s, "kubectl exec nginx -- nosuch");
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in \$PATH: unknown\n$/);
    expect(await run(s, "kubectl exec ghost -- hostname")).toEqual({ output: 'Error from server (NotFound): pods "ghost" not found\n', exitCode: 1 });
  });

  it("describe pod: node/hostIP, IPs, the container and its mounts, tolerations", async () => {
    const ip = (await run(s, "kubectl get pod nginx -o jsonpath='{.status.podIP}'")).output;
    const host = (await run(s, "kubectl get pod nginx -o jsonpath='{.status.hostIP}'")).output;
    const node = (await run(s, "kubectl get pod nginx -o jsonpath='{.spec.nodeName}'")).output;
    const r = (await run(s, "kubectl describe pod nginx")).output;
    expect(r).toContain(`\nNode:             ${node}/${host}\n`);
    expect(r).toContain(`\nStatus:           Running\nIP:               ${ip}\nIPs:\n  IP:  ${ip}\nContainers:\n  nginx:\n`);
    expect(r).toContain("\n    Image:          nginx\n");
    expect(r).toContain("\n    Port:           80/TCP\n    Host Port:      0/TCP\n    State:          Running\n");
    expect(r).toContain("\nTolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n");
    expect(r).toMatch(/\n  Normal  Scheduled +\d+s +default-scheduler +Successfully assigned default\/nginx to node0[12]\n/);
  });

  it("logs: a running container's log; a missing one is NotFound", async () => {
    expect(await run(s, "kubectl logs nginx")).toEqual({ output: "", exitCode: 0 });
    expect(await run(s, "kubectl logs ghost")).toEqual({ output: 'Error from server (NotFound): pods "ghost" not found\n', exitCode: 1 });
  });

  it("run without --image, scale without --replicas", async () => {
    expect(await run(s, "kubectl run x")).toEqual({ output: 'error: required flag(s) "image" not set\n', exitCode: 1 });
    expect(await run(s, "kubectl scale deploy web")).toEqual({ output: 'error: required flag(s) "replicas" not set\n', exitCode: 1 });
  });

  it("delete pod: gone after its grace period", async () => {
    expect((await run(s, "kubectl delete pod nginx")).output).toBe('pod "nginx" deleted from default namespace\n');
    expect(await run(s, "kubectl get pod nginx")).toEqual({ output: 'Error from server (NotFound): pods "nginx" not found\n', exitCode: 1 });
  });

  it("kubeadm join from a new machine over ssh adds a worker", async () => {
    const printed = (await run(s, "kubeadm token create --print-join-command")).output;
    // One line, Println'd, with the trailing space of the template before the newline.
    expect(printed).toMatch(/^kubeadm join 192\.168\.0\.7:6443 --token [a-z0-9]{6}\.[a-z0-9]{16} --discovery-token-ca-cert-hash sha256:[0-9a-f]{64} \n$/);
    const join = printed.trim();
    s.lab.addMachine("node03", ["192.168.0.10"], "vm");
    const r = await run(s, `ssh node03 ${join}`);
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain("This node has joined the cluster:");
    expect((await run(s, "kubectl get node node03 -o jsonpath='{.spec.podCIDR} {.status.addresses[0].address}'")).output).toBe("10.244.3.0/24 192.168.0.10");
    const again = await run(s, `ssh node03 ${join}`);
    expect(again.exitCode).toBe(1);
    expect(again.output).toContain("[ERROR FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists");
  });
});

describe("workloads and Service IPs", () => {
  it("pods, deployments and their events draw from their own random stream: the next ClusterIP does not move", async () => {
    const plain = await cluster();
    await run(plain, "kubectl create service clusterip a --tcp 80");
    await run(plain, "kubectl create service clusterip b --tcp 80");
    const busy = await cluster();
    await run(busy, "kubectl create service clusterip a --tcp 80");
    await run(busy, "kubectl create deployment web --image=nginx --replicas=6");
    await run(busy, "kubectl run solo --image=busybox");
    await run(busy, "kubectl scale deployment web --replicas=2");
    await run(busy, "kubectl create service clusterip b --tcp 80");
    const ips = async (s: Session) => (await run(s, "kubectl get svc a b -o jsonpath='{.items[*].spec.clusterIP}'")).output;
    expect(await ips(busy)).toBe(await ips(plain));
    // The scaled-down pods go once their 30 s grace period has run out.
    await run(busy, "sleep 35");
    expect((await run(busy, "kubectl get pods --no-headers")).output.trim().split("\n")).toHaveLength(3);
  }, 60_000);
});

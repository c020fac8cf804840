/**
 * kubectl taint, cordon, uncordon, drain and expose against the default cluster, and the static pods
 * of the control plane as mirror pods (RESTARTS from the kubelet's crash loop, logs from the container).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/shell/session.ts";
import { cluster, run } from "./kubectl-helpers.ts";

describe("node maintenance and expose", () => {
  let s: Session;
  beforeAll(async () => {
    s = await cluster();
    await run(s, "kubectl create deployment web --image=nginx --replicas=4 --port=80");
    await run(s, "kubectl run solo --image=nginx");
  }, 60_000);

  it("taint: add, refuse the same key and effect without --overwrite, remove, not found", async () => {
    expect(await run(s, "kubectl taint nodes node02 dedicated=db:NoSchedule")).toEqual({ output: "node/node02 tainted\n", exitCode: 0 });
    expect(await run(s, "kubectl taint nodes node02 dedicated=web:NoSchedule")).toEqual({
      output: "error: node node02 already has dedicated taint(s) with same effect(s) and --overwrite is false\n",
      exitCode: 1,
    });
    expect((await run(s, "kubectl describe node node02")).output).toContain("\nTaints:             dedicated=db:NoSchedule\n");
    expect(await run(s, "kubectl taint nodes node02 dedicated:NoSchedule-")).toEqual({ output: "node/node02 untainted\n", exitCode: 0 });
    expect(await run(s, "kubectl taint nodes node02 dedicated-")).toEqual({ output: 'error: taint "dedicated" not found\n', exitCode: 1 });
    expect(await run(s, "kubectl taint nodes node02 a=b:Sometimes")).toEqual({ output: "error: invalid taint effect: Sometimes, unsupported taint effect\n", exitCode: 1 });
  });

  it("cordon and uncordon: SchedulingDisabled, the unschedulable taint, and `already`", async () => {
    expect(await run(s, "kubectl cordon node02")).toEqual({ output: "node/node02 cordoned\n", exitCode: 0 });
    expect(await run(s, "kubectl cordon node02")).toEqual({ output: "node/node02 already cordoned\n", exitCode: 0 });
    expect((await run(s, "kubectl get node node02 --no-headers")).output).toMatch(/^node02 +Ready,SchedulingDisabled +<none> /);
    expect((await run(s, "kubectl get node node02 -o jsonpath='{.spec.taints[*].key}'")).output).toBe("node.kubernetes.io/unschedulable");
    expect(await run(s, "kubectl uncordon node02")).toEqual({ output: "node/node02 uncordoned\n", exitCode: 0 });
    expect((await run(s, "kubectl get node node02 -o jsonpath='{.spec.taints}'")).output).toBe("");
  });

  it("drain: refuses a pod without a controller, then with --force evicts and waits; replacements go elsewhere", async () => {
    const soloNode = (await run(s, "kubectl get pod solo -o jsonpath='{.spec.nodeName}'")).output;
    const refused = await run(s, `kubectl drain ${soloNode}`);
    expect(refused.exitCode).toBe(1);
    expect(refused.output).toBe(
      `node/${soloNode} cordoned\n` +
        `error: unable to drain node "${soloNode}" due to error: cannot delete Pods that declare no controller (use --force to override): default/solo, continuing command...\n` +
        `There are pending nodes to be drained:\n ${soloNode}\n` +
        "error: cannot delete Pods that declare no controller (use --force to override): default/solo\n",
    );
    const r = await run(s, `kubectl drain ${soloNode} --force --ignore-daemonsets`);
    expect(r.exitCode).toBe(0);
    expect(r.output).toMatch(new RegExp(`^node/${soloNode} already cordoned\\n(evicting pod default/\\S+\\n)+(pod/\\S+ evicted\\n)+node/${soloNode} drained\\nWarning: deleting Pods that declare no controller: default/solo\\n$`));
    const nodes = (await run(s, "kubectl get pods -o jsonpath='{.items[*].spec.nodeName}'")).output.split(" ");
    expect(nodes).toHaveLength(4);
    expect(nodes.every((n) => n !== soloNode && n !== "controlplane")).toBe(true);
    await run(s, `kubectl uncordon ${soloNode}`);
  });

  it("expose: the deployment's selector and container port, a NodePort, slices for the endpoints", async () => {
    expect(await run(s, "kubectl expose deployment web --port=8080 --target-port=80 --type=NodePort")).toEqual({ output: "service/web exposed\n", exitCode: 0 });
    expect((await run(s, "kubectl get svc web -o jsonpath='{.spec.selector.app} {.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.type}'")).output).toBe("web 8080 80 NodePort");
    const eps = (await run(s, "kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{.items[0].endpoints[*].addresses[0]}'")).output.split(" ");
    expect(eps).toHaveLength(4);
    for (const ip of eps) expect(ip).toMatch(/^10\.244\.[12]\.\d+$/);
    expect(await run(s, "kubectl expose deployment web --name=web2")).toEqual({ output: "service/web2 exposed\n", exitCode: 0 });
    expect((await run(s, "kubectl get svc web2 -o jsonpath='{.spec.ports[0].port}'")).output).toBe("80");
    await run(s, "kubectl run bare --image=busybox");
    expect(await run(s, "kubectl expose pod bare")).toEqual({ output: "error: couldn't find port via --port flag or introspection\n", exitCode: 1 });
  });
});

describe("static pods as mirror pods", () => {
  it("kube-system lists the control plane's static pods; a crash loop shows in RESTARTS; logs come from the container", async () => {
    const s = await cluster();
    const pods = (await run(s, "kubectl -n kube-system get pods -o wide")).output.split("\n");
    expect(pods[0]).toBe("NAME                                   READY   STATUS    RESTARTS   AGE   IP            NODE           NOMINATED NODE   READINESS GATES");
    expect(pods.slice(1, 5).map((l) => l.split(/\s+/).slice(0, 4).concat(l.split(/\s+/)[5]!, l.split(/\s+/)[6]!))).toEqual(
      ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"].map((c) => [`${c}-controlplane`, "1/1", "Running", "0", "192.168.0.7", "controlplane"]),
    );
    expect((await run(s, "kubectl -n kube-system get pod kube-apiserver-controlplane -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} {.metadata.annotations.kubernetes\\.io/config\\.source}'")).output).toBe(
      "Node/controlplane file",
    );
    expect((await run(s, "kubectl -n kube-system logs kube-apiserver-controlplane")).output).toContain("] Version: v1.34.1\n");
    await run(s, "sed -i 's/--cluster-cidr=/--cluster-cidrx=/' /etc/kubernetes/manifests/kube-controller-manager.yaml");
    await run(s, "sleep 60");
    const kcm = (await run(s, "kubectl -n kube-system get pod kube-controller-manager-controlplane --no-headers")).output;
    expect(kcm).toMatch(/^kube-controller-manager-controlplane +0\/1 +CrashLoopBackOff +[2-9] \(\d+s ago\) /);
    const log = await run(s, "kubectl -n kube-system logs kube-controller-manager-controlplane");
    expect(log.output).toContain("unknown flag: --cluster-cidrx");
  }, 60_000);
});

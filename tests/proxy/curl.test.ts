/**
 * Following a packet: `kubectl exec POD -- curl http://SERVICE` through the learner's shell. The
 * answer comes from one of the Service's endpoints, and the trip printed before it shows the DNS
 * answer, the KUBE-SERVICES match on the client's node, the KUBE-SEP chosen by the statistic rules and
 * its DNAT, and the route to the node that holds the endpoint's /24. The Service has no selector and a
 * hand-written EndpointSlice naming the web pods, so the test depends on pods, not on controllers.
 */
import { describe, expect, it } from "vitest";
import { Session } from "../../src/shell/session.ts";
import { kubeProxyOf, latestTrace, nodeSite } from "../../src/proxy/lab-world.ts";

interface PodRow {
  name: string;
  ip: string;
  node: string;
}

async function rows(s: Session, selector: string): Promise<PodRow[]> {
  const out = (await s.run(`kubectl get pods -l ${selector} -o jsonpath='{range .items[*]}{.metadata.name} {.status.podIP} {.spec.nodeName}{"\\n"}{end}'`)).output;
  return out.trim().split("\n").map((l) => {
    const [name, ip, node] = l.split(" ");
    return { name: name!, ip: ip!, node: node! };
  });
}

async function setup() {
  const s = await Session.create({ seed: 6 });
  await s.run("kubectl create deployment web --image=nginx --replicas=2");
  await s.run("kubectl run client --image=curlimages/curl -- sleep 3600");
  await s.run("sleep 10");
  const web = await rows(s, "app=web");
  const client = (await rows(s, "run=client"))[0]!;
  expect(web).toHaveLength(2);
  expect(web.every((p) => /^10\.244\.\d+\.\d+$/.test(p.ip))).toBe(true);
  const endpoints = web.map((p) => `- addresses: ["${p.ip}"]\n  nodeName: ${p.node}\n  targetRef: {kind: Pod, name: ${p.name}, namespace: default}`).join("\n");
  const applied = await s.run(`cat <<'YEOF' | kubectl apply -f -
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: 10.96.100.10
  ports:
  - name: http
    port: 80
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-1
  labels:
    kubernetes.io/service-name: web
addressType: IPv4
ports:
- name: http
  port: 80
  protocol: TCP
endpoints:
${endpoints}
YEOF`);
  expect(applied.exitCode).toBe(0);
  return { s, web, client };
}

/** The node that holds an address's /24, from the nodes' podCIDRs. */
async function nodeOfRange(s: Session, ip: string): Promise<{ node: string; nodeIP: string; cidr: string }> {
  const out = (await s.run("kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name} {.status.addresses[0].address} {.spec.podCIDR}{\"\\n\"}{end}'")).output;
  for (const l of out.trim().split("\n")) {
    const [node, nodeIP, cidr] = l.split(" ");
    if (cidr && ip.startsWith(cidr.replace(/0\/24$/, ""))) return { node: node!, nodeIP: nodeIP!, cidr };
  }
  throw new Error(`no node holds ${ip}`);
}

describe("kubectl exec POD -- curl", () => {
  it("answers from an endpoint and prints the trip: DNS, KUBE-SERVICES, KUBE-SEP and DNAT, route", async () => {
    const { s, web, client } = await setup();
    const r = await s.run("kubectl exec client -- curl http://web");
    expect(r.exitCode).toBe(0);
    const lines = r.output.split("\n");
    const trip = lines.filter((l) => l.startsWith("* "));
    expect(trip[0]).toBe("* DNS: web -> web.default.svc.cluster.local. -> 10.96.100.10");
    expect(trip[1]).toBe(`* ${client.node}: nat PREROUTING: -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES`);
    expect(trip[2]).toMatch(
      new RegExp(`^\\* ${client.node}: nat KUBE-SERVICES rule \\d: -A KUBE-SERVICES -d 10\\.96\\.100\\.10/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-CDGGSHYLG3RE2FKL$`),
    );
    const dnat = trip.find((l) => l.includes(": DNAT 10.96.100.10:80 -> "))!;
    const chosen = web.find((p) => dnat.includes(`-> ${p.ip}:80:`))!;
    expect(chosen).toBeDefined();
    expect(dnat).toMatch(new RegExp(`^\\* KUBE-SEP-[A-Z2-7]{16}: DNAT 10\\.96\\.100\\.10:80 -> ${chosen.ip.replace(/\./g, "\\.")}:80: -A KUBE-SEP-[A-Z2-7]{16} -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination ${chosen.ip.replace(/\./g, "\\.")}:80$`));
    // The route to the endpoint: a static route to the node that holds its /24, or cbr0 when it is local.
    const holder = await nodeOfRange(s, chosen.ip);
    expect(holder.node).toBe(chosen.node);
    const route = trip.find((l) => l.includes(": route to "))!;
    if (holder.node === client.node) expect(route).toBe(`* ${client.node}: route to ${chosen.ip}: ${holder.cidr} dev cbr0 proto kernel scope link src ${holder.cidr.replace(/0\/24$/, "1")} (${holder.node})`);
    else expect(route).toBe(`* ${client.node}: route to ${chosen.ip}: ${holder.cidr} via ${holder.nodeIP} dev eth0 (${holder.node})`);
    expect(trip.at(-1)).toBe(`* ${chosen.node}: delivered to ${chosen.ip}:80 (pod ${chosen.name})`);
    expect(lines.slice(trip.length).join("\n")).toContain("<title>Welcome to nginx!</title>");

    // The trip is kept for the views.
    const agent = kubeProxyOf(nodeSite(s.lab, "controlplane")!.cluster);
    expect(agent.lastTrace?.from).toBe("default/client");
    expect(agent.lastTrace?.result.outcome).toBe("delivered");
    expect(agent.lastTrace?.result.endpoint?.ip).toBe(chosen.ip);
    expect(agent.lastTrace?.to).toBe("http://web");
    expect(latestTrace(s.lab)?.cluster).toBe("kubeadm/kubernetes");
    expect(latestTrace(s.lab)?.result.steps.map((x) => x.kind).filter((k, i, a) => a.indexOf(k) === i)).toEqual(
      expect.arrayContaining(["dns", "enter", "match", "jump", "dnat", "route", "deliver"]),
    );
  });

  it("spreads connections over both endpoints, by name or ClusterIP, and -s prints the body only", async () => {
    const { s, web } = await setup();
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const r = await s.run(`kubectl exec client -- curl ${i % 2 ? "10.96.100.10" : "web.default:80"}`);
      expect(r.exitCode).toBe(0);
      for (const p of web) if (r.output.includes(`delivered to ${p.ip}:80`)) seen.add(p.ip);
    }
    expect([...seen].sort()).toEqual(web.map((p) => p.ip).sort());
    const quiet = await s.run("kubectl exec client -- curl -s http://web/");
    expect(quiet.output.startsWith("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n")).toBe(true);
  });

  it("fails as curl does: unknown name, a Service without endpoints, nothing listening", async () => {
    const { s } = await setup();
    const nx = await s.run("kubectl exec client -- curl -s http://nope");
    expect([nx.output, nx.exitCode]).toEqual(["command terminated with exit code 6\n", 6]);
    expect((await s.run("kubectl exec client -- curl http://nope")).output).toBe("* DNS: nope: NXDOMAIN\ncurl: (6) Could not resolve host: nope\ncommand terminated with exit code 6\n");
    await s.run("kubectl create service clusterip empty --tcp=80:80");
    const refused = await s.run("kubectl exec client -- curl -sS empty");
    expect(refused.output).toBe("curl: (7) Failed to connect to empty port 80 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n");
    // The curl image listens on nothing: the connection to the pod itself is reset.
    const ip = (await rows(s, "run=client"))[0]!.ip;
    expect((await s.run(`kubectl exec client -- curl -sS http://${ip}:8080`)).output).toBe(`curl: (7) Failed to connect to ${ip} port 8080 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n`);
  });

  it("answers BusyBox wget the same way: -qO- prints the body, errors in BusyBox's words", async () => {
    const { s, web } = await setup();
    await s.run("kubectl run bb --image=busybox -- sleep 3600");
    await s.run("sleep 5");
    const r = await s.run("kubectl exec bb -- wget -qO- http://web");
    expect(r.output.startsWith("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n")).toBe(true);
    const loud = await s.run("kubectl exec bb -- wget -O- web");
    const ep = web.find((p) => loud.output.includes(`delivered to ${p.ip}:80`));
    expect(ep).toBeDefined();
    expect(loud.output.endsWith("</html>\nConnecting to web (10.96.100.10:80)\nwriting to stdout\n-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n")).toBe(true);
    expect((await s.run("kubectl exec bb -- wget -qO- nope")).output).toBe("wget: bad address 'nope'\ncommand terminated with exit code 1\n");
  });

  it("on AKS kubenet leaves the node by its default route and reaches the pod through the Azure route table", async () => {
    const s = await Session.create({ seed: 6 });
    for (const line of [
      "az group create -n rg -l eastus -o none",
      "az network vnet create -g rg -n vnet --address-prefixes 192.168.0.0/16 --subnet-name s --subnet-prefix 192.168.1.0/24 -o none",
      "az aks create -g rg -n aks --network-plugin kubenet --pod-cidr 10.244.0.0/16 --vnet-subnet-id $(az network vnet subnet show -g rg --vnet-name vnet -n s --query id -o tsv) -o none",
      "az aks get-credentials -g rg -n aks",
      "kubectl create deployment web --image=nginx --replicas=3",
      "kubectl run client --image=curlimages/curl -- sleep 3600",
      "sleep 10",
    ]) {
      expect((await s.run(line)).exitCode).toBe(0);
    }
    const client = (await rows(s, "run=client"))[0]!;
    const target = (await rows(s, "app=web")).find((p) => p.node !== client.node)!;
    const holder = await nodeOfRange(s, target.ip);
    await s.run(`cat <<'YEOF' | kubectl apply -f -
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {clusterIP: 10.0.100.10, ports: [{name: http, port: 80}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-1, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
ports: [{name: http, port: 80, protocol: TCP}]
endpoints:
- {addresses: ["${target.ip}"], nodeName: ${target.node}}
YEOF`);
    const trip = (await s.run("kubectl exec client -- curl http://web")).output.split("\n").filter((l) => l.startsWith("* "));
    expect(trip[0]).toBe("* DNS: web -> web.default.svc.cluster.local. -> 10.0.100.10");
    const route = trip.findIndex((l) => l.includes(": route to "));
    expect(trip.slice(route)).toEqual([
      `* ${client.node}: route to ${target.ip}: default via 192.168.1.1 dev eth0 proto dhcp src ${(await s.run(`ssh ${client.node} hostname -i`)).output.trim()} metric 100`,
      `* Azure route table aks-agentpool-${/-(\d{8})-vmss/.exec(holder.node)![1]}-routetable: ${holder.cidr} -> ${holder.nodeIP} (${holder.node})`,
      `* ${target.node}: delivered to ${target.ip}:80 (pod default/${target.name})`,
    ]);
  });
});

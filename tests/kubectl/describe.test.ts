/**
 * kubectl describe (k8s.io/kubectl/pkg/describe/describe.go and pkg/cmd/describe/describe.go, v0.34):
 * field order, the describe tabwriter (padding 2), conditions with RFC1123Z times, the Parent Reference
 * block, the events section, prefix matching, and the errors.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/shell/session.ts";
import { describeService } from "../../src/kubectl/describe/describers.ts";
import type { KubeObject } from "../../src/apiserver/machinery/object.ts";
import { cluster, failsWithoutChange, run, SERVICE_CIDR, stdout, withStdin } from "./kubectl-helpers.ts";

async function addEvent(s: Session, kind: string, name: string, namespace: string | undefined, reason: string, message: string, extra = ""): Promise<void> {
  const ref = `kubectl get ${kind} ${name} ${namespace ? `-n ${namespace}` : ""} -o jsonpath='{.metadata.uid}'`;
  const uid = (await run(s, ref)).output;
  const apiVersion = kind === "servicecidr" ? "networking.k8s.io/v1" : "v1";
  const kindName = kind === "servicecidr" ? "ServiceCIDR" : "Service";
  const r = await withStdin(
    s,
    "kubectl create -f -",
    `apiVersion: v1
kind: Event
metadata:
  name: ${name}.${reason.toLowerCase()}
  namespace: ${namespace ?? "default"}
involvedObject:
  apiVersion: ${apiVersion}
  kind: ${kindName}
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ""}  uid: ${uid}
reason: ${reason}
message: ${message}
type: Warning
source:
  component: tester
firstTimestamp: "2025-11-03T09:00:00Z"
lastTimestamp: "2025-11-03T09:00:00Z"
count: 1
${extra}`,
  );
  expect(r.exitCode, r.output).toBe(0);
}

describe("kubectl describe", () => {
  let s: Session;
  beforeAll(async () => {
    s = await cluster();
    await run(s, "kubectl create service nodeport np --tcp 80:http --node-port 30080");
    await run(s, "kubectl annotate svc np note=hello");
  });

  it("service: every field in kubectl's order, Port and NodePort with the name cell, Endpoints", async () => {
    const np = await run(s, "kubectl get svc np -o jsonpath='{.spec.clusterIP}'");
    const r = await run(s, "kubectl describe svc np");
    expect(r).toEqual({
      output: `Name:                     np
Namespace:                default
Labels:                   app=np
Annotations:              note: hello
Selector:                 app=np
Type:                     NodePort
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       ${np.output}
IPs:                      ${np.output}
Port:                     80-http  80/TCP
TargetPort:               http/TCP
NodePort:                 80-http  30080/TCP
Endpoints:                ${""}
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`,
      exitCode: 0,
    });
  });

  it("service without a port name: `<unset>  80/TCP`", async () => {
    await withStdin(
      s,
      "kubectl apply -f -",
      `apiVersion: v1
kind: Service
metadata:
  name: plain
spec:
  selector:
    app: plain
  ports:
  - port: 80
    targetPort: 8080
`,
    );
    const r = await run(s, "kubectl describe svc plain");
    expect(r.output).toContain("\nPort:                     <unset>  80/TCP\nTargetPort:               8080/TCP\nEndpoints:                \n");
    // The last-applied annotation is skipped.
    expect(r.output).toContain("\nAnnotations:              <none>\n");
  });

  it("the kubernetes service: two labels on two lines", async () => {
    const r = await run(s, "kubectl describe service kubernetes");
    expect(r.output.startsWith(`Name:                     kubernetes
Namespace:                default
Labels:                   component=apiserver
                          provider=kubernetes
Annotations:              <none>
Selector:                 <none>
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.0.1
IPs:                      10.96.0.1
Port:                     https  443/TCP
TargetPort:               6443/TCP
`)).toBe(true);
  });

  it("servicecidr: CIDRs and the conditions table with RFC1123Z times", async () => {
    const r = await run(s, "kubectl describe servicecidr kubernetes");
    expect(r.output).toMatch(
      /^Name:         kubernetes\nLabels:       <none>\nAnnotations:  <none>\nCIDRs:        10\.96\.0\.0\/12\nStatus:\nConditions:\n  Type   Status  LastTransitionTime               Reason  Message\n  ----   ------  ------------------               ------  -------\n  Ready  True    [A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000          Kubernetes Service CIDR is ready\nEvents:  <none>\n$/,
    );
  });

  it("servicecidr while terminating: Ready False, reason Terminating", async () => {
    const t = await cluster();
    await withStdin(t, "kubectl apply -f -", SERVICE_CIDR("extra", ["10.200.0.0/24"]));
    await run(t, "kubectl create service clusterip held --tcp 80 --clusterip 10.200.0.10");
    expect((await run(t, "kubectl delete servicecidr extra --wait=false")).output).toBe('servicecidr.networking.k8s.io "extra" deleted\n');
    const when = (await run(t, "kubectl get servicecidr extra -o jsonpath='{.metadata.deletionTimestamp}'")).output;
    const d = new Date(when);
    const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const p = (n: number) => String(n).padStart(2, "0");
    const rfc1123z = `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
    const r = await run(t, "kubectl describe servicecidr extra");
    expect(r.output).toBe(`Name:         extra
Labels:       <none>
Annotations:  <none>
CIDRs:        10.200.0.0/24
Status:
Conditions:
  Type   Status  LastTransitionTime               Reason       Message
  ----   ------  ------------------               ------       -------
  Ready  False   ${rfc1123z}  Terminating  There are still IPAddresses referencing the ServiceCIDR, please remove them or create a new ServiceCIDR
Events:  <none>
`);
  });

  it("ipaddress: labels and the Parent Reference block (an empty Group keeps its padding)", async () => {
    const r = await run(s, "kubectl describe ipaddress 10.96.0.1");
    expect(r.output).toBe(`Name:         10.96.0.1
Labels:       ipaddress.kubernetes.io/ip-family=IPv4
              ipaddress.kubernetes.io/managed-by=ipallocator.k8s.io
Annotations:  <none>
Parent Reference:
  Group:      
  Resource:   services
  Namespace:  default
  Name:       kubernetes
Events:       <none>
`);
  });

  it("namespace: Status, then the quota and limit range notes, no Events section", async () => {
    expect((await run(s, "kubectl describe ns default")).output).toBe(`Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`);
  });

  it("events: `Events:  <none>` versus a table after a flush", async () => {
    const t = await cluster();
    await addEvent(t, "svc", "kubernetes", "default", "Probe", "checked the service");
    await addEvent(t, "servicecidr", "kubernetes", undefined, "Resized", "cidr looked at");
    t.advance(90_000);
    const r = await run(t, "kubectl describe svc kubernetes");
    expect(r.output).toMatch(/\nInternal Traffic Policy:  Cluster\nEvents:\n  Type     Reason  Age +From    Message\n  ----     ------  ---- +----    -------\n  Warning  Probe   2m\d+s  tester  checked the service\n$/);
    const c = await run(t, "kubectl describe servicecidr kubernetes");
    expect(c.output).toMatch(/\nEvents:\n  Type     Reason   Age    From    Message\n  ----     ------   ----   ----    -------\n  Warning  Resized  2m\d+s  tester  cidr looked at\n$/);
    // --show-events=false drops the section entirely.
    expect((await run(t, "kubectl describe svc kubernetes --show-events=false")).output).toMatch(/Internal Traffic Policy:  Cluster\n$/);
  });

  it("several objects: separated by a blank pair of lines, no Events sections unless asked", async () => {
    // One object listed is still one object: its Events section shows.
    const r = await run(s, "kubectl describe servicecidr");
    expect(r.output).toBe(`Name:         kubernetes
Labels:       <none>
Annotations:  <none>
CIDRs:        10.96.0.0/12
Status:
Conditions:
  Type   Status  LastTransitionTime               Reason  Message
  ----   ------  ------------------               ------  -------
  Ready  True    ${r.output.match(/True    (.*?\+0000)/)![1]}          Kubernetes Service CIDR is ready
Events:  <none>
`);
    const svcs = await run(s, "kubectl describe svc");
    expect(svcs.output).not.toContain("Events:");
    expect(svcs.output.split("\n\n\nName:")).toHaveLength(3);
    expect((await run(s, "kubectl describe svc --show-events")).output.match(/Events:/g)).toHaveLength(3);
  });

  it("TYPE NAME_PREFIX: a missing name describes the objects whose names start with it", async () => {
    const r = await run(s, "kubectl describe svc kube");
    expect(r.exitCode).toBe(0);
    expect(r.output.startsWith("Name:                     kubernetes\n")).toBe(true);
    expect(r.output.endsWith("Internal Traffic Policy:  Cluster\n\n")).toBe(true);
    expect(r.output).not.toContain("Events:");
  });

  it("NotFound, no resources, no type", async () => {
    expect(await failsWithoutChange(s, "kubectl describe svc nope")).toEqual({ output: 'Error from server (NotFound): services "nope" not found\n', exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl describe servicecidr nope")).toEqual({
      output: 'Error from server (NotFound): servicecidrs.networking.k8s.io "nope" not found\n',
      exitCode: 1,
    });
    // The found ones are described, then the error.
    const mixed = await run(s, "kubectl describe svc kubernetes nope");
    expect(mixed.exitCode).toBe(1);
    expect((await stdout(s, "kubectl describe svc kubernetes nope")).output).toMatch(/^Name: +kubernetes\n/);
    expect(mixed.output.endsWith('Error from server (NotFound): services "nope" not found\n')).toBe(true);
    // describe only looks at -A for the message, even for cluster-scoped kinds.
    expect(await run(s, "kubectl describe servicecidr -l no=such")).toEqual({ output: "No resources found in default namespace.\n", exitCode: 0 });
    expect(await run(s, "kubectl describe svc -A -l no=such")).toEqual({ output: "No resources found\n", exitCode: 0 });
    expect(await failsWithoutChange(s, "kubectl describe")).toEqual({
      output: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
      exitCode: 1,
    });
    expect(await failsWithoutChange(s, "kubectl describe widgets")).toEqual({ output: 'error: the server doesn\'t have a resource type "widgets"\n', exitCode: 1 });
  });

  it("Endpoints: ready addresses of the port's name, host:port (IPv6 bracketed), three then `+ N more...`", () => {
    const svc = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "default" },
      spec: { type: "ClusterIP", clusterIP: "10.96.0.5", clusterIPs: ["10.96.0.5"], sessionAffinity: "None", ports: [{ name: "http", port: 80, protocol: "TCP", targetPort: 8080 }, { name: "other", port: 81, protocol: "TCP", targetPort: 81 }] },
      status: { loadBalancer: {} },
    } as unknown as KubeObject;
    const ep = (a: string, ready = true) => ({ addresses: [a], conditions: { ready } });
    const slices = [
      { addressType: "IPv4", ports: [{ name: "http", port: 8080 }], endpoints: [ep("10.0.0.1"), ep("10.0.0.2", false), ep("10.0.0.3"), ep("10.0.0.4"), ep("10.0.0.5")] },
      { addressType: "IPv6", ports: [{ name: "http", port: 8080 }], endpoints: [ep("fd00::1")] },
    ];
    const text = describeService(svc, { now: 0, events: [], list: () => slices as unknown as KubeObject[] });
    expect(text).toMatch(/\nEndpoints: +10\.0\.0\.1:8080,10\.0\.0\.3:8080,10\.0\.0\.4:8080 \+ 2 more\.\.\.\n/);
    // The "other" port has no endpoints in slices that list ports: an empty value.
    expect(text).toMatch(/\nPort: +other  81\/TCP\nTargetPort: +81\/TCP\nEndpoints: +\n/);
    const v6 = describeService(svc, { now: 0, events: undefined, list: () => [slices[1]] as unknown as KubeObject[] });
    expect(v6).toMatch(/\nEndpoints: +\[fd00::1\]:8080\n/);
    expect(v6).not.toContain("Events:");
  });
});

/**
 * kubectl get: the server's tables as kubectl v1.34 prints them (k8s.io/kubectl/pkg/cmd/get/get.go,
 * k8s.io/cli-runtime/pkg/printers/tableprinter.go and tabwriter.go: padding 3, last column unpadded).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/shell/session.ts";
import { ageEverything, cluster, failsWithoutChange, run, SERVICE_CIDR, stderr, stdout, table, withStdin } from "./kubectl-helpers.ts";

describe("kubectl get: tables", () => {
  let s: Session;
  beforeAll(async () => {
    s = await cluster();
    await run(s, "kubectl create service clusterip web --tcp 80:8080");
    await run(s, "kubectl create service nodeport np --tcp 81 --node-port 30081");
    await run(s, "kubectl create service externalname ext --external-name db.example.com");
    await run(s, "kubectl create namespace team");
    await run(s, "kubectl create service clusterip api -n team --tcp 443");
    await withStdin(s, "kubectl apply -f -", SERVICE_CIDR("extra", ["10.97.0.0/24"]));
    await run(s, "kubectl label svc web tier=frontend");
    ageEverything(s);
  }, 60_000);

  const ip = async (name: string, ns = "default") => (await run(s, `kubectl get svc ${name} -n ${ns} -o jsonpath='{.spec.clusterIP}'`)).output;

  it("services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, three spaces between columns, the last unpadded", async () => {
    const r = await run(s, "kubectl get svc");
    expect(r.exitCode).toBe(0);
    const webIP = await ip("web");
    const npIP = await ip("np");
    expect(r.output).toBe(
      table([
        ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
        ["ext", "ExternalName", "<none>", "db.example.com", "<none>", "8d"],
        ["kubernetes", "ClusterIP", "10.96.0.1", "<none>", "443/TCP", "8d"],
        ["np", "NodePort", npIP, "<none>", "81:30081/TCP", "8d"],
        ["web", "ClusterIP", webIP, "<none>", "80/TCP", "8d"],
      ]),
    );
    // The literal layout for one row, as the docs show it.
    expect((await run(s, "kubectl get service kubernetes")).output).toBe(
      "NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n" + "kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   8d\n",
    );
  });

  it("-o wide adds SELECTOR", async () => {
    const r = await run(s, "kubectl get svc web -o wide");
    expect(r.output).toBe(
      table([
        ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"],
        ["web", "ClusterIP", await ip("web"), "<none>", "80/TCP", "8d", "app=web"],
      ]),
    );
    expect((await run(s, "kubectl get svc kubernetes -o wide")).output).toMatch(/AGE   SELECTOR\n.*8d    <none>\n$/);
  });

  it("-A puts NAMESPACE first for namespaced kinds only", async () => {
    const r = await run(s, "kubectl get svc -A");
    expect(r.output.split("\n")[0]).toMatch(/^NAMESPACE     NAME         TYPE           CLUSTER-IP +EXTERNAL-IP      PORT\(S\)                  AGE$/);
    expect(r.output).toMatch(/\nkube-system   kube-dns     ClusterIP      10\.96\.0\.10 +<none>           53\/UDP,53\/TCP,9153\/TCP   8d\n/);
    expect(r.output).toContain("\nteam          api          ClusterIP");
    // Order: namespace, then name (etcd key order).
    expect(r.output.split("\n").slice(1, -1).map((l) => l.split(/ +/).slice(0, 2).join("/"))).toEqual([
      "default/ext",
      "default/kubernetes",
      "default/np",
      "default/web",
      "kube-system/kube-dns",
      "team/api",
    ]);
    // Cluster-scoped kinds never get a NAMESPACE column.
    expect((await run(s, "kubectl get servicecidr -A")).output.split("\n")[0]).toBe("NAME         CIDRS          AGE");
  });

  it("servicecidrs: NAME CIDRS AGE", async () => {
    expect((await run(s, "kubectl get servicecidrs")).output).toBe("NAME         CIDRS          AGE\nextra        10.97.0.0/24   8d\nkubernetes   10.96.0.0/12   8d\n");
  });

  it("ipaddresses: NAME PARENTREF, no AGE column, names in string order", async () => {
    const r = await run(s, "kubectl get ipaddress");
    const lines = r.output.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME +PARENTREF$/);
    expect(lines).toContain("10.96.0.1      services/default/kubernetes".replace(/ +/, " ".repeat(lines[0]!.indexOf("P") - "10.96.0.1".length)));
    const names = lines.slice(1).map((l) => l.split(/ +/)[0]!);
    expect(names).toEqual([...names].sort());
    expect((await run(s, "kubectl get ipaddress 10.96.0.10")).output).toBe("NAME         PARENTREF\n10.96.0.10   services/kube-system/kube-dns\n");
  });

  it("namespaces: NAME STATUS AGE", async () => {
    expect((await run(s, "kubectl get ns")).output).toBe(
      "NAME              STATUS   AGE\ndefault           Active   8d\nkube-node-lease   Active   8d\nkube-public       Active   8d\nkube-system       Active   8d\nteam              Active   8d\n",
    );
  });

  it("-l and --field-selector filter on the server", async () => {
    expect((await run(s, "kubectl get svc -l tier=frontend --no-headers")).output).toMatch(/^web +ClusterIP/);
    expect((await run(s, "kubectl get svc -A -l app --no-headers")).output.split("\n").filter(Boolean).length).toBe(4);
    const r = await run(s, "kubectl get svc -A --field-selector metadata.namespace=team");
    expect(r.output.split("\n").slice(1).filter(Boolean).map((l) => l.split(/ +/)[1])).toEqual(["api"]);
  });

  it("--no-headers drops the header and sizes columns on the rows alone", async () => {
    expect((await run(s, "kubectl get servicecidr --no-headers")).output).toBe("extra        10.97.0.0/24   8d\nkubernetes   10.96.0.0/12   8d\n");
  });

  it("--show-labels adds LABELS; -L adds one column per key, named by its last path segment", async () => {
    const r = await run(s, "kubectl get svc web kubernetes --show-labels");
    expect(r.output.split("\n")[0]).toMatch(/ AGE   LABELS$/);
    expect(r.output).toMatch(/\nweb .* 8d    app=web,tier=frontend\n/);
    expect(r.output).toMatch(/\nkubernetes .* 8d    component=apiserver,provider=kubernetes\n/);
    const l = await run(s, "kubectl get svc web kubernetes -L tier,kubernetes.io/name");
    expect(l.output.split("\n")[0]).toMatch(/ AGE   TIER       NAME$/);
    expect(l.output).toMatch(/\nweb .*8d    frontend   \n/);
  });

  it("--sort-by orders rows by the field, numbers in natural order (10.96.0.2 before 10.96.0.10)", async () => {
    const t = await cluster();
    await run(t, "kubectl create service clusterip a --tcp 80 --clusterip 10.96.0.100");
    await run(t, "kubectl create service clusterip b --tcp 80 --clusterip 10.96.0.20");
    await run(t, "kubectl create service clusterip c --tcp 80 --clusterip 10.96.0.3");
    const r = await run(t, "kubectl get svc -A --sort-by=.spec.clusterIP -o custom-columns=IP:.spec.clusterIP --no-headers");
    expect(r.output).toBe("10.96.0.1\n10.96.0.3\n10.96.0.10\n10.96.0.20\n10.96.0.100\n");
    const names = await run(t, "kubectl get svc -A --sort-by=.spec.clusterIP --no-headers");
    expect(names.output.split("\n").filter(Boolean).map((l) => l.split(/ +/)[1])).toEqual(["kubernetes", "c", "kube-dns", "b", "a"]);
    const byPort = await run(t, "kubectl get svc -A --sort-by='{.spec.ports[0].port}' -o name");
    expect(byPort.output.split("\n")[0]).toBe("service/kube-dns");
  });

  it("--sort-by on a field no object has is an error", async () => {
    const r = await run(s, "kubectl get svc --sort-by=.spec.nothing");
    expect(r).toEqual({ output: 'error: couldn\'t find any field with path "{.spec.nothing}" in the list of objects\n', exitCode: 1 });
  });

  it("several kinds: names qualified by kind and a blank line between tables", async () => {
    const r = await run(s, "kubectl get svc,servicecidr -n team");
    expect(r.output).toBe(
      table([
        ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
        ["service/api", "ClusterIP", await ip("api", "team"), "<none>", "443/TCP", "8d"],
      ]) +
        "\n" +
        "NAME                                       CIDRS          AGE\nservicecidr.networking.k8s.io/extra        10.97.0.0/24   8d\nservicecidr.networking.k8s.io/kubernetes   10.96.0.0/12   8d\n",
    );
    // No blank line with --no-headers.
    const n = await run(s, "kubectl get svc,servicecidr -n team --no-headers");
    expect(n.output).not.toContain("\n\n");
    expect(n.output.split("\n").filter(Boolean)).toHaveLength(3);
  });

  it("several kinds where one list is empty: still kind-qualified, no blank line, no message", async () => {
    const r = await run(s, "kubectl get svc,servicecidr -n kube-public");
    expect(r.output).toBe("NAME                                       CIDRS          AGE\nservicecidr.networking.k8s.io/extra        10.97.0.0/24   8d\nservicecidr.networking.k8s.io/kubernetes   10.96.0.0/12   8d\n");
  });

  it("a type given twice under two names prints once", async () => {
    const r = await run(s, "kubectl get svc,services -n team --no-headers");
    expect(r.output.split("\n").filter(Boolean)).toHaveLength(1);
    expect(r.output).toMatch(/^api /);
  });

  it("TYPE/NAME arguments, in the order given, one table per run of one kind", async () => {
    const r = await run(s, "kubectl get svc/web servicecidr/extra svc/kubernetes");
    const blocks = r.output.split("\n\n");
    expect(blocks).toHaveLength(3);
    expect(blocks[0]).toMatch(/^NAME +TYPE.*\nservice\/web /);
    expect(blocks[1]).toMatch(/^NAME +CIDRS +AGE\nservicecidr.networking.k8s.io\/extra /);
    expect(blocks[2]).toMatch(/^NAME +TYPE.*\nservice\/kubernetes /);
    // One kind: no prefix.
    expect((await run(s, "kubectl get svc/web svc/kubernetes --no-headers")).output).toMatch(/^web .*\nkubernetes /);
    // TYPE1,TYPE2 NAME becomes TYPE1/NAME TYPE2/NAME.
    const both = await run(s, "kubectl get svc,servicecidr kubernetes");
    expect(both.output).toMatch(/^NAME +TYPE.*\nservice\/kubernetes .*\n\nNAME +CIDRS +AGE\nservicecidr.networking.k8s.io\/kubernetes /);
  });

  it("a name that does not exist: the found ones print, then NotFound, exit 1", async () => {
    const r = await run(s, "kubectl get svc x kubernetes");
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe(
      "NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nkubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   8d\n" +
        'Error from server (NotFound): services "x" not found\n',
    );
    expect((await stdout(s, "kubectl get svc x kubernetes")).output).not.toContain("Error");
    expect((await stderr(s, "kubectl get svc x kubernetes")).output).toBe('Error from server (NotFound): services "x" not found\n');
    // Several missing: one line each (MultipleErrors), no "error:" prefix.
    expect((await run(s, "kubectl get svc x y")).output).toBe('Error from server (NotFound): services "x" not found\nError from server (NotFound): services "y" not found\n');
    expect(await run(s, "kubectl get servicecidr nope")).toEqual({ output: 'Error from server (NotFound): servicecidrs.networking.k8s.io "nope" not found\n', exitCode: 1 });
  });

  it("--ignore-not-found: silence, exit 0", async () => {
    expect(await run(s, "kubectl get svc x --ignore-not-found")).toEqual({ output: "", exitCode: 0 });
    expect(await run(s, "kubectl get svc -n nope --ignore-not-found")).toEqual({ output: "", exitCode: 0 });
  });

  it("empty lists: `No resources found in <ns> namespace.` for namespaced kinds, `No resources found` otherwise, on stderr", async () => {
    expect(await run(s, "kubectl get svc -n empty")).toEqual({ output: "No resources found in empty namespace.\n", exitCode: 0 });
    expect((await stderr(s, "kubectl get svc -n empty")).output).toBe("No resources found in empty namespace.\n");
    expect((await stdout(s, "kubectl get svc -n empty")).output).toBe("");
    expect(await run(s, "kubectl get servicecidr -l nothing=here")).toEqual({ output: "No resources found\n", exitCode: 0 });
    expect(await run(s, "kubectl get svc -A -l nothing=here")).toEqual({ output: "No resources found\n", exitCode: 0 });
    // (The default namespace holds the kubelets' events about the cluster-scoped Nodes, as in a real cluster.)
    expect(await run(s, "kubectl get events -n team")).toEqual({ output: "No resources found in team namespace.\n", exitCode: 0 });
    // Several kinds, one of them cluster-scoped, nothing found.
    expect(await run(s, "kubectl get svc,servicecidr -l nothing=here")).toEqual({ output: "No resources found\n", exitCode: 0 });
  });

  it("kubectl get with no arguments: kubectl's exact text, exit 1", async () => {
    expect(await run(s, "kubectl get")).toEqual({
      output: `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`,
      exitCode: 1,
    });
  });

  it("builder errors: names with selectors, mixed forms, names across all namespaces", async () => {
    expect(await failsWithoutChange(s, "kubectl get svc web -l a=b")).toEqual({ output: "error: name cannot be provided when a selector is specified\n", exitCode: 1 });
    expect((await failsWithoutChange(s, "kubectl get svc/web -l a=b")).output).toBe("error: selectors and the all flag cannot be used when passing resource/name arguments\n");
    expect((await failsWithoutChange(s, "kubectl get svc web -A")).output).toBe("error: a resource cannot be retrieved by name across all namespaces\n");
    expect((await failsWithoutChange(s, "kubectl get svc svc/web")).output).toBe(
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
    );
    expect((await failsWithoutChange(s, "kubectl get svc/a/b")).output).toBe("error: arguments in resource/name form may not have more than one slash\n");
    expect((await failsWithoutChange(s, "kubectl get svc/")).output).toBe("error: arguments in resource/name form must have a single resource and name\n");
    expect((await failsWithoutChange(s, "kubectl get svc -o yaml --show-labels")).output).toBe("error: --show-labels option cannot be used with yaml printer\n");
  });

  it("events: LAST SEEN TYPE REASON OBJECT MESSAGE", async () => {
    const t = await cluster();
    const uid = (await run(t, "kubectl get svc kubernetes -o jsonpath='{.metadata.uid}'")).output;
    await withStdin(
      t,
      "kubectl create -f -",
      `apiVersion: v1
kind: Event
metadata:
  name: kubernetes.1
involvedObject:
  apiVersion: v1
  kind: Service
  name: kubernetes
  namespace: default
  uid: ${uid}
reason: Probe
message: checked the service
type: Normal
source:
  component: tester
firstTimestamp: "2025-11-03T09:00:00Z"
lastTimestamp: "2025-11-03T09:00:00Z"
count: 1
`,
    );
    ageEverything(t);
    // The kubelets' events about the Nodes sit in default too; the field selector picks the test's own.
    expect((await run(t, "kubectl get events --field-selector involvedObject.kind=Service")).output).toBe(
      "LAST SEEN   TYPE     REASON   OBJECT               MESSAGE\n" + "8d          Normal   Probe    service/kubernetes   checked the service\n",
    );
    const wide = await run(t, "kubectl get events -o wide --field-selector involvedObject.kind=Service");
    expect(wide.output.split("\n")[0]).toBe("LAST SEEN   TYPE     REASON   OBJECT               SUBOBJECT   SOURCE   MESSAGE               FIRST SEEN   COUNT   NAME");
    // With -A the kubelet's events about kube-system's static pods are listed too, so the NAMESPACE
    // column is as wide as "kube-system" plus the tabwriter's padding of 3 (kubectl's printers).
    const all = (await run(t, "kubectl get ev -A")).output.split("\n");
    expect(all[0]).toMatch(/^NAMESPACE     LAST SEEN   TYPE/);
    expect(all.some((l) => l.startsWith("kube-system   "))).toBe(true);
  });

  it("a category: `all` stands for the kinds discovery puts in it (pods, services, apps); names are kind-qualified", async () => {
    const r = await run(s, "kubectl get all -n team");
    expect(r.output).toMatch(/^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\nservice\/api +ClusterIP /);
  });

  it("get -f reads the objects named in a manifest", async () => {
    const r = await withStdin(s, "kubectl get -f -", SERVICE_CIDR("extra", ["10.97.0.0/24"]));
    expect(r.output).toBe("NAME    CIDRS          AGE\nextra   10.97.0.0/24   8d\n");
  });
});

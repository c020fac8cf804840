/**
 * kubectl -o: yaml (sorted keys), json (4-space indent, sorted for objects read back, struct order for
 * the typed objects of generators), name, jsonpath, custom-columns, and the printer errors
 * (k8s.io/cli-runtime/pkg/genericclioptions/*_flags.go, k8s.io/kubectl/pkg/cmd/get/customcolumn*.go).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/shell/session.ts";
import { cluster, failsWithoutChange, run, SERVICE_CIDR, stdout, withStdin, writeFile } from "./kubectl-helpers.ts";

describe("kubectl -o", () => {
  let s: Session;
  beforeAll(async () => {
    s = await cluster();
    await withStdin(s, "kubectl apply -f -", SERVICE_CIDR("extra", ["10.97.0.0/24"]));
  });

  it("-o yaml of one object prints it alone, keys sorted", async () => {
    const r = await run(s, "kubectl get servicecidr kubernetes -o yaml");
    expect(r.exitCode).toBe(0);
    const uid = (await run(s, "kubectl get servicecidr kubernetes -o jsonpath='{.metadata.uid}'")).output;
    const rv = (await run(s, "kubectl get servicecidr kubernetes -o jsonpath='{.metadata.resourceVersion}'")).output;
    const ts = (await run(s, "kubectl get servicecidr kubernetes -o jsonpath='{.metadata.creationTimestamp}'")).output;
    expect(r.output).toBe(`apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  creationTimestamp: "${ts}"
  finalizers:
  - networking.k8s.io/service-cidr-finalizer
  name: kubernetes
  resourceVersion: "${rv}"
  uid: ${uid}
spec:
  cidrs:
  - 10.96.0.0/12
status:
  conditions:
  - lastTransitionTime: "${ts}"
    message: Kubernetes Service CIDR is ready
    reason: ""
    status: "True"
    type: Ready
`);
  });

  it("-o yaml of a list (or of several names) is a kind: List with an empty resourceVersion", async () => {
    const r = await run(s, "kubectl get servicecidr -o yaml");
    expect(r.output.startsWith("apiVersion: v1\nitems:\n- apiVersion: networking.k8s.io/v1\n  kind: ServiceCIDR\n")).toBe(true);
    expect(r.output.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    expect((await run(s, "kubectl get servicecidr kubernetes extra -o yaml")).output).toMatch(/^apiVersion: v1\nitems:\n/);
    expect((await run(s, "kubectl get servicecidr/kubernetes -o yaml")).output).toMatch(/^apiVersion: networking.k8s.io\/v1\nkind: ServiceCIDR\n/);
    expect(await run(s, "kubectl get svc -n empty -o yaml")).toEqual({ output: 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n', exitCode: 0 });
  });

  it("-o json: 4-space indent, sorted keys; an empty list prints items: []", async () => {
    const r = await run(s, "kubectl get servicecidr extra -o json");
    expect(r.output).toMatch(/^\{\n    "apiVersion": "networking.k8s.io\/v1",\n    "kind": "ServiceCIDR",\n    "metadata": \{\n        "annotations": \{\n/);
    expect(r.output).toContain('\n    "spec": {\n        "cidrs": [\n            "10.97.0.0/24"\n        ]\n    },\n');
    expect(r.output.endsWith("}\n")).toBe(true);
    expect(await run(s, "kubectl get svc -n empty -o json")).toEqual({
      output: '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
      exitCode: 0,
    });
  });

  it("-o json of a generator's typed object keeps the Go struct's field order", async () => {
    const r = await run(s, "kubectl create service clusterip typed --tcp 80 --dry-run=client -o json");
    expect(r.output).toBe(`{
    "kind": "Service",
    "apiVersion": "v1",
    "metadata": {
        "name": "typed",
        "labels": {
            "app": "typed"
        }
    },
    "spec": {
        "ports": [
            {
                "name": "80",
                "protocol": "TCP",
                "port": 80,
                "targetPort": 80
            }
        ],
        "selector": {
            "app": "typed"
        },
        "type": "ClusterIP"
    },
    "status": {
        "loadBalancer": {}
    }
}
`);
    // YAML goes through a map and is always sorted; no creationTimestamp: null since 1.33.
    expect((await run(s, "kubectl create service clusterip typed --tcp 80 --dry-run=client -o yaml")).output).toBe(`apiVersion: v1
kind: Service
metadata:
  labels:
    app: typed
  name: typed
spec:
  ports:
  - name: "80"
    port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: typed
  type: ClusterIP
status:
  loadBalancer: {}
`);
  });

  it("-o name: kind[.group]/name per object; nothing at all for an empty list", async () => {
    expect((await run(s, "kubectl get svc,servicecidr -A -o name")).output).toBe(
      "service/kubernetes\nservice/kube-dns\nservicecidr.networking.k8s.io/extra\nservicecidr.networking.k8s.io/kubernetes\n",
    );
    expect(await run(s, "kubectl get svc -n empty -o name")).toEqual({ output: "", exitCode: 0 });
  });

  it("-o jsonpath: no trailing newline; ranges; a List for several objects", async () => {
    expect(await run(s, "kubectl get svc kubernetes -o jsonpath='{.spec.clusterIP}'")).toEqual({ output: "10.96.0.1", exitCode: 0 });
    expect((await run(s, "kubectl get svc -A -o jsonpath='{.items[*].metadata.name}'")).output).toBe("kubernetes kube-dns");
    expect((await run(s, `kubectl get servicecidr -o jsonpath='{range .items[*]}{.metadata.name}={.spec.cidrs[0]}{"\\n"}{end}'`)).output).toBe(
      "extra=10.97.0.0/24\nkubernetes=10.96.0.0/12\n",
    );
    expect((await run(s, "kubectl get svc kubernetes -o jsonpath='{.missing}'")).output).toBe("");
    expect((await run(s, "kubectl get svc kubernetes -o jsonpath --template='{.metadata.name}'")).output).toBe("kubernetes");
  });

  it("-o custom-columns: headers as given, <none> for missing values, commas for several", async () => {
    const r = await run(s, "kubectl get svc -A -o custom-columns=NAME:.metadata.name,IP:.spec.clusterIP,PORTS:.spec.ports[*].port,X:.nothing");
    expect(r.output).toBe("NAME         IP           PORTS        X\nkubernetes   10.96.0.1    443          <none>\nkube-dns     10.96.0.10   53,53,9153   <none>\n");
    expect((await run(s, "kubectl get svc kubernetes -o custom-columns=N:metadata.name --no-headers")).output).toBe("kubernetes\n");
    // The header alone for an empty list.
    expect(await run(s, "kubectl get svc -n empty -o custom-columns=N:.metadata.name")).toEqual({ output: "N\n", exitCode: 0 });
    await writeFile(s, "/root/cols.txt", "NAME   CIDRS\n.metadata.name   .spec.cidrs[0]\n");
    expect((await run(s, "kubectl get servicecidr -o custom-columns-file=/root/cols.txt")).output).toBe("NAME         CIDRS\nextra        10.97.0.0/24\nkubernetes   10.96.0.0/12\n");
  });

  it("an unknown format lists the allowed ones, sorted, comma-joined", async () => {
    expect(await failsWithoutChange(s, "kubectl get svc -o foo")).toEqual({
      output:
        'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
      exitCode: 1,
    });
    // create, apply and the other writers know no table formats.
    expect((await failsWithoutChange(s, "kubectl create service clusterip z --tcp 80 -o wide")).output).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
  });

  it("jsonpath and custom-columns spec errors", async () => {
    expect((await failsWithoutChange(s, "kubectl get svc -o jsonpath='{.items[0'")).output).toBe("error: error parsing jsonpath {.items[0, unterminated array\n");
    expect((await failsWithoutChange(s, "kubectl get svc -o jsonpath")).output).toBe("error: template format specified but no template given\n");
    expect((await failsWithoutChange(s, "kubectl get svc -o custom-columns=")).output).toBe("error: custom-columns format specified but no custom columns given\n");
    expect((await failsWithoutChange(s, "kubectl get svc -o custom-columns=NAME")).output).toBe("error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n");
    expect((await failsWithoutChange(s, "kubectl get svc -o custom-columns-file=/nope")).output).toBe("error: error reading template /nope, open /nope: no such file or directory\n");
  });

  it("a missing single object prints only the error in object formats", async () => {
    expect(await run(s, "kubectl get svc nope -o yaml")).toEqual({ output: 'Error from server (NotFound): services "nope" not found\n', exitCode: 1 });
    // Several names: the found ones as a List, then the error.
    const r = await run(s, "kubectl get svc nope kubernetes -o name");
    expect(r).toEqual({ output: 'service/kubernetes\nError from server (NotFound): services "nope" not found\n', exitCode: 1 });
    expect((await stdout(s, "kubectl get svc nope kubernetes -o name")).output).toBe("service/kubernetes\n");
  });
});

/**
 * kubectl create -f, kubectl apply -f and kubectl create service|namespace: success lines, the
 * last-applied annotation, dry runs, and every kind of failure with kubectl's text
 * (k8s.io/kubectl/pkg/cmd/create, apply; cli-runtime resource builder and mapper; cmd/util/helpers.go).
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Session } from "../../src/shell/session.ts";
import { cluster, failsWithoutChange, fingerprint, run, SERVICE_CIDR, stderr, stdout, withStdin, writeFile } from "./kubectl-helpers.ts";

const SERVICE = (name: string, port = 80) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - port: ${port}
`;

describe("kubectl apply -f / create -f", () => {
  let s: Session;
  beforeEach(async () => {
    s = await cluster();
  });

  it("apply: created, then unchanged, then configured; the last-applied annotation holds the manifest", async () => {
    await writeFile(s, "/root/sc.yaml", SERVICE_CIDR("newcidr1", ["10.97.0.0/24"]));
    expect(await run(s, "kubectl apply -f /root/sc.yaml")).toEqual({ output: "servicecidr.networking.k8s.io/newcidr1 created\n", exitCode: 0 });
    expect(await run(s, "kubectl apply -f /root/sc.yaml")).toEqual({ output: "servicecidr.networking.k8s.io/newcidr1 unchanged\n", exitCode: 0 });
    const annotation = await run(s, `kubectl get servicecidr newcidr1 -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'`);
    expect(annotation.output).toBe('{"apiVersion":"networking.k8s.io/v1","kind":"ServiceCIDR","metadata":{"annotations":{},"name":"newcidr1"},"spec":{"cidrs":["10.97.0.0/24"]}}\n');
    expect(await withStdin(s, "kubectl apply -f -", SERVICE("web"))).toEqual({ output: "service/web created\n", exitCode: 0 });
    expect(await withStdin(s, "kubectl apply -f -", SERVICE("web", 8080))).toEqual({ output: "service/web configured\n", exitCode: 0 });
    expect((await run(s, "kubectl get svc web -o jsonpath='{.spec.ports[0].port}'")).output).toBe("8080");
  });

  it("apply of an object made without it warns about the missing annotation and patches it in", async () => {
    await withStdin(s, "kubectl create -f -", SERVICE_CIDR("plain", ["10.97.0.0/24"]));
    const r = await withStdin(s, "kubectl apply -f -", SERVICE_CIDR("plain", ["10.97.0.0/24"]));
    expect(r).toEqual({
      output:
        "servicecidr.networking.k8s.io/plain configured\n" +
        "Warning: resource servicecidrs.networking.k8s.io/plain is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
      exitCode: 0,
    });
    expect((await stdout(s, "kubectl get servicecidr plain -o jsonpath='{.metadata.annotations}'")).output).toContain("last-applied-configuration");
    // A Service made imperatively: its ports merge with the manifest's by port number, so a second,
    // unnamed port fails validation, as kubectl's strategic merge would.
    await run(s, "kubectl create service clusterip web --tcp 80");
    const merged = await withStdin(s, "kubectl apply -f -", SERVICE("web", 81));
    expect(merged.exitCode).toBe(1);
    expect(merged.output).toMatch(/\nThe Service "web" is invalid: spec\.ports\[\d\]\.name: Required value\n$/);
  });

  it("multi-document YAML, a JSON document and a List are all read", async () => {
    const multi = await withStdin(s, "kubectl apply -f -", `${SERVICE("a")}---\n${SERVICE("b")}---\n${SERVICE_CIDR("c", ["10.98.0.0/24"])}`);
    expect(multi).toEqual({ output: "service/a created\nservice/b created\nservicecidr.networking.k8s.io/c created\n", exitCode: 0 });
    const json = await withStdin(s, "kubectl create -f -", JSON.stringify({ apiVersion: "v1", kind: "Service", metadata: { name: "j" }, spec: { ports: [{ port: 80 }] } }, null, 2));
    expect(json).toEqual({ output: "service/j created\n", exitCode: 0 });
    const list = await withStdin(
      s,
      "kubectl apply -f -",
      `apiVersion: v1
kind: List
items:
- ${SERVICE("l1").trimEnd().replace(/\n/g, "\n  ")}
- ${SERVICE("l2").trimEnd().replace(/\n/g, "\n  ")}
`,
    );
    expect(list).toEqual({ output: "service/l1 created\nservice/l2 created\n", exitCode: 0 });
  });

  it("create -f: created; a second time AlreadyExists naming the source", async () => {
    expect(await withStdin(s, "kubectl create -f -", SERVICE_CIDR("newcidr1", ["10.97.0.0/24"]))).toEqual({
      output: "servicecidr.networking.k8s.io/newcidr1 created\n",
      exitCode: 0,
    });
    expect(await failsWithoutChange(s, "kubectl create -f -", SERVICE_CIDR("newcidr1", ["10.97.0.0/24"]))).toEqual({
      output: 'Error from server (AlreadyExists): error when creating "STDIN": servicecidrs.networking.k8s.io "newcidr1" already exists\n',
      exitCode: 1,
    });
    await writeFile(s, "/root/sc.yaml", SERVICE_CIDR("newcidr1", ["10.97.0.0/24"]));
    expect((await failsWithoutChange(s, "kubectl create -f /root/sc.yaml")).output).toBe(
      'Error from server (AlreadyExists): error when creating "/root/sc.yaml": servicecidrs.networking.k8s.io "newcidr1" already exists\n',
    );
    // The others in the stream are still created; the error follows on stderr.
    const r = await withStdin(s, "kubectl create -f -", `${SERVICE_CIDR("newcidr1", ["10.97.0.0/24"])}---\n${SERVICE("after")}`);
    expect(r).toEqual({ output: 'service/after created\nError from server (AlreadyExists): error when creating "STDIN": servicecidrs.networking.k8s.io "newcidr1" already exists\n', exitCode: 1 });
  });

  it("server-side apply reports serverside-applied", async () => {
    expect(await withStdin(s, "kubectl apply --server-side -f -", SERVICE("ssa"))).toEqual({ output: "service/ssa serverside-applied\n", exitCode: 0 });
    expect(await withStdin(s, "kubectl apply --server-side -f -", SERVICE("ssa"))).toEqual({ output: "service/ssa serverside-applied\n", exitCode: 0 });
  });

  it("re-applying a service whose ports the server defaulted is unchanged (ports merge by port)", async () => {
    await withStdin(s, "kubectl apply -f -", SERVICE("web"));
    expect(await withStdin(s, "kubectl apply -f -", SERVICE("web"))).toEqual({ output: "service/web unchanged\n", exitCode: 0 });
  });

  it("create --save-config stores the annotation, so a later apply is unchanged", async () => {
    await writeFile(s, "/root/svc.yaml", SERVICE("saved"));
    expect((await run(s, "kubectl create -f /root/svc.yaml --save-config")).output).toBe("service/saved created\n");
    expect((await run(s, "kubectl apply -f /root/svc.yaml")).output).toBe("service/saved unchanged\n");
  });

  it("Invalid: `The <Kind> \"<name>\" is invalid: <field>: <detail>`, one line per cause when several", async () => {
    expect(await failsWithoutChange(s, "kubectl apply -f -", SERVICE_CIDR("bad", ["10.97.0.0/33"]))).toEqual({
      output: 'The ServiceCIDR "bad" is invalid: spec.cidrs[0]: Invalid value: "10.97.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)\n',
      exitCode: 1,
    });
    expect((await failsWithoutChange(s, "kubectl create -f -", SERVICE_CIDR("bad", ["10.97.0.1/24"]))).output).toBe(
      'The ServiceCIDR "bad" is invalid: spec.cidrs[0]: Invalid value: "10.97.0.1/24": must not have bits set beyond the prefix length\n',
    );
    const several = await failsWithoutChange(s, "kubectl create -f -", SERVICE_CIDR("Bad_Name", ["10.97.0.0/33"]));
    expect(several.output).toMatch(/^The ServiceCIDR "Bad_Name" is invalid: \n\* metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain .*\n\* spec\.cidrs\[0\]: Invalid value: "10\.97\.0\.0\/33": must be a valid CIDR value, \(e\.g\. 10\.9\.8\.0\/24 or 2001:db8::\/64\)\n$/);
  });

  it("an immutable field changed by apply", async () => {
    await withStdin(s, "kubectl apply -f -", SERVICE_CIDR("newcidr1", ["10.97.0.0/24"]));
    expect(await failsWithoutChange(s, "kubectl apply -f -", SERVICE_CIDR("newcidr1", ["10.96.1.0/24"]))).toEqual({
      output: 'The ServiceCIDR "newcidr1" is invalid: spec.cidrs[0]: Invalid value: "10.96.1.0/24": field is immutable\n',
      exitCode: 1,
    });
  });

  it("an unknown kind: resource mapping not found ... ensure CRDs are installed first", async () => {
    const widget = "apiVersion: networking.k8s.io/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: team\n";
    expect(await failsWithoutChange(s, "kubectl apply -f -", widget)).toEqual({
      output: 'error: resource mapping not found for name: "w" namespace: "team" from "STDIN": no matches for kind "Widget" in version "networking.k8s.io/v1"\nensure CRDs are installed first\n',
      exitCode: 1,
    });
    expect((await failsWithoutChange(s, "kubectl create -f -", "apiVersion: v9\nkind: Service\nmetadata:\n  name: w\n")).output).toBe(
      'error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Service" in version "v9"\nensure CRDs are installed first\n',
    );
  });

  it("unknown fields: strict decoding error from the server", async () => {
    expect(await failsWithoutChange(s, "kubectl apply -f -", "apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata:\n  name: bad\nspec:\n  cidr: 10.0.0.0/24\n")).toEqual({
      output: 'Error from server (BadRequest): error when creating "STDIN": ServiceCIDR in version "v1" cannot be handled as a ServiceCIDR: strict decoding error: unknown field "spec.cidr"\n',
      exitCode: 1,
    });
  });

  it("wrong types: the JSON decoder's words", async () => {
    const r = await failsWithoutChange(s, "kubectl create -f -", 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n  - port: "eighty"\n');
    expect(r.output).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32\n',
    );
  });

  it("missing apiVersion or kind: client-side validation", async () => {
    expect(await failsWithoutChange(s, "kubectl apply -f -", "metadata:\n  name: x\n")).toEqual({
      output: 'error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
      exitCode: 1,
    });
    expect((await failsWithoutChange(s, "kubectl create -f -", "apiVersion: v1\nmetadata:\n  name: x\n")).output).toBe(
      'error: error validating "STDIN": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
  });

  it("malformed YAML: error parsing <source>: error converting YAML to JSON: yaml: line N: ...", async () => {
    expect(await failsWithoutChange(s, "kubectl apply -f -", "apiVersion: v1\nkind: Service\nmetadata: name: x\n")).toEqual({
      output: "error: error parsing STDIN: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n",
      exitCode: 1,
    });
    expect((await failsWithoutChange(s, "kubectl apply -f -", "apiVersion: v1\nkind: Service\nmetadata:\n\tname: x\n")).output).toBe(
      "error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n",
    );
    await writeFile(s, "/root/bad.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels: [a\n");
    expect((await failsWithoutChange(s, "kubectl create -f /root/bad.yaml")).output).toBe(
      "error: error parsing /root/bad.yaml: error converting YAML to JSON: yaml: line 5: did not find expected ',' or ']'\n",
    );
    // Lines count from the start of the failing document.
    expect((await failsWithoutChange(s, "kubectl create -f -", `${SERVICE("ok1")}---\napiVersion: v1\nkind: Service\nmetadata: name: x\n`)).output).toMatch(
      /error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n$/,
    );
  });

  it("--dry-run=client and --dry-run=server change nothing and say so", async () => {
    const before = fingerprint(s);
    expect(await withStdin(s, "kubectl apply -f - --dry-run=client", SERVICE_CIDR("dry", ["10.97.0.0/24"]))).toEqual({
      output: "servicecidr.networking.k8s.io/dry created (dry run)\n",
      exitCode: 0,
    });
    expect(await withStdin(s, "kubectl create -f - --dry-run=server", SERVICE_CIDR("dry", ["10.97.0.0/24"]))).toEqual({
      output: "servicecidr.networking.k8s.io/dry created (server dry run)\n",
      exitCode: 0,
    });
    expect(await withStdin(s, "kubectl apply -f - --dry-run=server", SERVICE_CIDR("dry", ["10.97.0.0/24"]))).toEqual({
      output: "servicecidr.networking.k8s.io/dry created (server dry run)\n",
      exitCode: 0,
    });
    expect(fingerprint(s)).toBe(before);
    // A server dry run still validates.
    expect((await failsWithoutChange(s, "kubectl create -f - --dry-run=server", SERVICE_CIDR("dry", ["10.97.0.0/33"]))).output).toMatch(/^The ServiceCIDR "dry" is invalid/);
    expect((await failsWithoutChange(s, "kubectl create -f - --dry-run=maybe", SERVICE_CIDR("dry", ["10.97.0.0/24"]))).output).toBe(
      'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n',
    );
  });

  it("-o name and -o yaml print the written object instead of the success line", async () => {
    expect(await withStdin(s, "kubectl apply -f - -o name", SERVICE("named"))).toEqual({ output: "service/named\n", exitCode: 0 });
    const y = await withStdin(s, "kubectl create -f - -o yaml", SERVICE_CIDR("shown", ["10.97.0.0/24"]));
    expect(y.output).toMatch(/^apiVersion: networking.k8s.io\/v1\nkind: ServiceCIDR\nmetadata:\n  creationTimestamp: /);
  });

  it("no -f: create prints its usage to stderr; apply a plain error", async () => {
    const c = await failsWithoutChange(s, "kubectl create");
    expect(c.output.startsWith("Error: must specify one of -f and -k\n\n")).toBe(true);
    expect((await failsWithoutChange(s, "kubectl create foo")).output).toBe("Error: must specify one of -f and -k\n\nerror: unknown command \"foo\"\nSee 'kubectl create -h' for help and examples\n");
    expect(await failsWithoutChange(s, "kubectl apply")).toEqual({ output: "error: must specify one of -f and -k\n", exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl apply -f /nope.yaml")).toEqual({ output: 'error: the path "/nope.yaml" does not exist\n', exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl create -f -", "")).toEqual({ output: "error: no objects passed to create\n", exitCode: 1 });
  });
});

describe("kubectl create service", () => {
  let s: Session;
  beforeEach(async () => {
    s = await cluster();
  });

  it("clusterip with --tcp: port name from the spec, label and selector app=NAME", async () => {
    expect(await run(s, "kubectl create service clusterip web --tcp 80:8080 --tcp 443")).toEqual({ output: "service/web created\n", exitCode: 0 });
    const ports = await run(s, `kubectl get svc web -o jsonpath='{range .spec.ports[*]}{.name}/{.port}/{.targetPort}/{.protocol} {end}{.metadata.labels.app} {.spec.selector.app}'`);
    expect(ports.output).toBe("80-8080/80/8080/TCP 443/443/443/TCP web web");
  });

  it("--clusterip picks the address; None makes a headless service", async () => {
    await run(s, "kubectl create service clusterip fixed --tcp 80 --clusterip 10.96.0.50");
    expect((await run(s, "kubectl get svc fixed -o jsonpath='{.spec.clusterIP}'")).output).toBe("10.96.0.50");
    expect((await run(s, "kubectl create service clusterip headless --clusterip None")).output).toBe("service/headless created\n");
    expect((await run(s, "kubectl get svc headless --no-headers")).output).toMatch(/^headless +ClusterIP +None +<none> +<none> +\S+\n$/);
  });

  it("nodeport with --node-port, loadbalancer, externalname", async () => {
    expect((await run(s, "kubectl create service nodeport np --tcp 80 --node-port 30080")).output).toBe("service/np created\n");
    expect((await run(s, "kubectl get svc np --no-headers")).output).toMatch(/^np +NodePort +\S+ +<none> +80:30080\/TCP /);
    expect((await run(s, "kubectl create service loadbalancer lb --tcp 80")).output).toBe("service/lb created\n");
    expect((await run(s, "kubectl get svc lb --no-headers")).output).toMatch(/^lb +LoadBalancer +\S+ +<pending> +80:3\d{4}\/TCP /);
    expect((await run(s, "kubectl create service externalname ext --external-name db.example.com")).output).toBe("service/ext created\n");
    expect((await run(s, "kubectl get svc ext --no-headers")).output).toMatch(/^ext +ExternalName +<none> +db\.example\.com +<none> /);
  });

  it("-o json prints the created object (the docs pipe it into jq)", async () => {
    const r = await run(s, "kubectl create service clusterip test-1 --tcp 80 -o json");
    expect(JSON.parse(r.output).spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\./);
    expect(r.output).toMatch(/^\{\n    "kind": "Service",\n    "apiVersion": "v1",\n    "metadata": \{\n        "name": "test-1",\n        "namespace": "default",\n/);
    const y = await run(s, "kubectl create service clusterip test-2 --tcp 80 -o yaml");
    expect(y.output).toMatch(/^apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: "/);
  });

  it("dry runs", async () => {
    const before = fingerprint(s);
    expect((await run(s, "kubectl create service clusterip d --tcp 80 --dry-run=client")).output).toBe("service/d created (dry run)\n");
    expect((await run(s, "kubectl create service clusterip d --tcp 80 --dry-run=server")).output).toBe("service/d created (server dry run)\n");
    expect((await run(s, "kubectl create namespace d --dry-run=client")).output).toBe("namespace/d created (dry run)\n");
    expect(fingerprint(s)).toBe(before);
  });

  it("client-side errors", async () => {
    expect(await failsWithoutChange(s, "kubectl create service clusterip nope")).toEqual({ output: "error: at least one tcp port specifier must be provided\n", exitCode: 1 });
    expect((await failsWithoutChange(s, "kubectl create service nodeport nope --tcp 80 --clusterip None")).output).toBe(
      "error: unknown flag: --clusterip\nSee 'kubectl create service nodeport --help' for usage.\n",
    );
    expect((await failsWithoutChange(s, "kubectl create service clusterip")).output).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create service clusterip -h' for help and examples\n",
    );
    expect((await failsWithoutChange(s, "kubectl create service clusterip a b --tcp 80")).output).toBe(
      "error: exactly one NAME is required, got 2\nSee 'kubectl create service clusterip -h' for help and examples\n",
    );
    expect((await failsWithoutChange(s, "kubectl create service externalname e")).output).toBe('error: required flag(s) "external-name" not set\n');
    expect((await failsWithoutChange(s, "kubectl create service externalname e --external-name Bad_Name")).output).toBe("error: invalid service external name Bad_Name\n");
    expect((await failsWithoutChange(s, "kubectl create service clusterip p --tcp abc")).output).toBe('error: strconv.ParseUint: parsing "abc": invalid syntax\n');
    expect((await failsWithoutChange(s, "kubectl create service clusterip p --tcp 70000")).output).toBe('error: strconv.ParseUint: parsing "70000": value out of range\n');
    expect((await failsWithoutChange(s, "kubectl create service clusterip p --tcp 80:0")).output).toBe("error: must be between 1 and 65535, inclusive\n");
    expect((await failsWithoutChange(s, "kubectl create service clusterip p --tcp 80:web--x")).output).toBe("error: must not contain consecutive hyphens\n");
    expect((await failsWithoutChange(s, "kubectl create service foo x")).output).toBe("error: unknown command \"foo x\"\nSee 'kubectl create service -h' for help and examples\n");
    const bare = await failsWithoutChange(s, "kubectl create service");
    expect(bare.output.startsWith("Create a service using a specified subcommand.\n\nAliases:\nservice, svc\n\nAvailable Commands:\n  clusterip ")).toBe(true);
  });

  it("server errors are wrapped: failed to create <Type> service: ...", async () => {
    await run(s, "kubectl create service clusterip dup --tcp 80");
    expect(await failsWithoutChange(s, "kubectl create service clusterip dup --tcp 80")).toEqual({
      output: 'error: failed to create ClusterIP service: services "dup" already exists\n',
      exitCode: 1,
    });
    expect((await failsWithoutChange(s, "kubectl create service clusterip out --tcp 80 --clusterip 1.1.1.1")).output).toBe(
      'error: failed to create ClusterIP service: Service "out" is invalid: spec.clusterIPs: Invalid value: ["1.1.1.1"]: failed to allocate IP 1.1.1.1: the provided network does not match the current range\n',
    );
    expect((await stderr(s, "kubectl create service clusterip out --tcp 80 --clusterip 1.1.1.1")).output).toMatch(/^error: failed to create ClusterIP service/);
  });

  it("create namespace", async () => {
    expect(await run(s, "kubectl create namespace team")).toEqual({ output: "namespace/team created\n", exitCode: 0 });
    expect(await failsWithoutChange(s, "kubectl create namespace team")).toEqual({ output: 'Error from server (AlreadyExists): namespaces "team" already exists\n', exitCode: 1 });
    expect((await failsWithoutChange(s, "kubectl create namespace")).output).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n");
  });
});

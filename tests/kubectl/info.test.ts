/**
 * kubectl api-resources, version and explain (k8s.io/kubectl/pkg/cmd/apiresources, version, explain and
 * pkg/explain/v2/templates/plaintext.tmpl, v0.34).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/shell/session.ts";
import { cluster, failsWithoutChange, run } from "./kubectl-helpers.ts";

describe("kubectl api-resources", () => {
  let s: Session;
  beforeAll(async () => {
    s = await cluster();
  });

  it("columns NAME SHORTNAMES APIVERSION NAMESPACED KIND, core group first, then by group and name", async () => {
    expect(await run(s, "kubectl api-resources")).toEqual({
      output: `NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND
configmaps                          cm           v1                                true         ConfigMap
events                              ev           v1                                true         Event
namespaces                          ns           v1                                false        Namespace
nodes                               no           v1                                false        Node
pods                                po           v1                                true         Pod
services                            svc          v1                                true         Service
validatingadmissionpolicies                      admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicy
validatingadmissionpolicybindings                admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicyBinding
daemonsets                          ds           apps/v1                           true         DaemonSet
deployments                         deploy       apps/v1                           true         Deployment
replicasets                         rs           apps/v1                           true         ReplicaSet
leases                                           coordination.k8s.io/v1            true         Lease
endpointslices                                   discovery.k8s.io/v1               true         EndpointSlice
ipaddresses                                      networking.k8s.io/v1              false        IPAddress
servicecidrs                                     networking.k8s.io/v1              false        ServiceCIDR
`,
      exitCode: 0,
    });
  });

  it("-o wide adds VERBS and CATEGORIES", async () => {
    const r = await run(s, "kubectl api-resources -o wide");
    expect(r.output.split("\n")[0]).toBe(
      "NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND                               VERBS                                                          CATEGORIES",
    );
    expect(r.output).toContain("\nservices                            svc          v1                                true         Service                            [create delete deletecollection get list patch update watch]   all\n");
  });

  it("-o name, --namespaced=false, --api-group, --no-headers, --sort-by", async () => {
    expect((await run(s, "kubectl api-resources -o name")).output).toBe(
      "configmaps\nevents\nnamespaces\nnodes\npods\nservices\nvalidatingadmissionpolicies.admissionregistration.k8s.io\nvalidatingadmissionpolicybindings.admissionregistration.k8s.io\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nleases.coordination.k8s.io\nendpointslices.discovery.k8s.io\nipaddresses.networking.k8s.io\nservicecidrs.networking.k8s.io\n",
    );
    expect((await run(s, "kubectl api-resources --namespaced=false --no-headers")).output).toBe(
      // minwidth 6: the SHORTNAMES column stays six wide for "ns".
      "namespaces                          ns    v1                                false   Namespace\nnodes                               no    v1                                false   Node\nvalidatingadmissionpolicies               admissionregistration.k8s.io/v1   false   ValidatingAdmissionPolicy\nvalidatingadmissionpolicybindings         admissionregistration.k8s.io/v1   false   ValidatingAdmissionPolicyBinding\nipaddresses                               networking.k8s.io/v1              false   IPAddress\nservicecidrs                              networking.k8s.io/v1              false   ServiceCIDR\n",
    );
    expect((await run(s, "kubectl api-resources --namespaced=true -o name")).output).toBe(
      "configmaps\nevents\npods\nservices\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nleases.coordination.k8s.io\nendpointslices.discovery.k8s.io\n",
    );
    expect((await run(s, "kubectl api-resources --api-group=networking.k8s.io -o name")).output).toBe("ipaddresses.networking.k8s.io\nservicecidrs.networking.k8s.io\n");
    expect((await run(s, "kubectl api-resources --api-group= -o name")).output).toBe("configmaps\nevents\nnamespaces\nnodes\npods\nservices\n");
    expect((await run(s, "kubectl api-resources --sort-by=kind -o name")).output).toBe(
      "configmaps\ndaemonsets.apps\ndeployments.apps\nendpointslices.discovery.k8s.io\nevents\nipaddresses.networking.k8s.io\nleases.coordination.k8s.io\nnamespaces\nnodes\npods\nreplicasets.apps\nservices\nservicecidrs.networking.k8s.io\nvalidatingadmissionpolicies.admissionregistration.k8s.io\nvalidatingadmissionpolicybindings.admissionregistration.k8s.io\n",
    );
    expect((await run(s, "kubectl api-resources --verbs=deletecollection -o name")).output).not.toContain("namespaces");
  });

  it("errors", async () => {
    expect(await failsWithoutChange(s, "kubectl api-resources --sort-by=age")).toEqual({ output: "error: --sort-by accepts only name or kind\n", exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl api-resources svc")).toEqual({ output: "error: unexpected arguments: [svc]\nSee 'kubectl api-resources -h' for help and examples\n", exitCode: 1 });
  });
});

describe("kubectl version", () => {
  let s: Session;
  beforeAll(async () => {
    s = await cluster();
  });

  it("Client Version, Kustomize Version, Server Version", async () => {
    expect(await run(s, "kubectl version")).toEqual({ output: "Client Version: v1.34.1\nKustomize Version: v5.7.1\nServer Version: v1.34.1\n", exitCode: 0 });
    expect(await run(s, "kubectl version --client")).toEqual({ output: "Client Version: v1.34.1\nKustomize Version: v5.7.1\n", exitCode: 0 });
  });

  it("-o json: two-space indent, clientVersion, kustomizeVersion, serverVersion in that order", async () => {
    const r = await run(s, "kubectl version -o json");
    expect(r.output).toMatch(/^\{\n  "clientVersion": \{\n    "major": "1",\n    "minor": "34",\n    "gitVersion": "v1\.34\.1",\n/);
    expect(r.output).toMatch(/\n  \},\n  "kustomizeVersion": "v5\.7\.1",\n  "serverVersion": \{\n/);
    const parsed = JSON.parse(r.output);
    expect(parsed.clientVersion.platform).toBe("linux/amd64");
    expect(parsed.serverVersion.gitVersion).toBe("v1.34.1");
    expect(JSON.parse((await run(s, "kubectl version --client -o json")).output)).not.toHaveProperty("serverVersion");
    expect((await run(s, "kubectl version -o yaml")).output).toMatch(/^clientVersion:\n  buildDate: "[^"]+"\n  compiler: gc\n/);
  });

  // src/apiserver: a 1.34 server's /version carries the compatibility-version fields
  // (k8s.io/apimachinery/pkg/version Info: emulationMajor, emulationMinor, minCompatibilityMajor, minCompatibilityMinor).
  it.skip("apiserver: serverVersion has emulationMajor/emulationMinor/minCompatibilityMajor/minCompatibilityMinor", async () => {
    const r = await run(s, "kubectl version -o json");
    expect(r.output).toMatch(/"serverVersion": \{\n    "major": "1",\n    "minor": "34",\n    "emulationMajor": "1",\n    "emulationMinor": "34",\n    "minCompatibilityMajor": "1",\n    "minCompatibilityMinor": "33",\n    "gitVersion": "v1\.34\.1",/);
  });

  it("errors", async () => {
    expect(await failsWithoutChange(s, "kubectl version -o table")).toEqual({ output: "error: --output must be 'yaml' or 'json'\n", exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl version now")).toEqual({ output: "error: extra arguments: [now]\n", exitCode: 1 });
  });
});

describe("kubectl explain", () => {
  let s: Session;
  beforeAll(async () => {
    s = await cluster();
  });

  it("a kind: GROUP, KIND, VERSION, DESCRIPTION (a line of four spaces after it), FIELDS with a tab", async () => {
    const r = await run(s, "kubectl explain servicecidr");
    expect(r.exitCode).toBe(0);
    expect(r.output.startsWith(`GROUP:      networking.k8s.io
KIND:       ServiceCIDR
VERSION:    v1

DESCRIPTION:
    ServiceCIDR defines a range of IP addresses using CIDR format (e.g.
    192.168.0.0/24 or 2001:db2::/64). This range is used to allocate ClusterIPs
    to Service objects.
    
FIELDS:
  apiVersion\t<string>
    APIVersion defines the versioned schema of this representation of an object.
`)).toBe(true);
    expect(r.output).toContain("\n  metadata\t<ObjectMeta>\n");
    expect(r.output).toContain("\n  spec\t<ServiceCIDRSpec>\n");
    // Every field ends with a blank line, and the template adds one more newline at the end.
    expect(r.output.endsWith("\n\n\n")).toBe(true);
    // The core group has no GROUP line.
    expect((await run(s, "kubectl explain svc")).output.startsWith("KIND:       Service\nVERSION:    v1\n\nDESCRIPTION:\n")).toBe(true);
  });

  it("a field path: FIELD: <name> <type>, then its fields", async () => {
    const r = await run(s, "kubectl explain servicecidr.spec");
    expect(r.output).toBe(`GROUP:      networking.k8s.io
KIND:       ServiceCIDR
VERSION:    v1

FIELD: spec <ServiceCIDRSpec>


DESCRIPTION:
    spec is the desired state of the ServiceCIDR.
    
FIELDS:
  cidrs\t<[]string>
    CIDRs defines the IP blocks in CIDR notation (e.g. "192.168.0.0/24" or
    "2001:db8::/64") from which to assign service cluster IPs. Max of two CIDRs
    is allowed, one of each IP family. This field is immutable.


`);
  });

  it("a field with an enum: the ENUM block under FIELD, `enum:` lines in field lists", async () => {
    const r = await run(s, "kubectl explain svc.spec.type");
    expect(r.output.startsWith("KIND:       Service\nVERSION:    v1\n\nFIELD: type <string>\nENUM:\n    ClusterIP\n    ExternalName\n    LoadBalancer\n    NodePort\n\nDESCRIPTION:\n")).toBe(true);
    expect((await run(s, "kubectl explain svc.spec")).output).toContain("\n  type\t<string>\n  enum: ClusterIP, ExternalName, LoadBalancer, NodePort\n");
  });

  it("--recursive: names and types only, indented two spaces per level", async () => {
    const r = await run(s, "kubectl explain servicecidr --recursive");
    expect(r.output).toContain(`FIELDS:
  apiVersion\t<string>
  kind\t<string>
  metadata\t<ObjectMeta>
    annotations\t<map[string]string>
`);
    expect(r.output).toContain(`  spec\t<ServiceCIDRSpec>
    cidrs\t<[]string>
  status\t<ServiceCIDRStatus>
    conditions\t<[]Condition>
      lastTransitionTime\t<string> -required-
`);
    expect(r.output.endsWith("      type\t<string> -required-\n\n")).toBe(true);
  });

  it("errors: an unknown field, an unknown type, no type", async () => {
    expect(await failsWithoutChange(s, "kubectl explain servicecidr.spec.cidr")).toEqual({ output: 'error: field "cidr" does not exist\n', exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl explain widgets")).toEqual({ output: 'error: the server doesn\'t have a resource type "widgets"\n', exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl explain")).toEqual({
      output: 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
      exitCode: 1,
    });
  });
});

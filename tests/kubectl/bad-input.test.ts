/**
 * Bad input never changes the cluster: every command below fails (non-zero exit), and the store's
 * fingerprint is byte-for-byte the same before and after it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/shell/session.ts";
import { cluster, fingerprint, run, SERVICE_CIDR, withStdin, writeFile } from "./kubectl-helpers.ts";

const BAD_COMMANDS: string[] = [
  // Unknown commands, flags and values.
  "kubectl frobnicate",
  "kubectl gett svc",
  "kubectl get svc --foo",
  "kubectl get svc -x",
  "kubectl get svc -o",
  "kubectl delete svc web --grace-period=soon",
  "kubectl delete svc web --wait=perhaps",
  "kubectl delete svc web --timeout=10",
  "kubectl get foo",
  "kubectl delete foo web",
  "kubectl label foo web a=b",
  // get / describe.
  "kubectl get",
  "kubectl get svc nope",
  "kubectl get svc web -A",
  "kubectl get svc web -l a=b",
  "kubectl get svc -o foo",
  "kubectl get svc -o jsonpath='{.items[0'",
  "kubectl get svc --sort-by=.nothing",
  "kubectl describe",
  "kubectl describe svc nope",
  // create / apply without input.
  "kubectl create",
  "kubectl create foo",
  "kubectl apply",
  "kubectl apply -f /does/not/exist.yaml",
  // create service.
  "kubectl create service",
  "kubectl create service clusterip",
  "kubectl create service clusterip web --tcp 80",
  "kubectl create service clusterip other",
  "kubectl create service clusterip other --tcp abc",
  "kubectl create service clusterip other --tcp 80 --clusterip 1.1.1.1",
  "kubectl create service clusterip other --tcp 80 --clusterip 10.96.0.1",
  "kubectl create service nodeport other --tcp 80 --clusterip None",
  "kubectl create service nodeport other --tcp 80 --node-port 99999",
  "kubectl create service externalname other",
  "kubectl create service externalname other --external-name Bad_Name",
  "kubectl create namespace",
  "kubectl create namespace Bad_Name",
  // delete.
  "kubectl delete",
  "kubectl delete svc",
  "kubectl delete svc nope",
  "kubectl delete svc web -o yaml",
  "kubectl delete svc web --force --grace-period=5",
  "kubectl delete svc --all -l a=b",
  "kubectl delete svc web --all",
  // patch / label / annotate.
  "kubectl patch svc web",
  "kubectl patch svc web -p '{bad'",
  "kubectl patch svc web --type foo -p '{}'",
  "kubectl patch svc nope -p '{}'",
  `kubectl patch svc web -p '{"spec":{"ports":[{"port":"eighty"}]}}'`,
  `kubectl patch svc web --type json -p '[{"op":"remove","path":"/metadata/labels/none"}]'`,
  `kubectl patch servicecidr kubernetes --type merge -p '{"spec":{"cidrs":["10.0.0.0/24"]}}'`,
  "kubectl label svc web app=other",
  "kubectl label svc web",
  "kubectl label svc web 'bad key=x'",
  "kubectl label svc web a=b=c",
  "kubectl annotate svc web note=other",
  // api-resources / version / explain.
  "kubectl api-resources -o json",
  "kubectl api-resources --sort-by=age",
  "kubectl version -o table",
  "kubectl explain",
  "kubectl explain servicecidr.spec.cidr",
  "kubectl explain widgets",
];

const BAD_MANIFESTS: [string, string][] = [
  ["kubectl apply -f -", SERVICE_CIDR("bad", ["10.97.0.0/33"])],
  ["kubectl create -f -", SERVICE_CIDR("bad", ["10.97.0.1/24"])],
  ["kubectl create -f -", SERVICE_CIDR("Bad_Name", ["10.97.0.0/24"])],
  ["kubectl create -f -", SERVICE_CIDR("kubernetes", ["10.96.0.0/12"])],
  ["kubectl apply -f -", SERVICE_CIDR("kubernetes", ["10.96.0.0/16"])],
  ["kubectl apply -f -", "apiVersion: networking.k8s.io/v1\nkind: Widget\nmetadata:\n  name: w\n"],
  ["kubectl apply -f -", "apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata:\n  name: bad\nspec:\n  cidr: 10.0.0.0/24\n"],
  ["kubectl apply -f -", 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n  - port: "eighty"\n'],
  ["kubectl apply -f -", "metadata:\n  name: x\n"],
  ["kubectl apply -f -", "apiVersion: v1\nkind: Service\nmetadata: name: x\n"],
  ["kubectl apply -f -", "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels: [a\n"],
  ["kubectl create -f -", ""],
  ["kubectl delete -f -", SERVICE_CIDR("nope", ["10.97.0.0/24"])],
];

describe("bad input never changes the cluster", () => {
  let s: Session;
  beforeAll(async () => {
    s = await cluster();
    await run(s, "kubectl create service clusterip web --tcp 80");
    await run(s, "kubectl annotate svc web note=hello");
    await writeFile(s, "/root/ok.yaml", SERVICE_CIDR("ok", ["10.98.0.0/24"]));
  });

  it.each(BAD_COMMANDS)("%s", async (command) => {
    const before = fingerprint(s);
    const r = await run(s, command);
    expect(r.exitCode, r.output).not.toBe(0);
    expect(r.output).not.toBe("");
    expect(fingerprint(s)).toBe(before);
  });

  it.each(BAD_MANIFESTS)("%s with a bad manifest (#%#)", async (command, manifest) => {
    const before = fingerprint(s);
    const r = await withStdin(s, command, manifest);
    expect(r.exitCode, r.output).not.toBe(0);
    expect(fingerprint(s)).toBe(before);
  });

  it("dry runs of good input change nothing either", async () => {
    const before = fingerprint(s);
    for (const c of [
      "kubectl apply -f /root/ok.yaml --dry-run=client",
      "kubectl apply -f /root/ok.yaml --dry-run=server",
      "kubectl create -f /root/ok.yaml --dry-run=server",
      "kubectl create service clusterip d --tcp 80 --dry-run=server",
      "kubectl delete svc web --dry-run=server",
      "kubectl delete servicecidr kubernetes --dry-run=client",
      "kubectl label svc web x=y --dry-run=server",
      `kubectl patch svc web -p '{"metadata":{"labels":{"x":"y"}}}' --dry-run=server`,
    ]) {
      expect((await run(s, c)).exitCode, c).toBe(0);
    }
    expect(fingerprint(s)).toBe(before);
  });
});

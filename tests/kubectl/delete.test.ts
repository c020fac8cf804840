/**
 * kubectl delete (k8s.io/kubectl/pkg/cmd/delete/delete.go, v0.34): the 1.34 wording
 * (`service "x" deleted from default namespace`, cluster-scoped objects without the suffix), -f,
 * --all, -l, --ignore-not-found, --wait, --force, dry runs, and the builder's errors.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Session } from "../../src/shell/session.ts";
import { cluster, failsWithoutChange, fingerprint, run, SERVICE_CIDR, stderr, stdout, withStdin, writeFile } from "./kubectl-helpers.ts";

describe("kubectl delete", () => {
  let s: Session;
  beforeEach(async () => {
    s = await cluster();
    for (const n of ["a", "b", "c"]) await run(s, `kubectl create service clusterip ${n} --tcp 80`);
    await run(s, "kubectl label svc a b tier=web");
  });

  it("by name: `<kind> \"<name>\" deleted from <ns> namespace` (1.34); cluster-scoped without the suffix", async () => {
    expect(await run(s, "kubectl delete svc a")).toEqual({ output: 'service "a" deleted from default namespace\n', exitCode: 0 });
    expect(await run(s, "kubectl delete service b c")).toEqual({ output: 'service "b" deleted from default namespace\nservice "c" deleted from default namespace\n', exitCode: 0 });
    await withStdin(s, "kubectl apply -f -", SERVICE_CIDR("newcidr1", ["10.97.0.0/24"]));
    expect(await run(s, "kubectl delete servicecidr newcidr1")).toEqual({ output: 'servicecidr.networking.k8s.io "newcidr1" deleted\n', exitCode: 0 });
    expect(await run(s, "kubectl get servicecidr newcidr1")).toEqual({ output: 'Error from server (NotFound): servicecidrs.networking.k8s.io "newcidr1" not found\n', exitCode: 1 });
    await run(s, "kubectl create namespace team");
    await run(s, "kubectl create service clusterip t --tcp 80 -n team");
    expect((await run(s, "kubectl delete svc/t -n team")).output).toBe('service "t" deleted from team namespace\n');
  });

  it("a missing name: NotFound, exit 1; with --ignore-not-found nothing", async () => {
    expect(await failsWithoutChange(s, "kubectl delete svc nope")).toEqual({ output: 'Error from server (NotFound): services "nope" not found\n', exitCode: 1 });
    expect((await run(s, "kubectl delete svc a nope")).output).toBe('service "a" deleted from default namespace\nError from server (NotFound): services "nope" not found\n');
    expect(await run(s, "kubectl delete svc nope --ignore-not-found")).toEqual({ output: "", exitCode: 0 });
  });

  it("-l and --all; `No resources found` goes to stdout", async () => {
    expect(await run(s, "kubectl delete svc -l tier=web")).toEqual({ output: 'service "a" deleted from default namespace\nservice "b" deleted from default namespace\n', exitCode: 0 });
    expect(await run(s, "kubectl delete svc -l tier=web")).toEqual({ output: "No resources found\n", exitCode: 0 });
    expect((await stdout(s, "kubectl delete svc -l tier=web")).output).toBe("No resources found\n");
    const all = await run(s, "kubectl delete svc --all");
    expect(all.output).toBe('service "c" deleted from default namespace\nservice "kubernetes" deleted from default namespace\n');
  });

  it("-f: the objects of a manifest; NotFound names the source", async () => {
    await writeFile(s, "/root/sc.yaml", SERVICE_CIDR("newcidr1", ["10.97.0.0/24"]));
    await run(s, "kubectl apply -f /root/sc.yaml");
    expect(await run(s, "kubectl delete -f /root/sc.yaml")).toEqual({ output: 'servicecidr.networking.k8s.io "newcidr1" deleted\n', exitCode: 0 });
    expect(await failsWithoutChange(s, "kubectl delete -f /root/sc.yaml")).toEqual({
      output: 'Error from server (NotFound): error when deleting "/root/sc.yaml": servicecidrs.networking.k8s.io "newcidr1" not found\n',
      exitCode: 1,
    });
    expect(await run(s, "kubectl delete -f /root/sc.yaml --ignore-not-found")).toEqual({ output: "", exitCode: 0 });
    const stdin = await withStdin(s, "kubectl delete -f -", "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n");
    expect(stdin).toEqual({ output: 'service "a" deleted from default namespace\n', exitCode: 0 });
  });

  it("-o name", async () => {
    expect(await run(s, "kubectl delete svc a -o name")).toEqual({ output: "service/a\n", exitCode: 0 });
    expect((await failsWithoutChange(s, "kubectl delete svc b -o yaml")).output).toBe("error: unexpected -o output mode: yaml. We only support '-o name'\n");
  });

  it("dry runs print the suffix after the namespace and change nothing", async () => {
    const before = fingerprint(s);
    expect((await run(s, "kubectl delete svc a --dry-run=client")).output).toBe('service "a" deleted from default namespace (dry run)\n');
    expect((await run(s, "kubectl delete svc a --dry-run=server")).output).toBe('service "a" deleted from default namespace (server dry run)\n');
    expect((await run(s, "kubectl delete servicecidr kubernetes --dry-run=server")).output).toBe('servicecidr.networking.k8s.io "kubernetes" deleted (server dry run)\n');
    expect(fingerprint(s)).toBe(before);
  });

  it("--force (with or without --grace-period=0): force deleted and the warning", async () => {
    const r = await run(s, "kubectl delete svc a --force --grace-period=0");
    expect(r).toEqual({
      output:
        'service "a" force deleted from default namespace\n' +
        "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n",
      exitCode: 0,
    });
    expect((await stderr(s, "kubectl delete svc b --force")).output).toMatch(/^Warning: Immediate deletion/);
    // --grace-period=0 alone becomes 1: an ordinary delete.
    expect(await run(s, "kubectl delete svc c --grace-period=0")).toEqual({ output: 'service "c" deleted from default namespace\n', exitCode: 0 });
    expect((await failsWithoutChange(s, "kubectl delete svc kubernetes --force --grace-period=5")).output).toBe("error: --force and --grace-period greater than 0 cannot be specified together\n");
    expect((await failsWithoutChange(s, "kubectl delete svc kubernetes --now --grace-period=5")).output).toBe("error: --now and --grace-period cannot be specified together\n");
  });

  it("--wait=false returns at once; a finalizer-held ServiceCIDR gets the sandbox's note", async () => {
    await withStdin(s, "kubectl apply -f -", SERVICE_CIDR("newcidr1", ["10.200.0.0/24"]));
    await run(s, "kubectl create service clusterip held --tcp 80 --clusterip 10.200.0.5");
    expect(await run(s, "kubectl delete servicecidr newcidr1 --wait=false")).toEqual({ output: 'servicecidr.networking.k8s.io "newcidr1" deleted\n', exitCode: 0 });
    expect((await run(s, "kubectl get servicecidr newcidr1 -o jsonpath='{.metadata.finalizers[0]} {.status.conditions[0].reason}'")).output).toBe(
      "networking.k8s.io/service-cidr-finalizer Terminating",
    );
    const waiting = await run(s, "kubectl delete servicecidr newcidr1");
    expect(waiting.exitCode).toBe(0);
    expect(waiting.output).toBe(
      'servicecidr.networking.k8s.io "newcidr1" deleted\n' +
        '(sandbox) servicecidr.networking.k8s.io "newcidr1" is still terminating: its finalizer networking.k8s.io/service-cidr-finalizer holds it until nothing depends on it. A real kubectl would keep waiting here until you press Ctrl+C; use --wait=false to return at once.\n',
    );
    // Once the service is gone the finalizer lets go.
    expect((await run(s, "kubectl delete svc held")).output).toBe('service "held" deleted from default namespace\n');
    await run(s, "true");
    expect((await run(s, "kubectl get servicecidr newcidr1")).output).toBe('Error from server (NotFound): servicecidrs.networking.k8s.io "newcidr1" not found\n');
  });

  it("an explicit -n on a cluster-scoped object warns once", async () => {
    await withStdin(s, "kubectl apply -f -", SERVICE_CIDR("newcidr1", ["10.97.0.0/24"]));
    expect(await run(s, "kubectl delete servicecidr newcidr1 -n default")).toEqual({
      output: 'servicecidr.networking.k8s.io "newcidr1" deleted\nWarning: deleting cluster-scoped resources, not scoped to the provided namespace\n',
      exitCode: 0,
    });
  });

  it("errors of the arguments", async () => {
    expect(await failsWithoutChange(s, "kubectl delete")).toEqual({
      output: `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`,
      exitCode: 1,
    });
    expect(await failsWithoutChange(s, "kubectl delete svc")).toEqual({ output: "error: resource(s) were provided, but no name was specified\n", exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl delete widgets x")).toEqual({ output: 'error: the server doesn\'t have a resource type "widgets"\n', exitCode: 1 });
    expect((await failsWithoutChange(s, "kubectl delete svc a --all")).output).toBe("error: name cannot be provided when a selector is specified\n");
    expect((await failsWithoutChange(s, "kubectl delete svc --all -l x=y")).output).toBe("error: setting 'all' parameter but found a non empty selector. \n");
    expect((await failsWithoutChange(s, "kubectl delete svc a -A")).output).toBe("error: a resource cannot be retrieved by name across all namespaces\n");
    expect((await failsWithoutChange(s, "kubectl delete svc a --cascade=sometimes")).output).toBe('error: invalid cascade value (sometimes). Must be "background", "foreground", or "orphan"\n');
  });
});

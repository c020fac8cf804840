/**
 * kubectl against a bare control plane (no shell): the fastest way to assert the exact text a learner
 * sees for Service requests. `svc` builds a Service manifest; `kubectl` runs argv with stdin.
 */
import { runKubectl } from "../../../src/kubectl/index.ts";
import type { CommandResult } from "../../../src/kubectl/env.ts";
import { newCluster, type TestCluster } from "../harness.ts";

export interface Kube {
  tc: TestCluster;
  /** Runs kubectl; `out` is stdout then stderr, as a terminal shows them. */
  kubectl(args: string | string[], stdin?: string): CommandResult & { out: string };
  /** `kubectl create -f -` of a Service with this spec (no ports means one TCP/80 port). */
  create(name: string, spec: Record<string, unknown>): CommandResult & { out: string };
  /** A field of a Service through jsonpath. */
  get(name: string, jsonpath: string): string;
}

export function kube(range: string): Kube {
  const tc = newCluster({ range, controllerManager: false });
  const kubectl = (args: string | string[], stdin = "") => {
    const argv = typeof args === "string" ? args.split(" ").filter(Boolean) : args;
    const r = runKubectl(argv, {
      client: () => tc.api,
      namespace: "default",
      stdin,
      readFile: () => null,
      waitFor: (done) => done(),
    });
    tc.cluster.runUntilQuiet();
    return { ...r, out: r.stdout + r.stderr };
  };
  return {
    tc,
    kubectl,
    create: (name, spec) => kubectl("create -f -", JSON.stringify(svc(name, spec))),
    get: (name, jsonpath) => kubectl(["get", "svc", name, "-o", `jsonpath=${jsonpath}`]).out,
  };
}

export function svc(name: string, spec: Record<string, unknown>) {
  const ports = spec.type === "ExternalName" || spec.ports === null ? {} : { ports: [{ port: 80, protocol: "TCP" }] };
  const rest = Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== null));
  return { apiVersion: "v1", kind: "Service", metadata: { name }, spec: { ...ports, ...rest } };
}

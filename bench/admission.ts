/**
 * Admission benchmarks (issue 5): the cost of one ValidatingAdmissionPolicy check of a ServiceCIDR
 * create with both policies of the "Extend Service IP Ranges" page bound (servicecidrs.default allows
 * 10.96.1.0/24, servicecidrs.deny refuses it), and the same create end to end through kubectl.
 */
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { VirtualClock } from "../src/apiserver/machinery/clock.ts";
import { SeededRandom } from "../src/apiserver/machinery/random.ts";
import { Cluster } from "../src/apiserver/cluster.ts";
import { requestContext } from "../src/apiserver/machinery/rest.ts";
import { isStatusError } from "../src/apiserver/machinery/errors.ts";
import { SERVICE_CIDR, type ServiceCIDR } from "../src/apiserver/registry/servicecidr/types.ts";
import type { KubeObject } from "../src/apiserver/machinery/object.ts";
import { runKubectl } from "../src/kubectl/index.ts";
import type { KubectlEnv } from "../src/kubectl/env.ts";
import type { Figure } from "./engine.ts";

const FIXTURES = new URL("../tests/apiserver/admission/fixtures/", import.meta.url);
const GVRS: Record<string, { group: string; version: string; resource: string }> = {
  ValidatingAdmissionPolicy: { group: "admissionregistration.k8s.io", version: "v1", resource: "validatingadmissionpolicies" },
  ValidatingAdmissionPolicyBinding: { group: "admissionregistration.k8s.io", version: "v1", resource: "validatingadmissionpolicybindings" },
};

function stats(samples: number[]): { mean: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { mean: samples.reduce((a, b) => a + b, 0) / samples.length, p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]! };
}

function clusterWithPolicies(): Cluster {
  const c = new Cluster(
    {
      nodeName: "controlplane",
      advertiseAddress: "192.168.0.7",
      securePort: 6443,
      apiserverArgs: ["kube-apiserver", "--advertise-address=192.168.0.7", "--service-cluster-ip-range=10.96.0.0/16"],
      controllerManagerArgs: ["kube-controller-manager"],
    },
    new VirtualClock(Date.parse("2025-11-03T09:00:00Z")),
    new SeededRandom(1),
  );
  c.start();
  for (const file of ["vap-servicecidr-default.yaml", "vap-servicecidr-deny.yaml"]) {
    for (const doc of parseAllDocuments(readFileSync(new URL(file, FIXTURES), "utf8"))) {
      const obj = doc.toJS() as KubeObject;
      c.client.create(GVRS[obj.kind]!, undefined, obj);
    }
  }
  c.runUntilQuiet();
  return c;
}

export function admissionBenchmarks(): Figure[] {
  const figures: Figure[] = [];
  const c = clusterWithPolicies();
  const admission = c.apiserver!.admission;
  const check = (i: number) => {
    const object: ServiceCIDR = {
      apiVersion: "networking.k8s.io/v1",
      kind: "ServiceCIDR",
      metadata: { name: `bench-${i}`, uid: `uid-${i}`, creationTimestamp: "2025-11-03T09:00:00Z" },
      spec: { cidrs: ["10.96.1.0/24"] },
    };
    const t0 = performance.now();
    try {
      admission.validate({ operation: "CREATE", def: SERVICE_CIDR, version: "v1", subresource: "", namespace: "", name: object.metadata.name!, object, oldObject: null, ctx: requestContext() });
    } catch (e) {
      if (!isStatusError(e) || !e.message.includes("servicecidrs.deny")) throw e;
    }
    return performance.now() - t0;
  };
  for (let i = 0; i < 500; i++) check(i);
  const s = stats(Array.from({ length: 5000 }, (_, i) => check(1000 + i)));
  figures.push({ name: "admission check of a ServiceCIDR create, two policies bound: mean", value: `${s.mean.toFixed(3)} ms`, target: "well under 1 ms" });
  figures.push({ name: "admission check of a ServiceCIDR create, two policies bound: p99", value: `${s.p99.toFixed(3)} ms` });

  const env: KubectlEnv = { client: () => c.client, namespace: "default", stdin: "", readFile: () => null, waitFor: (done) => done() };
  const times: number[] = [];
  for (let i = 0; i < 700; i++) {
    const t0 = performance.now();
    const r = runKubectl(["create", "-f", "-"], {
      ...env,
      stdin: `apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata:\n  name: cli-${i}\nspec:\n  cidrs:\n  - 10.96.1.0/24\n`,
    });
    c.runUntilQuiet();
    if (i >= 200) times.push(performance.now() - t0);
    if (!r.stderr.includes("servicecidrs.deny")) throw new Error(r.stderr || r.stdout);
  }
  const k = stats(times);
  figures.push({ name: "kubectl create -f ServiceCIDR refused by a policy (two bound): mean", value: `${k.mean.toFixed(3)} ms` });
  figures.push({ name: "kubectl create -f ServiceCIDR refused by a policy (two bound): p99", value: `${k.p99.toFixed(3)} ms` });
  return figures;
}

/**
 * The kubernetes.io task "Extend Service IP Ranges", run verbatim through the same session the CLI and
 * the terminal use: in its English form (networking.k8s.io/v1, delete --wait=false) and in the form of
 * the Korean page (v1beta1 objects, a plain delete), each on a kubeadm cluster with a /28 Service range.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { transcript, type Step } from "../helpers.ts";
import { CIDR, IP } from "../../src/net/index.ts";

const EN = readFileSync(new URL("../fixtures/extend-service-ip-ranges.en.sh", import.meta.url), "utf8");
const KO = readFileSync(new URL("../fixtures/extend-service-ip-ranges.ko.sh", import.meta.url), "utf8");

function step(steps: Step[], startsWith: string, nth = 0): Step {
  const found = steps.filter((s) => s.command.startsWith(startsWith));
  if (!found[nth]) throw new Error(`no step ${nth} starting with ${startsWith}`);
  return found[nth]!;
}

const inRange = (ip: string, cidr: string) => CIDR.parse(cidr).contains(IP.parse(ip));

function checkCommonSteps(steps: Step[]) {
  expect(step(steps, "kubeadm init").exitCode).toBe(0);
  expect(step(steps, "kubeadm init").output).toContain("Your Kubernetes control-plane has initialized successfully!");

  // kubectl get servicecidr: the default ServiceCIDR from --service-cluster-ip-range.
  expect(step(steps, "kubectl get servicecidr").output).toMatch(/^NAME {9}CIDRS {10}AGE\nkubernetes {3}10\.96\.0\.0\/28 {3}\d+s\n$/);
  // kubectl get service kubernetes: the first IP of the range.
  expect(step(steps, "kubectl get service kubernetes").output).toMatch(
    /^NAME {9}TYPE {8}CLUSTER-IP {3}EXTERNAL-IP {3}PORT\(S\) {3}AGE\nkubernetes {3}ClusterIP {3}10\.96\.0\.1 {4}<none> {8}443\/TCP {3}\d+s\n$/,
  );
  expect(step(steps, "kubectl get ipaddress 10.96.0.1").output).toBe("NAME        PARENTREF\n10.96.0.1   services/default/kubernetes\n");

  // The /28 holds 14 addresses: kubernetes.default has .1 and kube-dns .10, so 12 Services fit.
  const fill = step(steps, "for i in $(seq 1 13)").output.trim().split("\n");
  expect(fill).toHaveLength(13);
  const ips = fill.slice(0, 12);
  expect(new Set(ips).size).toBe(12);
  for (const ip of ips) {
    expect(inRange(ip, "10.96.0.0/28")).toBe(true);
    expect(["10.96.0.0", "10.96.0.1", "10.96.0.10", "10.96.0.15"]).not.toContain(ip);
  }
  expect(fill[12]).toBe("error: failed to create ClusterIP service: Internal error occurred: failed to allocate a serviceIP: range is full");

  expect(step(steps, "cat <<EOF | kubectl apply -f -").output).toContain("servicecidr.networking.k8s.io/newcidr1 created\n");

  // Four new Services come from the /24, in its dynamic band (.17-.254): the /28 is full.
  const more = step(steps, "for i in $(seq 13 16)").output.trim().split("\n");
  expect(more).toHaveLength(4);
  for (const ip of more) {
    expect(inRange(ip, "10.96.0.0/24")).toBe(true);
    expect(inRange(ip, "10.96.0.0/28")).toBe(false);
    expect(Number(ip.split(".")[3])).toBeGreaterThanOrEqual(17);
  }

  const yaml = step(steps, "kubectl get servicecidr newcidr1 -o yaml").output;
  expect(yaml).toMatch(/deletionGracePeriodSeconds: 0\n  deletionTimestamp: "[^"]+"\n  finalizers:\n  - networking\.k8s\.io\/service-cidr-finalizer\n/);
  expect(yaml).toContain(
    "  conditions:\n  - lastTransitionTime: ",
  );
  expect(yaml).toContain(
    "    message: There are still IPAddresses referencing the ServiceCIDR, please remove\n      them or create a new ServiceCIDR\n    reason: Terminating\n    status: \"False\"\n    type: Ready\n",
  );

  expect(step(steps, "for i in $(seq 13 16); do kubectl delete").output).toBe(
    [13, 14, 15, 16].map((i) => `service "test-${i}" deleted from default namespace\n`).join(""),
  );
  const last = steps[steps.length - 1]!;
  expect(last.command).toBe("kubectl get servicecidr newcidr1");
  expect(last.output).toBe('Error from server (NotFound): servicecidrs.networking.k8s.io "newcidr1" not found\n');
  expect(last.exitCode).toBe(1);
}

describe("Extend Service IP Ranges", () => {
  it("runs the English page verbatim", async () => {
    const { steps } = await transcript(EN, { preset: "none" });
    checkCommonSteps(steps);
    expect(step(steps, "kubectl delete servicecidr newcidr1").output).toBe('servicecidr.networking.k8s.io "newcidr1" deleted\n');
  });

  it("runs the v1beta1 form of the Korean page, with the beta API turned on", async () => {
    const { steps } = await transcript(KO, { preset: "none" });
    checkCommonSteps(steps);
    expect(step(steps, "cat <<EOF | kubectl apply -f -").output).toContain(
      "Warning: networking.k8s.io/v1beta1 ServiceCIDR is deprecated in v1.34+, unavailable in v1.37+; use networking.k8s.io/v1 ServiceCIDR\n",
    );
    // A plain delete waits; the finalizer holds the ServiceCIDR, so the sandbox stops waiting and says why.
    const del = step(steps, "kubectl delete servicecidr newcidr1").output;
    expect(del.startsWith('servicecidr.networking.k8s.io "newcidr1" deleted\n')).toBe(true);
    expect(del).toContain("(sandbox)");
    expect(del).toContain("networking.k8s.io/service-cidr-finalizer");
  });

  it("refuses v1beta1 on a cluster that does not serve it, as 1.34 does by default", async () => {
    const script = KO.replace(/cat <<EOF > kubeadm-config.yaml[\s\S]*?\nEOF\nkubeadm init --config kubeadm-config.yaml/, "kubeadm init --service-cidr=10.96.0.0/28");
    const { steps } = await transcript(script, { preset: "none" });
    expect(step(steps, "cat <<EOF | kubectl apply -f -").output).toBe(
      'error: resource mapping not found for name: "newcidr1" namespace: "" from "STDIN": no matches for kind "ServiceCIDR" in version "networking.k8s.io/v1beta1"\nensure CRDs are installed first\n',
    );
  });

  it("gives the same IPs for the same seed, and other IPs for another seed", async () => {
    const a = await transcript(EN, { preset: "none", seed: 7 });
    const b = await transcript(EN, { preset: "none", seed: 7 });
    const c = await transcript(EN, { preset: "none", seed: 8 });
    const ips = (t: { steps: Step[] }) => step(t.steps, "for i in $(seq 1 13)").output;
    expect(ips(a)).toBe(ips(b));
    expect(ips(a)).not.toBe(ips(c));
  });
});

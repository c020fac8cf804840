/**
 * Reconfiguring the default Service CIDR through the learner's shell, as the kubernetes.io task
 * "Reconfigure Default Service IP Ranges" describes it and k/k test/integration/servicecidr
 * (migration_test.go TestMigrateServiceCIDR, TestServiceCIDRMigrationScenarios) and
 * test/integration/dualstack (TestUpgradeServicePreferToDualStack, TestDowngradeServicePreferFromDualStack)
 * check it: ServiceCIDRs, the apiserver's static pod manifest edited with sed, the kubelet restarting
 * it, the default ServiceCIDR controller and the kubernetes.default Service controller.
 */
import { describe, expect, it } from "vitest";
import type { Session } from "../../src/shell/session.ts";
import { newSession, sh } from "../helpers.ts";

const MANIFEST = "/etc/kubernetes/manifests/kube-apiserver.yaml";
const IPS = "-o custom-columns=NAMESPACE:.metadata.namespace,NAME:.metadata.name,CLUSTER-IP:.spec.clusterIP";
const FAMILIES = "-o jsonpath='{.spec.ipFamilyPolicy} {.spec.ipFamilies} {.spec.clusterIPs}{\"\\n\"}'";
const NO_INCONSISTENT = "kubectl get events --field-selector reason=KubernetesDefaultServiceCIDRInconsistent";
const INCONSISTENT = "kubectl get events --field-selector reason=KubernetesDefaultServiceCIDRInconsistent -o custom-columns=TYPE:.type,REASON:.reason,OBJECT:.involvedObject.name,MESSAGE:.message";

/** "namespace/name" → ClusterIP, from the custom-columns table of IPS. */
function clusterIPs(table: string): Map<string, string> {
  const lines = table.trim().split("\n");
  expect(lines[0]).toMatch(/^NAMESPACE +NAME +CLUSTER-IP$/);
  return new Map(lines.slice(1).map((l) => l.split(/ +/)).map(([ns, name, ip]) => [`${ns}/${name}`, ip!]));
}

async function out(s: Session, command: string): Promise<string> {
  const r = await sh(s, command);
  return r.output;
}

/** Replaces the apiserver's --service-cluster-ip-range in its manifest and lets the kubelet restart it. */
async function setRange(s: Session, from: string, to: string): Promise<void> {
  expect((await sh(s, `sed -i 's#--service-cluster-ip-range=${from}$#--service-cluster-ip-range=${to}#' ${MANIFEST}`)).exitCode).toBe(0);
  expect(await out(s, `grep -c -- '--service-cluster-ip-range=${to}$' ${MANIFEST}`)).toBe("1\n");
  await sh(s, "sleep 30");
}

const PDS_SERVICE = (name: string) => `cat <<'YAML' | kubectl apply -f -
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  ipFamilyPolicy: PreferDualStack
  ports:
  - port: 80
YAML`;

describe("reconfiguring the default Service CIDR", () => {
  it("moves every Service to a new range and kubernetes.default to the first IP of the new flag range", async () => {
    const s = await newSession({ preset: "none" });
    await sh(s, "kubeadm init --service-cidr=10.96.0.0/28 --pod-network-cidr=10.244.0.0/16 >/dev/null 2>&1");
    await sh(s, "mkdir -p ~/.kube && cp /etc/kubernetes/admin.conf ~/.kube/config");
    // 1-2. The initial range and Services allocated from it.
    await sh(s, "for i in 1 2 3; do kubectl create service clusterip svc-$i --tcp=80; done");
    const initial = clusterIPs(await out(s, `kubectl get svc -A ${IPS}`));
    expect(initial.get("default/kubernetes")).toBe("10.96.0.1");
    expect(initial.get("kube-system/kube-dns")).toBe("10.96.0.10");
    for (const i of [1, 2, 3]) expect(initial.get(`default/svc-${i}`)).toMatch(/^10\.96\.0\.([2-9]|1[0-4])$/);
    // 3. A new ServiceCIDR as the temporary target.
    expect(await out(s, "kubectl create -f - <<'YAML'\napiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata:\n  name: newcidr1\nspec:\n  cidrs:\n  - 10.100.0.0/24\nYAML")).toBe(
      "servicecidr.networking.k8s.io/newcidr1 created\n",
    );
    // 4. The default ServiceCIDR is marked for deletion and stays, held by its finalizer and its IPs.
    expect(await out(s, "kubectl delete servicecidr kubernetes --wait=false")).toBe('servicecidr.networking.k8s.io "kubernetes" deleted\n');
    expect(
      await out(s, "kubectl get servicecidr kubernetes -o jsonpath='{.metadata.finalizers} {.status.conditions[0].status} {.status.conditions[0].reason}: {.status.conditions[0].message}{\"\\n\"}'"),
    ).toBe(
      '["networking.k8s.io/service-cidr-finalizer"] False Terminating: There are still IPAddresses referencing the ServiceCIDR, please remove them or create a new ServiceCIDR\n',
    );
    expect(await out(s, "kubectl get servicecidr -o custom-columns=NAME:.metadata.name,CIDRS:.spec.cidrs[*],DELETING:.metadata.deletionTimestamp")).toMatch(
      /^NAME +CIDRS +DELETING\nkubernetes +10\.96\.0\.0\/28 +2025-11-03T\d\d:\d\d:\d\dZ\nnewcidr1 +10\.100\.0\.0\/24 +<none>\n$/,
    );
    // 5. Recreated Services get IPs from the new range only (kube-dns keeps its well-known .10).
    await sh(s, "for i in 1 2 3; do kubectl delete svc svc-$i; kubectl create service clusterip svc-$i --tcp=80; done");
    await sh(s, "kubectl -n kube-system get svc kube-dns -o yaml | sed -e '/^  uid:/d' -e '/resourceVersion:/d' -e 's/10.96.0.10/10.100.0.10/g' > dns.yaml");
    expect(await out(s, "kubectl -n kube-system delete svc kube-dns && kubectl apply -f dns.yaml")).toBe(
      'service "kube-dns" deleted from kube-system namespace\nservice/kube-dns created\n',
    );
    const moved = clusterIPs(await out(s, `kubectl get svc -A ${IPS}`));
    expect(moved.get("default/kubernetes")).toBe("10.96.0.1");
    expect(moved.get("kube-system/kube-dns")).toBe("10.100.0.10");
    for (const i of [1, 2, 3]) expect(moved.get(`default/svc-${i}`)).toMatch(/^10\.100\.0\.\d+$/);
    // 6. The apiserver's flag, changed in its manifest: the kubelet restarts it with the new command line.
    await setRange(s, "10.96.0.0/28", "10.100.0.0/24");
    expect(await out(s, "ps aux | grep kube-apiserver | grep -o -- '--service-cluster-ip-range=[^ ]*'")).toBe("--service-cluster-ip-range=10.100.0.0/24\n");
    // The old default is terminating, so its status is not compared with the flags: no event.
    expect(await out(s, NO_INCONSISTENT)).toBe("No resources found in default namespace.\n");
    // 7. kubernetes.default, deleted, comes back at the first IP of the new flag range; the old default
    // ServiceCIDR then has no IPs left, goes away, and is created again from the flag.
    expect(await out(s, "kubectl delete svc kubernetes")).toBe('service "kubernetes" deleted from default namespace\n');
    await sh(s, "sleep 10");
    expect(await out(s, "kubectl get svc kubernetes -o jsonpath='{.spec.clusterIPs}{\"\\n\"}'")).toBe('["10.100.0.1"]\n');
    expect(await out(s, "kubectl get servicecidr -o custom-columns=NAME:.metadata.name,CIDRS:.spec.cidrs[*],DELETING:.metadata.deletionTimestamp")).toBe(
      ["NAME         CIDRS           DELETING", "kubernetes   10.100.0.0/24   <none>", "newcidr1     10.100.0.0/24   <none>", ""].join("\n"),
    );
    const owners: [string, string][] = [
      ["10.100.0.1", "services/default/kubernetes"],
      ["10.100.0.10", "services/kube-system/kube-dns"],
      ...[1, 2, 3].map((i): [string, string] => [moved.get(`default/svc-${i}`)!, `services/default/svc-${i}`]),
    ];
    owners.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const width = Math.max(...owners.map(([ip]) => ip.length)) + 3;
    expect(await out(s, "kubectl get ipaddress")).toBe(`${"NAME".padEnd(width)}PARENTREF\n${owners.map(([ip, ref]) => `${ip.padEnd(width)}${ref}\n`).join("")}`);
    // The temporary ServiceCIDR is covered by the new default and goes at once.
    await sh(s, "kubectl delete servicecidr newcidr1");
    expect(await out(s, "kubectl get servicecidr -o name")).toBe("servicecidr.networking.k8s.io/kubernetes\n");
  });

  it("single → dual-stack by manifest edit, then dual → single", async () => {
    const s = await newSession();
    await sh(s, "kubectl create service clusterip before --tcp=80");
    await sh(s, `kubectl patch svc before -p '{"spec":{"ipFamilyPolicy":"PreferDualStack"}}'`);
    const before = (await out(s, "kubectl get svc before -o jsonpath='{.spec.clusterIP}'")).trim();
    expect(before).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(await out(s, `kubectl get svc before ${FAMILIES}`)).toBe(`PreferDualStack ["IPv4"] ["${before}"]\n`);

    // Same primary plus a secondary: the default ServiceCIDR is upgraded in place.
    await setRange(s, "10.96.0.0/12", "10.96.0.0/12,fd00:10:96::/108");
    expect(await out(s, "kubectl get servicecidr")).toMatch(/^NAME +CIDRS +AGE\nkubernetes   10\.96\.0\.0\/12,fd00:10:96::\/108   \d+s\n$/);
    // Existing Services keep their families: an untouched PreferDualStack Service is not re-stacked.
    expect(await out(s, `kubectl get svc before ${FAMILIES}`)).toBe(`PreferDualStack ["IPv4"] ["${before}"]\n`);
    expect(await out(s, `kubectl get svc kubernetes ${FAMILIES}`)).toBe('SingleStack ["IPv4"] ["10.96.0.1"]\n');
    // A new PreferDualStack Service gets an IP of each family, primary first.
    expect(await out(s, PDS_SERVICE("after"))).toBe("service/after created\n");
    const [v4, v6] = JSON.parse(await out(s, "kubectl get svc after -o jsonpath='{.spec.clusterIPs}'")) as string[];
    expect(v4).toMatch(/^10\./);
    expect(v6).toMatch(/^fd00:10:96::([0-9a-f]{1,4}:)?[0-9a-f]{1,4}$/);
    expect(await out(s, `kubectl get svc after ${FAMILIES}`)).toBe(`PreferDualStack ["IPv4","IPv6"] ["${v4}","${v6}"]\n`);
    expect(await out(s, `kubectl get ipaddress ${v6} -o jsonpath='{.spec.parentRef.name}'`)).toBe("after");
    expect(await out(s, `kubectl get svc after`)).toMatch(new RegExp(`^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\\(S\\) +AGE\nafter +ClusterIP +${v4.replace(/\./g, "\\.")} +<none> +80/TCP +\\d+s\n$`));
    // Editing the old one upgrades it.
    await sh(s, `kubectl patch svc before -p '{"spec":{"ipFamilyPolicy":"RequireDualStack"}}'`);
    expect(await out(s, `kubectl get svc before -o jsonpath='{.spec.ipFamilies}{"\\n"}'`)).toBe('["IPv4","IPv6"]\n');
    expect(await out(s, NO_INCONSISTENT)).toBe("No resources found in default namespace.\n");

    // Back to one range: the default ServiceCIDR is not downgraded, the controller says so.
    await setRange(s, "10.96.0.0/12,fd00:10:96::/108", "10.96.0.0/12");
    expect(await out(s, "kubectl get servicecidr kubernetes -o jsonpath='{.spec.cidrs}{\"\\n\"}'")).toBe('["10.96.0.0/12","fd00:10:96::/108"]\n');
    expect(await out(s, INCONSISTENT)).toBe(
      [
        "TYPE      REASON                                     OBJECT       MESSAGE",
        "Warning   KubernetesDefaultServiceCIDRInconsistent   kubernetes   The default ServiceCIDR [10.96.0.0/12 fd00:10:96::/108] does not match the controller flag configurations [10.96.0.0/12]",
        "",
      ].join("\n"),
    );
    // A dual-stack Service stays dual; a new PreferDualStack one is single, as the apiserver has one family.
    expect(await out(s, `kubectl get svc after ${FAMILIES}`)).toBe(`PreferDualStack ["IPv4","IPv6"] ["${v4}","${v6}"]\n`);
    expect(await out(s, PDS_SERVICE("later"))).toBe("service/later created\n");
    expect(await out(s, `kubectl get svc later -o jsonpath='{.spec.ipFamilyPolicy} {.spec.ipFamilies}{"\\n"}'`)).toBe('PreferDualStack ["IPv4"]\n');
    // RequireDualStack is refused now.
    expect(await out(s, `kubectl create service clusterip strict --tcp=80 --dry-run=client -o json | jq '.spec.ipFamilyPolicy="RequireDualStack"' | kubectl create -f -`)).toBe(
      `The Service "strict" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services\n`,
    );
    // Downgrading the dual Service keeps its first IP.
    await sh(s, `kubectl patch svc after -p '{"spec":{"ipFamilyPolicy":"SingleStack"}}'`);
    expect(await out(s, `kubectl get svc after ${FAMILIES}`)).toBe(`SingleStack ["IPv4"] ["${v4}"]\n`);
  });

  it("takes the edit from tee and from a heredoc as well as from sed -i", async () => {
    const s = await newSession();
    await sh(s, `sed 's#--service-cluster-ip-range=10.96.0.0/12$#--service-cluster-ip-range=10.96.0.0/12,fd00:10:96::/108#' ${MANIFEST} | tee /tmp/new.yaml >/dev/null`);
    await sh(s, `cat /tmp/new.yaml | tee ${MANIFEST} >/dev/null`);
    await sh(s, "sleep 30");
    expect(await out(s, "kubectl get servicecidr kubernetes -o jsonpath='{.spec.cidrs}{\"\\n\"}'")).toBe('["10.96.0.0/12","fd00:10:96::/108"]\n');
    // A heredoc that rewrites the whole file (here: the same file with the secondary dropped again).
    const text = (await out(s, `sed 's#,fd00:10:96::/108$##' ${MANIFEST}`)).replace(/\n$/, "");
    await sh(s, `cat > ${MANIFEST} <<'YAML'\n${text}\nYAML`);
    await sh(s, "sleep 30");
    expect(await out(s, "ps aux | grep kube-apiserver | grep -o -- '--service-cluster-ip-range=[^ ]*'")).toBe("--service-cluster-ip-range=10.96.0.0/12\n");
    expect(await out(s, "kubectl get events --field-selector reason=KubernetesDefaultServiceCIDRInconsistent -o jsonpath='{.items[*].message}{\"\\n\"}'")).toBe(
      "The default ServiceCIDR [10.96.0.0/12 fd00:10:96::/108] does not match the controller flag configurations [10.96.0.0/12]\n",
    );
  });

  it.each([
    ["a new primary", "10.97.0.0/16", "[10.97.0.0/16]"],
    ["the same address with another prefix", "10.96.0.0/16", "[10.96.0.0/16]"],
    ["a new primary plus a secondary", "10.97.0.0/16,fd00:10:96::/108", "[10.97.0.0/16 fd00:10:96::/108]"],
  ])("any change other than adding a secondary (%s) keeps the old ranges and raises KubernetesDefaultServiceCIDRInconsistent", async (_, to, flags) => {
    const s = await newSession();
    await setRange(s, "10.96.0.0/12", to);
    expect(await out(s, "crictl ps --name kube-apiserver -q | wc -l")).toBe("1\n");
    expect(await out(s, "kubectl get servicecidr kubernetes -o jsonpath='{.spec.cidrs}{\"\\n\"}'")).toBe('["10.96.0.0/12"]\n');
    expect(await out(s, INCONSISTENT)).toBe(
      [
        "TYPE      REASON                                     OBJECT       MESSAGE",
        `Warning   KubernetesDefaultServiceCIDRInconsistent   kubernetes   The default ServiceCIDR [10.96.0.0/12] does not match the controller flag configurations ${flags}`,
        "",
      ].join("\n"),
    );
    // Existing Services keep their IPs.
    expect(await out(s, "kubectl get svc kubernetes -o jsonpath='{.spec.clusterIP}{\"\\n\"}'")).toBe("10.96.0.1\n");
  });
});

describe("bad flags and broken manifests: a crash loop with the real error, and a way back", () => {
  const LAST_LOG = "crictl logs $(crictl ps -a --name kube-apiserver -q | head -1) 2>&1 | tail -1";
  const REFUSED = "The connection to the server 192.168.0.7:6443 was refused - did you specify the right host or port?\n";

  /** Breaks the apiserver's manifest with `edit`, checks what the learner sees, then restores the file. */
  async function breakAndRecover(edit: string): Promise<{ log: string; session: Session }> {
    const s = await newSession();
    await sh(s, `cp ${MANIFEST} /root/kube-apiserver.yaml.good`);
    expect((await sh(s, edit)).exitCode).toBe(0);
    await sh(s, "sleep 30");
    const log = await out(s, LAST_LOG);
    // The API is gone while the component crash-loops.
    expect((await out(s, "kubectl get svc 2>&1 | tail -1"))).toBe(REFUSED);
    // The learner fixes the file; the kubelet starts the apiserver again from it.
    await sh(s, `cp /root/kube-apiserver.yaml.good ${MANIFEST}`);
    await sh(s, "sleep 30");
    expect(await out(s, "crictl ps --name kube-apiserver -q | wc -l")).toBe("1\n");
    expect(await out(s, "kubectl get svc kubernetes -o jsonpath='{.spec.clusterIP}{\"\\n\"}'")).toBe("10.96.0.1\n");
    return { log, session: s };
  }

  const KLOG = /^E\d{4} \d\d:\d\d:\d\d\.\d{6} +1 run\.go:72\] "command failed" err="(.*)"\n$/;

  it.each([
    ["two ranges of one family", "10.96.0.0/12,10.200.0.0/16", "--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family"],
    ["three ranges", "10.96.0.0/12,fd00:10:96::/108,fd00:10:97::/108", "--service-cluster-ip-range must not contain more than two entries"],
    ["a CIDR that does not parse", "10.96.0.0/33", "service-cluster-ip-range[0] is not a valid cidr"],
    ["a secondary that does not parse", "10.96.0.0/12,fd00::/129", "service-cluster-ip-range[1] is not an ip net"],
    ["a range of fewer than 8 addresses", "10.96.0.0/30", "error determining service IP ranges for primary service cidr: the service cluster IP range must be at least 8 IP addresses"],
  ])("--service-cluster-ip-range with %s", async (_, range, message) => {
    const { log } = await breakAndRecover(`sed -i 's#--service-cluster-ip-range=10.96.0.0/12$#--service-cluster-ip-range=${range}#' ${MANIFEST}`);
    expect(log).toMatch(KLOG);
    expect(KLOG.exec(log)![1]).toBe(message);
  });

  it("an unknown flag", async () => {
    const { log } = await breakAndRecover(`sed -i 's#--service-cluster-ip-range=#--service-cluster-ipp-range=#' ${MANIFEST}`);
    expect(log).toContain("unknown flag: --service-cluster-ipp-range");
  });

  it("the kubelet restarts a crashing component with back-off: each attempt is a new container", async () => {
    const s = await newSession();
    await sh(s, `sed -i 's#--service-cluster-ip-range=10.96.0.0/12$#--service-cluster-ip-range=10.96.0.0/33#' ${MANIFEST}`);
    await sh(s, "sleep 60");
    const table = await out(s, "crictl ps -a --name kube-apiserver");
    const rows = [...table.matchAll(/ (Running|Exited) +kube-apiserver +(\d+) /g)].map((m) => [m[1], Number(m[2])]);
    expect(rows.length, table).toBeGreaterThanOrEqual(3);
    // Newest first; every attempt exited; attempts count down to 0.
    expect(rows).toEqual(rows.map((_, i) => ["Exited", rows.length - 1 - i]));
    expect(await out(s, "crictl ps --name kube-apiserver -q | wc -l")).toBe("0\n");
  });

  it("a manifest that is not YAML: the kubelet says so in its journal and the pod goes; fixing the file brings it back", async () => {
    const s = await newSession();
    await sh(s, `cp ${MANIFEST} /root/good.yaml && echo '  - : bad: [' >> ${MANIFEST}`);
    await sh(s, "sleep 20");
    expect(await out(s, "crictl ps --name kube-apiserver -q | wc -l")).toBe("0\n");
    expect(await out(s, "journalctl -u kubelet | grep -c 'Could not process manifest file'")).not.toBe("0\n");
    expect(await out(s, "journalctl -u kubelet | grep 'Could not process manifest file' | tail -1")).toMatch(
      /kubelet\[\d+\]: E\d{4} [\d:.]+ +\d+ file\.go:187\] "Could not process manifest file" err="\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml: couldn't parse as pod\(.+\)" path="\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml"\n$/,
    );
    expect(await out(s, "kubectl get svc 2>&1 | tail -1")).toBe(REFUSED);
    await sh(s, `cp /root/good.yaml ${MANIFEST}`);
    await sh(s, "sleep 20");
    expect(await out(s, "kubectl get svc kubernetes -o name")).toBe("service/kubernetes\n");
  });

  it("kube-controller-manager with two cluster CIDRs of one family crash-loops with its own error", async () => {
    const s = await newSession();
    const kcm = "/etc/kubernetes/manifests/kube-controller-manager.yaml";
    await sh(s, `cp ${kcm} /root/kcm.yaml && sed -i 's#--cluster-cidr=10.244.0.0/16#--cluster-cidr=10.244.0.0/16,10.245.0.0/16#' ${kcm}`);
    await sh(s, "sleep 30");
    expect(await out(s, "crictl logs $(crictl ps -a --name kube-controller-manager -q | head -1) 2>&1 | tail -1")).toMatch(
      /run\.go:72\] "command failed" err="len of ClusterCIDRs==2 and they are not configured as dual stack \(at least one from each IPFamily"\n$/,
    );
    // The API keeps answering: only the controllers are down.
    expect(await out(s, "kubectl get svc kubernetes -o name")).toBe("service/kubernetes\n");
    await sh(s, `cp /root/kcm.yaml ${kcm}`);
    await sh(s, "sleep 30");
    expect(await out(s, "crictl ps --name kube-controller-manager -q | wc -l")).toBe("1\n");
  });
});

/**
 * The admission plugins that shape every new pod in a kubeadm cluster, run at create: ServiceAccount
 * (plugin/pkg/admission/serviceaccount: the `default` account and its projected token volume),
 * DefaultTolerationSeconds (300 s for not-ready and unreachable nodes) and Priority (priority 0 and
 * PreemptLowerPriority without a class). Mirror pods of static pods are left alone by ServiceAccount.
 */
import type { SeededRandom } from "../../machinery/random.ts";
import { MIRROR_POD_ANNOTATION, type Pod, type Toleration } from "./types.ts";

export const SERVICE_ACCOUNT_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

/** Priorities of the built-in classes (pkg/apis/scheduling). */
const SYSTEM_PRIORITIES: Record<string, number> = { "system-node-critical": 2000001000, "system-cluster-critical": 2000000000 };

const DEFAULT_TOLERATIONS: Toleration[] = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
];

export function admitPod(pod: Pod, random: SeededRandom): void {
  const spec = pod.spec;
  const mirror = pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined;
  if (!mirror) {
    if (!spec.serviceAccountName) spec.serviceAccountName = "default";
    spec.serviceAccount = spec.serviceAccountName;
    const mounted = (spec.volumes ?? []).some((v) => v.projected?.sources?.some((s) => "serviceAccountToken" in s));
    if (spec.automountServiceAccountToken !== false && !mounted) {
      const name = `kube-api-access-${random.nameSuffix(5)}`;
      (spec.volumes ??= []).push({
        name,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
            { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
            { downwardAPI: { items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }] } },
          ],
        },
      });
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        (c.volumeMounts ??= []).push({ mountPath: SERVICE_ACCOUNT_MOUNT_PATH, name, readOnly: true });
      }
    }
  }
  const tolerations = (spec.tolerations ??= []);
  for (const t of DEFAULT_TOLERATIONS) {
    const covered = tolerations.some((x) => (x.operator === "Exists" && !x.key) || (x.key === t.key && (!x.effect || x.effect === "NoExecute")));
    if (!covered) tolerations.push({ ...t });
  }
  if (spec.priority === undefined) spec.priority = SYSTEM_PRIORITIES[spec.priorityClassName ?? ""] ?? 0;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = "PreemptLowerPriority";
}

/**
 * The audit log a learner reads on the control-plane machine: kube-apiserver started with
 * --audit-log-path and --audit-policy-file (edited into its static pod manifest, as the Kubernetes
 * "Auditing" task does) appends one audit.k8s.io/v1 Event per line, with the annotations a
 * ValidatingAdmissionPolicy's Audit action adds; without a policy file it records nothing.
 */
import { describe, expect, it } from "vitest";
import { newSession, sh } from "../../helpers.ts";
import type { Session } from "../../../src/shell/session.ts";

const MANIFEST = "/etc/kubernetes/manifests/kube-apiserver.yaml";
const LOG = "/var/log/kubernetes/audit/audit.log";

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "servicecidrs.default"
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups:   ["networking.k8s.io"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["servicecidrs"]
  matchConditions:
  - name: 'exclude-default-servicecidr'
    expression: "object.metadata.name != 'kubernetes'"
  variables:
  - name: allowed
    expression: "['10.96.0.0/16','2001:db8::/64']"
  validations:
  - expression: "object.spec.cidrs.all(newCIDR, variables.allowed.exists(allowedCIDR, cidr(allowedCIDR).containsCIDR(newCIDR)))"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "servicecidrs-default-binding"
spec:
  policyName: "servicecidrs.default"
  validationActions: [Deny,Audit]`;

const FAILED = "failed expression: object.spec.cidrs.all(newCIDR, variables.allowed.exists(allowedCIDR, cidr(allowedCIDR).containsCIDR(newCIDR)))";

/** Adds flags after the last one kubeadm wrote, and lets the kubelet restart the static pod. */
async function addFlags(s: Session, ...flags: string[]): Promise<void> {
  const lines = flags.map((f) => `\\n    - ${f}`).join("");
  expect((await sh(s, `sed -i 's|^    - --tls-private-key-file=.*$|&${lines}|' ${MANIFEST}`)).exitCode).toBe(0);
  await sh(s, "sleep 20");
}

const createCIDR = (s: Session, name: string, cidr: string) =>
  sh(s, `kubectl create -f - <<'TSEOF'\napiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata:\n  name: ${name}\nspec:\n  cidrs: ['${cidr}']\nTSEOF`);

describe("kube-apiserver --audit-log-path", () => {
  it("writes policy-annotated requests as audit Event lines that cat and jq read", async () => {
    const s = await newSession();
    expect((await sh(s, `kubectl apply -f - <<'TSEOF'\n${POLICY}\nTSEOF`)).exitCode).toBe(0);

    // A log path without a policy file: the backend records nothing.
    await addFlags(s, `--audit-log-path=${LOG}`);
    expect((await createCIDR(s, "newcidr1", "172.20.0.0/16")).exitCode).toBe(1);
    expect((await sh(s, `cat ${LOG}`)).output).toBe(`cat: ${LOG}: No such file or directory\n`);

    await sh(s, "printf 'apiVersion: audit.k8s.io/v1\\nkind: Policy\\nrules:\\n- level: Metadata\\n' > /etc/kubernetes/audit-policy.yaml");
    await addFlags(s, "--audit-policy-file=/etc/kubernetes/audit-policy.yaml");
    expect((await sh(s, "ps aux | grep -o -e '--audit-[a-z-]*=[^ ]*'")).output).toBe(
      `--audit-policy-file=/etc/kubernetes/audit-policy.yaml\n--audit-log-path=${LOG}\n`,
    );

    expect((await createCIDR(s, "newcidr2", "172.20.0.0/16")).output).toBe(
      `The servicecidrs "newcidr2" is invalid: : ValidatingAdmissionPolicy 'servicecidrs.default' with binding 'servicecidrs-default-binding' denied request: ${FAILED}\n`,
    );
    // Allowed and not annotated: no event (the sandbox keeps only what a policy annotated).
    expect((await createCIDR(s, "newcidr3", "10.96.1.0/24")).exitCode).toBe(0);

    const lines = (await sh(s, `cat ${LOG}`)).output.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    const event = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(event)).toEqual([
      "kind",
      "apiVersion",
      "level",
      "auditID",
      "stage",
      "requestURI",
      "verb",
      "user",
      "sourceIPs",
      "userAgent",
      "objectRef",
      "responseStatus",
      "requestReceivedTimestamp",
      "stageTimestamp",
      "annotations",
    ]);
    expect(event).toMatchObject({
      kind: "Event",
      apiVersion: "audit.k8s.io/v1",
      level: "Metadata",
      stage: "ResponseComplete",
      requestURI: "/apis/networking.k8s.io/v1/servicecidrs",
      verb: "create",
      user: { username: "kubernetes-admin" },
      objectRef: { resource: "servicecidrs", name: "newcidr2", apiGroup: "networking.k8s.io", apiVersion: "v1" },
      responseStatus: { code: 422, reason: "Invalid" },
    });

    const failure = await sh(s, `jq -r '.annotations["validation.policy.admission.k8s.io/validation_failure"] | fromjson | .[0] | [.policy, .binding, (.expressionIndex|tostring), (.validationActions|join(",")), .message] | join(" | ")' ${LOG}`);
    expect(failure.output).toBe(`servicecidrs.default | servicecidrs-default-binding | 0 | Deny,Audit | ${FAILED}\n`);
    expect((await sh(s, `jq -r '.objectRef.name + " " + (.responseStatus.code|tostring)' ${LOG}`)).output).toBe("newcidr2 422\n");
  });
});

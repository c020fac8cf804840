/**
 * What a learner sees in the terminal: kubectl's rendering of policy refusals (Invalid from the cause,
 * Forbidden with its source, generators' own wrapping), Warn as `Warning:` lines, and the policy
 * resources in get, api-resources and explain.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { newSession, sh } from "../../helpers.ts";
import type { Session } from "../../../src/shell/session.ts";

let s: Session;
const apply = (yaml: string) => sh(s, `cat <<'EOF' | kubectl apply -f -\n${yaml.replace(/\n$/, "")}\nEOF`);

const POLICY = (name: string, extra: string, actions: string, resources = "servicecidrs", groups = '"networking.k8s.io"') => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: ${name}
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: [${groups}]
      apiVersions: ["v1"]
      operations: ["CREATE"]
      resources: ["${resources}"]
${extra}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: ${name}-binding
spec:
  policyName: ${name}
  validationActions: [${actions}]
`;

const cidrObject = (name: string, cidr: string) => `apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata:\n  name: ${name}\nspec:\n  cidrs:\n  - ${cidr}\n`;

beforeAll(async () => {
  s = await newSession();
});

describe("kubectl and policies", () => {
  it("prints a Forbidden refusal with its source, and a generator's refusal its own way", async () => {
    await apply(
      POLICY(
        "no-wide",
        `  validations:
  - expression: "object.spec.cidrs.all(c, cidr(c).prefixLength() >= 24)"
    messageExpression: "'prefix /' + string(cidr(object.spec.cidrs[0]).prefixLength()) + ' is too wide'"
    reason: Forbidden`,
        "Deny",
      ),
    );
    const r = await apply(cidrObject("wide", "10.200.0.0/16"));
    expect(r.output).toBe(
      `Error from server (Forbidden): error when creating "STDIN": servicecidrs.networking.k8s.io "wide" is forbidden: ValidatingAdmissionPolicy 'no-wide' with binding 'no-wide-binding' denied request: prefix /16 is too wide\n`,
    );
    expect(r.exitCode).toBe(1);

    await apply(POLICY("no-nodeport", `  validations:\n  - expression: "object.spec.type != 'NodePort'"`, "Deny", "services", '""'));
    const svc = await sh(s, "kubectl create service nodeport web --tcp=80:80");
    expect(svc.output).toBe(
      `error: failed to create NodePort service: services "web" is forbidden: ValidatingAdmissionPolicy 'no-nodeport' with binding 'no-nodeport-binding' denied request: failed expression: object.spec.type != 'NodePort'\n`,
    );
  });

  it("lists one line per refused object of a multi-object apply", async () => {
    await apply(POLICY("only-10-250", `  validations:\n  - expression: "object.spec.cidrs.all(c, cidr('10.250.0.0/16').containsCIDR(c))"`, "Deny"));
    const r = await apply(`${cidrObject("a1", "10.251.0.0/24")}---\n${cidrObject("a2", "10.250.1.0/24")}---\n${cidrObject("a3", "10.252.0.0/24")}`);
    expect(r.output).toBe(
      "servicecidr.networking.k8s.io/a2 created\n" +
        `Error from server (Invalid): error when creating "STDIN": servicecidrs.networking.k8s.io "a1" is forbidden: ValidatingAdmissionPolicy 'only-10-250' with binding 'only-10-250-binding' denied request: failed expression: object.spec.cidrs.all(c, cidr('10.250.0.0/16').containsCIDR(c))\n` +
        `Error from server (Invalid): error when creating "STDIN": servicecidrs.networking.k8s.io "a3" is forbidden: ValidatingAdmissionPolicy 'only-10-250' with binding 'only-10-250-binding' denied request: failed expression: object.spec.cidrs.all(c, cidr('10.250.0.0/16').containsCIDR(c))\n`,
    );
  });

  it("prints a Warn binding's failures as Warning lines before the result", async () => {
    await apply(POLICY("name-style", `  validations:\n  - expression: "object.metadata.name.startsWith('sc-')"\n    message: "ServiceCIDR names start with sc-"`, "Warn"));
    const r = await apply(cidrObject("noprefix", "10.250.2.0/24"));
    // The session shows stdout before stderr; the warning is kubectl's stderr.
    expect(r.output).toBe("servicecidr.networking.k8s.io/noprefix created\nWarning: Validation failed for ValidatingAdmissionPolicy 'name-style' with binding 'name-style-binding': ServiceCIDR names start with sc-\n");
    const split = await sh(s, `kubectl create -f - <<'TSEOF' 2>&1 >/dev/null\n${cidrObject("noprefix2", "10.250.4.0/24")}TSEOF`);
    expect(split.output).toBe("Warning: Validation failed for ValidatingAdmissionPolicy 'name-style' with binding 'name-style-binding': ServiceCIDR names start with sc-\n");
    const quiet = await apply(cidrObject("sc-ok", "10.250.3.0/24"));
    expect(quiet.output).toBe("servicecidr.networking.k8s.io/sc-ok created\n");
  });

  it("serves the policy resources to get, api-resources and explain", async () => {
    expect((await sh(s, "kubectl api-resources --api-group=admissionregistration.k8s.io")).output).toBe(
      "NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND\n" +
        "validatingadmissionpolicies                      admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicy\n" +
        "validatingadmissionpolicybindings                admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicyBinding\n",
    );
    expect((await sh(s, "kubectl get validatingadmissionpolicy -o name")).output).toBe(
      "validatingadmissionpolicy.admissionregistration.k8s.io/name-style\nvalidatingadmissionpolicy.admissionregistration.k8s.io/no-nodeport\nvalidatingadmissionpolicy.admissionregistration.k8s.io/no-wide\nvalidatingadmissionpolicy.admissionregistration.k8s.io/only-10-250\n",
    );
    const explain = await sh(s, "kubectl explain validatingadmissionpolicybinding.spec.validationActions");
    expect(explain.output).toContain("FIELD: validationActions <[]string>");
    expect(explain.output).toContain("validationActions declares how Validations of the referenced");
    const del = await sh(s, "kubectl delete validatingadmissionpolicybinding name-style-binding");
    expect(del.output).toBe('validatingadmissionpolicybinding.admissionregistration.k8s.io "name-style-binding" deleted\n');
  });

  it("refuses a policy that does not compile, with the compiler's text", async () => {
    const r = await apply(`apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "servicecidrs.default"
spec:
  matchConstraints:
    resourceRules:
    - apiGroups:   ["networking.k8s.io"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["servicecidrs"]
  validations:
  - expression: "cidrr(object.spec.cidrs[0]).prefixLength() >= 16"
`);
    expect(r.output).toBe(
      `The ValidatingAdmissionPolicy "servicecidrs.default" is invalid: spec.validations[0].expression: Invalid value: "cidrr(object.spec.cidrs[0]).prefixLength() >= 16": compilation failed: ERROR: <input>:1:6: undeclared reference to 'cidrr' (in container '')\n | cidrr(object.spec.cidrs[0]).prefixLength() >= 16\n | .....^\n`,
    );
    expect(r.exitCode).toBe(1);
  });
});

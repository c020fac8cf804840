/**
 * The two policies that end the kubernetes.io task "Extend Service IP Ranges", section "Kubernetes
 * Service CIDR Policies" (kubernetes/website content/en/docs/tasks/network/extend-service-ip-ranges.md,
 * which includes content/en/examples/service/networking/vap-servicecidr-default.yaml @136d08d0 and
 * vap-servicecidr-deny.yaml @40f490ed; the fixtures are byte-for-byte copies), pasted verbatim into
 * `kubectl apply -f - <<'TSEOF'` through the shell, and the page's examples: `cidrs: ['10.96.1.0/24']` and
 * `cidrs: ['2001:db8:0:0:ffff::/80', '10.96.0.0/20']` allowed, `cidrs: ['172.20.0.0/16']` refused, and
 * with the second policy everything but the `kubernetes` ServiceCIDR refused.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { newSession, sh } from "../../helpers.ts";
import type { Session } from "../../../src/shell/session.ts";

const DEFAULT_POLICY = readFileSync(new URL("./fixtures/vap-servicecidr-default.yaml", import.meta.url), "utf8");
const DENY_POLICY = readFileSync(new URL("./fixtures/vap-servicecidr-deny.yaml", import.meta.url), "utf8");

/**
 * What a learner types after copying a block from the page. The delimiter is quoted because the page's
 * YAML holds a backquoted word in a comment (`allowed`), which bash would run as a command otherwise.
 */
const apply = (s: Session, yaml: string) => sh(s, `kubectl apply -f - <<'TSEOF'\n${yaml.replace(/\n$/, "")}\nTSEOF`);

/** A ServiceCIDR written the way the page quotes its examples (`cidrs: ['10.96.1.0/24']`). */
function serviceCIDR(name: string, cidrs: string[]): string {
  return `apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata:\n  name: ${name}\nspec:\n  cidrs: [${cidrs.map((c) => `'${c}'`).join(", ")}]\n`;
}

const DEFAULT_DENIAL =
  "ValidatingAdmissionPolicy 'servicecidrs.default' with binding 'servicecidrs-default-binding' denied request: failed expression: object.spec.cidrs.all(newCIDR, variables.allowed.exists(allowedCIDR, cidr(allowedCIDR).containsCIDR(newCIDR)))";

describe("Extend Service IP Ranges: Kubernetes Service CIDR Policies", () => {
  it("restricts ServiceCIDRs to the allowed ranges", async () => {
    const s = await newSession();
    expect(await apply(s, DEFAULT_POLICY)).toEqual({
      command: expect.any(String),
      output:
        "validatingadmissionpolicy.admissionregistration.k8s.io/servicecidrs.default created\nvalidatingadmissionpolicybinding.admissionregistration.k8s.io/servicecidrs-default-binding created\n",
      exitCode: 0,
    });

    const ok1 = await apply(s, serviceCIDR("newcidr1", ["10.96.1.0/24"]));
    expect(ok1.output).toBe("servicecidr.networking.k8s.io/newcidr1 created\n");
    const ok2 = await apply(s, serviceCIDR("newcidr2", ["2001:db8:0:0:ffff::/80", "10.96.0.0/20"]));
    expect(ok2.output).toBe("servicecidr.networking.k8s.io/newcidr2 created\n");

    const bad = await apply(s, serviceCIDR("newcidr3", ["172.20.0.0/16"]));
    expect(bad.output).toBe(`The servicecidrs "newcidr3" is invalid: : ${DEFAULT_DENIAL}\n`);
    expect(bad.exitCode).toBe(1);
    const created = await apply(s, serviceCIDR("newcidr4", ["10.96.0.0/16", "2001:db8::/48"]));
    expect(created.output).toBe(`The servicecidrs "newcidr4" is invalid: : ${DEFAULT_DENIAL}\n`);

    const list = await sh(s, "kubectl get servicecidrs -o name");
    expect(list.output).toBe("servicecidr.networking.k8s.io/kubernetes\nservicecidr.networking.k8s.io/newcidr1\nservicecidr.networking.k8s.io/newcidr2\n");

    // The matchCondition keeps the default ServiceCIDR out of the policy's reach: 10.96.0.0/12 is
    // wider than the allowed /16, yet it can still be labelled.
    expect((await sh(s, "kubectl label servicecidr kubernetes team=net")).output).toBe("servicecidr.networking.k8s.io/kubernetes labeled\n");

    const age = (text: string) => text.replace(/ \d+s\n/g, " <age>\n");
    expect(age((await sh(s, "kubectl get validatingadmissionpolicies")).output)).toBe(
      "NAME                   VALIDATIONS   PARAMKIND   AGE\nservicecidrs.default   1             <unset>     <age>\n",
    );
    expect(age((await sh(s, "kubectl get validatingadmissionpolicybindings")).output)).toBe(
      "NAME                           POLICYNAME             PARAMREF   AGE\nservicecidrs-default-binding   servicecidrs.default   <unset>    <age>\n",
    );
  });

  it("forbids any ServiceCIDR but the default one", async () => {
    const s = await newSession();
    expect((await apply(s, DENY_POLICY)).output).toBe(
      "validatingadmissionpolicy.admissionregistration.k8s.io/servicecidrs.deny created\nvalidatingadmissionpolicybinding.admissionregistration.k8s.io/servicecidrs-deny-binding created\n",
    );
    for (const cidrs of [["10.96.1.0/24"], ["2001:db8:0:0:ffff::/80", "10.96.0.0/20"], ["172.20.0.0/16"]]) {
      const r = await apply(s, serviceCIDR("newcidr1", cidrs));
      expect(r.exitCode).toBe(1);
      expect(r.output).toBe(
        "The servicecidrs \"newcidr1\" is invalid: : ValidatingAdmissionPolicy 'servicecidrs.deny' with binding 'servicecidrs-deny-binding' denied request: you can only create or update the default ServiceCIDR\n",
      );
    }
    // The default ServiceCIDR passes the first validation but a person is not the apiserver.
    const label = await sh(s, "kubectl label servicecidr kubernetes team=net");
    expect(label.output).toBe(
      "The servicecidrs \"kubernetes\" is invalid: : ValidatingAdmissionPolicy 'servicecidrs.deny' with binding 'servicecidrs-deny-binding' denied request: you can not create or update ServiceCIDR objects\n",
    );
    expect((await sh(s, "kubectl get servicecidrs -o name")).output).toBe("servicecidr.networking.k8s.io/kubernetes\n");
  });

  it("refuses with the first policy by name when both are bound, and audits the failure", async () => {
    const s = await newSession();
    await apply(s, DEFAULT_POLICY);
    await apply(s, DENY_POLICY);
    const outside = await apply(s, serviceCIDR("newcidr1", ["172.20.0.0/16"]));
    expect(outside.output).toBe(`The servicecidrs "newcidr1" is invalid: : ${DEFAULT_DENIAL}\n`);
    const inside = await apply(s, serviceCIDR("newcidr2", ["10.96.1.0/24"]));
    expect(inside.output).toBe(
      "The servicecidrs \"newcidr2\" is invalid: : ValidatingAdmissionPolicy 'servicecidrs.deny' with binding 'servicecidrs-deny-binding' denied request: you can only create or update the default ServiceCIDR\n",
    );
    const events = s.cluster!.apiserver!.auditEvents();
    expect(events).toHaveLength(2);
    expect(events[0]!.annotations).toEqual({
      "validation.policy.admission.k8s.io/validation_failure":
        '[{"message":"failed expression: object.spec.cidrs.all(newCIDR, variables.allowed.exists(allowedCIDR, cidr(allowedCIDR).containsCIDR(newCIDR)))","policy":"servicecidrs.default","binding":"servicecidrs-default-binding","expressionIndex":0,"validationActions":["Deny","Audit"]}]',
    });
    expect(events[1]!.annotations["validation.policy.admission.k8s.io/validation_failure"]).toBe(
      '[{"message":"you can only create or update the default ServiceCIDR","policy":"servicecidrs.deny","binding":"servicecidrs-deny-binding","expressionIndex":0,"validationActions":["Deny","Audit"]}]',
    );
  });
});

/**
 * Throws 10,000 random command lines and manifests at the engine through the shell session: nothing
 * may throw past the shell, and the allocation invariants must hold after every single command.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/shell/session.ts";
import { checkInvariants } from "./invariants.ts";

const name = fc.constantFrom("a", "b", "web", "test-1", "test-2", "db", "Bad_Name", "x".repeat(70), "", "-x", "kubernetes");
const ns = fc.constantFrom("default", "kube-system", "missing", "");
const octet = fc.integer({ min: 0, max: 300 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join("."));
const someIP = fc.oneof(ipv4, fc.constantFrom("10.96.0.1", "10.96.0.10", "10.96.5.5", "10.100.0.20", "2001:db8::5", "None", "010.96.0.7", "::ffff:10.96.0.9", "garbage", ""));
const cidr = fc.oneof(
  fc.tuple(ipv4, fc.integer({ min: 0, max: 40 })).map(([ip, p]) => `${ip}/${p}`),
  fc.constantFrom("10.96.0.0/24", "10.100.0.0/16", "10.96.0.0/12", "2001:db8::/112", "2001:db8::/64", "2001:db8::/48", "10.96.0.1/24", "10.96.0.0/33", "010.96.0.0/24", "fd00::/120", "nonsense"),
);
const port = fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.constantFrom(80, 443, 53));

const manifest = fc.oneof(
  fc.tuple(name, fc.array(cidr, { minLength: 0, maxLength: 3 })).map(
    ([n, cs]) => `apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata:\n  name: ${n}\nspec:\n  cidrs:\n${cs.map((c) => `  - ${c}`).join("\n")}`,
  ),
  fc.tuple(name, ns, someIP, port, fc.constantFrom("ClusterIP", "NodePort", "LoadBalancer", "ExternalName", "Bogus"), fc.constantFrom("SingleStack", "PreferDualStack", "RequireDualStack", "Nope")).map(
    ([n, s, ip, p, t, pol]) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${n}\n  namespace: ${s || "default"}\nspec:\n  type: ${t}\n  ipFamilyPolicy: ${pol}\n  clusterIP: "${ip}"\n  ports:\n  - port: ${p}\n  selector:\n    app: ${n}`,
  ),
  fc.tuple(someIP, name).map(([ip, n]) => `apiVersion: networking.k8s.io/v1\nkind: IPAddress\nmetadata:\n  name: ${ip}\nspec:\n  parentRef:\n    resource: services\n    namespace: default\n    name: ${n}`),
  fc.string({ maxLength: 80 }),
  fc.constantFrom("apiVersion: v1\nkind: Service\nmetadata: [oops", "kind: ServiceCIDR\nspec: {}", "apiVersion: v1\nkind: Widget\nmetadata:\n  name: w", "- a\n- b", "{\"apiVersion\":\"v1\"", "apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata:\n  name: x\nspec:\n  cidr: 10.0.0.0/24"),
);

const command = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom("clusterip", "nodeport", "loadbalancer"), name, port, fc.option(someIP)).map(([t, n, p, ip]) => `kubectl create service ${t} ${n} --tcp ${p}${ip === null ? "" : ` --clusterip=${ip}`}`) },
  { weight: 3, arbitrary: fc.tuple(name, ns).map(([n, s]) => `kubectl delete svc ${n}${s ? ` -n ${s}` : ""}`) },
  { weight: 3, arbitrary: fc.tuple(manifest, fc.constantFrom("apply", "create", "delete")).map(([m, verb]) => `cat <<'YAML' | kubectl ${verb} -f -\n${m}\nYAML`) },
  { weight: 2, arbitrary: fc.tuple(name, fc.boolean()).map(([n, w]) => `kubectl delete servicecidr ${n}${w ? " --wait=false" : ""}`) },
  { weight: 2, arbitrary: fc.constantFrom("kubectl get svc -A -o wide", "kubectl get servicecidr -o yaml", "kubectl get ipaddress", "kubectl describe servicecidr", "kubectl get svc -o jsonpath='{.items[*].spec.clusterIP}'", "kubectl api-resources", "kubectl get events -A") },
  { weight: 2, arbitrary: fc.tuple(name, fc.constantFrom('{"spec":{"ipFamilyPolicy":"PreferDualStack"}}', '{"spec":{"type":"ExternalName","externalName":"x.example.com"}}', '{"spec":{"type":"ClusterIP"}}', '{"spec":{"clusterIP":"10.96.0.99"}}', '[{"op":"remove","path":"/spec/ports"}]', "{bad")).map(([n, p]) => `kubectl patch svc ${n} -p '${p}'`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 30 }).map((s) => `sleep ${s}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => `kubectl ${s}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom("kubectl get --foo", "kubectl gett svc", "kubectl get widgets", "kubectl create -f /nope.yaml", "kubeadm init --service-cidr=10.0.0.0/33", "kubeadm init", "echo $((1/0))", "for i in 1 2 3; do kubectl get svc nope$i; done") },
);

describe("engine fuzz", () => {
  it("survives 10,000 random commands with its allocation invariants intact", async () => {
    let commands = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.array(command, { minLength: 40, maxLength: 40 }), async (seed, script) => {
        const session = await Session.create({ seed, stepMs: 5000 });
        for (const line of script) {
          commands++;
          const r = await session.run(line);
          expect(typeof r.output).toBe("string");
          if (session.cluster) {
            const problems = checkInvariants(session.cluster);
            if (problems.length) throw new Error(`after ${JSON.stringify(line)}:\n${problems.join("\n")}`);
          }
        }
      }),
      { numRuns: 250, seed: 20251103 },
    );
    expect(commands).toBe(10_000);
  }, 600_000);
});

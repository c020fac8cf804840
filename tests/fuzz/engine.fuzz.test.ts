/**
 * Throws 10,000 random command lines and manifests at the engine (most straight to kubectl, some as
 * typed shell text): nothing may throw past kubectl or the shell, and the allocation invariants must hold after every single command.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/shell/session.ts";
import { checkInvariants } from "./invariants.ts";
import { runKubectlIn } from "../../src/shell/commands/kubectl.ts";

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

type Cmd = { kubectl: string[]; stdin?: string } | { shell: string };
const k = (...argv: string[]): Cmd => ({ kubectl: argv });

/** Most commands go straight to kubectl (the engine); a tenth go through the shell as typed text. */
const command: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(fc.constantFrom("clusterip", "nodeport", "loadbalancer"), name, port, fc.option(someIP)).map(([t, n, p, ip]) => k("create", "service", t, n, "--tcp", String(p), ...(ip === null ? [] : [`--clusterip=${ip}`]))) },
  { weight: 6, arbitrary: fc.tuple(name, ns).map(([n, s]) => k("delete", "svc", n, ...(s ? ["-n", s] : []))) },
  { weight: 8, arbitrary: fc.tuple(manifest, fc.constantFrom("apply", "create", "delete")).map(([m, verb]): Cmd => ({ kubectl: [verb, "-f", "-"], stdin: m })) },
  { weight: 4, arbitrary: fc.tuple(name, fc.boolean()).map(([n, w]) => k("delete", "servicecidr", n, ...(w ? ["--wait=false"] : []))) },
  { weight: 3, arbitrary: fc.constantFrom(k("get", "svc", "-A", "-o", "wide"), k("get", "servicecidr", "-o", "yaml"), k("get", "ipaddress"), k("describe", "servicecidr"), k("get", "svc", "-o", "jsonpath={.items[*].spec.clusterIP}"), k("api-resources"), k("get", "events", "-A"), k("delete", "ipaddress", "10.96.0.1"), k("delete", "ipaddress", "--all")) },
  { weight: 4, arbitrary: fc.tuple(name, fc.constantFrom('{"spec":{"ipFamilyPolicy":"PreferDualStack"}}', '{"spec":{"type":"ExternalName","externalName":"x.example.com"}}', '{"spec":{"type":"ClusterIP"}}', '{"spec":{"type":"NodePort"}}', '{"spec":{"clusterIP":"10.96.0.99"}}', '[{"op":"remove","path":"/spec/ports"}]', "{bad"), fc.constantFrom("strategic", "merge", "json")).map(([n, p, t]) => k("patch", "svc", n, "--type", t, "-p", p)) },
  { weight: 2, arbitrary: fc.array(fc.string({ maxLength: 12 }), { maxLength: 6 }).map((argv) => k(...argv)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 30 }).map((s): Cmd => ({ shell: `sleep ${s}` })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s): Cmd => ({ shell: s })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s): Cmd => ({ shell: `kubectl ${s}` })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Cmd>(
      { shell: "kubectl get --foo" },
      { shell: "kubectl gett svc" },
      { shell: "kubectl create -f /nope.yaml" },
      { shell: "kubeadm init --service-cidr=10.0.0.0/33" },
      { shell: "kubeadm init" },
      { shell: "echo $((1/0))" },
      { shell: "for i in 1 2 3; do kubectl get svc nope$i; done" },
      { shell: "cat <<'YAML' | kubectl apply -f -\napiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata:\n  name: extra\nspec:\n  cidrs:\n  - 10.100.0.0/24\nYAML" },
    ),
  },
);

describe("engine fuzz", () => {
  it("survives 10,000 random commands with its allocation invariants intact", async () => {
    let commands = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.array(command, { minLength: 40, maxLength: 40 }), async (seed, script) => {
        const session = await Session.create({ seed, stepMs: 5000 });
        for (const cmd of script) {
          commands++;
          const t0 = performance.now();
          const output = "shell" in cmd ? (await session.run(cmd.shell)).output : runKubectlIn(session, cmd.kubectl, cmd.stdin).stdout;
          const took = performance.now() - t0;
          if (process.env.FUZZ_SLOW && took > 200) console.log(`slow ${took.toFixed(0)} ms: ${JSON.stringify(cmd)}`);
          expect(typeof output).toBe("string");
          const line = "shell" in cmd ? cmd.shell : `kubectl ${cmd.kubectl.join(" ")}`;
          if (session.cluster) {
            const problems = checkInvariants(session.cluster);
            if (problems.length) throw new Error(`after ${JSON.stringify(line)}:\n${problems.join("\n")}`);
          }
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 250), seed: 20251103 },
    );
    expect(commands).toBe(40 * Number(process.env.FUZZ_RUNS ?? 250));
  }, 600_000);
});

import { describe, expect, it } from "vitest";
import { parseDemoScript } from "../../src/ui/presenter/script.ts";

describe("demo scripts", () => {
  it("reads the header, notes, pauses and multi-line commands", () => {
    const s = parseDemoScript(`# title: Extending the range
# seed: 7
# preset: default

# note: Start from what the cluster has.
kubectl get servicecidr
# pause
# note: A second range,
# note: pasted as a heredoc.
kubectl apply -f - <<YAML
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  name: newcidr1
spec:
  cidrs: [10.96.0.0/24]
YAML
# an ordinary comment
for i in 1 2; do
  kubectl create service clusterip s$i --tcp 80
done
kubectl get svc \\
  -o wide
`);
    expect("error" in s).toBe(false);
    if ("error" in s) return;
    expect([s.title, s.seed, s.preset]).toEqual(["Extending the range", 7, "default"]);
    expect(s.steps.map((x) => [x.command?.split("\n")[0] ?? null, x.notes, x.line])).toEqual([
      ["kubectl get servicecidr", ["Start from what the cluster has."], 6],
      [null, [], 7],
      ["kubectl apply -f - <<YAML", ["A second range,", "pasted as a heredoc."], 10],
      ["for i in 1 2; do", [], 19],
      ["kubectl get svc \\", [], 22],
    ]);
    expect(s.steps[2]!.command!.split("\n")).toHaveLength(8);
  });

  it("says what is wrong, with the line", () => {
    expect(parseDemoScript("kubectl get svc\n# seed: 3\n")).toEqual({ error: 'line 2: "# seed:" belongs before the first step' });
    expect(parseDemoScript("# seed: x\nkubectl get svc")).toEqual({ error: 'line 1: seed must be a whole number, not "x"' });
    expect(parseDemoScript("# preset: kind\nls")).toEqual({ error: 'line 1: preset must be default or none, not "kind"' });
    expect(parseDemoScript("echo 'open\nkubectl get svc")).toEqual({ error: "line 1: this command is never finished (an open quote, heredoc or loop)" });
    expect(parseDemoScript("# note: only talk\n# pause\n")).toEqual({ error: "the script has no commands" });
  });
});

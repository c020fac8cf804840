/** The headless CLI as other tools call it: a child process, a script on stdin or in a file. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { input, encoding: "utf8", cwd: new URL("..", import.meta.url).pathname });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe("headless CLI", () => {
  it("runs a script from stdin as the terminal would, continuation lines included", () => {
    const script = `kubectl create service clusterip web --tcp 80:8080
for i in 1 2; do
  kubectl get svc web -o jsonpath='{.spec.ports[0].targetPort}{"\\n"}'
done
kubectl get svc nope
echo done`;
    const r = cli(["--seed", "3"], script);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('service/web created\n8080\n8080\nError from server (NotFound): services "nope" not found\ndone\n');
  });

  it("gives the same transcript for the same seed and script", () => {
    const script = "for i in 1 2 3; do kubectl create service clusterip s$i --tcp 80 -o jsonpath='{.spec.clusterIP}{\" \"}{.metadata.uid}{\"\\n\"}'; done\nkubectl get svc";
    const a = cli(["--seed", "42"], script);
    const b = cli(["--seed", "42"], script);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^10\.\d+\.\d+\.\d+ [0-9a-f-]{36}\n/);
  });

  it("reads a file argument and starts from a bare machine with --preset none", () => {
    const r = cli(["--preset", "none", "tests/fixtures/extend-service-ip-ranges.en.sh"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("failed to allocate a serviceIP: range is full");
  });

  it("rejects unknown options", () => {
    const r = cli(["--speed", "2"], "");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("cli: unknown option --speed\n");
  });
});

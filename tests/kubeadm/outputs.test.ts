import { describe, expect, it } from "vitest";
import {
  fatal,
  initOutput,
  joinCommand,
  joinOutput,
  klogLine,
  preflightRunningControlPlane,
  preflightRunningControlPlaneWarnings,
  resetOutput,
  resetPrompt,
  resetRefused,
  versionOutput,
} from "../../src/kubeadm/index.ts";
import { fixture, opts } from "./helpers.ts";

const TOKEN = "8vzuea.jo8g3ws3mf006jsb";
const HASH = "sha256:ab1a9a94e63fd993ba5b4959af0cea371cbb2339637bc1662de5f8121803bcbd";
const HEALTHY = { kubelet: "501.437027ms", controllerManager: "5.606949978s", scheduler: "6.457968013s", apiserver: "8.001042238s" };
const SANDBOX_WARNING =
  'W1007 14:46:23.310795    1681 checks.go:830] detected that the sandbox image "registry.k8s.io/pause:3.8" of the container runtime is inconsistent with that used by kubeadm. It is recommended to use "registry.k8s.io/pause:3.10.1" as the CRI sandbox image.\n';

describe("initOutput", () => {
  const transcript = fixture("init-v1.34.1.txt");

  it("reproduces the reference v1.34.1 transcript exactly (stdout + interleaved stderr)", () => {
    const out = initOutput(opts({ podNetworkCIDR: "10.244.0.0/16" }), {
      token: TOKEN,
      caCertHash: HASH,
      healthyAfter: HEALTHY,
      imagePullWarnings: SANDBOX_WARNING,
    });
    expect(out.chunks.map((c) => c.text).join("")).toBe(transcript);
    expect(out.stdout).toBe(transcript.replace(SANDBOX_WARNING, ""));
    expect(out.stderr).toBe(SANDBOX_WARNING);
  });

  it("ends the join line with ' \\' + newline + TAB and the hash line with one space", () => {
    const { stdout } = initOutput(opts(), { token: TOKEN, caCertHash: HASH, healthyAfter: HEALTHY });
    expect(stdout.endsWith(`kubeadm join 192.168.0.7:6443 --token ${TOKEN} \\\n\t--discovery-token-ca-cert-hash ${HASH} \n`)).toBe(true);
    expect(stdout).not.toContain("\n\n\n");
  });

  it("derives SANs from the service CIDR, node name and domain; orders health lines by duration", () => {
    const { stdout } = initOutput(
      opts({ serviceCIDR: "172.20.0.0/16,fd00:20::/112", nodeName: "cplane1", serviceDNSDomain: "myorg.internal", apiserverBindPort: 8443 }),
      { token: TOKEN, caCertHash: HASH.slice("sha256:".length), healthyAfter: { ...HEALTHY, apiserver: "1.2s" } },
    );
    expect(stdout).toContain(
      "[certs] apiserver serving cert is signed for DNS names [cplane1 kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.myorg.internal] and IPs [172.20.0.1 192.168.0.7]\n",
    );
    expect(stdout).toContain("[certs] etcd/server serving cert is signed for DNS names [cplane1 localhost] and IPs [192.168.0.7 127.0.0.1 ::1]\n");
    expect(stdout).toContain("[control-plane-check] Checking kube-apiserver at https://192.168.0.7:8443/livez\n");
    expect(stdout).toContain(
      "[control-plane-check] kube-apiserver is healthy after 1.2s\n[control-plane-check] kube-controller-manager is healthy after 5.606949978s\n",
    );
    expect(stdout).toContain(`kubeadm join 192.168.0.7:8443 --token ${TOKEN} \\\n\t--discovery-token-ca-cert-hash ${HASH} \n`);
  });

  it("withholds the token with --skip-token-print", () => {
    const { stdout } = initOutput(opts({ skipTokenPrint: true }), { token: TOKEN, caCertHash: HASH, healthyAfter: HEALTHY });
    expect(stdout).not.toContain(TOKEN);
    expect(stdout).toContain("--token <value withheld> \\\n");
  });
});

describe("preflightRunningControlPlane", () => {
  it("prints every failing check and the 1.34 trailer", () => {
    const r = preflightRunningControlPlane(opts());
    expect(r).not.toBeNull();
    const ref = fixture("preflight-running.txt");
    expect(r?.stdout).toBe("[init] Using Kubernetes version: v1.34.1\n[preflight] Running pre-flight checks\n");
    expect((r?.stdout ?? "") + (r?.stderr ?? "")).toBe(ref);
    expect(r?.exitCode).toBe(1);
  });

  it("turns ignored checks into warnings printed before the remaining errors (names case-insensitive)", () => {
    const r = preflightRunningControlPlane(opts({ ignorePreflightErrors: ["port-6443", "DirAvailable--var-lib-etcd"] }));
    expect(r?.stderr.startsWith("\t[WARNING Port-6443]: Port 6443 is in use\n\t[WARNING DirAvailable--var-lib-etcd]: /var/lib/etcd is not empty\n[preflight] Some fatal errors occurred:\n\t[ERROR Port-10259]")).toBe(true);
    expect(r?.stderr).not.toContain("[ERROR Port-6443]");
  });

  it("returns null with --ignore-preflight-errors=all and offers the warnings", () => {
    expect(preflightRunningControlPlane(opts({ ignorePreflightErrors: ["all"] }))).toBeNull();
    const w = preflightRunningControlPlaneWarnings(opts({ ignorePreflightErrors: ["all"] }));
    expect(w.split("\n").filter(Boolean)).toHaveLength(11);
    expect(w.startsWith("\t[WARNING Port-6443]: Port 6443 is in use\n")).toBe(true);
    const out = initOutput(opts({ ignorePreflightErrors: ["all"] }), { token: TOKEN, caCertHash: HASH, healthyAfter: HEALTHY, preflightWarnings: w });
    expect(out.chunks[1]).toEqual({ stream: "stderr", text: w });
  });

  it("an unknown check name changes nothing", () => {
    expect(preflightRunningControlPlane(opts({ ignorePreflightErrors: ["true"] }))?.stderr).toBe(preflightRunningControlPlane(opts())?.stderr);
  });
});

describe("reset", () => {
  it("prints the control-plane form of reset -f (plus the blank line of manualCleanupInstructions)", () => {
    const r = resetOutput();
    expect(r.stdout).toBe(`${fixture("reset-f.txt")}\n`);
    expect(r.stderr).toBe("");
  });

  it("prompts and refuses", () => {
    expect(resetPrompt()).toBe("[reset] Are you sure you want to proceed? [y/N]: ");
    expect(resetRefused()).toBe(
      "error: error execution phase preflight: won't proceed; the user didn't answer (Y|y) in order to continue\nTo see the stack trace of this error execute with --v=5 or higher\n",
    );
  });
});

describe("join", () => {
  it("print-join-command keeps one trailing space", () => {
    expect(joinCommand("192.168.0.7:6443", "q5tban.yqa9sw6im3d2z2fg", "sha256:d7498807d0145b5e30c427682a029d4fdd97fe304b7012837f85b1141fca5bfc")).toBe(
      "kubeadm join 192.168.0.7:6443 --token q5tban.yqa9sw6im3d2z2fg --discovery-token-ca-cert-hash sha256:d7498807d0145b5e30c427682a029d4fdd97fe304b7012837f85b1141fca5bfc \n",
    );
  });

  it("kubeadm join output matches the 1.34 transcript", () => {
    expect(joinOutput()).toBe(fixture("join.txt"));
  });
});

describe("errors, klog, version", () => {
  it("fatal", () => {
    expect(fatal("x")).toBe("error: x\nTo see the stack trace of this error execute with --v=5 or higher\n");
  });

  it("klog header", () => {
    expect(klogLine("W", new Date(Date.UTC(2025, 9, 7, 14, 46, 23, 310)), 1681, "checks.go:830", "m")).toBe(
      "W1007 14:46:23.310000    1681 checks.go:830] m\n",
    );
  });

  it("version formats", () => {
    expect(versionOutput()).toBe(
      'kubeadm version: &version.Info{Major:"1", Minor:"34", EmulationMajor:"", EmulationMinor:"", MinCompatibilityMajor:"", MinCompatibilityMinor:"", GitVersion:"v1.34.1", GitCommit:"93248f9ae092f571eb870b7664c534bfc7d00f03", GitTreeState:"clean", BuildDate:"2025-09-09T19:43:15Z", GoVersion:"go1.24.6", Compiler:"gc", Platform:"linux/amd64"}\n',
    );
    expect(versionOutput("short")).toBe("v1.34.1\n");
    expect(JSON.parse(versionOutput("json"))).toMatchObject({ clientVersion: { gitVersion: "v1.34.1", major: "1" } });
    expect(versionOutput("yaml")).toBe(
      'clientVersion:\n  buildDate: "2025-09-09T19:43:15Z"\n  compiler: gc\n  gitCommit: 93248f9ae092f571eb870b7664c534bfc7d00f03\n  gitTreeState: clean\n  gitVersion: v1.34.1\n  goVersion: go1.24.6\n  major: "1"\n  minor: "34"\n  platform: linux/amd64\n\n',
    );
    expect(versionOutput("xml")).toBe(fatal("invalid output format: xml"));
  });
});

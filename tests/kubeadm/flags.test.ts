import { describe, expect, it } from "vitest";
import { initHelp, parseInitArgs, rootHelp } from "../../src/kubeadm/index.ts";

const defaults = { apiserverAdvertiseAddress: "192.168.0.7", nodeName: "controlplane" };

describe("parseInitArgs", () => {
  it("parses the transcript's command line (space and = forms)", () => {
    const r = parseInitArgs(["--apiserver-advertise-address", "192.168.0.7", "--pod-network-cidr=10.244.0.0/16"], defaults);
    expect(r).toMatchObject({
      options: { apiserverAdvertiseAddress: "192.168.0.7", podNetworkCIDR: "10.244.0.0/16", serviceCIDR: "10.96.0.0/12", apiserverBindPort: 6443, nodeName: "controlplane", kubernetesVersion: "v1.34.1" },
    });
  });

  it("reads every modelled flag", () => {
    const r = parseInitArgs(
      [
        "--service-cidr=10.96.0.0/16,fd00::/112",
        "--apiserver-bind-port",
        "8443",
        "--service-dns-domain=myorg.internal",
        "--kubernetes-version=v1.34.0",
        "--node-name=cp1",
        "--ignore-preflight-errors=Port-6443,Swap",
        "--ignore-preflight-errors=NumCPU",
        "--dry-run",
        "--skip-token-print",
        "--v=5",
      ],
      defaults,
    );
    expect(r).toMatchObject({
      options: {
        serviceCIDR: "10.96.0.0/16,fd00::/112",
        apiserverBindPort: 8443,
        serviceDNSDomain: "myorg.internal",
        kubernetesVersion: "v1.34.0",
        nodeName: "cp1",
        ignorePreflightErrors: ["Port-6443", "Swap", "NumCPU"],
        dryRun: true,
        skipTokenPrint: true,
      },
    });
  });

  it.each([
    [["--foo"], "unknown flag: --foo"],
    [["--foo=bar"], "unknown flag: --foo"],
    [["--apiserver-advertise-address172.31.17.208"], "unknown flag: --apiserver-advertise-address172.31.17.208"],
    [["-x"], "unknown shorthand flag: 'x' in -x"],
    [["--service-cidr"], "flag needs an argument: --service-cidr"],
    [["--pod-network-cidr"], "flag needs an argument: --pod-network-cidr"],
    [["--apiserver-bind-port=abc"], 'invalid argument "abc" for "--apiserver-bind-port" flag: strconv.ParseInt: parsing "abc": invalid syntax'],
    [["--apiserver-bind-port=3000000000"], 'invalid argument "3000000000" for "--apiserver-bind-port" flag: strconv.ParseInt: parsing "3000000000": value out of range'],
    [["--dry-run=maybe"], 'invalid argument "maybe" for "--dry-run" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
    [["stray"], 'unknown command "stray" for "kubeadm init"'],
    [["--config=kubeadm.yaml", "--pod-network-cidr=10.244.0.0/16", "--service-cidr=10.96.0.0/16"], "can not mix '--config' with arguments [pod-network-cidr service-cidr]"],
  ])("%j", (argv, error) => {
    expect(parseInitArgs(argv, defaults)).toEqual({ error });
  });

  it("takes the next word even when it looks like a flag, as pflag does", () => {
    expect(parseInitArgs(["--service-cidr", "--pod-network-cidr=1.2.3.0/24"], defaults)).toMatchObject({
      options: { serviceCIDR: "--pod-network-cidr=1.2.3.0/24" },
    });
  });

  it("returns the config path with allowed flags, and help", () => {
    expect(parseInitArgs(["--config", "k.yaml", "--ignore-preflight-errors=all", "--node-name=x", "--skip-phases=addon/kube-proxy"], defaults)).toMatchObject({
      configPath: "k.yaml",
    });
    expect(parseInitArgs(["-h"], defaults)).toMatchObject({ help: true });
    expect(parseInitArgs(["--help", "stray"], defaults)).toMatchObject({ help: true });
    expect(parseInitArgs(["-h", "--foo"], defaults)).toEqual({ error: "unknown flag: --foo" });
  });
});

describe("help", () => {
  it("kubeadm init --help has the 1.34 phase table and pflag layout", () => {
    const h = initHelp();
    expect(h.startsWith('Run this command in order to set up the Kubernetes control plane\n\nThe "init" command executes the following phases:\n```\npreflight                     Run pre-flight checks\ncerts                         Certificate generation\n  /ca                           Generate the self-signed Kubernetes CA')).toBe(true);
    expect(h).toContain("  /enable-client-cert-rotation  Enable kubelet client certificate rotation\n");
    expect(h).toContain("show-join-command             Show the join command for control-plane and worker node\n```\n\nUsage:\n  kubeadm init [flags]\n  kubeadm init [command]\n\nAvailable Commands:\n  phase       Use this command to invoke single phase of the init workflow\n\nFlags:\n");
    expect(h).toContain("      --apiserver-advertise-address string   The IP address the API Server will advertise it's listening on. If not set the default network interface will be used.\n");
    expect(h).toContain("      --apiserver-bind-port int32            Port for the API Server to bind to. (default 6443)\n");
    expect(h).toContain("      --feature-gates string                 A set of key=value pairs that describe feature gates for various features. Options are:\n                                             ControlPlaneKubeletLocalMode=true|false (default=true)\n");
    expect(h).toContain("  -h, --help                                 help for init\n");
    expect(h).toContain('      --service-cidr string                  Use alternative range of IP address for service VIPs. (default "10.96.0.0/12")\n');
    expect(h).toContain("[a-z0-9]{6}\\.[a-z0-9]{16}");
    expect(h).toContain("      --token-ttl duration                   The duration before the token is automatically deleted (e.g. 1s, 2m, 3h). If set to '0', the token will never expire (default 24h0m0s)\n");
    expect(h.endsWith('\n\nGlobal Flags:\n      --rootfs string        The path to the \'real\' host root filesystem. This will cause kubeadm to chroot into the provided path.\n  -v, --v Level              number for the log level verbosity\n      --vmodule moduleSpec   comma-separated list of pattern=N settings for file-filtered logging\n\nUse "kubeadm init [command] --help" for more information about a command.\n')).toBe(true);
  });

  it("kubeadm --help", () => {
    const h = rootHelp();
    expect(h.startsWith("\n\n    ┌──────────────────────────────────────────────────────────┐\n    │ KUBEADM ")).toBe(true);
    expect(h).toContain("as many other machines as you like.\n\nUsage:\n  kubeadm [command]\n\nAvailable Commands:\n  certs       Commands related to handling kubernetes certificates\n");
    expect(h).toContain("  version     Print the version of kubeadm\n\nFlags:\n  -h, --help                 help for kubeadm\n      --rootfs string        The path");
    expect(h.endsWith('Additional help topics:\n  kubeadm alpha      Kubeadm experimental sub-commands\n\nUse "kubeadm [command] --help" for more information about a command.\n')).toBe(true);
  });
});

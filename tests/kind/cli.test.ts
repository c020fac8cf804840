import { describe, expect, it } from "vitest";
import { kindHarness } from "./helpers.ts";

const SALUTATION = /\n\n(Have a nice day! 👋|Thanks for using kind! 😊|Not sure what to do next\? 😅 {2}Check out https:\/\/kind\.sigs\.k8s\.io\/docs\/user\/quick-start\/|Have a question, bug, or feature request\? Let us know! https:\/\/kind\.sigs\.k8s\.io\/#community 🙂)\n$/;

describe("kind create cluster", () => {
  it("prints kind's steps on stderr and hands the lab one plan (reference §4.3)", async () => {
    const h = kindHarness();
    const r = await h.kind("create cluster");
    expect(r).toEqual({
      stdout: "",
      stderr:
        'Creating cluster "kind" ...\n' +
        " ✓ Ensuring node image (kindest/node:v1.34.0) 🖼️\n" +
        " ✓ Preparing nodes 📦 \n" +
        " ✓ Writing configuration 📜\n" +
        " ✓ Starting control-plane 🕹️\n" +
        " ✓ Installing CNI 🔌\n" +
        " ✓ Installing StorageClass 💾\n" +
        'Set kubectl context to "kind-kind"\n' +
        "You can now use your cluster with:\n\n" +
        "kubectl cluster-info --context kind-kind\n\n" +
        "Have a nice day! 👋\n",
      exitCode: 0,
    });
    expect(h.lab.plans.map((p) => [p.name, p.server])).toEqual([["kind", "https://127.0.0.1:49334"]]);
  });

  it("prints kind's non-terminal form: each step when it starts and when it ends", async () => {
    const h = kindHarness({ style: "plain" });
    const r = await h.kind("create cluster --name dev");
    expect(r.stderr.split(SALUTATION)[0]).toBe(
      'Creating cluster "dev" ...\n' +
        " • Ensuring node image (kindest/node:v1.34.0) 🖼️  ...\n" +
        " ✓ Ensuring node image (kindest/node:v1.34.0) 🖼️\n" +
        " • Preparing nodes 📦   ...\n" +
        " ✓ Preparing nodes 📦 \n" +
        " • Writing configuration 📜  ...\n" +
        " ✓ Writing configuration 📜\n" +
        " • Starting control-plane 🕹️  ...\n" +
        " ✓ Starting control-plane 🕹️\n" +
        " • Installing CNI 🔌  ...\n" +
        " ✓ Installing CNI 🔌\n" +
        " • Installing StorageClass 💾  ...\n" +
        " ✓ Installing StorageClass 💾\n" +
        'Set kubectl context to "kind-dev"\n' +
        "You can now use your cluster with:\n\n" +
        "kubectl cluster-info --context kind-dev",
    );
    expect(r.stderr).toMatch(SALUTATION);
  });

  it("shows every step of an HA cluster with workers, --wait and --kubeconfig", async () => {
    const h = kindHarness();
    h.files.set("ha.yaml", "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: control-plane\n- role: worker\n- role: worker\n");
    const r = await h.kind(["create", "cluster", "--config", "ha.yaml", "--wait", "5m", "--kubeconfig", "/tmp/my config"]);
    const [steps] = r.stderr.split(SALUTATION);
    expect(steps).toMatch(
      new RegExp(
        "^" +
          [
            'Creating cluster "kind" \\.\\.\\.',
            " ✓ Ensuring node image \\(kindest/node:v1\\.34\\.0\\) 🖼️",
            " ✓ Preparing nodes 📦 📦 📦 📦 ",
            " ✓ Configuring the external load balancer ⚖️",
            " ✓ Writing configuration 📜",
            " ✓ Starting control-plane 🕹️",
            " ✓ Installing CNI 🔌",
            " ✓ Installing StorageClass 💾",
            " ✓ Joining more control-plane nodes 🎮",
            " ✓ Joining worker nodes 🚜",
            " ✓ Waiting ≤ 5m0s for control-plane = Ready ⏳",
            " • Ready after [0-9]+s 💚",
            'Set kubectl context to "kind-kind"',
            "You can now use your cluster with:",
            "",
            "kubectl cluster-info --context kind-kind --kubeconfig '/tmp/my config'$",
          ].join("\n"),
      ),
    );
    expect(h.lab.plans[0]!.nodes.map((n) => n.name)).toEqual(["kind-control-plane", "kind-control-plane2", "kind-worker", "kind-worker2"]);
    expect(h.lab.plans[0]!.nodes.map((n) => n.addresses[0])).toEqual(["172.18.0.3", "172.18.0.4", "172.18.0.5", "172.18.0.6"]);
    expect((await h.kind("get nodes")).stdout).toBe("kind-worker2\nkind-worker\nkind-control-plane2\nkind-control-plane\nkind-external-load-balancer\n");
  });

  it("reads the config from stdin with --config -, and skips the CNI step without the default CNI", async () => {
    const h = kindHarness();
    const r = await h.kind("create cluster --config -", "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: bare\nnetworking:\n  disableDefaultCNI: true\n");
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(" ✓ Starting control-plane 🕹️\n ✓ Installing StorageClass 💾\n");
    expect(h.lab.plans[0]).toMatchObject({ name: "bare", podNetwork: "none" });
  });

  it("takes the name from --name, then KIND_CLUSTER_NAME, then the config", async () => {
    const h = kindHarness();
    h.files.set("c.yaml", "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: fromconfig\n");
    await h.kind("create cluster --config c.yaml");
    h.env.KIND_CLUSTER_NAME = "fromenv";
    await h.kind("create cluster --config c.yaml");
    await h.kind("create cluster --config c.yaml -n fromflag");
    expect(h.lab.plans.map((p) => p.name)).toEqual(["fromconfig", "fromenv", "fromflag"]);
    expect((await h.kind("get clusters")).stdout).toBe("fromconfig\nfromenv\nfromflag\n");
  });

  it("puts --image on every node", async () => {
    const h = kindHarness();
    const r = await h.kind("create cluster --image kindest/node:v1.33.1");
    expect(r.stderr).toContain(" ✓ Ensuring node image (kindest/node:v1.33.1) 🖼️\n");
    expect(h.lab.plans[0]!.kubernetesVersion).toBe("v1.33.1");
  });

  it("says so when kubeadmConfigPatches are given, and still builds the cluster from the networking fields", async () => {
    const h = kindHarness();
    h.files.set(
      "p.yaml",
      'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nkubeadmConfigPatches:\n- |\n  kind: ClusterConfiguration\n  networking:\n    serviceSubnet: "10.100.0.0/16"\n',
    );
    const r = await h.kind("create cluster --config p.yaml");
    expect(r.stderr.split("\n")[0]).toBe(
      "NOTE: the sandbox accepts kubeadmConfigPatches but does not apply them; the cluster is built from the fields above them",
    );
    expect(h.lab.plans[0]!.serviceCIDRs).toEqual(["10.96.0.0/16"]);
  });

  it("warns about long names", async () => {
    const name = "a".repeat(51);
    const r = await kindHarness().kind(`create cluster --name ${name}`);
    expect(r.stderr.split("\n")[0]).toBe(`cluster name "${name}" is probably too long, this might not work properly on some systems`);
  });
});

describe("kind create cluster: errors (reference §4.5)", () => {
  it("refuses a name that exists, before looking at the config", async () => {
    const h = kindHarness();
    await h.kind("create cluster");
    expect(await h.kind("create cluster")).toEqual({
      stdout: "",
      stderr: 'ERROR: failed to create cluster: node(s) already exist for a cluster with the name "kind"\n',
      exitCode: 1,
    });
    expect(h.lab.plans).toHaveLength(1);
  });

  it.each([
    ["nodes:\n- role: master\n", 'ERROR: failed to create cluster: [invalid configuration for node 0: "master" is not a valid node role, must have at least one control-plane node]\n'],
    ["networking:\n  ipFamily: ipv5\n", "ERROR: failed to create cluster: invalid ipFamily: ipv5\n"],
    ["networking:\n  podSubnett: 10.0.0.0/8\n", "ERROR: failed to create cluster: unable to decode config: yaml: unmarshal errors:\n  line 4: field podSubnett not found in type v1alpha4.Networking\n"],
  ])("config %j", async (body, stderr) => {
    const h = kindHarness();
    h.files.set("bad.yaml", `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n${body}`);
    expect(await h.kind("create cluster --config bad.yaml")).toEqual({ stdout: "", stderr, exitCode: 1 });
    expect(h.lab.plans).toEqual([]);
  });

  it("a missing config file", async () => {
    expect((await kindHarness().kind("create cluster --config nope.yaml")).stderr).toBe(
      "ERROR: failed to create cluster: error reading file: open nope.yaml: no such file or directory\n",
    );
  });

  it("kubeadm refuses kind's config inside the node: the step fails, nodes are deleted, the command output follows", async () => {
    const h = kindHarness();
    h.files.set("big.yaml", "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  serviceSubnet: 10.0.0.0/8\n");
    const r = await h.kind("create cluster --config big.yaml");
    expect(r).toEqual({
      stdout: "",
      stderr:
        'Creating cluster "kind" ...\n' +
        " ✓ Ensuring node image (kindest/node:v1.34.0) 🖼️\n" +
        " ✓ Preparing nodes 📦 \n" +
        " ✓ Writing configuration 📜\n" +
        " ✗ Starting control-plane 🕹️\n" +
        'Deleted nodes: ["kind-control-plane"]\n' +
        'ERROR: failed to create cluster: failed to init node with kubeadm: command "docker exec --privileged kind-control-plane kubeadm init --skip-phases=preflight --config=/kind/kubeadm.conf --skip-token-print --v=6" failed with error: exit status 1\n' +
        'Command Output: I1007 15:01:02.345000     134 initconfiguration.go:255] loading configuration from "/kind/kubeadm.conf"\n' +
        'networking.serviceSubnet: Invalid value: "10.0.0.0/8": specified service subnet is too large; for 32-bit addresses, the mask must be >= 12\n',
      exitCode: 1,
    });
    expect(h.lab.plans).toEqual([]);
    expect((await h.kind("get clusters")).stderr).toBe("No kind clusters found.\n");
  });

  it("a control plane that does not come up: the lab's errors are the command output; --retain keeps the nodes", async () => {
    const h = kindHarness({ style: "plain" });
    h.lab.failNext = ['E1007 15:01:02.345678       1 run.go:72] "command failed" err="service-cluster-ip-range[0] is not a valid cidr"'];
    const r = await h.kind("create cluster --retain");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(" ✗ Starting control-plane 🕹️\nERROR: failed to create cluster: failed to init node with kubeadm:");
    expect(r.stderr).toMatch(/exit status 1\n\nCommand Output: E1007 .*not a valid cidr"\n$/);
    expect(r.stderr).not.toContain("Deleted nodes");
    expect((await h.kind("get nodes")).stdout).toBe("kind-control-plane\n");

    h.lab.failNext = ["boom"];
    const again = await h.kind("create cluster --name other");
    expect(again.stderr).toContain('Deleted nodes: ["other-control-plane"]\n');
    expect(h.lab.deprovisioned).toEqual(["other"]);
  });

  it("without a lab it fails as kind does without docker", async () => {
    const r = await kindHarness({ lab: null }).kind("create cluster");
    expect(r.stderr).toBe(
      "ERROR: failed to create cluster: failed to get docker info: command \"docker info --format '{{json .}}'\" failed with error: exit status 1\n" +
        "Command Output: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n",
    );
  });

  it("flag and argument errors come from cobra", async () => {
    const h = kindHarness();
    expect((await h.kind("create cluster --foo")).stderr).toBe("ERROR: unknown flag: --foo\n");
    expect((await h.kind("create cluster extra")).stderr).toBe('ERROR: unknown command "extra" for "kind create cluster"\n');
    expect((await h.kind("create cluster --wait soon")).stderr).toBe(
      'ERROR: invalid argument "soon" for "--wait" flag: time: invalid duration "soon"\n',
    );
    expect((await h.kind("create cluster --config")).stderr).toBe("ERROR: flag needs an argument: --config\n");
  });

  it("warns about the deprecated --loglevel", async () => {
    expect((await kindHarness().kind("get clusters --loglevel debug")).stderr).toBe(
      "WARNING: --loglevel is deprecated, please switch to -v and -q!\nNo kind clusters found.\n",
    );
  });

  it("-q silences stderr, errors included", async () => {
    const h = kindHarness();
    expect(await h.kind("create cluster -q")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(await h.kind("create cluster -q")).toEqual({ stdout: "", stderr: "", exitCode: 1 });
  });
});

describe("kind delete, get, version, help", () => {
  it("deletes a cluster and says which nodes went, newest first; again is a no-op", async () => {
    const h = kindHarness();
    h.files.set("w.yaml", "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n");
    await h.kind("create cluster --config w.yaml");
    expect(await h.kind("delete cluster")).toEqual({
      stdout: "",
      stderr: 'Deleting cluster "kind" ...\nDeleted nodes: ["kind-worker2" "kind-worker" "kind-control-plane"]\n',
      exitCode: 0,
    });
    expect(await h.kind("delete cluster")).toEqual({ stdout: "", stderr: 'Deleting cluster "kind" ...\n', exitCode: 0 });
    expect(h.lab.deprovisioned).toEqual(["kind"]);
  });

  it("delete clusters: by name or --all", async () => {
    const h = kindHarness();
    await h.kind("create cluster --name a");
    await h.kind("create cluster --name b");
    expect((await h.kind("delete clusters")).stderr).toBe("ERROR: no cluster names provided\n");
    expect((await h.kind("delete clusters --all")).stderr).toBe(
      'Deleted nodes: ["a-control-plane"]\nDeleted nodes: ["b-control-plane"]\nDeleted clusters: ["a" "b"]\n',
    );
    expect((await h.kind("delete clusters gone")).stderr).toBe('Deleted clusters: ["gone"]\n');
  });

  it("get clusters / nodes on an empty host", async () => {
    const h = kindHarness();
    expect(await h.kind("get clusters")).toEqual({ stdout: "", stderr: "No kind clusters found.\n", exitCode: 0 });
    expect(await h.kind("get nodes")).toEqual({ stdout: "", stderr: 'No kind nodes found for cluster "kind".\n', exitCode: 0 });
    expect(await h.kind("get nodes -A")).toEqual({ stdout: "", stderr: "No kind nodes for any cluster.\n", exitCode: 0 });
  });

  it("get kubeconfig: the kind-<name> entries, then the blank line Fprintln adds; --internal; no cluster", async () => {
    const h = kindHarness();
    await h.kind("create cluster");
    const r = await h.kind("get kubeconfig");
    expect(r.stdout).toBe(
      "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n    server: https://127.0.0.1:49334\n  name: kind-kind\n" +
        "contexts:\n- context:\n    cluster: kind-kind\n    user: kind-kind\n  name: kind-kind\ncurrent-context: kind-kind\nkind: Config\npreferences: {}\n" +
        "users:\n- name: kind-kind\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n\n",
    );
    expect((await h.kind("get kubeconfig --internal")).stdout).toContain("    server: https://kind-control-plane:6443\n");
    expect((await h.kind("get kubeconfig --name nope")).stderr).toBe(
      "ERROR: could not locate any control plane nodes for cluster named 'nope'. Use the --name option to select a different cluster\n",
    );
  });

  it("version", async () => {
    const h = kindHarness();
    expect((await h.kind("version")).stdout).toBe("kind v0.30.0 go1.24.6 linux/amd64\n");
    expect((await h.kind("version -q")).stdout).toBe("0.30.0\n");
    expect((await h.kind("--version")).stdout).toBe("kind version 0.30.0\n");
  });

  it("kind and kind --help print cobra's help (real kind output)", async () => {
    const help =
      "kind creates and manages local Kubernetes clusters using Docker container 'nodes'\n\n" +
      "Usage:\n  kind [command]\n\n" +
      "Available Commands:\n" +
      "  build       Build one of [node-image]\n" +
      "  completion  Output shell completion code for the specified shell (bash, zsh or fish)\n" +
      "  create      Creates one of [cluster]\n" +
      "  delete      Deletes one of [cluster]\n" +
      "  export      Exports one of [kubeconfig, logs]\n" +
      "  get         Gets one of [clusters, nodes, kubeconfig]\n" +
      "  help        Help about any command\n" +
      "  load        Loads images into nodes\n" +
      "  version     Prints the kind CLI version\n\n" +
      "Flags:\n" +
      "  -h, --help              help for kind\n" +
      "      --loglevel string   DEPRECATED: see -v instead\n" +
      "  -q, --quiet             silence all stderr output\n" +
      "  -v, --verbosity int32   info log verbosity, higher value produces more output\n" +
      "      --version           version for kind\n\n" +
      'Use "kind [command] --help" for more information about a command.\n';
    const h = kindHarness();
    expect(await h.kind("")).toEqual({ stdout: help, stderr: "", exitCode: 0 });
    expect(await h.kind("--help")).toEqual({ stdout: help, stderr: "", exitCode: 0 });
    expect((await h.kind("help")).stdout).toBe(help);
  });

  it("kind create cluster --help", async () => {
    expect((await kindHarness().kind("create cluster -h")).stdout).toBe(
      "Creates a local Kubernetes cluster using Docker container 'nodes'\n\n" +
        "Usage:\n  kind create cluster [flags]\n\n" +
        "Flags:\n" +
        "      --config string       path to a kind config file\n" +
        "  -h, --help                help for cluster\n" +
        "      --image string        node docker image to use for booting the cluster\n" +
        "      --kubeconfig string   sets kubeconfig path instead of $KUBECONFIG or $HOME/.kube/config\n" +
        "  -n, --name string         cluster name, overrides KIND_CLUSTER_NAME, config (default kind)\n" +
        "      --retain              retain nodes for debugging when cluster creation fails\n" +
        "      --wait duration       wait for control plane node to be ready (default 0s)\n\n" +
        "Global Flags:\n" +
        "      --loglevel string   DEPRECATED: see -v instead\n" +
        "  -q, --quiet             silence all stderr output\n" +
        "  -v, --verbosity int32   info log verbosity, higher value produces more output\n",
    );
  });

  it("groups without a subcommand: create shows its help, get and delete also fail", async () => {
    const h = kindHarness();
    const create = await h.kind("create");
    expect(create.exitCode).toBe(0);
    expect(create.stdout).toContain("Usage:\n  kind create [command]\n\nAvailable Commands:\n  cluster     Creates a local Kubernetes cluster\n");
    const get = await h.kind("get");
    expect([get.stderr, get.exitCode]).toEqual(["ERROR: Subcommand is required\n", 1]);
    expect(get.stdout).toContain("Usage:\n  kind get [flags]\n  kind get [command]\n");
    expect((await h.kind("load docker-image nginx")).stderr).toBe('ERROR: the sandbox does not simulate "kind load"\n');
  });
});

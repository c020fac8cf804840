/**
 * From a validated kind config to the ClusterPlan the lab runs. kind runs kubeadm inside its
 * control-plane node with a generated config (kind v0.30.0 pkg/cluster/internal/kubeadm/config.go
 * ConfigTemplateBetaV3, pkg/cluster/internal/create/actions/config/config.go), so the component
 * command lines come from the same kubeadm functions `kubeadm init` uses:
 *   - networking.podSubnet/serviceSubnet passed through verbatim (comma lists for dual-stack);
 *   - apiServer extraArgs: runtime-config (always, empty when unset) and feature-gates;
 *   - controllerManager extraArgs: enable-hostpath-provisioner, feature-gates, bind-address "::" on IPv6;
 *   - clusterName = the kind cluster's name, so kube-controller-manager gets --cluster-name=<name>;
 *   - no --node-cidr-mask-size*: kind leaves them to kube-controller-manager's defaults, /24 and /64;
 *   - node-ip (and so the advertise address) in the primary service family first (kind #2484).
 */
import {
  apiserverCommand,
  controllerManagerCommand,
  etcdCommand,
  joinHostPort,
  MANIFEST_PATHS,
  renderStaticPod,
  schedulerCommand,
} from "../kubeadm/manifests.ts";
import { aggregate, formatFieldError } from "../kubeadm/errors.ts";
import type { Arg, InitOptions } from "../kubeadm/types.ts";
import { validateInitConfiguration } from "../kubeadm/validation.ts";
import { IP } from "../net/index.ts";
import type { ClusterPlan, KubeProxyMode, NodePlan } from "../lab/plan.ts";
import type { Container } from "./containers.ts";
import { goParseCIDR } from "./validate.ts";
import { API_SERVER_INTERNAL_PORT, type KindCluster } from "./types.ts";

/** The Kubernetes version a node image carries, from its tag ("kindest/node:v1.34.0@sha256:…"). */
export function imageVersion(image: string): string {
  const friendly = friendlyImageName(image);
  const tag = /:(v\d+\.\d+\.\d+[-+.\w]*)$/.exec(friendly)?.[1];
  return tag ?? "v1.34.0";
}

/** ensureNodeImages prints images without their digest. */
export function friendlyImageName(image: string): string {
  const at = image.indexOf("@sha256:");
  return at >= 0 ? image.slice(0, at) : image;
}

const sortedPairs = (m: Record<string, unknown>): string =>
  Object.keys(m)
    .sort()
    .map((k) => `${k}=${String(m[k])}`)
    .join(",");

/** Whether the first service range (kind's primary family) is IPv4. */
function primaryIsIPv4(c: KindCluster): boolean {
  const first = goParseCIDR(c.networking.serviceSubnet.split(",")[0] ?? "");
  return "error" in first ? true : first.family === "IPv4";
}

/** The node-ip kind gives a node: one family, or both with the primary service family first. */
export function nodeAddresses(c: KindCluster, container: Container): string[] {
  switch (c.networking.ipFamily) {
    case "ipv6":
      return [container.ipv6];
    case "dual":
      return primaryIsIPv4(c) ? [container.ipv4, container.ipv6] : [container.ipv6, container.ipv4];
    default:
      return [container.ipv4];
  }
}

/** What kind's kubeadm.conf amounts to for the bootstrap control-plane node. */
export function kubeadmOptions(c: KindCluster, controlPlane: Container): InitOptions {
  const apiserverExtraArgs: Arg[] = [{ name: "runtime-config", value: sortedPairs(c.runtimeConfig) }];
  const controllerManagerExtraArgs: Arg[] = [{ name: "enable-hostpath-provisioner", value: "true" }];
  if (Object.keys(c.featureGates).length > 0) {
    apiserverExtraArgs.push({ name: "feature-gates", value: sortedPairs(c.featureGates) });
    controllerManagerExtraArgs.push({ name: "feature-gates", value: sortedPairs(c.featureGates) });
  }
  if (c.networking.ipFamily === "ipv6") controllerManagerExtraArgs.push({ name: "bind-address", value: "::" });
  return {
    serviceCIDR: c.networking.serviceSubnet,
    podNetworkCIDR: c.networking.podSubnet,
    apiserverAdvertiseAddress: nodeAddresses(c, controlPlane)[0]!,
    apiserverBindPort: API_SERVER_INTERNAL_PORT,
    serviceDNSDomain: "cluster.local",
    kubernetesVersion: imageVersion(c.nodes[0]?.image ?? ""),
    clusterName: c.name,
    nodeName: controlPlane.name,
    ignorePreflightErrors: [],
    apiserverExtraArgs,
    controllerManagerExtraArgs,
  };
}

/** kubeadm's own checks of that config (it fails inside the node before writing any manifest). */
export function kubeadmError(options: InitOptions): string | null {
  return aggregate(validateInitConfiguration(options).map(formatFieldError));
}

/** kubeadm's CoreDNS addon: kube-dns at the tenth address of the primary service range only. */
function dnsServiceIP(serviceSubnet: string): string {
  const primary = goParseCIDR(serviceSubnet.split(",")[0]!);
  if ("error" in primary) throw new Error(primary.error);
  return IP.fromBigInt(primary.first().value + 10n, primary.family).toString();
}

const CONTROL_PLANE_LABELS = {
  "node-role.kubernetes.io/control-plane": "",
  "node.kubernetes.io/exclude-from-external-load-balancers": "",
};

export interface PlanInput {
  config: KindCluster;
  /** The cluster's containers in creation order, the load balancer (if any) included. */
  containers: readonly Container[];
  /** The host port the API server (or the load balancer) is published on. */
  hostPort: number;
}

/** What `kubeadm init` inside the bootstrap node leaves in /etc/kubernetes/manifests. */
function staticPodManifests(options: InitOptions): Record<string, string> {
  return {
    [MANIFEST_PATHS.etcd]: renderStaticPod("etcd", options, etcdCommand(options)),
    [MANIFEST_PATHS["kube-apiserver"]]: renderStaticPod("kube-apiserver", options, apiserverCommand(options)),
    [MANIFEST_PATHS["kube-controller-manager"]]: renderStaticPod("kube-controller-manager", options, controllerManagerCommand(options)),
    [MANIFEST_PATHS["kube-scheduler"]]: renderStaticPod("kube-scheduler", options, schedulerCommand()),
  };
}

export function clusterPlan({ config: c, containers, hostPort }: PlanInput): ClusterPlan {
  const nodeContainers = containers.filter((x) => x.role !== "external-load-balancer");
  const bootstrap = nodeContainers.find((x) => x.role === "control-plane")!;
  const options = kubeadmOptions(c, bootstrap);
  // Single-node clusters get the control-plane taint removed so workloads can run (kubeadminit action).
  const tainted = nodeContainers.length > 1;
  const nodes: NodePlan[] = c.nodes.map((n, i) => {
    const container = nodeContainers[i]!;
    const controlPlane = n.role === "control-plane";
    return {
      name: container.name,
      role: controlPlane ? "control-plane" : "worker",
      addresses: nodeAddresses(c, container),
      labels: { ...(controlPlane ? CONTROL_PLANE_LABELS : {}), ...n.labels },
      ...(controlPlane && tainted ? { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" as const }] } : {}),
      providerID: `kind://docker/${c.name}/${container.name}`,
      ...(container === bootstrap ? { files: staticPodManifests(options) } : {}),
    };
  });
  return {
    provider: "kind",
    name: c.name,
    context: `kind-${c.name}`,
    server: `https://${joinHostPort(c.networking.apiServerAddress, hostPort)}`,
    kubernetesVersion: options.kubernetesVersion,
    apiserverArgs: apiserverCommand(options),
    controllerManagerArgs: controllerManagerCommand(options),
    serviceCIDRs: c.networking.serviceSubnet.split(","),
    podCIDRs: c.networking.podSubnet.split(","),
    nodeCIDRMaskSize: { ipv4: 24, ipv6: 64 },
    dnsServiceIPs: [dnsServiceIP(c.networking.serviceSubnet)],
    kubeProxyMode: c.networking.kubeProxyMode as KubeProxyMode,
    podNetwork: c.networking.disableDefaultCNI ? "none" : "kindnet",
    nodes,
  };
}

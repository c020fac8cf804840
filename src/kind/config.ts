/**
 * Loading a kind config: the version check, the strict decode and the defaults, in the order kind
 * v0.30.0 runs them (pkg/internal/apis/config/encoding/load.go Parse, convert_v1alpha4.go,
 * pkg/apis/config/v1alpha4/default.go, pkg/internal/apis/config/default.go).
 */
import { unmarshal } from "./goyaml.ts";
import {
  API_VERSION,
  CLUSTER_TYPE,
  DEFAULT_CLUSTER_NAME,
  DEFAULT_IMAGE,
  TYPE_META_TYPE,
  type KindCluster,
  type KindNode,
  type Mount,
  type PatchJSON6902,
  type PortMapping,
} from "./types.ts";

type Rec = Record<string, unknown>;

const rec = (v: unknown): Rec => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Rec) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string => (typeof v === "string" ? v : "");
const num = (v: unknown): number => (typeof v === "number" ? v : 0);
const flag = (v: unknown): boolean => v === true;
const strs = (v: unknown): string[] => list(v).map(text);
const strMap = (v: unknown): Record<string, string> => Object.fromEntries(Object.entries(rec(v)).map(([k, x]) => [k, text(x)]));

function patches(v: unknown): PatchJSON6902[] {
  return list(v).map((p) => {
    const r = rec(p);
    return { group: text(r.group), version: text(r.version), kind: text(r.kind), patch: text(r.patch) };
  });
}

function toNode(v: unknown): KindNode {
  const r = rec(v);
  return {
    role: text(r.role),
    image: text(r.image),
    labels: strMap(r.labels),
    extraMounts: list(r.extraMounts).map((m): Mount => {
      const x = rec(m);
      return {
        containerPath: text(x.containerPath),
        hostPath: text(x.hostPath),
        readOnly: flag(x.readOnly),
        selinuxRelabel: flag(x.selinuxRelabel),
        propagation: text(x.propagation),
      };
    }),
    extraPortMappings: list(r.extraPortMappings).map((m): PortMapping => {
      const x = rec(m);
      return { containerPort: num(x.containerPort), hostPort: num(x.hostPort), listenAddress: text(x.listenAddress), protocol: text(x.protocol) };
    }),
    kubeadmConfigPatches: strs(r.kubeadmConfigPatches),
    kubeadmConfigPatchesJSON6902: patches(r.kubeadmConfigPatchesJSON6902),
  };
}

/** The decoded document with Go's zero values for everything left out. */
function toCluster(r: Rec): KindCluster {
  const n = rec(r.networking);
  return {
    name: text(r.name),
    nodes: list(r.nodes).map(toNode),
    networking: {
      ipFamily: text(n.ipFamily),
      apiServerPort: num(n.apiServerPort),
      apiServerAddress: text(n.apiServerAddress),
      podSubnet: text(n.podSubnet),
      serviceSubnet: text(n.serviceSubnet),
      disableDefaultCNI: flag(n.disableDefaultCNI),
      kubeProxyMode: text(n.kubeProxyMode),
      ...(Array.isArray(n.dnsSearch) ? { dnsSearch: strs(n.dnsSearch) } : {}),
    },
    featureGates: Object.fromEntries(Object.entries(rec(r.featureGates)).map(([k, x]) => [k, flag(x)])),
    runtimeConfig: strMap(r.runtimeConfig),
    kubeadmConfigPatches: strs(r.kubeadmConfigPatches),
    kubeadmConfigPatchesJSON6902: patches(r.kubeadmConfigPatchesJSON6902),
    containerdConfigPatches: strs(r.containerdConfigPatches),
    containerdConfigPatchesJSON6902: strs(r.containerdConfigPatchesJSON6902),
  };
}

/** encoding.Parse: the config in `raw`, not yet defaulted, or kind's error. */
export function parseConfig(raw: string): KindCluster | { error: string } {
  const tm = unmarshal(raw, TYPE_META_TYPE, { knownFields: false });
  if ("error" in tm) return { error: `could not determine kind / apiVersion for config: ${tm.error}` };
  const apiVersion = text(tm.value.apiVersion);
  const kind = text(tm.value.kind);
  if (apiVersion !== API_VERSION) return { error: `unknown apiVersion: ${apiVersion}` };
  if (kind !== "Cluster") return { error: `unknown kind ${kind} for apiVersion: ${apiVersion}` };
  const decoded = unmarshal(raw, CLUSTER_TYPE, { knownFields: true });
  if ("error" in decoded) return { error: `unable to decode config: ${decoded.error}` };
  return toCluster(decoded.value);
}

/** An empty config: what `kind create cluster` without --config starts from. */
export function emptyConfig(): KindCluster {
  return toCluster({});
}

function byFamily(family: string, v4: string, v6: string): string {
  if (family === "ipv6") return v6;
  if (family === "dual") return `${v4},${v6}`;
  return v4;
}

/**
 * SetDefaultsCluster (v1alpha4 and internal agree on every field the sandbox reads). kind picks a
 * /16 service range rather than kubeadm's /12: "kubeadm is using a /12 subnet, that may allocate a
 * 2^20 bitmap in etcd".
 */
export function setDefaults(c: KindCluster): void {
  if (c.name === "") c.name = DEFAULT_CLUSTER_NAME;
  if (c.nodes.length === 0) c.nodes = [toNode({ role: "control-plane", image: DEFAULT_IMAGE })];
  for (const n of c.nodes) {
    if (n.image === "") n.image = DEFAULT_IMAGE;
    if (n.role === "") n.role = "control-plane";
  }
  const net = c.networking;
  if (net.ipFamily === "") net.ipFamily = "ipv4";
  if (net.apiServerAddress === "") net.apiServerAddress = net.ipFamily === "ipv6" ? "::1" : "127.0.0.1";
  if (net.podSubnet === "") {
    // "node-mask cidr default is /64 so we need a larger subnet, we use /56 following best practices"
    net.podSubnet = byFamily(net.ipFamily, "10.244.0.0/16", "fd00:10:244::/56");
  }
  if (net.serviceSubnet === "") {
    net.serviceSubnet = byFamily(net.ipFamily, "10.96.0.0/16", "fd00:10:96::/112");
  }
  if (net.kubeProxyMode === "") net.kubeProxyMode = "iptables";
  // The docker provider binds port mappings without a listen address on the wildcard of the family.
  for (const n of c.nodes) {
    for (const pm of n.extraPortMappings) if (pm.listenAddress === "") pm.listenAddress = net.ipFamily === "ipv6" ? "::" : "0.0.0.0";
  }
}

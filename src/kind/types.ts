/**
 * kind's cluster config, `kind.x-k8s.io/v1alpha4` `Cluster`: the Go type tree the decoder checks
 * fields against (kind v0.30.0 pkg/apis/config/v1alpha4/types.go, yaml.go) and the shape the rest of
 * the sandbox reads after decoding and defaulting (pkg/internal/apis/config/types.go).
 */
import { goQuote } from "../kubeadm/errors.ts";
import type { GoType } from "./goyaml.ts";

export const KIND_VERSION = "0.30.0";
/** `kind version` of the v0.30.0 release binaries (go1.24.6, public transcripts). */
export const KIND_GO_VERSION = "go1.24.6";
/** pkg/apis/config/defaults/image.go at v0.30.0. */
export const DEFAULT_IMAGE = "kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a";
export const DEFAULT_CLUSTER_NAME = "kind";
export const API_VERSION = "kind.x-k8s.io/v1alpha4";
/** common.APIServerInternalPort: the port kubeadm binds inside every node. */
export const API_SERVER_INTERNAL_PORT = 6443;

export type NodeRole = "control-plane" | "worker";
export type ClusterIPFamily = "ipv4" | "ipv6" | "dual";

export interface PortMapping {
  containerPort: number;
  hostPort: number;
  listenAddress: string;
  protocol: string;
}

export interface Mount {
  containerPath: string;
  hostPath: string;
  readOnly: boolean;
  selinuxRelabel: boolean;
  propagation: string;
}

export interface PatchJSON6902 {
  group: string;
  version: string;
  kind: string;
  patch: string;
}

export interface KindNode {
  /** As written: validation reports roles other than control-plane and worker. */
  role: string;
  image: string;
  labels: Record<string, string>;
  extraMounts: Mount[];
  extraPortMappings: PortMapping[];
  kubeadmConfigPatches: string[];
  kubeadmConfigPatchesJSON6902: PatchJSON6902[];
}

export interface KindNetworking {
  ipFamily: string;
  apiServerPort: number;
  apiServerAddress: string;
  podSubnet: string;
  serviceSubnet: string;
  disableDefaultCNI: boolean;
  kubeProxyMode: string;
  /** undefined: inherit the host's search domains. */
  dnsSearch?: string[];
}

export interface KindCluster {
  name: string;
  nodes: KindNode[];
  networking: KindNetworking;
  featureGates: Record<string, boolean>;
  runtimeConfig: Record<string, string>;
  kubeadmConfigPatches: string[];
  kubeadmConfigPatchesJSON6902: PatchJSON6902[];
  containerdConfigPatches: string[];
  containerdConfigPatchesJSON6902: string[];
}

// ---------------------------------------------------------------------------------------------
// The Go types, for the decoder

const str: GoType = { kind: "string" };
const strings: GoType = { kind: "slice", elem: str };

/** v1alpha4/yaml.go: protocols are matched upper-cased, and an unknown one stops the decode. */
const portMappingProtocol: GoType = {
  kind: "enum",
  name: "v1alpha4.PortMappingProtocol",
  parse: (v) => {
    const up = v.toUpperCase();
    return up === "TCP" || up === "UDP" || up === "SCTP" ? up : { error: `Unknown PortMappingProtocol: ${goQuote(up)}` };
  },
};

const mountPropagation: GoType = {
  kind: "enum",
  name: "v1alpha4.MountPropagation",
  parse: (v) =>
    v === "None" || v === "HostToContainer" || v === "Bidirectional" ? v : { error: `Unknown MountPropagation: ${goQuote(v)}` },
};

const patchJSON6902: GoType = {
  kind: "struct",
  name: "v1alpha4.PatchJSON6902",
  fields: { group: str, version: str, kind: str, patch: str },
};

const node: GoType = {
  kind: "struct",
  name: "v1alpha4.Node",
  fields: {
    role: { kind: "string", name: "v1alpha4.NodeRole" },
    image: str,
    labels: { kind: "map", elem: str },
    extraMounts: {
      kind: "slice",
      elem: {
        kind: "struct",
        name: "v1alpha4.Mount",
        fields: { containerPath: str, hostPath: str, readOnly: { kind: "bool" }, selinuxRelabel: { kind: "bool" }, propagation: mountPropagation },
      },
    },
    extraPortMappings: {
      kind: "slice",
      elem: {
        kind: "struct",
        name: "v1alpha4.PortMapping",
        fields: { containerPort: { kind: "int32" }, hostPort: { kind: "int32" }, listenAddress: str, protocol: portMappingProtocol },
      },
    },
    kubeadmConfigPatches: strings,
    kubeadmConfigPatchesJSON6902: { kind: "slice", elem: patchJSON6902 },
  },
};

const networking: GoType = {
  kind: "struct",
  name: "v1alpha4.Networking",
  fields: {
    ipFamily: { kind: "string", name: "v1alpha4.ClusterIPFamily" },
    apiServerPort: { kind: "int32" },
    apiServerAddress: str,
    podSubnet: str,
    serviceSubnet: str,
    disableDefaultCNI: { kind: "bool" },
    kubeProxyMode: { kind: "string", name: "v1alpha4.ProxyMode" },
    dnsSearch: { kind: "ptr", elem: strings },
  },
};

/** v1alpha4.Cluster, TypeMeta inlined. */
export const CLUSTER_TYPE: GoType = {
  kind: "struct",
  name: "v1alpha4.Cluster",
  fields: {
    kind: str,
    apiVersion: str,
    name: str,
    nodes: { kind: "slice", elem: node },
    networking,
    featureGates: { kind: "map", elem: { kind: "bool" } },
    runtimeConfig: { kind: "map", elem: str },
    kubeadmConfigPatches: strings,
    kubeadmConfigPatchesJSON6902: { kind: "slice", elem: patchJSON6902 },
    containerdConfigPatches: strings,
    containerdConfigPatchesJSON6902: strings,
  },
};

/** encoding/load.go typeMeta: read first, without KnownFields, to pick the version. */
export const TYPE_META_TYPE: GoType = { kind: "struct", name: "encoding.typeMeta", fields: { kind: str, apiVersion: str } };

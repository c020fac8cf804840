/**
 * The input shapes kube-proxy reads, as structural types: a Service (core/v1), an EndpointSlice
 * (discovery.k8s.io/v1) or a Node straight from the store satisfies them, so this package needs
 * nothing from the apiserver's insides. Enums are plain strings because kube-proxy treats unknown
 * values as their defaults rather than rejecting them.
 */

export type Family = "IPv4" | "IPv6";

export interface ObjectMetaLike {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface ServicePortLike {
  readonly name?: string;
  readonly protocol?: string;
  readonly port: number;
  readonly targetPort?: number | string;
  readonly nodePort?: number;
}

export interface ServiceLike {
  readonly metadata: ObjectMetaLike;
  readonly spec: {
    readonly type?: string;
    readonly clusterIP?: string;
    readonly clusterIPs?: readonly string[];
    readonly ipFamilies?: readonly string[];
    readonly ports?: readonly ServicePortLike[];
    readonly externalIPs?: readonly string[];
    readonly sessionAffinity?: string;
    readonly sessionAffinityConfig?: { readonly clientIP?: { readonly timeoutSeconds?: number } };
    readonly externalTrafficPolicy?: string;
    readonly internalTrafficPolicy?: string;
    readonly healthCheckNodePort?: number;
    readonly loadBalancerSourceRanges?: readonly string[];
  };
  readonly status?: {
    readonly loadBalancer?: { readonly ingress?: readonly { readonly ip?: string; readonly ipMode?: string }[] };
  };
}

export interface EndpointLike {
  readonly addresses: readonly string[];
  readonly conditions?: {
    readonly ready?: boolean | null;
    readonly serving?: boolean | null;
    readonly terminating?: boolean | null;
  };
  readonly nodeName?: string | null;
  readonly zone?: string | null;
  readonly targetRef?: { readonly kind?: string; readonly name?: string; readonly namespace?: string };
}

export interface EndpointPortLike {
  readonly name?: string | null;
  readonly port?: number | null;
  readonly protocol?: string | null;
}

export interface EndpointSliceLike {
  readonly metadata: ObjectMetaLike;
  readonly addressType: string;
  readonly endpoints?: readonly EndpointLike[] | null;
  readonly ports?: readonly EndpointPortLike[] | null;
}

export interface NodeLike {
  readonly metadata: ObjectMetaLike;
  readonly spec?: { readonly podCIDR?: string; readonly podCIDRs?: readonly string[] };
  readonly status?: { readonly addresses?: readonly { readonly type: string; readonly address: string }[] };
}

/** The label the EndpointSlice controller puts on every slice it owns (discovery.LabelServiceName). */
export const LABEL_SERVICE_NAME = "kubernetes.io/service-name";

/**
 * The fields of KubeProxyConfiguration (kubeproxy.config.k8s.io/v1alpha1) that change the rules,
 * with the defaults of pkg/proxy/apis/config/v1alpha1/defaults.go.
 */
export interface KubeProxyConfig {
  /** `mode:`; "" means iptables on Linux. */
  mode?: "" | "iptables" | "ipvs" | "nftables";
  /** `clusterCIDR:`, comma-separated for dual-stack; empty turns the local-traffic detector off. */
  clusterCIDR?: string;
  /** `iptables.masqueradeAll`. */
  masqueradeAll?: boolean;
  /** `iptables.masqueradeBit`, 14 by default (mark 0x4000). */
  masqueradeBit?: number;
  /** `iptables.localhostNodePorts`, true by default. */
  localhostNodePorts?: boolean;
  /** `ipvs.scheduler`, "rr" when empty. */
  ipvsScheduler?: string;
}

/** What one node's kernel and userspace look like to kube-proxy and to the tools run there. */
export interface NodeEnvironment {
  /** The node name kube-proxy runs with (--hostname-override), which decides which endpoints are local. */
  nodeName: string;
  /** The node's IPs by family (kube-proxy's nodeIPs), used by the firewall chain and IPVS NodePorts. */
  nodeIPs: Partial<Record<Family, string>>;
  /** Installed iptables: version string and backend, as `iptables -V` would print them. */
  iptables?: { version: string; backend: "legacy" | "nf_tables" };
  /** Whether the kernel has nfacct, which adds kube-proxy's packet counters to two rules. */
  nfacct?: boolean;
  /** Whether MASQUERADE supports --random-fully (iptables >= 1.6.2 on a recent kernel); true by default. */
  randomFully?: boolean;
  /** sysctl net.netfilter.nf_conntrack_tcp_be_liberal; when set kube-proxy drops no INVALID packets. */
  conntrackTCPLiberal?: boolean;
  /** Addresses on the node's interfaces other than kube-ipvs0 (IPVS NodePort virtual servers bind each). */
  localAddresses?: readonly string[];
}

export const DEFAULT_IPTABLES = { version: "1.8.10", backend: "nf_tables" } as const;

/**
 * A ClusterPlan is what a cluster tool decides before anything runs: kubeadm from its flags, kind from
 * its config, `az aks create` from its arguments. It is plain data; the lab (src/lab/lab.ts) turns it
 * into machines, a control plane and kubeconfig contexts. Keeping the tools pure lets each be tested
 * on its own and lets one lab hold several clusters (a kubeadm one, two kind ones, an AKS one).
 */

export type ClusterProvider = "kubeadm" | "kind" | "aks";
export type KubeProxyMode = "iptables" | "ipvs" | "nftables" | "none";
/** How pod traffic crosses nodes: kindnet and kubenet program per-node routes; Azure CNI gives pods VNet IPs. */
export type PodNetwork = "kindnet" | "kubenet" | "azure-cni" | "none";

export interface NodeTaint {
  key: string;
  value?: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

export interface NodePlan {
  /** Node (and host) name: "kind-control-plane", "aks-nodepool1-12345678-vmss000000". */
  name: string;
  role: "control-plane" | "worker";
  /** The node's InternalIP (IPv4 first; a second entry for dual-stack). */
  addresses: string[];
  labels?: Record<string, string>;
  taints?: NodeTaint[];
  /** kubelet --max-pods (110 by default; AKS kubenet 110, Azure CNI 30 unless set). */
  maxPods?: number;
  /** spec.providerID, e.g. "azure:///subscriptions/.../virtualMachines/0" or "kind://docker/kind/kind-control-plane". */
  providerID?: string;
  /** Agent pool the node belongs to (AKS), for `az aks nodepool list` and labels. */
  pool?: string;
  /**
   * The subnet of each address, same order (AKS: ["192.168.1.0/24"]): `ip addr` shows its prefix length
   * and `ip route` a default route via its first address (Azure's gateway, .1).
   */
  subnets?: string[];
  /** Azure CNI (not overlay): the pod IPs preallocated on the node's NIC, handed to its pods in order. */
  podIPs?: string[];
  /**
   * Files the tool writes on the node before its kubelet starts, by absolute path: kind's kubeadm writes
   * the static pod manifests inside the bootstrap node, where `sed -i` can later change them.
   */
  files?: Record<string, string>;
}

export interface ClusterPlan {
  provider: ClusterProvider;
  /** The tool's name for the cluster ("kind", "myAKSCluster", "kubernetes"). */
  name: string;
  /** kubeconfig context, cluster and user entries this plan adds ("kind-kind", "myAKSCluster", ...). */
  context: string;
  /** API server URL kubectl uses ("https://127.0.0.1:38421", "https://myaks-dns-1a2b3c.hcp.eastus.azmk8s.io:443"). */
  server: string;
  kubernetesVersion: string;
  /** The static pod command lines, as kubeadm would write them (argv[0] is the binary name). */
  apiserverArgs: string[];
  controllerManagerArgs: string[];
  /** Service ranges in --service-cluster-ip-range order (primary first). */
  serviceCIDRs: string[];
  /** Pod ranges in --cluster-cidr order; empty when the tool leaves pod IPs to a CNI with its own IPAM. */
  podCIDRs: string[];
  /** --node-cidr-mask-size-ipv4 / -ipv6 of kube-controller-manager. */
  nodeCIDRMaskSize: { ipv4: number; ipv6: number };
  /** The kube-dns Service's ClusterIP(s). */
  dnsServiceIPs: string[];
  kubeProxyMode: KubeProxyMode;
  podNetwork: PodNetwork;
  nodes: NodePlan[];
}

/** What the lab gives back once a plan is running. */
export interface ProvisionResult {
  /** Component start errors (a bad flag): the tool prints them the way it would. */
  errors: string[];
}

/** The lab as the cluster tools see it. Tests give the tools a fake that records plans. */
export interface Provisioner {
  provision(plan: ClusterPlan): Promise<ProvisionResult>;
  /** Removes a cluster (its machines, its control plane and its kubeconfig entries). */
  deprovision(provider: ClusterProvider, name: string): Promise<void>;
  /** Clusters a tool made, by name, for `kind get clusters` and friends. */
  clusters(provider: ClusterProvider): string[];
  /** Adds or replaces nodes of a running cluster (`az aks scale`, `az aks nodepool add`, `kubeadm join`). */
  setNodes(provider: ClusterProvider, name: string, nodes: NodePlan[]): Promise<void>;
}

// Constants of kubeadm v1.34.1.
// Sources: k/k cmd/kubeadm/app/constants/constants.go and public v1.34.1 transcripts
// (`kubeadm version`, `kubeadm config images list`), see reference cluster-tools.md §0.

export const KUBEADM_VERSION = "v1.34.1";
export const KUBEADM_GIT_COMMIT = "93248f9ae092f571eb870b7664c534bfc7d00f03";
export const KUBEADM_BUILD_DATE = "2025-09-09T19:43:15Z";
export const KUBEADM_GO_VERSION = "go1.24.6";

/** constants.MinimumControlPlaneVersion: one minor below kubeadm. */
export const MINIMUM_CONTROL_PLANE_VERSION = "1.33.0";

export const IMAGE_REPOSITORY = "registry.k8s.io";
export const ETCD_IMAGE_TAG = "3.6.4-0";

export const DEFAULT_SERVICE_SUBNET = "10.96.0.0/12";
export const DEFAULT_DNS_DOMAIN = "cluster.local";
export const DEFAULT_BIND_PORT = 6443;

// cmd/kubeadm/app/constants/constants.go
export const MINIMUM_ADDRESSES_IN_SERVICE_SUBNET = 10;
export const MINIMUM_ADDRESSES_IN_POD_SUBNET = 14;
export const MAXIMUM_BITS_FOR_SERVICE_SUBNET = 20;
export const POD_SUBNET_NODE_MASK_MAX_DIFF = 16;

export const KUBE_CONTROLLER_MANAGER_PORT = 10257;
export const KUBE_SCHEDULER_PORT = 10259;
export const ETCD_LISTEN_CLIENT_PORT = 2379;
export const ETCD_LISTEN_PEER_PORT = 2380;
export const ETCD_METRICS_PORT = 2381;
export const KUBELET_PORT = 10250;

export const STACK_TRACE_HINT = "To see the stack trace of this error execute with --v=5 or higher";

/**
 * Pod's schema for decoding and `kubectl explain` (k8s.io/api/core/v1/types.go field docs, shortened).
 * Subtrees the sandbox does not interpret (probes, security contexts, affinity, volume sources) are
 * accepted whole, so that real manifests decode under kubectl's strict field validation.
 */
import { OBJECT_META, bool, int32, int64, kindSchema, list, obj, str, strList, strMap, type Schema } from "../../machinery/schema.ts";

const any = (go: string, description: string): Schema => ({ type: "any", go, description });

const CONTAINER_PORT = obj("v1.ContainerPort", "ContainerPort represents a network port in a single container.", {
  containerPort: int32("Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536."),
  hostIP: str("What host IP to bind the external port to."),
  hostPort: int32("Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort."),
  name: str("If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services."),
  protocol: str("Protocol for port. Must be UDP, TCP, or SCTP. Defaults to \"TCP\".", "v1.Protocol", ["SCTP", "TCP", "UDP"]),
}, ["containerPort"]);

const CONTAINER = obj("v1.Container", "A single application container that you want to run within a pod.", {
  args: strList("Arguments to the entrypoint. The container image's CMD is used if this is not provided."),
  command: strList("Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided."),
  env: any("[]v1.EnvVar", "List of environment variables to set in the container. Cannot be updated."),
  envFrom: any("[]v1.EnvFromSource", "List of sources to populate environment variables in the container."),
  image: str("Container image name. More info: https://kubernetes.io/docs/concepts/containers/images"),
  imagePullPolicy: str("Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.", "v1.PullPolicy", ["Always", "IfNotPresent", "Never"]),
  lifecycle: any("v1.Lifecycle", "Actions that the management system should take in response to container lifecycle events."),
  livenessProbe: any("v1.Probe", "Periodic probe of container liveness. Container will be restarted if the probe fails."),
  name: str("Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated."),
  ports: list("[]v1.ContainerPort", "List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed.", CONTAINER_PORT),
  readinessProbe: any("v1.Probe", "Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails."),
  resizePolicy: any("[]v1.ContainerResizePolicy", "Resources resize policy for the container."),
  resources: any("v1.ResourceRequirements", "Compute Resources required by this container. Cannot be updated."),
  restartPolicy: str("RestartPolicy defines the restart behavior of individual containers in a pod."),
  securityContext: any("v1.SecurityContext", "SecurityContext defines the security options the container should be run with."),
  startupProbe: any("v1.Probe", "StartupProbe indicates that the Pod has successfully initialized."),
  stdin: bool("Whether this container should allocate a buffer for stdin in the container runtime."),
  stdinOnce: bool("Whether the container runtime should close the stdin channel after it has been opened by a single attach."),
  terminationMessagePath: str("Optional: Path at which the file to which the container's termination message will be written is mounted into the container's filesystem."),
  terminationMessagePolicy: str("Indicate how the termination message should be populated.", "v1.TerminationMessagePolicy", ["FallbackToLogsOnError", "File"]),
  tty: bool("Whether this container should allocate a TTY for itself, also requires 'stdin' to be true."),
  volumeDevices: any("[]v1.VolumeDevice", "volumeDevices is the list of block devices to be used by the container."),
  volumeMounts: any("[]v1.VolumeMount", "Pod volumes to mount into the container's filesystem. Cannot be updated."),
  workingDir: str("Container's working directory."),
}, ["name"]);

const TOLERATION = obj("v1.Toleration", "The pod this Toleration is attached to tolerates any taint that matches the triple <key,value,effect> using the matching operator <operator>.", {
  effect: str("Effect indicates the taint effect to match. Empty means match all taint effects.", "v1.TaintEffect", ["NoExecute", "NoSchedule", "PreferNoSchedule"]),
  key: str("Key is the taint key that the toleration applies to. Empty means match all taint keys."),
  operator: str("Operator represents a key's relationship to the value. Valid operators are Exists and Equal. Defaults to Equal.", "v1.TolerationOperator", ["Equal", "Exists"]),
  tolerationSeconds: int64("TolerationSeconds represents the period of time the toleration (which must be of effect NoExecute, otherwise this field is ignored) tolerates the taint."),
  value: str("Value is the taint value the toleration matches to."),
});

export const POD_SPEC_SCHEMA: Schema = obj("v1.PodSpec", "PodSpec is a description of a pod.", {
  activeDeadlineSeconds: int64("Optional duration in seconds the pod may be active on the node relative to StartTime before the system will actively try to mark it failed and kill associated containers."),
  affinity: any("v1.Affinity", "If specified, the pod's scheduling constraints"),
  automountServiceAccountToken: bool("AutomountServiceAccountToken indicates whether a service account token should be automatically mounted."),
  containers: list("[]v1.Container", "List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.", CONTAINER),
  dnsConfig: any("v1.PodDNSConfig", "Specifies the DNS parameters of a pod."),
  dnsPolicy: str("Set DNS policy for the pod. Defaults to \"ClusterFirst\".", "v1.DNSPolicy", ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]),
  enableServiceLinks: bool("EnableServiceLinks indicates whether information about services should be injected into pod's environment variables."),
  ephemeralContainers: any("[]v1.EphemeralContainer", "List of ephemeral containers run in this pod."),
  hostAliases: any("[]v1.HostAlias", "HostAliases is an optional list of hosts and IPs that will be injected into the pod's hosts file if specified."),
  hostIPC: bool("Use the host's ipc namespace. Optional: Default to false."),
  hostNetwork: bool("Host networking requested for this pod. Use the host's network namespace. Default to false."),
  hostPID: bool("Use the host's pid namespace. Optional: Default to false."),
  hostUsers: bool("Use the host's user namespace."),
  hostname: str("Specifies the hostname of the Pod. If not specified, the pod's hostname will be set to a system-defined value."),
  imagePullSecrets: any("[]v1.LocalObjectReference", "ImagePullSecrets is an optional list of references to secrets in the same namespace to use for pulling any of the images used by this PodSpec."),
  initContainers: list("[]v1.Container", "List of initialization containers belonging to the pod.", CONTAINER),
  nodeName: str("NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName."),
  nodeSelector: strMap("NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
  os: any("v1.PodOS", "Specifies the OS of the containers in the pod."),
  overhead: any("map[string]resource.Quantity", "Overhead represents the resource overhead associated with running a pod for a given RuntimeClass."),
  preemptionPolicy: str("PreemptionPolicy is the Policy for preempting pods with lower priority.", "v1.PreemptionPolicy", ["Never", "PreemptLowerPriority"]),
  priority: int32("The priority value. Various system components use this field to find the priority of the pod."),
  priorityClassName: str("If specified, indicates the pod's priority."),
  readinessGates: any("[]v1.PodReadinessGate", "If specified, all readiness gates will be evaluated for pod readiness."),
  resourceClaims: any("[]v1.PodResourceClaim", "ResourceClaims defines which ResourceClaims must be allocated and reserved before the Pod is allowed to start."),
  resources: any("v1.ResourceRequirements", "Resources is the total amount of CPU and Memory resources required by all containers in the pod."),
  restartPolicy: str("Restart policy for all containers within the pod. One of Always, OnFailure, Never. Default to Always.", "v1.RestartPolicy", ["Always", "Never", "OnFailure"]),
  runtimeClassName: str("RuntimeClassName refers to a RuntimeClass object in the node.k8s.io group, which should be used to run this pod."),
  schedulerName: str("If specified, the pod will be dispatched by specified scheduler. If not specified, the pod will be dispatched by default scheduler."),
  schedulingGates: any("[]v1.PodSchedulingGate", "SchedulingGates is an opaque list of values that if specified will block scheduling the pod."),
  securityContext: any("v1.PodSecurityContext", "SecurityContext holds pod-level security attributes and common container settings."),
  serviceAccount: str("DeprecatedServiceAccount is a deprecated alias for ServiceAccountName. Deprecated: Use serviceAccountName instead."),
  serviceAccountName: str("ServiceAccountName is the name of the ServiceAccount to use to run this pod."),
  setHostnameAsFQDN: bool("If true the pod's hostname will be configured as the pod's FQDN, rather than the leaf name (the default)."),
  shareProcessNamespace: bool("Share a single process namespace between all of the containers in a pod."),
  subdomain: str("If specified, the fully qualified Pod hostname will be \"<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>\"."),
  terminationGracePeriodSeconds: int64("Optional duration in seconds the pod needs to terminate gracefully. Defaults to 30 seconds."),
  tolerations: list("[]v1.Toleration", "If specified, the pod's tolerations.", TOLERATION),
  topologySpreadConstraints: any("[]v1.TopologySpreadConstraint", "TopologySpreadConstraints describes how a group of pods ought to spread across topology domains."),
  volumes: any("[]v1.Volume", "List of volumes that can be mounted by containers belonging to the pod."),
}, ["containers"]);

export const POD_TEMPLATE_SCHEMA: Schema = obj("v1.PodTemplateSpec", "Template describes the pods that will be created.", {
  metadata: OBJECT_META,
  spec: POD_SPEC_SCHEMA,
});

export const POD_SCHEMA: Schema = kindSchema("v1.Pod", "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.", {
  spec: POD_SPEC_SCHEMA,
  status: any("v1.PodStatus", "Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only."),
});

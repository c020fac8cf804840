/** Service's schema for decoding and `kubectl explain` (k8s.io/api/core/v1/types.go field docs). */
import { bool, int32, kindSchema, list, obj, str, strList, strMap, type Schema } from "../../machinery/schema.ts";

const SERVICE_PORT = obj("v1.ServicePort", "ServicePort contains information on service's port.", {
  appProtocol: str("The application protocol for this port. This is used as a hint for implementations to offer richer behavior for protocols that they understand."),
  name: str("The name of this port within the service. This must be a DNS_LABEL. All ports within a ServiceSpec must have unique names."),
  nodePort: int32("The port on each node on which this service is exposed when type is NodePort or LoadBalancer. Usually assigned by the system."),
  port: int32("The port that will be exposed by this service."),
  protocol: str("The IP protocol for this port. Supports \"TCP\", \"UDP\", and \"SCTP\". Default is TCP.", "v1.Protocol", ["SCTP", "TCP", "UDP"]),
  targetPort: { type: "int-or-string", go: "intstr.IntOrString", description: "Number or name of the port to access on the pods targeted by the service." },
}, ["port"]);

export const SERVICE_SCHEMA: Schema = kindSchema("v1.Service", "Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.", {
  spec: obj("v1.ServiceSpec", "Spec defines the behavior of a service.", {
    allocateLoadBalancerNodePorts: bool("allocateLoadBalancerNodePorts defines if NodePorts will be automatically allocated for services with type LoadBalancer. Default is \"true\"."),
    clusterIP: str("clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName. Valid values are \"None\", empty string (\"\"), or a valid IP address. Setting this to \"None\" makes a \"headless service\"."),
    clusterIPs: strList("ClusterIPs is a list of IP addresses assigned to this service, and are usually assigned randomly. This field may hold a maximum of two entries (dual-stack IPs, in either order). These IPs must correspond to the values of the ipFamilies field."),
    externalIPs: strList("externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
    externalName: str("externalName is the external reference that discovery mechanisms will return as an alias for this service (e.g. a DNS CNAME record). Must be a lowercase RFC-1123 hostname and requires `type` to be \"ExternalName\"."),
    externalTrafficPolicy: str("externalTrafficPolicy describes how nodes distribute service traffic they receive on one of the Service's \"externally-facing\" addresses (NodePorts, ExternalIPs, and LoadBalancer IPs).", "v1.ServiceExternalTrafficPolicy", ["Cluster", "Local"]),
    healthCheckNodePort: int32("healthCheckNodePort specifies the healthcheck nodePort for the service. This only applies when type is set to LoadBalancer and externalTrafficPolicy is set to Local."),
    internalTrafficPolicy: str("InternalTrafficPolicy describes how nodes distribute service traffic they receive on the ClusterIP.", "v1.ServiceInternalTrafficPolicy", ["Cluster", "Local"]),
    ipFamilies: list("[]v1.IPFamily", "IPFamilies is a list of IP families (e.g. IPv4, IPv6) assigned to this service. This field is usually assigned automatically based on cluster configuration and the ipFamilyPolicy field. This field can hold a maximum of two entries (dual-stack families, in either order).", str("", "v1.IPFamily", ["IPv4", "IPv6"])),
    ipFamilyPolicy: str("IPFamilyPolicy represents the dual-stack-ness requested or required by this Service. If there is no value provided, then this field will be set to SingleStack. \"PreferDualStack\" will use two IP families on dual-stack configured clusters or a single IP family on single-stack clusters. \"RequireDualStack\" will use two IP families on dual-stack configured clusters, and will fail on single-stack clusters.", "v1.IPFamilyPolicy", ["PreferDualStack", "RequireDualStack", "SingleStack"]),
    loadBalancerClass: str("loadBalancerClass is the class of the load balancer implementation this Service belongs to."),
    loadBalancerIP: str("Only applies to Service Type: LoadBalancer. Deprecated."),
    loadBalancerSourceRanges: strList("If specified and supported by the platform, this will restrict traffic through the cloud-provider load-balancer will be restricted to the specified client IPs."),
    ports: list("[]v1.ServicePort", "The list of ports that are exposed by this service.", SERVICE_PORT),
    publishNotReadyAddresses: bool("publishNotReadyAddresses indicates that any agent which deals with endpoints for this Service should disregard any indications of ready/not-ready."),
    selector: strMap("Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify."),
    sessionAffinity: str("Supports \"ClientIP\" and \"None\". Used to maintain session affinity. Defaults to None.", "v1.ServiceAffinity", ["ClientIP", "None"]),
    sessionAffinityConfig: { type: "any", go: "v1.SessionAffinityConfig", description: "sessionAffinityConfig contains the configurations of session affinity." },
    trafficDistribution: str("TrafficDistribution offers a way to express preferences for how traffic is distributed to Service endpoints."),
    type: str("type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.", "v1.ServiceType", ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]),
  }),
  status: { type: "any", go: "v1.ServiceStatus", description: "Most recently observed status of the service. Populated by the system. Read-only." },
});

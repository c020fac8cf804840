/** ServiceCIDR's schema (k8s.io/api/networking/v1/types.go). */
import { CONDITION, kindSchema, list, obj, strList, type Schema } from "../../machinery/schema.ts";

export const SERVICE_CIDR_SCHEMA: Schema = kindSchema("v1.ServiceCIDR", "ServiceCIDR defines a range of IP addresses using CIDR format (e.g. 192.168.0.0/24 or 2001:db2::/64). This range is used to allocate ClusterIPs to Service objects.", {
  spec: obj("v1.ServiceCIDRSpec", "spec is the desired state of the ServiceCIDR.", {
    cidrs: strList("CIDRs defines the IP blocks in CIDR notation (e.g. \"192.168.0.0/24\" or \"2001:db8::/64\") from which to assign service cluster IPs. Max of two CIDRs is allowed, one of each IP family. This field is immutable."),
  }),
  status: obj("v1.ServiceCIDRStatus", "status represents the current state of the ServiceCIDR.", {
    conditions: list("[]v1.Condition", "conditions holds an array of metav1.Condition that describe the state of the ServiceCIDR. Current service state", CONDITION),
  }),
});

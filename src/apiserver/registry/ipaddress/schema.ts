/** IPAddress's schema (k8s.io/api/networking/v1/types.go). */
import { kindSchema, obj, str, type Schema } from "../../machinery/schema.ts";

export const IP_ADDRESS_SCHEMA: Schema = kindSchema("v1.IPAddress", "IPAddress represents a single IP of a single IP Family. The object is designed to be used by APIs that operate on IP addresses. The object is used by the Service core API for allocation of IP addresses. An IP address can be represented in different formats, to guarantee the uniqueness of the IP, the name of the object is the IP address in canonical format.", {
  spec: obj("v1.IPAddressSpec", "spec is the desired state of the IPAddress.", {
    parentRef: obj("v1.ParentReference", "ParentRef references the resource that an IPAddress is attached to. An IPAddress must reference a parent object.", {
      group: str("Group is the group of the object being referenced."),
      name: str("Name is the name of the object being referenced."),
      namespace: str("Namespace is the namespace of the object being referenced."),
      resource: str("Resource is the resource of the object being referenced."),
    }, ["resource", "name"]),
  }, ["parentRef"]),
});

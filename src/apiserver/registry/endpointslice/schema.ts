/** EndpointSlice's schema for decoding and `kubectl explain` (k8s.io/api/discovery/v1/types.go, shortened). */
import { API_VERSION, KIND, OBJECT_META, bool, int32, list, obj, str, strList, type Schema } from "../../machinery/schema.ts";

const ENDPOINT = obj("v1.Endpoint", "Endpoint represents a single logical \"backend\" implementing a service.", {
  addresses: strList("addresses of this endpoint. For EndpointSlices of addressType \"IPv4\" or \"IPv6\", the values are IP addresses in canonical form."),
  conditions: obj("v1.EndpointConditions", "conditions contains information about the current status of the endpoint.", {
    ready: bool("ready indicates that this endpoint is ready to receive traffic, according to whatever system is managing the endpoint."),
    serving: bool("serving indicates that this endpoint is able to receive traffic, according to whatever system is managing the endpoint."),
    terminating: bool("terminating indicates that this endpoint is terminating."),
  }),
  deprecatedTopology: { type: "map", go: "map[string]string", description: "deprecatedTopology contains topology information part of the v1beta1 API.", values: str() },
  hints: { type: "any", go: "v1.EndpointHints", description: "hints contains information associated with how an endpoint should be consumed." },
  hostname: str("hostname of this endpoint."),
  nodeName: str("nodeName represents the name of the Node hosting this endpoint."),
  targetRef: { type: "any", go: "v1.ObjectReference", description: "targetRef is a reference to a Kubernetes object that represents this endpoint." },
  zone: str("zone is the name of the Zone this endpoint exists in."),
}, ["addresses"]);

const PORT = obj("v1.EndpointPort", "EndpointPort represents a Port used by an EndpointSlice", {
  appProtocol: str("The application protocol for this port."),
  name: str("name represents the name of this port. All ports in an EndpointSlice must have a unique name."),
  port: int32("port represents the port number of the endpoint."),
  protocol: str("protocol represents the IP protocol for this port. Must be UDP, TCP, or SCTP. Default is TCP.", "v1.Protocol", ["SCTP", "TCP", "UDP"]),
});

export const ENDPOINT_SLICE_SCHEMA: Schema = obj("v1.EndpointSlice", "EndpointSlice represents a set of service endpoints.", {
  addressType: str("addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation.", "v1.AddressType", ["FQDN", "IPv4", "IPv6"]),
  apiVersion: API_VERSION,
  endpoints: list("[]v1.Endpoint", "endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.", ENDPOINT),
  kind: KIND,
  metadata: OBJECT_META,
  ports: list("[]v1.EndpointPort", "ports specifies the list of network ports exposed by each endpoint in this slice.", PORT),
}, ["addressType", "endpoints"]);

/**
 * Field order of typed objects in -o json. The generators (`kubectl create service ...`, `kubectl create
 * namespace`) work with typed Go structs (k8s.io/api/core/v1), and the JSON printer's
 * json.MarshalIndent writes struct fields in declaration order, where objects read through the
 * resource builder are unstructured maps and print with sorted keys. YAML is unaffected: sigs.k8s.io/yaml
 * goes through a map and always sorts.
 */
import { sortKeysDeep } from "../../apiserver/machinery/gofmt.ts";

/** An ordered list of fields, each with the shape of its value (a struct, a list of structs, or a map/scalar). */
type Shape = readonly (readonly [string, Shape?])[];

const OBJECT_META: Shape = [
  ["name"],
  ["generateName"],
  ["namespace"],
  ["selfLink"],
  ["uid"],
  ["resourceVersion"],
  ["generation"],
  ["creationTimestamp"],
  ["deletionTimestamp"],
  ["deletionGracePeriodSeconds"],
  ["labels"],
  ["annotations"],
  ["ownerReferences", [["apiVersion"], ["kind"], ["name"], ["uid"], ["controller"], ["blockOwnerDeletion"]]],
  ["finalizers"],
  ["managedFields", [["manager"], ["operation"], ["apiVersion"], ["time"], ["fieldsType"], ["fieldsV1"], ["subresource"]]],
];

const CONDITION: Shape = [["type"], ["status"], ["observedGeneration"], ["lastTransitionTime"], ["reason"], ["message"]];

/** core/v1 Service (types.go field order). */
export const SERVICE_SHAPE: Shape = [
  ["kind"],
  ["apiVersion"],
  ["metadata", OBJECT_META],
  [
    "spec",
    [
      ["ports", [["name"], ["protocol"], ["appProtocol"], ["port"], ["targetPort"], ["nodePort"]]],
      ["selector"],
      ["clusterIP"],
      ["clusterIPs"],
      ["type"],
      ["externalIPs"],
      ["sessionAffinity"],
      ["loadBalancerIP"],
      ["loadBalancerSourceRanges"],
      ["externalName"],
      ["externalTrafficPolicy"],
      ["healthCheckNodePort"],
      ["publishNotReadyAddresses"],
      ["sessionAffinityConfig", [["clientIP", [["timeoutSeconds"]]]]],
      ["ipFamilies"],
      ["ipFamilyPolicy"],
      ["allocateLoadBalancerNodePorts"],
      ["loadBalancerClass"],
      ["internalTrafficPolicy"],
      ["trafficDistribution"],
    ],
  ],
  [
    "status",
    [
      ["loadBalancer", [["ingress", [["ip"], ["hostname"], ["ipMode"], ["ports", [["port"], ["protocol"], ["error"]]]]]]],
      ["conditions", CONDITION],
    ],
  ],
];

/** core/v1 Namespace. */
export const NAMESPACE_SHAPE: Shape = [
  ["kind"],
  ["apiVersion"],
  ["metadata", OBJECT_META],
  ["spec", [["finalizers"]]],
  ["status", [["phase"], ["conditions", [["type"], ["status"], ["lastTransitionTime"], ["reason"], ["message"]]]]],
];

/** Reorders plain data to a struct shape; fields the shape does not know follow, sorted, and maps stay sorted. */
export function inStructOrder(value: unknown, shape: Shape | undefined): unknown {
  if (!shape) return sortKeysDeep(value);
  if (Array.isArray(value)) return value.map((v) => inStructOrder(v, shape));
  if (!value || typeof value !== "object") return value;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, sub] of shape) if (src[k] !== undefined) out[k] = inStructOrder(src[k], sub);
  for (const k of Object.keys(src).sort()) if (!(k in out) && src[k] !== undefined) out[k] = sortKeysDeep(src[k]);
  return out;
}

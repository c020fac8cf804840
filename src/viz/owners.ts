/**
 * Who owns an allocated IP, read from its IPAddress object. The apiserver's allocator labels what it
 * creates (ipaddress.kubernetes.io/managed-by: ipallocator.k8s.io); anything without the label was
 * made by hand, which matters twice: the learner should see it, and it never blocks a ServiceCIDR's
 * deletion (k/k pkg/controller/servicecidrs only lists managed IPAddresses).
 */
import { IPALLOCATOR_MANAGER, LABEL_MANAGED_BY, type IPAddress, type ParentReference } from "../apiserver/registry/ipaddress/types.ts";
import type { Service } from "../apiserver/registry/service/types.ts";
import type { Owner, Role } from "./servicecidr-model-types.ts";

export const HAND_MADE = "hand-made";

/** kubectl's PARENTREF column (printIPAddress): `resource[.group][/namespace]/name`. */
export function formatParentRef(ref: ParentReference | undefined): string | null {
  if (!ref) return null;
  const gr = ref.group ? `${ref.resource}.${ref.group}` : ref.resource;
  return `${gr.toLowerCase()}${ref.namespace ? `/${ref.namespace}` : ""}/${ref.name}`;
}

/** The two Services every cluster has get their own marks: the apiserver's and the cluster DNS. */
export function roleOf(key: string): Role {
  if (key === "default/kubernetes") return "kubernetes";
  if (key === "kube-system/kube-dns") return "kube-dns";
  return "service";
}

function isServiceRef(ref: ParentReference): boolean {
  return (ref.group ?? "") === "" && ref.resource === "services";
}

/** Services by `namespace/name`, so an owner can carry its Service's type. */
export function indexServices(services: readonly Service[]): Map<string, Service> {
  const out = new Map<string, Service>();
  for (const s of services) out.set(`${s.metadata.namespace ?? ""}/${s.metadata.name ?? ""}`, s);
  return out;
}

export function ownerOf(ipa: IPAddress, services: ReadonlyMap<string, Service>): Owner {
  const ref = ipa.spec?.parentRef;
  const handMade = ipa.metadata.labels?.[LABEL_MANAGED_BY] === undefined;
  const key = ref ? (ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name) : "";
  const svc = ref && isServiceRef(ref) ? services.get(`${ref.namespace ?? ""}/${ref.name}`) : undefined;
  return {
    owner: handMade || key === "" ? HAND_MADE : key,
    role: !handMade && ref && isServiceRef(ref) ? roleOf(key) : "service",
    handMade,
    parentRef: formatParentRef(ref),
    serviceType: svc ? (svc.spec.type ?? "ClusterIP") : null,
  };
}

/** Only the allocator's own objects count when the ServiceCIDR controller looks for orphans. */
export function isManagedByAllocator(ipa: IPAddress): boolean {
  return ipa.metadata.labels?.[LABEL_MANAGED_BY] === IPALLOCATOR_MANAGER;
}

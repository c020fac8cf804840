/**
 * ResourceDef is what discovery says about a resource: the facts `kubectl api-resources` prints and the
 * RESTMapper uses to turn `svc` or `servicecidr.networking.k8s.io` into a resource.
 */
export interface ResourceDef {
  readonly group: string;
  /** Served versions, preferred first. The first is also the storage version. */
  readonly versions: readonly string[];
  /** Versions that exist but must be turned on with --runtime-config (beta APIs are off by default). */
  readonly optionalVersions?: readonly string[];
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly namespaced: boolean;
  readonly categories?: readonly string[];
  readonly verbs: readonly string[];
  /** Deprecation of a served version: what the apiserver warns on every request through it. */
  readonly deprecations?: Readonly<Record<string, { deprecated: string; removed?: string; replacement?: string }>>;
}

export const STANDARD_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"] as const;

/** `services`, `servicecidrs.networking.k8s.io`: the key objects are stored under and errors print. */
export function qualifiedName(def: Pick<ResourceDef, "group" | "plural">): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}

export function groupVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function storageVersion(def: ResourceDef): string {
  return groupVersion(def.group, def.versions[0]!);
}

/**
 * The RESTMapper: turns what a user types (`svc`, `service`, `servicecidrs.networking.k8s.io`,
 * `servicecidr.v1beta1.networking.k8s.io`) or what a manifest says (apiVersion + kind) into a resource,
 * using discovery, with the preferred (first served) version of each group.
 */
import type { APIResource, ApiClient, GroupVersionResource } from "../apiserver/client.ts";
import { goQuote } from "../apiserver/machinery/gofmt.ts";
import { KubectlError } from "./errors.ts";

export interface Mapping {
  gvr: GroupVersionResource;
  resource: APIResource;
  /** `service`, `servicecidr.networking.k8s.io`: how -o name and delete messages name the kind. */
  kindPrefix: string;
}

interface Entry extends Mapping {
  preferred: boolean;
}

function entries(client: ApiClient): Entry[] {
  const out: Entry[] = [];
  const seenGroups = new Set<string>();
  for (const list of client.discovery()) {
    const [group, version] = list.groupVersion.includes("/") ? list.groupVersion.split("/") : ["", list.groupVersion];
    const first = !seenGroups.has(group!);
    seenGroups.add(group!);
    for (const r of list.resources) {
      out.push({
        gvr: { group: group!, version: version!, resource: r.name },
        resource: r,
        kindPrefix: group ? `${r.kind.toLowerCase()}.${group}` : r.kind.toLowerCase(),
        preferred: first,
      });
    }
  }
  return out;
}

/** Resolves a resource argument; throws kubectl's "doesn't have a resource type" error. */
export function resolveResource(client: ApiClient, arg: string): Mapping {
  const all = entries(client);
  const lower = arg.toLowerCase();
  const matches = (e: Entry, name: string) =>
    e.resource.name === name || e.resource.singularName === name || e.resource.shortNames.includes(name) || e.resource.kind.toLowerCase() === name;
  const direct = all.filter((e) => matches(e, lower));
  const pick = (list: Entry[]) => list.find((e) => e.preferred) ?? list[0];
  if (direct.length) {
    // Core group first, as kubectl's priority RESTMapper prefers it for bare names.
    const core = direct.filter((e) => e.gvr.group === "");
    return strip(pick(core.length ? core : direct)!);
  }
  const dot = lower.indexOf(".");
  if (dot > 0) {
    const name = lower.slice(0, dot);
    const rest = lower.slice(dot + 1);
    const withGroup = all.filter((e) => matches(e, name) && e.gvr.group === rest);
    if (withGroup.length) return strip(pick(withGroup)!);
    const vdot = rest.indexOf(".");
    if (vdot > 0) {
      const version = rest.slice(0, vdot);
      const group = rest.slice(vdot + 1);
      const exact = all.find((e) => matches(e, name) && e.gvr.group === group && e.gvr.version === version);
      if (exact) return strip(exact);
    }
  }
  // mappingFor names groupResource.Resource: schema.ParseGroupResource keeps what precedes the first dot.
  const dotAt = arg.indexOf(".");
  throw new KubectlError(`the server doesn't have a resource type ${goQuote(dotAt >= 0 ? arg.slice(0, dotAt) : arg)}`);
}

export class NoKindMatchError extends KubectlError {}

/** Maps apiVersion + kind from a manifest; throws `no matches for kind ...`. */
export function resolveKind(client: ApiClient, apiVersion: string, kind: string): Mapping {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const hit = entries(client).find((e) => e.gvr.group === group && e.gvr.version === version && e.resource.kind === kind);
  if (!hit) throw new NoKindMatchError(`no matches for kind "${kind}" in version "${apiVersion}"`);
  return strip(hit);
}

/** Every resource, for api-resources, in discovery order. */
export function allPreferred(client: ApiClient): Mapping[] {
  return entries(client).filter((e) => e.preferred).map(strip);
}

function strip(e: Entry): Mapping {
  return { gvr: e.gvr, resource: e.resource, kindPrefix: e.kindPrefix };
}

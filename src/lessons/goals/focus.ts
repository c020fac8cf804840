/**
 * What a goal is about, for "show goal": the objects it names that exist now (as resource/namespace/name
 * keys), the IP addresses they hold, and the CIDRs its tests mention. Small CIDRs (up to 256 addresses)
 * are spelled out as IPs too, so a view that highlights addresses can show the target range before
 * anything is in it.
 */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import { CIDR, IP } from "../../net/index.ts";
import type { ClusterState } from "../state.ts";
import { ipTexts, matchTarget } from "./evaluate.ts";
import { resolvePath } from "./path.ts";
import type { Predicate, Target, Test } from "./predicate.ts";

export interface GoalFocus {
  /** IP addresses, canonical text. */
  ips: string[];
  /** "services/default/web", "servicecidrs.networking.k8s.io/newcidr1". */
  objects: string[];
  cidrs: string[];
}

const MAX_SPELLED_OUT = 256n;

export function goalFocus(p: Predicate, state: ClusterState): GoalFocus {
  const ips = new Set<string>();
  const objects = new Set<string>();
  const cidrs = new Set<string>();
  const visitTests = (tests: readonly Test[], found: readonly KubeObject[]) => {
    for (const t of tests) {
      if (t.type !== "field") continue;
      if (t.check.kind === "in" || t.check.kind === "notIn") for (const c of t.check.cidrs) cidrs.add(c);
      for (const o of found) for (const text of ipTexts(resolvePath(o, t.segments))) if (IP.tryParse(text)) ips.add(text);
    }
  };
  const visitTarget = (target: Target, extra: Test[] = []) => {
    // A named object is worth showing before it matches (where it is now); a set only by its members.
    const named = target.name !== undefined && !/[*?]/.test(target.name);
    const found = matchTarget(named ? { ...target, where: [] } : target, state);
    for (const o of found) {
      objects.add(objectKey(target.resource, state, o));
      for (const text of ownIPs(o)) ips.add(text);
    }
    visitTests([...target.where, ...extra], found);
  };
  const walk = (q: Predicate) => {
    switch (q.op) {
      case "all":
      case "any":
        q.of.forEach(walk);
        break;
      case "not":
        walk(q.of);
        break;
      case "test":
        visitTarget(q.target, [q.test]);
        break;
      default:
        visitTarget(q.target);
    }
  };
  walk(p);
  for (const c of cidrs) {
    const block = CIDR.tryParse(c);
    if (!block || block.size() > MAX_SPELLED_OUT) continue;
    for (let i = 0n; i < block.size(); i++) ips.add(block.nth(i).toString());
  }
  return { ips: [...ips], objects: [...objects], cidrs: [...cidrs] };
}

/** The addresses an object stands for: an IPAddress is named by its IP, a Service holds clusterIPs. */
function ownIPs(o: KubeObject): string[] {
  const out: string[] = [];
  if (o.kind === "IPAddress" && o.metadata.name) out.push(o.metadata.name);
  const spec = (o as { spec?: { clusterIPs?: unknown } }).spec;
  if (Array.isArray(spec?.clusterIPs)) for (const ip of spec.clusterIPs) if (typeof ip === "string" && IP.tryParse(ip)) out.push(ip);
  return out;
}

function objectKey(resource: string, state: ClusterState, o: KubeObject): string {
  let full = resource;
  if (!state.objects.has(resource)) for (const key of state.objects.keys()) if (key.startsWith(`${resource}.`)) full = key;
  return o.metadata.namespace ? `${full}/${o.metadata.namespace}/${o.metadata.name}` : `${full}/${o.metadata.name}`;
}

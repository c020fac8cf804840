/**
 * buildDualStackModel turns what the page knows (ServiceCIDRs, Services, Events, the running
 * kube-apiserver's --service-cluster-ip-range, the fences of bound admission policies) into the
 * dual-stack view's model. Pure and deterministic: same input, same model, whatever order the informer
 * listed objects in. Cost is bounded by the objects, never by the size of an address range.
 */
import { CIDR, IP, type Family } from "../net/index.ts";
import type { Event } from "../apiserver/registry/event/types.ts";
import type { Service } from "../apiserver/registry/service/types.ts";
import type { ServiceCIDR } from "../apiserver/registry/servicecidr/types.ts";
import { ParseCache } from "./parse-cache.ts";
import type {
  DualStackModel,
  FenceRow,
  FenceSpan,
  FlagModel,
  PaneModel,
  RangeMark,
  RangeRow,
  ServiceRow,
} from "./dualstack-model-types.ts";

export type * from "./dualstack-model-types.ts";

// The name kube-apiserver gives the ServiceCIDR made from its flag, and the reason of the event it raises.
import { DEFAULT_SERVICE_CIDR_NAME as DEFAULT_SERVICE_CIDR, INCONSISTENT_REASON } from "../apiserver/registry/servicecidr/types.ts";
export { DEFAULT_SERVICE_CIDR, INCONSISTENT_REASON };

/** What the worker reports of the running kube-apiserver. */
export interface ApiserverInfo {
  running: boolean;
  /** --service-cluster-ip-range split on commas, as the running process has it. */
  serviceClusterIPRange: string[];
}

/**
 * A bound policy's allowed CIDRs, as policyFences (apiserver/admission/validating-policy/fences.ts)
 * reads them off the policy; empty when it names none (the docs' policy that forbids every new one).
 */
export interface FenceInput {
  policy: string;
  binding: string;
  actions: readonly string[];
  cidrs: readonly string[];
}

export interface DualStackInput {
  serviceCIDRs: readonly ServiceCIDR[];
  services: readonly Service[];
  events?: readonly Event[];
  /** Null when unknown (the view then draws no flag link). */
  apiserver?: ApiserverInfo | null;
  fences?: readonly FenceInput[];
  /** The view's parse cache, kept between updates; a fresh one when left out. */
  parse?: ParseCache;
}

const FAMILIES: readonly Family[] = ["IPv4", "IPv6"];

export function buildDualStackModel(input: DualStackInput): DualStackModel {
  const parse = input.parse ?? new ParseCache();
  const flag = flagModel(input);
  const flagByFamily = new Map<Family, string>();
  if (flag) for (const c of flag.cidrs) {
    const p = CIDR.tryParse(c);
    if (p && !flagByFamily.has(p.family)) flagByFamily.set(p.family, p.toString());
  }
  const fences = parseFences(input.fences ?? []);
  const services = serviceRows(input.services, parse);
  const ranges = rangeRows(input.serviceCIDRs, flag, flagByFamily, fences, services, parse);
  const panes = FAMILIES.map(
    (family): PaneModel => ({
      family,
      ranges: ranges.filter((r) => r.family === family),
      fences: fenceRows(fences, family),
      flagCIDR: flag?.state === "down" ? null : (flagByFamily.get(family) ?? null),
    }),
  ) as [PaneModel, PaneModel];
  return { panes, services, flag };
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonical(text: string): string {
  return CIDR.tryParse(text.trim())?.toString() ?? text.trim();
}

/** How the `kubernetes` ServiceCIDR stands against the running apiserver's flag; null when the flag is unknown. */
export function flagModel(input: Pick<DualStackInput, "serviceCIDRs" | "events" | "apiserver">): FlagModel | null {
  const api = input.apiserver;
  if (!api) return null;
  const def = input.serviceCIDRs.find((s) => s.metadata.name === DEFAULT_SERVICE_CIDR);
  const defaultCIDRs = (def?.spec?.cidrs ?? []).map(canonical);
  const cidrs = api.running ? api.serviceClusterIPRange.map(canonical) : [];
  let state: FlagModel["state"];
  if (!api.running) state = "down";
  else if (!def) state = "missing";
  else state = defaultCIDRs.length === cidrs.length && defaultCIDRs.every((c, i) => c === cidrs[i]) ? "match" : "inconsistent";
  let eventMessage: string | null = null;
  if (state === "inconsistent") {
    // The newest event about the default ServiceCIDR: the controller emits one per sync that finds a difference.
    const events = (input.events ?? []).filter(
      (e) => e.reason === INCONSISTENT_REASON && e.involvedObject?.kind === "ServiceCIDR" && e.involvedObject.name === DEFAULT_SERVICE_CIDR,
    );
    events.sort((a, b) => byText(a.lastTimestamp ?? "", b.lastTimestamp ?? "") || byText(a.metadata.name ?? "", b.metadata.name ?? ""));
    eventMessage = events[events.length - 1]?.message ?? null;
  }
  return { cidrs, defaultCIDRs, state, eventMessage };
}

interface ParsedFence {
  input: FenceInput;
  cidrs: CIDR[];
  deny: boolean;
}

function parseFences(fences: readonly FenceInput[]): ParsedFence[] {
  const out: ParsedFence[] = [];
  for (const f of fences) {
    const cidrs = f.cidrs.map((c) => CIDR.tryParse(c)).filter((c): c is CIDR => c !== null);
    out.push({ input: f, cidrs, deny: f.actions.includes("Deny") });
  }
  out.sort((a, b) => byText(a.input.policy, b.input.policy) || byText(a.input.binding, b.input.binding));
  return out;
}

function fenceRows(fences: readonly ParsedFence[], family: Family): FenceRow[] {
  const out: FenceRow[] = [];
  for (const f of fences) {
    const cidrs = f.cidrs.filter((c) => c.family === family).map((c) => c.toString());
    // A policy that names no range at all stands in both panes; one that names only the other family's, in neither.
    if (cidrs.length || f.cidrs.length === 0) out.push({ policy: f.input.policy, binding: f.input.binding, actions: [...f.input.actions], cidrs });
  }
  return out;
}

function serviceRows(services: readonly Service[], parse: ParseCache): ServiceRow[] {
  const rows: ServiceRow[] = [];
  for (const s of services) {
    const spec = s.spec ?? {};
    const type = spec.type ?? "ClusterIP";
    if (type === "ExternalName") continue;
    const headless = spec.clusterIP === "None";
    const ips: Partial<Record<Family, string>> = {};
    for (const text of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) {
      const ip = parse.ip(text);
      if (ip && ips[ip.family] === undefined) ips[ip.family] = ip.toString();
    }
    const families = (spec.ipFamilies ?? (Object.keys(ips) as Family[])).filter((f): f is Family => f === "IPv4" || f === "IPv6");
    const namespace = s.metadata.namespace ?? "";
    const name = s.metadata.name ?? "";
    rows.push({
      key: `${namespace}/${name}`,
      namespace,
      name,
      type,
      policy: spec.ipFamilyPolicy ?? "",
      families,
      headless,
      ips,
      linked: ips.IPv4 !== undefined && ips.IPv6 !== undefined,
    });
  }
  rows.sort((a, b) => byText(a.namespace, b.namespace) || byText(a.name, b.name));
  return rows;
}

function fraction(offset: bigint, size: bigint): number {
  // Division in bigint first keeps precision for a /64, whose offsets are beyond a double's 53 bits.
  return Number((offset << 32n) / size) / 2 ** 32;
}

function spanOf(range: CIDR, fence: CIDR): { start: number; end: number } | null {
  if (range.family !== fence.family || !range.overlaps(fence)) return null;
  // Aligned blocks either nest or are disjoint, so the overlap is the narrower of the two.
  if (fence.containsCIDR(range)) return { start: 0, end: 1 };
  const size = range.size();
  const lo = range.offsetOf(fence.network);
  return { start: fraction(lo, size), end: fraction(lo + fence.size(), size) };
}

function rangeRows(
  serviceCIDRs: readonly ServiceCIDR[],
  flag: FlagModel | null,
  flagByFamily: ReadonlyMap<Family, string>,
  fences: readonly ParsedFence[],
  services: readonly ServiceRow[],
  parse: ParseCache,
): RangeRow[] {
  const rows: { row: RangeRow; cidr: CIDR }[] = [];
  const seen = new Set<string>();
  for (const sc of serviceCIDRs) {
    const name = sc.metadata.name ?? "";
    for (const text of sc.spec?.cidrs ?? []) {
      const cidr = parse.cidr(text);
      if (!cidr) continue;
      const id = `${name} ${cidr.toString()}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const isDefault = name === DEFAULT_SERVICE_CIDR;
      const flagCIDR = isDefault && flag && flag.state !== "down" ? (flagByFamily.get(cidr.family) ?? null) : null;
      const familyFences = fences.filter((f) => f.cidrs.some((c) => c.family === cidr.family));
      const spans: FenceSpan[] = [];
      for (const f of familyFences) {
        for (const c of f.cidrs) {
          const s = spanOf(cidr, c);
          if (s) spans.push({ policy: f.input.policy, binding: f.input.binding, cidr: c.toString(), ...s });
        }
      }
      const denyFences = familyFences.filter((f) => f.deny);
      rows.push({
        cidr,
        row: {
          id,
          name,
          cidr: cidr.toString(),
          family: cidr.family,
          terminating: Boolean(sc.metadata.deletionTimestamp),
          size: cidr.size(),
          isDefault,
          flagCIDR,
          flagMatches: isDefault && flag && flag.state !== "down" ? flagCIDR === cidr.toString() : null,
          marks: [],
          fences: spans,
          insideFence: denyFences.length ? denyFences.some((f) => f.cidrs.some((c) => c.containsCIDR(cidr))) : null,
        },
      });
    }
  }
  // Widest first, then by name, then by address: the order the map uses.
  rows.sort(
    (a, b) =>
      FAMILIES.indexOf(a.cidr.family) - FAMILIES.indexOf(b.cidr.family) ||
      a.cidr.prefix - b.cidr.prefix ||
      byText(a.row.name, b.row.name) ||
      a.cidr.network.compare(b.cidr.network),
  );
  // Each Service IP marks the narrowest range holding it: the allocator hands it out from there. Bounds
  // are compared directly: CIDR.contains shifts BigInts, several times slower over thousands of IPs.
  const bounds = rows.map((r) => ({ ...r, lo: r.cidr.network.value, hi: r.cidr.network.value + r.cidr.size() }));
  for (const s of services) {
    for (const text of Object.values(s.ips)) {
      const ip = parse.ip(text!)!;
      let best: (typeof bounds)[number] | undefined;
      for (const r of bounds) {
        if (r.cidr.family === ip.family && ip.value >= r.lo && ip.value < r.hi && (!best || r.cidr.prefix > best.cidr.prefix)) best = r;
      }
      if (best) best.row.marks.push({ ip: text!, service: s.key, position: fraction(ip.value - best.lo, best.hi - best.lo) } satisfies RangeMark);
    }
  }
  for (const r of rows) r.row.marks.sort((a, b) => a.position - b.position || byText(a.ip, b.ip));
  return rows.map((r) => r.row);
}

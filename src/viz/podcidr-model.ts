/**
 * buildPodCIDRModel lays the pod network out as node IPAM carves it: kube-controller-manager's
 * --cluster-cidr cut into one tile per --node-cidr-mask-size block (a /24 by default), each tile either
 * free or a node's spec.podCIDR, with that node's pods as dots at their address inside it and the route
 * that sends the tile's traffic to the node (podCIDR via the node's InternalIP, as kubenet and an AKS
 * route table write it). Pure and deterministic; cost is bounded by the tiles drawn and the objects.
 */
import { CIDR, IP, type Family } from "../net/index.ts";
import type { Node } from "../apiserver/registry/node/types.ts";
import type { Pod } from "../apiserver/registry/pod/types.ts";
import { ParseCache } from "./parse-cache.ts";

/** kube-controller-manager's node IPAM setup, as the worker reports it. */
export interface PodNetworkInfo {
  clusterCIDRs: string[];
  /** One per cluster CIDR, same order. */
  nodeMaskSizes: number[];
}

export interface PodCIDRInput {
  nodes: readonly Node[];
  pods: readonly Pod[];
  /** Null when node CIDR allocation is off or kube-controller-manager is not running. */
  podNetwork: PodNetworkInfo | null;
  /** The view's parse cache, kept between updates; a fresh one when left out. */
  parse?: ParseCache;
}

export interface PodDot {
  /** `namespace/name` */
  pod: string;
  ip: string;
  /** The address's offset inside its tile (low addresses only matter: host-local hands them out in order). */
  offset: number;
  phase: string;
}

export interface NodeRoute {
  destination: string;
  via: string;
  node: string;
}

export interface Tile {
  /** Position in the cluster CIDR: tile i is the i-th block of the mask size. */
  index: number;
  cidr: string;
  /** The node holding it, or null when free. */
  node: string | null;
  /** The node's InternalIP of the tile's family (the route's next hop). */
  nodeIP: string | null;
  pods: PodDot[];
  /** status.capacity.pods of the node (its --max-pods). */
  maxPods: number | null;
  route: NodeRoute | null;
}

export interface PodFamily {
  family: Family;
  clusterCIDR: string;
  maskSize: number;
  /** How many tiles the cluster CIDR holds (2^(mask - prefix)). */
  tileCount: bigint;
  /** The first tiles, up to MAX_TILES, plus any assigned tile beyond them, by index. */
  tiles: Tile[];
  assigned: number;
  free: bigint;
  /** Tiles past the ones drawn (all free unless listed in `tiles`). */
  hidden: bigint;
}

export interface PodCIDRModel {
  families: PodFamily[];
  /** Nodes with no podCIDR in a family the network has (waiting, or CIDRNotAvailable). */
  waiting: string[];
}

/** A /16 cut into /24s is 256 tiles: all drawn. Beyond that the rest are summarised. */
export const MAX_TILES = 256;

export function buildPodCIDRModel(input: PodCIDRInput): PodCIDRModel {
  const net = input.podNetwork;
  if (!net) return { families: [], waiting: [] };
  const parse = input.parse ?? new ParseCache();
  const podsByNode = new Map<string, Pod[]>();
  for (const p of input.pods) {
    const n = p.spec?.nodeName;
    if (!n || p.spec?.hostNetwork) continue;
    const list = podsByNode.get(n) ?? [];
    list.push(p);
    podsByNode.set(n, list);
  }
  const nodes = [...input.nodes].sort((a, b) => byText(a.metadata.name ?? "", b.metadata.name ?? ""));
  const families: PodFamily[] = [];
  const waiting = new Set<string>();
  net.clusterCIDRs.forEach((text, i) => {
    const cluster = parse.cidr(text);
    const mask = net.nodeMaskSizes[i];
    if (!cluster || mask === undefined || mask < cluster.prefix) return;
    const tileCount = 1n << BigInt(mask - cluster.prefix);
    const tileSize = 1n << BigInt(cluster.bits - mask);
    const assigned = new Map<bigint, Tile>();
    for (const node of nodes) {
      const name = node.metadata.name ?? "";
      const podCIDR = (node.spec?.podCIDRs ?? (node.spec?.podCIDR ? [node.spec.podCIDR] : [])).map((c) => parse.cidr(c)).find((c) => c?.family === cluster.family);
      if (!podCIDR || !cluster.containsCIDR(podCIDR)) {
        if (!podCIDR) waiting.add(name);
        continue;
      }
      const index = (podCIDR.network.value - cluster.network.value) / tileSize;
      const nodeIP = (node.status?.addresses ?? []).filter((a) => a.type === "InternalIP").map((a) => parse.ip(a.address)).find((ip) => ip?.family === cluster.family);
      const pods: PodDot[] = [];
      // Bounds compared directly: CIDR.contains shifts BigInts, several times slower over ten thousand pods.
      const lo = podCIDR.network.value;
      const hi = lo + podCIDR.size();
      for (const p of podsByNode.get(name) ?? []) {
        for (const x of p.status?.podIPs ?? (p.status?.podIP ? [{ ip: p.status.podIP }] : [])) {
          const ip = parse.ip(x.ip);
          if (!ip || ip.family !== podCIDR.family || ip.value < lo || ip.value >= hi) continue;
          pods.push({ pod: `${p.metadata.namespace ?? ""}/${p.metadata.name ?? ""}`, ip: x.ip, offset: Number((ip.value - lo) % 1024n), phase: p.status?.phase ?? "Pending" });
        }
      }
      pods.sort((a, b) => a.offset - b.offset || byText(a.pod, b.pod));
      const maxPods = Number(node.status?.capacity?.pods ?? NaN);
      const cidr = podCIDR.toString();
      assigned.set(index, {
        index: Number(index),
        cidr,
        node: name,
        nodeIP: nodeIP?.toString() ?? null,
        pods,
        maxPods: Number.isFinite(maxPods) ? maxPods : null,
        route: nodeIP ? { destination: cidr, via: nodeIP.toString(), node: name } : null,
      });
    }
    const shown = tileCount < BigInt(MAX_TILES) ? tileCount : BigInt(MAX_TILES);
    const tiles: Tile[] = [];
    for (let t = 0n; t < shown; t++) {
      tiles.push(assigned.get(t) ?? freeTile(cluster, t, tileSize, mask));
    }
    for (const [t, tile] of [...assigned].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (t >= shown) tiles.push(tile);
    families.push({
      family: cluster.family,
      clusterCIDR: cluster.toString(),
      maskSize: mask,
      tileCount,
      tiles,
      assigned: assigned.size,
      free: tileCount - BigInt(assigned.size),
      hidden: tileCount - shown,
    });
  });
  return { families, waiting: [...waiting].sort(byText) };
}

function freeTile(cluster: CIDR, t: bigint, tileSize: bigint, mask: number): Tile {
  const network = IP.fromBigInt(cluster.network.value + t * tileSize, cluster.family);
  return { index: Number(t), cidr: `${network.toString()}/${mask}`, node: null, nodeIP: null, pods: [], maxPods: null, route: null };
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

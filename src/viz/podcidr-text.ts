/**
 * The pod-CIDR view's words: tile names, a node's line and its route, as the drawing and its accessible
 * names say them. Pure, tested in Node.
 */
import { fill, label, type Labels } from "./labels.ts";
import { formatCount } from "./servicecidr-text.ts";
import type { PodFamily, Tile } from "./podcidr-model.ts";

/** "10.244.1.0/24 via 192.168.0.8": the route kubenet (or an AKS route table) holds for a node's range. */
export function routeText(t: Tile): string {
  return t.route ? `${t.route.destination} via ${t.route.via}` : "";
}

export function podsText(t: Tile, labels: Labels): string {
  return t.maxPods === null ? fill(labels, "pc.pods.nomax", { count: t.pods.length }) : fill(labels, "pc.pods", { count: t.pods.length, max: t.maxPods });
}

/** "10.244.1.0/24, node01, 2 pods, at most 110, route 10.244.1.0/24 via 192.168.0.8" or "10.244.3.0/24, free". */
export function tileLabel(t: Tile, labels: Labels): string {
  if (t.node === null) return `${t.cidr}, ${label(labels, "pc.free")}`;
  const parts = [t.cidr, t.node, podsText(t, labels)];
  const route = routeText(t);
  if (route) parts.push(`${label(labels, "pc.route")} ${route}`);
  return parts.join(", ");
}

/** The family's headline: "Pod network 10.244.0.0/16 · one /24 per node · 3 of 256 node ranges used". */
export function familyHeadline(f: PodFamily, labels: Labels): string {
  return [
    fill(labels, "pc.title", { cidr: f.clusterCIDR }),
    fill(labels, "pc.mask", { mask: f.maskSize }),
    fill(labels, "pc.used", { assigned: f.assigned, count: formatCount(f.tileCount) }),
  ].join(" · ");
}

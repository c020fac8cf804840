/**
 * Labels are the UI words the ServiceCIDR views print. The host passes its own dictionary (Korean or
 * English, see src/ui/i18n.ts); the keys below reuse the host's `legend.*` keys where they exist, and
 * every key has an English fallback so a view never shows a raw key when the host lags behind.
 */
export type Labels = Readonly<Record<string, string>>;

export const DEFAULT_LABELS = {
  "legend.free": "free",
  "legend.allocated": "allocated",
  "legend.reserved": "reserved",
  "legend.static": "static band",
  "legend.dynamic": "dynamic band",
  "legend.terminating": "terminating",
  "legend.finalizer": "finalizer",
  "legend.ready": "ready",
  "legend.kubernetes": "kubernetes.default",
  "legend.kubedns": "kube-dns",
  "legend.handmade": "hand-made",
  "legend.holding": "holding it",
  "map.used": "{used} used of {capacity}",
  "map.label": "Service IP ranges",
  "map.family.IPv4": "IPv4",
  "map.family.IPv6": "IPv6",
  "map.band.none": "no band",
  "map.nested": "inside {parent}",
  "map.outside": "outside every ServiceCIDR",
  "map.allocatable.no": "never hands out IPs (IPv6 prefixes shorter than /64 are refused)",
  "map.zoom.hint": "Scroll or pinch to zoom, drag to pan; + and − zoom, arrows pan, 0 resets.",
  "map.zoom.span": "{count} addresses visible",
  "map.zoom.reset": "Whole range",
  "map.zoom.to": "Zoom to {ip}",
  "map.cells.hint": "Arrow keys move between addresses; Enter selects.",
  "twin.caption": "Service IP ranges and the addresses in them",
  "twin.col.servicecidr": "ServiceCIDR",
  "twin.col.ip": "IP",
  "twin.col.state": "state",
  "twin.col.band": "band",
  "twin.col.owner": "owner",
  "twin.finalizers": "finalizers",
  "twin.none": "none",
  "ds.label": "IPv4 and IPv6 address spaces side by side",
  "ds.empty.IPv4": "No IPv4 Service range.",
  "ds.empty.IPv6": "No IPv6 Service range. Add one to kube-apiserver's --service-cluster-ip-range to make the cluster dual-stack.",
  "ds.flag.title": "kube-apiserver flag",
  "ds.flag.match": "The kubernetes ServiceCIDR matches this flag.",
  "ds.flag.inconsistent": "The kubernetes ServiceCIDR differs from this flag: the apiserver keeps the old ranges.",
  "ds.flag.missing": "There is no kubernetes ServiceCIDR: kube-apiserver makes it from this flag.",
  "ds.flag.down": "kube-apiserver is not running.",
  "ds.flag.from": "from the flag",
  "ds.flag.differs": "flag says {cidr}",
  "ds.flag.absent": "not in the flag",
  "ds.fence": "{policy} ({actions}) allows {cidrs}",
  "ds.fence.none": "{policy} ({actions}) names no allowed range: it may refuse any new ServiceCIDR",
  "ds.fence.inside": "inside the allowed ranges",
  "ds.fence.outside": "outside the allowed ranges",
  "ds.services": "Services",
  "ds.services.empty": "No Services with a ClusterIP yet.",
  "ds.headless": "headless",
  "ds.noip": "no {family} IP",
  "ds.linked": "linked to {ip}",
  "ds.policy.none": "no ipFamilyPolicy",
  "ds.ips": "Service IPs: {count}",
  "pc.label": "Pod CIDRs per node",
  "pc.title": "Pod network {cidr}",
  "pc.mask": "one /{mask} per node",
  "pc.used": "{assigned} of {count} node ranges used",
  "pc.more": "{count} more free ranges not drawn",
  "pc.free": "free",
  "pc.pods": "{count} pods, at most {max}",
  "pc.pods.nomax": "{count} pods",
  "pc.route": "route",
  "pc.gateway": "cbr0 gateway",
  "pc.waiting": "No podCIDR yet: {nodes}",
  "pc.empty": "No pod network: kube-controller-manager hands out node ranges only with --allocate-node-cidrs=true and --cluster-cidr.",
  "pc.overview": "{cidr} in /{mask} ranges: each square is one node range",
} as const;

export type LabelKey = keyof typeof DEFAULT_LABELS;

/** The host's word for `key`, or the English fallback. */
export function label(labels: Labels, key: LabelKey): string {
  return labels[key] ?? DEFAULT_LABELS[key];
}

/** The host's sentence for `key` with {name} placeholders filled in: word order differs by language. */
export function fill(labels: Labels, key: LabelKey, values: Record<string, string | number>): string {
  return label(labels, key).replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

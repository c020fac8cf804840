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

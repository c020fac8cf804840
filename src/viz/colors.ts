/**
 * Colours for the ServiceCIDR views. Owner hues come from Paul Tol's "muted" scheme, which stays
 * distinguishable under the common colour-vision deficiencies; the dark theme uses lighter tints of
 * the same hues so an owner keeps its colour when the theme flips. Colour never carries meaning
 * alone: kubernetes.default and kube-dns also get a letter, hand-made objects a dashed outline,
 * reserved addresses a stroke, the static band a ruler.
 */
import type { Role } from "./servicecidr-model-types.ts";

export type Theme = "light" | "dark";

export interface Palette {
  /** Fallbacks for the host page's --text, --muted, --border, --warn, --warn-soft and --focus. */
  text: string;
  muted: string;
  border: string;
  warn: string;
  warnSoft: string;
  focus: string;
  free: string;
  freeStatic: string;
  reserved: string;
  reservedMark: string;
  staticBand: string;
  dynamicBand: string;
  kubernetes: string;
  kubeDns: string;
  handMade: string;
  blocking: string;
  highlight: string;
  nested: string;
  density: string;
  /** Service owners, picked by a hash of `namespace/name`. */
  owners: readonly string[];
}

const LIGHT: Palette = {
  text: "#22262b",
  muted: "#5f6670",
  border: "#dedbd2",
  warn: "#9a5b00",
  warnSoft: "#fbeed7",
  focus: "#2457c5",
  free: "#ecebe6",
  freeStatic: "#dde5ea",
  reserved: "#c9c6bd",
  reservedMark: "#6f6a60",
  staticBand: "#4b7a99",
  dynamicBand: "#8b958b",
  kubernetes: "#0077bb",
  kubeDns: "#ee7733",
  handMade: "#8a8f96",
  blocking: "#a3322b",
  highlight: "#2457c5",
  nested: "#0f6e66",
  density: "#3f4a56",
  owners: ["#cc6677", "#332288", "#ddcc77", "#117733", "#882255", "#44aa99", "#999933", "#aa4499"],
};

const DARK: Palette = {
  text: "#e4e5e1",
  muted: "#9aa2ab",
  border: "#2e343b",
  warn: "#e0a84f",
  warnSoft: "#3a2e1a",
  focus: "#7fa7ff",
  free: "#2a3037",
  freeStatic: "#26343f",
  reserved: "#3d434b",
  reservedMark: "#a9b0b8",
  staticBand: "#7fb0d0",
  dynamicBand: "#7d877d",
  kubernetes: "#33bbee",
  kubeDns: "#ff9f5a",
  handMade: "#a3a9b1",
  blocking: "#ef8a80",
  highlight: "#7fa7ff",
  nested: "#5cc2b6",
  density: "#c9d1d9",
  owners: ["#e08a98", "#8c7fe0", "#e6d98f", "#4fb06d", "#c25a86", "#5cc2b0", "#bdbd55", "#c77dbb"],
};

export function palette(theme: Theme): Palette {
  return theme === "dark" ? DARK : LIGHT;
}

/** FNV-1a, 32 bit: tiny, stable across runs and engines, and spreads short names well. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface OwnerLike {
  owner: string;
  role?: Role;
  handMade?: boolean;
}

/** The fill of an allocated address: fixed for the two system Services and hand-made objects, hashed otherwise. */
export function ownerColor(o: OwnerLike, theme: Theme): string {
  const p = palette(theme);
  if (o.role === "kubernetes") return p.kubernetes;
  if (o.role === "kube-dns") return p.kubeDns;
  if (o.handMade) return p.handMade;
  return p.owners[hashString(o.owner) % p.owners.length]!;
}

/** The letter drawn on a cell so the two system Services are told apart without colour. */
export function roleGlyph(role: Role | undefined): string {
  if (role === "kubernetes") return "K";
  if (role === "kube-dns") return "D";
  return "";
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function readableOn(hex: string): "#000000" | "#ffffff" {
  const n = parseInt(hex.slice(1), 16);
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin((n >> 16) & 0xff) + 0.7152 * lin((n >> 8) & 0xff) + 0.0722 * lin(n & 0xff);
  // The luminance where black and white give equal contrast.
  return l > 0.179 ? "#000000" : "#ffffff";
}

/** The palette as CSS custom properties, set on the map's root so its stylesheet can follow the theme. */
export function cssVariables(theme: Theme): Record<string, string> {
  const p = palette(theme);
  return {
    "--scm-text": p.text,
    "--scm-muted": p.muted,
    "--scm-border": p.border,
    "--scm-warn": p.warn,
    "--scm-warn-soft": p.warnSoft,
    "--scm-focus": p.focus,
    "--scm-free": p.free,
    "--scm-free-static": p.freeStatic,
    "--scm-reserved": p.reserved,
    "--scm-reserved-mark": p.reservedMark,
    "--scm-static": p.staticBand,
    "--scm-dynamic": p.dynamicBand,
    "--scm-kubernetes": p.kubernetes,
    "--scm-kube-dns": p.kubeDns,
    "--scm-hand-made": p.handMade,
    "--scm-blocking": p.blocking,
    "--scm-highlight": p.highlight,
    "--scm-nested": p.nested,
    "--scm-density": p.density,
  };
}

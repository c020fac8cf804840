import { describe, it, expect } from "vitest";
import { cssVariables, hashString, ownerColor, palette, readableOn, roleGlyph } from "../../src/viz/colors.ts";

describe("owner colours", () => {
  it("are stable for the same namespace/name", () => {
    const a = ownerColor({ owner: "default/web" }, "light");
    expect(ownerColor({ owner: "default/web" }, "light")).toBe(a);
    expect(hashString("default/web")).toBe(hashString("default/web"));
    // FNV-1a reference value, so a change of hash (and every learner's colours) is noticed.
    expect(hashString("a")).toBe(0xe40c292c);
  });

  it("keep the same hue slot across themes", () => {
    const names = ["default/web", "default/api", "shop/cart", "kube-system/metrics"];
    const slot = (theme: "light" | "dark", n: string) => palette(theme).owners.indexOf(ownerColor({ owner: n }, theme));
    expect(names.map((n) => slot("light", n))).toEqual(names.map((n) => slot("dark", n)));
  });

  it("spread over the palette", () => {
    const used = new Set(Array.from({ length: 64 }, (_, i) => ownerColor({ owner: `default/svc-${i}` }, "light")));
    expect(used.size).toBe(palette("light").owners.length);
  });

  it("mark kubernetes.default, kube-dns and hand-made objects apart from services", () => {
    for (const theme of ["light", "dark"] as const) {
      const p = palette(theme);
      expect(ownerColor({ owner: "default/kubernetes", role: "kubernetes" }, theme)).toBe(p.kubernetes);
      expect(ownerColor({ owner: "kube-system/kube-dns", role: "kube-dns" }, theme)).toBe(p.kubeDns);
      expect(ownerColor({ owner: "hand-made", handMade: true }, theme)).toBe(p.handMade);
      for (const c of [p.kubernetes, p.kubeDns, p.handMade]) expect(p.owners).not.toContain(c);
    }
    expect([roleGlyph("kubernetes"), roleGlyph("kube-dns"), roleGlyph("service")]).toEqual(["K", "D", ""]);
  });

  it("pick readable glyph colours and expose CSS variables", () => {
    expect(readableOn("#ffffff")).toBe("#000000");
    expect(readableOn("#332288")).toBe("#ffffff");
    expect(cssVariables("dark")["--scm-kubernetes"]).toBe(palette("dark").kubernetes);
  });
});

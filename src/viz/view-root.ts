/**
 * The frame every view builds first: a labelled group carrying the theme's colours as CSS variables
 * and the view's own stylesheet, so a view dropped into any page (or an embed) looks the same.
 */
import { cssVariables, type Theme } from "./colors.ts";

export function viewRoot(doc: Document, className: string, ariaLabel: string, theme: Theme, css: string): HTMLDivElement {
  const root = doc.createElement("div");
  root.className = className;
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", ariaLabel);
  for (const [k, v] of Object.entries(cssVariables(theme))) root.style.setProperty(k, v);
  const style = doc.createElement("style");
  style.textContent = css;
  root.append(style);
  return root;
}

/**
 * The lesson part of the page's URL: `#/lessons` (the list), `#/lessons/<id>` and `#/lessons/<id>/<step>`,
 * so a link opens the panel on a lesson and step.
 */
export interface LessonRoute {
  lesson: string | null;
  step: string | null;
}

const ROUTE = /^#\/lessons(?:\/([^/?#]+)(?:\/([^/?#]+))?)?\/?$/;

export function parseRoute(hash: string): LessonRoute | null {
  const m = ROUTE.exec(hash);
  if (!m) return null;
  const part = (s: string | undefined) => {
    if (s === undefined) return null;
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return { lesson: part(m[1]), step: part(m[2]) };
}

export function formatRoute(route: LessonRoute): string {
  if (!route.lesson) return "#/lessons";
  return `#/lessons/${encodeURIComponent(route.lesson)}${route.step ? `/${encodeURIComponent(route.step)}` : ""}`;
}

/** Fills `{name}` placeholders of a dictionary string. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => (k in values ? String(values[k]) : whole));
}

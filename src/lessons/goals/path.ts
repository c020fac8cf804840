/**
 * Field paths in goals: the JSONPath subset kubectl users already write after -o jsonpath, without the
 * braces. `spec.clusterIP`, `spec.ports[0].nodePort`, `spec.ports[*].port`, `metadata.labels["app"]`,
 * `metadata.labels['ipaddress.kubernetes.io/managed-by']`. A leading `.` or `{...}` is accepted too.
 */

export type PathSegment = { kind: "key"; key: string } | { kind: "index"; index: number } | { kind: "all" };

export function parsePath(text: string): PathSegment[] {
  let s = text.trim();
  if (s.startsWith("{") && s.endsWith("}")) s = s.slice(1, -1).trim();
  if (s.startsWith(".")) s = s.slice(1);
  if (s === "") throw new Error("empty path");
  const out: PathSegment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`bad path "${text}": ${why} at column ${i + 1}`);
  };
  while (i < s.length) {
    const c = s[i]!;
    if (c === "[") {
      const close = s.indexOf("]", i);
      if (close < 0) fail("unclosed [");
      const inner = s.slice(i + 1, close).trim();
      if (inner === "*") out.push({ kind: "all" });
      else if (/^\d+$/.test(inner)) out.push({ kind: "index", index: Number(inner) });
      else if (/^(".*"|'.*')$/.test(inner) && inner.length >= 2) out.push({ kind: "key", key: inner.slice(1, -1) });
      else fail(`expected a number, * or a quoted key inside []`);
      i = close + 1;
      if (s[i] === ".") {
        i++;
        if (i >= s.length) fail("path ends with .");
      }
      continue;
    }
    const m = /^(\*|[A-Za-z0-9_$-]+)/.exec(s.slice(i));
    if (!m) fail(`unexpected "${c}"`);
    const key = m![0];
    out.push(key === "*" ? { kind: "all" } : { kind: "key", key });
    i += key.length;
    if (s[i] === ".") {
      i++;
      if (i >= s.length) fail("path ends with .");
    } else if (i < s.length && s[i] !== "[") fail(`unexpected "${s[i]}"`);
  }
  return out;
}

/** Every value the path reaches in `root` ([*] fans out; a missing key or index reaches nothing). */
export function resolvePath(root: unknown, segments: readonly PathSegment[]): unknown[] {
  let current: unknown[] = [root];
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const v of current) {
      if (seg.kind === "key") {
        if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.hasOwn(v, seg.key)) next.push((v as Record<string, unknown>)[seg.key]);
      } else if (seg.kind === "index") {
        if (Array.isArray(v) && seg.index < v.length) next.push(v[seg.index]);
      } else if (Array.isArray(v)) {
        next.push(...v);
      } else if (v !== null && typeof v === "object") {
        next.push(...Object.values(v));
      }
    }
    current = next;
  }
  return current.filter((v) => v !== undefined && v !== null);
}

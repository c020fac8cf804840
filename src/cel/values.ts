/**
 * API objects as CEL sees them. Kubernetes hands CEL unstructured JSON in which whole numbers are
 * int64, so `object.spec.replicas + 1` type-checks as int arithmetic; JavaScript has only doubles,
 * so whole numbers become bigint here (the toolchain spike's "JSON numbers are doubles" gotcha).
 */
export function toCelValue(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toCelValue);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toCelValue(v);
  return out;
}

/** A CEL result as plain JSON (bigint back to number), for variables and audit values shown to people. */
export function fromCelValue(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(fromCelValue);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), fromCelValue(v)]));
  if (value.constructor === Object) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromCelValue(v)]));
  return String(value);
}

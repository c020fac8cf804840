/**
 * The slice of resource.Quantity (k8s.io/apimachinery/pkg/api/resource) describe needs: parse a CPU or
 * memory amount, add amounts, and print the sum the way Quantity.String canonicalizes it (binary
 * suffixes for memory given in Ki/Mi/Gi, milli-cores for CPU).
 */
const BINARY: [string, bigint][] = [["Ei", 1n << 60n], ["Pi", 1n << 50n], ["Ti", 1n << 40n], ["Gi", 1n << 30n], ["Mi", 1n << 20n], ["Ki", 1n << 10n]];
const DECIMAL: [string, bigint][] = [["E", 10n ** 18n], ["P", 10n ** 15n], ["T", 10n ** 12n], ["G", 10n ** 9n], ["M", 10n ** 6n], ["k", 10n ** 3n]];

/** A quantity in thousandths of its unit, with the format family its text used. */
export interface Quantity {
  milli: bigint;
  binary: boolean;
}

export function parseQuantity(text: string | undefined): Quantity {
  const s = (text ?? "").trim();
  if (!s) return { milli: 0n, binary: false };
  if (s.endsWith("m")) return { milli: BigInt(Math.round(Number(s.slice(0, -1)))), binary: false };
  for (const [suffix, mult] of BINARY) if (s.endsWith(suffix)) return { milli: BigInt(Math.round(Number(s.slice(0, -2)) * 1000)) * mult, binary: true };
  for (const [suffix, mult] of DECIMAL) if (s.endsWith(suffix)) return { milli: BigInt(Math.round(Number(s.slice(0, -1)) * 1000)) * mult, binary: false };
  return { milli: BigInt(Math.round(Number(s) * 1000)), binary: false };
}

export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { milli: a.milli + b.milli, binary: a.milli === 0n ? b.binary : a.binary };
}

/** Quantity.String: "0", "850m", "2", "240Mi". */
export function formatQuantity(q: Quantity): string {
  if (q.milli === 0n) return "0";
  if (q.milli % 1000n !== 0n) return `${q.milli}m`;
  const whole = q.milli / 1000n;
  for (const [suffix, mult] of q.binary ? BINARY : DECIMAL) if (whole % mult === 0n) return `${whole / mult}${suffix}`;
  return String(whole);
}

/** int64(float64(part) / float64(total) * 100), as describe prints a share of allocatable. */
export function percent(part: Quantity, total: Quantity): number {
  if (total.milli === 0n) return 0;
  return Math.trunc((Number(part.milli) / Number(total.milli)) * 100);
}

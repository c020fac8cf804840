/**
 * The statistic match's probability, as kube-proxy writes it and as iptables prints it back.
 * kube-proxy writes fmt.Sprintf("%0.10f", 1/n) (computeProbability in pkg/proxy/iptables/proxier.go);
 * libxt_statistic stores lround(p * 2^31) in the kernel and prints value / 2^31 with "%.11f", so
 * 1/3 comes back as 0.33333333349. Learners compare the two, so both are exact here.
 */

const SCALE = 0x80000000; // 2^31, XT_STATISTIC's fixed point

/** computeProbability(n): 1/n with ten decimals, as Go's %0.10f rounds it. */
export function computeProbability(n: number): string {
  return formatFixed(1 / n, 10);
}

/** The fixed-point value the kernel keeps for a probability string (libxt_statistic parse). */
export function kernelProbability(text: string): number {
  return Math.round(Number(text) * SCALE);
}

/** What iptables-save and iptables -L print for a probability kube-proxy wrote. */
export function printedProbability(text: string): string {
  const k = BigInt(kernelProbability(text));
  // %.11f of k / 2^31, exactly: the value has at most 31 binary digits after the point.
  const scaled = k * 10n ** 11n;
  const q = scaled / BigInt(SCALE);
  const r = scaled % BigInt(SCALE);
  const twice = 2n * r;
  // glibc printf rounds the exact binary value half to even.
  const up = twice > BigInt(SCALE) || (twice === BigInt(SCALE) && q % 2n === 1n);
  const digits = (up ? q + 1n : q).toString().padStart(12, "0");
  return `${digits.slice(0, -11)}.${digits.slice(-11)}`;
}

/** The chance a rule with this probability text matches, as the kernel applies it. */
export function matchChance(text: string): number {
  return kernelProbability(text) / SCALE;
}

/**
 * Go's %.Nf for 0 < x <= 1: the decimal closest to the exact binary value, ties to even. toFixed
 * rounds ties up instead, which shows for 1/2048 (0.00048828125 exactly).
 */
function formatFixed(x: number, digits: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const exponent = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exponent !== 0) mantissa |= 1n << 52n;
  // x = mantissa * 2^(exponent - 1075); only x <= 1 reaches here, so the shift is never negative.
  const shift = BigInt(1075 - (exponent === 0 ? 1 : exponent));
  const scaled = mantissa * 10n ** BigInt(digits);
  const denom = 1n << shift;
  const q = scaled / denom;
  const twice = 2n * (scaled % denom);
  const up = twice > denom || (twice === denom && q % 2n === 1n);
  const text = (up ? q + 1n : q).toString().padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

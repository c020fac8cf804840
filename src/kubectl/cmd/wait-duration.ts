/** Go's time.ParseDuration for the --timeout flags of waiting commands ("0s", "90s", "5m", "1m30s"). */
import { KubectlError } from "../errors.ts";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function goDurationMs(text: string): number {
  if (!text || text === "0") return 0;
  let ms = 0;
  let rest = text;
  while (rest) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (!m) throw new KubectlError(`invalid argument "${text}" for "--timeout" flag: time: invalid duration "${text}"`);
    ms += Number(m[1]) * UNITS[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return ms;
}

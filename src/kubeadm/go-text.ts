// Small re-implementations of Go standard-library parsers whose error texts kubeadm passes through.

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const INT_BODY: Record<number, RegExp> = {
  2: /^[01](_?[01])*$/,
  8: /^[0-7](_?[0-7])*$/,
  10: /^[0-9](_?[0-9])*$/,
  16: /^[0-9a-fA-F](_?[0-9a-fA-F])*$/,
};

/** strconv.ParseInt(s, 0, bitSize): base prefixes 0x/0o/0b/0, underscores only with a prefix. */
export function parseGoInt(s: string, bitSize: 32 | 64): Parsed<number> {
  const fail = (why: string): Parsed<number> => ({ ok: false, error: `strconv.ParseInt: parsing ${JSON.stringify(s)}: ${why}` });
  let body = s;
  let negative = false;
  if (body.startsWith("+") || body.startsWith("-")) {
    negative = body[0] === "-";
    body = body.slice(1);
  }
  if (body === "") return fail("invalid syntax");
  let base = 10;
  let prefixed = false;
  if (/^0[xX]/.test(body)) {
    base = 16;
    body = body.slice(2);
    prefixed = true;
  } else if (/^0[oO]/.test(body)) {
    base = 8;
    body = body.slice(2);
    prefixed = true;
  } else if (/^0[bB]/.test(body)) {
    base = 2;
    body = body.slice(2);
    prefixed = true;
  } else if (body.length > 1 && body[0] === "0") {
    base = 8;
    body = body.slice(1);
    prefixed = true;
  }
  const re = INT_BODY[base];
  if (re === undefined || body === "" || !re.test(body) || (!prefixed && body.includes("_"))) {
    return fail("invalid syntax");
  }
  const digits = body.replace(/_/g, "");
  let value = 0n;
  for (const d of digits) value = value * BigInt(base) + BigInt(parseInt(d, base));
  if (negative) value = -value;
  const max = (1n << BigInt(bitSize - 1)) - 1n;
  const min = -(1n << BigInt(bitSize - 1));
  if (value > max || value < min) return fail("value out of range");
  return { ok: true, value: Number(value) };
}

/** strconv.ParseBool. */
export function parseGoBool(s: string): Parsed<boolean> {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return { ok: true, value: true };
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return { ok: true, value: false };
  return { ok: false, error: `strconv.ParseBool: parsing ${JSON.stringify(s)}: invalid syntax` };
}

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  "µs": 1e3,
  "μs": 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** time.ParseDuration, returning nanoseconds (as a float; precision is not a concern here). */
export function parseGoDuration(s: string): Parsed<number> {
  const fail = (why: string): Parsed<number> => ({ ok: false, error: `time: ${why} ${JSON.stringify(s)}` });
  let rest = s;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    sign = rest[0] === "-" ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "0") return { ok: true, value: 0 };
  if (rest === "") return fail("invalid duration");
  let total = 0;
  while (rest !== "") {
    const num = /^([0-9]*)(\.[0-9]*)?/.exec(rest);
    const text = num?.[0] ?? "";
    if (text === "" || text === ".") return fail("invalid duration");
    rest = rest.slice(text.length);
    const unit = /^[^0-9.]+/.exec(rest)?.[0] ?? "";
    if (unit === "") return fail("missing unit in duration");
    const factor = UNIT_NS[unit];
    if (factor === undefined) return { ok: false, error: `time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(s)}` };
    rest = rest.slice(unit.length);
    total += parseFloat(text) * factor;
  }
  return { ok: true, value: sign * total };
}

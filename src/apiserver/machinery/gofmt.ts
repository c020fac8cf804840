/**
 * Go formatting helpers: Kubernetes prints values the way Go's fmt and encoding/json do, and learners
 * compare our text with what a real cluster printed, so the quoting rules matter.
 */

// strconv.IsPrint: categories L, M, N, P, S plus ASCII space; Latin-1 is
// special-cased upstream (U+00A0 and the soft hyphen U+00AD are not printable).
const goPrintable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

function isGoPrint(cp: number): boolean {
  if (cp <= 0xff) {
    if (cp >= 0x20 && cp < 0x7f) return true;
    if (cp >= 0xa1) return cp !== 0xad;
    return false;
  }
  return goPrintable.test(String.fromCodePoint(cp));
}

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, "0");
}

/**
 * strconv.Quote (what `%q` prints), used for BadValue in field errors:
 * `Invalid value: "a\"b"`. A lone surrogate is printed as U+FFFD, which is
 * what a Go string decoded from the same JSON would contain.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp === 0x22 || cp === 0x5c) {
      out += `\\${String.fromCodePoint(cp)}`;
      continue;
    }
    if (isGoPrint(cp)) {
      out += String.fromCodePoint(cp);
      continue;
    }
    switch (cp) {
      case 0x07:
        out += "\\a";
        continue;
      case 0x08:
        out += "\\b";
        continue;
      case 0x0c:
        out += "\\f";
        continue;
      case 0x0a:
        out += "\\n";
        continue;
      case 0x0d:
        out += "\\r";
        continue;
      case 0x09:
        out += "\\t";
        continue;
      case 0x0b:
        out += "\\v";
        continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}


/**
 * encoding/json Marshal of plain data: object keys sorted (Go maps), HTML-sensitive characters escaped
 * as Go does by default (`<` → `\u003c`), no spaces.
 */
export function goJSON(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value)).replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

/** encoding/json MarshalIndent(v, "", "    ") as kubectl -o json prints it. */
export function goJSONIndent(value: unknown, indent = "    "): string {
  const text = JSON.stringify(value, null, indent);
  if (text === undefined) return "null";
  // Go's encoder prints empty containers as {} and [] (JSON.stringify does too) and escapes HTML characters.
  return text.replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeysDeep(v);
    }
    return out;
  }
  return value;
}

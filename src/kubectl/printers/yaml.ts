/**
 * `kubectl ... -o yaml`.
 *
 * k8s.io/cli-runtime/pkg/printers/yaml.go (YAMLPrinter) calls sigs.k8s.io/yaml.Marshal, which is
 * json.Marshal followed by JSONToYAML: the JSON is decoded by go-yaml v2 into map[interface{}]interface{}
 * (so numbers become int / uint64 / float64 the way yaml.v2's resolver reads them) and encoded again with
 * go-yaml v2 (gopkg.in/yaml.v2 v2.4.0 and its forks sigs.k8s.io/yaml/goyaml.v2 and go.yaml.in/yaml/v2,
 * which share encode.go, resolve.go, sorter.go and emitterc.go).
 *
 * Rather than bend a general YAML library into that shape, this is a direct port of the parts of go-yaml v2
 * that plain JSON data can reach:
 *   - encode.go   stringv/floatv/intv: which style a scalar asks for (plain, double-quoted, literal);
 *   - resolve.go  resolve/parseTimestamp: whether a plain string would read back as something else;
 *   - sorter.go   keyList.Less: the "natural" key order (not Go's plain string order);
 *   - emitterc.go the block emitter: indentation, yaml_emitter_analyze_scalar,
 *                 yaml_emitter_select_scalar_style and the plain / single-quoted / double-quoted / literal
 *                 writers with their line folding at best_width 80.
 * Columns are counted in code points, as the emitter counts characters and not bytes.
 */

const BEST_INDENT = 2; // yaml_emitter_emit_stream_start: best_indent defaults to 2
const BEST_WIDTH = 80; // ...and best_width to 80 (kubectl never calls yaml.v2's FutureLineWrap)
const MAX_SIMPLE_KEY_BYTES = 128; // yaml_emitter_check_simple_key

/** Serializes plain JSON data (objects, arrays, strings, numbers, booleans, null) as kubectl -o yaml prints it, ending with a newline. */
export function toKubectlYAML(value: unknown): string {
  const emitter = new Emitter();
  emitter.emitNode(toNode(value), { root: true, sequence: false, mapping: false, simpleKey: false });
  emitter.finishDocument();
  return emitter.output();
}

// ---------------------------------------------------------------------------------------------------------
// Data model: what json.Marshal + yaml.v2's decoder hand to the encoder.

interface ScalarNode {
  kind: "scalar";
  text: string;
  style: RequestedStyle;
}

type Node =
  | ScalarNode
  | { kind: "seq"; items: Node[] }
  | { kind: "map"; entries: Array<[string, Node]> };

/** The style encode.go asks the emitter for; the emitter may still override it. */
type RequestedStyle = "plain" | "double" | "literal";
type ScalarStyle = RequestedStyle | "single";

function toNode(value: unknown): Node {
  // Mirror JSON.stringify (the "convert to JSON first" step): toJSON() is honoured, undefined/functions vanish.
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null || value === undefined || typeof value === "function" || typeof value === "symbol") {
    return { kind: "scalar", text: "null", style: "plain" }; // encode.go nilv
  }
  if (typeof value === "string") return stringNode(value);
  if (typeof value === "boolean") return { kind: "scalar", text: value ? "true" : "false", style: "plain" };
  if (typeof value === "number") return { kind: "scalar", text: formatNumber(value), style: "plain" };
  if (typeof value === "bigint") return { kind: "scalar", text: formatBigInt(value), style: "plain" };
  if (Array.isArray(value)) return { kind: "seq", items: value.map((v) => toNode(v)) };
  const entries: Array<[string, Node]> = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    entries.push([k, toNode(v)]);
  }
  entries.sort((a, b) => (keyLess(a[0], b[0]) ? -1 : keyLess(b[0], a[0]) ? 1 : 0));
  return { kind: "map", entries };
}

/** encode.go stringv: literal if it has a newline, plain if it resolves back to a string, else double-quoted. */
function stringNode(s: string): ScalarNode {
  const text = toWellFormed(s);
  let style: RequestedStyle;
  if (text.includes("\n")) style = "literal";
  else if (!resolvesToNonString(text) && !isBase60Float(text)) style = "plain";
  else style = "double";
  return { kind: "scalar", text, style };
}

/** Go's json.Marshal replaces invalid UTF-16 (lone surrogates) with U+FFFD before yaml ever sees it. */
function toWellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

// ---------------------------------------------------------------------------------------------------------
// Numbers. A JS number is a float64, so follow what Go does with one: encoding/json writes integral values
// below 1e21 without fraction or exponent, using the shortest round-tripping digits padded with zeros (exactly
// what JS's String() does), and yaml.v2's resolver then reads that text as an int if it fits int64 or uint64
// (9223372036854775807 comes out as 9223372036854776000, as in kubectl) and as a float64 otherwise; floats
// are printed with strconv.FormatFloat(f, 'g', -1, 64).

function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    const text = String(n); // "-0" is not possible: String(-0) === "0", as Go's json writes "-0" and yaml reads 0
    if (goParseInt(text) === "ok" || goParseUint(text) === "ok") return text;
  }
  return formatGoFloat(n);
}

function formatBigInt(n: bigint): string {
  if (n >= -(2n ** 63n) && n < 2n ** 64n) return n.toString();
  return formatGoFloat(Number(n));
}

/** strconv.FormatFloat(f, 'g', -1, 64) with encode.go floatv's .inf/.nan spellings. */
function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return ".nan";
  if (f === Infinity) return ".inf";
  if (f === -Infinity) return "-.inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const sign = f < 0 ? "-" : "";
  // toExponential() without an argument gives the shortest round-tripping digits, like Go's shortest mode.
  const [mantissa, expText] = Math.abs(f).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const exp = Number(expText);
  // ftoa.go: in shortest mode %g switches to %e when exp < -4 || exp >= eprec, with eprec = 6.
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const e = Math.abs(exp);
    return `${sign}${digits[0]}${frac}e${exp < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const fracPart = digits.slice(exp + 1);
  return `${sign}${intPart}${fracPart ? `.${fracPart}` : ""}`;
}

// ---------------------------------------------------------------------------------------------------------
// resolve.go: would this string, written plain, be read back as a bool/null/int/float/timestamp?

/** resolveMapList in resolve.go (YAML 1.1 booleans, nulls, special floats, merge key). */
const RESOLVE_MAP: ReadonlySet<string> = new Set([
  "y", "Y", "yes", "Yes", "YES",
  "true", "True", "TRUE",
  "on", "On", "ON",
  "n", "N", "no", "No", "NO",
  "false", "False", "FALSE",
  "off", "Off", "OFF",
  "", "~", "null", "Null", "NULL",
  ".nan", ".NaN", ".NAN",
  ".inf", ".Inf", ".INF",
  "+.inf", "+.Inf", "+.INF",
  "-.inf", "-.Inf", "-.INF",
  "<<",
]);

/** resolveTable: the first byte is the hint; anything else can only be a string. */
function resolveHint(s: string): "N" | "S" | "D" | "M" | "." | null {
  if (s === "") return "N";
  const c = s[0]!;
  if (c === "+" || c === "-") return "S";
  if (c >= "0" && c <= "9") return "D";
  if ("yYnNtTfFoO~".includes(c)) return "M";
  if (c === ".") return ".";
  return null; // note: "<<" is in the map but '<' has no hint, so it stays a plain string
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

function resolvesToNonString(s: string): boolean {
  const hint = resolveHint(s);
  if (hint === null) return false;
  if (RESOLVE_MAP.has(s)) return true;
  switch (hint) {
    case "M":
    case "N":
      return false;
    case ".":
      return goParseFloatOK(s);
    case "S":
    case "D": {
      if (parseTimestamp(s)) return true;
      const plain = s.replaceAll("_", "");
      if (goParseInt(plain) === "ok") return true;
      if (goParseUint(plain) === "ok") return true;
      if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return true;
      // The "0b"/"-0b" retries that follow in resolve.go only differ from ParseInt(plain, 0, 64) on overflow,
      // where they fail too. (sigs.k8s.io/yaml's goyaml.v2 fork adds a big.Int fallback for overflowing
      // unsigned hex/octal/binary; kubectl 1.33's binary does not take it, so neither do we.)
      return false;
    }
  }
}

/**
 * strconv.ParseFloat for strings starting with '.', i.e. `.digits[e[+-]digits]` with Go's digit-separating
 * underscores (underscoreOK); overflow to ±Inf is an error.
 */
function goParseFloatOK(s: string): boolean {
  if (!/^\.[0-9]+(?:_[0-9]+)*(?:[eE][-+]?[0-9]+(?:_[0-9]+)*)?$/.test(s)) return false;
  return Number.isFinite(Number(s.replaceAll("_", "")));
}

type ParseResult = "ok" | "range" | "syntax";

/** strconv.ParseUint(s, 0, 64) (no sign accepted, base prefixes 0b/0o/0x/0, stops at the first overflow). */
function goParseUint(s: string): ParseResult {
  if (s === "") return "syntax";
  let base = 10n;
  let digits = s;
  if (s[0] === "0") {
    const p = s.length >= 3 ? s[1]!.toLowerCase() : "";
    if (p === "b") [base, digits] = [2n, s.slice(2)];
    else if (p === "o") [base, digits] = [8n, s.slice(2)];
    else if (p === "x") [base, digits] = [16n, s.slice(2)];
    else [base, digits] = [8n, s.slice(1)];
  }
  const max = 2n ** 64n - 1n;
  let n = 0n;
  for (const ch of digits) {
    const c = ch.toLowerCase();
    let d: bigint;
    if (c >= "0" && c <= "9") d = BigInt(c.charCodeAt(0) - 48);
    else if (c >= "a" && c <= "z") d = BigInt(c.charCodeAt(0) - 97 + 10);
    else return "syntax";
    if (d >= base) return "syntax";
    n = n * base + d;
    if (n > max) return "range";
  }
  return "ok";
}

/** strconv.ParseInt(s, 0, 64). */
function goParseInt(s: string): ParseResult {
  if (s === "") return "syntax";
  let neg = false;
  let rest = s;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    rest = s.slice(1);
  }
  const u = goParseUint(rest);
  if (u !== "ok") return u;
  const limit = neg ? 2n ** 63n : 2n ** 63n - 1n;
  return bigFromGoUint(rest) > limit ? "range" : "ok";
}

function bigFromGoUint(s: string): bigint {
  if (s[0] === "0" && s.length >= 3 && "box".includes(s[1]!.toLowerCase())) return BigInt(s.toLowerCase());
  if (s[0] === "0" && s.length > 1) return BigInt(`0o${s.slice(1)}`);
  return BigInt(s);
}

/** encode.go isBase60Float: YAML 1.1 sexagesimal numbers ("1:20") are quoted for other parsers' sake. */
function isBase60Float(s: string): boolean {
  if (s === "") return false;
  const c = s[0]!;
  if (!(c === "+" || c === "-" || (c >= "0" && c <= "9")) || !s.includes(":")) return false;
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s);
}

/**
 * resolve.go parseTimestamp: time.Parse with the layouts
 *   "2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"
 * reimplemented with time/format.go's rules (1-2 digit fields, range checks, day-of-month validation,
 * optional fraction with '.' or ',', a layout space matching any run of spaces).
 */
function parseTimestamp(s: string): boolean {
  let i = 0;
  while (i < s.length && s[i]! >= "0" && s[i]! <= "9") i++;
  if (i !== 4 || i === s.length || s[i] !== "-") return false;
  return (
    parseTimeLayout(s, "T", true) || parseTimeLayout(s, "t", true) || parseTimeLayout(s, " ", false) || parseDateOnly(s)
  );
}

interface Cursor {
  s: string;
  pos: number;
}

const isDigitAt = (c: Cursor, off = 0): boolean => {
  const ch = c.s[c.pos + off];
  return ch !== undefined && ch >= "0" && ch <= "9";
};

/** time/format.go getnum(value, false): one or two digits. */
function getnum(c: Cursor): number | null {
  if (!isDigitAt(c)) return null;
  if (!isDigitAt(c, 1)) {
    const v = Number(c.s[c.pos]);
    c.pos += 1;
    return v;
  }
  const v = Number(c.s.slice(c.pos, c.pos + 2));
  c.pos += 2;
  return v;
}

function literal(c: Cursor, lit: string): boolean {
  if (lit === " ") {
    // time/format.go skip(): a space in the layout matches any (possibly empty) run of spaces, but a
    // non-space where the layout has one is an error.
    if (c.pos < c.s.length && c.s[c.pos] !== " ") return false;
    while (c.s[c.pos] === " ") c.pos++;
    return true;
  }
  if (c.s[c.pos] !== lit) return false;
  c.pos++;
  return true;
}

function parseDate(c: Cursor): { year: number; month: number; day: number } | null {
  const year = Number(c.s.slice(0, 4)); // "2006": exactly four digits, checked by parseTimestamp
  c.pos = 4;
  if (!literal(c, "-")) return null;
  const month = getnum(c);
  if (month === null || month < 1 || month > 12) return null;
  if (!literal(c, "-")) return null;
  const day = getnum(c);
  if (day === null) return null;
  return { year, month, day };
}

function dayValid(d: { year: number; month: number; day: number }): boolean {
  const leap = d.year % 4 === 0 && (d.year % 100 !== 0 || d.year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][d.month - 1]!;
  return d.day >= 1 && d.day <= days;
}

function parseDateOnly(s: string): boolean {
  const c: Cursor = { s, pos: 0 };
  const d = parseDate(c);
  return d !== null && c.pos === s.length && dayValid(d);
}

function parseTimeLayout(s: string, sep: string, withZone: boolean): boolean {
  const c: Cursor = { s, pos: 0 };
  const d = parseDate(c);
  if (d === null || !literal(c, sep)) return false;
  const hour = getnum(c);
  if (hour === null || hour >= 24 || !literal(c, ":")) return false;
  const min = getnum(c);
  if (min === null || min >= 60 || !literal(c, ":")) return false;
  const sec = getnum(c);
  if (sec === null || sec >= 60) return false;
  // stdFracSecond9: optional, '.' or ',' followed by at least one digit, any number of digits.
  if ((s[c.pos] === "." || s[c.pos] === ",") && isDigitAt(c, 1)) {
    c.pos += 1;
    while (isDigitAt(c)) c.pos++;
  }
  if (withZone) {
    // stdISO8601ColonTZ: "Z" or ±hh:mm.
    if (s[c.pos] === "Z") c.pos++;
    else {
      const z = s.slice(c.pos, c.pos + 6);
      if (z.length < 6 || z[3] !== ":" || !/^[0-9]{2}$/.test(z.slice(1, 3)) || !/^[0-9]{2}$/.test(z.slice(4, 6))) {
        return false;
      }
      if (Number(z.slice(1, 3)) > 24 || Number(z.slice(4, 6)) > 60) return false;
      if (z[0] !== "+" && z[0] !== "-") return false;
      c.pos += 6;
    }
  }
  return c.pos === s.length && dayValid(d);
}

// ---------------------------------------------------------------------------------------------------------
// sorter.go keyList.Less for string keys: letters sort after non-letters, digit runs compare numerically.

const isLetter = (cp: number): boolean => /\p{L}/u.test(String.fromCodePoint(cp));
const isDigit = (cp: number): boolean => /\p{Nd}/u.test(String.fromCodePoint(cp));

function keyLess(a: string, b: string): boolean {
  const ar = codePoints(a);
  const br = codePoints(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i]!;
    const bc = br[i]!;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ac === 0x30 || bc === 0x30) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== 0x30) {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(ar[ai]! - 0x30));
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(br[bi]! - 0x30));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac < bc;
  }
  return ar.length < br.length;
}

// ---------------------------------------------------------------------------------------------------------
// emitterc.go

const SP = 0x20;
const LF = 0x0a;

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

const isBreak = (c: number | undefined): boolean =>
  c === 0x0d || c === LF || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlank = (c: number | undefined): boolean => c === SP || c === 0x09;
const isBlankz = (c: number | undefined): boolean => isBlank(c) || isBreak(c) || c === 0 || c === undefined;

/** yamlprivateh.go is_printable, restated on code points: no C0/C1 controls but LF, no DEL, no surrogates,
 *  no BOM, no U+FFFE/U+FFFF, and nothing outside the BMP (so emoji end up \U-escaped in double quotes). */
const isPrintable = (c: number): boolean =>
  c === LF || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);

function utf8Length(cps: number[]): number {
  let n = 0;
  for (const c of cps) n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  return n;
}

interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** yaml_emitter_analyze_scalar (the flow_plain_allowed half is dropped: only empty collections are flow). */
function analyzeScalar(v: number[]): ScalarAnalysis {
  if (v.length === 0) {
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;

  if (v.length >= 3 && ((v[0] === 0x2d && v[1] === 0x2d && v[2] === 0x2d) || (v[0] === 0x2e && v[1] === 0x2e && v[2] === 0x2e))) {
    blockIndicators = true; // "---" / "..." would read as document markers
  }
  let precededByWhitespace = true;
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    const followedByWhitespace = i + 1 >= v.length || isBlank(v[i + 1]);
    if (i === 0) {
      switch (String.fromCodePoint(c)) {
        case "#": case ",": case "[": case "]": case "{": case "}": case "&": case "*": case "!":
        case "|": case ">": case "'": case '"': case "%": case "@": case "`":
          blockIndicators = true;
          break;
        case "?": case ":": case "-":
          if (followedByWhitespace) blockIndicators = true;
          break;
      }
    } else if ((c === 0x3a && followedByWhitespace) || (c === 0x23 && precededByWhitespace)) {
      blockIndicators = true; // ": " and " #"
    }
    if (!isPrintable(c)) specialCharacters = true; // the emitter runs with unicode enabled
    if (c === SP) {
      if (i === 0) leadingSpace = true;
      if (i === v.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === v.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }

  const a: ScalarAnalysis = { multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks || blockIndicators) a.blockPlainAllowed = false;
  return a;
}

interface NodeContext {
  root: boolean;
  sequence: boolean;
  mapping: boolean;
  simpleKey: boolean;
}

class Emitter {
  private readonly chunks: string[] = [];
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];

  output(): string {
    return this.chunks.join("");
  }

  /** yaml_emitter_emit_document_end (implicit): break the last line. */
  finishDocument(): void {
    this.writeIndent();
  }

  /** yaml_emitter_emit_node. */
  emitNode(node: Node, ctx: NodeContext): void {
    if (node.kind === "scalar") this.emitScalar(node.text, node.style, analyzeScalar(codePoints(node.text)), ctx);
    else if (node.kind === "seq") {
      // yaml_emitter_emit_sequence_start: empty sequences go flow ("[]").
      if (node.items.length === 0) this.emitEmptyFlow("[", "]");
      else this.emitBlockSequence(node.items, ctx);
    } else if (node.entries.length === 0) this.emitEmptyFlow("{", "}");
    else this.emitBlockMapping(node.entries);
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  /** yaml_emitter_emit_flow_{sequence_item,mapping_key} for a collection with no items. */
  private emitEmptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  /** yaml_emitter_emit_block_sequence_item: a sequence that is a mapping value is not indented ("indentless"). */
  private emitBlockSequence(items: Node[], ctx: NodeContext): void {
    this.increaseIndent(false, ctx.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator("-", true, false, true);
      this.emitNode(item, { root: false, sequence: true, mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  /** yaml_emitter_emit_block_mapping_key / _value, including the "? key" form for keys that are not simple. */
  private emitBlockMapping(entries: Array<[string, Node]>): void {
    this.increaseIndent(false, false);
    for (const [key, value] of entries) {
      this.writeIndent();
      const { text: keyText, style: keyStyle } = stringNode(key);
      const cps = codePoints(keyText);
      const analysis = analyzeScalar(cps);
      const valueCtx: NodeContext = { root: false, sequence: false, mapping: true, simpleKey: false };
      if (!analysis.multiline && utf8Length(cps) <= MAX_SIMPLE_KEY_BYTES) {
        this.emitScalar(keyText, keyStyle, analysis, { root: false, sequence: false, mapping: true, simpleKey: true });
        this.writeIndicator(":", false, false, false);
      } else {
        this.writeIndicator("?", true, false, true);
        this.emitScalar(keyText, keyStyle, analysis, valueCtx);
        this.writeIndent();
        this.writeIndicator(":", true, false, true);
      }
      this.emitNode(value, valueCtx);
    }
    this.popIndent();
  }

  /** yaml_emitter_emit_scalar with yaml_emitter_select_scalar_style. */
  private emitScalar(text: string, requested: RequestedStyle, a: ScalarAnalysis, ctx: NodeContext): void {
    const v = codePoints(text);
    let style: ScalarStyle = requested;
    if (ctx.simpleKey && a.multiline) style = "double";
    if (style === "plain") {
      if (!a.blockPlainAllowed) style = "single";
      if (v.length === 0 && ctx.simpleKey) style = "single";
    }
    if (style === "single" && !a.singleQuotedAllowed) style = "double";
    if (style === "literal" && (!a.blockAllowed || ctx.simpleKey)) style = "double";

    this.increaseIndent(true, false);
    const allowBreaks = !ctx.simpleKey;
    switch (style) {
      case "plain":
        this.writePlain(v, allowBreaks);
        break;
      case "single":
        this.writeSingleQuoted(v, allowBreaks);
        break;
      case "double":
        this.writeDoubleQuoted(v, allowBreaks);
        break;
      case "literal":
        this.writeLiteral(v);
        break;
    }
    this.popIndent();
  }

  // --- output primitives (put, put_break, write, write_break) ---

  private put(s: string): void {
    this.chunks.push(s);
    this.column++;
  }

  private putBreak(): void {
    this.chunks.push("\n");
    this.column = 0;
  }

  private write(c: number): void {
    this.chunks.push(String.fromCodePoint(c));
    this.column++;
  }

  private writeBreak(c: number): void {
    if (c === LF) this.putBreak();
    else {
      this.write(c);
      this.column = 0;
    }
  }

  private writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(" ");
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(" ");
    for (const c of codePoints(indicator)) this.write(c);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  // --- scalar writers ---

  /** yaml_emitter_write_plain_scalar: fold at a single space once the column is past best_width. */
  private writePlain(v: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(" ");
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (c === SP) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && v[i + 1] !== SP) this.writeIndent();
        else this.write(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === LF) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  /** yaml_emitter_write_single_quoted_scalar. */
  private writeSingleQuoted(v: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (c === SP) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < v.length - 1 && v[i + 1] !== SP) {
          this.writeIndent();
        } else this.write(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === LF) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.write(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /** yaml_emitter_write_double_quoted_scalar, with libyaml's escape table. */
  private writeDoubleQuoted(v: number[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    // yamlprivateh.go is_bom(b, i) ignores i and tests b[0:3], so once a string starts with a BOM every
    // character of it is escaped ("\uFEFF\x61\x62"), and none of it is folded.
    const startsWithBOM = v[0] === 0xfeff;
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (!isPrintable(c) || startsWithBOM || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put("\\");
        const short = DOUBLE_QUOTED_ESCAPES.get(c);
        if (short !== undefined) this.put(short);
        else {
          const [letter, width] = c <= 0xff ? ["x", 2] : c <= 0xffff ? ["u", 4] : ["U", 8];
          this.put(letter);
          for (const d of c.toString(16).toUpperCase().padStart(width, "0")) this.put(d);
        }
        spaces = false;
      } else if (c === SP) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < v.length - 1) {
          this.writeIndent();
          if (v[i + 1] === SP) this.put("\\");
        } else this.write(c);
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /** yaml_emitter_write_literal_scalar with yaml_emitter_write_block_scalar_hints. */
  private writeLiteral(v: number[]): void {
    this.writeIndicator("|", true, false, false);
    // An indentation indicator is needed when the text starts with a space or a break.
    if (v[0] === SP || isBreak(v[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    // Chomping: "-" without a final break, "+" if the text ends in more than one break (or is only one).
    let chomp = "";
    const last = v.length - 1;
    if (v.length === 0 || !isBreak(v[last])) chomp = "-";
    else if (last === 0 || isBreak(v[last - 1])) chomp = "+";
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of v) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

const DOUBLE_QUOTED_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x00, "0"],
  [0x07, "a"],
  [0x08, "b"],
  [0x09, "t"],
  [0x0a, "n"],
  [0x0b, "v"],
  [0x0c, "f"],
  [0x0d, "r"],
  [0x1b, "e"],
  [0x22, '"'],
  [0x5c, "\\"],
  [0x85, "N"],
  [0xa0, "_"],
  [0x2028, "L"],
  [0x2029, "P"],
]);

/**
 * Parser for kubectl's JSONPath templates, ported from k8s.io/client-go/util/jsonpath/parser.go (and the node
 * shapes of node.go). kubectl surfaces the parser's error text verbatim ("error parsing jsonpath <tmpl>, <err>"),
 * so every message and every quirk of the hand-written scanner is kept, including the ones that look like bugs.
 */

/** Errors from parsing or executing a template; the message is exactly client-go's (kubectl adds its own prefix). */
export class JSONPathError extends Error {
  override name = "JSONPathError";
}

/** One slice bound of `[start:end:step]` (parser.go ParamsEntry). */
export interface ParamsEntry {
  readonly value: number;
  readonly known: boolean;
  /** The end bound was not written and was computed as start+1, i.e. a plain index `[n]`. */
  readonly derived: boolean;
}

export interface ListNode {
  readonly type: "list";
  readonly nodes: JSONPathNode[];
}

export type JSONPathNode =
  | ListNode
  | { readonly type: "text"; readonly text: string }
  | { readonly type: "field"; readonly name: string }
  | { readonly type: "array"; readonly params: readonly [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { readonly type: "filter"; readonly left: ListNode; readonly right: ListNode; readonly operator: string }
  | { readonly type: "int"; readonly value: number }
  | { readonly type: "float"; readonly value: number }
  | { readonly type: "bool"; readonly value: boolean }
  | { readonly type: "wildcard" }
  | { readonly type: "recursive" }
  | { readonly type: "union"; readonly nodes: readonly ListNode[] }
  | { readonly type: "identifier"; readonly name: string };

const EOF = -1;

// parser.go: dictKeyRex and sliceOperatorRex. JS `\d` is ASCII-only like RE2's.
const DICT_KEY_RE = /^'([^']*)'$/;
const SLICE_OPERATOR_RE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
// parser.go parseFilter: `^([^!<>=]+)([!<>=]+)(.+?)$`. Go's `.` only excludes \n, which cannot occur here.
const FILTER_RE = /^([^!<>=]+)([!<>=]+)([\s\S]+?)$/;

const newList = (): ListNode => ({ type: "list", nodes: [] });

/** Parses a whole template (parser.go Parse). Throws JSONPathError with the upstream message. */
export function parseTemplate(text: string): ListNode {
  return new Parser(text).parse();
}

/**
 * parser.go parseAction: sub-expressions (filter operands, union members, `['a.b']` keys) are parsed by wrapping
 * them in braces and running a whole new parser, so they obey, and fail with, exactly the top-level rules.
 */
function parseAction(text: string): ListNode {
  const root = new Parser(`{${text}}`).parse();
  return root.nodes[0] as ListNode; // the text starts with "{", so the first node is always the action's list
}

class Parser {
  private readonly root = newList();
  private pos = 0;
  private start = 0;
  private width = 0;

  constructor(private readonly input: string) {}

  /**
   * parseText → parseLeftDelim → parseInsideAction → parseRightDelim → parseText… are mutually tail-recursive in
   * Go, one call per token; here they are loops so that long templates cannot exhaust the JS stack.
   */
  parse(): ListNode {
    for (;;) {
      const open = this.input.indexOf("{", this.pos);
      if (open < 0) {
        // Correctly reached EOF: the rest is literal text.
        this.pos = this.input.length;
        if (this.pos > this.start) this.root.nodes.push({ type: "text", text: this.consumeText() });
        return this.root;
      }
      this.pos = open;
      if (this.pos > this.start) this.root.nodes.push({ type: "text", text: this.consumeText() });
      this.pos += 1; // parseLeftDelim
      this.consumeText();
      const cur = newList();
      this.root.nodes.push(cur);
      this.parseInsideAction(cur);
    }
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  /** Next code point, or EOF. Width is in UTF-16 units so backup() can undo it. */
  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  /** The character just before the one next() returned; Go reads p.input[p.pos-2] to spot a backslash escape. */
  private escapedBefore(): boolean {
    return this.input[this.pos - 2] === "\\";
  }

  /** Returns after consuming the closing "}" of the action. */
  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      // Go checks these prefixes (from a map, so in random order; they are mutually exclusive) before reading a rune.
      if (this.input.startsWith("}", this.pos)) {
        this.pos += 1; // parseRightDelim
        this.consumeText();
        return;
      }
      if (this.input.startsWith("[?(", this.pos)) {
        this.parseFilter(cur);
        continue;
      }
      if (this.input.startsWith("..", this.pos)) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new JSONPathError("unclosed action");
      if (r === 0x20 || r === 0x40 /* @ */ || r === 0x24 /* $ */) {
        // Spaces are skipped; @ and $ name the current object, which is what the action starts from anyway.
        this.consumeText();
      } else if (r === 0x5b /* [ */) {
        this.parseArray(cur);
      } else if (r === 0x22 || r === 0x27) {
        this.parseQuote(cur, r);
      } else if (r === 0x2e /* . */) {
        this.parseField(cur);
      } else if (r === 0x2b || r === 0x2d || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else {
        throw new JSONPathError(`unrecognized character in action: ${formatRuneSharpU(r)}`);
      }
    }
  }

  /** Built-in keywords such as "range" and "end"; anything else is only rejected when executed. */
  private parseIdentifier(cur: ListNode): void {
    while (!isTerminator(this.next()));
    this.backup();
    const value = this.consumeText();
    if (value === "true" || value === "false") cur.nodes.push({ type: "bool", value: value === "true" });
    else cur.nodes.push({ type: "identifier", name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last?.type === "recursive") throw new JSONPathError("invalid multiple recursive descent");
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: "recursive" });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const first = this.peek();
    if (first === 0x2b || first === 0x2d) this.next();
    for (;;) {
      const r = this.next();
      if (r !== 0x2e && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    const int = goAtoi(value);
    if (int !== undefined) {
      cur.nodes.push({ type: "int", value: int });
      return;
    }
    const float = goParseFloat(value);
    if (float !== undefined) {
      cur.nodes.push({ type: "float", value: float });
      return;
    }
    throw new JSONPathError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JSONPathError("unterminated array");
      if (r === 0x5d /* ] */) break;
    }
    let text = this.consumeText().slice(1, -1);
    if (text === "*") text = ":";

    // Union: split on every comma (even inside quotes) and parse each member as its own `[...]`.
    const members = text.split(",");
    if (members.length > 1) {
      cur.nodes.push({ type: "union", nodes: members.map((m) => parseAction(`[${trimSpaces(m)}]`)) });
      return;
    }

    // ['key'] is re-parsed as `.key`, so dots inside the quotes still separate fields: ['metadata.name'] is a path.
    const dictKey = DICT_KEY_RE.exec(text);
    if (dictKey) {
      cur.nodes.push(...parseAction(`.${dictKey[1]}`).nodes);
      return;
    }

    const slice = SLICE_OPERATOR_RE.exec(text);
    if (!slice) throw new JSONPathError(`invalid array index ${text}`);
    const params: ParamsEntry[] = [];
    for (let i = 0; i < 3; i++) {
      let part = slice[i + 1] ?? "";
      if (part !== "") {
        if (i > 0) part = part.slice(1); // drop the ':'
        if (i > 0 && part === "") {
          params.push({ value: 0, known: false, derived: false });
        } else {
          const n = goAtoi(part);
          if (n === undefined) throw new JSONPathError(`array index ${part} is not a number`);
          params.push({ value: n, known: true, derived: false });
        }
      } else if (i === 1) {
        // `[n]` is the slice `[n:n+1]`; evalArray fixes up the end when n is negative.
        params.push({ value: params[0]!.value + 1, known: true, derived: true });
      } else {
        params.push({ value: 0, known: false, derived: false });
      }
    }
    cur.nodes.push({ type: "array", params: [params[0]!, params[1]!, params[2]!] });
  }

  /** `[?(left op right)]` or `[?(path)]`; the scan only tracks one pair of quotes so ')' inside them is allowed. */
  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JSONPathError("unterminated filter");
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (!this.escapedBefore() && r === pair) end = true;
      } else if (r === 0x29 /* ) */ && begin === end) {
        break;
      }
    }
    if (this.next() !== 0x5d) throw new JSONPathError("unclosed array expect ]");
    const text = this.consumeText().slice(0, -2);
    const m = FILTER_RE.exec(text);
    if (!m) {
      cur.nodes.push({ type: "filter", left: parseAction(text), right: newList(), operator: "exists" });
    } else {
      const left = parseAction(m[1]!);
      const right = parseAction(m[3]!);
      cur.nodes.push({ type: "filter", left, right, operator: m[2]! });
    }
  }

  private parseQuote(cur: ListNode, quote: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JSONPathError("unterminated quoted string");
      // A quote preceded by a backslash does not close the string (even when that backslash was itself escaped).
      if (r === quote && !this.escapedBefore()) break;
    }
    const value = this.consumeText();
    const s = unquoteExtend(value);
    if (s === undefined) throw new JSONPathError(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ type: "text", text: s });
  }

  private parseField(cur: ListNode): void {
    this.consumeText(); // drop the '.'
    while (this.advance());
    const value = this.consumeText();
    if (value === "*") cur.nodes.push({ type: "wildcard" });
    // Every backslash is removed, so `\.` becomes a literal dot in the key (and `\\` disappears entirely).
    else cur.nodes.push({ type: "field", name: value.replaceAll("\\", "") });
  }

  /** Scans until the next non-escaped terminator. */
  private advance(): boolean {
    const r = this.next();
    if (r === 0x5c /* \ */) {
      this.next();
    } else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

function isTerminator(r: number): boolean {
  switch (r) {
    case EOF:
    case 0x20: // space
    case 0x09: // \t
    case 0x0d: // \r
    case 0x0a: // \n
    case 0x2e: // .
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x24: // $
    case 0x40: // @
    case 0x7b: // {
    case 0x7d: // }
      return true;
  }
  return false;
}

const isEndOfLine = (r: number): boolean => r === 0x0d || r === 0x0a;
// unicode.IsDigit / unicode.IsLetter accept any Unicode decimal digit / letter, not just ASCII.
const isDigit = (r: number): boolean => r >= 0 && /\p{Nd}/u.test(String.fromCodePoint(r));
const isAlphaNumeric = (r: number): boolean => r === 0x5f || (r >= 0 && /[\p{L}\p{Nd}]/u.test(String.fromCodePoint(r)));
const trimSpaces = (s: string): string => s.replace(/^ +| +$/g, ""); // strings.Trim(s, " "): spaces only

/** fmt's %#U: `U+002A '*'`, with the quoted character only when strconv.IsPrint accepts it. */
function formatRuneSharpU(r: number): string {
  const hex = `U+${r.toString(16).toUpperCase().padStart(4, "0")}`;
  const ch = String.fromCodePoint(r);
  return r === 0x20 || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch) ? `${hex} '${ch}'` : hex;
}

/** strconv.Atoi: optional sign, ASCII digits, must fit in a 64-bit int. */
function goAtoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n < -(2n ** 63n) || n >= 2n ** 63n) return undefined;
  return Number(n);
}

/** strconv.ParseFloat for what parseNumber can collect (sign, digits, dots); overflow to ±Inf is an error in Go. */
function goParseFloat(s: string): number | undefined {
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(s)) return undefined;
  const f = Number(s);
  return Number.isFinite(f) ? f : undefined;
}

/**
 * parser.go UnquoteExtend: strconv.Unquote that also accepts single quotes, built on strconv.UnquoteChar.
 * Go strings are bytes, so `\xff` or `\377` can produce bytes that are not UTF-8; we collect bytes and decode
 * them leniently at the end, which is what a terminal shows for the raw bytes kubectl writes.
 * Returns undefined where Go returns ErrSyntax.
 */
function unquoteExtend(s: string): string | undefined {
  if (s.length < 2) return undefined;
  const quote = s[0]!;
  if (quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) return undefined;
  const body = s.slice(1, -1);
  if (!body.includes("\\") && !body.includes(quote)) return body;

  const bytes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === quote) return undefined; // an unescaped quote of the same kind
    if (c !== "\\") {
      const cp = body.codePointAt(i)!;
      pushUTF8(bytes, cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    if (i + 1 >= body.length) return undefined;
    const e = body[i + 1]!;
    i += 2;
    switch (e) {
      case "a": bytes.push(0x07); break;
      case "b": bytes.push(0x08); break;
      case "f": bytes.push(0x0c); break;
      case "n": bytes.push(0x0a); break;
      case "r": bytes.push(0x0d); break;
      case "t": bytes.push(0x09); break;
      case "v": bytes.push(0x0b); break;
      case "\\": bytes.push(0x5c); break;
      case "'":
      case '"':
        if (e !== quote) return undefined; // \" inside '...' (or \' inside "...") is a syntax error in Go
        bytes.push(e.charCodeAt(0));
        break;
      case "x":
      case "u":
      case "U": {
        const n = e === "x" ? 2 : e === "u" ? 4 : 8;
        const hex = body.slice(i, i + n);
        if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
        i += n;
        const v = parseInt(hex, 16);
        if (e === "x") bytes.push(v); // a single raw byte, possibly not UTF-8
        else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined; // !utf8.ValidRune
        else pushUTF8(bytes, v);
        break;
      }
      case "0": case "1": case "2": case "3": case "4": case "5": case "6": case "7": {
        const oct = e + body.slice(i, i + 2);
        if (!/^[0-7]{3}$/.test(oct)) return undefined;
        i += 2;
        const v = parseInt(oct, 8);
        if (v > 255) return undefined;
        bytes.push(v);
        break;
      }
      default:
        return undefined;
    }
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

function pushUTF8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

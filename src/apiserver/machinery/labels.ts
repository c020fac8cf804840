// Label selectors, ported from Kubernetes v1.34:
//
//   staging/src/k8s.io/apimachinery/pkg/labels/selector.go   (lexer, parser,
//       Requirement, NewRequirement, String, Matches)
//   staging/src/k8s.io/apimachinery/pkg/labels/labels.go     (Set.String,
//       FormatLabels)
//   staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go
//       (LabelSelectorAsSelector)
//   staging/src/k8s.io/apimachinery/pkg/util/validation/field/{errors,path}.go
//       (how the nested errors are rendered)
//
// The parser is a token-for-token port rather than a regex-based rewrite,
// because the error text ("found ',', expected: identifier after ','") and
// the exact set of accepted inputs (`x in (,a)`, `notin=in`, "!x" vs "! x")
// fall out of upstream's lexer/parser structure and are visible to users of
// `kubectl get -l` and the `labelSelector` query parameter.

import { goQuote } from "./gofmt.ts";
export { goQuote };
import { isQualifiedName, isValidLabelValue } from "./names.ts";

/** selection.Operator values, spelled as upstream spells them. */
export type Operator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

export type Requirement = { key: string; operator: Operator; values: string[] };

/** Errors from parsing or constructing a selector; message is upstream's. */
export class SelectorParseError extends Error {
  override readonly name = "SelectorParseError";
}

// selector.go: binaryOperators / unaryOperators / validRequirementOperators.
// Their order matters: it is printed in "expected: in, notin, =, ..." and in
// the NotSupported detail.
const binaryOperators: readonly string[] = ["in", "notin", "=", "==", "!=", "gt", "lt"];
const unaryOperators: readonly string[] = ["exists", "!"];
const validRequirementOperators: readonly string[] = [...binaryOperators, ...unaryOperators];

// ---------------------------------------------------------------------------
// field.Error rendering (util/validation/field/errors.go)
// ---------------------------------------------------------------------------

// The only BadValue shapes NewRequirement produces: a string (a key or a
// single value) or a []string (the whole values slice; Go's nil slice renders
// differently from an empty one under %#v).
type BadValue = { kind: "string"; value: string } | { kind: "strings"; value: readonly string[] | null };

type FieldError = {
  field: string;
  type: "Invalid value" | "Unsupported value";
  bad: BadValue;
  detail: string;
};

function renderBadValue(bad: BadValue): string {
  if (bad.kind === "string") return goQuote(bad.value); // %q
  // %#v of a []string: `[]string(nil)`, `[]string{}`, `[]string{"a", "b"}`.
  if (bad.value === null) return "[]string(nil)";
  return `[]string{${bad.value.map(goQuote).join(", ")}}`;
}

// field.Error.Error(): "<field>: <type>: <value>[: <detail>]".
function renderFieldError(e: FieldError): string {
  let s = `${e.field}: ${e.type}: ${renderBadValue(e.bad)}`;
  if (e.detail.length > 0) s += `: ${e.detail}`;
  return s;
}

// ErrorList.ToAggregate().Error(): duplicates dropped, a single error printed
// bare, several wrapped in "[a, b]".
function aggregateMessage(errs: readonly FieldError[]): string | null {
  const msgs: string[] = [];
  for (const e of errs) {
    const m = renderFieldError(e);
    if (!msgs.includes(m)) msgs.push(m);
  }
  if (msgs.length === 0) return null;
  if (msgs.length === 1) return msgs[0] ?? null;
  return `[${msgs.join(", ")}]`;
}

// ---------------------------------------------------------------------------
// Requirement construction and validation (selector.go NewRequirement)
// ---------------------------------------------------------------------------

// strconv.ParseInt(s, 10, 64): optional sign, decimal digits only (no
// underscores in base 10), within int64.
const int64Pattern = /^[+-]?[0-9]+$/;
const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

function parseInt64(s: string): bigint | null {
  if (!int64Pattern.test(s)) return null;
  const v = BigInt(s);
  return v < int64Min || v > int64Max ? null : v;
}

// selector.go validateLabelKey. `field` is the rendered field path: "key" from
// NewRequirement, "<nil>" from the parser (a nil *field.Path prints "<nil>").
function validateLabelKey(key: string, field: string): FieldError | null {
  const errs = isQualifiedName(key);
  if (errs.length === 0) return null;
  return { field, type: "Invalid value", bad: { kind: "string", value: key }, detail: errs.join("; ") };
}

// selector.go validateLabelValue: path is values[i] subscripted by the key.
function validateLabelValue(key: string, value: string, index: number): FieldError | null {
  const errs = isValidLabelValue(value);
  if (errs.length === 0) return null;
  return {
    field: `values[${index}][${key}]`,
    type: "Invalid value",
    bad: { kind: "string", value },
    detail: errs.join("; "),
  };
}

/**
 * selector.go NewRequirement with a nil path. `vals === null` models a Go nil
 * slice, which only matters for how an error renders it. Returns the
 * aggregated error text, or null when the requirement is valid.
 */
function newRequirementError(key: string, op: string, vals: readonly string[] | null): string | null {
  const allErrs: FieldError[] = [];
  const keyErr = validateLabelKey(key, "key");
  if (keyErr !== null) allErrs.push(keyErr);

  const values = vals ?? [];
  const bad: BadValue = { kind: "strings", value: vals };
  switch (op) {
    case "in":
    case "notin":
      if (values.length === 0) {
        allErrs.push({ field: "values", type: "Invalid value", bad, detail: "for 'in', 'notin' operators, values set can't be empty" });
      }
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) {
        allErrs.push({ field: "values", type: "Invalid value", bad, detail: "exact-match compatibility requires one single value" });
      }
      break;
    case "exists":
    case "!":
      if (values.length !== 0) {
        allErrs.push({ field: "values", type: "Invalid value", bad, detail: "values set must be empty for exists and does not exist" });
      }
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) {
        allErrs.push({ field: "values", type: "Invalid value", bad, detail: "for 'Gt', 'Lt' operators, exactly one value is required" });
      }
      values.forEach((v, i) => {
        if (parseInt64(v) === null) {
          allErrs.push({
            field: `values[${i}]`,
            type: "Invalid value",
            bad: { kind: "string", value: v },
            detail: "for 'Gt', 'Lt' operators, the value must be an integer",
          });
        }
      });
      break;
    default:
      // field.NotSupported(path.Child("operator"), op, validRequirementOperators)
      allErrs.push({
        field: "operator",
        type: "Unsupported value",
        bad: { kind: "string", value: op },
        detail: `supported values: ${validRequirementOperators.map((o) => goQuote(o)).join(", ")}`,
      });
  }

  values.forEach((v, i) => {
    const e = validateLabelValue(key, v, i);
    if (e !== null) allErrs.push(e);
  });
  return aggregateMessage(allErrs);
}

function freezeRequirement(key: string, operator: Operator, values: readonly string[]): Requirement {
  return Object.freeze({ key, operator, values: Object.freeze([...values]) as string[] });
}

/**
 * selector.go NewRequirement: validates key, operator arity, integer values
 * for gt/lt, and every value as a label value. Throws SelectorParseError with
 * upstream's aggregated field-error text (e.g.
 * `values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`).
 */
export function newRequirement(key: string, operator: Operator, values: readonly string[]): Requirement {
  const err = newRequirementError(key, operator, values);
  if (err !== null) throw new SelectorParseError(err);
  return freezeRequirement(key, operator, values);
}

// selector.go (*Requirement).Matches.
function requirementMatches(r: Requirement, labels: Readonly<Record<string, string>> | undefined): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const val = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case "in":
    case "=":
    case "==":
      return val !== undefined && r.values.includes(val);
    case "notin":
    case "!=":
      return val === undefined || !r.values.includes(val);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      if (val === undefined) return false;
      const lsValue = parseInt64(val);
      if (lsValue === null) return false;
      // Upstream logs and refuses to match rather than erroring here.
      if (r.values.length !== 1) return false;
      const rValue = parseInt64(r.values[0] ?? "");
      if (rValue === null) return false;
      return r.operator === "gt" ? lsValue > rValue : lsValue < rValue;
    }
    default:
      return false;
  }
}

// selector.go safeSort: sort.Strings without mutating the caller's slice.
function safeSort(values: readonly string[]): readonly string[] {
  for (let i = 1; i < values.length; i++) {
    if (goStringCompare(values[i] ?? "", values[i - 1] ?? "") < 0) {
      return [...values].sort(goStringCompare);
    }
  }
  return values;
}

// selector.go (*Requirement).String.
function requirementString(r: Requirement): string {
  let s = r.operator === "!" ? `!${r.key}` : r.key;
  switch (r.operator) {
    case "=":
      s += "=";
      break;
    case "==":
      s += "==";
      break;
    case "!=":
      s += "!=";
      break;
    case "in":
      s += " in ";
      break;
    case "notin":
      s += " notin ";
      break;
    case "gt":
      s += ">";
      break;
    case "lt":
      s += "<";
      break;
    case "exists":
    case "!":
      return s;
  }
  const setBased = r.operator === "in" || r.operator === "notin";
  if (setBased) s += "(";
  // Values are printed sorted (without touching the stored order) so the
  // output is canonical whatever order NewRequirement received them in.
  s += r.values.length === 1 ? (r.values[0] ?? "") : safeSort(r.values).join(",");
  if (setBased) s += ")";
  return s;
}

// sort.Sort(ByKey(reqs)). Go's sort.Sort is an unstable pdqsort, so the
// relative order of requirements sharing a key (visible in String()) is
// whatever that algorithm produces; goSortInterface reproduces it.
function sortByKey(reqs: Requirement[]): Requirement[] {
  goSortInterface(reqs, (a, b) => goStringCompare(a.key, b.key) < 0);
  return reqs;
}

// ---------------------------------------------------------------------------
// Lexer (selector.go Lexer)
// ---------------------------------------------------------------------------

const Tok = {
  Error: 0,
  EndOfString: 1,
  ClosedPar: 2,
  Comma: 3,
  DoesNotExist: 4,
  DoubleEquals: 5,
  Equals: 6,
  GreaterThan: 7,
  Identifier: 8,
  In: 9,
  LessThan: 10,
  NotEquals: 11,
  NotIn: 12,
  OpenPar: 13,
} as const;
type Token = (typeof Tok)[keyof typeof Tok];

const string2token: ReadonlyMap<string, Token> = new Map<string, Token>([
  [")", Tok.ClosedPar],
  [",", Tok.Comma],
  ["!", Tok.DoesNotExist],
  ["==", Tok.DoubleEquals],
  ["=", Tok.Equals],
  [">", Tok.GreaterThan],
  ["in", Tok.In],
  ["<", Tok.LessThan],
  ["!=", Tok.NotEquals],
  ["notin", Tok.NotIn],
  ["(", Tok.OpenPar],
]);

type ScannedItem = { tok: Token; literal: string };

// Only these four count as whitespace; other Unicode spaces are identifier
// characters (and then fail key/value validation).
function isWhitespace(ch: number): boolean {
  return ch === 0x20 || ch === 0x09 || ch === 0x0d || ch === 0x0a;
}

function isSpecialSymbol(ch: number): boolean {
  switch (ch) {
    case 0x3d: // =
    case 0x21: // !
    case 0x28: // (
    case 0x29: // )
    case 0x2c: // ,
    case 0x3e: // >
    case 0x3c: // <
      return true;
    default:
      return false;
  }
}

// Upstream lexes bytes; lexing UTF-16 code units is equivalent because every
// byte that matters (specials, whitespace, NUL) is ASCII and multi-byte
// characters never contain ASCII bytes. read() returning 0 doubles as "end of
// input", so an embedded NUL ends the token (and, at token start, the whole
// input), exactly as in Go.
class Lexer {
  private pos = 0;
  private readonly s: string;

  constructor(s: string) {
    this.s = s;
  }

  private read(): number {
    if (this.pos < this.s.length) return this.s.charCodeAt(this.pos++);
    return 0;
  }

  private unread(): void {
    this.pos--;
  }

  private scanIDOrKeyword(): ScannedItem {
    let buffer = "";
    for (;;) {
      const ch = this.read();
      if (ch === 0) break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      buffer += String.fromCharCode(ch);
    }
    const tok = string2token.get(buffer);
    return tok !== undefined ? { tok, literal: buffer } : { tok: Tok.Identifier, literal: buffer };
  }

  // Longest match among the operator tokens: "!=" beats "!", "==" beats "=".
  private scanSpecialSymbol(): ScannedItem {
    let last: ScannedItem = { tok: Tok.Error, literal: "" };
    let buffer = "";
    for (;;) {
      const ch = this.read();
      if (ch === 0) break;
      if (isSpecialSymbol(ch)) {
        buffer += String.fromCharCode(ch);
        const tok = string2token.get(buffer);
        if (tok !== undefined) {
          last = { tok, literal: buffer };
        } else if (last.tok !== Tok.Error) {
          this.unread();
          break;
        }
      } else {
        this.unread();
        break;
      }
    }
    if (last.tok === Tok.Error) {
      return { tok: Tok.Error, literal: `error expected: keyword found '${buffer}'` };
    }
    return last;
  }

  private skipWhiteSpaces(ch: number): number {
    while (isWhitespace(ch)) ch = this.read();
    return ch;
  }

  lex(): ScannedItem {
    const ch = this.skipWhiteSpaces(this.read());
    if (ch === 0) return { tok: Tok.EndOfString, literal: "" };
    this.unread();
    return isSpecialSymbol(ch) ? this.scanSpecialSymbol() : this.scanIDOrKeyword();
  }
}

// ---------------------------------------------------------------------------
// Parser (selector.go Parser)
// ---------------------------------------------------------------------------

// ParserContext: in Values context the keywords "in"/"notin" are plain
// identifiers, which is why `notin=in` and `a in (in,notin)` parse.
const ParserCtx = { KeyAndOperator: 0, Values: 1 } as const;
type ParserContext = (typeof ParserCtx)[keyof typeof ParserCtx];

// Carries a parseRequirement failure up to parse(), which prefixes it.
class RequirementFailure {
  readonly message: string;

  constructor(message: string) {
    this.message = message;
  }
}

class Parser {
  private readonly items: ScannedItem[] = [];
  private position = 0;

  constructor(text: string) {
    const l = new Lexer(text);
    for (;;) {
      const item = l.lex();
      this.items.push(item);
      if (item.tok === Tok.EndOfString) break;
    }
  }

  private at(i: number, ctx: ParserContext): ScannedItem {
    const item = this.items[i] ?? { tok: Tok.EndOfString, literal: "" };
    if (ctx === ParserCtx.Values && (item.tok === Tok.In || item.tok === Tok.NotIn)) {
      return { tok: Tok.Identifier, literal: item.literal };
    }
    return item;
  }

  private lookahead(ctx: ParserContext): ScannedItem {
    return this.at(this.position, ctx);
  }

  private consume(ctx: ParserContext): ScannedItem {
    this.position++;
    return this.at(this.position - 1, ctx);
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { tok, literal } = this.lookahead(ParserCtx.Values);
      switch (tok) {
        case Tok.Identifier:
        case Tok.DoesNotExist: {
          const r = this.parseRequirement();
          if (r instanceof RequirementFailure) {
            throw new SelectorParseError(`unable to parse requirement: ${r.message}`);
          }
          requirements.push(r);
          const next = this.consume(ParserCtx.Values);
          switch (next.tok) {
            case Tok.EndOfString:
              return requirements;
            case Tok.Comma: {
              const after = this.lookahead(ParserCtx.Values);
              if (after.tok !== Tok.Identifier && after.tok !== Tok.DoesNotExist) {
                throw new SelectorParseError(`found '${after.literal}', expected: identifier after ','`);
              }
              break;
            }
            default:
              throw new SelectorParseError(`found '${next.literal}', expected: ',' or 'end of string'`);
          }
          break;
        }
        case Tok.EndOfString:
          return requirements;
        default:
          throw new SelectorParseError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement | RequirementFailure {
    const keyOp = this.parseKeyAndInferOperator();
    if (keyOp instanceof RequirementFailure) return keyOp;
    const { key } = keyOp;
    if (keyOp.operator === "exists" || keyOp.operator === "!") {
      return checkedRequirement(key, keyOp.operator, []);
    }
    const operator = this.parseOperator();
    if (operator instanceof RequirementFailure) return operator;
    const values = operator === "in" || operator === "notin" ? this.parseValues() : this.parseExactValue();
    if (values instanceof RequirementFailure) return values;
    // sets.String.List(): de-duplicated and sorted.
    return checkedRequirement(key, operator, [...values].sort(goStringCompare));
  }

  // Infers "exists" when the key is followed by ',' or the end, and "!" when
  // prefixed by '!'. Any other follower leaves the operator to parseOperator.
  private parseKeyAndInferOperator(): { key: string; operator: Operator | null } | RequirementFailure {
    let operator: Operator | null = null;
    let item = this.consume(ParserCtx.Values);
    if (item.tok === Tok.DoesNotExist) {
      operator = "!";
      item = this.consume(ParserCtx.Values);
    }
    if (item.tok !== Tok.Identifier) {
      return new RequirementFailure(`found '${item.literal}', expected: identifier`);
    }
    const keyErr = validateLabelKey(item.literal, "<nil>");
    if (keyErr !== null) return new RequirementFailure(renderFieldError(keyErr));
    const t = this.lookahead(ParserCtx.Values).tok;
    if ((t === Tok.EndOfString || t === Tok.Comma) && operator !== "!") {
      operator = "exists";
    }
    return { key: item.literal, operator };
  }

  private parseOperator(): Operator | RequirementFailure {
    const { tok, literal } = this.consume(ParserCtx.KeyAndOperator);
    switch (tok) {
      // DoesNotExist is deliberately absent: it is unary.
      case Tok.In:
        return "in";
      case Tok.Equals:
        return "=";
      case Tok.DoubleEquals:
        return "==";
      case Tok.GreaterThan:
        return "gt";
      case Tok.LessThan:
        return "lt";
      case Tok.NotIn:
        return "notin";
      case Tok.NotEquals:
        return "!=";
      default:
        return new RequirementFailure(`found '${literal}', expected: ${binaryOperators.join(", ")}`);
    }
  }

  // "(" values ")"; "()" means the single empty value.
  private parseValues(): Set<string> | RequirementFailure {
    const open = this.consume(ParserCtx.Values);
    if (open.tok !== Tok.OpenPar) {
      // Upstream omits the comma before "expected" here.
      return new RequirementFailure(`found '${open.literal}' expected: '('`);
    }
    const { tok, literal } = this.lookahead(ParserCtx.Values);
    switch (tok) {
      case Tok.Identifier:
      case Tok.Comma: {
        const s = this.parseIdentifiersList();
        if (s instanceof RequirementFailure) return s;
        if (this.consume(ParserCtx.Values).tok !== Tok.ClosedPar) {
          // Unreachable in practice (the list only returns at ')'); upstream
          // would report the first value's literal here.
          return new RequirementFailure(`found '${literal}', expected: ')'`);
        }
        return s;
      }
      case Tok.ClosedPar:
        this.consume(ParserCtx.Values);
        return new Set([""]);
      default:
        return new RequirementFailure(`found '${literal}', expected: ',', ')' or identifier`);
    }
  }

  // Comma-separated, possibly empty identifiers: "(,a)", "(a,)" and "(a,,b)"
  // all contribute the empty value.
  private parseIdentifiersList(): Set<string> | RequirementFailure {
    const s = new Set<string>();
    for (;;) {
      const { tok, literal } = this.consume(ParserCtx.Values);
      switch (tok) {
        case Tok.Identifier: {
          s.add(literal);
          const next = this.lookahead(ParserCtx.Values);
          switch (next.tok) {
            case Tok.Comma:
              continue;
            case Tok.ClosedPar:
              return s;
            default:
              return new RequirementFailure(`found '${next.literal}', expected: ',' or ')'`);
          }
        }
        case Tok.Comma: {
          if (s.size === 0) s.add("");
          const next = this.lookahead(ParserCtx.Values).tok;
          if (next === Tok.ClosedPar) {
            s.add("");
            return s;
          }
          if (next === Tok.Comma) s.add("");
          break;
        }
        default:
          return new RequirementFailure(`found '${literal}', expected: ',', or identifier`);
      }
    }
  }

  // The value after =, ==, !=, >, <; absent means the empty string.
  private parseExactValue(): Set<string> | RequirementFailure {
    const ahead = this.lookahead(ParserCtx.Values).tok;
    if (ahead === Tok.EndOfString || ahead === Tok.Comma) return new Set([""]);
    const { tok, literal } = this.consume(ParserCtx.Values);
    if (tok === Tok.Identifier) return new Set([literal]);
    return new RequirementFailure(`found '${literal}', expected: identifier`);
  }
}

function checkedRequirement(key: string, operator: Operator, values: readonly string[]): Requirement | RequirementFailure {
  const err = newRequirementError(key, operator, values);
  if (err !== null) return new RequirementFailure(err);
  return freezeRequirement(key, operator, values);
}

// ---------------------------------------------------------------------------
// Selector
// ---------------------------------------------------------------------------

type MetaLabelSelector = {
  matchLabels?: Record<string, string> | null;
  matchExpressions?:
    | { key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] | null }[]
    | null;
};

const labelSelectorOps: ReadonlyMap<string, Operator> = new Map<string, Operator>([
  ["In", "in"],
  ["NotIn", "notin"],
  ["Exists", "exists"],
  ["DoesNotExist", "!"],
]);

/**
 * A parsed label selector: the AND of its requirements, sorted by key as
 * upstream sorts them. Immutable.
 */
export class LabelSelector {
  readonly requirements: readonly Requirement[];
  // labels.Nothing(): matches nothing, yet is not Empty() and prints "".
  readonly #nothing: boolean;

  private constructor(requirements: readonly Requirement[], nothing: boolean) {
    this.requirements = Object.freeze([...requirements]);
    this.#nothing = nothing;
  }

  /**
   * labels.Parse. Throws SelectorParseError carrying upstream's message, e.g.
   * `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ...`
   * or `found ',', expected: identifier after ','`. "" selects everything.
   */
  static parse(text: string): LabelSelector {
    const reqs = new Parser(text).parse();
    return new LabelSelector(sortByKey(reqs), false);
  }

  /** labels.Everything(). */
  static everything(): LabelSelector {
    return new LabelSelector([], false);
  }

  /** labels.Nothing(): what a nil metav1.LabelSelector converts to. */
  static nothing(): LabelSelector {
    return new LabelSelector([], true);
  }

  /**
   * labels.SelectorFromSet: one "=" requirement per entry, sorted by key.
   * Like upstream it does not validate; the server rejects bad input later.
   */
  static fromMatchLabels(m: Readonly<Record<string, string>> | undefined | null): LabelSelector {
    if (m === undefined || m === null) return LabelSelector.everything();
    const reqs = Object.keys(m).map((k) => freezeRequirement(k, "=", [m[k] ?? ""]));
    return new LabelSelector(sortByKey(reqs), false);
  }

  /**
   * metav1.LabelSelectorAsSelector. null/undefined → nothing; no labels and
   * no expressions → everything. Each entry goes through NewRequirement, so
   * invalid keys/values throw with upstream's field-error text (paths "key",
   * "values", "values[i][key]"). Upstream walks matchLabels in Go's random
   * map order, so which of several bad labels is reported first is not
   * deterministic there; here it is the lowest key.
   */
  static fromLabelSelector(s: MetaLabelSelector | null | undefined): LabelSelector {
    if (s === null || s === undefined) return LabelSelector.nothing();
    const matchLabels = s.matchLabels ?? {};
    const matchExpressions = s.matchExpressions ?? [];
    const labelKeys = Object.keys(matchLabels).sort(goStringCompare);
    if (labelKeys.length + matchExpressions.length === 0) return LabelSelector.everything();

    const reqs: Requirement[] = [];
    for (const k of labelKeys) {
      reqs.push(newRequirement(k, "=", [matchLabels[k] ?? ""]));
    }
    for (const expr of matchExpressions) {
      const op = labelSelectorOps.get(expr.operator);
      if (op === undefined) {
        throw new SelectorParseError(`${goQuote(String(expr.operator))} is not a valid label selector operator`);
      }
      // append([]string(nil), expr.Values...) is nil when there are none.
      const vals = expr.values && expr.values.length > 0 ? [...expr.values] : null;
      const err = newRequirementError(expr.key, op, vals);
      if (err !== null) throw new SelectorParseError(err);
      reqs.push(freezeRequirement(expr.key, op, vals ?? []));
    }
    return new LabelSelector(sortByKey(reqs), false);
  }

  /** Selector.Matches: every requirement holds. `undefined` = no labels. */
  matches(labels: Readonly<Record<string, string>> | undefined): boolean {
    if (this.#nothing) return false;
    return this.requirements.every((r) => requirementMatches(r, labels));
  }

  /** Selector.Empty: true when it does not restrict anything. */
  isEmpty(): boolean {
    return !this.#nothing && this.requirements.length === 0;
  }

  /** True only for LabelSelector.nothing() (labels.MatchesNothing). */
  matchesNothing(): boolean {
    return this.#nothing;
  }

  /**
   * Selector.Add: a new selector with the extra requirements, re-sorted by
   * key. Like upstream, requirements are not re-validated here (build them
   * with newRequirement). Adding to nothing() stays nothing().
   */
  add(...requirements: Requirement[]): LabelSelector {
    if (this.#nothing) return this;
    const reqs = [...this.requirements, ...requirements.map((r) => freezeRequirement(r.key, r.operator, r.values))];
    return new LabelSelector(sortByKey(reqs), false);
  }

  /**
   * Selector.RequiresExactMatch: the single value the first requirement on
   * `label` pins it to (=, ==, or in with one value), if any.
   */
  requiresExactMatch(label: string): string | undefined {
    if (this.#nothing) return undefined;
    for (const r of this.requirements) {
      if (r.key !== label) continue;
      if ((r.operator === "=" || r.operator === "==" || r.operator === "in") && r.values.length === 1) {
        return r.values[0];
      }
      return undefined;
    }
    return undefined;
  }

  /** Selector.String: requirements joined by "," with values sorted. */
  toString(): string {
    if (this.#nothing) return "";
    return this.requirements.map(requirementString).join(",");
  }
}

/**
 * labels.FormatLabels: "k=v" pairs joined by ",", or "<none>". Upstream sorts
 * the joined "k=v" strings, not the keys, so "a.b=1" precedes "a=2" ('.' <
 * '='); kubectl's LABELS column and `describe` show exactly that order.
 */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined | null): string {
  if (labels === undefined || labels === null) return "<none>";
  const pairs = Object.keys(labels).map((k) => `${k}=${labels[k] ?? ""}`);
  pairs.sort(goStringCompare);
  const s = pairs.join(",");
  return s === "" ? "<none>" : s;
}

// ---------------------------------------------------------------------------
// Go runtime semantics the selector output depends on
// ---------------------------------------------------------------------------

/**
 * Go's `a < b` on strings compares UTF-8 bytes, i.e. code points. JS compares
 * UTF-16 code units, which disagrees only between surrogates and
 * U+E000..U+FFFF; remapping those two ranges restores code-point order.
 */
export function goStringCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x += x >= 0xe000 ? -0x800 : 0x2000;
    if (y >= 0xd800) y += y >= 0xe000 ? -0x800 : 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

// ---- sort.Sort (Go 1.24 src/sort/zsortinterface.go + sort.go) -------------
//
// A straight port of Go's pattern-defeating quicksort over an index-based
// less/swap interface. It is unstable, so requirements that share a key end
// up in exactly the order Go leaves them in, which String() exposes. Inputs
// of 12 or fewer elements take the insertion-sort path (stable).

type SortData = { less(i: number, j: number): boolean; swap(i: number, j: number): void };

// sortedHint (plain constants: enums are not erasable TypeScript syntax).
const SortedHint = { Unknown: 0, Increasing: 1, Decreasing: 2 } as const;
type SortedHint = (typeof SortedHint)[keyof typeof SortedHint];

// bits.Len for non-negative ints that fit in 32 bits.
function bitsLen(n: number): number {
  return n === 0 ? 0 : 32 - Math.clz32(n);
}

/** sort.Sort on a JS array with a Go-style Less. Sorts in place. */
export function goSortInterface<T>(arr: T[], less: (a: T, b: T) => boolean): void {
  const n = arr.length;
  if (n <= 1) return;
  const data: SortData = {
    less: (i, j) => less(arr[i] as T, arr[j] as T),
    swap: (i, j) => {
      const t = arr[i] as T;
      arr[i] = arr[j] as T;
      arr[j] = t;
    },
  };
  pdqsort(data, 0, n, bitsLen(n));
}

function insertionSort(data: SortData, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && data.less(j, j - 1); j--) data.swap(j, j - 1);
  }
}

function siftDown(data: SortData, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && data.less(first + child, first + child + 1)) child++;
    if (!data.less(first + root, first + child)) return;
    data.swap(first + root, first + child);
    root = child;
  }
}

function heapSort(data: SortData, a: number, b: number): void {
  const first = a;
  const lo = 0;
  const hi = b - a;
  for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(data, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    data.swap(first, first + i);
    siftDown(data, lo, i, first);
  }
}

function pdqsort(data: SortData, a: number, b: number, limit: number): void {
  const maxInsertion = 12;
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= maxInsertion) {
      insertionSort(data, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(data, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(data, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(data, a, b);
    if (hint === SortedHint.Decreasing) {
      reverseRange(data, a, b);
      pivot = b - 1 - (pivot - a);
      hint = SortedHint.Increasing;
    }
    if (wasBalanced && wasPartitioned && hint === SortedHint.Increasing) {
      if (partialInsertionSort(data, a, b)) return;
    }
    if (a > 0 && !data.less(a - 1, pivot)) {
      a = partitionEqual(data, a, b, pivot);
      continue;
    }
    const [mid, alreadyPartitioned] = partition(data, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.trunc(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(data, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(data, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition(data: SortData, a: number, b: number, pivot: number): [number, boolean] {
  data.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && data.less(i, a)) i++;
  while (i <= j && !data.less(j, a)) j--;
  if (i > j) {
    data.swap(j, a);
    return [j, true];
  }
  data.swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && data.less(i, a)) i++;
    while (i <= j && !data.less(j, a)) j--;
    if (i > j) break;
    data.swap(i, j);
    i++;
    j--;
  }
  data.swap(j, a);
  return [j, false];
}

function partitionEqual(data: SortData, a: number, b: number, pivot: number): number {
  data.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !data.less(a, i)) i++;
    while (i <= j && data.less(a, j)) j--;
    if (i > j) break;
    data.swap(i, j);
    i++;
    j--;
  }
  return i;
}

function partialInsertionSort(data: SortData, a: number, b: number): boolean {
  const maxSteps = 5;
  const shortestShifting = 50;
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !data.less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    data.swap(i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!data.less(j, j - 1)) break;
        data.swap(j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!data.less(j, j - 1)) break;
        data.swap(j, j - 1);
      }
    }
  }
  return false;
}

const uint64Mask = (1n << 64n) - 1n;

function breakPatterns(data: SortData, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  // xorshift seeded with the length (Go 1.21+ shift constants 13, 7, 17).
  let random = BigInt(length);
  const next = (): bigint => {
    random ^= (random << 13n) & uint64Mask;
    random ^= random >> 7n;
    random ^= (random << 17n) & uint64Mask;
    return random;
  };
  const modulus = 2 ** bitsLen(length); // nextPowerOfTwo
  const base = a + Math.trunc(length / 4) * 2;
  for (let idx = base - 1; idx <= base + 1; idx++) {
    let other = Number(next() & BigInt(modulus - 1));
    if (other >= length) other -= length;
    data.swap(idx, a + other);
  }
}

function choosePivot(data: SortData, a: number, b: number): [number, SortedHint] {
  const shortestNinther = 50;
  const maxSwaps = 4 * 3;
  const l = b - a;
  const swaps = { n: 0 };
  const q = Math.trunc(l / 4);
  let i = a + q;
  let j = a + q * 2;
  let k = a + q * 3;
  if (l >= 8) {
    if (l >= shortestNinther) {
      i = medianAdjacent(data, i, swaps);
      j = medianAdjacent(data, j, swaps);
      k = medianAdjacent(data, k, swaps);
    }
    j = median(data, i, j, k, swaps);
  }
  if (swaps.n === 0) return [j, SortedHint.Increasing];
  if (swaps.n === maxSwaps) return [j, SortedHint.Decreasing];
  return [j, SortedHint.Unknown];
}

function order2(data: SortData, a: number, b: number, swaps: { n: number }): [number, number] {
  if (data.less(b, a)) {
    swaps.n++;
    return [b, a];
  }
  return [a, b];
}

function median(data: SortData, a: number, b: number, c: number, swaps: { n: number }): number {
  let x = a;
  let y = b;
  let z = c;
  [x, y] = order2(data, x, y, swaps);
  [y, z] = order2(data, y, z, swaps);
  [x, y] = order2(data, x, y, swaps);
  return y;
}

function medianAdjacent(data: SortData, a: number, swaps: { n: number }): number {
  return median(data, a - 1, a, a + 1, swaps);
}

function reverseRange(data: SortData, a: number, b: number): void {
  let i = a;
  let j = b - 1;
  while (i < j) {
    data.swap(i, j);
    i++;
    j--;
  }
}

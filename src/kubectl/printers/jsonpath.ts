/**
 * kubectl's JSONPath templates (`-o jsonpath=...`, `-o jsonpath-file=...`), ported from
 * k8s.io/client-go/util/jsonpath/jsonpath.go (evaluation and PrintResults) with the comparison helpers of
 * k8s.io/client-go/third_party/forked/golang/template/funcs.go. Parsing lives in jsonpath-parse.ts.
 *
 * Input is what kubectl hands the engine: the object decoded as unstructured JSON. In Go, whole JSON numbers
 * decode as int64 and others as float64; JS cannot tell `1` from `1.0`, so integer-valued numbers are treated as
 * int64 and the rest as float64. Go walks maps in random order (`.*`, `..`); we use sorted key order so output
 * is deterministic and matches the order encoding/json would print.
 */

import { JSONPathError, parseTemplate, type JSONPathNode, type ListNode, type ParamsEntry } from "./jsonpath-parse.ts";

export { JSONPathError } from "./jsonpath-parse.ts";

export interface JSONPathTemplate {
  /**
   * Evaluates the template against decoded JSON data and returns what JSONPath.Execute would write.
   * `allowMissingKeys` defaults to false like client-go's jsonpath.New; kubectl's `-o jsonpath` turns it on
   * (`--allow-missing-template-keys` defaults to true), so kubectl callers should pass true.
   * Throws JSONPathError with client-go's message.
   */
  execute(data: unknown, options?: { allowMissingKeys?: boolean }): string;
  /** FindResults: the raw value lists, for printers that format values themselves (custom-columns). */
  results(data: unknown, options?: { allowMissingKeys?: boolean }): unknown[][];
}

/**
 * Parses a kubectl jsonpath template such as `{.items[*].metadata.name}` or
 * `{range .items[*]}{.spec.clusterIP}{"\n"}{end}`. Throws JSONPathError with the upstream parser's message.
 */
export function parseJSONPath(template: string): JSONPathTemplate {
  const root = parseTemplate(template);
  return {
    execute(data: unknown, options?: { allowMissingKeys?: boolean }): string {
      const run = new Execution(root.nodes, options?.allowMissingKeys ?? false);
      // jsonpath.go Execute: evaluate everything first (an error prints nothing), then PrintResults each list.
      return run.findResults(toReflectValue(data), 0).map(printResults).join("");
    },
    results(data: unknown, options?: { allowMissingKeys?: boolean }): unknown[][] {
      const run = new Execution(root.nodes, options?.allowMissingKeys ?? false);
      return run.findResults(toReflectValue(data), 0).map((list) => list.map((v) => (v === INVALID ? null : v instanceof GoFloat ? v.value : v)));
    },
  };
}

// k8s.io/kubectl/pkg/cmd/get/customcolumn.go jsonRegexp.
const RELAXED_RE = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/**
 * cli-runtime/kubectl RelaxedJSONPathExpression (k8s.io/kubectl/pkg/cmd/get/customcolumn.go): turns `metadata.name`,
 * `.metadata.name`, `{metadata.name}` or `{.metadata.name}` into `{.metadata.name}`; "" stays "".
 * Upstream only applies this to custom-columns specs: `-o jsonpath=.spec.clusterIP` is parsed as-is and prints
 * the literal text ".spec.clusterIP".
 */
export function relaxedJSONPathExpression(expr: string): string {
  if (expr.length === 0) return expr;
  const m = RELAXED_RE.exec(expr);
  if (!m) {
    throw new JSONPathError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] ?? m[2]}}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Go value model

/**
 * The zero reflect.Value. Go gets one from reflect.ValueOf(nil): the data passed to FindResults when it is nil,
 * which happens for every `range` element that is JSON null and for the body of a range over nothing. It behaves
 * like null except that it prints "<no value>" (template.PrintableValue) instead of "null".
 */
const INVALID: unique symbol = Symbol("invalid reflect.Value");

/** A float64 that JS would otherwise mistake for an int: `{3.0}` or the `2.0` in `[?(@.x==2.0)]`. */
class GoFloat {
  constructor(readonly value: number) {}
}

type GoMap = Record<string, unknown>;

const toReflectValue = (v: unknown): unknown => (v === null || v === undefined ? INVALID : v);

const isNil = (v: unknown): boolean => v === null || v === undefined || v === INVALID;

function isGoMap(v: unknown): v is GoMap {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof GoFloat);
}

/** Map entries the way Go sees them: keys without a value (undefined) do not exist; sorted for determinism. */
function mapKeys(m: GoMap): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort(compareGoStrings);
}

/** Go compares strings by UTF-8 bytes, i.e. by code point; JS compares UTF-16 units, which differs above U+FFFF. */
function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1; // a surrogate pair is an astral code point, above every BMP character
    return x - y;
  }
  return a.length - b.length;
}

/** Failing evaluations return a value alongside the error in Go; `[?(@.x)]` (exists) uses it and drops the error. */
class EvalFailure extends JSONPathError {
  constructor(
    message: string,
    readonly partial: readonly unknown[],
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation (jsonpath.go)

class Execution {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  /** Index into `nodes` of the last `{end}` that closed a range (Go keeps a pointer into the same slice). */
  private lastEndNode = -1;

  constructor(
    private readonly nodes: readonly JSONPathNode[],
    private readonly allowMissingKeys: boolean,
  ) {}

  /**
   * jsonpath.go FindResults over nodes[from:]. `{range}` re-runs the rest of the template once per element; the
   * nested run stops at the matching `{end}` and records it, and the outer run fast-forwards past it. A missing
   * `{end}` therefore makes the body run once more on the outer object, as upstream does.
   */
  findResults(data: unknown, from: number): unknown[][] {
    const cur = [data];
    const fullResult: unknown[][] = [];
    for (let i = from; i < this.nodes.length; i++) {
      const results = this.walk(cur, this.nodes[i]!);

      // encounter an end node, break the current block
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = i;
        break;
      }
      // encounter a range node, start a range loop
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          // value.Interface() then reflect.ValueOf: a null element becomes the zero Value
          for (const value of results) fullResult.push(...this.findResults(toReflectValue(value), i + 1));
        } else {
          // still walk the body (output discarded) so the matching end node is found
          this.findResults(INVALID, i + 1);
        }
        this.inRange--;
        for (let k = i + 1; k < this.nodes.length; k++) {
          if (k === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      fullResult.push(results);
    }
    return fullResult;
  }

  private walk(input: readonly unknown[], node: JSONPathNode): unknown[] {
    switch (node.type) {
      case "list":
        return this.evalList(input, node);
      case "text":
        return [node.text];
      case "field":
        return this.evalField(input, node.name);
      case "array":
        return this.evalArray(input, node.params);
      case "filter":
        return this.evalFilter(input, node);
      case "int":
        return input.map(() => node.value);
      case "float":
        return input.map(() => new GoFloat(node.value));
      case "bool":
        return input.map(() => node.value);
      case "wildcard":
        return input.flatMap((v) => children(v) ?? []);
      case "recursive":
        return evalRecursive(input);
      case "union":
        return this.evalUnion(input, node.nodes);
      case "identifier":
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: readonly unknown[], node: ListNode): unknown[] {
    let cur = [...input];
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: readonly unknown[], name: string): unknown[] {
    switch (name) {
      case "range":
        this.beginRange++;
        return [...input];
      case "end":
        if (this.inRange > 0) {
          this.endRange++;
          return [];
        }
        throw new EvalFailure("not in range, nothing to end", []);
      default:
        throw new EvalFailure(`unrecognized identifier ${name}`, input);
    }
  }

  private evalArray(input: readonly unknown[], params: readonly [ParamsEntry, ParamsEntry, ParamsEntry]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      // Go skips nil; the zero Value would make upstream panic on value.Type(), we skip it too.
      if (isNil(value)) continue;
      if (!Array.isArray(value)) throw new EvalFailure(`${goTypeName(value)} is not array or slice`, input);
      const length = value.length;
      let start = params[0].known ? params[0].value : 0;
      if (start < 0) start += length;
      let end = params[1].known ? params[1].value : length;
      if (end < 0 || (end === 0 && params[1].derived)) end += length;

      if (end === start) {
        // "if you're requesting zero elements, allow it through" — upstream returns here, so any later inputs
        // (e.g. the other items of `.items[*].spec.ports[*]` after one with `ports: []`) are dropped.
        return result;
      }
      if (start >= length || start < 0) {
        throw new EvalFailure(`array index out of bounds: index ${start}, length ${length}`, input);
      }
      if (end > length || end < 0) {
        throw new EvalFailure(`array index out of bounds: index ${end - 1}, length ${length}`, input);
      }
      if (start > end) throw new EvalFailure(`starting index ${start} is greater than ending index ${end}`, input);

      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new EvalFailure("step must be > 0", input);
        step = params[2].value;
      }
      for (let i = start; i < end; i += step) result.push(value[i]);
    }
    return result;
  }

  private evalUnion(input: readonly unknown[], lists: readonly ListNode[]): unknown[] {
    const result: unknown[] = [];
    for (const list of lists) {
      try {
        result.push(...this.evalList(input, list));
      } catch (e) {
        throw e instanceof EvalFailure ? new EvalFailure(e.message, input) : e;
      }
    }
    return result;
  }

  private evalField(input: readonly unknown[], name: string): unknown[] {
    // If there's no input, there's no output (and no "not found" error).
    if (input.length === 0) return [];
    const results: unknown[] = [];
    for (const value of input) {
      if (isGoMap(value) && Object.hasOwn(value, name) && value[name] !== undefined) results.push(value[name]);
    }
    if (results.length === 0) {
      if (this.allowMissingKeys) return results;
      throw new EvalFailure(`${name} is not found`, results);
    }
    return results;
  }

  private evalFilter(input: readonly unknown[], node: Extract<JSONPathNode, { type: "filter" }>): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        throw new EvalFailure(`${goSprint(value)} is not array or slice and cannot be filtered`, input);
      }
      for (const item of value) {
        let lefts: readonly unknown[];
        let failure: EvalFailure | undefined;
        try {
          lefts = this.evalList([item], node.left);
        } catch (e) {
          if (!(e instanceof EvalFailure)) throw e;
          failure = e;
          lefts = e.partial;
        }

        // "exists" keeps items whose path produced anything at all, even a null or false value, and ignores errors.
        if (node.operator === "exists") {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (failure) throw new EvalFailure(failure.message, input);

        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new EvalFailure("can only compare one element at a time", input);
        const left = lefts[0];

        let rights: unknown[];
        try {
          rights = this.evalList([item], node.right);
        } catch (e) {
          throw e instanceof EvalFailure ? new EvalFailure(e.message, input) : e;
        }
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new EvalFailure("can only compare one element at a time", input);
        const right = rights[0];

        let pass: boolean;
        try {
          pass = compare(node.operator, left, right);
        } catch (e) {
          throw e instanceof JSONPathError ? new EvalFailure(e.message, results) : e;
        }
        if (pass) results.push(item);
      }
    }
    return results;
  }
}

/**
 * What `.*` yields for one value (evalWildcard): map values, slice elements, and for a string its UTF-8 bytes as
 * numbers (Go indexes strings by byte). Undefined when the value has no children.
 */
function children(value: unknown): unknown[] | undefined {
  if (isNil(value)) return undefined;
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : v));
  if (typeof value === "string") {
    const bytes: number[] = [];
    for (const b of new TextEncoder().encode(value)) bytes.push(b);
    return bytes;
  }
  if (isGoMap(value)) return mapKeys(value).map((k) => value[k]);
  return undefined;
}

/**
 * `..` (evalRecursive): every value that has children — maps, slices and non-empty strings, but not numbers,
 * booleans, nulls or empty containers — in pre-order, starting with the input itself.
 */
function evalRecursive(input: readonly unknown[]): unknown[] {
  const result: unknown[] = [];
  for (const value of input) {
    const kids = children(value);
    if (kids && kids.length > 0) {
      result.push(value);
      result.push(...evalRecursive(kids));
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Filter comparisons (third_party/forked/golang/template/funcs.go)

type BasicKind = "bool" | "int" | "float" | "string";

function basicKind(v: unknown): BasicKind {
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  if (v instanceof GoFloat) return "float";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  // nil, maps and slices cannot be compared
  throw new JSONPathError("invalid type for comparison");
}

const numeric = (v: unknown): number => (v instanceof GoFloat ? v.value : (v as number));

function goEqual(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  // int64 vs float64 (e.g. a port compared with 443.0) is an error, not false
  if (k1 !== k2) throw new JSONPathError("incompatible types for comparison");
  return k1 === "int" || k1 === "float" ? numeric(a) === numeric(b) : a === b;
}

function goLess(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) throw new JSONPathError("incompatible types for comparison");
  if (k1 === "bool") throw new JSONPathError("invalid type for comparison");
  if (k1 === "string") return compareGoStrings(a as string, b as string) < 0;
  return numeric(a) < numeric(b);
}

function compare(operator: string, left: unknown, right: unknown): boolean {
  switch (operator) {
    case "<":
      return goLess(left, right);
    case ">":
      return !(goLess(left, right) || goEqual(left, right)); // Greater is !LessEqual
    case "==":
      return goEqual(left, right);
    case "!=":
      return !goEqual(left, right);
    case "<=":
      return goLess(left, right) || goEqual(left, right);
    case ">=":
      return !goLess(left, right);
    default:
      throw new JSONPathError(`unrecognized filter operator ${operator}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Output (jsonpath.go PrintResults / evalToText)

/** One result list: values separated by a single space. */
function printResults(results: readonly unknown[]): string {
  return results.map(printResult).join(" ");
}

/** Maps and slices are printed with json.Marshal; everything else with fmt.Fprint, except that nil prints "null". */
function printResult(v: unknown): string {
  if (v === INVALID) return "<no value>";
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v) || isGoMap(v)) return goJSONMarshal(v);
  return goSprint(v);
}

/** fmt.Sprint / %v of a decoded JSON value (maps as `map[k:v]`, slices as `[a b]`); used for text and errors. */
function goSprint(v: unknown): string {
  if (v === INVALID) return "<invalid reflect.Value>";
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return formatGoNumber(v);
  if (v instanceof GoFloat) return formatGoFloat(v.value);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(" ")}]`;
  if (isGoMap(v)) return `map[${mapKeys(v).map((k) => `${k}:${goSprint(v[k])}`).join(" ")}]`;
  return String(v);
}

/** Type names for "… is not array or slice" (reflect.Type.String of unstructured values). */
function goTypeName(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (v instanceof GoFloat) return "float64";
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? "int64" : "float64";
  if (isGoMap(v)) return "map[string]interface {}";
  return typeof v;
}

/** Integer-valued numbers are int64 (plain digits); others are float64 (%v). */
function formatGoNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return String(n); // JS prints these without exponent, -0 as 0
  return formatGoFloat(n);
}

/**
 * fmt %v of a float64: strconv 'g' with the shortest round-trip digits, switching to exponent form when the
 * exponent is < -4 or >= 6 (so 1234567.5 prints 1.2345675e+06, 0.00001 prints 1e-05).
 */
function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const [mantissa, expText] = Math.abs(f).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const exp = Number(expText);
  let body: string;
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : "";
    body = `${digits[0]}${frac}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  } else if (exp >= 0) {
    const intLen = exp + 1;
    body = digits.length <= intLen ? digits.padEnd(intLen, "0") : `${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  } else {
    body = `0.${"0".repeat(-exp - 1)}${digits}`;
  }
  return f < 0 ? `-${body}` : body;
}

/**
 * encoding/json Marshal: sorted map keys, no spaces, HTML-safe escaping. JS and Go agree on number text for
 * JSON (shortest digits, exponent below 1e-6 and from 1e21), so String() is exact here.
 */
function goJSONMarshal(v: unknown): string {
  if (v === null || v === undefined || v === INVALID) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number" || v instanceof GoFloat) {
    const n = numeric(v);
    if (!Number.isFinite(n)) throw new JSONPathError(`json: unsupported value: ${formatGoFloat(n)}`);
    return String(n);
  }
  if (typeof v === "string") return goJSONString(v);
  if (Array.isArray(v)) return `[${v.map(goJSONMarshal).join(",")}]`;
  if (isGoMap(v)) return `{${mapKeys(v).map((k) => `${goJSONString(k)}:${goJSONMarshal(v[k])}`).join(",")}}`;
  return "null";
}

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b", // Go >= 1.22 uses the short forms for \b and \f too
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/** encoding/json string encoding with escapeHTML: < > & U+2028 U+2029 as \u escapes, invalid UTF-16 as U+FFFD. */
function goJSONString(s: string): string {
  const escaped = s.replace(
    /["\\\x00-\x1f<>&\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => JSON_ESCAPES[c] ?? (c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff ? "\\ufffd" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
  );
  return `"${escaped}"`;
}

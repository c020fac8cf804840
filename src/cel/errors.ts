/**
 * cel-go's error text from cel-js's errors. The apiserver quotes CEL compile issues verbatim
 * (`compilation failed: ERROR: <input>:1:6: undeclared reference to 'cidrr' (in container '')` plus the
 * source line and a caret, cel-go common/error.go) and runtime errors after "resulted in error:", so
 * this module re-words cel-js's messages and re-computes cel-go's positions: cel-go puts a call's
 * error at its `(`, a field selection at its `.`, an operator at the operator.
 * Where cel-js stops at the first problem, cel-go may list several; only the first is reported here.
 */
import { EvaluationError, ParseError, TypeError as CelTypeError, type ASTNode } from "@marcbachmann/cel-js";

/** cel-js type names in cel-go spelling: list<string> → list(string), null → null_type. */
export function celGoTypeName(name: string): string {
  const t = name.trim();
  const generic = /^(list|map|optional|dyn)<(.*)>$/.exec(t);
  if (generic) {
    const args = splitTypeArgs(generic[2]!).map(celGoTypeName);
    if (generic[1] === "dyn") return args[0] ?? "dyn";
    if (generic[1] === "optional") return `optional_type(${args.join(", ")})`;
    return `${generic[1]}(${args.join(", ")})`;
  }
  if (t === "list") return "list(dyn)";
  if (t === "map") return "map(dyn, dyn)";
  if (t === "null") return "null_type";
  return t;
}

function splitTypeArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const c of s) {
    if (c === "<") depth++;
    if (c === ">") depth--;
    if (c === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

const OPERATOR_FUNCTION: Record<string, string> = {
  "==": "_==_",
  "!=": "_!=_",
  "<": "_<_",
  "<=": "_<=_",
  ">": "_>_",
  ">=": "_>=_",
  "+": "_+_",
  "-": "_-_",
  "*": "_*_",
  "/": "_/_",
  "%": "_%_",
  in: "@in",
  "&&": "_&&_",
  "||": "_||_",
};

const EXPECTING =
  "{'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}";

const TOKEN_TEXT: Record<string, string> = {
  RPAREN: ")",
  RBRACKET: "]",
  RBRACE: "}",
  LPAREN: "(",
  LBRACKET: "[",
  LBRACE: "{",
  COMMA: ",",
  COLON: ":",
  QUESTION: "?",
  DOT: ".",
  EOF: "<EOF>",
  IDENTIFIER: "IDENTIFIER",
};

/** Names cel-go knows as functions or macros, to tell an undeclared name from a wrong overload. */
export interface DeclaredNames {
  has(name: string): boolean;
}

interface Issue {
  offset: number;
  message: string;
}

/** ERROR: <input>:L:C: message, the source line, and a caret under column C (common/error.go). */
export function formatIssue(input: string, issue: Issue): string {
  const before = input.slice(0, Math.min(issue.offset, input.length));
  const line = before.split("\n").length;
  const lineStart = before.lastIndexOf("\n") + 1;
  const col = [...input.slice(lineStart, issue.offset)].length;
  const lineEnd = input.indexOf("\n", lineStart);
  const snippet = input.slice(lineStart, lineEnd < 0 ? input.length : lineEnd).replace(/\t/g, " ");
  const runes = [...snippet];
  let ind = "";
  for (let i = 0; i < col && i < runes.length; i++) ind += utf8Wide(runes[i]!) ? "\uff0e" : ".";
  ind += col < runes.length && utf8Wide(runes[col]!) ? "\uff3e" : "^";
  return `ERROR: <input>:${line}:${col + 1}: ${issue.message}\n | ${snippet}\n | ${ind}`;
}

function utf8Wide(ch: string): boolean {
  return (ch.codePointAt(0) ?? 0) > 0x7f;
}

/** Position of the first `token` at or after `from`, skipping blanks and closing parens. */
function tokenAfter(input: string, from: number, token: RegExp): number | undefined {
  const m = token.exec(input.slice(from));
  return m ? from + m.index + m[0].length - m[1]!.length : undefined;
}

function node(e: unknown): ASTNode | undefined {
  const n = (e as { node?: ASTNode }).node;
  return n && typeof n === "object" && "op" in n ? n : undefined;
}

/** Where cel-go reports an error on this node. */
function celGoOffset(input: string, n: ASTNode): number {
  switch (n.op) {
    case "call":
      return tokenAfter(input, n.start + n.args[0].length, /^\s*(\()/) ?? n.start;
    case "rcall":
      return tokenAfter(input, n.args[1].end, /^[\s)]*\.\s*[A-Za-z_][A-Za-z0-9_]*\s*(\()/) ?? n.start;
    case ".":
    case ".?":
      return input.lastIndexOf(".", n.pos) >= 0 ? input.lastIndexOf(".", n.pos) : n.start;
    case "[]":
    case "[?]":
      return tokenAfter(input, n.args[0].end, /^[\s)]*(\[)/) ?? n.start;
    case "?:":
      return tokenAfter(input, n.args[0].end, /^[\s)]*(\?)/) ?? n.start;
    case "&&":
    case "||":
    case "==":
    case "!=":
    case "<":
    case "<=":
    case ">":
    case ">=":
    case "+":
    case "-":
    case "*":
    case "/":
    case "%":
    case "in":
      return tokenAfter(input, n.args[0].end, /^[\s)]*(==|!=|<=|>=|&&|\|\||in|[<>+\-*/%])/) ?? n.start;
    default:
      return n.start;
  }
}

/** A cel-js parse or type error as cel-go's issue text (without the "compilation failed: " prefix). */
export function compileIssue(input: string, err: unknown, names: DeclaredNames): string {
  return formatIssue(input, issueOf(input, err, names));
}

function issueOf(input: string, err: unknown, names: DeclaredNames): Issue {
  if (err instanceof ParseError) {
    const at = err.range?.start ?? 0;
    switch (err.code) {
      case "unexpected_token": {
        const tok = /Unexpected token: (\w+)/.exec(err.summary)?.[1] ?? "";
        const text = at >= input.length ? "<EOF>" : (TOKEN_TEXT[tok] ?? input.slice(at, err.range?.end ?? at + 1));
        return { offset: at, message: `Syntax error: mismatched input '${text}' expecting ${EXPECTING}` };
      }
      case "unexpected_character": {
        const ch = input[at] ?? "";
        return { offset: at, message: `Syntax error: token recognition error at: '${ch}'` };
      }
      case "expected_token": {
        const m = /Expected (\w+), got (\w+)/.exec(err.summary);
        const want = TOKEN_TEXT[m?.[1] ?? ""] ?? m?.[1] ?? "";
        const got = at >= input.length ? "<EOF>" : input.slice(at, err.range?.end ?? at + 1);
        return { offset: at, message: `Syntax error: missing '${want}' at '${got}'` };
      }
      case "reserved_identifier":
        return { offset: at, message: `reserved identifier: ${input.slice(at, err.range?.end ?? at)}` };
      default:
        return { offset: at, message: `Syntax error: ${err.summary}` };
    }
  }
  if (err instanceof CelTypeError) {
    const n = node(err);
    const offset = n ? celGoOffset(input, n) : (err.range?.start ?? 0);
    return { offset, message: typeMessage(err, n, names) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { offset: 0, message };
}

function typeMessage(err: CelTypeError, n: ASTNode | undefined, names: DeclaredNames): string {
  const s = err.summary;
  switch (err.code) {
    case "unknown_variable":
      return `undeclared reference to '${s.replace(/^Unknown variable: /, "")}' (in container '')`;
    case "no_matching_overload": {
      const m = /^found no matching overload for '(?:(.+)\.)?([A-Za-z_][A-Za-z0-9_]*)\((.*)\)'$/.exec(s);
      if (!m) return s;
      const [, receiver, fn, args] = m;
      if (!names.has(fn!)) return `undeclared reference to '${fn}' (in container '')`;
      const argTypes = splitTypeArgs(args!).map(celGoTypeName).join(", ");
      return receiver !== undefined
        ? `found no matching overload for '${fn}' applied to '${celGoTypeName(receiver)}.(${argTypes})'`
        : `found no matching overload for '${fn}' applied to '(${argTypes})'`;
    }
    case "no_such_overload": {
      const bin = /^no such overload: (.+) (==|!=|<=|>=|<|>|\+|-|\*|\/|%|in) (.+)$/.exec(s);
      if (bin) return `found no matching overload for '${OPERATOR_FUNCTION[bin[2]!]}' applied to '(${celGoTypeName(bin[1]!)}, ${celGoTypeName(bin[3]!)})'`;
      const un = /^no such overload: ([!-])(.+)$/.exec(s);
      if (un) return `found no matching overload for '${un[1]}_' applied to '(${celGoTypeName(un[2]!)})'`;
      return s;
    }
    case "no_such_key":
      return `undefined field '${s.replace(/^No such key: /, "")}'`;
    case "cannot_index_type": {
      const t = /Cannot index type '(.+)'/.exec(s)?.[1] ?? "dyn";
      if (n && (n.op === "[]" || n.op === "[?]")) return `found no matching overload for '_[_]' applied to '(${celGoTypeName(t)}, dyn)'`;
      return `type '${celGoTypeName(t)}' does not support field selection`;
    }
    case "invalid_index_type": {
      const m = /must be int, got '(.+)'/.exec(s) ?? /with type '(.+)'/.exec(s);
      return `found no matching overload for '_[_]' applied to '(dyn, ${celGoTypeName(m?.[1] ?? "dyn")})'`;
    }
    case "heterogeneous_list_element":
    case "heterogeneous_map_key":
    case "heterogeneous_map_value": {
      const m = /expected type '(.+)' but found '(.+)'/.exec(s);
      return m ? `expected type '${celGoTypeName(m[1]!)}' but found '${celGoTypeName(m[2]!)}'` : s;
    }
    case "incompatible_ternary_branches": {
      const m = /got '(.+)' and '(.+)'/.exec(s);
      return m ? `found no matching overload for '_?_:_' applied to '(bool, ${celGoTypeName(m[1]!)}, ${celGoTypeName(m[2]!)})'` : s;
    }
    case "invalid_condition_type": {
      const t = /got '(.+)'/.exec(s)?.[1] ?? "dyn";
      return `found no matching overload for '_?_:_' applied to '(${celGoTypeName(t)}, dyn, dyn)'`;
    }
    case "invalid_logical_operand": {
      const t = /got '(.+)'/.exec(s)?.[1] ?? "dyn";
      const op = n && (n.op === "&&" || n.op === "||") ? OPERATOR_FUNCTION[n.op] : "_&&_";
      return `found no matching overload for '${op}' applied to '(${celGoTypeName(t)}, bool)'`;
    }
    case "invalid_comprehension_range": {
      const t = /type '(.+)' cannot/.exec(s)?.[1] ?? "dyn";
      return `expression of type '${celGoTypeName(t)}' cannot be range of a comprehension (must be list, map, or dynamic)`;
    }
    case "invalid_macro_argument":
      return /has\(/.test(s) || /has/.test(s) ? "invalid argument to has() macro" : s;
    default:
      return s;
  }
}

/**
 * How many overloads a function has for a call shape. cel-go binds a lone overload directly (its
 * implementation then says just "no such overload"), and dispatches among several, failing with
 * "no such overload: <function>".
 */
export type OverloadCount = (name: string, member: boolean, arity: number) => number;

/** A runtime error as cel-go words it (the text after "resulted in error: "). */
export function runtimeErrorText(err: unknown, overloads?: OverloadCount): string {
  if (err instanceof EvaluationError || err instanceof CelTypeError) {
    const s = err.summary;
    switch (err.code) {
      case "no_matching_overload": {
        const m = /^found no matching overload for '(?:(.+)\.)?([A-Za-z_][A-Za-z0-9_]*)\((.*)\)'$/.exec(s);
        if (!m || !overloads) return "no such overload";
        const arity = m[3] ? splitTypeArgs(m[3]).length : 0;
        return overloads(m[2]!, m[1] !== undefined, arity) > 1 ? `no such overload: ${m[2]}` : "no such overload";
      }
      case "no_such_key":
        return s.replace(/^No such key: /, "no such key: ");
      case "index_out_of_bounds": {
        const i = /index (-?\d+)/.exec(s)?.[1];
        return i !== undefined ? `index out of bounds: ${i}` : "index out of bounds";
      }
      case "no_such_overload":
      case "invalid_logical_operand":
      case "invalid_condition_type":
      case "field_type_mismatch":
      case "variable_type_mismatch":
      case "list_item_type_mismatch":
        return "no such overload";
      case "division_by_zero":
        return "division by zero";
      case "modulo_by_zero":
        return "modulus by zero";
      case "optional_value_missing":
        return "optional.none() dereference";
      default:
        return s;
    }
  }
  if (err instanceof ParseError) return err.summary;
  return err instanceof Error ? err.message : String(err);
}

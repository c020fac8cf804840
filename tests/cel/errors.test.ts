/**
 * cel-go's error text from cel-js errors: compile issues with position and caret as
 * cel-go/common/error.go prints them, result-type checks of compile.go, and runtime error wording.
 */
import { describe, expect, it } from "vitest";
import { celGoTypeName, formatIssue } from "../../src/cel/errors.ts";
import { run } from "./cel-helpers.ts";

const compileError = (expr: string, expected: ("bool" | "string" | "null" | "any")[] = ["any"], decl = { params: false }) => {
  const r = run(expr, {}, decl, expected);
  return "compileError" in r ? r.compileError : undefined;
};

describe("compile issues", () => {
  it("reports an undeclared function at its parenthesis (the reference's example)", () => {
    expect(compileError("cidrr(object.spec.cidrs[0]).prefixLength() >= 16")).toBe(
      "compilation failed: ERROR: <input>:1:6: undeclared reference to 'cidrr' (in container '')\n | cidrr(object.spec.cidrs[0]).prefixLength() >= 16\n | .....^",
    );
  });

  it.each([
    ["foo == 1", "ERROR: <input>:1:1: undeclared reference to 'foo' (in container '')\n | foo == 1\n | ^"],
    ["params.maxReplicas > 1", "ERROR: <input>:1:1: undeclared reference to 'params' (in container '')\n | params.maxReplicas > 1\n | ^"],
    ["variables.x", "ERROR: <input>:1:1: undeclared reference to 'variables' (in container '')\n | variables.x\n | ^"],
    ["object.spec.size(1)", "ERROR: <input>:1:17: found no matching overload for 'size' applied to 'dyn.(int)'\n | object.spec.size(1)\n | ................^"],
    ["object.x.frobnicate()", "ERROR: <input>:1:20: undeclared reference to 'frobnicate' (in container '')\n | object.x.frobnicate()\n | ...................^"],
    ["request.userInfo.usernam == 'x'", "ERROR: <input>:1:17: undefined field 'usernam'\n | request.userInfo.usernam == 'x'\n | ................^"],
    ["1 + 'a' == 2", "ERROR: <input>:1:3: found no matching overload for '_+_' applied to '(int, string)'\n | 1 + 'a' == 2\n | ..^"],
    ["!1", "ERROR: <input>:1:1: found no matching overload for '!_' applied to '(int)'\n | !1\n | ^"],
    ["[1, 'a'].size() > 0", "ERROR: <input>:1:5: expected type 'int' but found 'string'\n | [1, 'a'].size() > 0\n | ....^"],
    ["true ? 1 : 'a'", "ERROR: <input>:1:6: found no matching overload for '_?_:_' applied to '(bool, int, string)'\n | true ? 1 : 'a'\n | .....^"],
    ["1 +", "ERROR: <input>:1:4: Syntax error: mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}\n | 1 +\n | ...^"],
    ["object.@", "ERROR: <input>:1:8: Syntax error: token recognition error at: '@'\n | object.@\n | .......^"],
    ["object.spec.\n  cidrs.map(c, 1 + '')", "ERROR: <input>:2:18: found no matching overload for '_+_' applied to '(int, string)'\n |   cidrs.map(c, 1 + '')\n | .................^"],
  ])("%j", (expr, issue) => {
    expect(compileError(expr)).toBe(`compilation failed: ${issue}`);
  });

  it("checks the result type as compile.go does", () => {
    expect(compileError("object.spec.enabled", ["bool"])).toBe("must evaluate to bool but got dyn");
    expect(compileError("'a' + 'b'", ["bool"])).toBe("must evaluate to bool but got string");
    expect(compileError("object.metadata.name", ["string"])).toBe("must evaluate to string but got dyn");
    expect(compileError("1", ["string", "null"])).toBe("must evaluate to one of [string null_type] but got int");
    expect(compileError("['a']", ["bool"])).toBe("must evaluate to bool but got list(string)");
    expect(compileError("object.spec.enabled == true", ["bool"])).toBeUndefined();
    expect(compileError("'x: ' + object.metadata.name", ["string"])).toBeUndefined();
  });

  it("puts wide dots under non-ASCII characters, as cel-go does", () => {
    expect(formatIssue("'é' + 1", { offset: 4, message: "m" })).toBe("ERROR: <input>:1:5: m\n | 'é' + 1\n | .．..^");
  });

  it("spells cel-js types as cel-go", () => {
    expect(celGoTypeName("list<string>")).toBe("list(string)");
    expect(celGoTypeName("map<string, list<int>>")).toBe("map(string, list(int))");
    expect(celGoTypeName("list")).toBe("list(dyn)");
    expect(celGoTypeName("null")).toBe("null_type");
    expect(celGoTypeName("optional<string>")).toBe("optional_type(string)");
    expect(celGoTypeName("net.CIDR")).toBe("net.CIDR");
  });
});

describe("runtime errors", () => {
  it.each([
    ["object.spec.cidr == 'x'", { object: { spec: {} } }, "no such key: cidr"],
    ["oldObject.spec.cidrs.size() > 0", { oldObject: null }, "no such key: spec"],
    ["object.spec.cidrs[3] == 'x'", { object: { spec: { cidrs: ["a"] } } }, "index out of bounds: 3"],
    ["object.n / 0 == 1", { object: { n: 1n } }, "division by zero"],
    ["object.n % 0 == 1", { object: { n: 1n } }, "modulus by zero"],
    ["object.n.size() > 0", { object: { n: 1n } }, "no such overload: size"],
    ["object.n + 'a' == 'x'", { object: { n: 1n } }, "no such overload"],
    ["cidr('10.0.0.0/8').containsCIDR(object.n)", { object: { n: 1n } }, "no such overload: containsCIDR"],
    ["ip(object.x).family() == 4", { object: { x: "10.0.0" } }, 'IP Address "10.0.0" parse error during conversion from string: ParseAddr("10.0.0"): IPv4 address too short'],
  ])("%s", (expr, activation, err) => {
    expect(run(expr, activation as Record<string, unknown>)).toEqual({ runtimeError: err });
  });

  it("treats JSON integers as CEL ints", () => {
    expect(run("object.spec.replicas + 1 == 4", { object: { spec: { replicas: 3n } } })).toEqual({ value: true });
  });
});

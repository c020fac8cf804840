/**
 * The other Kubernetes CEL libraries a policy meets: lists (lists.go), the strings extension additions
 * (cel-go ext strings v2), regex (regex.go) and urls (urls.go), with their documented examples.
 */
import { describe, expect, it } from "vitest";
import { run, value } from "./cel-helpers.ts";

describe("lists", () => {
  it.each([
    ["[1, 2, 3].isSorted()", true],
    ["[1, 3, 2].isSorted()", false],
    ["['a', 'b', 'b', 'c'].isSorted()", true],
    ["[].isSorted()", true],
    ["[1, 2, 3].sum()", 6n],
    ["[1.0, 2.5].sum()", 3.5],
    ["[].sum()", 0n],
    ["[1, 2, 3].min()", 1n],
    ["[1, 2, 3].max()", 3n],
    ["['b', 'a'].min()", "a"],
    ["[1, 2, 2, 3].indexOf(2)", 1n],
    ["['a', 'b', 'b', 'c'].lastIndexOf('b')", 2n],
    ["[1.0].indexOf(1.1)", -1n],
    ["[].indexOf('string')", -1n],
    ["object.ports.map(p, p.port).max()", 443n],
  ])("%s", (expr, want) => {
    expect(value(expr, { object: { ports: [{ port: 80n }, { port: 443n }] } })).toEqual(want);
  });

  it("refuses min and max of an empty list at run time", () => {
    expect(run("object.l.min()", { object: { l: [] } })).toEqual({ runtimeError: "min called on empty list" });
    expect(run("object.l.max()", { object: { l: [] } })).toEqual({ runtimeError: "max called on empty list" });
  });

  it("refuses a list of maps when compiled", () => {
    // cel-go names the element type, list(map(string, int)); cel-js only knows it is a list.
    expect(run("[{'a': 1}].isSorted()")).toMatchObject({ compileError: expect.stringContaining("found no matching overload for 'isSorted' applied to 'list(") });
  });
});

describe("strings", () => {
  it.each([
    ["'hello'.charAt(1)", "e"],
    ["'hello'.charAt(5)", ""],
    ["'héllo'.charAt(1)", "é"],
    ["'hello mellow'.indexOf('ello')", 1n],
    ["'hello mellow'.lastIndexOf('ello')", 7n],
    ["'TacoCat'.lowerAscii()", "tacocat"],
    ["'TacoCat'.upperAscii()", "TACOCAT"],
    ["'hello hello'.replace('he', 'we')", "wello wello"],
    ["'hello hello'.replace('he', 'we', 1)", "wello hello"],
    ["'hello hello'.replace('he', 'we', 0)", "hello hello"],
    ["'ab'.replace('', '-')", "-a-b-"],
    ["'a,b,c'.split(',')", ["a", "b", "c"]],
    ["'a,b,c'.split(',', 2)", ["a", "b,c"]],
    ["'tacocat'.substring(4)", "cat"],
    ["'tacocat'.substring(0, 4)", "taco"],
    ["'  \\ttrim\\n    '.trim()", "trim"],
    ["['hello', 'mellow'].join(' ')", "hello mellow"],
    ["strings.quote('single-quote with \"double quote\"')", '"single-quote with \\"double quote\\""'],
    ["strings.quote('two escape sequences \\\\a\\\\n')", '"two escape sequences \\\\a\\\\n"'],
  ])("%s", (expr, want) => {
    expect(value(expr)).toEqual(want);
  });

  it("refuses charAt past the end", () => {
    expect(run("'hello'.charAt(6)")).toEqual({ runtimeError: "index out of range: 6" });
  });
});

describe("regex", () => {
  it.each([
    ["'abc 123'.find('[0-9]+')", "123"],
    ["'abc 123'.find('xyz')", ""],
    ["'123 abc 456'.findAll('[0-9]+')", ["123", "456"]],
    ["'123 abc 456'.findAll('[0-9]+', 1)", ["123"]],
    ["'123 abc 456'.findAll('xyz')", []],
    ["'ABC'.find('(?i)b')", "B"],
  ])("%s", (expr, want) => {
    expect(value(expr)).toEqual(want);
  });

  it("refuses a bad pattern at run time", () => {
    expect(run("'abc'.find(object.re)", { object: { re: "[" } })).toMatchObject({ runtimeError: expect.stringMatching(/^Illegal regex: error parsing regexp: /) });
  });
});

describe("urls", () => {
  it.each([
    ["url('https://example.com:80/').getHost()", "example.com:80"],
    ["url('https://example.com/').getHost()", "example.com"],
    ["url('https://[::1]:80/').getHost()", "[::1]:80"],
    ["url('https://[::1]/').getHostname()", "::1"],
    ["url('https://example.com:80/').getHostname()", "example.com"],
    ["url('https://example.com:80/').getPort()", "80"],
    ["url('https://example.com/').getPort()", ""],
    ["url('https://example.com/path').getScheme()", "https"],
    ["url('/absolute-path').getScheme()", ""],
    ["url('https://example.com/path with spaces/').getEscapedPath()", "/path%20with%20spaces/"],
    ["url('https://example.com/a%2Fb').getEscapedPath()", "/a%2Fb"],
    ["url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()", { k1: ["a"], k2: ["b", "c"] }],
    ["isURL('https://example.com/')", true],
    ["isURL('/absolute-path')", true],
    ["isURL('../relative-path')", false],
    ["isURL('')", false],
  ])("%s", (expr, want) => {
    expect(value(expr)).toEqual(want);
  });

  it("refuses a relative URL at run time", () => {
    expect(run("url('../relative')")).toEqual({ runtimeError: 'URL parse error during conversion from string: parse "../relative": invalid URI for request' });
  });
});

describe("optional and has()", () => {
  it.each([
    ["object.?spec.?ipFamilyPolicy.orValue('SingleStack')", "SingleStack"],
    ["has(object.spec.clusterIP)", false],
    ["has(object.spec)", true],
  ])("%s", (expr, want) => {
    expect(value(expr, { object: { spec: {} } })).toEqual(want);
  });
});

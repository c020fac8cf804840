// Cases ported from staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go
// and labels_test.go (Kubernetes v1.34). Error texts are asserted verbatim;
// the ones not spelled out in selector_test.go were derived by walking
// selector.go and cross-checked against upstream tests elsewhere (e.g.
// `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ...`
// in apiserver's list-options tests).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  LabelSelector,
  type Requirement,
  SelectorParseError,
  formatLabels,
  goQuote,
  goSortInterface,
  goStringCompare,
  newRequirement,
} from "../../../src/apiserver/machinery/labels.ts";

const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const QNAME_NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const QNAME_SLASHES_MSG =
  "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function parseError(text: string): string {
  try {
    LabelSelector.parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(SelectorParseError);
    return (e as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

const req = (key: string, operator: Requirement["operator"], values: string[] = []): Requirement => ({
  key,
  operator,
  values,
});

describe("TestSelectorParse", () => {
  const good = ["x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"];
  it.each(good)("round-trips %j (spaces removed)", (text) => {
    expect(LabelSelector.parse(text).toString()).toBe(text.replaceAll(" ", ""));
  });

  const bad = ["x=a||y=b", "x==a==b", "!x=a", "x<a"];
  it.each(bad)("rejects %j", (text) => {
    expect(() => LabelSelector.parse(text)).toThrow(SelectorParseError);
  });
});

describe("TestDeterministicParse", () => {
  it("sorts requirements by key", () => {
    expect(LabelSelector.parse("x=a,a=x").toString()).toBe(LabelSelector.parse("a=x,x=a").toString());
    expect(LabelSelector.parse("x=a,a=x").toString()).toBe("a=x,x=a");
  });
});

describe("TestSelectorMatches", () => {
  const yes: [string, Record<string, string>][] = [
    ["", { x: "y" }],
    ["x=y", { x: "y" }],
    ["x=y,z=w", { x: "y", z: "w" }],
    ["x!=y,z!=w", { x: "z", z: "a" }],
    ["notin=in", { notin: "in" }], // in and notin in exactMatch
    ["x", { x: "z" }],
    ["!x", { y: "z" }],
    ["x>1", { x: "2" }],
    ["x<1", { x: "0" }],
    ["foo=bar", { foo: "bar", baz: "blah" }],
    ["baz=blah", { foo: "bar", baz: "blah" }],
    ["foo=bar,baz=blah", { foo: "bar", baz: "blah" }],
  ];
  const no: [string, Record<string, string>][] = [
    ["x=z", {}],
    ["x=y", { x: "z" }],
    ["x=y,z=w", { x: "w", z: "w" }],
    ["x!=y,z!=w", { x: "z", z: "w" }],
    ["x", { y: "z" }],
    ["!x", { x: "z" }],
    ["x>1", { x: "0" }],
    ["x<1", { x: "2" }],
    ["foo=blah", { foo: "bar", baz: "blah" }],
    ["baz=bar", { foo: "bar", baz: "blah" }],
    ["foo=bar,foobar=bar,baz=blah", { foo: "bar", baz: "blah" }],
  ];
  it.each(yes)("%j matches %j", (sel, labels) => expect(LabelSelector.parse(sel).matches(labels)).toBe(true));
  it.each(no)("%j does not match %j", (sel, labels) => expect(LabelSelector.parse(sel).matches(labels)).toBe(false));

  it("treats undefined labels as the empty set", () => {
    expect(LabelSelector.parse("!x").matches(undefined)).toBe(true);
    expect(LabelSelector.parse("x notin (a)").matches(undefined)).toBe(true);
    expect(LabelSelector.parse("x").matches(undefined)).toBe(false);
  });

  it("does not see inherited object properties as labels", () => {
    expect(LabelSelector.parse("constructor").matches({})).toBe(false);
    expect(LabelSelector.parse("!toString").matches({})).toBe(true);
  });
});

describe("TestEverything / TestSetIsEmpty / TestNilMapIsValid", () => {
  it("everything matches and is empty", () => {
    expect(LabelSelector.everything().matches({ x: "y" })).toBe(true);
    expect(LabelSelector.everything().isEmpty()).toBe(true);
    expect(LabelSelector.everything().toString()).toBe("");
    expect(LabelSelector.parse("").isEmpty()).toBe(true);
    expect(LabelSelector.parse(" \t\r\n").isEmpty()).toBe(true);
  });

  it("sets convert to equality selectors", () => {
    expect(LabelSelector.fromMatchLabels({}).isEmpty()).toBe(true);
    expect(LabelSelector.fromMatchLabels(undefined).isEmpty()).toBe(true);
    const labelset = { foo: "bar", baz: "blah" };
    const sets: Record<string, string>[] = [{}, { foo: "bar" }, { baz: "blah" }, { foo: "bar", baz: "blah" }];
    for (const set of sets) {
      expect(LabelSelector.fromMatchLabels(set).matches(labelset)).toBe(true);
    }
    expect(LabelSelector.fromMatchLabels({ foo: "bar", baz: "blah" }).toString()).toBe("baz=blah,foo=bar");
    expect(LabelSelector.fromMatchLabels({ foo: "x" }).matches(labelset)).toBe(false);
  });

  it("nothing matches nothing, is not empty, and prints as empty", () => {
    const n = LabelSelector.nothing();
    expect(n.matches({})).toBe(false);
    expect(n.matches(undefined)).toBe(false);
    expect(n.isEmpty()).toBe(false);
    expect(n.matchesNothing()).toBe(true);
    expect(n.toString()).toBe("");
    expect(n.add(req("a", "exists")).matchesNothing()).toBe(true);
  });
});

describe("TestToString", () => {
  const cases: [Requirement[], string][] = [
    [[req("x", "in", ["abc", "def"]), req("y", "notin", ["jkl"]), req("z", "exists")], "x in (abc,def),y notin (jkl),z"],
    [[req("x", "notin", ["abc", "def"]), req("y", "!=", ["jkl"]), req("z", "!")], "x notin (abc,def),y!=jkl,!z"],
    [[req("x", "notin", ["abc"]), req("y", "in", ["jkl", "mno"]), req("z", "notin", [""])], "x notin (abc),y in (jkl,mno),z notin ()"],
    [[req("x", "=", ["abc"]), req("y", "==", ["jkl"]), req("z", "!=", ["a"]), req("z", "exists")], "x=abc,y==jkl,z!=a,z"],
    [[req("x", "gt", ["2"]), req("y", "lt", ["8"]), req("z", "exists")], "x>2,y<8,z"],
    // Values are printed sorted without mutating the requirement.
    [[req("x", "in", ["def", "abc", ""])], "x in (,abc,def)"],
  ];
  it.each(cases)("%j prints as %j", (reqs, out) => {
    const reqsCopy = structuredClone(reqs);
    expect(LabelSelector.everything().add(...reqs).toString()).toBe(out);
    expect(reqs).toEqual(reqsCopy);
  });
});

describe("TestRequirementSelectorMatching", () => {
  const cases: [Record<string, string>, Requirement[], boolean][] = [
    [{ x: "foo", y: "baz" }, [req("x", "in", ["foo"]), req("y", "notin", ["alpha"])], true],
    [{ x: "foo", y: "baz" }, [req("x", "in", ["foo"]), req("y", "in", ["alpha"])], false],
    [{ y: "" }, [req("x", "notin", [""]), req("y", "exists")], true],
    [{ y: "" }, [req("x", "!"), req("y", "exists")], true],
    [{ y: "" }, [req("x", "notin", [""]), req("y", "!")], false],
    [{ y: "baz" }, [req("x", "in", [""])], false],
    [{ z: "2" }, [req("z", "gt", ["1"])], true],
    [{ z: "v2" }, [req("z", "gt", ["1"])], false],
  ];
  it.each(cases)("%j", (labels, reqs, want) => {
    expect(LabelSelector.everything().add(...reqs).matches(labels)).toBe(want);
  });

  it("compares gt/lt as int64, not as floats or strings", () => {
    expect(LabelSelector.parse("x>9007199254740992").matches({ x: "9007199254740993" })).toBe(true);
    expect(LabelSelector.parse("x<10").matches({ x: "9" })).toBe(true);
    expect(LabelSelector.parse("x<10").matches({ x: "-3" })).toBe(true);
    expect(LabelSelector.parse("x<10").matches({ x: "+3" })).toBe(true);
    expect(LabelSelector.parse("x>1").matches({ x: "1.5" })).toBe(false);
    expect(LabelSelector.parse("x>1").matches({ x: "1_000" })).toBe(false);
    expect(LabelSelector.parse("x>1").matches({ x: "9223372036854775808" })).toBe(false);
    expect(LabelSelector.parse("x<1").matches({ x: "-9223372036854775808" })).toBe(true);
    expect(LabelSelector.parse("x>1").matches({})).toBe(false);
  });
});

describe("TestSetSelectorParser", () => {
  const valid: [string, Requirement[]][] = [
    ["", []],
    ["\rx", [req("x", "exists")]],
    ["this-is-a-dns.domain.com/key-with-dash", [req("this-is-a-dns.domain.com/key-with-dash", "exists")]],
    [
      "this-is-another-dns.domain.com/key-with-dash in (so,what)",
      [req("this-is-another-dns.domain.com/key-with-dash", "in", ["so", "what"])],
    ],
    ["0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", [req("0.1.2.domain/99", "notin", ["10.10.100.1", "tick.tack.clock"])]],
    ["foo  in\t (abc)", [req("foo", "in", ["abc"])]],
    ["x notin\n (abc)", [req("x", "notin", ["abc"])]],
    ["x  notin\t\t\t(abc,def)", [req("x", "notin", ["abc", "def"])]],
    ["x in (abc,def)", [req("x", "in", ["abc", "def"])]],
    ["x in (abc,)", [req("x", "in", ["", "abc"])]],
    ["x in ()", [req("x", "in", [""])]],
    [
      "x notin (abc,,def),bar,z in (),w",
      [req("bar", "exists"), req("w", "exists"), req("x", "notin", ["", "abc", "def"]), req("z", "in", [""])],
    ],
    ["x,y in (a)", [req("x", "exists"), req("y", "in", ["a"])]],
    ["x=a", [req("x", "=", ["a"])]],
    ["x>1", [req("x", "gt", ["1"])]],
    ["x<7", [req("x", "lt", ["7"])]],
    ["x=a,y!=b", [req("x", "=", ["a"]), req("y", "!=", ["b"])]],
    ["x=a,y!=b,z in (h,i,j)", [req("x", "=", ["a"]), req("y", "!=", ["b"]), req("z", "in", ["h", "i", "j"])]],
    ["x notin ( )", [req("x", "notin", [""])]],
    ["x notin (, a)", [req("x", "notin", ["", "a"])]],
    ["a ", [req("a", "exists")]],
    // 'in' and 'notin' are plain identifiers inside a value list.
    ["a in (x,y,notin, z,in)", [req("a", "in", ["in", "notin", "x", "y", "z"])]],
    // Duplicates collapse (upstream collects values in a set).
    ["a in (b,b,a)", [req("a", "in", ["a", "b"])]],
    ["x in (a,,b)", [req("x", "in", ["", "a", "b"])]],
    ["x==a", [req("x", "==", ["a"])]],
    ["x == a , y != b", [req("x", "==", ["a"]), req("y", "!=", ["b"])]],
    ["! x", [req("x", "!")]],
    ["in in (notin)", [req("in", "in", ["notin"])]],
    ["!notin", [req("notin", "!")]],
    ["x=in", [req("x", "=", ["in"])]],
  ];
  it.each(valid)("parses %j", (text, want) => {
    expect(LabelSelector.parse(text).requirements).toEqual(want);
  });

  const invalid: [string, string][] = [
    [
      "x=a||y=b",
      `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${LABEL_VALUE_MSG}`,
    ],
    ["x,,y", "found ',', expected: identifier after ','"],
    [",x,y", "found ',', expected: !, identifier, or 'end of string'"],
    ["x nott in (y)", "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ["a in (xyz),", "found '', expected: identifier after ','"],
    ["a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'"],
    ["a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ["a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ["a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ["(", "found '(', expected: !, identifier, or 'end of string'"],
    ["x==a==b", "found '==', expected: ',' or 'end of string'"],
    ["!x=a", "found '=', expected: ',' or 'end of string'"],
    ["x<a", `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ["x>1.5", `unable to parse requirement: values[0]: Invalid value: "1.5": for 'Gt', 'Lt' operators, the value must be an integer`],
    [
      "x>99999999999999999999",
      `unable to parse requirement: values[0]: Invalid value: "99999999999999999999": for 'Gt', 'Lt' operators, the value must be an integer`,
    ],
    // Parses as an int64 but is not a label value.
    ["x>-1", `unable to parse requirement: values[0][x]: Invalid value: "-1": ${LABEL_VALUE_MSG}`],
    ["x in a", "unable to parse requirement: found 'a' expected: '('"],
    ["x in (a", "unable to parse requirement: found '', expected: ',' or ')'"],
    ["x in (a=", "unable to parse requirement: found '=', expected: ',' or ')'"],
    ["x in (=", "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ["x in (,=", "unable to parse requirement: found '=', expected: ',', or identifier"],
    ["x=(", "unable to parse requirement: found '(', expected: identifier"],
    ["!", "unable to parse requirement: found '', expected: identifier"],
    ["!!x", "unable to parse requirement: found '!', expected: identifier"],
    ["!=a", "found '!=', expected: !, identifier, or 'end of string'"],
    ["x)", "unable to parse requirement: found ')', expected: in, notin, =, ==, !=, gt, lt"],
    ["x>=1", "unable to parse requirement: found '=', expected: identifier"],
    ["x=a b", "found 'b', expected: ',' or 'end of string'"],
    ["x,", "found '', expected: identifier after ','"],
    // Keys are validated as qualified names before anything else.
    [
      "app:monolith",
      `unable to parse requirement: <nil>: Invalid value: "app:monolith": ${QNAME_NAME_MSG}`,
    ],
    ["app: nginx", `unable to parse requirement: <nil>: Invalid value: "app:": ${QNAME_NAME_MSG}`],
    ["a/b/c ?=? def", `unable to parse requirement: <nil>: Invalid value: "a/b/c": ${QNAME_SLASHES_MSG}`],
    [
      "app.kubernetes_io/name=vault",
      `unable to parse requirement: <nil>: Invalid value: "app.kubernetes_io/name": prefix part ${SUBDOMAIN_MSG}`,
    ],
    [
      "Bad_/-x",
      `unable to parse requirement: <nil>: Invalid value: "Bad_/-x": prefix part ${SUBDOMAIN_MSG}; ${QNAME_NAME_MSG}`,
    ],
    [`${"k".repeat(64)}`, `unable to parse requirement: <nil>: Invalid value: "${"k".repeat(64)}": name part must be no more than 63 characters`],
    // Bad values: one field error per value, aggregated in brackets.
    [
      "x in (-a,b_)",
      `unable to parse requirement: [values[0][x]: Invalid value: "-a": ${LABEL_VALUE_MSG}, values[1][x]: Invalid value: "b_": ${LABEL_VALUE_MSG}]`,
    ],
    [
      `x=${"v".repeat(64)}`,
      `unable to parse requirement: values[0][x]: Invalid value: "${"v".repeat(64)}": must be no more than 63 characters`,
    ],
    [
      `x=${"v".repeat(64)}-`,
      `unable to parse requirement: values[0][x]: Invalid value: "${"v".repeat(64)}-": must be no more than 63 characters; ${LABEL_VALUE_MSG}`,
    ],
    // Bad values are quoted the way Go's %q does it.
    ['a"b', `unable to parse requirement: <nil>: Invalid value: "a\\"b": ${QNAME_NAME_MSG}`],
    ["x=é", `unable to parse requirement: values[0][x]: Invalid value: "é": ${LABEL_VALUE_MSG}`],
    ["x=\u00a0", `unable to parse requirement: values[0][x]: Invalid value: "\\u00a0": ${LABEL_VALUE_MSG}`],
    ["x=\u0001", `unable to parse requirement: values[0][x]: Invalid value: "\\x01": ${LABEL_VALUE_MSG}`],
    // An embedded NUL ends the current token, as Go's byte lexer does.
    ["a\u0000b=c", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
  ];
  it.each(invalid)("rejects %j", (text, message) => {
    expect(parseError(text)).toBe(message);
  });
});

describe("Lexer behaviour observable through parse", () => {
  it("treats non-special characters as identifier text", () => {
    expect(parseError("~")).toBe(`unable to parse requirement: <nil>: Invalid value: "~": ${QNAME_NAME_MSG}`);
    expect(parseError("||")).toBe(`unable to parse requirement: <nil>: Invalid value: "||": ${QNAME_NAME_MSG}`);
  });

  it("takes the longest operator token", () => {
    expect(LabelSelector.parse("x!=a").requirements).toEqual([req("x", "!=", ["a"])]);
    expect(LabelSelector.parse("x==a").requirements).toEqual([req("x", "==", ["a"])]);
    // "=!" is "=" followed by "!".
    expect(parseError("x=!a")).toBe("unable to parse requirement: found '!', expected: identifier");
  });

  it("splits only on space, tab, CR and LF", () => {
    expect(LabelSelector.parse(" \tx\r\n=\na ").requirements).toEqual([req("x", "=", ["a"])]);
    expect(parseError("x=\u000ba")).toBe(`unable to parse requirement: values[0][x]: Invalid value: "\\va": ${LABEL_VALUE_MSG}`);
  });
});

describe("TestRequirementConstructor (newRequirement)", () => {
  it("accepts well-formed requirements", () => {
    expect(newRequirement("x", "in", ["foo"])).toEqual(req("x", "in", ["foo"]));
    expect(newRequirement("x", "notin", ["foo"])).toEqual(req("x", "notin", ["foo"]));
    expect(newRequirement("x", "exists", [])).toEqual(req("x", "exists"));
    expect(newRequirement("x", "!", [])).toEqual(req("x", "!"));
    expect(newRequirement("1foo", "in", ["bar"])).toEqual(req("1foo", "in", ["bar"]));
    expect(newRequirement("1234", "in", ["bar"])).toEqual(req("1234", "in", ["bar"]));
    expect(newRequirement("y", "gt", ["1"])).toEqual(req("y", "gt", ["1"]));
    expect(newRequirement("z", "lt", ["6"])).toEqual(req("z", "lt", ["6"]));
  });

  const bad: [string, Requirement["operator"], string[], string][] = [
    ["x", "in", [], "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"],
    ["x", "notin", [], "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"],
    ["x", "=", ["foo", "bar"], 'values: Invalid value: []string{"foo", "bar"}: exact-match compatibility requires one single value'],
    ["x", "exists", ["foo"], 'values: Invalid value: []string{"foo"}: values set must be empty for exists and does not exist'],
    ["x", "gt", [], "values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required"],
    ["foo", "gt", ["bar"], `values[0]: Invalid value: "bar": for 'Gt', 'Lt' operators, the value must be an integer`],
    ["barz", "lt", ["blah"], `values[0]: Invalid value: "blah": for 'Gt', 'Lt' operators, the value must be an integer`],
    [
      "x",
      "gt",
      ["1", "b"],
      `[values: Invalid value: []string{"1", "b"}: for 'Gt', 'Lt' operators, exactly one value is required, values[1]: Invalid value: "b": for 'Gt', 'Lt' operators, the value must be an integer]`,
    ],
    ["x", "=", ["a b"], `values[0][x]: Invalid value: "a b": ${LABEL_VALUE_MSG}`],
    [
      "x",
      "=",
      ["a".repeat(254)],
      `values[0][x]: Invalid value: "${"a".repeat(254)}": must be no more than 63 characters`,
    ],
    // breaks DNS rule that len(key) <= 253
    ["a".repeat(254), "exists", [], `key: Invalid value: "${"a".repeat(254)}": name part must be no more than 63 characters`],
    [
      "x",
      "bogus" as Requirement["operator"],
      [],
      'operator: Unsupported value: "bogus": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"',
    ],
  ];
  it.each(bad)("%j %j %j", (key, op, values, message) => {
    expect(() => newRequirement(key, op, values)).toThrow(new SelectorParseError(message));
  });

  it("returns an immutable copy", () => {
    const values = ["a"];
    const r = newRequirement("x", "in", values);
    values.push("b");
    expect(r.values).toEqual(["a"]);
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r.values)).toBe(true);
  });
});

describe("TestAdd", () => {
  it("adds and re-sorts", () => {
    const s1 = LabelSelector.everything().add(newRequirement("key", "in", ["value"]));
    expect(s1.requirements).toEqual([req("key", "in", ["value"])]);
    const s2 = s1.add(newRequirement("key2", "=", ["value2"]));
    expect(s2.requirements).toEqual([req("key", "in", ["value"]), req("key2", "=", ["value2"])]);
    const s3 = s2.add(newRequirement("a", "exists", []));
    expect(s3.toString()).toBe("a,key in (value),key2=value2");
    // The receiver is untouched.
    expect(s1.toString()).toBe("key in (value)");
  });
});

describe("RequiresExactMatch", () => {
  it("finds the pinned value of the first requirement on a key", () => {
    const s = LabelSelector.parse("a=1,b in (2),c in (3,4),d!=5,e");
    expect(s.requiresExactMatch("a")).toBe("1");
    expect(s.requiresExactMatch("b")).toBe("2");
    expect(s.requiresExactMatch("c")).toBeUndefined();
    expect(s.requiresExactMatch("d")).toBeUndefined();
    expect(s.requiresExactMatch("e")).toBeUndefined();
    expect(s.requiresExactMatch("z")).toBeUndefined();
  });
});

describe("fromLabelSelector (metav1.LabelSelectorAsSelector)", () => {
  it("maps null to nothing and an empty selector to everything", () => {
    expect(LabelSelector.fromLabelSelector(null).matchesNothing()).toBe(true);
    expect(LabelSelector.fromLabelSelector(undefined).matches({})).toBe(false);
    expect(LabelSelector.fromLabelSelector({}).isEmpty()).toBe(true);
    expect(LabelSelector.fromLabelSelector({ matchLabels: {}, matchExpressions: [] }).matches({ a: "b" })).toBe(true);
  });

  it("combines matchLabels and matchExpressions", () => {
    const s = LabelSelector.fromLabelSelector({
      matchLabels: { app: "web", tier: "fe" },
      matchExpressions: [
        { key: "env", operator: "In", values: ["qa", "prod"] },
        { key: "canary", operator: "DoesNotExist" },
        { key: "zone", operator: "NotIn", values: ["b"] },
        { key: "app", operator: "Exists" },
      ],
    });
    expect(s.toString()).toBe("app=web,app,!canary,env in (prod,qa),tier=fe,zone notin (b)");
    // Values keep the order they were given in; only String() sorts.
    expect(s.requirements.find((r) => r.key === "env")?.values).toEqual(["qa", "prod"]);
    expect(s.matches({ app: "web", tier: "fe", env: "qa" })).toBe(true);
    expect(s.matches({ app: "web", tier: "fe", env: "qa", zone: "b" })).toBe(false);
    expect(s.matches({ app: "web", tier: "fe", env: "dev" })).toBe(false);
    expect(s.matches({ app: "web", tier: "fe", env: "qa", canary: "" })).toBe(false);
  });

  it("reports NewRequirement errors with upstream field paths", () => {
    const err = (s: Parameters<typeof LabelSelector.fromLabelSelector>[0]) => {
      try {
        LabelSelector.fromLabelSelector(s);
      } catch (e) {
        expect(e).toBeInstanceOf(SelectorParseError);
        return (e as Error).message;
      }
      throw new Error("expected failure");
    };
    expect(err({ matchLabels: { "bad key": "v" } })).toBe(`key: Invalid value: "bad key": ${QNAME_NAME_MSG}`);
    expect(err({ matchLabels: { k: "-v" } })).toBe(`values[0][k]: Invalid value: "-v": ${LABEL_VALUE_MSG}`);
    // No values at all is a Go nil slice.
    expect(err({ matchExpressions: [{ key: "a", operator: "In" }] })).toBe(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
    expect(err({ matchExpressions: [{ key: "a", operator: "NotIn", values: [] }] })).toBe(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
    expect(err({ matchExpressions: [{ key: "a", operator: "Exists", values: ["x", "-y"] }] })).toBe(
      `[values: Invalid value: []string{"x", "-y"}: values set must be empty for exists and does not exist, values[1][a]: Invalid value: "-y": ${LABEL_VALUE_MSG}]`,
    );
    expect(
      err({ matchExpressions: [{ key: "a", operator: "Gt" as unknown as "In", values: ["1"] }] }),
    ).toBe('"Gt" is not a valid label selector operator');
  });
});

describe("formatLabels (labels.FormatLabels)", () => {
  it("prints <none> for no labels", () => {
    expect(formatLabels(undefined)).toBe("<none>");
    expect(formatLabels(null)).toBe("<none>");
    expect(formatLabels({})).toBe("<none>");
  });

  it("joins sorted k=v pairs", () => {
    expect(formatLabels({ tier: "fe", app: "web" })).toBe("app=web,tier=fe");
    expect(formatLabels({ "": "" })).toBe("=");
  });

  it("sorts the joined pairs, not the keys", () => {
    // '.' (0x2e) < '=' (0x3d), so "a.b=1" comes first although key "a" < "a.b".
    expect(formatLabels({ a: "2", "a.b": "1" })).toBe("a.b=1,a=2");
    expect(formatLabels({ a: "2", "a-b": "1" })).toBe("a-b=1,a=2");
    expect(formatLabels({ a: "2", a_b: "1" })).toBe("a=2,a_b=1");
  });
});

describe("Go runtime helpers", () => {
  it("goQuote matches strconv.Quote", () => {
    expect(goQuote("abc")).toBe('"abc"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote("\u0007\b\f\n\r\t\u000b")).toBe('"\\a\\b\\f\\n\\r\\t\\v"');
    expect(goQuote("\u0000\u001f\u007f")).toBe('"\\x00\\x1f\\x7f"');
    expect(goQuote("\u0080\u00a0\u00ad\u00e9")).toBe('"\\u0080\\u00a0\\u00adé"');
    expect(goQuote("日本😀")).toBe('"日本😀"');
    expect(goQuote("\u2028\ufeff")).toBe('"\\u2028\\ufeff"');
    expect(goQuote("\u{e0001}")).toBe('"\\U000e0001"');
  });

  it("goStringCompare orders by code point like Go's byte comparison", () => {
    expect(goStringCompare("a", "b")).toBeLessThan(0);
    expect(goStringCompare("a", "a")).toBe(0);
    expect(goStringCompare("a", "ab")).toBeLessThan(0);
    expect(goStringCompare("B", "a")).toBeLessThan(0);
    // U+FF21 vs U+1F600: UTF-16 says 0xFF21 > 0xD83D, UTF-8 says the opposite.
    expect(goStringCompare("\uff21", "😀")).toBeLessThan(0);
    expect("\uff21" < "😀").toBe(false);
  });

  it("goSortInterface sorts and keeps equal elements in a deterministic order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 300 }), (keys) => {
        const items = keys.map((k, id) => ({ k, id }));
        const a = [...items];
        const b = [...items];
        goSortInterface(a, (x, y) => x.k < y.k);
        goSortInterface(b, (x, y) => x.k < y.k);
        expect(a).toEqual(b);
        expect(a.map((x) => x.id).sort((p, q) => p - q)).toEqual(items.map((x) => x.id));
        for (let i = 1; i < a.length; i++) expect(a[i - 1]!.k).toBeLessThanOrEqual(a[i]!.k);
        // Up to 12 elements Go uses insertion sort, which is stable.
        if (items.length <= 12) expect(a).toEqual([...items].sort((x, y) => x.k - y.k));
      }),
    );
  });

  it("goSortInterface handles adversarial shapes (reversed, sorted, sawtooth)", () => {
    for (const n of [13, 49, 50, 51, 200, 1000]) {
      const shapes = [
        Array.from({ length: n }, (_, i) => n - i),
        Array.from({ length: n }, (_, i) => i),
        Array.from({ length: n }, (_, i) => i % 7),
        Array.from({ length: n }, (_, i) => (i * 7919) % 97),
      ];
      for (const shape of shapes) {
        const arr = [...shape];
        goSortInterface(arr, (x, y) => x < y);
        expect(arr).toEqual([...shape].sort((x, y) => x - y));
      }
    }
  });
});

// ---------------------------------------------------------------------------
// Property: String() is a faithful serialization.
// ---------------------------------------------------------------------------

const nameArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,6}[A-Za-z0-9])?$/),
  fc.constantFrom("in", "notin", "a", "b"),
);
const prefixArb = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,4}[a-z0-9])?(\.[a-z0-9]{1,3}){0,2}$/);
const keyArb = fc.oneof(nameArb, fc.tuple(prefixArb, nameArb).map(([p, n]) => `${p}/${n}`));
const valueArb = fc.oneof(nameArb, fc.constant(""), fc.integer({ min: 0, max: 20 }).map(String));

const ops: Requirement["operator"][] = ["=", "==", "!=", "in", "notin", "exists", "!", "gt", "lt"];

// Requirements whose keys/values are drawn mostly from the label maps, so
// that matches() is exercised on both outcomes.
function requirementArb(keys: string[], values: string[]): fc.Arbitrary<Requirement> {
  const k = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), keyArb) : keyArb;
  const v = values.length > 0 ? fc.oneof(fc.constantFrom(...values), valueArb) : valueArb;
  return fc.tuple(k, fc.constantFrom(...ops), fc.array(v, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 20 }))
    .map(([key, operator, vals, n]) => {
      switch (operator) {
        case "exists":
        case "!":
          return newRequirement(key, operator, []);
        case "gt":
        case "lt":
          return newRequirement(key, operator, [String(n)]);
        case "in":
        case "notin":
          return newRequirement(key, operator, vals);
        default:
          return newRequirement(key, operator, [vals[0] ?? ""]);
      }
    });
}

const labelMapsArb = fc
  .tuple(fc.uniqueArray(keyArb, { minLength: 1, maxLength: 5 }), fc.array(valueArb, { minLength: 1, maxLength: 5 }))
  .chain(([keys, values]) =>
    fc.tuple(
      fc.array(
        fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...values), { maxKeys: keys.length }),
        { minLength: 1, maxLength: 8 },
      ),
      fc.array(requirementArb(keys, values), { maxLength: 16 }),
    ),
  );

describe("property: parse(sel.toString()) selects the same label sets", () => {
  it("holds for random selectors built from random label maps", () => {
    fc.assert(
      fc.property(labelMapsArb, ([maps, reqs]) => {
        const sel = LabelSelector.everything().add(...reqs);
        const text = sel.toString();
        const reparsed = LabelSelector.parse(text);
        for (const m of maps) {
          expect(reparsed.matches(m)).toBe(sel.matches(m));
        }
        // Once parsed (values de-duplicated), printing is a fixed point.
        expect(LabelSelector.parse(reparsed.toString()).toString()).toBe(reparsed.toString());
        expect(reparsed.isEmpty()).toBe(reqs.length === 0);
      }),
      { numRuns: 500 },
    );
  });

  it("holds for selectors from metav1.LabelSelector and from label sets", () => {
    fc.assert(
      fc.property(labelMapsArb, ([maps]) => {
        for (const m of maps) {
          const sel = LabelSelector.fromMatchLabels(m);
          expect(sel.matches(m)).toBe(true);
          const reparsed = LabelSelector.parse(sel.toString());
          for (const other of maps) expect(reparsed.matches(other)).toBe(sel.matches(other));
          const meta = LabelSelector.fromLabelSelector({
            matchLabels: m,
            matchExpressions: Object.keys(m).map((key) => ({ key, operator: "Exists" as const })),
          });
          const metaReparsed = LabelSelector.parse(meta.toString());
          for (const other of maps) expect(metaReparsed.matches(other)).toBe(meta.matches(other));
        }
      }),
      { numRuns: 300 },
    );
  });
});

// Cases ported from staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go
// and pkg/api/validation/path/name_test.go (Kubernetes v1.34), plus exact-message
// assertions: the apiserver embeds these strings verbatim in its responses.
import { describe, expect, it } from "vitest";
import {
  emptyError,
  inclusiveRangeError,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isInRange,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
  isValidPathSegmentPrefix,
  isValidPortName,
  isValidPortNum,
  maxLenError,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  regexError,
  utf8ByteLength,
} from "../../../src/apiserver/machinery/names.ts";

const r = (c: string, n: number) => c.repeat(n);

// The exact upstream strings, spelled out rather than rebuilt with the helpers.
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QNAME_NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const QNAME_SLASHES_MSG =
  "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe("message helpers", () => {
  it("formats like validation.go", () => {
    expect(maxLenError(253)).toBe("must be no more than 253 characters");
    expect(emptyError()).toBe("must be non-empty");
    expect(inclusiveRangeError(1, 65535)).toBe("must be between 1 and 65535, inclusive");
    expect(regexError("msg", "re")).toBe("msg (regex used for validation is 're')");
    expect(regexError("msg", "re", "a")).toBe("msg (e.g. 'a', regex used for validation is 're')");
    // The doubled space between examples is upstream's.
    expect(regexError("msg", "re", "a", "b", "c")).toBe(
      "msg (e.g. 'a',  or 'b',  or 'c', regex used for validation is 're')",
    );
  });

  it("measures length in UTF-8 bytes like Go's len()", () => {
    expect(utf8ByteLength("abc")).toBe(3);
    expect(utf8ByteLength("é")).toBe(2);
    expect(utf8ByteLength("€")).toBe(3);
    expect(utf8ByteLength("😀")).toBe(4);
    expect(utf8ByteLength("\ud800")).toBe(3);
  });
});

describe("isDNS1123Label", () => {
  const good = ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2", r("a", 63)];
  const bad = [
    "", "A", "ABC", "aBc", "A1", "A-1", "1-A",
    "-", "a-", "-a", "1-", "-1",
    "_", "a_", "_a", "a_b", "1_", "_1", "1_2",
    ".", "a.", ".a", "a.b", "1.", ".1", "1.2",
    " ", "a ", " a", "a b", "1 ", " 1", "1 2",
    r("a", 64),
  ];
  it.each(good)("accepts %j", (v) => expect(isDNS1123Label(v)).toEqual([]));
  it.each(bad)("rejects %j", (v) => expect(isDNS1123Label(v).length).toBeGreaterThan(0));

  it("uses upstream messages", () => {
    expect(isDNS1123Label("A")).toEqual([DNS1123_LABEL_MSG]);
    // A valid subdomain that is not a label can only be failing on dots.
    expect(isDNS1123Label("a.b")).toEqual(["must not contain dots"]);
    expect(isDNS1123Label(r("a", 64))).toEqual(["must be no more than 63 characters"]);
    expect(isDNS1123Label(`${r("a", 63)}.b`)).toEqual(["must be no more than 63 characters", "must not contain dots"]);
    expect(isDNS1123Label(`${r("a", 64)}-`)).toEqual(["must be no more than 63 characters", DNS1123_LABEL_MSG]);
  });
});

describe("isDNS1123Subdomain", () => {
  const good = [
    "a", "ab", "abc", "a1", "a-1", "a--1--2--b",
    "0", "01", "012", "1a", "1-a", "1--a--b--2",
    "a.a", "ab.a", "abc.a", "a1.a", "a-1.a", "a--1--2--b.a",
    "a.1", "ab.1", "abc.1", "a1.1", "a-1.1", "a--1--2--b.1",
    "0.a", "01.a", "012.a", "1a.a", "1-a.a", "1--a--b--2",
    "0.1", "01.1", "012.1", "1a.1", "1-a.1", "1--a--b--2.1",
    "a.b.c.d.e", "aa.bb.cc.dd.ee", "1.2.3.4.5", "11.22.33.44.55",
    r("a", 253),
  ];
  const bad = [
    "", "A", "ABC", "aBc", "A1", "A-1", "1-A",
    "-", "a-", "-a", "1-", "-1",
    "_", "a_", "_a", "a_b", "1_", "_1", "1_2",
    ".", "a.", ".a", "a..b", "1.", ".1", "1..2",
    " ", "a ", " a", "a b", "1 ", " 1", "1 2",
    "A.a", "aB.a", "ab.A", "A1.a", "a1.A",
    "A.1", "aB.1", "A1.1", "1A.1",
    "0.A", "01.A", "012.A", "1A.a", "1a.A",
    "A.B.C.D.E", "AA.BB.CC.DD.EE", "a.B.c.d.e", "aa.bB.cc.dd.ee",
    "a@b", "a,b", "a_b", "a;b",
    "a:b", "a%b", "a?b", "a$b",
    r("a", 254),
  ];
  it.each(good)("accepts %j", (v) => expect(isDNS1123Subdomain(v)).toEqual([]));
  it.each(bad)("rejects %j", (v) => expect(isDNS1123Subdomain(v).length).toBeGreaterThan(0));

  it("uses upstream messages", () => {
    expect(isDNS1123Subdomain("My_Pod")).toEqual([DNS1123_SUBDOMAIN_MSG]);
    expect(isDNS1123Subdomain(r("a", 254))).toEqual(["must be no more than 253 characters"]);
    expect(isDNS1123Subdomain(`${r("a", 253)}-`)).toEqual(["must be no more than 253 characters", DNS1123_SUBDOMAIN_MSG]);
  });

  it("counts bytes, not UTF-16 units, for the length limit", () => {
    // 127 two-byte characters = 254 bytes: Go reports both problems.
    expect(isDNS1123Subdomain(r("é", 127))).toEqual(["must be no more than 253 characters", DNS1123_SUBDOMAIN_MSG]);
  });
});

describe("isDNS1035Label", () => {
  const good = ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", r("a", 63)];
  const bad = [
    "0", "01", "012", "1a", "1-a", "1--a--b--2",
    "", "A", "ABC", "aBc", "A1", "A-1", "1-A",
    "-", "a-", "-a", "1-", "-1",
    "_", "a_", "_a", "a_b", "1_", "_1", "1_2",
    ".", "a.", ".a", "a.b", "1.", ".1", "1.2",
    " ", "a ", " a", "a b", "1 ", " 1", "1 2",
    r("a", 64),
  ];
  it.each(good)("accepts %j", (v) => expect(isDNS1035Label(v)).toEqual([]));
  it.each(bad)("rejects %j", (v) => expect(isDNS1035Label(v).length).toBeGreaterThan(0));

  it("uses upstream messages", () => {
    expect(isDNS1035Label("1-svc")).toEqual([DNS1035_LABEL_MSG]);
    // No "must not contain dots" special case for DNS-1035.
    expect(isDNS1035Label("a.b")).toEqual([DNS1035_LABEL_MSG]);
    expect(isDNS1035Label(r("a", 64))).toEqual(["must be no more than 63 characters"]);
  });
});

describe("isQualifiedName", () => {
  const good = [
    "simple",
    "now-with-dashes",
    "1-starts-with-num",
    "1234",
    "simple/simple",
    "now-with-dashes/simple",
    "now-with-dashes/now-with-dashes",
    "now.with.dots/simple",
    "now-with.dashes-and.dots/simple",
    "1-num.2-num/3-num",
    "1234/5678",
    "1.2.3.4/5678",
    "Uppercase_Is_OK_123",
    "example.com/Uppercase_Is_OK_123",
    "requests.storage-foo",
    r("a", 63),
    `${r("a", 253)}/${r("b", 63)}`,
  ];
  const bad = [
    "nospecialchars%^=@",
    "cantendwithadash-",
    "-cantstartwithadash-",
    "only/one/slash",
    "Example.com/abc",
    "example_com/abc",
    "example.com/",
    "/simple",
    r("a", 64),
    `${r("a", 254)}/abc`,
  ];
  it.each(good)("accepts %j", (v) => expect(isQualifiedName(v)).toEqual([]));
  it.each(bad)("rejects %j", (v) => expect(isQualifiedName(v).length).toBeGreaterThan(0));

  it("reports name-part problems", () => {
    expect(isQualifiedName("cantendwithadash-")).toEqual([QNAME_NAME_MSG]);
    expect(isQualifiedName("")).toEqual(["name part must be non-empty", QNAME_NAME_MSG]);
    expect(isQualifiedName("example.com/")).toEqual(["name part must be non-empty", QNAME_NAME_MSG]);
    expect(isQualifiedName(r("a", 64))).toEqual(["name part must be no more than 63 characters"]);
  });

  it("reports prefix problems with the subdomain wording", () => {
    expect(isQualifiedName("/simple")).toEqual(["prefix part must be non-empty"]);
    expect(isQualifiedName("Example.com/abc")).toEqual([`prefix part ${DNS1123_SUBDOMAIN_MSG}`]);
    expect(isQualifiedName(`${r("a", 254)}/abc`)).toEqual(["prefix part must be no more than 253 characters"]);
    expect(isQualifiedName("app.kubernetes_io/name")).toEqual([`prefix part ${DNS1123_SUBDOMAIN_MSG}`]);
    expect(isQualifiedName("Bad_/-x")).toEqual([`prefix part ${DNS1123_SUBDOMAIN_MSG}`, QNAME_NAME_MSG]);
  });

  it("short-circuits on more than one slash", () => {
    expect(isQualifiedName("only/one/slash")).toEqual([QNAME_SLASHES_MSG]);
    expect(isQualifiedName("//")).toEqual([QNAME_SLASHES_MSG]);
  });
});

describe("isValidLabelValue", () => {
  const good = ["simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", r("a", 63), ""];
  const bad = [
    "nospecialchars%^=@",
    "Tama-nui-te-rā.is.Māori.sun",
    "\\backslashes\\are\\bad",
    "-starts-with-dash",
    "ends-with-dash-",
    ".starts.with.dot",
    "ends.with.dot.",
    r("a", 64),
  ];
  it.each(good)("accepts %j", (v) => expect(isValidLabelValue(v)).toEqual([]));
  it.each(bad)("rejects %j", (v) => expect(isValidLabelValue(v).length).toBeGreaterThan(0));

  it("uses upstream messages", () => {
    expect(isValidLabelValue("-x")).toEqual([LABEL_VALUE_MSG]);
    expect(isValidLabelValue(r("a", 64))).toEqual(["must be no more than 63 characters"]);
    expect(isValidLabelValue(`${r("a", 64)}-`)).toEqual(["must be no more than 63 characters", LABEL_VALUE_MSG]);
    expect(isValidLabelValue(r("é", 32))).toEqual(["must be no more than 63 characters", LABEL_VALUE_MSG]);
  });
});

describe("isValidPathSegmentName", () => {
  it("rejects '.' and '..' with a single message", () => {
    expect(isValidPathSegmentName(".")).toEqual(["may not be '.'"]);
    expect(isValidPathSegmentName("..")).toEqual(["may not be '..'"]);
  });

  it("reports every forbidden substring", () => {
    expect(isValidPathSegmentName("a/b")).toEqual(["may not contain '/'"]);
    expect(isValidPathSegmentName("a%b")).toEqual(["may not contain '%'"]);
    expect(isValidPathSegmentName("a/%b")).toEqual(["may not contain '/'", "may not contain '%'"]);
    expect(isValidPathSegmentName("../x")).toEqual(["may not contain '/'"]);
  });

  it("accepts everything else", () => {
    for (const v of ["a", "...", ".a", "a.", "foo bar", "Ünïcode", ""]) {
      expect(isValidPathSegmentName(v)).toEqual([]);
    }
  });

  it("prefix variant skips the exact-name check", () => {
    expect(isValidPathSegmentPrefix(".")).toEqual([]);
    expect(isValidPathSegmentPrefix("..")).toEqual([]);
    expect(isValidPathSegmentPrefix("a/%")).toEqual(["may not contain '/'", "may not contain '%'"]);
  });
});

describe("isValidPortName", () => {
  const good = ["telnet", "re-mail-ck", "pop3", "a", "a-1", "1-a", "a-1-b-2-c", "1-a-2-b-3"];
  const bad = ["longerthan15characters", "", r("a", 16), "12345", "1-2-3-4", "-begin", "end-", "two--hyphens", "whois++"];
  it.each(good)("accepts %j", (v) => expect(isValidPortName(v)).toEqual([]));
  it.each(bad)("rejects %j", (v) => expect(isValidPortName(v).length).toBeGreaterThan(0));

  it("reports every applicable message in upstream order", () => {
    expect(isValidPortName("longerthan15characters")).toEqual(["must be no more than 15 characters"]);
    expect(isValidPortName("")).toEqual([
      "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
      "must contain at least one letter (a-z)",
    ]);
    expect(isValidPortName("12345")).toEqual(["must contain at least one letter (a-z)"]);
    expect(isValidPortName("-begin")).toEqual(["must not begin or end with a hyphen"]);
    expect(isValidPortName("two--hyphens")).toEqual(["must not contain consecutive hyphens"]);
    expect(isValidPortName("whois++")).toEqual([
      "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
    ]);
    expect(isValidPortName("HTTP")).toEqual([
      "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
      "must contain at least one letter (a-z)",
    ]);
    expect(isValidPortName("-")).toEqual(["must contain at least one letter (a-z)", "must not begin or end with a hyphen"]);
    expect(isValidPortName("--x--x--x--x--x--")).toEqual([
      "must be no more than 15 characters",
      "must not contain consecutive hyphens",
      "must not begin or end with a hyphen",
    ]);
  });
});

describe("port numbers and ranges", () => {
  it("isValidPortNum", () => {
    for (const p of [1, 2, 1000, 16384, 32768, 65535]) expect(isValidPortNum(p)).toEqual([]);
    for (const p of [0, -1, 65536, 100000]) {
      expect(isValidPortNum(p)).toEqual(["must be between 1 and 65535, inclusive"]);
    }
  });

  it("isInRange", () => {
    expect(isInRange(1, 0, 10)).toEqual([]);
    expect(isInRange(5, 5, 20)).toEqual([]);
    expect(isInRange(25, 10, 25)).toEqual([]);
    expect(isInRange(1, 2, 10)).toEqual(["must be between 2 and 10, inclusive"]);
    expect(isInRange(5, -4, 2)).toEqual(["must be between -4 and 2, inclusive"]);
  });
});

describe("ValidateNameFunc variants (generic.go)", () => {
  it("validate plain names", () => {
    expect(nameIsDNSSubdomain("my.pod", false)).toEqual([]);
    expect(nameIsDNSSubdomain("foo-", false)).toEqual([DNS1123_SUBDOMAIN_MSG]);
    expect(nameIsDNSLabel("kube-system", false)).toEqual([]);
    expect(nameIsDNS1035Label("1svc", false)).toEqual([DNS1035_LABEL_MSG]);
  });

  it("allow a trailing dash on generateName prefixes", () => {
    expect(nameIsDNSSubdomain("foo-", true)).toEqual([]);
    expect(nameIsDNSLabel("web-", true)).toEqual([]);
    expect(nameIsDNS1035Label("svc-", true)).toEqual([]);
    expect(nameIsDNSSubdomain("Foo-", true)).toEqual([DNS1123_SUBDOMAIN_MSG]);
  });

  it("mask two characters, as upstream's name[:len(name)-2] does", () => {
    // "a.b-" becomes "a.a", so the label check sees a dot.
    expect(nameIsDNSLabel("a.b-", true)).toEqual(["must not contain dots"]);
    // "a-b-" would be fine either way; "x_-" only passes because '_' is dropped.
    expect(nameIsDNSSubdomain("x_-", true)).toEqual([]);
    // The slice is on bytes: the multi-byte 'é' leaves a partial byte behind.
    expect(nameIsDNSSubdomain("aé-", true)).toEqual([DNS1123_SUBDOMAIN_MSG]);
    expect(nameIsDNSSubdomain("a😀-", true)).toEqual([DNS1123_SUBDOMAIN_MSG]);
  });

  it("panics like Go on a bare '-' prefix", () => {
    expect(() => nameIsDNSSubdomain("-", true)).toThrow("slice bounds out of range [:-1]");
    expect(nameIsDNSSubdomain("-", false)).toEqual([DNS1123_SUBDOMAIN_MSG]);
  });
});

import { describe, it, expect } from "vitest";
import { IP, isIPv4Mapped, isIPv4String, parseIPDetailed } from "../../src/net/index.ts";

describe("parseIPDetailed: invalid", () => {
  it.each([
    "",
    " ",
    " 10.0.0.1",
    "10.0.0.1 ",
    "10.0.0.1\n",
    "10.1",
    "10",
    "4294967295",
    "0x0a.0.0.1",
    "1.2.3.4.5",
    "1.2.3.",
    ".1.2.3",
    "1..2.3",
    "256.0.0.1",
    "1.2.3.-4",
    "+1.2.3.4",
    "1.2.3.4:80",
    "1.2.3.4/32",
    "fe80::1%eth0",
    "fe80::1%",
    "[::1]",
    "::1/128",
    "::ffff:1.2.3",
    "::ffff:1.2.3.256",
    "::ffff:a.2.3.4",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7:8::",
    "::1:2:3:4:5:6:7:8",
    "1:2:3:4:5:6:7::8",
    "2001:db8::1:1:1:1:1:1", // "::" standing for zero groups
    "1::2::3",
    ":::",
    ":1::",
    "1::2:",
    "1:2:3:4:5:6:7",
    "10000::",
    "g::1",
    "1:2:3:4:5:6:7:1.2.3.4",
    "1:2:3:4:5:1.2.3.4",
    "::1.2.3.4:5",
    "１.2.3.4", // fullwidth digit
  ])("%j", (text) => {
    expect(parseIPDetailed(text)).toEqual({ ip: null, problem: "invalid" });
    expect(IP.tryParse(text)).toBeNull();
    expect(() => IP.parse(text)).toThrow(Error);
  });
});

describe("parseIPDetailed: leading zeros", () => {
  it.each([
    ["010.0.0.1", "10.0.0.1"],
    ["10.001.0.1", "10.1.0.1"],
    ["00.0.0.0", "0.0.0.0"],
    ["0000000000255.0.0.1", "255.0.0.1"],
    ["::ffff:010.2.3.4", "::ffff:a02:304"],
    ["2001:db8::010.0.0.1", "2001:db8::a00:1"],
    // Go 1.16 xtoi accepts wide hex groups that netip refuses
    ["00001::1", "1::1"],
  ])("%j reads as decimal %s", (text, value) => {
    const r = parseIPDetailed(text);
    expect(r.problem).toBe("leading-zeros");
    expect(r.ip?.toString()).toBe(value);
    expect(IP.tryParse(text)).toBeNull();
    expect(() => IP.parse(text)).toThrow(/leading-zeros/);
  });

  it("is reported before ipv4-mapped and suggests the bare IPv4", () => {
    expect(parseIPDetailed("::ffff:010.2.3.4").canonical).toBe("10.2.3.4");
  });
});

describe("parseIPDetailed: ipv4-mapped", () => {
  it.each(["::ffff:1.2.3.4", "::ffff:102:304", "::FFFF:102:304", "0:0:0:0:0:ffff:1.2.3.4", "::ffff:0.0.0.0"])(
    "%j",
    (text) => {
      const r = parseIPDetailed(text);
      expect(r.problem).toBe("ipv4-mapped");
      expect(r.ip?.family).toBe("IPv6");
      expect(r.ip !== null && isIPv4Mapped(r.ip)).toBe(true);
      expect(IP.tryParse(text)).toBeNull();
    },
  );

  it("keeps the IPv6 value and suggests the IPv4 text", () => {
    const r = parseIPDetailed("::ffff:1.2.3.4");
    expect(r.ip?.value).toBe(0xffff01020304n);
    expect(r.canonical).toBe("1.2.3.4");
  });

  it("does not confuse the deprecated IPv4-compatible form with mapped", () => {
    // ipaddr.js reads "::1.2.3.4" as ::ffff:1.2.3.4; Go netip reads ::102:304.
    const r = parseIPDetailed("::1.2.3.4");
    expect(r.problem).toBe("non-canonical");
    expect(r.canonical).toBe("::102:304");
  });
});

describe("parseIPDetailed: non-canonical", () => {
  it.each([
    ["2001:DB8::1", "2001:db8::1"],
    ["2001:db8:0:0:0::1", "2001:db8::1"],
    ["::0:1", "::1"],
    ["0::", "::"],
    ["0:0:0:0:0:0:0:0", "::"],
    ["0:0:0:0:0:0:0:1", "::1"],
    ["1:0:0:0:0:0:0:0", "1::"],
    ["2001:0db8::1", "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"],
    ["2001:db8:0000:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"],
    ["::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"],
    ["::1.2.3.4", "::102:304"],
    ["64:ff9b::192.0.2.1", "64:ff9b::c000:201"],
  ])("%j -> %s", (text, canonical) => {
    const r = parseIPDetailed(text);
    expect(r.problem).toBe("non-canonical");
    expect(r.canonical).toBe(canonical);
    expect(r.ip?.toString()).toBe(canonical);
    expect(parseIPDetailed(canonical).problem).toBeNull();
    expect(IP.tryParse(text)).toBeNull();
  });
});

describe("parseIPDetailed: valid", () => {
  it.each([
    "0.0.0.0",
    "10.96.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "1::",
    "2001:db8::1",
    "2001:db8::1:0:0:1",
    "2001:0:0:1::1",
    "2001:db8:0:1:1:1:1:1",
    "fe80::1",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    "::ffff:0:102:304", // not mapped: the ffff is one group too far left
  ])("%j", (text) => {
    expect(parseIPDetailed(text)).toEqual({ ip: IP.parse(text), problem: null, canonical: text });
    expect(IP.parse(text).toString()).toBe(text);
  });

  it("reads values and families", () => {
    expect(IP.parse("10.96.0.1").value).toBe(0x0a600001n);
    expect(IP.parse("10.96.0.1").family).toBe("IPv4");
    expect(IP.parse("10.96.0.1").bits).toBe(32);
    expect(IP.parse("::1").value).toBe(1n);
    expect(IP.parse("::1").bits).toBe(128);
    expect(IP.parse("8000::").value).toBe(1n << 127n);
  });
});

describe("RFC 5952 formatting", () => {
  it.each([
    [0n, "::"],
    [1n, "::1"],
    [1n << 112n, "1::"],
    [0x2001_0db8_0000_0000_0001_0000_0000_0001n, "2001:db8::1:0:0:1"], // tie: first run wins
    [0x2001_0000_0000_0001_0000_0000_0000_0001n, "2001:0:0:1::1"], // longest run wins
    [0x2001_0db8_0000_0001_0001_0001_0001_0001n, "2001:db8:0:1:1:1:1:1"], // single zero kept
    [0x0001_0000_0000_0002_0000_0000_0003_0004n, "1::2:0:0:3:4"],
    [0x0001_0000_0000_0002_0000_0000_0000_000an, "1:0:0:2::a"],
    [0xabcd_ef00_0000_0000_0000_0000_0000_0000n, "abcd:ef00::"],
    [0x0000_0000_0001_0000_0000_0000_0000_0000n, "0:0:1::"],
  ])("%s -> %s", (value, text) => {
    expect(IP.fromBigInt(value, "IPv6").toString()).toBe(text);
  });

  it("prints IPv4-mapped values in hex, not dotted", () => {
    expect(IP.fromBigInt(0xffff0a000001n, "IPv6").toString()).toBe("::ffff:a00:1");
  });
});

describe("fromBigInt / add / compare", () => {
  it("rejects out-of-range values", () => {
    expect(() => IP.fromBigInt(-1n, "IPv4")).toThrow(RangeError);
    expect(() => IP.fromBigInt(1n << 32n, "IPv4")).toThrow(RangeError);
    expect(() => IP.fromBigInt(1n << 128n, "IPv6")).toThrow(RangeError);
    expect(IP.fromBigInt((1n << 32n) - 1n, "IPv4").toString()).toBe("255.255.255.255");
  });

  it("adds with overflow and underflow errors", () => {
    expect(IP.parse("10.0.0.255").add(1n).toString()).toBe("10.0.1.0");
    expect(IP.parse("10.0.1.0").add(-1n).toString()).toBe("10.0.0.255");
    expect(() => IP.parse("255.255.255.255").add(1n)).toThrow(RangeError);
    expect(() => IP.parse("0.0.0.0").add(-1n)).toThrow(RangeError);
    expect(() => IP.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").add(1n)).toThrow(RangeError);
    expect(() => IP.parse("::").add(-1n)).toThrow(RangeError);
    // no silent wrap into the 33rd bit for IPv4
    expect(() => IP.parse("255.255.255.255").add(1n << 96n)).toThrow(RangeError);
    expect(IP.parse("::ffff").add(1n).toString()).toBe("::1:0");
  });

  it("sorts IPv4 before IPv6, then numerically", () => {
    const sorted = ["::", "255.255.255.255", "10.0.0.2", "::1", "10.0.0.10", "0.0.0.0"]
      .map((t) => IP.parse(t))
      .sort((a, b) => a.compare(b))
      .map(String);
    expect(sorted).toEqual(["0.0.0.0", "10.0.0.2", "10.0.0.10", "255.255.255.255", "::", "::1"]);
    expect(IP.parse("10.0.0.1").compare(IP.parse("10.0.0.1"))).toBe(0);
  });

  it("equality needs the same family", () => {
    expect(IP.parse("0.0.0.1").equals(IP.parse("::1"))).toBe(false);
    expect(IP.parse("::1").equals(IP.fromBigInt(1n, "IPv6"))).toBe(true);
  });
});

describe("predicates follow Go net/netip", () => {
  type Pred =
    | "isLoopback"
    | "isUnspecified"
    | "isLinkLocalUnicast"
    | "isLinkLocalMulticast"
    | "isGlobalUnicast"
    | "isInterfaceLocalMulticast"
    | "isMulticast"
    | "isPrivate";
  const all: Pred[] = [
    "isLoopback",
    "isUnspecified",
    "isLinkLocalUnicast",
    "isLinkLocalMulticast",
    "isGlobalUnicast",
    "isInterfaceLocalMulticast",
    "isMulticast",
    "isPrivate",
  ];
  // Expected true predicates per address, taken from netip_test.go's table.
  const table: Array<[string, Pred[]]> = [
    ["0.0.0.0", ["isUnspecified"]],
    ["::", ["isUnspecified"]],
    ["127.0.0.1", ["isLoopback"]],
    ["127.255.255.254", ["isLoopback"]],
    ["::1", ["isLoopback"]],
    ["169.254.1.1", ["isLinkLocalUnicast"]],
    ["fe80::1", ["isLinkLocalUnicast"]],
    ["febf::1", ["isLinkLocalUnicast"]],
    ["fec0::1", ["isGlobalUnicast"]],
    ["224.0.0.1", ["isLinkLocalMulticast", "isMulticast"]],
    ["224.0.1.1", ["isMulticast"]],
    ["239.255.255.255", ["isMulticast"]],
    ["ff02::1", ["isLinkLocalMulticast", "isMulticast"]],
    ["ff01::1", ["isInterfaceLocalMulticast", "isMulticast"]],
    ["ff05::1", ["isMulticast"]],
    ["255.255.255.255", []],
    ["8.8.8.8", ["isGlobalUnicast"]],
    ["10.0.0.1", ["isGlobalUnicast", "isPrivate"]],
    ["172.16.0.1", ["isGlobalUnicast", "isPrivate"]],
    ["172.31.255.255", ["isGlobalUnicast", "isPrivate"]],
    ["172.32.0.1", ["isGlobalUnicast"]],
    ["192.168.1.1", ["isGlobalUnicast", "isPrivate"]],
    ["2001:db8::1", ["isGlobalUnicast"]],
    ["fc00::1", ["isGlobalUnicast", "isPrivate"]],
    ["fdff::1", ["isGlobalUnicast", "isPrivate"]],
    ["fe00::1", ["isGlobalUnicast"]],
  ];
  it.each(table)("%s", (text, expected) => {
    const ip = IP.parse(text);
    for (const p of all) expect([p, ip[p]()]).toEqual([p, expected.includes(p)]);
  });

  it("unmaps IPv4-mapped addresses like netip does", () => {
    const m = (v4: string): IP => IP.fromBigInt(0xffff00000000n | IP.parse(v4).value, "IPv6");
    expect(m("127.0.0.1").isLoopback()).toBe(true);
    expect(m("10.1.2.3").isPrivate()).toBe(true);
    expect(m("169.254.0.1").isLinkLocalUnicast()).toBe(true);
    expect(m("224.0.0.5").isLinkLocalMulticast()).toBe(true);
    expect(m("239.0.0.5").isMulticast()).toBe(true);
    expect(m("255.255.255.255").isGlobalUnicast()).toBe(false);
    expect(m("0.0.0.0").isGlobalUnicast()).toBe(false);
    expect(m("8.8.8.8").isGlobalUnicast()).toBe(true);
    // ...except IsUnspecified, which compares against 0.0.0.0 and :: only
    expect(m("0.0.0.0").isUnspecified()).toBe(false);
  });
});

describe("isIPv4String", () => {
  it.each([
    ["10.0.0.1", true],
    ["010.0.0.1", true],
    ["::1", false],
    ["::ffff:1.2.3.4", false],
    ["", false],
    ["10", false],
  ])("%j -> %s", (text, expected) => {
    expect(isIPv4String(text)).toBe(expected);
  });
});

import { describe, it, expect } from "vitest";
import { CIDR, IP, parseCIDRDetailed } from "../../src/net/index.ts";

const ip = (t: string): IP => IP.parse(t);

describe("parseCIDRDetailed: invalid", () => {
  it.each([
    "",
    "10.0.0.0",
    "10.0.0.0/",
    "/24",
    "10.0.0.0/33",
    "10.0.0.0/-1",
    "10.0.0.0/+24",
    "10.0.0.0/24 ",
    " 10.0.0.0/24",
    "10.0.0.0/2 4",
    "10.0.0.0/24/8",
    "10.0.0.0/0x18",
    "10.0.0.0/255.255.255.0",
    "10.1/16",
    "0x0a.0.0.0/8",
    "256.0.0.0/8",
    "::/129",
    "fe80::%eth0/64",
    "fe80::/64%eth0",
    "[::]/64",
    "::ffff:1.2.3/120",
    "10.0.0.0/999999999999999999999",
  ])("%j", (text) => {
    expect(parseCIDRDetailed(text)).toEqual({ cidr: null, problem: "invalid", ip: null });
    expect(CIDR.tryParse(text)).toBeNull();
    expect(() => CIDR.parse(text)).toThrow(Error);
  });
});

describe("parseCIDRDetailed: problems", () => {
  it.each([
    ["010.0.0.0/8", "leading-zeros", "10.0.0.0/8"],
    ["10.0.0.0/024", "leading-zeros", "10.0.0.0/24"],
    ["10.0.0.0/00", "leading-zeros", "0.0.0.0/0"],
    ["10.001.0.1/16", "leading-zeros", "10.1.0.0/16"], // leading zeros win over host bits
    ["2001:db8::/064", "leading-zeros", "2001:db8::/64"],
    ["::ffff:010.0.0.0/104", "leading-zeros", "10.0.0.0/8"],
    ["::ffff:0:0/96", "ipv4-mapped", "0.0.0.0/0"],
    ["::ffff:1.2.3.0/120", "ipv4-mapped", "1.2.3.0/24"],
    ["::ffff:1.2.3.4/120", "ipv4-mapped", "1.2.3.0/24"], // ipv4-mapped wins over host bits
    ["::ffff:1.2.3.4/64", "ipv4-mapped", "::/64"],
    ["10.96.0.1/24", "host-bits", "10.96.0.0/24"],
    ["10.0.0.1/0", "host-bits", "0.0.0.0/0"],
    ["2001:db8::1/64", "host-bits", "2001:db8::/64"],
    ["2001:DB8::1/64", "host-bits", "2001:db8::/64"], // host bits win over case
    ["2001:db8:0::/64", "non-canonical", "2001:db8::/64"],
    ["2001:DB8::/64", "non-canonical", "2001:db8::/64"],
    ["0::/0", "non-canonical", "::/0"],
    ["::0.0.0.0/96", "non-canonical", "::/96"],
  ])("%j -> %s (%s)", (text, problem, canonical) => {
    const r = parseCIDRDetailed(text);
    expect(r.problem).toBe(problem);
    expect(r.canonical).toBe(canonical);
    expect(r.cidr).not.toBeNull();
    expect(CIDR.tryParse(text)).toBeNull();
    expect(() => CIDR.parse(text)).toThrow(new RegExp(problem));
  });

  it("host-bits: cidr is masked, ip is as written", () => {
    const r = parseCIDRDetailed("10.96.0.1/24");
    expect(r.cidr?.toString()).toBe("10.96.0.0/24");
    expect(r.ip?.toString()).toBe("10.96.0.1");
  });

  it("leading-zeros reads the address as decimal", () => {
    const r = parseCIDRDetailed("010.000.000.010/32");
    expect(r.cidr?.toString()).toBe("10.0.0.10/32");
    expect(r.ip?.toString()).toBe("10.0.0.10");
  });

  it("ipv4-mapped keeps the IPv6 block", () => {
    const r = parseCIDRDetailed("::ffff:1.2.3.0/120");
    expect(r.cidr?.family).toBe("IPv6");
    expect(r.cidr?.prefix).toBe(120);
    expect(r.cidr?.toString()).toBe("::ffff:102:300/120");
  });

  it.each(["10.0.0.0/8", "0.0.0.0/0", "10.96.0.1/32", "::/0", "::1/128", "2001:db8::/64", "fd00:10:96::/112"])(
    "valid %j",
    (text) => {
      const r = parseCIDRDetailed(text);
      expect(r.problem).toBeNull();
      expect(r.canonical).toBe(text);
      expect(CIDR.parse(text).toString()).toBe(text);
    },
  );
});

describe("CIDR.of", () => {
  it("masks host bits", () => {
    expect(CIDR.of(ip("10.96.200.7"), 12).toString()).toBe("10.96.0.0/12");
    expect(CIDR.of(ip("2001:db8::ffff"), 112).toString()).toBe("2001:db8::/112");
    expect(CIDR.of(ip("255.255.255.255"), 0).toString()).toBe("0.0.0.0/0");
  });
  it("rejects bad prefix lengths", () => {
    expect(() => CIDR.of(ip("10.0.0.0"), 33)).toThrow(RangeError);
    expect(() => CIDR.of(ip("10.0.0.0"), -1)).toThrow(RangeError);
    expect(() => CIDR.of(ip("10.0.0.0"), 8.5)).toThrow(RangeError);
    expect(() => CIDR.of(ip("::"), 129)).toThrow(RangeError);
  });
});

describe("size / first / last / nth / offsetOf", () => {
  it.each([
    ["0.0.0.0/0", 1n << 32n, "0.0.0.0", "255.255.255.255"],
    ["10.0.0.0/8", 1n << 24n, "10.0.0.0", "10.255.255.255"],
    ["10.96.0.0/12", 1n << 20n, "10.96.0.0", "10.111.255.255"],
    ["192.168.1.16/28", 16n, "192.168.1.16", "192.168.1.31"],
    ["192.168.1.2/31", 2n, "192.168.1.2", "192.168.1.3"],
    ["192.168.1.2/32", 1n, "192.168.1.2", "192.168.1.2"],
    ["::/0", 1n << 128n, "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"],
    ["2001:db8::/64", 1n << 64n, "2001:db8::", "2001:db8::ffff:ffff:ffff:ffff"],
    ["fd00:10:96::/112", 65536n, "fd00:10:96::", "fd00:10:96::ffff"],
    ["2001:db8::1/128", 1n, "2001:db8::1", "2001:db8::1"],
  ])("%s", (text, size, first, last) => {
    const c = CIDR.parse(text);
    expect(c.size()).toBe(size);
    expect(c.first().toString()).toBe(first);
    expect(c.last().toString()).toBe(last);
    expect(c.nth(0n).toString()).toBe(first);
    expect(c.nth(size - 1n).toString()).toBe(last);
    expect(c.offsetOf(c.last())).toBe(size - 1n);
    expect(c.offsetOf(c.first())).toBe(0n);
    expect(() => c.nth(size)).toThrow(RangeError);
    expect(() => c.nth(-1n)).toThrow(RangeError);
  });

  it("indexes deep into IPv6 without enumerating", () => {
    const c = CIDR.parse("2001:db8::/64");
    expect(c.nth(2n ** 48n + 1n).toString()).toBe("2001:db8::1:0:0:1");
    expect(c.offsetOf(ip("2001:db8::1:0:0:1"))).toBe(2n ** 48n + 1n);
  });

  it("nth/offsetOf on a /12 service range", () => {
    const c = CIDR.parse("10.96.0.0/12");
    expect(c.nth(10n).toString()).toBe("10.96.0.10");
    expect(c.nth(256n).toString()).toBe("10.96.1.0");
    expect(c.offsetOf(ip("10.100.0.1"))).toBe((4n << 16n) + 1n);
  });

  it("offsetOf throws outside the block and across families", () => {
    const c = CIDR.parse("10.0.0.0/8");
    expect(() => c.offsetOf(ip("11.0.0.0"))).toThrow(RangeError);
    expect(() => c.offsetOf(ip("::a00:1"))).toThrow(RangeError);
  });
});

describe("containment and overlap", () => {
  const c = CIDR.parse;
  it("contains", () => {
    expect(c("10.96.0.0/12").contains(ip("10.111.255.255"))).toBe(true);
    expect(c("10.96.0.0/12").contains(ip("10.112.0.0"))).toBe(false);
    expect(c("10.96.0.0/12").contains(ip("10.95.255.255"))).toBe(false);
    expect(c("0.0.0.0/0").contains(ip("255.255.255.255"))).toBe(true);
    expect(c("::/0").contains(ip("ffff::"))).toBe(true);
  });

  it("is false, not an error, across families", () => {
    expect(c("0.0.0.0/0").contains(ip("::"))).toBe(false);
    expect(c("::/0").contains(ip("0.0.0.0"))).toBe(false);
    expect(c("::/0").containsCIDR(c("0.0.0.0/0"))).toBe(false);
    expect(c("0.0.0.0/0").containsCIDR(c("::/0"))).toBe(false);
    expect(c("0.0.0.0/0").overlaps(c("::/0"))).toBe(false);
    expect(c("0.0.0.0/0").equals(c("::/0"))).toBe(false);
  });

  it("containsCIDR", () => {
    expect(c("10.0.0.0/8").containsCIDR(c("10.96.0.0/12"))).toBe(true);
    expect(c("10.96.0.0/12").containsCIDR(c("10.0.0.0/8"))).toBe(false);
    expect(c("10.96.0.0/12").containsCIDR(c("10.96.0.0/12"))).toBe(true);
    expect(c("10.96.0.0/12").containsCIDR(c("10.112.0.0/16"))).toBe(false);
    expect(c("2001:db8::/32").containsCIDR(c("2001:db8:1::/48"))).toBe(true);
  });

  it("overlaps", () => {
    expect(c("10.0.0.0/8").overlaps(c("10.96.0.0/12"))).toBe(true);
    expect(c("10.96.0.0/12").overlaps(c("10.0.0.0/8"))).toBe(true);
    expect(c("10.96.0.0/12").overlaps(c("10.112.0.0/12"))).toBe(false);
    expect(c("192.168.0.0/31").overlaps(c("192.168.0.1/32"))).toBe(true);
    expect(c("192.168.0.0/32").overlaps(c("192.168.0.1/32"))).toBe(false);
  });

  it("equals", () => {
    expect(c("10.0.0.0/8").equals(CIDR.of(ip("10.1.2.3"), 8))).toBe(true);
    expect(c("10.0.0.0/8").equals(c("10.0.0.0/9"))).toBe(false);
  });
});

/**
 * The CEL CIDR library against k8s.io/apiserver/pkg/cel/library/cidr.go: its doc examples and the cases
 * of cidr_test.go, with the containsCIDR fix of kubernetes/kubernetes#130450 (1.33) and the quirks a
 * learner meets (doubled error prefix, host bits kept, containsIP's bare "no such overload").
 */
import { describe, expect, it } from "vitest";
import { CelCIDR } from "../../src/cel/net-values.ts";
import { run, value } from "./cel-helpers.ts";

describe("cidr()", () => {
  it("parses and keeps the address as written", () => {
    const c = value(`cidr(dyn("192.168.0.0/24"))`);
    expect(c).toBeInstanceOf(CelCIDR);
    expect(String(c)).toBe("192.168.0.0/24");
    expect(String(value(`cidr("192.168.0.1/24")`))).toBe("192.168.0.1/24");
    expect(value(`type(cidr("192.168.0.0/24")) == net.CIDR`)).toBe(true);
  });

  it.each([
    [`cidr("192.168.0.0/")`, 'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("192.168.0.0/"): bad bits after slash: ""'],
    [`cidr("2001:db8::/")`, 'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("2001:db8::/"): bad bits after slash: ""'],
    [`cidr('192.168.0.0/33')`, 'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("192.168.0.0/33"): prefix length out of range'],
    [`cidr('::1/129')`, 'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("::1/129"): prefix length out of range'],
    [`cidr('::ffff:1.2.3.4/120')`, 'network address parse error during conversion from string: IPv4-mapped IPv6 address "::ffff:1.2.3.4/120" is not allowed'],
    [`cidr('fe80::1%eth0/64')`, 'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("fe80::1%eth0/64"): IPv6 zones cannot be present in a prefix'],
  ])("%s fails at run time", (expr, err) => {
    expect(run(expr)).toEqual({ runtimeError: err });
  });

  it("refuses cidr(int) when compiled", () => {
    expect(run(`cidr(192168)`)).toEqual({
      compileError: "compilation failed: ERROR: <input>:1:5: found no matching overload for 'cidr' applied to '(int)'\n | cidr(192168)\n | ....^",
    });
  });
});

describe("isCIDR", () => {
  it.each([
    [`isCIDR('192.168.0.0/16')`, true],
    [`isCIDR('::1/128')`, true],
    [`isCIDR('192.168.0.0/33')`, false],
    [`isCIDR('::1/129')`, false],
    [`isCIDR('192.168.0.1/16')`, true],
    [`isCIDR('10.0.0.0/08')`, false],
    [`isCIDR('::ffff:1.2.3.4/120')`, false],
    [`isCIDR('10.0.0.0')`, false],
  ])("%s == %s", (expr, want) => {
    expect(value(expr)).toBe(want);
  });
});

describe("net.CIDR methods", () => {
  it.each([
    [`cidr("192.168.0.0/24").containsIP(ip("192.168.0.1"))`, true],
    [`cidr("192.168.0.0/24").containsIP(ip("192.168.1.1"))`, false],
    [`cidr("192.168.0.0/24").containsIP("192.168.0.1")`, true],
    [`cidr("192.168.0.0/24").containsIP("192.168.1.1")`, false],
    [`cidr("192.168.0.0/24").containsIP("2001:db8::1")`, false],
    [`cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/25"))`, true],
    [`cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/23"))`, false],
    [`cidr("192.168.0.0/24").containsCIDR("192.168.0.0/25")`, true],
    [`cidr("192.168.0.0/24").containsCIDR("192.168.0.0/23")`, false],
    [`cidr('192.168.0.0/16').containsCIDR(cidr('192.168.10.0/24'))`, true],
    [`cidr('192.168.1.0/24').containsCIDR(cidr('192.168.2.0/24'))`, false],
    [`cidr('192.168.0.0/16').containsCIDR('192.168.0.1/32')`, true],
    [`cidr('192.168.0.0/24').containsCIDR('192.168.0.0/24')`, true],
    [`cidr('10.96.0.0/16').containsCIDR('2001:db8::/64')`, false],
    [`cidr("2001:db8::/32").containsIP(ip("2001:db8::1"))`, true],
    [`cidr("2001:db8::/32").containsIP(ip("2001:dc8::1"))`, false],
    [`cidr("2001:db8::/32").containsCIDR(cidr("2001:db8::/33"))`, true],
    [`cidr("2001:db8::/32").containsCIDR(cidr("2001:db8::/31"))`, false],
    [`cidr('2001:db8::/64').containsCIDR('2001:db8:0:0:ffff::/80')`, true],
    [`cidr("192.168.0.0/24").ip() == ip("192.168.0.0")`, true],
    [`cidr('192.168.0.1/24').ip() == ip('192.168.0.1')`, true],
    [`cidr('192.168.0.1/24').ip().family()`, 4n],
    [`cidr('::1/128').ip().family()`, 6n],
    [`cidr("192.168.0.1/24").masked() == cidr("192.168.0.0/24")`, true],
    [`cidr("2001:db8:1::/32").masked() == cidr("2001:db8::/32")`, true],
    [`cidr('192.168.0.0/24') == cidr('192.168.0.0/24').masked()`, true],
    [`cidr('192.168.0.1/24') == cidr('192.168.0.1/24').masked()`, false],
    [`cidr('192.168.0.1/24') == cidr('192.168.0.0/24')`, false],
    [`cidr("192.168.0.0/24").prefixLength()`, 24n],
    [`cidr("2001:db8::/32").prefixLength()`, 32n],
    [`string(cidr("192.168.0.0/24"))`, "192.168.0.0/24"],
    [`string(cidr("2001:DB8:0::/48"))`, "2001:db8::/48"],
    [`string(cidr('192.168.0.1/24').masked())`, "192.168.0.0/24"],
  ])("%s", (expr, want) => {
    expect(value(expr)).toBe(want);
  });

  it("containsIP of an unparsable string only says no such overload; containsCIDR passes its error on", () => {
    expect(run(`cidr('10.0.0.0/8').containsIP('10.0.0')`)).toEqual({ runtimeError: "no such overload" });
    expect(run(`cidr('10.0.0.0/8').containsCIDR('10.0.0.0/')`)).toEqual({
      runtimeError:
        'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("10.0.0.0/"): bad bits after slash: ""',
    });
  });

  it("has no family(): the learner must go through ip()", () => {
    const r = run(`cidr('10.0.0.0/8').family() == 4`);
    expect(r).toEqual({
      compileError: "compilation failed: ERROR: <input>:1:26: found no matching overload for 'family' applied to 'net.CIDR.()'\n | cidr('10.0.0.0/8').family() == 4\n | .........................^",
    });
  });
});

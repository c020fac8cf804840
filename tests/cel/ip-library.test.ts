/**
 * The CEL IP library against k8s.io/apiserver/pkg/cel/library/ip.go: its doc examples and the cases of
 * ip_test.go, plus the zone and IPv4-mapped refusals of parseIPAddr.
 */
import { describe, expect, it } from "vitest";
import { CelIP } from "../../src/cel/net-values.ts";
import { run, value } from "./cel-helpers.ts";

describe("ip()", () => {
  it("parses IPv4 and IPv6 into net.IP", () => {
    const v4 = value(`ip("192.168.0.1")`);
    expect(v4).toBeInstanceOf(CelIP);
    expect(String(v4)).toBe("192.168.0.1");
    expect(String(value(`ip("2001:db8::68")`))).toBe("2001:db8::68");
    expect(value(`type(ip("192.168.0.1")) == net.IP`)).toBe(true);
  });

  it.each([
    [`ip("192.168.0.1.0")`, 'IP Address "192.168.0.1.0" parse error during conversion from string: ParseAddr("192.168.0.1.0"): IPv4 address too long'],
    [`ip("2001:db8:::68")`, 'IP Address "2001:db8:::68" parse error during conversion from string: ParseAddr("2001:db8:::68"): each colon-separated field must have at least one digit (at ":68")'],
    [`ip("127.0.0.256")`, 'IP Address "127.0.0.256" parse error during conversion from string: ParseAddr("127.0.0.256"): IPv4 field has value >255'],
    [`ip(":::1")`, 'IP Address ":::1" parse error during conversion from string: ParseAddr(":::1"): each colon-separated field must have at least one digit (at ":1")'],
    [`ip("010.0.0.1")`, 'IP Address "010.0.0.1" parse error during conversion from string: ParseAddr("010.0.0.1"): IPv4 field has octet with leading zero'],
    [`ip("fe80::1%eth0")`, 'IP address "fe80::1%eth0" with zone value is not allowed'],
    [`ip("::ffff:1.2.3.4")`, 'IPv4-mapped IPv6 address "::ffff:1.2.3.4" is not allowed'],
    [`ip.isCanonical("127.0.0.1.0")`, 'IP Address "127.0.0.1.0" parse error during conversion from string: ParseAddr("127.0.0.1.0"): IPv4 address too long'],
  ])("%s fails at run time", (expr, err) => {
    expect(run(expr)).toEqual({ runtimeError: err });
  });
});

describe("isIP and ip.isCanonical", () => {
  it.each([
    [`isIP("192.168.0.1")`, true],
    [`isIP("192.168.0.1.0")`, false],
    [`isIP("2001:db8::68")`, true],
    [`isIP("2001:db8:::68")`, false],
    [`isIP("127.0.0.256")`, false],
    [`isIP("fe80::1%eth0")`, false],
    [`isIP("::ffff:1.2.3.4")`, false],
    [`ip.isCanonical("127.0.0.1")`, true],
    [`ip.isCanonical("2001:db8::abcd")`, true],
    [`ip.isCanonical("2001:DB8::ABCD")`, false],
    [`ip.isCanonical("2001:db8::0:0:0:abcd")`, false],
    [`ip.isCanonical("2001:db8::68")`, true],
  ])("%s == %s", (expr, want) => {
    expect(value(expr)).toBe(want);
  });
});

describe("net.IP methods", () => {
  it.each([
    [`ip("192.168.0.1").family()`, 4n],
    [`ip("2001:db8::68").family()`, 6n],
    [`ip('127.0.0.1').family() == 4`, true],
    [`ip('::1').family() == 6`, true],
    [`ip("0.0.0.0").isUnspecified()`, true],
    [`ip("127.0.0.1").isUnspecified()`, false],
    [`ip("::").isUnspecified()`, true],
    [`ip("::1").isUnspecified()`, false],
    [`ip("127.0.0.1").isLoopback()`, true],
    [`ip("1.2.3.4").isLoopback()`, false],
    [`ip("::1").isLoopback()`, true],
    [`ip("2001:db8::abcd").isLoopback()`, false],
    [`ip("224.0.0.1").isLinkLocalMulticast()`, true],
    [`ip("224.0.1.1").isLinkLocalMulticast()`, false],
    [`ip("ff02::1").isLinkLocalMulticast()`, true],
    [`ip("ff05::1").isLinkLocalMulticast()`, false],
    [`ip("fd00::1").isLinkLocalMulticast()`, false],
    [`ip("169.254.169.254").isLinkLocalUnicast()`, true],
    [`ip("192.168.0.1").isLinkLocalUnicast()`, false],
    [`ip("fe80::1").isLinkLocalUnicast()`, true],
    [`ip("fd80::1").isLinkLocalUnicast()`, false],
    [`ip("192.168.0.1").isGlobalUnicast()`, true],
    [`ip("255.255.255.255").isGlobalUnicast()`, false],
    [`ip("2001:db8::abcd").isGlobalUnicast()`, true],
    [`ip("ff00::1").isGlobalUnicast()`, false],
    [`string(ip("192.168.0.1"))`, "192.168.0.1"],
    [`string(ip("2001:DB8:0:0:0::1"))`, "2001:db8::1"],
    [`ip("10.0.0.1") == ip("10.0.0.1")`, true],
    [`ip("2001:db8::1") == ip("2001:DB8::1")`, true],
    [`ip("10.0.0.1") != ip("10.0.0.2")`, true],
  ])("%s", (expr, want) => {
    expect(value(expr)).toBe(want);
  });

  it("refuses mismatched types when the policy is compiled", () => {
    expect(run(`isIP(cidr("192.168.0.0/24"))`)).toEqual({
      compileError: `compilation failed: ERROR: <input>:1:5: found no matching overload for 'isIP' applied to '(net.CIDR)'\n | isIP(cidr("192.168.0.0/24"))\n | ....^`,
    });
    expect(run(`ip('1.2.3.4') == '1.2.3.4'`)).toEqual({
      compileError: `compilation failed: ERROR: <input>:1:15: found no matching overload for '_==_' applied to '(net.IP, string)'\n | ip('1.2.3.4') == '1.2.3.4'\n | ..............^`,
    });
  });

  it("says no such overload for a dyn argument of the wrong type", () => {
    expect(run(`ip(object.x)`, { object: { x: 1n } })).toEqual({ runtimeError: "no such overload" });
  });
});

/** Go net/netip ParseAddr / ParsePrefix error text, which the CEL ip and cidr libraries pass on verbatim. */
import { describe, expect, it } from "vitest";
import { parseAddr, parsePrefix } from "../../src/cel/netip.ts";

const addrError = (s: string) => {
  const r = parseAddr(s);
  return r.ok ? undefined : r.error;
};
const prefixError = (s: string) => {
  const r = parsePrefix(s);
  return r.ok ? undefined : r.error;
};

describe("netip.ParseAddr", () => {
  it.each([
    ["192.168.0.1.0", 'ParseAddr("192.168.0.1.0"): IPv4 address too long'],
    ["10.0.0", 'ParseAddr("10.0.0"): IPv4 address too short'],
    ["1.2.3.256", 'ParseAddr("1.2.3.256"): IPv4 field has value >255'],
    ["010.0.0.1", 'ParseAddr("010.0.0.1"): IPv4 field has octet with leading zero'],
    ["1..2.3", 'ParseAddr("1..2.3"): IPv4 field must have at least one digit (at ".2.3")'],
    ["1.2.3.a", 'ParseAddr("1.2.3.a"): unexpected character (at "a")'],
    ["", 'ParseAddr(""): unable to parse IP'],
    ["abc", 'ParseAddr("abc"): unable to parse IP'],
    ["%eth0", 'ParseAddr("%eth0"): missing IPv6 address'],
    ["fe80::1%", 'ParseAddr("fe80::1%"): zone must be a non-empty string'],
    ["2001:db8:::68", 'ParseAddr("2001:db8:::68"): each colon-separated field must have at least one digit (at ":68")'],
    ["1::2::3", 'ParseAddr("1::2::3"): multiple :: in address (at ":3")'],
    ["1:2:3:4:5:6:7", 'ParseAddr("1:2:3:4:5:6:7"): address string too short'],
    ["1:2:3:4:5:6:7:8::", 'ParseAddr("1:2:3:4:5:6:7:8::"): the :: must expand to at least one field of zeros'],
    ["1:2:3:4:5:6:7:8:9", 'ParseAddr("1:2:3:4:5:6:7:8:9"): trailing garbage after address (at "9")'],
    ["1:", 'ParseAddr("1:"): colon must be followed by more characters (at ":")'],
    ["1:2x::", 'ParseAddr("1:2x::"): unexpected character, want colon (at "x::")'],
    ["00001::", 'ParseAddr("00001::"): each group must have 4 or less digits (at "00001::")'],
    ["1:2:1.2.3.4", 'ParseAddr("1:2:1.2.3.4"): embedded IPv4 address must replace the final 2 fields of the address (at "1.2.3.4")'],
    ["::1.2.3", 'ParseAddr("::1.2.3"): IPv4 address too short'],
  ])("%j", (input, err) => {
    expect(addrError(input)).toBe(err);
  });

  it("keeps zones and IPv4-mapped addresses (the Kubernetes library refuses them itself)", () => {
    expect(parseAddr("fe80::1%eth0")).toMatchObject({ ok: true, value: { zone: "eth0", is4: false } });
    expect(parseAddr("::ffff:1.2.3.4")).toMatchObject({ ok: true, value: { is4: false, value: 0xffff01020304n } });
    expect(parseAddr("::")).toMatchObject({ ok: true, value: { value: 0n } });
    expect(parseAddr("1.2.3.4")).toMatchObject({ ok: true, value: { is4: true, value: 0x01020304n } });
  });
});

describe("netip.ParsePrefix", () => {
  it.each([
    ["192.168.0.0/", 'netip.ParsePrefix("192.168.0.0/"): bad bits after slash: ""'],
    ["1.2.3.4/33", 'netip.ParsePrefix("1.2.3.4/33"): prefix length out of range'],
    ["::/129", 'netip.ParsePrefix("::/129"): prefix length out of range'],
    ["1.2.3.4", "netip.ParsePrefix(\"1.2.3.4\"): no '/'"],
    ["1.2.3.4/ab", 'netip.ParsePrefix("1.2.3.4/ab"): bad bits after slash: "ab"'],
    ["1.2.3.4/-1", 'netip.ParsePrefix("1.2.3.4/-1"): bad bits after slash: "-1"'],
    ["1.2.3.4/08", 'netip.ParsePrefix("1.2.3.4/08"): bad bits after slash: "08"'],
    ["/24", 'netip.ParsePrefix("/24"): ParseAddr(""): unable to parse IP'],
    ["1.2.3/24", 'netip.ParsePrefix("1.2.3/24"): ParseAddr("1.2.3"): IPv4 address too short'],
    ["fe80::1%eth0/64", 'netip.ParsePrefix("fe80::1%eth0/64"): IPv6 zones cannot be present in a prefix'],
    ["::gggg/1", 'netip.ParsePrefix("::gggg/1"): ParseAddr("::gggg"): each colon-separated field must have at least one digit (at "gggg")'],
  ])("%j", (input, err) => {
    expect(prefixError(input)).toBe(err);
  });

  it("keeps host bits", () => {
    expect(parsePrefix("192.168.0.1/24")).toMatchObject({ ok: true, value: { bits: 24, addr: { value: 0xc0a80001n } } });
    expect(parsePrefix("0.0.0.0/0")).toMatchObject({ ok: true, value: { bits: 0 } });
  });
});

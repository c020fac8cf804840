import { describe, it, expect } from "vitest";
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { CIDR, IP, isIPv4Mapped, parseCIDRDetailed, parseIPDetailed } from "../../src/net/index.ts";

const MAX4 = (1n << 32n) - 1n;
const MAX6 = (1n << 128n) - 1n;

const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
// Uniform bigints almost never contain zero runs, so half the v6 values are
// built from groups that are zero two times in three.
const v6Value = fc.oneof(
  fc.bigInt({ min: 0n, max: MAX6 }),
  fc.array(group, { minLength: 8, maxLength: 8 }).map((gs) => gs.reduce((a, g) => (a << 16n) | BigInt(g), 0n)),
);
const ip4 = fc.bigInt({ min: 0n, max: MAX4 }).map((v) => IP.fromBigInt(v, "IPv4"));
const ip6 = v6Value.map((v) => IP.fromBigInt(v, "IPv6"));
const anyIP = fc.oneof(ip4, ip6);
const ipWithPrefix = anyIP.chain((ip) => fc.tuple(fc.constant(ip), fc.integer({ min: 0, max: ip.bits })));
const cidrArb = ipWithPrefix.map(([ip, p]) => CIDR.of(ip, p));

// Deliberately not CIDR's own shift arithmetic: modulo and addition only.
function range(c: CIDR): [bigint, bigint] {
  const size = 2n ** BigInt(c.bits - c.prefix);
  const start = c.network.value - (c.network.value % size);
  return [start, start + size - 1n];
}

/** A random address inside c. */
function inside(c: CIDR): fc.Arbitrary<IP> {
  return fc.bigInt({ min: 0n, max: c.size() - 1n }).map((n) => c.nth(n));
}

/** A CIDR that is often (not always) nested in or around c. */
function relatedTo(c: CIDR): fc.Arbitrary<CIDR> {
  const near = fc.tuple(inside(c), fc.integer({ min: 0, max: c.bits })).map(([ip, p]) => CIDR.of(ip, p));
  return fc.oneof(near, cidrArb);
}

describe("IP properties", () => {
  it("IPv4 toString/parse round-trips with no problem", () => {
    fc.assert(
      fc.property(ip4, (ip) => {
        const r = parseIPDetailed(ip.toString());
        expect(r.problem).toBeNull();
        expect(r.ip?.equals(ip)).toBe(true);
        expect(IP.parse(ip.toString()).equals(ip)).toBe(true);
      }),
    );
  });

  it("IPv6 toString/parse round-trips; only mapped values carry a problem", () => {
    fc.assert(
      fc.property(ip6, (ip) => {
        const r = parseIPDetailed(ip.toString());
        expect(r.ip?.equals(ip)).toBe(true);
        expect(r.problem).toBe(isIPv4Mapped(ip) ? "ipv4-mapped" : null);
      }),
    );
  });

  it("formatting agrees with ipaddr.js's RFC 5952 output", () => {
    fc.assert(
      fc.property(ip6, (ip) => {
        const theirs = ipaddr.IPv6.parse(ip.toString());
        expect(ip.toString()).toBe(theirs.toRFC5952String());
        expect(theirs.parts.reduce((a, g) => (a << 16n) | BigInt(g), 0n)).toBe(ip.value);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(ip4, (ip) => {
        expect(ipaddr.IPv4.isValidFourPartDecimal(ip.toString())).toBe(true);
      }),
    );
  });

  it("every spelling of an IPv6 value parses back to it", () => {
    const spelling = fc.tuple(
      ip6,
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }),
      fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      fc.nat(),
      fc.boolean(),
    );
    fc.assert(
      fc.property(spelling, ([ip, pads, upper, pick, dotted]) => {
        const gs: string[] = [];
        for (let i = 0; i < 8; i++) {
          const g = Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn);
          const h = g.toString(16);
          const t = "0".repeat(Math.max(0, Math.min(pads[i] ?? 0, 4 - h.length))) + h;
          gs.push(upper[i] ? t.toUpperCase() : t);
        }
        if (dotted) {
          const lo = ip.value & MAX4;
          gs.splice(6, 2, IP.fromBigInt(lo, "IPv4").toString());
        }
        // Optionally compress one run of zero groups (any run, not just the longest).
        const runs: Array<[number, number]> = [];
        const limit = dotted ? 6 : 8;
        for (let i = 0; i < limit; i++) {
          for (let j = i; j < limit && /^0+$/.test(gs[j] ?? ""); j++) runs.push([i, j + 1]);
        }
        let text = gs.join(":");
        const run = runs.length > 0 ? runs[pick % (runs.length + 1)] : undefined;
        if (run !== undefined) {
          const [a, b] = run;
          text = `${gs.slice(0, a).join(":")}::${gs.slice(b).join(":")}`;
        }
        const r = parseIPDetailed(text);
        expect(r.ip?.equals(ip)).toBe(true);
        const expected = isIPv4Mapped(ip) ? "ipv4-mapped" : text === ip.toString() ? null : "non-canonical";
        expect(r.problem).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("padded IPv4 octets read as decimal and are flagged iff padded", () => {
    const octet = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(octet, { minLength: 4, maxLength: 4 }), (os) => {
        const text = os.map(([n, pad]) => "0".repeat(pad) + String(n)).join(".");
        const value = os.reduce((a, [n]) => (a << 8n) | BigInt(n), 0n);
        const r = parseIPDetailed(text);
        expect(r.ip?.value).toBe(value);
        expect(r.problem).toBe(os.some(([, pad]) => pad > 0) ? "leading-zeros" : null);
      }),
    );
  });

  it("never throws on junk, and agrees with ipaddr.js where ipaddr.js is strict enough", () => {
    const token = fc.constantFrom(
      "0", "1", "00", "01", "ff", "FFFF", "0001", "00001", "10000", "255", "256",
      ":", "::", ".", "1.2.3.4", "010.0.0.1", "%eth0", "/", " ",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }).map((ts) => ts.join("")), (text) => {
        const r = parseIPDetailed(text);
        const strict = r.ip !== null && (r.problem === null || r.problem === "non-canonical" || r.problem === "ipv4-mapped");
        if (r.problem === null) expect(r.ip?.toString()).toBe(text);
        if (r.canonical !== undefined) expect(parseIPDetailed(r.canonical).problem).toBeNull();
        if (!text.includes(":")) expect(strict).toBe(ipaddr.IPv4.isValidFourPartDecimal(text));
        // ipaddr.js rewrites "::a.b.c.d" to "::ffff:a.b.c.d", so skip that shape.
        if (strict && r.ip?.family === "IPv6" && !/^::[0-9]+\./.test(text)) {
          const theirs = ipaddr.IPv6.parse(text).parts.reduce((a, g) => (a << 16n) | BigInt(g), 0n);
          expect(theirs).toBe(r.ip.value);
        }
        if (ipaddr.IPv6.isValid(text) && !text.includes("%")) expect(r.ip).not.toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});

describe("CIDR properties", () => {
  it("CIDR.of(ip, p) contains ip, and nth(offsetOf(ip)) is ip", () => {
    fc.assert(
      fc.property(ipWithPrefix, ([ip, p]) => {
        const c = CIDR.of(ip, p);
        expect(c.contains(ip)).toBe(true);
        expect(c.nth(c.offsetOf(ip)).equals(ip)).toBe(true);
      }),
    );
  });

  it("first() <= x <= last() iff contains (same family)", () => {
    const pair = cidrArb.chain((c) => fc.tuple(fc.constant(c), fc.oneof(inside(c), c.family === "IPv4" ? ip4 : ip6)));
    fc.assert(
      fc.property(pair, ([c, x]) => {
        const between = c.first().compare(x) <= 0 && x.compare(c.last()) <= 0;
        expect(c.contains(x)).toBe(between);
        const [s, e] = range(c);
        expect(c.contains(x)).toBe(s <= x.value && x.value <= e);
      }),
    );
  });

  it("nothing crosses families", () => {
    fc.assert(
      fc.property(cidrArb, cidrArb, anyIP, (a, b, x) => {
        if (a.family !== x.family) expect(a.contains(x)).toBe(false);
        if (a.family !== b.family) {
          expect(a.containsCIDR(b)).toBe(false);
          expect(a.overlaps(b)).toBe(false);
          expect(a.equals(b)).toBe(false);
        }
      }),
    );
  });

  it("containsCIDR agrees with an independent range check", () => {
    const pair = cidrArb.chain((a) => fc.tuple(fc.constant(a), relatedTo(a)));
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const [as, ae] = range(a);
        const [bs, be] = range(b);
        const sameFamily = a.family === b.family;
        expect(a.containsCIDR(b)).toBe(sameFamily && as <= bs && be <= ae);
        expect(b.containsCIDR(a)).toBe(sameFamily && bs <= as && ae <= be);
      }),
    );
  });

  it("containsCIDR is transitive over nested prefixes", () => {
    const chain = cidrArb.chain((a) =>
      relatedTo(a).chain((b) => fc.tuple(fc.constant(a), fc.constant(b), relatedTo(b))),
    );
    fc.assert(
      fc.property(chain, ([a, b, c]) => {
        if (a.containsCIDR(b) && b.containsCIDR(c)) expect(a.containsCIDR(c)).toBe(true);
      }),
    );
    // The same, with nesting guaranteed rather than hoped for.
    const nested = fc
      .tuple(anyIP, fc.integer({ min: 0, max: 128 }), fc.integer({ min: 0, max: 128 }), fc.integer({ min: 0, max: 128 }))
      .map(([ip, ...ps]) => ps.map((p) => Math.min(p, ip.bits)).sort((x, y) => x - y).map((p) => CIDR.of(ip, p)));
    fc.assert(
      fc.property(nested, ([a, b, c]) => {
        if (a === undefined || b === undefined || c === undefined) throw new Error("unreachable");
        expect(a.containsCIDR(b) && b.containsCIDR(c) && a.containsCIDR(c)).toBe(true);
      }),
    );
  });

  it("overlaps is symmetric and means one contains the other", () => {
    const pair = cidrArb.chain((a) => fc.tuple(fc.constant(a), relatedTo(a)));
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(a.overlaps(b)).toBe(b.overlaps(a));
        expect(a.overlaps(b)).toBe(a.containsCIDR(b) || b.containsCIDR(a));
        const [as, ae] = range(a);
        const [bs, be] = range(b);
        expect(a.overlaps(b)).toBe(a.family === b.family && as <= be && bs <= ae);
      }),
    );
  });

  it("size, first and last are consistent", () => {
    fc.assert(
      fc.property(cidrArb, (c) => {
        expect(c.last().value - c.first().value + 1n).toBe(c.size());
        expect(c.size()).toBe(2n ** BigInt(c.bits - c.prefix));
        expect(c.nth(c.size() - 1n).equals(c.last())).toBe(true);
      }),
    );
  });

  it("canonical text re-parses with no problem", () => {
    fc.assert(
      fc.property(cidrArb, (c) => {
        const r = parseCIDRDetailed(c.toString());
        expect(r.cidr?.equals(c)).toBe(true);
        expect(r.problem).toBe(isIPv4Mapped(c.network) ? "ipv4-mapped" : null);
        if (r.canonical !== undefined) expect(CIDR.parse(r.canonical).size()).toBe(c.size());
      }),
    );
  });

  it("any parseable CIDR text suggests a canonical form that parses cleanly", () => {
    const text = fc
      .tuple(ipWithPrefix, fc.constantFrom("", "0", "00"), fc.boolean())
      .map(([[ip, p], pad, upper]) => {
        const t = `${ip.toString()}/${pad}${p}`;
        return upper ? t.toUpperCase() : t;
      });
    fc.assert(
      fc.property(text, (t) => {
        const r = parseCIDRDetailed(t);
        expect(r.cidr).not.toBeNull();
        expect(r.canonical).toBeDefined();
        const again = parseCIDRDetailed(r.canonical ?? "");
        expect(again.problem).toBeNull();
        expect(again.canonical).toBe(r.canonical);
      }),
    );
  });
});


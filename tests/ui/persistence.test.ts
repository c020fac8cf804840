import { describe, expect, it } from "vitest";
import {
  HISTORY_KEY,
  loadHistory,
  loadSession,
  saveHistory,
  saveSession,
  SESSION_KEY,
  validateSession,
  type SavedSession,
  type StorageLike,
} from "../../src/ui/engine/persistence.ts";

class MemoryStorage implements StorageLike {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.has(key) ? this.data.get(key)! : null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, String(value));
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

/** A storage that is full: every write throws, as localStorage does with QuotaExceededError. */
class FullStorage extends MemoryStorage {
  writes = 0;
  override setItem(): void {
    this.writes++;
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  }
}

const NOW = 1_750_000_000_000;
const ASIDE = `${SESSION_KEY}:corrupt:${NOW}`;

function good(): SavedSession {
  return {
    version: 1,
    options: { seed: 42, preset: "default", startTime: 1_735_689_600_000 },
    journal: [
      { command: "kubectl get svc", at: 1_735_689_601_000 },
      { command: "for i in $(seq 1 200); do kubectl create service clusterip s$i --tcp 80; done", at: 1_735_689_602_000, abortAfter: 39 },
      { command: "kubeadm reset -f", at: 1_735_689_603_000, abortAfter: 0 },
    ],
    skew: 3_600_000,
  };
}

describe("session persistence", () => {
  it("round-trips a session through storage", () => {
    const storage = new MemoryStorage();
    const s = good();
    expect(saveSession(storage, s)).toBe(true);
    expect(JSON.parse(storage.getItem(SESSION_KEY)!)).toEqual(s);
    expect(loadSession(storage, NOW)).toEqual({ session: s });
    // A good load leaves storage as it was.
    expect([...storage.data.keys()]).toEqual([SESSION_KEY]);
  });

  it("round-trips the preset without a cluster too", () => {
    const storage = new MemoryStorage();
    const s: SavedSession = { version: 1, options: { seed: 0, preset: "none", startTime: 0 }, journal: [], skew: -5 };
    saveSession(storage, s);
    expect(loadSession(storage, NOW).session).toEqual(s);
  });

  it("finds nothing when nothing was saved", () => {
    const storage = new MemoryStorage();
    expect(loadSession(storage, NOW)).toEqual({ session: null });
    expect(storage.data.size).toBe(0);
  });

  const corrupt: [string, string, RegExp][] = [
    ["text that is not JSON", "{not json", /JSON/],
    ["JSON that is not an object", "42", /^not an object/],
    ["a wrong version", JSON.stringify({ ...good(), version: 2 }), /^unknown version 2/],
    ["no version", JSON.stringify({ ...good(), version: undefined }), /^unknown version undefined/],
    ["a journal entry with a non-finite at", JSON.stringify(good()).replace('"at":1735689601000', '"at":1e999'), /^bad journal/],
    ["a journal entry with a string at", JSON.stringify({ ...good(), journal: [{ command: "ls", at: "1" }] }), /^bad journal/],
    ["a journal entry without a command", JSON.stringify({ ...good(), journal: [{ at: 1 }] }), /^bad journal/],
    ["a journal entry that is null", JSON.stringify({ ...good(), journal: [null] }), /^bad journal/],
    ["a negative abortAfter", JSON.stringify({ ...good(), journal: [{ command: "ls", at: 1, abortAfter: -1 }] }), /^bad journal/],
    ["an abortAfter that is a string", JSON.stringify({ ...good(), journal: [{ command: "ls", at: 1, abortAfter: "3" }] }), /^bad journal/],
    ["a journal that is not an array", JSON.stringify({ ...good(), journal: {} }), /^bad journal/],
    ["no options", JSON.stringify({ ...good(), options: undefined }), /^bad options/],
    ["a fractional seed", JSON.stringify({ ...good(), options: { ...good().options, seed: 1.5 } }), /^bad options/],
    ["a string seed", JSON.stringify({ ...good(), options: { ...good().options, seed: "1" } }), /^bad options/],
    ["an unknown preset", JSON.stringify({ ...good(), options: { ...good().options, preset: "kind" } }), /^bad options/],
    ["a missing startTime", JSON.stringify({ ...good(), options: { seed: 1, preset: "none" } }), /^bad options/],
    ["a non-finite startTime", JSON.stringify(good()).replace('"startTime":1735689600000', '"startTime":1e999'), /^bad options/],
    ["a missing skew", JSON.stringify({ ...good(), skew: undefined }), /^bad clock/],
    ["a non-finite skew", JSON.stringify(good()).replace('"skew":3600000', '"skew":-1e999'), /^bad clock/],
  ];

  it.each(corrupt)("reports %s as corrupt, keeps the text aside and removes the main key", (_what, raw, problem) => {
    const storage = new MemoryStorage();
    storage.setItem(SESSION_KEY, raw);
    storage.setItem(HISTORY_KEY, '["ls"]');
    const r = loadSession(storage, NOW);
    expect(r.session).toBeNull();
    expect(r.corrupt).toMatch(problem);
    expect(r.corrupt!.endsWith(` (kept as ${ASIDE})`)).toBe(true);
    expect(storage.getItem(ASIDE)).toBe(raw);
    expect(storage.getItem(SESSION_KEY)).toBeNull();
    expect(storage.getItem(HISTORY_KEY)).toBe('["ls"]');
    // The next load starts clean.
    expect(loadSession(storage, NOW + 1)).toEqual({ session: null });
  });

  it("the corrupt cases differ from the good session only in the broken part", () => {
    // Guards the table above: the string replacements really hit something.
    const raw = JSON.stringify(good());
    for (const [, text] of corrupt) expect(text).not.toBe(raw);
    expect(validateSession(JSON.parse(raw))).toEqual(good());
  });

  it("validateSession returns the session itself or a reason", () => {
    const s = good();
    expect(validateSession(s)).toBe(s);
    expect(validateSession(null)).toBe("not an object");
    expect(validateSession("session")).toBe("not an object");
    expect(validateSession({ ...s, version: "1" })).toBe("unknown version 1");
    expect(validateSession({ ...s, options: { ...s.options, startTime: Number.POSITIVE_INFINITY } })).toBe("bad options");
    expect(validateSession({ ...s, options: { ...s.options, startTime: Number.NaN } })).toBe("bad options");
    expect(validateSession({ ...s, journal: [{ command: "ls", at: Number.NaN }] })).toBe("bad journal");
    expect(validateSession({ ...s, journal: [{ command: "ls", at: 1, abortAfter: -0.5 }] })).toBe("bad journal");
    expect(validateSession({ ...s, skew: Number.NaN })).toBe("bad clock");
  });

  it("never throws when storage is full", () => {
    const full = new FullStorage();
    expect(saveSession(full, good())).toBe(false);
    expect(full.writes).toBe(1);
    expect(() => saveHistory(full, ["ls"])).not.toThrow();
    expect(full.writes).toBe(2);

    // A corrupt save cannot be copied aside: it is still reported, and removed so the next save can land.
    full.data.set(SESSION_KEY, "{oops");
    let r: ReturnType<typeof loadSession> | undefined;
    expect(() => (r = loadSession(full, NOW))).not.toThrow();
    expect(r!.session).toBeNull();
    expect(r!.corrupt).toMatch(/JSON/);
    expect(full.writes).toBe(3);
    expect(full.data.has(SESSION_KEY)).toBe(false);
  });

  it("a good session loads from full storage without writing", () => {
    const full = new FullStorage();
    full.data.set(SESSION_KEY, JSON.stringify(good()));
    expect(loadSession(full, NOW)).toEqual({ session: good() });
    expect(full.writes).toBe(0);
  });
});

describe("history persistence", () => {
  it("round-trips the history", () => {
    const storage = new MemoryStorage();
    saveHistory(storage, ["kubectl get svc", "ls -l", ""]);
    expect(loadHistory(storage)).toEqual(["kubectl get svc", "ls -l", ""]);
  });

  it("keeps the newest 1000 entries on save and on load", () => {
    const storage = new MemoryStorage();
    const long = Array.from({ length: 1500 }, (_, i) => `echo ${i}`);
    saveHistory(storage, long);
    const saved = JSON.parse(storage.getItem(HISTORY_KEY)!) as string[];
    expect(saved).toHaveLength(1000);
    expect(saved[0]).toBe("echo 500");
    expect(saved[999]).toBe("echo 1499");
    expect(loadHistory(storage)).toEqual(saved);

    // A longer list written by someone else is capped on load.
    storage.setItem(HISTORY_KEY, JSON.stringify(long));
    const loaded = loadHistory(storage);
    expect(loaded).toHaveLength(1000);
    expect(loaded[0]).toBe("echo 500");
    expect(loaded[999]).toBe("echo 1499");
  });

  it("drops entries that are not strings", () => {
    const storage = new MemoryStorage();
    storage.setItem(HISTORY_KEY, JSON.stringify(["a", 1, null, { c: 1 }, ["d"], "b", true]));
    expect(loadHistory(storage)).toEqual(["a", "b"]);
  });

  it("drops non-strings before capping, so 1000 strings survive", () => {
    const storage = new MemoryStorage();
    const mixed = Array.from({ length: 1000 }, (_, i) => `c${i}`).flatMap((c) => [c, 0]);
    storage.setItem(HISTORY_KEY, JSON.stringify(mixed));
    const loaded = loadHistory(storage);
    expect(loaded).toHaveLength(1000);
    expect(loaded[0]).toBe("c0");
  });

  it("answers an empty history for nothing saved, bad JSON or a non-array", () => {
    const storage = new MemoryStorage();
    expect(loadHistory(storage)).toEqual([]);
    storage.setItem(HISTORY_KEY, "[unterminated");
    expect(loadHistory(storage)).toEqual([]);
    storage.setItem(HISTORY_KEY, '{"0":"ls"}');
    expect(loadHistory(storage)).toEqual([]);
    storage.setItem(HISTORY_KEY, '"ls"');
    expect(loadHistory(storage)).toEqual([]);
  });

  it("does not change the caller's array", () => {
    const storage = new MemoryStorage();
    const h = Array.from({ length: 1001 }, (_, i) => `x${i}`);
    saveHistory(storage, h);
    expect(h).toHaveLength(1001);
  });
});

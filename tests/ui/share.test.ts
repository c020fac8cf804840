import { describe, expect, it } from "vitest";
import { decodeState, encodeState, importFile, exportFile, MAX_LINK_CHARS, shareLink, STATE_PARAM } from "../../src/ui/engine/share.ts";
import type { SavedSession } from "../../src/ui/engine/persistence.ts";
import { EngineHost } from "../../src/worker/host.ts";

const START = Date.UTC(2026, 10, 1);

function session(commands: string[], seed = 3): SavedSession {
  return {
    version: 1,
    options: { seed, preset: "default", startTime: START },
    journal: commands.map((command, i) => ({ command, at: START + (i + 1) * 5_000 })),
    skew: 42_000,
  };
}

async function services(s: SavedSession): Promise<string> {
  const host = new EngineHost();
  await host.boot(s.options, s.journal, START + 3_600_000);
  return (await host.run("kubectl get svc -A -o wide", START + 3_600_000)).output;
}

describe("share links", () => {
  it("round-trips preset, seed, journal (with Ctrl+C points) and clock skew", async () => {
    const s = session(["kubectl create service clusterip web --tcp 80", "while true; do :; done", "sleep 30"]);
    s.journal[1]!.abortAfter = 17;
    const text = await encodeState(s);
    expect(text).toMatch(/^1[A-Za-z0-9_-]+$/);
    expect(await decodeState(text)).toEqual(s);
  });

  it("a link opened elsewhere rebuilds the same Services at the same IPs", async () => {
    const s = session(["for i in $(seq 1 8); do kubectl create service clusterip s$i --tcp 80; done", "kubectl delete svc s3", "kubectl create service nodeport np --tcp 8080"], 11);
    const link = await shareLink("https://lab.example/cidr/#/lessons/x", s);
    expect(link).not.toBeNull();
    const restored = await decodeState(new URL(link!).searchParams.get(STATE_PARAM)!);
    expect(typeof restored).toBe("object");
    const a = await services(s);
    expect(a).toContain("s8");
    expect(await services(restored as SavedSession)).toBe(a);
  });

  it("keeps a 50-command session well inside a link", async () => {
    const commands = Array.from({ length: 50 }, (_, i) => `kubectl create service clusterip svc-${i} --tcp ${8000 + i}:80`);
    const link = await shareLink("https://lab.example/", session(commands));
    expect(link).not.toBeNull();
    expect(link!.length).toBeLessThan(1500);
  });

  it("offers no link for a history too long to paste, and the file still carries it", async () => {
    const noisy = Array.from({ length: 400 }, (_, i) => `echo ${(i * 7919).toString(36)}-${(i * 104729).toString(16)}-${i} | sha256sum`);
    const s = session(noisy);
    expect(await shareLink("https://lab.example/", s)).toBeNull();
    expect(MAX_LINK_CHARS).toBeGreaterThan(1000);
    expect(importFile(exportFile(s))).toEqual(s);
  });

  it("says why a damaged or foreign link cannot be used", async () => {
    const good = await encodeState(session(["kubectl get svc"]));
    expect(await decodeState(good.slice(0, -6) + "AAAAAA")).toBe("the link is damaged");
    expect(await decodeState("9" + good.slice(1))).toBe("unknown link format");
    expect(await decodeState("1!!!")).toBe("the link is damaged");
  });

  it("refuses an import that is not a session, with the reason", () => {
    expect(importFile("{")).toMatch(/^not JSON: /);
    expect(importFile(JSON.stringify({ version: 2 }))).toBe("unknown version 2");
    expect(importFile(JSON.stringify({ ...session([]), journal: [{ command: 1 }] }))).toBe("bad journal");
  });
});

describe("undo by replay", () => {
  it("the journal without its last command gives back exactly the cluster before it", async () => {
    const before = session(["kubectl create service clusterip a --tcp 80", "kubectl create service clusterip b --tcp 80"]);
    const after = session([...before.journal.map((e) => e.command), "kubectl delete svc a"]);
    const undone: SavedSession = { ...after, journal: after.journal.slice(0, -1) };
    expect(await services(after)).not.toBe(await services(before));
    expect(await services(undone)).toBe(await services(before));
  });
});

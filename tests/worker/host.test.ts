import { afterEach, describe, expect, it, vi } from "vitest";
import { EngineHost } from "../../src/worker/host.ts";
import type { BootOptions, JournalEntry, WireEvent } from "../../src/worker/protocol.ts";

const START = Date.UTC(2025, 0, 1);
const OPTIONS: BootOptions = { seed: 7, preset: "default", startTime: START };
const LOOP_200 = "for i in $(seq 1 200); do kubectl create service clusterip s$i --tcp 80; done";

const JOURNAL: JournalEntry[] = [
  { command: "kubectl create service clusterip web --tcp 80", at: START + 1_000 },
  { command: "for i in 1 2 3 4 5; do kubectl create service clusterip a$i --tcp 80; done", at: START + 2_000 },
  { command: "kubectl create service nodeport np --tcp 80", at: START + 3_000 },
  { command: "sleep 30", at: START + 4_000 },
];

async function booted(options = OPTIONS, journal: readonly JournalEntry[] = JOURNAL, now = START + 60_000, host = new EngineHost()): Promise<EngineHost> {
  await host.boot(options, journal, now);
  return host;
}

async function out(host: EngineHost, command: string, at: number): Promise<string> {
  return (await host.run(command, at)).output;
}

/** Services in the default namespace (kube-system holds kube-dns). */
function serviceNames(host: EngineHost): string[] {
  return host
    .snapshot()
    .filter((e) => e.resource === "services" && e.key.startsWith("default/"))
    .map((e) => e.key)
    .sort();
}

function clusterIPs(wide: string): string[] {
  return wide
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(/\s+/)[3]!);
}

describe("EngineHost boot and replay", () => {
  it("replays every journal entry and reports nothing as pending afterwards", async () => {
    const host = new EngineHost();
    const replayed = await host.boot(OPTIONS, JOURNAL, START + 60_000);
    expect(replayed).toBe(JOURNAL.length);
    expect(host.drain()).toEqual([]);
    expect(host.session.clock.now()).toBe(START + 60_000);
    expect(serviceNames(host)).toEqual(["default/a1", "default/a2", "default/a3", "default/a4", "default/a5", "default/kubernetes", "default/np", "default/web"]);
  });

  it("same options and journal give the same cluster: same ClusterIPs, same objects, same later events", async () => {
    const a = await booted();
    const b = await booted();
    const wideA = await out(a, "kubectl get svc -A -o wide", START + 61_000);
    const wideB = await out(b, "kubectl get svc -A -o wide", START + 61_000);
    expect(wideA).toBe(wideB);
    const ips = clusterIPs(wideA);
    expect(ips).toHaveLength(9); // 7 created + kubernetes + kube-dns
    for (const ip of ips) expect(ip).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(a.snapshot()).toEqual(b.snapshot());

    // The random source is in the same state too: the next allocation matches, and so do its events.
    a.drain();
    b.drain();
    await a.run("kubectl create service clusterip later --tcp 80", START + 62_000);
    await b.run("kubectl create service clusterip later --tcp 80", START + 62_000);
    const evA = a.drain();
    expect(evA.some((e) => e.resource === "services" && e.key === "default/later")).toBe(true);
    expect(evA).toEqual(b.drain());

    // ...and the comparison is not vacuous: another seed picks other addresses.
    const c = await booted({ ...OPTIONS, seed: 8 });
    const wideC = await out(c, "kubectl get svc -A -o wide", START + 61_000);
    expect(clusterIPs(wideC)).not.toEqual(ips);
  });

  it('preset "none" boots a machine without a cluster', async () => {
    const host = await booted({ ...OPTIONS, preset: "none" }, [], START);
    expect(host.session.cluster).toBeNull();
    expect(host.snapshot()).toEqual([]);
    const r = await host.run("kubectl get svc", START + 1_000);
    expect(r.exitCode).toBe(1);
    expect(host.drain()).toEqual([]);
  });
});

describe("EngineHost interruption", () => {
  it("records abortAfter for an interrupted loop, and a replay stops at the same step with the same Services", async () => {
    let yields = 0;
    let armed = false;
    const host: EngineHost = new EngineHost(async () => {
      if (armed && ++yields === 40) host.interrupt();
    });
    await host.boot(OPTIONS, [], START + 1_000);
    armed = true;
    const r = await host.run(LOOP_200, START + 2_000);
    expect(r.interrupted).toBe(true);
    expect(r.exitCode).toBe(130);
    // Interrupted during the 40th step's yield: 39 steps (one kubectl each) had completed.
    expect(r.entry).toEqual({ command: LOOP_200, at: START + 2_000, abortAfter: 39 });
    const created = serviceNames(host).filter((k) => k !== "default/kubernetes");
    expect(created).toEqual(Array.from({ length: 39 }, (_, i) => `default/s${i + 1}`).sort());

    const replay = new EngineHost();
    const replayed = await replay.boot(OPTIONS, [r.entry], START + 3_000);
    expect(replayed).toBe(1);
    expect(serviceNames(replay)).toEqual(serviceNames(host));
    host.tick(START + 3_000);
    const wide = await out(host, "kubectl get svc -A -o wide", START + 4_000);
    expect(await out(replay, "kubectl get svc -A -o wide", START + 4_000)).toBe(wide);
    expect(clusterIPs(wide)).toHaveLength(41); // 39 created + kubernetes + kube-dns
  });

  it("an uninterrupted command has no abortAfter, and interrupt() with nothing running changes nothing", async () => {
    const host = await booted(OPTIONS, [], START + 1_000);
    host.interrupt();
    const r = await host.run("for i in 1 2 3; do kubectl create service clusterip u$i --tcp 80; done", START + 2_000);
    expect(r.interrupted).toBe(false);
    expect(r.exitCode).toBe(0);
    expect(r.entry).toEqual({ command: "for i in 1 2 3; do kubectl create service clusterip u$i --tcp 80; done", at: START + 2_000 });
    expect(serviceNames(host)).toEqual(["default/kubernetes", "default/u1", "default/u2", "default/u3"]);
  });
});

describe("EngineHost drain", () => {
  it("returns each change once, in resourceVersion order, with the actor that made it", async () => {
    const host = await booted(OPTIONS, [], START + 1_000);
    await host.run("kubectl create service clusterip web --tcp 80", START + 2_000);
    await host.run("kubectl create service clusterip api --tcp 80", START + 3_000);
    const events = host.drain();
    expect(host.drain()).toEqual([]);

    const rvs = events.map((e) => e.rv);
    expect(rvs.length).toBeGreaterThanOrEqual(2);
    expect([...rvs].sort((x, y) => x - y)).toEqual(rvs);
    expect(new Set(rvs).size).toBe(rvs.length);
    expect(host.sentResourceVersion).toBe(rvs[rvs.length - 1]);

    const services = events.filter((e) => e.resource === "services");
    expect(services.map((e) => [e.type, e.key, e.actor])).toEqual([
      ["ADDED", "default/web", "kubernetes-admin"],
      ["ADDED", "default/api", "kubernetes-admin"],
    ]);
    for (const e of services) {
      expect(String(e.object.metadata.resourceVersion)).toBe(String(e.rv));
      expect(e.time).toBeGreaterThanOrEqual(START + 2_000);
    }
    // The ClusterIP's IPAddress is written by the apiserver, not by the user.
    const ipAddresses = events.filter((e) => e.resource === "ipaddresses.networking.k8s.io" && e.type === "ADDED");
    expect(ipAddresses).toHaveLength(2);
    for (const e of ipAddresses) expect(e.actor).toBe("system:apiserver");

    await host.run("kubectl delete svc web", START + 4_000);
    const deleted = host.drain().filter((e) => e.resource === "services");
    expect(deleted.map((e) => [e.type, e.key, e.actor])).toEqual([["DELETED", "default/web", "kubernetes-admin"]]);
    expect(host.drain()).toEqual([]);
  });
});

describe("EngineHost clusterReplaced", () => {
  it("is true after kubeadm reset and init, false after kubectl, and events follow the new store", async () => {
    const host = await booted(OPTIONS, [], START + 1_000);
    await host.run("kubectl get svc", START + 2_000);
    expect(host.clusterReplaced).toBe(false);

    const reset = await host.run("kubeadm reset -f", START + 3_000);
    expect(reset.exitCode).toBe(0);
    expect(host.clusterReplaced).toBe(true);
    expect(host.snapshot()).toEqual([]);
    host.drain();

    const get = await host.run("kubectl get svc", START + 4_000);
    expect(get.exitCode).toBe(1);
    expect(host.clusterReplaced).toBe(false);

    const init = await host.run("kubeadm init", START + 5_000);
    expect(init.exitCode).toBe(0);
    expect(host.clusterReplaced).toBe(true);
    expect(host.snapshot().map((e) => `${e.resource} ${e.key}`)).toContain("servicecidrs.networking.k8s.io kubernetes");
    host.drain();

    await host.run("kubectl create service clusterip fresh --tcp 80", START + 6_000);
    expect(host.clusterReplaced).toBe(false);
    const events = host.drain();
    expect(events.filter((e) => e.resource === "services").map((e) => [e.type, e.key, e.actor])).toEqual([["ADDED", "default/fresh", "kubernetes-admin"]]);
  });
});

describe("EngineHost progress", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("with progressMs 0, reports each step's changes while the loop runs", async () => {
    const host = new EngineHost(async () => {}, 0);
    await host.boot(OPTIONS, [], START + 1_000);
    const batches: WireEvent[][] = [];
    host.onProgress = () => batches.push(host.drain());
    await host.run("for i in 1 2 3 4 5 6; do kubectl create service clusterip p$i --tcp 80; done", START + 2_000);
    const rest = host.drain();

    // Before step k, step k-1's Service has been created and is reported; the first step has nothing yet.
    expect(batches).toHaveLength(5);
    expect(batches.map((b) => b.filter((e) => e.resource === "services").map((e) => e.key))).toEqual([
      ["default/p1"],
      ["default/p2"],
      ["default/p3"],
      ["default/p4"],
      ["default/p5"],
    ]);
    expect(rest.filter((e) => e.resource === "services").map((e) => e.key)).toEqual(["default/p6"]);
  });

  it("is never called while boot replays the journal, even with progressMs 0", async () => {
    const host = new EngineHost(async () => {}, 0);
    const onProgress = vi.fn();
    host.onProgress = onProgress;
    await host.boot(OPTIONS, [{ command: "for i in 1 2 3 4 5 6; do kubectl create service clusterip b$i --tcp 80; done", at: START + 1_000 }], START + 2_000);
    expect(serviceNames(host)).toHaveLength(7);
    expect(onProgress).not.toHaveBeenCalled();

    await host.run("for i in 1 2 3; do kubectl create service clusterip c$i --tcp 80; done", START + 3_000);
    expect(onProgress).toHaveBeenCalled();
  });

  it("is called at most every progressMs, at the first step after the interval has passed", async () => {
    let fake = 1_000_000;
    const STEP = 40;
    const host = new EngineHost(async () => {
      fake += STEP;
    }, 100);
    await host.boot(OPTIONS, [], START + 1_000);
    vi.spyOn(performance, "now").mockImplementation(() => fake);
    const calls: number[] = [];
    host.onProgress = () => calls.push(fake);
    const begin = fake;
    await host.run("for i in $(seq 1 20); do kubectl create service clusterip t$i --tcp 80; done", START + 2_000);
    vi.restoreAllMocks();

    expect(calls.length).toBeGreaterThanOrEqual(3);
    // The first step has nothing to report; the second does.
    expect(calls[0]).toBe(begin + 2 * STEP);
    for (let i = 1; i < calls.length; i++) {
      const gap = calls[i]! - calls[i - 1]!;
      expect(gap).toBeGreaterThanOrEqual(100);
      expect(gap).toBeLessThan(100 + STEP);
    }
  });
});

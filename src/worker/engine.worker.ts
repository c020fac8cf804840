/// <reference lib="webworker" />
/**
 * The engine worker: the cluster and the shell run here, off the page's thread, because just-bash never
 * yields. Between engine steps the host yields through a MessageChannel (much faster than setTimeout),
 * so a Ctrl+C message gets through while a loop of kubectl commands runs.
 */
import { EngineHost } from "./host.ts";
import { completionData } from "./completion-data.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToEvents = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });

const host = new EngineHost(yieldToEvents);
let queue: Promise<void> = Promise.resolve();

function post(msg: FromWorker): void {
  self.postMessage(msg);
}

let lastInfo = "";

function flushEvents(): void {
  const events = host.drain();
  const decisions = host.drainDecisions();
  if (events.length || decisions.length) post({ type: "events", events, now: host.session.clock.now(), ...(decisions.length ? { decisions } : {}) });
  // The apiserver's flags and the policy fences change rarely: sent only when they did.
  const info = host.clusterInfo();
  const text = JSON.stringify(info);
  if (text !== lastInfo) {
    lastInfo = text;
    post({ type: "cluster", info });
  }
}
host.onProgress = flushEvents;

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (msg.type === "interrupt") {
    host.interrupt();
    return;
  }
  // Commands and ticks run one at a time, in order.
  queue = queue.then(async () => {
    try {
      switch (msg.type) {
        case "boot": {
          const replayed = await host.boot(msg.options, msg.journal, msg.now);
          post({ type: "ready", cwd: host.session.cwd, host: host.session.hostname, now: host.session.clock.now(), objects: host.snapshot(), replayed, completion: await completionData(host.session) });
          lastInfo = "";
          flushEvents();
          break;
        }
        case "run": {
          const r = await host.run(msg.command, msg.at);
          if (host.clusterReplaced) {
            host.drain();
            post({ type: "snapshot", objects: host.snapshot(), now: host.session.clock.now() });
            flushEvents();
          } else {
            flushEvents();
          }
          const completion = await completionData(host.session);
          post({ type: "result", id: msg.id, output: r.output, exitCode: r.exitCode, cwd: host.session.cwd, host: host.session.hostname, now: host.session.clock.now(), entry: r.entry, interrupted: r.interrupted, completion });
          break;
        }
        case "tick":
          host.tick(msg.at);
          flushEvents();
          break;
      }
    } catch (e) {
      post({ type: "fatal", message: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) });
    }
  });
};

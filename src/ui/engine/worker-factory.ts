/** The engine worker, created from one place so that the page and the embeds share one worker bundle. */
export function createEngineWorker(): Worker {
  return new Worker(new URL("../../worker/engine.worker.ts", import.meta.url), { type: "module", name: "cidr-lab-engine" });
}

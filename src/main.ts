/** Minimal page: boots the engine in the browser and runs a command (the full UI replaces this). */
import { Session } from "./shell/session.ts";

async function boot(): Promise<void> {
  const app = document.getElementById("app")!;
  const pre = document.createElement("pre");
  pre.dataset.testid = "output";
  app.append(pre);
  const session = await Session.create({ startTime: Date.now() });
  const r = await session.run("kubectl get servicecidr; kubectl get svc -A");
  pre.textContent = r.output;
  pre.dataset.ready = "true";
}

void boot();

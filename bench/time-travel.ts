/**
 * Time travel and sharing (issue 8): undo across a 1,000-command session (the cluster rebuilt by
 * replaying 999 commands, which is what the page's worker does), and the length of a share link for a
 * 50-command session.
 */
import { EngineHost } from "../src/worker/host.ts";
import type { JournalEntry } from "../src/worker/protocol.ts";
import type { SavedSession } from "../src/ui/engine/persistence.ts";
import { shareLink } from "../src/ui/engine/share.ts";
import type { Figure } from "./engine.ts";

const START = Date.UTC(2026, 10, 1);

function journal(commands: string[]): JournalEntry[] {
  return commands.map((command, i) => ({ command, at: START + (i + 1) * 3_000 }));
}

/** What a learner types in a lesson: creates, lists, describes, a loop, a heredoc now and then. */
function typical(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    out.push(`kubectl create service clusterip web-${i} --tcp 80:8080`);
    out.push("kubectl get svc -o wide");
    out.push(`kubectl describe svc web-${i}`);
    out.push("kubectl get ipaddresses");
    if (i % 3 === 0) out.push(`for j in 1 2 3; do kubectl create service clusterip batch${i}-$j --tcp 80; done`);
    if (i % 4 === 1) out.push(`kubectl apply -f - <<TSEOF\napiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata:\n  name: extra-${i}\nspec:\n  cidrs:\n  - 10.${100 + i}.0.0/24\nTSEOF`);
  }
  return out.slice(0, n);
}

export async function timeTravelBenchmarks(): Promise<Figure[]> {
  const commands = Array.from({ length: 1000 }, (_, i) => (i % 2 ? `kubectl create service clusterip s${i} --tcp 80` : "kubectl get svc s1 -o name"));
  const full = journal(commands);
  const host = new EngineHost();
  // Warm the module graph and the JIT once, as a page that already ran the session has.
  await host.boot({ seed: 1, preset: "default", startTime: START }, full.slice(0, 50), START + 3_600_000);
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await new EngineHost().boot({ seed: 1, preset: "default", startTime: START }, full.slice(0, 999), START + 3_600_000);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);

  const session: SavedSession = { version: 1, options: { seed: 1, preset: "default", startTime: START }, journal: journal(typical(50)), skew: 0 };
  const link = await shareLink("https://cidrlab.example/", session);
  return [
    { name: "undo across 1,000 commands (replay of 999, median of 3)", value: `${samples[1]!.toFixed(0)} ms` },
    { name: "share link for a 50-command session", value: link ? `${link.length} chars` : "too long: file" },
  ];
}

/**
 * npm run bench: measures and prints the figures the issues name, as a Markdown table to paste into
 * BENCHMARKS.md. `npm run bench -- engine` runs one group.
 */
import { engineBenchmarks, type Figure } from "./engine.ts";
import { browserBenchmarks } from "./browser.ts";
import { admissionBenchmarks } from "./admission.ts";
import { proxyBenchmarks } from "./proxy.ts";
import { timeTravelBenchmarks } from "./time-travel.ts";
import { workloadBenchmarks } from "./workloads.ts";

const groups: Record<string, () => Figure[] | Promise<Figure[]>> = {
  engine: engineBenchmarks,
  browser: browserBenchmarks,
  admission: admissionBenchmarks,
  proxy: proxyBenchmarks,
  "time-travel": timeTravelBenchmarks,
  workloads: workloadBenchmarks,
};

async function main(): Promise<void> {
  const only = process.argv[2];
  const rows: Figure[] = [];
  for (const [name, fn] of Object.entries(groups)) {
    if (only && only !== name) continue;
    process.stderr.write(`running ${name} benchmarks...\n`);
    rows.push(...(await fn()));
  }
  process.stdout.write("| figure | value | target |\n|---|---|---|\n");
  for (const r of rows) process.stdout.write(`| ${r.name} | ${r.value} | ${r.target ?? ""} |\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});

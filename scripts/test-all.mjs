// npm test: every test the project has, in the order that fails fastest. Unit tests (vitest), the lessons'
// solutions played through the engine (lessons:check), the type check, the production build, then the
// browser tests in real Chromium against that build.
import { spawnSync } from "node:child_process";
import { findChromium, HOW_TO_GET_CHROMIUM, playwrightDownloadExists } from "./chromium.mjs";

function run(title, cmd, args) {
  process.stdout.write(`\n== ${title}: ${cmd} ${args.join(" ")}\n`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    process.stderr.write(`\n${title} failed.\n`);
    process.exit(r.status ?? 1);
  }
}

const only = process.argv[2];
if (!only || only === "unit") run("unit tests", "npx", ["vitest", "run"]);
if (!only || only === "lessons") run("lessons", "npx", ["tsx", "scripts/lessons-check.ts"]);
if (!only || only === "types") run("type check", "npx", ["svelte-check", "--tsconfig", "./tsconfig.json", "--threshold", "error"]);
if (!only || only === "e2e") {
  if (!findChromium() && !(await playwrightDownloadExists())) {
    process.stderr.write(`${HOW_TO_GET_CHROMIUM}\n`);
    process.exit(1);
  }
  run("build", "npx", ["vite", "build"]);
  run("browser tests", "npx", ["playwright", "test"]);
}

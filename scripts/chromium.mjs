// Finds a Chromium for the browser tests: $CHROMIUM_PATH, Debian's /usr/bin/chromium, or a browser
// Playwright downloaded itself. Prints nothing when found; otherwise one line on how to get one.
import { existsSync } from "node:fs";

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  for (const c of candidates) if (existsSync(c)) return c;
  return undefined;
}

export async function playwrightDownloadExists() {
  try {
    const { chromium } = await import("@playwright/test");
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

export const HOW_TO_GET_CHROMIUM = "Browser tests need Chromium: install it with `sudo apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary).";

/**
 * The sandbox as a person meets it: a page fixture that fails a test on any page error or any request
 * leaving the page's own origin, and helpers that type into the terminal key by key and read the screen.
 */
import { expect, test as base, type Locator, type Page } from "@playwright/test";

export interface Sandbox {
  page: Page;
  terminal: Locator;
  /** Types one line (or several: each ends with Enter) and waits until the command has finished. */
  run(lines: string | string[]): Promise<void>;
  /** The terminal's text since the last clear, wrapped rows joined. */
  screen(): Promise<string>;
  /** Opens the page and waits for a terminal that accepts input. */
  open(path?: string): Promise<void>;
  /** Requests that left the origin the page was served from. */
  foreign: string[];
  errors: string[];
}

export const test = base.extend<{ sandbox: Sandbox }>({
  sandbox: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    const foreign: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) foreign.push(url);
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    const terminal = page.getByTestId("terminal");

    const sandbox: Sandbox = {
      page,
      terminal,
      foreign,
      errors,
      async open(path = "/") {
        await page.goto(path);
        await expect(terminal).toHaveAttribute("data-ready", "true");
      },
      async run(lines) {
        const list = Array.isArray(lines) ? lines : [lines];
        const before = Number(await terminal.getAttribute("data-commands"));
        await terminal.click();
        for (const line of list) {
          await page.keyboard.type(line, { delay: 0 });
          await page.keyboard.press("Enter");
        }
        await expect(terminal).toHaveAttribute("data-commands", String(before + 1), { timeout: 30_000 });
      },
      async screen() {
        // xterm's buffer, not the DOM rows: a long line wraps into several rows on a narrow terminal.
        return page.evaluate(() => (window as unknown as { __cidrlab: { screen(): string } }).__cidrlab.screen());
      },
    };
    await use(sandbox);
    expect(errors, "page errors").toEqual([]);
    expect(foreign, "requests outside the page's origin").toEqual([]);
  },
});

export { expect };

/** Waits until the terminal's visible rows contain `text`. */
export async function expectScreen(sandbox: Sandbox, text: string | RegExp, timeout = 10_000): Promise<void> {
  await expect.poll(() => sandbox.screen(), { timeout }).toMatch(typeof text === "string" ? new RegExp(escape(text)) : text);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

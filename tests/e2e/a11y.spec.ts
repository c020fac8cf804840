/** Accessibility: axe finds nothing serious in either theme or language. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures.ts";

for (const variant of [
  { theme: "Light", lang: "en" },
  { theme: "Dark", lang: "ko" },
]) {
  test(`axe finds no serious violations (${variant.theme}, ${variant.lang})`, async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    if (variant.theme === "Dark") await page.getByRole("button", { name: "Dark", exact: true }).click();
    if (variant.lang === "ko") await page.getByRole("button", { name: "한국어" }).click();
    await sandbox.run("kubectl create service clusterip web --tcp 80");
    await expect(page.getByTestId("map").locator("[data-servicecidr]").first()).toBeVisible();
    const results = await new AxeBuilder({ page }).exclude(".xterm-helper-textarea").analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath(`page-${variant.theme}-${variant.lang}.png`) });
  });
}

test("screen-reader mode exposes the terminal's output as text", async ({ sandbox }) => {
  const { page } = sandbox;
  await sandbox.open();
  await page.getByRole("button", { name: "Screen reader" }).click();
  await expect(page.getByRole("button", { name: "Screen reader" })).toHaveAttribute("aria-pressed", "true");
  await sandbox.run("kubectl get servicecidr");
  await expect(page.locator(".xterm-accessibility-tree")).toContainText("kubernetes");
});

test("on a tablet the terminal and the views stack and nothing overflows sideways", async ({ sandbox }) => {
  const { page } = sandbox;
  await page.setViewportSize({ width: 820, height: 1180 });
  await sandbox.open();
  await sandbox.run("kubectl create service clusterip tablet --tcp 80");
  const term = await sandbox.terminal.boundingBox();
  const map = await page.getByTestId("map").boundingBox();
  expect(term && map && map.y >= term.y + term.height - 1).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: test.info().outputPath("tablet.png") });
});

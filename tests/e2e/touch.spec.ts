/** On a phone: common commands and missing keys are taps, and the page still fits. */
import { devices } from "@playwright/test";
import { expect, expectScreen, test } from "./fixtures.ts";

const { defaultBrowserType: _ignored, ...phone } = devices["Pixel 7"];
test.use(phone);

test("commands run with a tap on a touch screen", async ({ sandbox }) => {
  const { page } = sandbox;
  await sandbox.open();
  const palette = page.getByTestId("palette");
  await expect(palette).toBeVisible();
  await palette.getByRole("button", { name: "kubectl get servicecidr" }).tap();
  await expectScreen(sandbox, /kubernetes\s+10\.96\.0\.0\/12/);
  await palette.getByRole("button", { name: "kubectl create service clusterip web-1 --tcp 80" }).tap();
  await expectScreen(sandbox, "service/web-1 created");
  // The next tap offers the next name.
  await expect(palette.getByRole("button", { name: "kubectl create service clusterip web-2 --tcp 80" })).toBeVisible();
  // ↑ recalls the last command, as the arrow key would.
  await palette.getByRole("button", { name: "Key ↑" }).tap();
  await expectScreen(sandbox, /# kubectl create service clusterip web-1 --tcp 80$/m);
  await palette.getByRole("button", { name: "Key Ctrl+C" }).tap();
  // Nothing sticks out past the screen's edge.
  const width = page.viewportSize()!.width;
  for (const region of [sandbox.terminal, page.getByRole("region", { name: "Views" })]) {
    const box = (await region.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(width);
  }
});

/** A trainer steps through a demo script with the keyboard; the same seed shows the same IPs every run. */
import { expect, expectScreen, test } from "./fixtures.ts";

const SCRIPT = `# title: Two Services
# seed: 5
# note: What the cluster starts with.
kubectl get servicecidr
# note: A Service takes an address from it.
kubectl create service clusterip web --tcp 80
# pause
kubectl get svc web -o custom-columns=NAME:.metadata.name,IP:.spec.clusterIP --no-headers
`;

test("the presenter steps through a script with the keyboard", async ({ sandbox }) => {
  test.setTimeout(120_000);
  const { page } = sandbox;
  const step = page.getByTestId("presenter-step");
  await sandbox.open();
  await page.getByTestId("presenter-toggle").click();
  await page.getByLabel(/Paste a demo script/).fill(SCRIPT);
  await page.getByTestId("presenter-start").click();
  await expect(step).toHaveText("Step 0 of 4", { timeout: 30_000 });
  await expect(page.getByTestId("presenter-notes")).toContainText("What the cluster starts with.");

  await page.keyboard.press("PageDown");
  await expect(step).toHaveText("Step 1 of 4", { timeout: 30_000 });
  await expectScreen(sandbox, /kubernetes\s+10\.96\.0\.0\/12/);
  await page.keyboard.press("PageDown");
  await expect(step).toHaveText("Step 2 of 4", { timeout: 30_000 });
  await expectScreen(sandbox, "service/web created");
  await page.keyboard.press(" ");
  await page.keyboard.press("ArrowRight");
  await expect(step).toHaveText("Step 4 of 4", { timeout: 30_000 });
  await expectScreen(sandbox, /^web\s+10\.\d+\.\d+\.\d+$/m);
  const ip = /^web\s+(\S+)$/m.exec(await sandbox.screen())![1]!;

  // Back twice: past the pause, then the create is undone.
  await page.keyboard.press("PageUp");
  await page.keyboard.press("PageUp");
  await page.keyboard.press("PageUp");
  await expect(step).toHaveText("Step 1 of 4", { timeout: 30_000 });
  await expect(page.locator(`[data-ip="${ip}"][data-state="allocated"]`)).toHaveCount(0);

  // A second run of the same script on the same seed gives the same address.
  await page.getByRole("button", { name: "Another script" }).click();
  await page.getByTestId("presenter-start").click();
  for (let i = 0; i < 4; i++) await page.keyboard.press("PageDown");
  await expect(step).toHaveText("Step 4 of 4", { timeout: 30_000 });
  await expectScreen(sandbox, new RegExp(`^web\\s+${ip.replace(/\./g, "\\.")}$`, "m"));
  await expect(page.locator("html")).toHaveAttribute("data-presenter", "on");
});

test("a broken script is refused with the line at fault", async ({ sandbox }) => {
  const { page } = sandbox;
  await sandbox.open();
  await page.getByTestId("presenter-toggle").click();
  await page.getByLabel(/Paste a demo script/).fill("kubectl get svc\n# seed: 9\n");
  await page.getByTestId("presenter-start").click();
  await expect(page.getByRole("alert")).toHaveText('line 2: "# seed:" belongs before the first step');
});

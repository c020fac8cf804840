/** The session lives in the browser: reload restores it, a corrupt save is set aside, reset starts fresh. */
import { expect, expectScreen, test } from "./fixtures.ts";

test("a reload brings back the cluster, the history and the view", async ({ sandbox }) => {
  const { page, terminal } = sandbox;
  await sandbox.open();
  await sandbox.run("kubectl create service clusterip keep-me --tcp 80");
  await expectScreen(sandbox, "service/keep-me created");
  await sandbox.run("kubectl get svc keep-me -o jsonpath='{.spec.clusterIP}'; echo");
  const ip = (await sandbox.screen()).split("\n").map((l) => l.trim()).find((l) => /^10\.\d+\.\d+\.\d+$/.test(l))!;
  expect(ip).toBeTruthy();
  await expect(page.locator(`[data-ip="${ip}"]`).first()).toHaveAttribute("data-state", "allocated");

  await page.reload();
  await expect(terminal).toHaveAttribute("data-ready", "true");
  await expect(page.locator(`[data-ip="${ip}"]`).first()).toHaveAttribute("data-state", "allocated");
  await sandbox.run("kubectl get svc keep-me -o jsonpath='{.spec.clusterIP}'; echo");
  await expectScreen(sandbox, new RegExp(`^${ip.replace(/\./g, "\\.")}$`, "m"));

  // History survives too: Up recalls the last command.
  await terminal.click();
  await page.keyboard.press("ArrowUp");
  await expectScreen(sandbox, /# kubectl get svc keep-me -o jsonpath='\{\.spec\.clusterIP\}'; echo$/m);
  await page.keyboard.press("Control+U");
});

test("a corrupted save is reported and set aside, never fatal", async ({ sandbox }) => {
  const { page } = sandbox;
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("cidr-lab:session:v1", "{not json");
      sessionStorage.setItem("seeded", "1");
    }
  });
  await sandbox.open();
  await expect(page.getByTestId("notice")).toContainText("could not be read");
  await sandbox.run("kubectl get servicecidr");
  await expectScreen(sandbox, /kubernetes\s+10\.96\.0\.0\/12/);
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("corrupt")));
  expect(kept.length).toBe(1);
});

test("reset starts a fresh cluster", async ({ sandbox }) => {
  const { page } = sandbox;
  await sandbox.open();
  await sandbox.run("kubectl create service clusterip gone-soon --tcp 80");
  await sandbox.run("reset");
  await sandbox.run("kubectl get svc gone-soon");
  await expectScreen(sandbox, 'Error from server (NotFound): services "gone-soon" not found');
  await page.reload();
  await expect(sandbox.terminal).toHaveAttribute("data-ready", "true");
  await sandbox.run("kubectl get svc gone-soon");
  await expectScreen(sandbox, 'Error from server (NotFound): services "gone-soon" not found');
});

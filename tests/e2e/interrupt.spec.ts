/** Ctrl+C and runaway loops: the page keeps answering and nothing typed before is lost. */
import { expect, expectScreen, test } from "./fixtures.ts";

test("Ctrl+C stops an endless loop and the terminal keeps answering", async ({ sandbox }) => {
  const { page, terminal } = sandbox;
  await sandbox.open();
  await sandbox.run("kubectl create service clusterip before --tcp 80");
  await expectScreen(sandbox, "service/before created");

  const before = Number(await terminal.getAttribute("data-commands"));
  await terminal.click();
  await page.keyboard.type("while true; do :; done");
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
  // The page is not frozen while the loop runs: the header still responds.
  await expect(page.getByTestId("reset")).toBeEnabled();
  await page.keyboard.press("Control+C");
  await expect(terminal).toHaveAttribute("data-commands", String(before + 1), { timeout: 5_000 });
  await expectScreen(sandbox, "^C");

  await sandbox.run("kubectl get svc before");
  await expectScreen(sandbox, /before\s+ClusterIP\s+10\.\d+\.\d+\.\d+/);
});

test("a runaway loop stops at the limit with a clear message", async ({ sandbox }) => {
  await sandbox.open();
  await sandbox.run("i=0; while true; do i=$((i+1)); done");
  // 100,000 iterations of two commands reach both the iteration and the command limit; either may speak.
  await expectScreen(sandbox, /^bash: (while loop: stopped after 100000 iterations|stopped after 200000 commands): the sandbox ends runaway loops here$/m, 30_000);
  await sandbox.run("echo still here");
  await expectScreen(sandbox, "still here");
});

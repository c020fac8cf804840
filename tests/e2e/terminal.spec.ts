/** The terminal as a person uses it: completion, history search, line editing, Korean text, the views' links. */
import { expect, expectScreen, test } from "./fixtures.ts";

test("Tab completes verbs, kinds and object names; Ctrl+R finds an old command", async ({ sandbox }) => {
  const { page, terminal } = sandbox;
  await sandbox.open();
  await sandbox.run("kubectl create service clusterip tab-target --tcp 80");

  const before = Number(await terminal.getAttribute("data-commands"));
  await terminal.click();
  await page.keyboard.type("kubectl desc");
  await page.keyboard.press("Tab");
  await page.keyboard.type("svc tab-t");
  await page.keyboard.press("Tab");
  await expectScreen(sandbox, /# kubectl describe svc tab-target $/m);
  await page.keyboard.press("Enter");
  await expect(terminal).toHaveAttribute("data-commands", String(before + 1));
  await expectScreen(sandbox, /^Name:\s+tab-target$/m);

  await sandbox.run("clear");
  await terminal.click();
  await page.keyboard.press("Control+R");
  await page.keyboard.type("clusterip tab");
  await expectScreen(sandbox, /\(reverse-i-search\)`clusterip tab': kubectl create service clusterip tab-target --tcp 80/);
  await page.keyboard.press("Control+G");
  await page.keyboard.press("Control+U");
});

test("line editing keys move and cut as in bash", async ({ sandbox }) => {
  const { page, terminal } = sandbox;
  await sandbox.open();
  await terminal.click();
  await page.keyboard.type("echo world");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Alt+F");
  await page.keyboard.type(" hello");
  await page.keyboard.press("End");
  await page.keyboard.type(" again");
  await page.keyboard.press("Control+W");
  const before = Number(await terminal.getAttribute("data-commands"));
  await page.keyboard.press("Enter");
  await expect(terminal).toHaveAttribute("data-commands", String(before + 1));
  await expectScreen(sandbox, /^hello world$/m);
});

test("Korean text keeps its width while editing a line", async ({ sandbox }) => {
  const { page, terminal } = sandbox;
  await sandbox.open();
  await sandbox.run("echo '서비스 IP 대역' | cat");
  await expectScreen(sandbox, /^서비스 IP 대역$/m);
  // Each Hangul syllable is two columns wide: moving left over two of them and inserting must land
  // between "echo " and "대역", and the redrawn line must read cleanly.
  await terminal.click();
  await page.keyboard.type("echo 대역");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type("서비스 ");
  await expectScreen(sandbox, /# echo 서비스 대역$/m);
  const before = Number(await terminal.getAttribute("data-commands"));
  await page.keyboard.press("Enter");
  await expect(terminal).toHaveAttribute("data-commands", String(before + 1));
  await expectScreen(sandbox, /^서비스 대역$/m);
});

test("a trace entry lights up the cells it touched; the table tab shows the same facts", async ({ sandbox }) => {
  const { page } = sandbox;
  await sandbox.open();
  await sandbox.run("kubeadm reset -f > /dev/null");
  await sandbox.run("kubeadm init --service-cidr=10.96.0.0/24 > /dev/null");
  await sandbox.run("kubectl create service clusterip lit --tcp 80 --clusterip=10.96.0.7");
  const entry = page.locator('[data-trace-command="kubectl create service clusterip lit --tcp 80 --clusterip=10.96.0.7"]');
  await expect(entry).toContainText("IPAddress 10.96.0.7");
  await expect(entry).toContainText("ClusterIP allocator");
  await entry.getByRole("button", { name: /IPAddress 10\.96\.0\.7/ }).click();
  const cell = page.getByTestId("map").locator('[data-ip="10.96.0.7"]');
  await expect(cell).toHaveAttribute("data-state", "allocated");
  await expect(cell).toHaveAttribute("data-band", "static");
  await expect(cell).toHaveClass(/scm-highlighted/);

  await page.getByRole("tab", { name: "Table" }).click();
  const row = page.getByTestId("twin").locator('tr[data-ip="10.96.0.7"]');
  await expect(row).toBeVisible();
  await expect(row).toContainText("default/lit");
  await expect(page.getByTestId("twin").locator('tr[data-servicecidr="kubernetes"]')).toContainText("3 used of 254");
});

/** Undo and redo, a shared link opened in a fresh browser, and the page working offline after a visit. */
import { expect, expectScreen, test } from "./fixtures.ts";

const IPS = "kubectl get svc -o custom-columns=NAME:.metadata.name,IP:.spec.clusterIP --no-headers";

function ipOf(screen: string, name: string): string {
  const line = screen.split("\n").reverse().find((l) => l.trim().startsWith(`${name} `));
  return line!.trim().split(/\s+/)[1]!;
}

test("undo and redo bring back exactly the cluster and the view", async ({ sandbox }) => {
  const { page } = sandbox;
  await sandbox.open();
  await sandbox.run("kubectl create service clusterip alpha --tcp 80");
  await sandbox.run("kubectl create service clusterip beta --tcp 80");
  await sandbox.run(IPS);
  const alpha = ipOf(await sandbox.screen(), "alpha");
  expect(alpha).toMatch(/^10\./);
  await expect(page.locator(`[data-ip="${alpha}"]`).first()).toHaveAttribute("data-state", "allocated");

  await sandbox.run("kubectl delete svc alpha");
  await expectScreen(sandbox, 'service "alpha" deleted');
  await expect(page.locator(`[data-ip="${alpha}"][data-state="allocated"]`)).toHaveCount(0);

  await sandbox.run("undo");
  await expectScreen(sandbox, "Undone: kubectl delete svc alpha");
  await expect(page.locator(`[data-ip="${alpha}"]`).first()).toHaveAttribute("data-state", "allocated");

  await page.getByTestId("redo").click();
  await expect(page.locator(`[data-ip="${alpha}"][data-state="allocated"]`)).toHaveCount(0);
  await expect(page.getByTestId("redo")).toBeDisabled();

  // Undone again, kubectl answers exactly as before the delete (a new command then ends the redo branch).
  await page.getByTestId("undo").click();
  await expect(page.locator(`[data-ip="${alpha}"]`).first()).toHaveAttribute("data-state", "allocated");
  await sandbox.run(IPS);
  expect(ipOf(await sandbox.screen(), "alpha")).toBe(alpha);
  await expect(page.getByTestId("redo")).toBeDisabled();

  // The timeline lists every command and can go back to any of them.
  await page.getByTestId("session-menu").click();
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("kubectl create service clusterip beta --tcp 80");
  await timeline.getByRole("button", { name: /kubectl create service clusterip alpha --tcp 80$/ }).click();
  await expect(page.getByTestId("redo")).toBeEnabled();

  // The slider scrubs the whole timeline: to the start (no alpha), then to the end again (alpha back).
  const slider = page.getByTestId("timeline-slider");
  await slider.focus();
  await page.keyboard.press("Home");
  await expect(page.getByText(/^After command 0 of \d+$/)).toBeVisible();
  await expect(page.locator(`[data-ip="${alpha}"][data-state="allocated"]`)).toHaveCount(0);
  await slider.focus();
  await page.keyboard.press("End");
  await expect(page.locator(`[data-ip="${alpha}"]`).first()).toHaveAttribute("data-state", "allocated");

  // One step at a time, once each rebuild is done.
  await slider.focus();
  await page.keyboard.press("Home");
  await expect(page.getByText(/^After command 0 of \d+$/)).toBeVisible();
  await expect(sandbox.terminal).toHaveAttribute("data-engine", "ready");
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByText(/^After command 1 of \d+$/)).toBeVisible();
  await sandbox.run("kubectl get svc beta");
  await expectScreen(sandbox, 'Error from server (NotFound): services "beta" not found');
});

test("a shared link opened in a fresh browser gives the same IPs", async ({ sandbox, browser, baseURL }) => {
  const { page } = sandbox;
  await sandbox.open();
  await sandbox.run("for i in 1 2 3 4 5; do kubectl create service clusterip s$i --tcp 80; done");
  await sandbox.run(IPS);
  const mine = await sandbox.screen();
  const ips = ["s1", "s3", "s5"].map((n) => ipOf(mine, n));

  await page.getByTestId("session-menu").click();
  await page.getByTestId("share-link").click();
  const link = await page.getByTestId("share-url").inputValue();
  expect(link).toContain("?state=1");
  expect(link.length).toBeLessThan(1000);

  const other = await browser.newContext({ baseURL });
  try {
    const p2 = await other.newPage();
    await p2.goto(link);
    const term = p2.getByTestId("terminal");
    await expect(term).toHaveAttribute("data-ready", "true");
    await expect(p2.getByTestId("notice")).toContainText("2 commands");
    // The state parameter leaves the address bar so that a reload keeps what the learner does next.
    expect(p2.url()).not.toContain("state=");
    await term.click();
    await p2.keyboard.type(IPS);
    await p2.keyboard.press("Enter");
    const screen = () => p2.evaluate(() => (window as unknown as { __cidrlab: { screen(): string } }).__cidrlab.screen());
    await expect.poll(screen).toContain("s5 ");
    const theirs = await screen();
    expect(["s1", "s3", "s5"].map((n) => ipOf(theirs, n))).toEqual(ips);
  } finally {
    await other.close();
  }
});

test("a damaged link is reported and the page starts anyway", async ({ sandbox }) => {
  await sandbox.open("/?state=1AAAA");
  await expect(sandbox.page.getByTestId("notice")).toContainText("Could not load the session");
  await sandbox.run("kubectl get servicecidr");
  await expectScreen(sandbox, /kubernetes\s+10\.96\.0\.0\/12/);
});

test("after a first visit the page works offline", async ({ sandbox, context }) => {
  const { page } = sandbox;
  await sandbox.open();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first visit is not controlled yet; once the worker has claimed it, everything is cached.
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(sandbox.terminal).toHaveAttribute("data-ready", "true");
    await sandbox.run("kubectl create service clusterip offline --tcp 80");
    await expectScreen(sandbox, "service/offline created");
    await expect(page.locator("[data-servicecidr]").first()).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

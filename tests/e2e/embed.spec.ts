/** The docs demo page: two <cidr-lab> widgets beside text, each with its own cluster, and a framed one. */
import { expect, test } from "./fixtures.ts";

type Lab = HTMLElement & { screen(): string; run(command: string): Promise<void> };

test("two embeds on one page hold separate clusters", async ({ sandbox }) => {
  const { page } = sandbox;
  await page.goto("/demo.html");
  const first = page.locator("#try-it");
  const second = page.locator("#read-only");
  await expect(first.getByTestId("terminal")).toHaveAttribute("data-ready", "true");
  await expect(second.getByTestId("terminal")).toHaveAttribute("data-ready", "true");

  // Each start script was typed out and answered.
  const screenOf = (id: string) => page.evaluate((sel) => (document.querySelector(sel) as Lab).screen(), id);
  await expect.poll(() => screenOf("#try-it")).toMatch(/kubernetes\s+10\.96\.0\.0\/12/);
  await expect.poll(() => screenOf("#read-only")).toMatch(/^web\s+ClusterIP\s+10\.\d+\.\d+\.\d+/m);
  const webIP = /^web\s+ClusterIP\s+(\S+)/m.exec(await screenOf("#read-only"))![1];

  // A reader types into the first one, as on any page.
  await first.getByTestId("terminal").click();
  await page.keyboard.type("kubectl create service clusterip only-here --tcp 80");
  await page.keyboard.press("Enter");
  await expect.poll(() => screenOf("#try-it")).toContain("service/only-here created");
  await expect(first.locator("[data-ip][data-state='allocated']").first()).toBeVisible();

  // The read-only one takes no typing, and its cluster never saw the first one's Service.
  await second.getByTestId("terminal").click();
  await page.keyboard.type("kubectl delete svc web");
  await page.keyboard.press("Enter");
  await page.evaluate(() => (document.querySelector("#read-only") as Lab).run("kubectl get svc only-here"));
  await expect.poll(() => screenOf("#read-only")).toContain('services "only-here" not found');
  expect(await screenOf("#read-only")).not.toContain("kubectl delete svc web");
  await page.evaluate(() => (document.querySelector("#try-it") as Lab).run("kubectl get svc web"));
  await expect.poll(() => screenOf("#try-it")).toContain('services "web" not found');
  expect(webIP).toMatch(/^10\./);

  // The page's own styles and storage are left alone.
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(255, 255, 255)");
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("cidr-lab:session")))).toEqual([]);
});

test("the iframe page takes its settings from the URL", async ({ sandbox }) => {
  const { page } = sandbox;
  await page.goto("/embed.html?seed=3&views=none&lang=ko&script=kubectl%20get%20svc%20-A");
  await expect(page.getByTestId("terminal")).toHaveAttribute("data-ready", "true");
  const screen = () => page.evaluate(() => (document.querySelector("cidr-lab") as Lab).screen());
  await expect.poll(screen).toMatch(/kube-system\s+kube-dns\s+ClusterIP\s+10\.96\.0\.10/);
  await expect(page.locator("[data-servicecidr]")).toHaveCount(0);
  await expect(page.locator("cidr-lab .cidr-lab-embed")).toHaveAttribute("lang", "ko");
});

test("an embed opens a lesson at a step, with its own progress", async ({ sandbox }) => {
  const { page } = sandbox;
  await page.goto("/embed.html?lesson=services-and-clusterips&lang=ko&views=none&height=600px");
  const panel = page.getByTestId("lesson-panel");
  await expect(panel).toHaveAttribute("data-lesson", "services-and-clusterips");
  await expect(page.getByTestId("terminal")).toHaveAttribute("data-ready", "true");
  // The host page's address and storage are left alone.
  expect(new URL(page.url()).hash).toBe("");
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("cidr-lab")))).toEqual([]);
  // A command from the lesson runs in the embed's terminal.
  await panel.getByRole("button", { name: "실행" }).first().click();
  const screen = () => page.evaluate(() => (document.querySelector("cidr-lab") as Lab).screen());
  await expect.poll(screen).toMatch(/root@controlplane:~# kubectl/);
});

import { expect, test } from "@playwright/test";

test("the page boots the engine and shows the default cluster", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/");
  const out = page.getByTestId("output");
  await expect(out).toHaveAttribute("data-ready", "true");
  await expect(out).toContainText("kubernetes   10.96.0.0/12");
  await expect(out).toContainText("kube-dns     ClusterIP   10.96.0.10");
  expect(errors).toEqual([]);
});

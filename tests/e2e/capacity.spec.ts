/** The Pod CIDRs tab plans an AKS subnet: kubenet against Azure CNI, as the AKS kubenet page counts. */
import { expect, test } from "./fixtures.ts";

test("a /24 carries 251 kubenet nodes and 27,610 pods, or 8 Azure CNI nodes and 240 pods", async ({ sandbox }) => {
  const { page } = sandbox;
  await sandbox.open();
  await page.getByRole("tab", { name: "Pod CIDRs" }).click();
  const panel = page.getByTestId("capacity");
  const row = (name: string) => panel.getByRole("row", { name: new RegExp(`^${name}`) });
  await expect(panel).toContainText("192.168.1.0/24: 256 addresses, Azure keeps 5, 251 for NICs.");
  await expect(row("nodes at most")).toHaveText(/nodes at most\s*251\s*8/);
  await expect(row("pods at most")).toHaveText(/pods at most\s*27,610\s*240/);

  // A bigger subnet: kubenet now runs out of /24s in this cluster's pod CIDR first.
  const subnet = panel.getByLabel("Node subnet");
  await subnet.fill("192.168.0.0/22");
  await expect(row("nodes at most")).toHaveText(/nodes at most\s*256\s*32/);
  await expect(row("limited by")).toHaveText(/limited by\s*\/24s in the pod CIDR\s*the subnet/);
  await expect(panel).toContainText("10.244.0.0/16");

  await subnet.fill("192.168.0.0/33");
  await expect(panel.getByRole("status")).toHaveText("invalid CIDR address: 192.168.0.0/33");
});

/**
 * kubernetes.io "Extend Service IP Ranges", typed into the terminal line by line: the answers on screen,
 * the new cells in the map, newcidr1 held by its finalizer and then gone.
 */
import { expect, expectScreen, test } from "./fixtures.ts";

test("the docs walk-through, typed, shows up in the terminal and the views", async ({ sandbox }) => {
  test.setTimeout(120_000);
  const { page } = sandbox;
  await sandbox.open();

  await sandbox.run("kubeadm reset -f");
  await sandbox.run("kubeadm init --service-cidr=10.96.0.0/28 --pod-network-cidr=10.244.0.0/16");
  await expectScreen(sandbox, "Your Kubernetes control-plane has initialized successfully!");
  await sandbox.run("clear");

  await sandbox.run("kubectl get servicecidr");
  await expectScreen(sandbox, /NAME\s+CIDRS\s+AGE\nkubernetes\s+10\.96\.0\.0\/28\s+\d+s/);
  const block = page.locator('[data-servicecidr="kubernetes"]').first();
  await expect(block).toHaveAttribute("data-phase", "ready");
  await expect(page.locator('[data-ip="10.96.0.1"]').first()).toHaveAttribute("data-state", "allocated");
  await expect(page.locator('[data-ip="10.96.0.2"]').first()).toHaveAttribute("data-state", "free");
  await expect(page.locator('[data-ip="10.96.0.0"]').first()).toHaveAttribute("data-state", "reserved");

  await sandbox.run("kubectl get ipaddress 10.96.0.1");
  await expectScreen(sandbox, /10\.96\.0\.1\s+services\/default\/kubernetes/);

  await sandbox.run('for i in $(seq 1 13); do kubectl create service clusterip "test-$i" --tcp 80 -o json | jq -r .spec.clusterIP; done');
  await expectScreen(sandbox, "error: failed to create ClusterIP service: Internal error occurred: failed to allocate a serviceIP: range is full");
  const map = page.getByTestId("map");
  await expect(map.locator('[data-state="allocated"][data-ip^="10.96.0."]')).toHaveCount(14);

  await sandbox.run("clear");
  await sandbox.run([
    "cat <<EOF | kubectl apply -f -",
    "apiVersion: networking.k8s.io/v1",
    "kind: ServiceCIDR",
    "metadata:",
    "  name: newcidr1",
    "spec:",
    "  cidrs:",
    "  - 10.96.0.0/24",
    "EOF",
  ]);
  await expectScreen(sandbox, "> EOF");
  await expectScreen(sandbox, "servicecidr.networking.k8s.io/newcidr1 created");
  await expect(page.locator('[data-servicecidr="newcidr1"]').first()).toHaveAttribute("data-phase", "ready");

  await sandbox.run('for i in $(seq 13 16); do kubectl create service clusterip "test-$i" --tcp 80 -o json | jq -r .spec.clusterIP; done');
  const screen = await sandbox.screen();
  const newIPs = screen.split("\n").filter((l) => /^10\.96\.0\.\d+$/.test(l.trim())).map((l) => l.trim());
  expect(newIPs).toHaveLength(4);
  for (const ip of newIPs) {
    expect(Number(ip.split(".")[3])).toBeGreaterThan(15);
    await expect(page.locator(`[data-ip="${ip}"]`).first()).toHaveAttribute("data-state", "allocated");
  }

  await sandbox.run("kubectl delete servicecidr newcidr1 --wait=false");
  await expectScreen(sandbox, 'servicecidr.networking.k8s.io "newcidr1" deleted');
  const terminating = page.locator('[data-servicecidr="newcidr1"][data-phase="terminating"]').first();
  await expect(terminating).toBeVisible();
  await expect(page.getByText("networking.k8s.io/service-cidr-finalizer").first()).toBeVisible();

  await sandbox.run("clear");
  await sandbox.run("kubectl get servicecidr newcidr1 -o yaml");
  await expectScreen(sandbox, "- networking.k8s.io/service-cidr-finalizer");
  await expectScreen(sandbox, /reason: OrphanIPAddress|reason: Terminating/);
  await page.screenshot({ path: test.info().outputPath("newcidr1-terminating.png") });

  await sandbox.run('for i in $(seq 13 16); do kubectl delete service "test-$i" ; done');
  await expectScreen(sandbox, 'service "test-16" deleted');
  // The controller lets go after its grace period (10 s of cluster time, ticking with the wall clock).
  await expect(page.locator('[data-servicecidr="newcidr1"]')).toHaveCount(0, { timeout: 30_000 });
  await sandbox.run("kubectl get servicecidr newcidr1");
  await expectScreen(sandbox, 'Error from server (NotFound): servicecidrs.networking.k8s.io "newcidr1" not found');
  await page.screenshot({ path: test.info().outputPath("after-newcidr1.png") });
});

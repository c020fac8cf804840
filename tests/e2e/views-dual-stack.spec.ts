/**
 * Single → dual-stack by editing kube-apiserver's static pod manifest in the terminal, as a person does
 * it: the IPv6 pane fills with the default ServiceCIDR, the flag line shows both ranges, the kubelet's
 * restart of kube-apiserver is on the trace, and a PreferDualStack Service's two IPs are linked across
 * the panes. Everything is checked by what is on screen: text, roles and accessible names.
 */
import { expect, expectScreen, test } from "./fixtures.ts";

const SHOTS = process.env.CIDRLAB_SHOTS ?? "";

test("editing the apiserver manifest makes the cluster dual-stack, and the view links a Service's two IPs", async ({ sandbox }) => {
  test.setTimeout(120_000);
  const { page } = sandbox;
  await sandbox.open();
  await page.getByRole("tab", { name: "IPv4 / IPv6" }).click();
  const view = page.getByTestId("dualstack");
  const v4 = view.getByRole("group", { name: "IPv4", exact: true });
  const v6 = view.getByRole("group", { name: "IPv6", exact: true });

  await expect(v4.getByRole("listitem", { name: /^kubernetes 10\.96\.0\.0\/12, from the flag/ })).toBeVisible();
  await expect(v6.getByText(/No IPv6 Service range/)).toBeVisible();
  await expect(view.getByText("kube-apiserver --service-cluster-ip-range=10.96.0.0/12", { exact: true })).toBeVisible();

  await sandbox.run("sed -i 's#--service-cluster-ip-range=10.96.0.0/12#--service-cluster-ip-range=10.96.0.0/12,fd00:10:96::/112#' /etc/kubernetes/manifests/kube-apiserver.yaml");
  await sandbox.run("sleep 15");

  await expect(view.getByText("kube-apiserver --service-cluster-ip-range=10.96.0.0/12,fd00:10:96::/112", { exact: true })).toBeVisible();
  await expect(view.getByText("The kubernetes ServiceCIDR matches this flag.")).toBeVisible();
  await expect(v6.getByRole("listitem", { name: /^kubernetes fd00:10:96::\/112, from the flag/ })).toBeVisible();
  await expect(v6.getByText(/No IPv6 Service range/)).toBeHidden();
  // The kubelet restarted kube-apiserver with the new flag: its events are on the trace, by the kubelet.
  const trace = page.getByRole("region", { name: "What just happened" });
  await expect(trace.getByRole("button", { name: /Killing pod\/kube-apiserver-controlplane .*kubelet \(controlplane\)/ }).first()).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/views-dual-stack-1-ipv6-range.png` });

  await sandbox.run(["cat <<EOF | kubectl apply -f -", "apiVersion: v1", "kind: Service", "metadata:", "  name: web", "spec:", "  ipFamilyPolicy: PreferDualStack", "  ports:", "  - port: 80", "EOF"]);
  await expectScreen(sandbox, "service/web created");

  const row = view.getByRole("listitem", { name: "default/web: ClusterIP · PreferDualStack · IPv4, IPv6" });
  await expect(row).toBeVisible();
  const ip4 = row.getByRole("button", { name: /^IPv4 10\.\d+\.\d+\.\d+, default\/web, PreferDualStack, linked to fd00:10:96::/ });
  const ip6 = row.getByRole("button", { name: /^IPv6 fd00:10:96::[0-9a-f:]+, default\/web, PreferDualStack, linked to 10\./ });
  await expect(ip4).toBeVisible();
  await expect(ip6).toBeVisible();
  // Each pane holds its own family's address, side by side.
  const [b4, b6] = [await ip4.boundingBox(), await ip6.boundingBox()];
  const [p4, p6] = [await v4.boundingBox(), await v6.boundingBox()];
  expect(b4!.x + b4!.width).toBeLessThanOrEqual(p4!.x + p4!.width + 1);
  expect(b6!.x).toBeGreaterThanOrEqual(p6!.x - 1);
  expect(Math.abs(b4!.y - b6!.y)).toBeLessThan(4);

  // The same IPs as kubectl prints.
  await sandbox.run("clear");
  await sandbox.run("kubectl get svc web -o jsonpath='{.spec.clusterIPs}{\"\\n\"}'");
  const ips = (await sandbox.screen()).match(/\["([^"]+)","([^"]+)"\]/)!;
  await expect(ip4).toContainText(ips[1]!);
  await expect(ip6).toContainText(ips[2]!);

  // Hovering one IP lights up the other across the gap.
  const none = await ip6.evaluate((e) => getComputedStyle(e).boxShadow);
  await ip4.hover();
  await expect.poll(() => ip6.evaluate((e) => getComputedStyle(e).boxShadow)).not.toBe(none);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/views-dual-stack-2-linked.png` });
  await page.mouse.move(5, 5);
  await expect.poll(() => ip6.evaluate((e) => getComputedStyle(e).boxShadow)).toBe(none);
  // Keyboard too: focusing the IPv6 address lights up the IPv4 one.
  await ip6.focus();
  await expect.poll(() => ip4.evaluate((e) => getComputedStyle(e).boxShadow)).not.toBe(none);
});

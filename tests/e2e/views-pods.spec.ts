/**
 * Pods in their nodes' ranges, and a packet followed from one pod to a Service's endpoint, as a person
 * does it: commands typed into the terminal, what kubectl and curl print read from the screen, and the
 * views checked by their roles, accessible names and text against it.
 */
import { expect, expectScreen, test, type Sandbox } from "./fixtures.ts";

const SHOTS = process.env.CIDRLAB_SHOTS ?? "";

interface PodRow {
  name: string;
  ip: string;
  node: string;
}

/** The rows of `kubectl get pods -o wide` on the screen. */
async function widePods(sandbox: Sandbox): Promise<PodRow[]> {
  await sandbox.run("clear");
  await sandbox.run("kubectl get pods -o wide");
  await expectScreen(sandbox, /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE/);
  const rows: PodRow[] = [];
  for (const line of (await sandbox.screen()).split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f[0]?.startsWith("web-") && f.length >= 7) rows.push({ name: f[0], ip: f[5]!, node: f[6]! });
  }
  return rows;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

test("scaling a deployment puts its pods as dots in their nodes' tiles", async ({ sandbox }) => {
  test.setTimeout(120_000);
  const { page } = sandbox;
  await sandbox.open();
  await sandbox.run("kubectl create deployment web --image=nginx --replicas=2");
  await expectScreen(sandbox, "deployment.apps/web created");
  await page.getByRole("tab", { name: "Pod CIDRs" }).click();
  const view = page.getByTestId("pods");
  await expect(view.getByRole("listitem", { name: /default\/web-/ }).first()).toBeVisible();

  await sandbox.run("kubectl scale deployment web --replicas=6");
  await expectScreen(sandbox, "deployment.apps/web scaled");
  await sandbox.run("kubectl rollout status deployment/web");
  await expectScreen(sandbox, 'deployment "web" successfully rolled out');

  const pods = await widePods(sandbox);
  expect(pods).toHaveLength(6);
  const perNode = new Map<string, PodRow[]>();
  for (const p of pods) perNode.set(p.node, [...(perNode.get(p.node) ?? []), p]);
  // The scheduler spread them over more than one node.
  expect(perNode.size).toBeGreaterThan(1);

  for (const [node, list] of perNode) {
    // The node's row: "10.244.1.0/24, node01, 3 pods, at most 110, route 10.244.1.0/24 via …: default/web-… 10.244.1.2, …"
    const row = view.getByRole("listitem", { name: new RegExp(`^10\\.244\\.\\d+\\.0/24, ${escape(node)}, \\d+ pods`) });
    await expect(row).toBeVisible();
    const name = (await row.getAttribute("aria-label"))!;
    // As many web pods in the tile as kubectl shows on that node, each with its address.
    expect(name.match(/default\/web-[a-z0-9-]+ /g)).toHaveLength(list.length);
    for (const p of list) expect(name).toContain(`default/${p.name} ${p.ip}`);
    // The dots themselves, one per pod, inside the node's range.
    for (const p of list) {
      const dot = row.locator(`circle[data-pod="default/${p.name}"]`);
      await expect(dot).toHaveAttribute("data-ip", p.ip);
      await expect(dot.locator("title")).toHaveText(`default/${p.name} ${p.ip} (Running)`);
    }
    expect(name.split(",")[0]!.replace(".0/24", ".")).toBe(list[0]!.ip.replace(/\d+$/, ""));
  }
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/views-pods-1-tiles.png` });
});

test("a curl from a pod shows its trip in the terminal and the same hops in the packet path", async ({ sandbox }) => {
  test.setTimeout(120_000);
  const { page } = sandbox;
  await sandbox.open();
  await page.getByRole("tab", { name: "Packet path" }).click();
  const view = page.getByTestId("packet");
  await expect(view.getByText(/No packet followed yet/)).toBeVisible();

  await sandbox.run("kubectl create deployment web --image=nginx --replicas=3");
  await sandbox.run("kubectl rollout status deployment/web");
  await expectScreen(sandbox, 'deployment "web" successfully rolled out');
  await sandbox.run("kubectl expose deployment web --port 80");
  await expectScreen(sandbox, "service/web exposed");
  const pods = await widePods(sandbox);

  await sandbox.run("clear");
  await sandbox.run("kubectl get pods -o name | head -1");
  await expectScreen(sandbox, /pod\/web-[a-z0-9]+-[a-z0-9]+/);
  const client = /pod\/(web-[a-z0-9]+-[a-z0-9]+)/.exec(await sandbox.screen())![1]!;
  const from = pods.find((p) => p.name === client)!;

  await sandbox.run("clear");
  await sandbox.run(`kubectl exec ${client} -- curl http://web`);
  await expectScreen(sandbox, "Welcome to nginx!");
  const screen = await sandbox.screen();
  const clusterIP = /\* DNS: web -> web\.default\.svc\.cluster\.local\. -> (\S+)/.exec(screen)![1]!;
  const svcChain = /nat KUBE-SERVICES rule 2: .* -j (KUBE-SVC-[A-Z0-9]+)/.exec(screen)![1]!;
  const [, sep, dnatFrom, dnatTo] = /\* (KUBE-SEP-[A-Z0-9]+): DNAT (\S+) -> (\S+):/.exec(screen)!;
  const [, routeNode, route, nextHop] = /\* (\S+): route to \S+: (.+?) \((\S+)\)/.exec(screen)!;
  const [, deliveredOn] = /\* (\S+): delivered to /.exec(screen)!;
  const endpoint = pods.find((p) => `${p.ip}:80` === dnatTo)!;
  expect([svcChain, routeNode, nextHop, deliveredOn]).toEqual(["KUBE-SVC-LOLE4ISW44XBNF3G", from.node, endpoint.node, endpoint.node]);

  await expect(view.getByText(`curl http://web from default/${client}`)).toBeVisible();
  const hops = view.locator("li.ppv-hop");
  const expected = [
    `Client pod: default/${client} on ${from.node}; ${from.ip}`,
    `DNS: web → ${clusterIP}; web.default.svc.cluster.local.`,
    `KUBE-SERVICES rule 2: default/web → ${svcChain} on ${from.node}`,
  ];
  for (const name of expected) await expect(view.getByRole("listitem", { name, exact: true })).toBeVisible();
  // The draws the terminal printed, in the KUBE-SVC hop.
  const draws = [...screen.matchAll(/KUBE-SVC-\w+: probability (\S+), drew (\S+): (match|no match)/g)].map((m) => `probability ${m[1]}, drew ${m[2]}: ${m[3]}`);
  expect(draws.length).toBeGreaterThan(0);
  await expect(view.getByRole("listitem", { name: `${svcChain}: ${draws.join("; ")}; → ${sep}`, exact: true })).toBeVisible();
  await expect(view.getByRole("listitem", { name: new RegExp(`^${sep} DNAT: ${escape(dnatFrom!)} → ${escape(dnatTo!)}`) })).toBeVisible();
  await expect(view.getByRole("listitem", { name: new RegExp(`^Route on ${escape(from.node)}: ${escape(route!)}`) })).toBeVisible();
  await expect(view.getByRole("listitem", { name: `Endpoint pod: default/${endpoint.name} on ${endpoint.node}; ${dnatTo}`, exact: true })).toBeVisible();

  // The hops in the order the packet takes them, the endpoint in its own node's box when it is another node.
  const kinds = await hops.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
  expect(kinds.filter((k) => k !== "snat")).toEqual(["client", "dns", "services", "chain", "dnat", "route", "endpoint"]);
  const boxes = view.locator("li.ppv-seg");
  await expect(boxes.first()).toHaveAttribute("data-node", from.node);
  await expect(boxes.last()).toHaveAttribute("data-node", endpoint.node);
  await expect(boxes).toHaveCount(endpoint.node === from.node ? 1 : 2);
  // The iptables rule behind a hop folds out.
  await view.getByRole("listitem", { name: new RegExp(`^${sep} DNAT`) }).getByText("iptables-save").click();
  await expect(view.getByText(`-j DNAT --to-destination ${dnatTo}`, { exact: false })).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/views-pods-2-packet.png` });

  // Again until the statistic draws pick an endpoint on another node: the path crosses to that node's box.
  let crossed: { endpoint: PodRow; route: string } | null = null;
  for (let i = 0; i < 6 && !crossed; i++) {
    await sandbox.run("clear");
    await sandbox.run(`kubectl exec ${client} -- curl -s -I http://web`);
    await expectScreen(sandbox, "HTTP/1.1 200 OK");
    const text = await sandbox.screen();
    expect(text).not.toContain("* DNS");
    // -s hides the trip in the terminal; the view still draws it.
    const last = view.locator("li.ppv-hop[data-kind=endpoint]");
    await expect(last).toHaveCount(1);
    const to = /; (\S+)$/.exec((await last.getAttribute("aria-label"))!)![1]!;
    const ep = pods.find((p) => `${p.ip}:80` === to)!;
    if (ep.node !== from.node) crossed = { endpoint: ep, route: (await view.locator("li.ppv-hop[data-kind=route]").getAttribute("aria-label"))! };
  }
  expect(crossed).not.toBeNull();
  const { endpoint: far, route: farRoute } = crossed!;
  // The route sends the endpoint's /24 to its node's InternalIP, and that node's box names the same address.
  const via = /via (\S+) dev eth0; to (\S+)$/.exec(farRoute)!;
  expect(via[2]).toBe(far.node);
  expect(farRoute).toContain(`${far.ip.replace(/\d+$/, "0")}/24 via`);
  await expect(boxes).toHaveCount(2);
  await expect(boxes.last()).toHaveAttribute("data-node", far.node);
  await expect(boxes.last().locator(".ppv-seg-name")).toHaveText(`${far.node} · ${via[1]}`);
  await expect(boxes.last().getByRole("listitem", { name: `Endpoint pod: default/${far.name} on ${far.node}; ${far.ip}:80`, exact: true })).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/views-pods-3-across.png` });
});

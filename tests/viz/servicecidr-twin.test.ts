import { describe, it, expect } from "vitest";
import { buildServiceCIDRModel } from "../../src/viz/servicecidr-model.ts";
import { renderServiceCIDRTwin, twinRows, type TwinAddressRow } from "../../src/viz/servicecidr-twin.ts";
import { IP } from "../../src/net/index.ts";
import { fakeContainer } from "./fake-dom.ts";
import { ipAddress, serviceCIDR, systemIPs } from "./fixtures.ts";

const model = buildServiceCIDRModel({
  serviceCIDRs: [
    serviceCIDR("kubernetes", ["10.96.0.0/24"]),
    serviceCIDR("small", ["10.96.0.0/28"]),
    serviceCIDR("extra", ["10.200.0.0/24"], { terminating: true, blocked: true }),
  ],
  ipAddresses: [...systemIPs("10.96.0"), ipAddress("10.96.0.77", "default", "web"), ipAddress("10.200.0.9", "default", "db"), ipAddress("172.16.0.1", "x", "lost", { handMade: true })],
  services: [],
});

describe("twinRows", () => {
  const rows = twinRows(model, {});

  it("has a summary row per ServiceCIDR and a row per allocated or reserved IP", () => {
    expect(rows.map((r) => (r.kind === "summary" ? `# ${r.servicecidr}` : `${r.ip} ${r.state}`))).toEqual([
      // Both /24s come first (widest), by name; the nested /28 after them.
      "# extra",
      "10.200.0.0 reserved",
      "10.200.0.9 allocated",
      "10.200.0.255 reserved",
      "# kubernetes",
      "10.96.0.0 reserved",
      "10.96.0.77 allocated",
      "10.96.0.255 reserved",
      "# small",
      "10.96.0.1 allocated",
      "10.96.0.10 allocated",
      "172.16.0.1 allocated",
    ]);
  });

  it("writes the columns in the host's words", () => {
    const k = rows.find((r): r is TwinAddressRow => r.kind === "address" && r.ip === "10.96.0.1")!;
    expect(k.cells).toEqual(["small", "10.96.0.1", "allocated", "dynamic band", "default/kubernetes (kubernetes.default)"]);
    const db = rows.find((r): r is TwinAddressRow => r.kind === "address" && r.ip === "10.200.0.9")!;
    expect(db.cells[4]).toBe("default/db (holding it)");
    const lost = rows.at(-1) as TwinAddressRow;
    expect(lost.cells).toEqual(["outside every ServiceCIDR", "172.16.0.1", "allocated", "no band", "hand-made"]);
  });

  it("summarises phase, use, finalizers and the Ready condition", () => {
    const extra = rows.find((r) => r.kind === "summary" && r.servicecidr === "extra")!;
    expect(extra).toMatchObject({ phase: "terminating", cidr: "10.200.0.0/24" });
    expect(extra.kind === "summary" && extra.text).toBe(
      "10.200.0.0/24 · terminating · 1 used of 254 · static band 16, dynamic band 238 · finalizers: networking.k8s.io/service-cidr-finalizer · " +
        "Ready=False Terminating: There are still IPAddresses referencing the ServiceCIDR, please remove them or create a new ServiceCIDR · holding it: 10.200.0.9",
    );
    const small = rows.find((r) => r.kind === "summary" && r.servicecidr === "small")!;
    expect(small.kind === "summary" && small.text.startsWith("10.96.0.0/28 (inside 10.96.0.0/24) · ready · 2 used of 14")).toBe(true);
  });
});

describe("renderServiceCIDRTwin", () => {
  it("writes a captioned table with scoped headers and data-* rows, reusing it on update", () => {
    const { el, root } = fakeContainer();
    renderServiceCIDRTwin(el, model, { "twin.caption": "서비스 IP 대역" });
    const table = root.children[0]!;
    expect(table.tagName).toBe("TABLE");
    expect(table.children.map((c) => c.tagName)).toEqual(["CAPTION", "THEAD", "TBODY"]);
    expect(table.children[0]!.textContent).toBe("서비스 IP 대역");
    const heads = table.findAll((e) => e.tagName === "TH" && e.getAttribute("scope") === "col");
    expect(heads.map((h) => h.textContent)).toEqual(["ServiceCIDR", "IP", "state", "band", "owner"]);
    const summary = table.findAll((e) => e.getAttribute("data-servicecidr") === "extra");
    expect(summary).toHaveLength(1);
    expect(summary[0]!.getAttribute("data-phase")).toBe("terminating");
    const cell = table.findAll((e) => e.getAttribute("data-ip") === "10.96.0.10")[0]!;
    expect([cell.getAttribute("data-state"), cell.getAttribute("data-band"), cell.children[1]!.getAttribute("scope")]).toEqual(["allocated", "dynamic", "row"]);

    const bigger = buildServiceCIDRModel({
      serviceCIDRs: [serviceCIDR("big", ["10.0.0.0/12"])],
      ipAddresses: Array.from({ length: 3000 }, (_, i) => ipAddress(IP.fromBigInt(IP.parse("10.0.0.0").value + BigInt(i * 7 + 1), "IPv4").toString(), "load", `s${i}`)),
      services: [],
    });
    renderServiceCIDRTwin(el, bigger, {});
    expect(root.children).toHaveLength(1);
    expect(table.children[2]!.children).toHaveLength(1 + 2 + 3000);
  });

  it("keeps unchanged rows and touches only what changed", () => {
    const ips = (n: number) => Array.from({ length: n }, (_, i) => ipAddress(`10.0.0.${i + 1}`, "load", `s${i}`));
    const modelOf = (n: number, extra: ReturnType<typeof ipAddress>[] = []) =>
      buildServiceCIDRModel({ serviceCIDRs: [serviceCIDR("big", ["10.0.0.0/24"])], ipAddresses: [...ips(n), ...extra], services: [] });
    const { el, root } = fakeContainer();
    renderServiceCIDRTwin(el, modelOf(50), {});
    const body = root.children[0]!.children[2]!;
    const before = [...body.children];
    const ipsOf = () => body.children.filter((r) => r.getAttribute("data-state") === "allocated").map((r) => r.getAttribute("data-ip"));

    renderServiceCIDRTwin(el, modelOf(50, [ipAddress("10.0.0.200", "load", "late")]), {});
    expect(body.children).toHaveLength(before.length + 1);
    // Every old address row is the same element as before; the new one sits in address order.
    const addressRows = before.filter((r) => r.getAttribute("data-ip"));
    for (const r of addressRows) expect(body.children).toContain(r);
    expect(ipsOf().at(-1)).toBe("10.0.0.200");

    renderServiceCIDRTwin(el, modelOf(10), {});
    expect(ipsOf()).toEqual(Array.from({ length: 10 }, (_, i) => `10.0.0.${i + 1}`));
    expect(body.children.filter((r) => r.getAttribute("data-ip")).every((r) => addressRows.includes(r))).toBe(true);
  });
});

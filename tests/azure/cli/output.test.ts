import { describe, expect, it } from "vitest";
import { formatJson, formatOutput, formatTable, formatTsv, formatYaml } from "../../../src/azure/cli/output.ts";
import { runQuery } from "../../../src/azure/cli/query.ts";

const subnet = {
  name: "myAKSSubnet",
  addressPrefix: "192.168.1.0/24",
  id: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/myAKSSubnet",
  delegations: [],
  routeTable: { id: "/x" },
  provisioningState: "Succeeded",
  enabled: true,
  count: 3,
  nothing: null,
};

describe("az output formats (knack/output.py)", () => {
  it("prints JSON with sorted keys at every level and a two-space indent", () => {
    expect(formatJson({ b: 1, a: { d: [], c: null } })).toBe('{\n  "a": {\n    "c": null,\n    "d": []\n  },\n  "b": 1\n}\n');
  });

  it("prints a table of a dict's scalar fields, sorted, without id, type and etag", () => {
    expect(formatTable(subnet)).toBe(
      "AddressPrefix    Count    Enabled    Name         ProvisioningState\n" +
        "---------------  -------  ---------  -----------  -------------------\n" +
        "192.168.1.0/24   3        True       myAKSSubnet  Succeeded\n",
    );
  });

  it("prints a bare value under Result and an empty list as an empty line", () => {
    expect(formatTable("/subscriptions/x")).toBe("Result\n----------------\n/subscriptions/x\n");
    expect(formatTable([])).toBe("\n");
  });

  it("prints tsv rows: sorted values of a plain dict, list lengths, empty dicts, Python's True and None", () => {
    // Sorted keys: addressPrefix, count, delegations, enabled, id, name, nothing, provisioningState, routeTable.
    expect(formatTsv(subnet)).toBe(`192.168.1.0/24\t3\t0\tTrue\t${subnet.id}\tmyAKSSubnet\tNone\tSucceeded\t\n`);
    expect(formatTsv(["a", "b"])).toBe("a\nb\n");
    expect(formatTsv(true)).toBe("true\n");
  });

  it("keeps the key order a --query multiselect gives, in tsv and table", () => {
    const q = runQuery([subnet], "[].{Name:name, Prefix:addressPrefix, State:provisioningState}");
    if (!q.ok) throw new Error(q.error);
    expect(formatTsv(q.value, { ordered: q.ordered })).toBe("myAKSSubnet\t192.168.1.0/24\tSucceeded\n");
    expect(formatTable(q.value, { queryActive: true })).toBe("Name         Prefix          State\n-----------  --------------  ---------\nmyAKSSubnet  192.168.1.0/24  Succeeded\n");
    // A dict passed through by the query stays a plain dict: sorted in tsv.
    const p = runQuery({ a: { z: 1, y: 2 } }, "a");
    if (!p.ok) throw new Error(p.error);
    expect(formatTsv(p.value, { ordered: p.ordered })).toBe("2\t1\n");
  });

  it("prints YAML as PyYAML's safe_dump does: sorted keys, sequences not indented, YAML 1.1 quoting", () => {
    expect(formatYaml({ b: ["x"], a: "1.34", c: null, d: {} })).toBe("a: '1.34'\nb:\n- x\nc: null\nd: {}\n");
    expect(formatYaml("abc")).toBe("abc\n...\n");
  });

  it("prints nothing for a null result, and nothing at all with -o none", () => {
    expect(formatOutput(null, "json")).toBe("");
    expect(formatOutput({ a: 1 }, "none")).toBe("");
  });
});

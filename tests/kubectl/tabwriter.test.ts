import { describe, expect, it } from "vitest";
import { DESCRIBE_TABWRITER, GET_TABWRITER, tabwrite } from "../../src/kubectl/printers/tabwriter.ts";

describe("tabwriter", () => {
  it("pads every column but the last by three spaces past the widest cell", () => {
    const t = "NAME\tTYPE\tCLUSTER-IP\tEXTERNAL-IP\tPORT(S)\tAGE\nkubernetes\tClusterIP\t10.96.0.1\t<none>\t443/TCP\t17d\n";
    expect(tabwrite(t, GET_TABWRITER)).toBe(
      "NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n" + "kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   17d\n",
    );
  });

  it("keeps a minimum width of six", () => {
    expect(tabwrite("A\tB\nx\ty\n", GET_TABWRITER)).toBe("A     B\nx     y\n");
  });

  it("sizes columns per block of consecutive lines, as describe relies on", () => {
    const t = "Name:\tnewcidr1\nLabels:\t<none>\nCIDRs:\t10.96.0.0/24\nEvents:\t<none>\n";
    expect(tabwrite(t, DESCRIBE_TABWRITER)).toBe("Name:    newcidr1\nLabels:  <none>\nCIDRs:   10.96.0.0/24\nEvents:  <none>\n");
    const blocks = "a:\tx\nsingle line\nlonger-key:\ty\n";
    expect(tabwrite(blocks, DESCRIBE_TABWRITER)).toBe("a:  x\nsingle line\nlonger-key:  y\n");
  });

  it("counts runes, not UTF-16 units or bytes", () => {
    expect(tabwrite("이름\tX\nab\tY\n", GET_TABWRITER)).toBe("이름    X\nab    Y\n");
  });
});

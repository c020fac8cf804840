/** Chain names against values seen on real clusters and in upstream proxier_test.go. */
import { describe, expect, test } from "vitest";
import { serviceExternalChain, serviceFirewallChain, servicePortEndpointChain, servicePortPolicyClusterChain } from "../../src/proxy/chain-names.ts";
import { computeProbability, printedProbability } from "../../src/proxy/probability.ts";

describe("KUBE-SVC / KUBE-EXT / KUBE-FW", () => {
  test.each([
    ["default/kubernetes:https", "tcp", "KUBE-SVC-NPX46M4PTMTKRN6Y"],
    ["kube-system/kube-dns:dns", "udp", "KUBE-SVC-TCOU7JCQXEZGVUNU"],
    ["kube-system/kube-dns:dns-tcp", "tcp", "KUBE-SVC-ERIFXISQEP7F7OF4"],
    ["kube-system/kube-dns:metrics", "tcp", "KUBE-SVC-JD5MR3NA4I4DYORP"],
    ["default/webpod", "tcp", "KUBE-SVC-CNZCPOCNCNOROALA"],
    ["ns1/svc1:p80", "tcp", "KUBE-SVC-XPGD46QRK7WJZT7O"],
    ["ns2/svc2:p80", "tcp", "KUBE-SVC-GNZBNJ2PO5MGZ6GT"],
    ["ns3/svc3:p80", "tcp", "KUBE-SVC-X27LE4BHSL4DOUIK"],
    ["ns4/svc4:p80", "tcp", "KUBE-SVC-4SW47YFZTEDKD3PK"],
  ])("%s %s is %s", (name, proto, chain) => {
    expect(servicePortPolicyClusterChain(name, proto)).toBe(chain);
  });

  test("EXT and FW share the SVC hash", () => {
    expect(serviceExternalChain("default/web-np:http", "tcp")).toBe("KUBE-EXT-2262UYG6EQJDKK3I");
    expect(serviceFirewallChain("ns5/svc5:p80", "tcp")).toBe("KUBE-FW-NUKIZ6OKUXPJNT4C");
  });

  test("the protocol is hashed lower-case, so TCP and tcp name the same chain", () => {
    expect(servicePortPolicyClusterChain("default/kubernetes:https", "TCP")).toBe("KUBE-SVC-NPX46M4PTMTKRN6Y");
  });
});

describe("KUBE-SEP includes the endpoint", () => {
  test.each([
    ["default/webpod", "tcp", "10.244.1.4:80", "KUBE-SEP-NBAMRQIHYPBRH37V"],
    ["default/webpod", "tcp", "10.244.2.7:80", "KUBE-SEP-VIIO3RTAMBOZLGQX"],
    ["default/web-np:http", "tcp", "10.244.1.5:8080", "KUBE-SEP-HUYZG3CKEEIWMHS5"],
    ["default/kubernetes:https", "tcp", "192.168.1.105:6443", "KUBE-SEP-B5VO6EBO7JWDMZQ2"],
    ["kube-system/kube-dns:dns", "udp", "10.42.0.7:53", "KUBE-SEP-4SSQDR46DMIXOOUO"],
    ["kube-system/kube-dns:metrics", "tcp", "10.42.0.7:9153", "KUBE-SEP-2RAD5WKGWNVHY3DH"],
    ["ns1/svc1:p80", "tcp", "10.180.0.1:80", "KUBE-SEP-SXIVWICOYRO3J4NJ"],
    ["ns5/svc5:p80", "tcp", "10.180.0.3:80", "KUBE-SEP-I77PXRDZVX7PMWMN"],
  ])("%s %s %s is %s", (name, proto, ep, chain) => {
    expect(servicePortEndpointChain(name, proto, ep)).toBe(chain);
  });
});

describe("statistic probabilities", () => {
  test("kube-proxy writes ten decimals; iptables prints the kernel's fixed point with eleven", () => {
    expect([2, 3, 4, 5, 6, 7, 9, 10].map(computeProbability)).toEqual(["0.5000000000", "0.3333333333", "0.2500000000", "0.2000000000", "0.1666666667", "0.1428571429", "0.1111111111", "0.1000000000"]);
    expect([2, 3, 5, 6, 7, 9, 10].map((n) => printedProbability(computeProbability(n)))).toEqual([
      "0.50000000000", "0.33333333349", "0.20000000019", "0.16666666651", "0.14285714272", "0.11111111101", "0.10000000009",
    ]);
  });

  test("Go's %0.10f rounds an exact tie to even (1/2048 = 0.00048828125)", () => {
    expect(computeProbability(2048)).toBe("0.0004882812");
  });
});

import { describe, expect, it } from "vitest";
import { normalizeInit, validateInit } from "../../src/kubeadm/index.ts";
import { opts } from "./helpers.ts";

describe("validateInit: reference table §1.4", () => {
  it("accepts the defaults and the transcript's inputs", () => {
    expect(validateInit(opts())).toBeNull();
    expect(validateInit(opts({ podNetworkCIDR: "10.244.0.0/16" }))).toBeNull();
    expect(validateInit(opts({ serviceCIDR: "10.96.0.0/16,2001:db8:42:1::/112", podNetworkCIDR: "10.244.0.0/16,2001:db8:42:0::/56" }))).toBeNull();
  });

  it.each([
    [{ podNetworkCIDR: "192.268.0.0/16" }, 'networking.podSubnet: Invalid value: "192.268.0.0/16": couldn\'t parse subnet'],
    [{ serviceCIDR: "10.1.0.0/16c" }, 'networking.serviceSubnet: Invalid value: "10.1.0.0/16c": couldn\'t parse subnet'],
    [
      { podNetworkCIDR: "10.244.0.0/16,10.245.0.0/16" },
      'networking.podSubnet: Invalid value: "10.244.0.0/16,10.245.0.0/16": expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking',
    ],
    [
      { serviceCIDR: "10.96.0.0/16,fd00::/112,10.97.0.0/16" },
      'networking.serviceSubnet: Invalid value: "10.96.0.0/16,fd00::/112,10.97.0.0/16": expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking',
    ],
    [
      { serviceCIDR: "10.96.0.0/29" },
      'networking.serviceSubnet: Invalid value: "10.96.0.0/29": subnet with 8 address(es) is too small, the minimum is 10',
    ],
    [
      { serviceCIDR: "10.0.0.0/8" },
      'networking.serviceSubnet: Invalid value: "10.0.0.0/8": specified service subnet is too large; for 32-bit addresses, the mask must be >= 12',
    ],
    [
      { serviceCIDR: "fd00::/64" },
      'networking.serviceSubnet: Invalid value: "fd00::/64": specified service subnet is too large; for 128-bit addresses, the mask must be >= 108',
    ],
    [
      { podNetworkCIDR: "10.244.0.0/25" },
      'networking.podSubnet: Invalid value: "10.244.0.0/25": the size of pod subnet with mask 25 is smaller than the size of node subnet with mask 24',
    ],
    [
      { podNetworkCIDR: "10.0.0.0/7" },
      'networking.podSubnet: Invalid value: "10.0.0.0/7": pod subnet mask (7) and node-mask (24) difference is greater than 16',
    ],
    [
      { podNetworkCIDR: "fd00:1::/66" },
      'networking.podSubnet: Invalid value: "fd00:1::/66": the size of pod subnet with mask 66 is smaller than the size of node subnet with mask 64',
    ],
    [{ apiserverAdvertiseAddress: "999.1.1.1" }, 'couldn\'t use "999.1.1.1" as "apiserver-advertise-address", must be ipv4 or ipv6 address'],
  ])("%j", (over, message) => {
    expect(validateInit(opts(over))).toBe(message);
  });

  it("aggregates several errors of one field as upstream does", () => {
    expect(validateInit(opts({ podNetworkCIDR: "10.244.0.0/29" }))).toBe(
      '[networking.podSubnet: Invalid value: "10.244.0.0/29": subnet with 8 address(es) is too small, the minimum is 14, ' +
        'networking.podSubnet: Invalid value: "10.244.0.0/29": the size of pod subnet with mask 29 is smaller than the size of node subnet with mask 24]',
    );
  });

  it("orders service errors before pod errors and keeps the dual-stack error before size errors", () => {
    expect(validateInit(opts({ serviceCIDR: "10.0.0.0/8", podNetworkCIDR: "10.244.0.0/25" }))).toBe(
      '[networking.serviceSubnet: Invalid value: "10.0.0.0/8": specified service subnet is too large; for 32-bit addresses, the mask must be >= 12, ' +
        'networking.podSubnet: Invalid value: "10.244.0.0/25": the size of pod subnet with mask 25 is smaller than the size of node subnet with mask 24]',
    );
    expect(validateInit(opts({ serviceCIDR: "10.96.0.0/29,10.97.0.0/16" }))).toBe(
      '[networking.serviceSubnet: Invalid value: "10.96.0.0/29,10.97.0.0/16": expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking, ' +
        'networking.serviceSubnet: Invalid value: "10.96.0.0/29": subnet with 8 address(es) is too small, the minimum is 10]',
    );
  });

  it("prints the parsed (masked) CIDR in size errors and the raw text in parse errors", () => {
    expect(validateInit(opts({ podNetworkCIDR: "10.244.1.0/25" }))).toBe(
      'networking.podSubnet: Invalid value: "10.244.1.0/25": the size of pod subnet with mask 25 is smaller than the size of node subnet with mask 24',
    );
    expect(validateInit(opts({ serviceCIDR: "10.96.0.7/29" }))).toBe(
      'networking.serviceSubnet: Invalid value: "10.96.0.0/29": subnet with 8 address(es) is too small, the minimum is 10',
    );
  });

  it("skips the node-mask checks when allocate-node-cidrs=false and honours node-cidr-mask-size-ipv4", () => {
    expect(
      validateInit(opts({ podNetworkCIDR: "10.244.0.0/25", controllerManagerExtraArgs: [{ name: "allocate-node-cidrs", value: "false" }] })),
    ).toBeNull();
    expect(
      validateInit(opts({ podNetworkCIDR: "10.244.0.0/25", controllerManagerExtraArgs: [{ name: "node-cidr-mask-size-ipv4", value: "26" }] })),
    ).toBeNull();
  });

  it("checks dnsDomain, node name and bind port", () => {
    expect(validateInit(opts({ serviceDNSDomain: "My_Domain" }))).toBe(
      "networking.dnsDomain: Invalid value: \"My_Domain\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
    expect(validateInit(opts({ apiserverBindPort: 0 }))).toBe("localAPIEndpoint.bindPort: Invalid value: 0: port number is not valid");
    expect(validateInit(opts({ nodeName: "  " }))).toBe("empty hostname is invalid");
  });

  it("rejects too-old versions and unknown version strings", () => {
    expect(validateInit(opts({ kubernetesVersion: "v1.32.0" }))).toBe(
      "this version of kubeadm only supports deploying clusters with the control plane version >= 1.33.0. Current version: v1.32.0",
    );
    expect(validateInit(opts({ kubernetesVersion: "v1.34" }))).toBe(
      'version "v1.34" doesn\'t match patterns for neither semantic version nor labels (stable, latest, ...)',
    );
  });

  it("rejects 'all' mixed with individual checks", () => {
    expect(validateInit(opts({ ignorePreflightErrors: ["all", "Swap"] }))).toBe(
      'ignore-preflight-errors: Invalid value: "all,swap": don\'t specify individual checks if \'all\' is used',
    );
  });

  it("normalizes the node name, address and version like dynamic defaulting", () => {
    const n = normalizeInit(opts({ nodeName: "Master-01", kubernetesVersion: "1.34.1", apiserverAdvertiseAddress: "192.168.000.7" }));
    expect(n).toMatchObject({ nodeName: "master-01", kubernetesVersion: "v1.34.1", apiserverAdvertiseAddress: "192.168.0.7" });
  });
});

import { describe, expect, it } from "vitest";
import { applyConfigFile, apiserverCommand, isError, loadConfigFile, validateInit } from "../../src/kubeadm/index.ts";
import { opts } from "./helpers.ts";

const V1BETA4 = `apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
localAPIEndpoint:
  advertiseAddress: 192.168.0.9
  bindPort: 6443
nodeRegistration:
  name: cp1
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: v1.34.1
networking:
  serviceSubnet: 10.96.0.0/16,fd00:10:96::/112
  podSubnet: 10.244.0.0/16,fd00:10:244::/56
  dnsDomain: cluster.local
apiServer:
  extraArgs:
  - name: runtime-config
    value: networking.k8s.io/v1beta1=true
controllerManager:
  extraArgs:
  - name: node-cidr-mask-size-ipv4
    value: "25"
`;

describe("applyConfigFile", () => {
  it("applies a v1beta4 InitConfiguration + ClusterConfiguration (extraArgs list with runtime-config)", () => {
    const r = applyConfigFile(opts(), V1BETA4);
    if (isError(r)) throw new Error(r.error);
    expect(r).toMatchObject({
      apiserverAdvertiseAddress: "192.168.0.9",
      nodeName: "cp1",
      serviceCIDR: "10.96.0.0/16,fd00:10:96::/112",
      podNetworkCIDR: "10.244.0.0/16,fd00:10:244::/56",
      apiserverExtraArgs: [{ name: "runtime-config", value: "networking.k8s.io/v1beta1=true" }],
      controllerManagerExtraArgs: [{ name: "node-cidr-mask-size-ipv4", value: "25" }],
    });
    expect(apiserverCommand(r)).toContain("--runtime-config=networking.k8s.io/v1beta1=true");
    expect(validateInit(r)).toBeNull();
    expect(loadConfigFile(opts(), V1BETA4).warnings).toEqual([]);
  });

  it("reads v1beta3 extraArgs maps (sorted by key) and warns about the deprecated API", () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
networking:
  podSubnet: 10.244.0.0/16
apiServer:
  extraArgs:
    runtime-config: "api/all=true"
    audit-log-maxage: "30"
`;
    const r = loadConfigFile(opts(), text);
    if ("error" in r) throw new Error(r.error);
    expect(r.options.apiserverExtraArgs).toEqual([
      { name: "audit-log-maxage", value: "30" },
      { name: "runtime-config", value: "api/all=true" },
    ]);
    expect(r.options.podNetworkCIDR).toBe("10.244.0.0/16");
    expect(r.warnings).toEqual([
      {
        source: "common.go:100",
        message:
          "your configuration file uses a deprecated API spec: \"kubeadm.k8s.io/v1beta3\" (kind: \"ClusterConfiguration\"). Please use 'kubeadm config migrate --old-config old-config-file --new-config new-config-file', which will write the new, similar spec using a newer API version.",
      },
    ]);
  });

  it("unknown fields are only a warning", () => {
    const r = loadConfigFile(opts(), "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nlocalAPIEndpoint:\n  advertiseAddress: 1.2.3.4\n");
    if ("error" in r) throw new Error(r.error);
    expect(r.warnings[0]?.message).toBe(
      'error unmarshaling configuration schema.GroupVersionKind{Group:"kubeadm.k8s.io", Version:"v1beta4", Kind:"ClusterConfiguration"}: strict decoding error: unknown field "localAPIEndpoint"',
    );
  });

  it.each([
    ["apiVersion: kubeadm.k8s.io/v1beta4\n", "invalid configuration for GroupVersionKind kubeadm.k8s.io/v1beta4, Kind=: kind and apiVersion is mandatory information that must be specified"],
    ["# header\n---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\n", "invalid configuration for GroupVersionKind /, Kind=: kind and apiVersion is mandatory information that must be specified"],
    [
      "apiVersion: kubeadm.k8s.io/v1beta2\nkind: ClusterConfiguration\n",
      "your configuration file uses an old API spec: \"kubeadm.k8s.io/v1beta2\" (kind: \"ClusterConfiguration\"). Please use kubeadm v1.22 instead and run 'kubeadm config migrate --old-config old-config-file --new-config new-config-file', which will write the new, similar spec using a newer API version.",
    ],
    [
      "apiVersion: kubeadm.k8s.io/v1beta9\nkind: InitConfiguration\n",
      'no kind "InitConfiguration" is registered for version "kubeadm.k8s.io/v1beta9" in scheme "k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm/scheme/scheme.go:31"',
    ],
    ["apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n", "no InitConfiguration or ClusterConfiguration kind was found in the configuration file"],
    [
      "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\n---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\n",
      'invalid configuration: kind "InitConfiguration" is specified twice in YAML file',
    ],
    ["apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n--- foo\n", "invalid Yaml document separator: foo"],
  ])("%j", (text, error) => {
    expect(applyConfigFile(opts(), text)).toEqual({ error });
  });

  it("malformed YAML is reported through the GVK interpretation", () => {
    const r = applyConfigFile(opts(), "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking: a: b\n");
    expect(r).toEqual({
      error: "could not interpret GroupVersionKind; unmarshal error: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context",
    });
  });

  it("resets flag-only values to the API defaults", () => {
    const r = applyConfigFile(opts({ podNetworkCIDR: "10.1.0.0/16", serviceCIDR: "10.2.0.0/16" }), "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\n");
    expect(r).toMatchObject({ serviceCIDR: "10.96.0.0/12", apiserverAdvertiseAddress: "192.168.0.7", nodeName: "master-01" });
    expect(isError(r) ? null : r.podNetworkCIDR).toBeUndefined();
  });
});

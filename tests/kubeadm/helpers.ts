import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULT_INIT_OPTIONS, type InitOptions } from "../../src/kubeadm/index.ts";

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), "utf8");
}

/** The options of the reference transcript: `kubeadm init --apiserver-advertise-address 192.168.0.7 --pod-network-cidr 10.244.0.0/16` on master-01. */
export function opts(over: Partial<InitOptions> = {}): InitOptions {
  return {
    ...DEFAULT_INIT_OPTIONS,
    apiserverAdvertiseAddress: "192.168.0.7",
    nodeName: "master-01",
    kubernetesVersion: "v1.34.1",
    ...over,
  };
}

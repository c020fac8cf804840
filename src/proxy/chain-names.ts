/**
 * Chain names kube-proxy derives from a service port, ported from pkg/proxy/iptables/proxier.go
 * (portProtoHash, servicePortEndpointChainName): sha256 over the name string, base32 (RFC 4648,
 * padded alphabet), first 16 characters. The hash keeps names under iptables' 28-character limit
 * and stable across restarts, which is why learners can search for the same chain on every node.
 */
import { sha256 } from "@noble/hashes/sha2.js";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const encoder = new TextEncoder();

/** base32.StdEncoding.EncodeToString(b)[:n]: only the first n characters are ever needed. */
function base32Prefix(bytes: Uint8Array, n: number): string {
  let out = "";
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length && out.length < n; i++) {
    acc = ((acc << 8) | bytes[i]!) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < n) {
      out += BASE32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

function hash16(text: string): string {
  return base32Prefix(sha256(encoder.encode(text)), 16);
}

/** ServicePortName.String(): "ns/name:port", or "ns/name" when the port has no name. */
export function servicePortNameString(namespace: string, name: string, portName: string | undefined): string {
  return portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`;
}

/** portProtoHash: the 16 characters shared by a port's SVC, SVL, EXT and FW chains. */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return hash16(servicePortName + protocol.toLowerCase());
}

export function servicePortPolicyClusterChain(servicePortName: string, protocol: string): string {
  return `KUBE-SVC-${portProtoHash(servicePortName, protocol)}`;
}

export function servicePortPolicyLocalChain(servicePortName: string, protocol: string): string {
  return `KUBE-SVL-${portProtoHash(servicePortName, protocol)}`;
}

export function serviceFirewallChain(servicePortName: string, protocol: string): string {
  return `KUBE-FW-${portProtoHash(servicePortName, protocol)}`;
}

export function serviceExternalChain(servicePortName: string, protocol: string): string {
  return `KUBE-EXT-${portProtoHash(servicePortName, protocol)}`;
}

/** KUBE-SEP: the endpoint string ("10.244.1.4:80", "[fd00::5]:80") is hashed in as well. */
export function servicePortEndpointChain(servicePortName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(servicePortName + protocol.toLowerCase() + endpoint)}`;
}

const SERVICE_CHAIN_PREFIXES = ["KUBE-SVC-", "KUBE-SVL-", "KUBE-SEP-", "KUBE-FW-", "KUBE-EXT-"];

/** isServiceChainName: chains kube-proxy owns per service, removed when their service goes. */
export function isServiceChainName(chain: string): boolean {
  return SERVICE_CHAIN_PREFIXES.some((p) => chain.startsWith(p));
}

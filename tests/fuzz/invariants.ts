/** Invariants of Service IP allocation that must hold after every command, whatever it was. */
import type { Cluster } from "../../src/apiserver/cluster.ts";
import type { IPAddress } from "../../src/apiserver/registry/ipaddress/types.ts";
import type { Service } from "../../src/apiserver/registry/service/types.ts";
import type { ServiceCIDR } from "../../src/apiserver/registry/servicecidr/types.ts";
import { CIDR, IP, parseIPSloppy } from "../../src/net/index.ts";

const MANAGED = "ipallocator.k8s.io";

export function checkInvariants(cluster: Cluster): string[] {
  const problems: string[] = [];
  const services = cluster.store.list("services") as Service[];
  const ips = cluster.store.list("ipaddresses.networking.k8s.io") as IPAddress[];
  const cidrs = (cluster.store.list("servicecidrs.networking.k8s.io") as ServiceCIDR[]).flatMap((s) => (s.spec.cidrs ?? []).map((c) => CIDR.tryParse(c)).filter((c): c is CIDR => !!c));
  const byName = new Map(ips.map((i) => [i.metadata.name!, i]));
  const owner = new Map<string, string>();
  for (const s of services) {
    if (s.spec.type === "ExternalName") continue;
    for (const raw of s.spec.clusterIPs ?? []) {
      if (raw === "None") continue;
      // A legacy ClusterIP (010.96.0.7) is allocated under its canonical name, and an IPv4-mapped
      // one (::ffff:10.96.0.9) under its IPv4 form, as netip's Unmap does upstream.
      const ip = parseIPSloppy(raw)?.toString() ?? raw;
      const key = `${s.metadata.namespace}/${s.metadata.name}`;
      if (owner.has(ip)) problems.push(`IP ${ip} allocated twice: ${owner.get(ip)} and ${key}`);
      owner.set(ip, key);
      const obj = byName.get(ip);
      if (!obj) problems.push(`Service ${key} has ClusterIP ${ip} without an IPAddress`);
      else if (obj.spec.parentRef?.name !== s.metadata.name || obj.spec.parentRef?.namespace !== s.metadata.namespace) {
        problems.push(`IPAddress ${ip} points at ${obj.spec.parentRef?.namespace}/${obj.spec.parentRef?.name}, not ${key}`);
      }
    }
  }
  for (const ip of ips) {
    if (ip.metadata.labels?.["ipaddress.kubernetes.io/managed-by"] !== MANAGED) continue;
    const ref = ip.spec.parentRef;
    const key = `${ref?.namespace}/${ref?.name}`;
    if (owner.get(ip.metadata.name!) !== key) problems.push(`IPAddress ${ip.metadata.name} has no live parent (${key})`);
    const addr = IP.tryParse(ip.metadata.name!);
    if (addr && !cidrs.some((c) => c.contains(addr))) problems.push(`IPAddress ${ip.metadata.name} is in no ServiceCIDR: one disappeared while it held this IP`);
  }
  return problems;
}

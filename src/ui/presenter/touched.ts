/** What a command touched, from the change events it caused: the addresses the views should light up. */
import type { WireEvent } from "../../worker/protocol.ts";

export function touchedIPs(events: readonly WireEvent[]): string[] {
  const ips = new Set<string>();
  for (const e of events) {
    if (e.type === "DELETED") continue;
    const o = e.object as { metadata: { name?: string }; spec?: { clusterIPs?: string[]; clusterIP?: string } };
    if (e.resource === "services") {
      for (const ip of o.spec?.clusterIPs ?? (o.spec?.clusterIP ? [o.spec.clusterIP] : [])) if (ip !== "None") ips.add(ip);
    } else if (e.resource === "ipaddresses" && o.metadata.name) {
      ips.add(o.metadata.name);
    }
  }
  return [...ips];
}

/** Service columns, printService and getServiceExternalIP in pkg/printers/internalversion/printers.go. */
import { age } from "../../machinery/time.ts";
import { formatLabels } from "../../machinery/labels.ts";
import type { TableDef } from "../../machinery/table.ts";
import type { Service, ServicePort } from "./types.ts";

export function makePortString(ports: readonly ServicePort[] | undefined): string {
  return (ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(",");
}

function loadBalancerStatus(svc: Service, wide: boolean): string {
  const parts = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || "").filter(Boolean);
  const r = parts.join(",");
  return !wide && r.length > 16 ? `${r.slice(0, 13)}...` : r;
}

export function serviceExternalIP(svc: Service, wide: boolean): string {
  const ext = svc.spec.externalIPs ?? [];
  switch (svc.spec.type) {
    case "ClusterIP":
    case "NodePort":
      return ext.length ? ext.join(",") : "<none>";
    case "LoadBalancer": {
      const lb = loadBalancerStatus(svc, wide);
      if (ext.length) return [...(lb ? lb.split(",") : []), ...ext].join(",");
      return lb || "<pending>";
    }
    case "ExternalName":
      return svc.spec.externalName ?? "";
  }
  return "<unknown>";
}

export const serviceTable: TableDef<Service> = {
  columns: [
    { name: "Name", priority: 0 },
    { name: "Type", priority: 0 },
    { name: "Cluster-IP", priority: 0 },
    { name: "External-IP", priority: 0 },
    { name: "Port(s)", priority: 0 },
    { name: "Age", priority: 0 },
    { name: "Selector", priority: 1 },
  ],
  row: (svc, now, wide) => [
    svc.metadata.name!,
    svc.spec.type ?? "",
    svc.spec.clusterIPs?.[0] ?? "<none>",
    serviceExternalIP(svc, wide),
    makePortString(svc.spec.ports) || "<none>",
    age(svc.metadata.creationTimestamp, now),
    formatLabels(svc.spec.selector),
  ],
};

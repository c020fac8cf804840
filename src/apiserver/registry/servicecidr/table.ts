/** Server-side table columns for ServiceCIDRs (pkg/printers/internalversion/printers.go). */
import { age } from "../../machinery/time.ts";
import type { TableDef } from "../../machinery/table.ts";
import type { ServiceCIDR } from "./types.ts";

export const serviceCIDRTable: TableDef<ServiceCIDR> = {
  columns: [
    { name: "Name", priority: 0 },
    { name: "CIDRs", priority: 0 },
    { name: "Age", priority: 0 },
  ],
  row: (o, now) => [o.metadata.name!, (o.spec?.cidrs ?? []).join(","), age(o.metadata.creationTimestamp, now)],
};

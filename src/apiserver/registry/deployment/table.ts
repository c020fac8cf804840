/** Deployment columns, printDeployment in pkg/printers/internalversion/printers.go. */
import { age } from "../../machinery/time.ts";
import type { TableDef } from "../../machinery/table.ts";
import { containerCells, selectorString } from "./workload.ts";
import type { Deployment } from "./types.ts";

export const deploymentTable: TableDef<Deployment> = {
  columns: [
    { name: "Name", priority: 0 },
    { name: "Ready", priority: 0 },
    { name: "Up-to-date", priority: 0 },
    { name: "Available", priority: 0 },
    { name: "Age", priority: 0 },
    { name: "Containers", priority: 1 },
    { name: "Images", priority: 1 },
    { name: "Selector", priority: 1 },
  ],
  row: (d, now) => {
    const s = d.status ?? {};
    return [
      d.metadata.name!,
      `${s.readyReplicas ?? 0}/${d.spec.replicas ?? 0}`,
      String(s.updatedReplicas ?? 0),
      String(s.availableReplicas ?? 0),
      age(d.metadata.creationTimestamp, now),
      ...containerCells(d.spec.template),
      selectorString(d.spec.selector),
    ];
  },
};

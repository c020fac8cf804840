/** ReplicaSet columns, printReplicaSet in pkg/printers/internalversion/printers.go. */
import { age } from "../../machinery/time.ts";
import type { TableDef } from "../../machinery/table.ts";
import { containerCells, selectorString } from "../deployment/workload.ts";
import type { ReplicaSet } from "./types.ts";

export const replicaSetTable: TableDef<ReplicaSet> = {
  columns: [
    { name: "Name", priority: 0 },
    { name: "Desired", priority: 0 },
    { name: "Current", priority: 0 },
    { name: "Ready", priority: 0 },
    { name: "Age", priority: 0 },
    { name: "Containers", priority: 1 },
    { name: "Images", priority: 1 },
    { name: "Selector", priority: 1 },
  ],
  row: (rs, now) => [
    rs.metadata.name!,
    String(rs.spec.replicas ?? 0),
    String(rs.status?.replicas ?? 0),
    String(rs.status?.readyReplicas ?? 0),
    age(rs.metadata.creationTimestamp, now),
    ...containerCells(rs.spec.template),
    selectorString(rs.spec.selector),
  ],
};

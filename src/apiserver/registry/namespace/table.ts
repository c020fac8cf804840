/** Namespace columns: NAME STATUS AGE. */
import { age } from "../../machinery/time.ts";
import type { TableDef } from "../../machinery/table.ts";
import type { Namespace } from "./types.ts";

export const namespaceTable: TableDef<Namespace> = {
  columns: [
    { name: "Name", priority: 0 },
    { name: "Status", priority: 0 },
    { name: "Age", priority: 0 },
  ],
  row: (ns, now) => [ns.metadata.name!, ns.status?.phase ?? "", age(ns.metadata.creationTimestamp, now)],
};

/** DaemonSet columns, printDaemonSet in pkg/printers/internalversion/printers.go. */
import { formatLabels } from "../../machinery/labels.ts";
import { age } from "../../machinery/time.ts";
import type { TableDef } from "../../machinery/table.ts";
import { containerCells, selectorString } from "../deployment/workload.ts";
import type { DaemonSet } from "./types.ts";

export const daemonSetTable: TableDef<DaemonSet> = {
  columns: [
    { name: "Name", priority: 0 },
    { name: "Desired", priority: 0 },
    { name: "Current", priority: 0 },
    { name: "Ready", priority: 0 },
    { name: "Up-to-date", priority: 0 },
    { name: "Available", priority: 0 },
    { name: "Node Selector", priority: 0 },
    { name: "Age", priority: 0 },
    { name: "Containers", priority: 1 },
    { name: "Images", priority: 1 },
    { name: "Selector", priority: 1 },
  ],
  row: (ds, now) => {
    const s = ds.status ?? {};
    return [
      ds.metadata.name!,
      String(s.desiredNumberScheduled ?? 0),
      String(s.currentNumberScheduled ?? 0),
      String(s.numberReady ?? 0),
      String(s.updatedNumberScheduled ?? 0),
      String(s.numberAvailable ?? 0),
      formatLabels(ds.spec.template.spec?.nodeSelector),
      age(ds.metadata.creationTimestamp, now),
      ...containerCells(ds.spec.template),
      selectorString(ds.spec.selector),
    ];
  },
};

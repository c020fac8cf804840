/** Event columns (printEvent): LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; wide adds the rest. */
import { humanDuration, parseTime } from "../../machinery/time.ts";
import type { TableDef } from "../../machinery/table.ts";
import type { Event } from "./types.ts";

function since(ts: string | undefined, now: number): string {
  const t = parseTime(ts);
  return t === undefined ? "<unknown>" : humanDuration(now - t);
}

export const eventTable: TableDef<Event> = {
  columns: [
    { name: "Last Seen", priority: 0 },
    { name: "Type", priority: 0 },
    { name: "Reason", priority: 0 },
    { name: "Object", priority: 0 },
    { name: "Subobject", priority: 1 },
    { name: "Source", priority: 1 },
    { name: "Message", priority: 0 },
    { name: "First Seen", priority: 1 },
    { name: "Count", priority: 1 },
    { name: "Name", priority: 1 },
  ],
  row: (ev, now) => [
    since(ev.lastTimestamp, now),
    ev.type,
    ev.reason,
    `${ev.involvedObject.kind.toLowerCase()}/${ev.involvedObject.name}`,
    ev.involvedObject.fieldPath ?? "",
    [ev.source.component, ev.source.host].filter(Boolean).join(", "),
    ev.message.trim(),
    since(ev.firstTimestamp, now),
    String(ev.count),
    ev.metadata.name!,
  ],
};

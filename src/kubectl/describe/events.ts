/** DescribeEvents: the events table at the end of every describe. */
import { humanDuration, parseTime } from "../../apiserver/machinery/time.ts";
import type { Event } from "../../apiserver/registry/event/types.ts";
import type { DescribeWriter } from "./writer.ts";

function since(ts: string | undefined, now: number): string {
  const t = parseTime(ts);
  return t === undefined ? "<unknown>" : humanDuration(now - t);
}

export function describeEvents(w: DescribeWriter, events: readonly Event[], now: number): void {
  if (!events.length) {
    w.write(0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) => (parseTime(a.lastTimestamp) ?? 0) - (parseTime(b.lastTimestamp) ?? 0));
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  for (const e of sorted) {
    const ev = e as Event & { eventTime?: string | null; series?: { count: number; lastObservedTime: string } };
    // An events.k8s.io style event has eventTime (and maybe a series) instead of first/last timestamps.
    const first = ev.eventTime ? since(ev.eventTime, now) : since(e.firstTimestamp, now);
    let interval = first;
    if (ev.series) interval = `${since(ev.series.lastObservedTime, now)} (x${ev.series.count} over ${first})`;
    else if (e.count > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${e.source?.component || e.reportingComponent}\t${e.message.trim()}\n`);
  }
}

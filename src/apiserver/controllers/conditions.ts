/** meta.SetStatusCondition: lastTransitionTime moves only when the status does. */
import type { Condition } from "../machinery/object.ts";
import { rfc3339 } from "../machinery/time.ts";

export function setCondition(
  conditions: readonly Condition[] | undefined,
  next: Omit<Condition, "lastTransitionTime">,
  nowMs: number,
): Condition[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === next.type);
  const prev = i >= 0 ? list[i] : undefined;
  const lastTransitionTime = prev && prev.status === next.status ? prev.lastTransitionTime : rfc3339(nowMs);
  const cond: Condition = { lastTransitionTime, message: next.message, reason: next.reason, status: next.status, type: next.type };
  if (i >= 0) list[i] = cond;
  else list.push(cond);
  return list;
}

export function sameCondition(a: Condition | undefined, b: Omit<Condition, "lastTransitionTime">): boolean {
  return !!a && a.status === b.status && a.reason === b.reason && a.message === b.message;
}

/** Event's schema (k8s.io/api/core/v1/types.go); loose, since only controllers write events. */
import { kindSchema, type Schema } from "../../machinery/schema.ts";

const ANY = (go: string, description: string): Schema => ({ type: "any", go, description });

export const EVENT_SCHEMA: Schema = kindSchema("v1.Event", "Event is a report of an event somewhere in the cluster.", {
  action: ANY("string", "What action was taken/failed regarding to the Regarding object."),
  count: ANY("int32", "The number of times this event has occurred."),
  eventTime: ANY("v1.MicroTime", "Time when this Event was first observed."),
  firstTimestamp: ANY("v1.Time", "The time at which the event was first recorded."),
  involvedObject: ANY("v1.ObjectReference", "The object that this event is about."),
  lastTimestamp: ANY("v1.Time", "The time at which the most recent occurrence of this event was recorded."),
  message: ANY("string", "A human-readable description of the status of this operation."),
  reason: ANY("string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
  related: ANY("v1.ObjectReference", "Optional secondary object for more complex actions."),
  reportingComponent: ANY("string", "Name of the controller that emitted this Event."),
  reportingInstance: ANY("string", "ID of the controller instance."),
  series: ANY("v1.EventSeries", "Data about the Event series this event represents."),
  source: ANY("v1.EventSource", "The component reporting this event."),
  type: ANY("string", "Type of this event (Normal, Warning), new types could be added in the future"),
});

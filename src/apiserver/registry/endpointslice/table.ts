/** EndpointSlice columns, printEndpointSlice / formatDiscoveryPorts / formatDiscoveryEndpoints in printers.go. */
import { age } from "../../machinery/time.ts";
import type { TableDef } from "../../machinery/table.ts";
import type { EndpointSlice } from "./types.ts";

const MAX = 3;

/** listWithMoreString: the first three, then ` + N more...`; nothing at all is `<unset>`. */
function listWithMore(values: readonly string[]): string {
  const ret = values.slice(0, MAX).join(",");
  if (values.length > MAX) return `${ret} + ${values.length - MAX} more...`;
  return ret || "<unset>";
}

export const endpointSliceTable: TableDef<EndpointSlice> = {
  columns: [
    { name: "Name", priority: 0 },
    { name: "AddressType", priority: 0 },
    { name: "Ports", priority: 0 },
    { name: "Endpoints", priority: 0 },
    { name: "Age", priority: 0 },
  ],
  row: (s, now) => [
    s.metadata.name!,
    s.addressType,
    listWithMore((s.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : p.name !== undefined ? p.name : "*"))),
    listWithMore((s.endpoints ?? []).flatMap((e) => e.addresses ?? [])),
    age(s.metadata.creationTimestamp, now),
  ],
};

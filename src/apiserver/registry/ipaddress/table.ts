/**
 * IPAddress columns (pkg/printers/internalversion/printers.go printIPAddress): NAME and PARENTREF only;
 * the row carries an age cell but no column names it, so kubectl drops it.
 */
import type { TableDef } from "../../machinery/table.ts";
import type { IPAddress, ParentReference } from "./types.ts";

export function formatParentRef(ref: ParentReference | undefined): string {
  if (!ref) return "<none>";
  const gr = ref.group ? `${ref.resource}.${ref.group}` : ref.resource;
  return `${gr.toLowerCase()}${ref.namespace ? `/${ref.namespace}` : ""}/${ref.name}`;
}

export const ipAddressTable: TableDef<IPAddress> = {
  columns: [
    { name: "Name", priority: 0 },
    { name: "ParentRef", priority: 0 },
  ],
  row: (o) => [o.metadata.name!, formatParentRef(o.spec?.parentRef)],
};

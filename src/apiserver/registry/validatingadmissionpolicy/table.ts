/** Server-side table of ValidatingAdmissionPolicies (pkg/printers/internalversion/printers.go). */
import { age } from "../../machinery/time.ts";
import type { TableDef } from "../../machinery/table.ts";
import type { ValidatingAdmissionPolicy } from "./types.ts";

export const validatingAdmissionPolicyTable: TableDef<ValidatingAdmissionPolicy> = {
  columns: [
    { name: "Name", priority: 0 },
    { name: "Validations", priority: 0 },
    { name: "ParamKind", priority: 0 },
    { name: "Age", priority: 0 },
  ],
  row: (o, now) => {
    const pk = o.spec?.paramKind;
    return [o.metadata.name!, String(o.spec?.validations?.length ?? 0), pk ? `${pk.apiVersion ?? ""}/${pk.kind ?? ""}` : "<unset>", age(o.metadata.creationTimestamp, now)];
  },
};

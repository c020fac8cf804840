/** Server-side table of ValidatingAdmissionPolicyBindings (pkg/printers/internalversion/printers.go). */
import { age } from "../../machinery/time.ts";
import type { TableDef } from "../../machinery/table.ts";
import { labelSelectorGoString } from "./selector-string.ts";
import type { ValidatingAdmissionPolicyBinding } from "./types.ts";

function paramRefCell(b: ValidatingAdmissionPolicyBinding): string {
  const pr = b.spec?.paramRef;
  if (!pr) return "<unset>";
  if (pr.name) {
    // "Can't tell from here if param is cluster-scoped, so all params without names get * namespace"
    return pr.namespace ? `${pr.namespace}/${pr.name}` : `*/${pr.name}`;
  }
  if (pr.selector) return labelSelectorGoString(pr.selector);
  return "<unset>";
}

export const validatingAdmissionPolicyBindingTable: TableDef<ValidatingAdmissionPolicyBinding> = {
  columns: [
    { name: "Name", priority: 0 },
    { name: "PolicyName", priority: 0 },
    { name: "ParamRef", priority: 0 },
    { name: "Age", priority: 0 },
  ],
  row: (o, now) => [o.metadata.name!, o.spec?.policyName ?? "", paramRefCell(o), age(o.metadata.creationTimestamp, now)],
};

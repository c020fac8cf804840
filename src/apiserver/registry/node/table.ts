/** Node columns, printNode / getNodeInternalIP / getNodeExternalIP in pkg/printers/internalversion/printers.go. */
import { age } from "../../machinery/time.ts";
import type { TableDef } from "../../machinery/table.ts";
import { nodeRoles, type Node } from "./types.ts";

function nodeStatus(node: Node): string {
  // NodeAllConditions is just Ready: "Ready" or "NotReady", "Unknown" without one.
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  const status = [ready ? (ready.status === "True" ? "Ready" : "NotReady") : "Unknown"];
  if (node.spec.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}

const address = (node: Node, type: string) => node.status?.addresses?.find((a) => a.type === type)?.address ?? "<none>";

export const nodeTable: TableDef<Node> = {
  columns: [
    { name: "Name", priority: 0 },
    { name: "Status", priority: 0 },
    { name: "Roles", priority: 0 },
    { name: "Age", priority: 0 },
    { name: "Version", priority: 0 },
    { name: "Internal-IP", priority: 1 },
    { name: "External-IP", priority: 1 },
    { name: "OS-Image", priority: 1 },
    { name: "Kernel-Version", priority: 1 },
    { name: "Container-Runtime", priority: 1 },
  ],
  row: (node, now) => {
    const info = node.status?.nodeInfo;
    return [
      node.metadata.name!,
      nodeStatus(node),
      nodeRoles(node).join(",") || "<none>",
      age(node.metadata.creationTimestamp, now),
      info?.kubeletVersion ?? "",
      address(node, "InternalIP"),
      address(node, "ExternalIP"),
      info?.osImage || "<unknown>",
      info?.kernelVersion || "<unknown>",
      info?.containerRuntimeVersion || "<unknown>",
    ];
  },
};

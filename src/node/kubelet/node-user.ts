/** The identity a kubelet writes with (the node authorizer's `system:node:<name>` in group `system:nodes`). */
export function nodeUser(nodeName: string): { username: string; groups: string[] } {
  return { username: `system:node:${nodeName}`, groups: ["system:nodes", "system:authenticated"] };
}

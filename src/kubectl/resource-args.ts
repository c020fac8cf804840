/**
 * Parses the resource arguments kubectl's resource builder accepts: `TYPE`, `TYPE NAME...`,
 * `TYPE1,TYPE2 [NAME...]` and `TYPE/NAME ...`.
 */
import { KubectlError } from "./errors.ts";

export interface ResourceRequest {
  type: string;
  names: string[];
}

export function parseResourceArgs(args: readonly string[]): ResourceRequest[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes("/"));
  if (slashed.length) {
    if (slashed.length !== args.length) {
      throw new KubectlError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    const out: ResourceRequest[] = [];
    for (const a of args) {
      const i = a.indexOf("/");
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!type || !name) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      const prev = out.find((r) => r.type === type);
      if (prev) prev.names.push(name);
      else out.push({ type, names: [name] });
    }
    return out;
  }
  const [types, ...names] = args;
  return types!.split(",").filter(Boolean).map((type) => ({ type, names: [...names] }));
}

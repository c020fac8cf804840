/** kubectl describe: one describer per kind, events found by their involvedObject. */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import type { Ctx } from "../context.ts";
import { ALL_NAMESPACES_FLAG, SELECTOR_FLAG } from "../context.ts";
import { formatError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { resolveResource } from "../mapper.ts";
import { parseResourceArgs } from "../resource-args.ts";
import { describerFor } from "../describe/describers.ts";

export const DESCRIBE_FLAGS: FlagSpec[] = [SELECTOR_FLAG, ALL_NAMESPACES_FLAG, { name: "show-events", type: "bool", default: true }, { name: "chunk-size", type: "int", ignored: true }, { name: "filename", shorthand: "f", type: "stringSlice" }];

const EVENTS = { group: "", version: "v1", resource: "events" };

export function describe(ctx: Ctx): void {
  const { flags, out } = ctx;
  const requests = parseResourceArgs(flags.args);
  if (!requests.length) {
    out.err(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples\n`);
    out.exitCode = 1;
    return;
  }
  const client = ctx.client();
  const allNs = flags.bool("all-namespaces");
  const objects: KubeObject[] = [];
  const errors: unknown[] = [];
  for (const r of requests) {
    const mapping = resolveResource(client, r.type);
    const ns = mapping.resource.namespaced ? ctx.namespace : undefined;
    if (r.names.length) {
      for (const n of r.names) {
        try {
          objects.push(client.get(mapping.gvr, ns, n));
        } catch (e) {
          errors.push(e);
        }
      }
    } else {
      objects.push(...client.list(mapping.gvr, mapping.resource.namespaced && !allNs ? ns : undefined, { labelSelector: flags.str("selector") || undefined }).items);
    }
  }
  const events = flags.bool("show-events") ? client.list(EVENTS, undefined).items : [];
  const now = client.now();
  const texts = objects.map((o) => {
    const group = o.apiVersion.includes("/") ? o.apiVersion.split("/")[0]! : "";
    const mine = events.filter((e) => {
      const ref = (e as unknown as { involvedObject: { kind: string; name: string; namespace?: string; uid?: string } }).involvedObject;
      return ref.kind === o.kind && ref.name === o.metadata.name && (ref.namespace ?? "") === (o.metadata.namespace ?? "") && (!ref.uid || ref.uid === o.metadata.uid);
    });
    return describerFor(group, o.kind)(o, {
      now,
      events: mine,
      list: (gvr, namespace, labelSelector) => {
        try {
          return client.list(gvr, namespace, { labelSelector }).items;
        } catch {
          return [];
        }
      },
    });
  });
  out.out(texts.join("\n\n"));
  if (!objects.length && !errors.length) out.err(requests.some((r) => resolveResource(client, r.type).resource.namespaced) && !allNs ? `No resources found in ${ctx.namespace} namespace.\n` : "No resources found\n");
  for (const e of errors) out.err(formatError(e));
  if (errors.length) out.exitCode = 1;
}

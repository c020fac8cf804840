/**
 * kubectl describe (k8s.io/kubectl/pkg/cmd/describe/describe.go, v0.34): one describer per kind,
 * events found by their involvedObject. `TYPE NAME` that is not found is retried as a name prefix
 * (DescribeMatchingResources). Events are shown by default only when exactly one object is
 * described; --show-events=true|false overrides that.
 */
import type { ApiClient } from "../../apiserver/client.ts";
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import { isStatusError } from "../../apiserver/machinery/errors.ts";
import type { Ctx } from "../context.ts";
import { ALL_NAMESPACES_FLAG, RECURSIVE_FLAG, SELECTOR_FLAG } from "../context.ts";
import { formatErrors, KubectlError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { fetchInfos, flatten, planRequests } from "../builder.ts";
import { resolveResource } from "../mapper.ts";
import { describerFor } from "../describe/describers.ts";

export const DESCRIBE_FLAGS: FlagSpec[] = [
  SELECTOR_FLAG,
  ALL_NAMESPACES_FLAG,
  RECURSIVE_FLAG,
  { name: "show-events", type: "bool", default: true },
  { name: "chunk-size", type: "int", ignored: true },
  { name: "filename", shorthand: "f", type: "stringSlice" },
];

const EVENTS = { group: "", version: "v1", resource: "events" };

function describeOne(client: ApiClient, o: KubeObject, showEvents: boolean): string {
  const group = o.apiVersion.includes("/") ? o.apiVersion.split("/")[0]! : "";
  // searchEvents: the field selector involvedObject.{name,namespace,kind,uid}; without --show-events there is no Events section at all.
  const events = showEvents
    ? client.list(EVENTS, o.metadata.namespace || undefined).items.filter((e) => {
        const ref = (e as unknown as { involvedObject: { kind: string; name: string; namespace?: string; uid?: string } }).involvedObject;
        return ref.kind === o.kind && ref.name === o.metadata.name && (ref.namespace ?? "") === (o.metadata.namespace ?? "") && ((ref.uid ?? "") === (o.metadata.uid ?? "") || (o.kind === "Node" && ref.uid === o.metadata.name));
      })
    : undefined;
  return describerFor(group, o.kind)(o, {
    now: client.now(),
    events,
    list: (gvr, namespace, labelSelector) => {
      try {
        return client.list(gvr, namespace, { labelSelector }).items;
      } catch {
        return [];
      }
    },
  });
}

export function describe(ctx: Ctx): void {
  const { flags, out } = ctx;
  const files = flags.list("filename");
  if (!flags.args.length && !files.length) {
    // ToOptions: fmt.Errorf("You must specify the type of resource to describe. %s\n", ...).
    throw new KubectlError(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n`);
  }
  const client = ctx.client();
  const allNs = flags.bool("all-namespaces");
  const plan = planRequests(client, ctx, {
    args: flags.args,
    allowEmptySelector: true,
    labelSelector: flags.str("selector"),
    allNamespaces: allNs,
    filenames: files,
    recursive: flags.bool("recursive"),
  });
  const fetched = fetchInfos(client, plan);
  const infos = flatten(fetched.infos);
  const errors = fetched.errors;
  const explicitEvents = flags.has("show-events");
  let showEvents = flags.bool("show-events");
  if ((errors.length || infos.length > 1) && !explicitEvents) showEvents = false;

  if (errors.length && flags.args.length === 2 && errors.every((e) => isStatusError(e) && e.reason === "NotFound")) {
    return describeMatching(ctx, client, errors, flags.args[0]!, flags.args[1]!, showEvents);
  }

  const texts = infos.map((i) => describeOne(client, i.object!, showEvents));
  // Fprint for the first, then "\n\n%s" for each next one.
  out.out(texts.join("\n\n"));
  if (!infos.length && !errors.length) {
    out.err(allNs ? "No resources found\n" : `No resources found in ${ctx.namespace} namespace.\n`);
  }
  if (errors.length) {
    out.err(formatErrors(errors));
    out.exitCode = 1;
  }
}

/** DescribeMatchingResources: `kubectl describe svc kube` describes every service whose name starts with "kube". */
function describeMatching(ctx: Ctx, client: ApiClient, originalErrors: unknown[], resource: string, prefix: string, showEvents: boolean): void {
  const mapping = resolveResource(client, resource);
  const list = client.list(mapping.gvr, mapping.resource.namespaced ? ctx.namespace : undefined).items;
  const matches = list.filter((o) => (o.metadata.name ?? "").startsWith(prefix));
  if (!matches.length) {
    ctx.out.err(formatErrors(originalErrors));
    ctx.out.exitCode = 1;
    return;
  }
  for (const o of matches) ctx.out.out(`${describeOne(client, o, showEvents)}\n`);
}

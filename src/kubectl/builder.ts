/**
 * The resource builder (k8s.io/cli-runtime/pkg/resource/builder.go, v0.34) as the commands that read
 * objects by argument use it: `TYPE`, `TYPE NAME...`, `TYPE1,TYPE2 NAME` (turned into TYPE/NAME
 * tuples), `TYPE/NAME...`, selectors, --all and -f. The checks run in builder order (argument
 * errors, then paths, selectors, tuples, names) so that each mistake gets the same sentence kubectl
 * prints, and fetching continues past errors (ContinueOnError) so that found objects still print
 * next to a NotFound.
 */
import type { ApiClient } from "../apiserver/client.ts";
import type { KubeObject } from "../apiserver/machinery/object.ts";
import type { Ctx } from "./context.ts";
import { KubectlError } from "./errors.ts";
import { readManifests } from "./manifest.ts";
import { resolveResource, type Mapping } from "./mapper.ts";
import { target } from "./cmd/mutate.ts";

export interface BuilderOptions {
  args: readonly string[];
  /** ResourceTypeOrNameArgs(allowEmptySelector): `kubectl get svc` lists everything; delete needs --all. */
  allowEmptySelector: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  /** SelectAllParam (--all). */
  selectAll?: boolean;
  allNamespaces?: boolean;
  filenames?: readonly string[];
  recursive?: boolean;
}

/** One thing the builder visits: a list (selector) or one named object. */
export interface Info {
  mapping: Mapping;
  /** The namespace the request used ("" for cluster-scoped or all namespaces). */
  namespace: string | undefined;
  name: string;
  /** The object, once fetched (undefined for a list). */
  object?: KubeObject;
  /** For selector requests: the listed items (possibly none). A list is one info, as the server's Table is. */
  items?: KubeObject[];
  /** -f: where the object came from ("STDIN" or the path). */
  source?: string;
}

export interface Plan {
  /** What to visit, in order: lists for selectors, names for tuples/names/paths. */
  requests: Request[];
  /** IntoSingleItemImplied: one name, one TYPE/NAME, or one file. */
  singleItemImplied: boolean;
  /** Whether the request was by selector (lists) rather than by names. */
  bySelector: boolean;
}

export type Request =
  | { kind: "list"; mapping: Mapping; namespace: string | undefined; labelSelector?: string; fieldSelector?: string }
  | { kind: "name"; mapping: Mapping; namespace: string | undefined; name: string; source?: string; object?: KubeObject };

const MISSING_RESOURCE = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** SplitResourceArgument: comma-separated types, duplicates dropped, order kept. */
export function splitResourceArgument(arg: string): string[] {
  const out: string[] = [];
  for (const s of arg.split(",")) if (!out.includes(s)) out.push(s);
  return out;
}

/** normalizeMultipleResourcesArgs: `a,b x y` becomes `a/x a/y b/x b/y`. */
function normalizeArgs(args: readonly string[]): string[] {
  if (args.length >= 2) {
    const resources = splitResourceArgument(args[0]!);
    if (resources.length > 1) return resources.flatMap((r) => args.slice(1).map((n) => `${r}/${n}`));
  }
  return [...args];
}

/** splitResourceTypeName: TYPE/NAME or nothing. */
function splitTuple(s: string): { resource: string; name: string } | undefined {
  if (!s.includes("/")) return undefined;
  const seg = s.split("/");
  if (seg.length !== 2) throw new KubectlError("arguments in resource/name form may not have more than one slash");
  const [resource, name] = seg as [string, string];
  if (!resource || !name || splitResourceArgument(resource).length !== 1) {
    throw new KubectlError("arguments in resource/name form must have a single resource and name");
  }
  return { resource, name };
}

/** Works out what the arguments ask for, throwing the builder's errors. Maps types but fetches nothing. */
/**
 * ReplaceAliases: a category (`all`) becomes the resources discovery lists in it, as
 * `resource.group` (group omitted for the core group).
 */
function replaceAliases(client: ApiClient, input: string): string {
  return input
    .split(",")
    .map((arg) => {
      const found: string[] = [];
      for (const list of client.discovery()) {
        const group = list.groupVersion.includes("/") ? list.groupVersion.split("/")[0]! : "";
        for (const r of list.resources) {
          const name = group ? `${r.name}.${group}` : r.name;
          if (r.categories.includes(arg) && !found.includes(name)) found.push(name);
        }
      }
      return found.length ? found.join(",") : arg;
    })
    .join(",");
}

export function planRequests(client: ApiClient, ctx: Ctx, opts: BuilderOptions): Plan {
  const args = normalizeArgs(opts.args);
  if (args.length && !args.some((a) => a.includes("/"))) args[0] = replaceAliases(client, args[0]!);
  const tuples: { resource: string; name: string }[] = [];
  const resources: string[] = [];
  const names: string[] = [];
  let labelSelector = opts.labelSelector?.trim() ? opts.labelSelector.trim() : undefined;
  const fieldSelector = opts.fieldSelector?.trim() ? opts.fieldSelector.trim() : undefined;
  const errs: string[] = [];
  if (opts.selectAll && (labelSelector !== undefined || fieldSelector !== undefined)) {
    // SelectAllParam: the trailing space is upstream's.
    errs.push("setting 'all' parameter but found a non empty selector. ");
  }

  const slashed = args.filter((a) => a.includes("/")).length;
  if (slashed > 0 && slashed === args.length) {
    for (const a of args) tuples.push(splitTuple(a)!);
  } else if (slashed > 0) {
    // hasCombinedTypeArgs names the binary from os.Args[0].
    errs.push(
      "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
    );
  } else if (args.length >= 2) {
    names.push(...args.slice(1));
    resources.push(...splitResourceArgument(args[0]!));
  } else if (args.length === 1) {
    resources.push(...splitResourceArgument(args[0]!));
    if (labelSelector === undefined && opts.allowEmptySelector) labelSelector = "";
  }
  if (errs.length) throw new KubectlError(errs.length === 1 ? errs[0]! : `[${errs.join(", ")}]`);
  if (opts.selectAll) labelSelector = "";

  const allNs = !!opts.allNamespaces;
  const namespace = allNs ? "" : ctx.namespace;
  const nsFor = (m: Mapping) => (m.resource.namespaced ? namespace : undefined);
  const byName = (m: Mapping) => {
    if (m.resource.namespaced && !namespace) {
      throw new KubectlError(allNs ? "a resource cannot be retrieved by name across all namespaces" : "namespace may not be empty when retrieving a resource by name");
    }
  };

  const files = opts.filenames ?? [];
  if (files.length) {
    if (resources.length) throw new KubectlError("when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well");
    if (names.length) throw new KubectlError("name cannot be provided when a path is specified");
    if (tuples.length) throw new KubectlError("resource/name arguments cannot be provided when a path is specified");
    const manifests = readManifests(ctx.env, files, !!opts.recursive);
    const requests: Request[] = manifests.map((m) => {
      const t = target(client, ctx, m);
      return { kind: "name", mapping: t.mapping, namespace: t.namespace, name: t.object.metadata?.name ?? "", source: m.source, object: t.object };
    });
    const stream = files.includes("-");
    const dir = files.some((f) => ctx.env.isDirectory?.(f));
    return { requests, singleItemImplied: !dir && !stream && files.length === 1, bySelector: false };
  }

  if (labelSelector !== undefined || fieldSelector !== undefined) {
    if (names.length) throw new KubectlError("name cannot be provided when a selector is specified");
    if (tuples.length) throw new KubectlError("selectors and the all flag cannot be used when passing resource/name arguments");
    if (!resources.length) throw new KubectlError("at least one resource must be specified to use a selector");
    const mappings: Mapping[] = [];
    for (const r of resources) {
      const m = resolveResource(client, r);
      // resourceMappings drops a type given twice under two names (svc,services).
      if (!mappings.some((x) => sameKind(x, m))) mappings.push(m);
    }
    return {
      requests: mappings.map((m) => ({ kind: "list", mapping: m, namespace: nsFor(m), labelSelector: labelSelector || undefined, fieldSelector })),
      singleItemImplied: false,
      bySelector: true,
    };
  }

  if (tuples.length) {
    const mapped = new Map<string, Mapping>();
    for (const t of tuples) if (!mapped.has(t.resource)) mapped.set(t.resource, resolveResource(client, t.resource));
    const requests: Request[] = tuples.map((t) => {
      const m = mapped.get(t.resource)!;
      byName(m);
      return { kind: "name", mapping: m, namespace: nsFor(m), name: t.name };
    });
    return { requests, singleItemImplied: tuples.length === 1, bySelector: false };
  }

  if (names.length) {
    if (!resources.length) throw new KubectlError("you must provide a resource and a resource name together");
    if (resources.length > 1) throw new KubectlError("you must specify only one resource");
    const m = resolveResource(client, resources[0]!);
    byName(m);
    return { requests: names.map((n) => ({ kind: "name", mapping: m, namespace: nsFor(m), name: n })), singleItemImplied: names.length === 1, bySelector: false };
  }

  if (resources.length) {
    for (const r of resources) resolveResource(client, r);
    throw new KubectlError("resource(s) were provided, but no name was specified");
  }
  throw new KubectlError(MISSING_RESOURCE);
}

function sameKind(a: Mapping, b: Mapping): boolean {
  return a.gvr.group === b.gvr.group && a.resource.kind === b.resource.kind;
}

/** Visits the plan: lists each selector request and GETs each name, collecting errors as it goes. */
export function fetchInfos(client: ApiClient, plan: Plan, opts: { latest: boolean } = { latest: true }): { infos: Info[]; errors: unknown[] } {
  const infos: Info[] = [];
  const errors: unknown[] = [];
  for (const r of plan.requests) {
    try {
      if (r.kind === "list") {
        const list = client.list(r.mapping.gvr, r.namespace || undefined, { labelSelector: r.labelSelector, fieldSelector: r.fieldSelector });
        infos.push({ mapping: r.mapping, namespace: r.namespace, name: "", items: list.items });
      } else if (opts.latest) {
        const object = client.get(r.mapping.gvr, r.namespace || undefined, r.name);
        infos.push({ mapping: r.mapping, namespace: r.namespace, name: r.name, object, source: r.source });
      } else {
        infos.push({ mapping: r.mapping, namespace: r.namespace, name: r.name, object: r.object, source: r.source });
      }
    } catch (e) {
      errors.push(e);
    }
  }
  return { infos, errors };
}

/** Flatten: a list info becomes one info per item. */
export function flatten(infos: readonly Info[]): Info[] {
  return infos.flatMap((i) =>
    i.items ? i.items.map((o) => ({ mapping: i.mapping, namespace: o.metadata.namespace, name: o.metadata.name ?? "", object: o })) : [i],
  );
}

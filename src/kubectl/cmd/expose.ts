/**
 * kubectl expose (k8s.io/kubectl/pkg/cmd/expose/expose.go, v0.34): a Service for a Deployment,
 * ReplicaSet, Pod or Service, its selector taken from the object (matchLabels, a pod's labels, a
 * service's selector), its labels copied, its port from --port or from the containers' ports.
 * Prints `service/NAME exposed`.
 * @support expose: --port, --target-port, --protocol, --type, --name, --labels, --selector, --dry-run, -o.
 */
import type { KubeObject } from "../../apiserver/machinery/object.ts";
import type { Deployment } from "../../apiserver/registry/deployment/types.ts";
import type { Pod, PodSpec } from "../../apiserver/registry/pod/types.ts";
import type { Service, ServicePort } from "../../apiserver/registry/service/types.ts";
import type { Ctx } from "../context.ts";
import { dryRunMode, DRY_RUN_FLAG, OUTPUT_FLAG } from "../context.ts";
import { KubectlError, UsageError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { resolveResource } from "../mapper.ts";
import { parseOutput } from "../printers/output.ts";
import { printResult } from "./mutate.ts";
import { namedObjects } from "./scale.ts";

export const EXPOSE_FLAGS: FlagSpec[] = [
  { name: "port", type: "string" },
  { name: "target-port", type: "string" },
  { name: "protocol", type: "string" },
  { name: "type", type: "string" },
  { name: "name", type: "string" },
  { name: "labels", shorthand: "l", type: "string" },
  { name: "selector", type: "string" },
  { name: "cluster-ip", type: "string" },
  { name: "external-ip", type: "string", ignored: true },
  { name: "session-affinity", type: "string", ignored: true },
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
];

const TYPES: Record<string, Service["spec"]["type"]> = { clusterip: "ClusterIP", nodeport: "NodePort", loadbalancer: "LoadBalancer", externalname: "ExternalName" };

function pairs(text: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new KubectlError(`invalid ${what} spec: ${part}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** polymorphichelpers.MapBasedSelectorForObject and PortsForObject / ProtocolsForObject. */
function introspect(obj: KubeObject): { selector: Record<string, string>; spec?: PodSpec; servicePorts?: ServicePort[] } {
  switch (obj.kind) {
    case "Pod":
      return { selector: { ...(obj.metadata.labels ?? {}) }, spec: (obj as Pod).spec };
    case "Service":
      return { selector: { ...((obj as Service).spec.selector ?? {}) }, servicePorts: (obj as Service).spec.ports };
    case "Deployment":
    case "ReplicaSet": {
      const d = obj as Deployment;
      if (d.spec.selector?.matchExpressions?.length) throw new KubectlError("couldn't convert expressions - \"" + JSON.stringify(d.spec.selector.matchExpressions) + "\" to map-based selector format");
      return { selector: { ...(d.spec.selector?.matchLabels ?? {}) }, spec: d.spec.template?.spec as PodSpec };
    }
    default:
      throw new KubectlError(`cannot expose a ${obj.kind}`);
  }
}

export function exposeCmd(ctx: Ctx): void {
  const { flags } = ctx;
  if (!flags.args.length) throw new UsageError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'", "expose");
  const client = ctx.client();
  const format = parseOutput(flags.str("output"), false, (p) => ctx.env.readFile(p));
  const dryRun = dryRunMode(flags);
  const services = resolveResource(client, "services");
  for (const { mapping, name } of namedObjects(ctx, flags.args, "expose")) {
    const obj = client.get(mapping.gvr, ctx.namespace, name);
    const info = introspect(obj);
    const selector = flags.str("selector") ? pairs(flags.str("selector"), "selector") : info.selector;
    if (!Object.keys(selector).length) throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: the ${obj.kind.toLowerCase()} has no labels`);
    const protocol = (flags.str("protocol") || "TCP") as ServicePort["protocol"];
    let ports: ServicePort[];
    const target = flags.str("target-port");
    const targetPort = (v: string | number) => (typeof v === "number" || /^\d+$/.test(v) ? Number(v) : v);
    if (flags.str("port")) {
      ports = flags.str("port").split(",").map((p, i, all) => ({ ...(all.length > 1 ? { name: `port-${i + 1}` } : {}), port: Number(p), protocol, targetPort: targetPort(target || p) }));
    } else if (info.servicePorts?.length) {
      ports = info.servicePorts.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol ?? "TCP", targetPort: target ? targetPort(target) : p.targetPort ?? p.port }));
    } else {
      const found = (info.spec?.containers ?? []).flatMap((c) => c.ports ?? []);
      if (!found.length) throw new KubectlError("couldn't find port via --port flag or introspection");
      ports = found.map((p, i) => ({ ...(found.length > 1 ? { name: `port-${i + 1}` } : {}), port: p.containerPort, protocol: p.protocol ?? protocol, targetPort: target ? targetPort(target) : p.containerPort }));
    }
    const type = flags.str("type");
    if (type && !TYPES[type.toLowerCase()]) throw new KubectlError(`invalid service type: ${type}`);
    const svcName = flags.str("name") || name;
    const svc = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: svcName, ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}), ...(flags.str("labels") ? { labels: pairs(flags.str("labels"), "label") } : obj.metadata.labels ? { labels: { ...obj.metadata.labels } } : {}) },
      spec: { ports, selector, ...(type ? { type: TYPES[type.toLowerCase()] } : {}), ...(flags.str("cluster-ip") ? { clusterIP: flags.str("cluster-ip") } : {}) },
      status: { loadBalancer: {} },
    } as unknown as Service;
    if (dryRun === "client") {
      printResult(ctx, format, services, svc, "exposed", dryRun);
      continue;
    }
    const created = client.create(services.gvr, ctx.namespace, svc, { dryRun: dryRun === "server", fieldValidation: "Strict" });
    printResult(ctx, format, services, created, "exposed", dryRun);
  }
}

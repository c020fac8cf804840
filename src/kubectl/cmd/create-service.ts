/**
 * kubectl create service clusterip|nodeport|loadbalancer|externalname (k8s.io/kubectl/pkg/cmd/create/
 * create_service.go): builds a Service with label and selector app=NAME and one TCP port per --tcp, and
 * wraps any server error as `failed to create <Type> service: ...`.
 */
import type { Service, ServicePort, ServiceType } from "../../apiserver/registry/service/types.ts";
import { isDNS1123Subdomain, isValidPortName } from "../../apiserver/machinery/names.ts";
import { StatusError } from "../../apiserver/machinery/errors.ts";
import type { Ctx } from "../context.ts";
import { dryRunMode } from "../context.ts";
import { KubectlError } from "../errors.ts";
import { resolveResource } from "../mapper.ts";
import { parseOutput } from "../printers/output.ts";
import { printResult } from "./mutate.ts";

const TYPES: Record<string, ServiceType> = {
  clusterip: "ClusterIP",
  nodeport: "NodePort",
  loadbalancer: "LoadBalancer",
  externalname: "ExternalName",
};

function parsePort(spec: string): { port: number; targetPort: number | string } {
  const [p, t] = spec.split(":");
  if (!/^\d+$/.test(p ?? "") || Number(p) > 65535) throw new KubectlError(`invalid port "${p}"`);
  const port = Number(p);
  if (t === undefined) return { port, targetPort: port };
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    if (n < 1 || n > 65535) throw new KubectlError("must be between 1 and 65535, inclusive");
    return { port, targetPort: n };
  }
  const errs = isValidPortName(t);
  if (errs.length) throw new KubectlError(errs.join(","));
  return { port, targetPort: t };
}

/** The message text of an API error as Go's err.Error() gives it (no kubectl decoration). */
function errorText(e: unknown): string {
  return e instanceof StatusError ? e.status.message : (e as Error).message;
}

export function createService(ctx: Ctx, args: string[]): void {
  const [kind, ...names] = args;
  const type = TYPES[kind ?? ""];
  if (!type) {
    throw new KubectlError(kind ? `unknown command "${kind}" for "kubectl create service"` : "Create a service using a specified subcommand.\n\nAliases:\nservice, svc\n\nAvailable Commands:\n  clusterip       Create a ClusterIP service\n  externalname    Create an ExternalName service\n  loadbalancer    Create a LoadBalancer service\n  nodeport        Create a NodePort service");
  }
  if (names.length !== 1) throw new KubectlError(`exactly one NAME is required, got ${names.length}\nSee 'kubectl create service ${kind} -h' for help and examples`);
  const name = names[0]!;
  const { flags } = ctx;
  const clusterIP = flags.str("clusterip");
  const tcp = flags.list("tcp");
  const externalName = flags.str("external-name");
  if (clusterIP === "None" && type !== "ClusterIP") throw new KubectlError("ClusterIP=None can only be used with ClusterIP service type");
  if (clusterIP !== "None" && !tcp.length && type !== "ExternalName") throw new KubectlError("at least one tcp port specifier must be provided");
  if (type === "ExternalName" && isDNS1123Subdomain(externalName).length) throw new KubectlError(`invalid service external name ${externalName}`);
  const ports: ServicePort[] = tcp.map((spec) => {
    const { port, targetPort } = parsePort(spec);
    const p: ServicePort = { name: spec.replaceAll(":", "-"), port, protocol: "TCP", targetPort };
    if (flags.int("node-port")) p.nodePort = flags.int("node-port");
    return p;
  });
  const svc: Service = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, labels: { app: name }, ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}) },
    spec: { ...(ports.length ? { ports } : {}), selector: { app: name }, ...(clusterIP ? { clusterIP } : {}), type, ...(externalName ? { externalName } : {}) },
    status: { loadBalancer: {} },
  };
  const format = parseOutput(flags.str("output"), false, (p) => ctx.env.readFile(p));
  const dryRun = dryRunMode(flags);
  const client = ctx.client();
  const mapping = resolveResource(client, "services");
  if (dryRun === "client") return printResult(ctx, format, mapping, svc, "created", dryRun);
  const warnings: string[] = [];
  try {
    const created = client.create(mapping.gvr, ctx.namespace, svc, { dryRun: dryRun === "server", warnings, fieldValidation: "Strict" });
    ctx.out.warn(warnings);
    printResult(ctx, format, mapping, created, "created", dryRun);
  } catch (e) {
    ctx.out.warn(warnings);
    throw new KubectlError(`failed to create ${type} service: ${errorText(e)}`);
  }
}

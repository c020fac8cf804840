/**
 * kubectl create service clusterip|nodeport|loadbalancer|externalname (k8s.io/kubectl/pkg/cmd/create/
 * create_service.go, v0.34): builds a Service with label and selector app=NAME and one TCP port per
 * --tcp, and wraps any server error as `failed to create <Type> service: ...`. Each type is its own
 * command: --clusterip belongs to clusterip, --node-port to nodeport, --external-name (required) to
 * externalname.
 */
import type { Service, ServicePort, ServiceType } from "../../apiserver/registry/service/types.ts";
import { isDNS1123Subdomain, isValidPortName } from "../../apiserver/machinery/names.ts";
import { goQuote } from "../../apiserver/machinery/gofmt.ts";
import type { Ctx } from "../context.ts";
import { dryRunMode, DRY_RUN_FLAG, FIELD_MANAGER_FLAG, VALIDATE_FLAG } from "../context.ts";
import { errorText, KubectlError, UsageError } from "../errors.ts";
import type { FlagSpec } from "../flags.ts";
import { resolveResource } from "../mapper.ts";
import { parseOutput } from "../printers/output.ts";
import { inStructOrder, SERVICE_SHAPE } from "../printers/typed-order.ts";
import { printResult } from "./mutate.ts";
import { PRINT_FLAGS, withLastApplied } from "./create.ts";

export const SERVICE_TYPES: Record<string, ServiceType> = {
  clusterip: "ClusterIP",
  nodeport: "NodePort",
  loadbalancer: "LoadBalancer",
  externalname: "ExternalName",
};

/** The help `kubectl create service` prints (to stderr, exit 1) when no type is given. */
export const CREATE_SERVICE_HELP = `Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip       Create a ClusterIP service
  externalname    Create an ExternalName service
  loadbalancer    Create a LoadBalancer service
  nodeport        Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use "kubectl create service <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** The flags NewCmdCreateService<Type> registers. */
export function serviceFlags(type: string): FlagSpec[] {
  const common: FlagSpec[] = [...PRINT_FLAGS, { name: "save-config", type: "bool" }, VALIDATE_FLAG, { name: "tcp", type: "stringSlice" }, FIELD_MANAGER_FLAG, DRY_RUN_FLAG];
  switch (type) {
    case "clusterip":
      return [...common, { name: "clusterip", type: "string" }];
    case "nodeport":
      return [...common, { name: "node-port", type: "int" }];
    case "externalname":
      return [...common, { name: "external-name", type: "string" }];
    default:
      return common;
  }
}

/** parsePorts: utilsnet.ParsePort(port, allowZero=true), then a numeric or named target port. */
function parsePort(spec: string): { port: number; targetPort: number | string } {
  const [p = "", t] = spec.split(":");
  // strconv.ParseUint(port, 10, 16).
  if (!/^\d+$/.test(p)) throw new KubectlError(`strconv.ParseUint: parsing ${goQuote(p)}: invalid syntax`);
  const port = Number(p);
  if (port > 65535) throw new KubectlError(`strconv.ParseUint: parsing ${goQuote(p)}: value out of range`);
  if (t === undefined) return { port, targetPort: port };
  // strconv.Atoi decides between a number and a name.
  if (/^[+-]?\d+$/.test(t)) {
    const n = Number(t);
    if (n < 1 || n > 65535) throw new KubectlError("must be between 1 and 65535, inclusive");
    return { port, targetPort: n };
  }
  const errs = isValidPortName(t);
  if (errs.length) throw new KubectlError(errs.join(","));
  return { port, targetPort: t };
}

export function createService(ctx: Ctx, kind: string, type: ServiceType): void {
  const { flags } = ctx;
  const names = flags.args;
  // NameFromCommandArgs.
  if (names.length !== 1) throw new UsageError(`exactly one NAME is required, got ${names.length}`, `create service ${kind}`);
  const name = names[0]!;
  const clusterIP = flags.str("clusterip");
  const tcp = flags.list("tcp");
  const externalName = flags.str("external-name");
  const format = parseOutput(flags.str("output"), false, (p) => ctx.env.readFile(p));
  const dryRun = dryRunMode(flags);
  // Validate().
  if (clusterIP === "None" && type !== "ClusterIP") throw new KubectlError("ClusterIP=None can only be used with ClusterIP service type");
  if (clusterIP !== "None" && !tcp.length && type !== "ExternalName") throw new KubectlError("at least one tcp port specifier must be provided");
  if (type === "ExternalName" && isDNS1123Subdomain(externalName).length) throw new KubectlError(`invalid service external name ${externalName}`);
  // Run(): createService.
  const ports: ServicePort[] = tcp.map((spec) => {
    const { port, targetPort } = parsePort(spec);
    const p: ServicePort = { name: spec.replaceAll(":", "-"), protocol: "TCP", port, targetPort };
    if (flags.int("node-port")) p.nodePort = flags.int("node-port");
    return p;
  });
  let svc: Service = {
    kind: "Service",
    apiVersion: "v1",
    metadata: { name, ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}), labels: { app: name } },
    spec: { ...(ports.length ? { ports } : {}), selector: { app: name }, ...(clusterIP ? { clusterIP } : {}), type, ...(externalName ? { externalName } : {}) },
    status: { loadBalancer: {} },
  };
  const client = ctx.client();
  const mapping = resolveResource(client, "services");
  // A typed corev1.Service: -o json keeps the struct's field order.
  const order = (d: unknown) => inStructOrder(d, SERVICE_SHAPE);
  // --save-config: CreateOrUpdateAnnotation with the typed object's JSON.
  if (flags.bool("save-config")) svc = withLastApplied(svc, order) as Service;
  if (dryRun === "client") return printResult(ctx, format, mapping, svc, "created", dryRun, order);
  const warnings: string[] = [];
  try {
    const created = client.create(mapping.gvr, ctx.namespace, svc, { dryRun: dryRun === "server", warnings, fieldValidation: "Strict" });
    ctx.out.warn(warnings);
    printResult(ctx, format, mapping, created, "created", dryRun, order);
  } catch (e) {
    ctx.out.warn(warnings);
    // fmt.Errorf("failed to create %s service: %v", o.Type, err): err.Error() of a status is its message.
    throw new KubectlError(`failed to create ${type} service: ${errorText(e)}`);
  }
}

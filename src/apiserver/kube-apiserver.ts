/**
 * KubeApiServer is one running kube-apiserver: the REST API over the shared store (etcd), the Service
 * allocators built from its flags, the admission chain, and the controllers that run inside it
 * (system namespaces, the default ServiceCIDR, Service default/kubernetes). Restarting it with other
 * flags means building a new one over the same store, as a static pod restart does.
 */
import { IP, type Family } from "../net/index.ts";
import { AdmissionChain, namespaceLifecycle } from "./admission/chain.ts";
import { ApiServer } from "./api.ts";
import { IPAddressIndex } from "./allocators/clusterip/ip-index.ts";
import { MetaAllocator } from "./allocators/clusterip/meta-allocator.ts";
import { errAllocated } from "./allocators/clusterip/errors.ts";
import { DEFAULT_NODE_PORT_RANGE, NodePortAllocator, parsePortRange } from "./allocators/nodeport/allocator.ts";
import type { VirtualClock } from "./machinery/clock.ts";
import { apiErrors, isStatusError } from "./machinery/errors.ts";
import type { SeededRandom } from "./machinery/random.ts";
import { GenericRegistry, type RegistryDeps } from "./machinery/rest.ts";
import type { Store } from "./machinery/store.ts";
import { FlagError, parseArgs, parseRuntimeConfig, parseServiceClusterIPRange, type ServiceIPRanges } from "./flags.ts";
import { DefaultServiceCIDRController, APISERVER_USER } from "./controllers/default-servicecidr.ts";
import { KubernetesServiceController } from "./controllers/kubernetes-service.ts";
import { SystemNamespacesController } from "./controllers/system-namespaces.ts";
import { RepairIPAddressController } from "./controllers/repair-ip.ts";
import { EventRecorder } from "./controllers/events.ts";
import type { Controller } from "./controllers/queue.ts";
import type { ApiClient } from "./client.ts";
import { SERVICE, type Service } from "./registry/service/types.ts";
import { serviceStorageHooks, serviceStrategy } from "./registry/service/strategy.ts";
import { serviceTable } from "./registry/service/table.ts";
import { setServiceDefaults } from "./registry/service/defaults.ts";
import { ServiceAllocators } from "./registry/service/alloc.ts";
import { SERVICE_CIDR, type ServiceCIDR } from "./registry/servicecidr/types.ts";
import { serviceCIDRStatusStrategy, serviceCIDRStrategy } from "./registry/servicecidr/strategy.ts";
import { serviceCIDRTable } from "./registry/servicecidr/table.ts";
import { IP_ADDRESS, IPALLOCATOR_MANAGER, LABEL_IP_FAMILY, LABEL_MANAGED_BY, type IPAddress } from "./registry/ipaddress/types.ts";
import { ipAddressStrategy } from "./registry/ipaddress/strategy.ts";
import { ipAddressTable } from "./registry/ipaddress/table.ts";
import { NAMESPACE, type Namespace } from "./registry/namespace/types.ts";
import { namespaceStrategy } from "./registry/namespace/strategy.ts";
import { namespaceTable } from "./registry/namespace/table.ts";
import { NamespaceRegistry, namespaceFinalizeStrategy } from "./registry/namespace/registry.ts";
import { EVENT, type Event } from "./registry/event/types.ts";
import { eventStrategy } from "./registry/event/strategy.ts";
import { eventTable } from "./registry/event/table.ts";
import { EVENT_SCHEMA } from "./registry/event/schema.ts";
import { NAMESPACE_SCHEMA } from "./registry/namespace/schema.ts";
import { IP_ADDRESS_SCHEMA } from "./registry/ipaddress/schema.ts";
import { SERVICE_CIDR_SCHEMA } from "./registry/servicecidr/schema.ts";
import { SERVICE_SCHEMA } from "./registry/service/schema.ts";
import { EventRegistry, registerWorkloads, workloadRandom } from "./registry/workloads.ts";
import { EndpointReconciler } from "./controllers/endpoint-reconciler.ts";
import { CelEngine } from "../cel/environment.ts";
import { ValidatingAdmissionPolicyPlugin } from "./admission/validating-policy/plugin.ts";
import type { AuditEvent } from "./admission/validating-policy/audit.ts";
import type { AdmissionDecision } from "./admission/validating-policy/decision.ts";
import { VALIDATING_ADMISSION_POLICY, type ValidatingAdmissionPolicy } from "./registry/validatingadmissionpolicy/types.ts";
import { validatingAdmissionPolicyStatusStrategy, validatingAdmissionPolicyStrategy } from "./registry/validatingadmissionpolicy/strategy.ts";
import { validatingAdmissionPolicyTable } from "./registry/validatingadmissionpolicy/table.ts";
import { setValidatingAdmissionPolicyDefaults } from "./registry/validatingadmissionpolicy/defaults.ts";
import { VALIDATING_ADMISSION_POLICY_SCHEMA } from "./registry/validatingadmissionpolicy/schema.ts";
import { VALIDATING_ADMISSION_POLICY_BINDING, type ValidatingAdmissionPolicyBinding } from "./registry/validatingadmissionpolicybinding/types.ts";
import { validatingAdmissionPolicyBindingStrategy } from "./registry/validatingadmissionpolicybinding/strategy.ts";
import { validatingAdmissionPolicyBindingTable } from "./registry/validatingadmissionpolicybinding/table.ts";
import { setValidatingAdmissionPolicyBindingDefaults } from "./registry/validatingadmissionpolicybinding/defaults.ts";
import { VALIDATING_ADMISSION_POLICY_BINDING_SCHEMA } from "./registry/validatingadmissionpolicybinding/schema.ts";

/** The flags kubeadm writes into kube-apiserver.yaml, plus the ones lessons use. */
export const KUBE_APISERVER_FLAGS = new Set([
  "advertise-address", "allow-privileged", "authorization-mode", "client-ca-file", "enable-admission-plugins",
  "enable-bootstrap-token-auth", "etcd-cafile", "etcd-certfile", "etcd-keyfile", "etcd-servers",
  "kubelet-client-certificate", "kubelet-client-key", "kubelet-preferred-address-types", "proxy-client-cert-file",
  "proxy-client-key-file", "requestheader-allowed-names", "requestheader-client-ca-file",
  "requestheader-extra-headers-prefix", "requestheader-group-headers", "requestheader-username-headers",
  "secure-port", "service-account-issuer", "service-account-key-file", "service-account-signing-key-file",
  "service-cluster-ip-range", "tls-cert-file", "tls-private-key-file", "service-node-port-range", "runtime-config",
  "feature-gates", "v", "bind-address", "disable-admission-plugins", "audit-log-path", "audit-policy-file",
  "endpoint-reconciler-type", "profiling", "kubernetes-service-node-port", "enable-aggregator-routing",
]);

const IP_ADDRESSES = { group: "networking.k8s.io", version: "v1", resource: "ipaddresses" };

export interface ComponentDeps {
  store: Store;
  clock: VirtualClock;
  random: SeededRandom;
  /** Lines this component writes to its log (what `crictl logs` shows). */
  log(line: string): void;
  /** Appends to a file on the machine the component runs on (kube-apiserver's --audit-log-path). */
  appendFile?(path: string, text: string): void;
}

/**
 * The audit log backend (k8s.io/apiserver/pkg/server/options/audit.go): --audit-log-path turns it on,
 * but without --audit-policy-file it records nothing ("No audit policy file provided, no events will be
 * recorded for log backend", logged at V(2)). The sandbox does not read the policy's rules: it writes
 * the events it keeps, requests a ValidatingAdmissionPolicy annotated, at level Metadata. The file lands
 * straight on the control-plane machine, as if kubeadm's extraVolumes mounted /var/log/kubernetes;
 * `-` (stdout) is not modelled.
 */
function auditLogBackend(flags: Map<string, string>, deps: ComponentDeps): ((line: string) => void) | undefined {
  const path = flags.get("audit-log-path") ?? "";
  if (!path || path === "-" || !flags.get("audit-policy-file") || !deps.appendFile) return undefined;
  return (line) => deps.appendFile!(path, line);
}

export class KubeApiServer {
  readonly api: ApiServer;
  readonly ranges: ServiceIPRanges;
  readonly advertiseAddress: string;
  readonly securePort: number;
  readonly admission = new AdmissionChain();
  readonly controllers: Controller[];
  readonly allocators: ReadonlyMap<Family, MetaAllocator>;
  readonly serviceAllocators: ServiceAllocators;
  /** ValidatingAdmissionPolicy: its denials (for the event trace) and the audit events it annotated. */
  readonly validatingAdmissionPolicy: ValidatingAdmissionPolicyPlugin;
  readonly #ipIndex: IPAddressIndex;

  /** Throws FlagError when the flags would stop a real kube-apiserver at startup. */
  constructor(readonly args: readonly string[], private readonly deps: ComponentDeps) {
    const flags = parseArgs(args.slice(1), KUBE_APISERVER_FLAGS);
    this.ranges = parseServiceClusterIPRange(flags.get("service-cluster-ip-range"), {
      advertiseAddress: flags.get("advertise-address"),
      featureGates: flags.get("feature-gates"),
    });
    const portRange = parsePortRange(flags.get("service-node-port-range") ?? "30000-32767");
    if (!portRange) throw new FlagError(`invalid argument "${flags.get("service-node-port-range")}" for "--service-node-port-range" flag`);
    this.advertiseAddress = flags.get("advertise-address") ?? "";
    this.securePort = Number(flags.get("secure-port") ?? 6443);
    for (const w of this.ranges.warnings) deps.log(w);

    const { store, clock, random } = deps;
    this.api = new ApiServer(store, () => clock.now(), parseRuntimeConfig(flags.get("runtime-config")));
    this.admission.add(namespaceLifecycle);
    // One CEL environment per apiserver, built when a policy first needs it.
    let engine: CelEngine | undefined;
    const cel = () => (engine ??= new CelEngine());
    this.validatingAdmissionPolicy = new ValidatingAdmissionPolicyPlugin({
      store,
      cel,
      clock,
      random,
      discovery: () => this.api.discovery(),
      sourceIP: this.advertiseAddress || "127.0.0.1",
      auditLog: auditLogBackend(flags, deps),
    });
    this.admission.add(this.validatingAdmissionPolicy);
    const registryDeps: RegistryDeps = {
      store,
      clock,
      random,
      admission: this.admission,
      checkNamespace: (ns, _op, def, name) => {
        const obj = store.get("namespaces", undefined, ns) as Namespace | undefined;
        if (!obj) throw apiErrors.notFound({ group: "", resource: "namespaces" }, ns);
        if (obj.status?.phase === "Terminating") {
          // plugin/pkg/admission/namespace/lifecycle: admission.NewForbidden names the object being
          // created (services "web"), and a NamespaceTerminating cause is added.
          const err = apiErrors.forbidden({ group: def.group, resource: def.plural }, name, `unable to create new content in namespace ${ns} because it is being terminated`);
          err.status.details = { ...err.status.details, causes: [{ reason: "NamespaceTerminating", message: `namespace ${ns} is being terminated`, field: "metadata.namespace" }] };
          throw err;
        }
      },
    };

    this.#ipIndex = new IPAddressIndex(store);
    const families: [Family, string][] = [[this.ranges.primary.family, this.ranges.cidrs[0]!]];
    if (this.ranges.secondary) families.push([this.ranges.secondary.family, this.ranges.cidrs[1]!]);
    const allocators = new Map<Family, MetaAllocator>();
    for (const [family] of families) {
      allocators.set(
        family,
        new MetaAllocator({
          family,
          random,
          index: this.#ipIndex,
          serviceCIDRs: () => store.list("servicecidrs.networking.k8s.io") as ServiceCIDR[],
          createIPAddress: (ip, owner) => this.#createIPAddress(ip, owner),
          deleteIPAddress: (ip) => {
            try {
              this.api.delete(IP_ADDRESSES, undefined, ip.toString(), { user: APISERVER_USER });
            } catch {
              // Release errors are ignored upstream too.
            }
          },
          log: deps.log,
        }),
      );
    }
    this.allocators = allocators;
    const nodePorts = new NodePortAllocator(portRange ?? DEFAULT_NODE_PORT_RANGE, random);
    // The repair loop's view: every NodePort already in a Service is taken.
    for (const s of store.list("services") as Service[]) {
      for (const p of s.spec.ports ?? []) if (p.nodePort && nodePorts.inRange(p.nodePort) && !nodePorts.has(p.nodePort)) nodePorts.allocate(p.nodePort);
      if (s.spec.healthCheckNodePort && nodePorts.inRange(s.spec.healthCheckNodePort) && !nodePorts.has(s.spec.healthCheckNodePort)) {
        nodePorts.allocate(s.spec.healthCheckNodePort);
      }
    }
    this.serviceAllocators = new ServiceAllocators(allocators, this.ranges.primary.family, nodePorts);

    this.api.register<Namespace>({
      def: NAMESPACE,
      registry: new NamespaceRegistry(NAMESPACE, namespaceStrategy, registryDeps, {}, { finalize: namespaceFinalizeStrategy }),
      table: namespaceTable,
      schema: NAMESPACE_SCHEMA,
    });
    // Nodes, pods, apps and discovery; core kinds before services so that `get all` lists pods first.
    const workRandom = workloadRandom(random, store.resourceVersion());
    registerWorkloads(this.api, { ...registryDeps, random: workRandom });
    this.api.register<Service>({
      def: SERVICE,
      registry: new GenericRegistry(SERVICE, serviceStrategy, registryDeps, serviceStorageHooks(() => this.serviceAllocators), {
        status: { ...serviceStrategy, prepareForUpdate: (s, o) => void (s.spec = o.spec), validateUpdate: () => [] },
      }),
      table: serviceTable,
      defaults: setServiceDefaults,
      schema: SERVICE_SCHEMA,
    });
    this.api.register<ServiceCIDR>({
      def: SERVICE_CIDR,
      registry: new GenericRegistry(SERVICE_CIDR, serviceCIDRStrategy, registryDeps, {}, { status: serviceCIDRStatusStrategy }),
      table: serviceCIDRTable,
      schema: SERVICE_CIDR_SCHEMA,
    });
    this.api.register<IPAddress>({ def: IP_ADDRESS, registry: new GenericRegistry(IP_ADDRESS, ipAddressStrategy, registryDeps), table: ipAddressTable, schema: IP_ADDRESS_SCHEMA });
    this.api.register<Event>({ def: EVENT, registry: new EventRegistry(EVENT, eventStrategy, registryDeps, workRandom), table: eventTable, schema: EVENT_SCHEMA });
    this.api.register<ValidatingAdmissionPolicy>({
      def: VALIDATING_ADMISSION_POLICY,
      registry: new GenericRegistry(VALIDATING_ADMISSION_POLICY, validatingAdmissionPolicyStrategy(cel), registryDeps, {}, { status: validatingAdmissionPolicyStatusStrategy }),
      table: validatingAdmissionPolicyTable,
      defaults: setValidatingAdmissionPolicyDefaults,
      schema: VALIDATING_ADMISSION_POLICY_SCHEMA,
    });
    this.api.register<ValidatingAdmissionPolicyBinding>({
      def: VALIDATING_ADMISSION_POLICY_BINDING,
      registry: new GenericRegistry(VALIDATING_ADMISSION_POLICY_BINDING, validatingAdmissionPolicyBindingStrategy, registryDeps),
      table: validatingAdmissionPolicyBindingTable,
      defaults: setValidatingAdmissionPolicyBindingDefaults,
      schema: VALIDATING_ADMISSION_POLICY_BINDING_SCHEMA,
    });

    const firstIP = IP.fromBigInt(this.ranges.primary.first().value + 1n, this.ranges.primary.family).toString();
    this.controllers = [
      new SystemNamespacesController(this.api, clock),
      new DefaultServiceCIDRController(this.ranges.cidrs, this.api, clock, new EventRecorder(() => this.api, "kubernetes-service-cidr-controller", "", APISERVER_USER)),
      new KubernetesServiceController(firstIP, this.securePort, this.api, clock),
      new RepairIPAddressController(this.api, clock, new EventRecorder(() => this.api, "ipallocator-repair-controller", "", APISERVER_USER)),
      new EndpointReconciler(this.advertiseAddress, this.securePort, this.api, clock),
    ];
    deps.log(`Version: v1.34.1`);
  }

  /** The in-process loopback client the apiserver's own controllers use. */
  get loopback(): ApiClient {
    return this.api;
  }

  /** Audit events of requests a ValidatingAdmissionPolicy annotated (audit.k8s.io/v1), oldest first. */
  auditEvents(): readonly AuditEvent[] {
    return this.validatingAdmissionPolicy.auditEvents();
  }

  /** Admission decisions that were not a plain allow (deny, warn, audit), oldest first, the last 200. */
  get admissionDecisions(): readonly AdmissionDecision[] {
    return this.validatingAdmissionPolicy.decisions;
  }

  /** Calls listener with each later decision that is not a plain allow; returns the unsubscribe. */
  onAdmissionDecision(listener: (d: AdmissionDecision) => void): () => void {
    return this.validatingAdmissionPolicy.onDecision(listener);
  }

  stop(): void {
    for (const c of this.controllers) c.stop();
    this.#ipIndex.dispose();
  }

  #createIPAddress(ip: IP, owner: { namespace: string; name: string }): void {
    const obj: IPAddress = {
      apiVersion: "networking.k8s.io/v1",
      kind: "IPAddress",
      metadata: {
        name: ip.toString(),
        labels: { [LABEL_IP_FAMILY]: ip.family, [LABEL_MANAGED_BY]: IPALLOCATOR_MANAGER },
      },
      spec: { parentRef: { resource: "services", namespace: owner.namespace, name: owner.name } },
    };
    try {
      this.api.create(IP_ADDRESSES, undefined, obj, { user: APISERVER_USER });
    } catch (e) {
      if (isStatusError(e) && e.reason === "AlreadyExists") throw errAllocated();
      throw e;
    }
  }
}

/**
 * KubeControllerManager runs the controllers of kube-controller-manager the sandbox models. They talk
 * to the apiserver through the cluster's client, so they keep working across apiserver restarts and
 * simply fail and retry while it is down.
 */
import type { ApiClient } from "./client.ts";
import { EventRecorder } from "./controllers/events.ts";
import { NamespaceController } from "./controllers/namespace.ts";
import type { Controller } from "./controllers/queue.ts";
import { ServiceCIDRsController } from "./controllers/servicecidrs.ts";
import { workloadControllers } from "./controllers/workload-controllers.ts";
import { parseArgs } from "./flags.ts";
import type { ComponentDeps } from "./kube-apiserver.ts";

export const KUBE_CONTROLLER_MANAGER_FLAGS = new Set([
  "allocate-node-cidrs", "authentication-kubeconfig", "authorization-kubeconfig", "bind-address", "client-ca-file",
  "cluster-cidr", "cluster-name", "cluster-signing-cert-file", "cluster-signing-key-file", "controllers", "kubeconfig",
  "leader-elect", "requestheader-client-ca-file", "root-ca-file", "service-account-private-key-file",
  "service-cluster-ip-range", "use-service-account-credentials", "node-cidr-mask-size", "node-cidr-mask-size-ipv4",
  "node-cidr-mask-size-ipv6", "cidr-allocator-type", "enable-hostpath-provisioner", "configure-cloud-routes", "v",
  "feature-gates", "profiling",
]);

export class KubeControllerManager {
  readonly flags: Map<string, string>;
  readonly controllers: Controller[];

  constructor(readonly args: readonly string[], client: ApiClient, deps: ComponentDeps) {
    this.flags = parseArgs(args.slice(1), KUBE_CONTROLLER_MANAGER_FLAGS);
    const events = (component: string) => new EventRecorder(() => client, component);
    this.controllers = [new ServiceCIDRsController(client, deps.clock, events("service-cidr-controller")), new NamespaceController(client, deps.clock)];
    // Node IPAM, the workload controllers and the scheduler; a bad node IPAM setup stops the start.
    try {
      this.controllers.push(...workloadControllers(this.flags, client, deps, events));
    } catch (e) {
      this.stop();
      throw e;
    }
  }

  stop(): void {
    for (const c of this.controllers) c.stop();
  }
}

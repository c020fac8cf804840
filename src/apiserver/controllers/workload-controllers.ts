/**
 * The controllers issue 6 adds to kube-controller-manager, started as its --controllers flag says
 * (IsControllerEnabled: a name or `-name` decides, otherwise `*` turns on every default controller),
 * plus the scheduler. kube-scheduler is its own component in a real cluster; it runs here beside the
 * controllers because the sandbox's cluster drives only the apiserver's and the controller-manager's.
 */
import type { ApiClient } from "../client.ts";
import type { ComponentDeps } from "../kube-apiserver.ts";
import type { EventRecorder } from "./events.ts";
import type { Controller } from "./queue.ts";
import { nodeIPAMConfig } from "./nodeipam-flags.ts";
import { NodeIPAMController } from "./nodeipam.ts";
import { NodeLifecycleController } from "./nodelifecycle.ts";
import { DeploymentController } from "./deployment.ts";
import { ReplicaSetController } from "./replicaset.ts";
import { DaemonSetController } from "./daemonset.ts";
import { EndpointSliceController } from "./endpointslice.ts";
import { GarbageCollector } from "./garbagecollector.ts";
import { Scheduler } from "./scheduler.ts";

/** Canonical controller names and the aliases --controllers also accepts (cmd/kube-controller-manager/names). */
const ALIASES: Record<string, string> = {
  nodeipam: "node-ipam-controller",
  nodelifecycle: "node-lifecycle-controller",
  deployment: "deployment-controller",
  replicaset: "replicaset-controller",
  daemonset: "daemonset-controller",
  endpointslice: "endpointslice-controller",
  garbagecollector: "garbage-collector-controller",
};

export function controllerEnabled(list: string | undefined, name: string): boolean {
  const items = (list ?? "*").split(",").map((c) => c.trim()).map((c) => (c.startsWith("-") ? `-${ALIASES[c.slice(1)] ?? c.slice(1)}` : ALIASES[c] ?? c));
  let star = false;
  for (const c of items) {
    if (c === name) return true;
    if (c === `-${name}`) return false;
    if (c === "*") star = true;
  }
  return star;
}

export function workloadControllers(flags: ReadonlyMap<string, string>, client: ApiClient, deps: ComponentDeps, events: (component: string) => EventRecorder): Controller[] {
  const on = (name: string) => controllerEnabled(flags.get("controllers"), name);
  const { clock } = deps;
  const out: Controller[] = [];
  if (on("node-ipam-controller")) {
    const ipam = nodeIPAMConfig(flags);
    // The range allocator's event source is "cidrAllocator" (range_allocator.go NewCIDRRangeAllocator).
    if (ipam) out.push(new NodeIPAMController(client, clock, events("cidrAllocator"), ipam, deps.log));
  }
  if (on("node-lifecycle-controller")) out.push(new NodeLifecycleController(client, clock));
  if (on("deployment-controller")) out.push(new DeploymentController(client, clock, events("deployment-controller")));
  if (on("replicaset-controller")) out.push(new ReplicaSetController(client, clock, events("replicaset-controller")));
  if (on("daemonset-controller")) out.push(new DaemonSetController(client, clock, events("daemonset-controller")));
  if (on("endpointslice-controller")) out.push(new EndpointSliceController(client, clock, events("endpointslice-controller")));
  if (on("garbage-collector-controller")) out.push(new GarbageCollector(client, clock));
  out.push(new Scheduler(client, clock, events("default-scheduler")));
  return out;
}

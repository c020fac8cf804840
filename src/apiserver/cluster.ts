/**
 * Cluster is one simulated control plane: the store (etcd), a kube-apiserver and a
 * kube-controller-manager started from their flags, and the loop that drives their controllers. After
 * every command the cluster runs until quiet, so immediate effects are visible at the next prompt;
 * delayed effects wait for the virtual clock.
 */
import type { VirtualClock } from "./machinery/clock.ts";
import type { SeededRandom } from "./machinery/random.ts";
import { Store } from "./machinery/store.ts";
import { qualifiedName } from "./machinery/resource.ts";
import { groupVersion } from "./machinery/resource.ts";
import { ConnectionRefusedError, type ApiClient, type GroupVersionResource, type WatchHandler } from "./client.ts";
import { KubeApiServer } from "./kube-apiserver.ts";
import { KubeControllerManager } from "./kube-controller-manager.ts";
import { FlagError } from "./flags.ts";
import type { Controller } from "./controllers/queue.ts";

export interface ControlPlaneSpec {
  nodeName: string;
  advertiseAddress: string;
  securePort: number;
  apiserverArgs: string[];
  controllerManagerArgs: string[];
}

export type ComponentName = "kube-apiserver" | "kube-controller-manager";

/** Where a component's log lines go: by default the cluster's own log; under a kubelet, its container's. */
export type LogSink = (line: string) => void;

/** How many controller steps one quiet-down may take before the cluster gives up (a livelock guard). */
const MAX_STEPS = 200_000;

export class Cluster {
  readonly store: Store;
  readonly client: ApiClient;
  apiserver: KubeApiServer | null = null;
  controllerManager: KubeControllerManager | null = null;
  /** Each component's log lines, newest last (when no kubelet container collects them). */
  readonly logs = new Map<ComponentName, string[]>();
  /** Controllers that run beside the control plane: kubelets' pod and node agents, kube-proxy. */
  readonly agents: Controller[] = [];
  /** Appends to a file of the machine the control plane runs on (the lab sets it; none in bare tests). */
  appendFile: ((path: string, text: string) => void) | null = null;

  constructor(
    readonly spec: ControlPlaneSpec,
    readonly clock: VirtualClock,
    readonly random: SeededRandom,
  ) {
    this.store = new Store(() => clock.now());
    this.client = new ClusterClient(this);
  }

  get server(): string {
    return `${this.spec.advertiseAddress}:${this.spec.securePort}`;
  }

  /** Starts the control plane; returns the component errors that kept something from starting. */
  start(): string[] {
    const errors: string[] = [];
    const e1 = this.startApiServer(this.spec.apiserverArgs);
    if (e1) errors.push(e1);
    const e2 = this.startControllerManager(this.spec.controllerManagerArgs);
    if (e2) errors.push(e2);
    this.runUntilQuiet();
    return errors;
  }

  /**
   * Starts (or restarts) kube-apiserver from its command line. Returns the error that makes the process
   * exit at startup (its log then holds component-base's `"command failed"` line), or null.
   */
  startApiServer(args: string[], log?: LogSink): string | null {
    this.stopApiServer();
    const sink = log ?? ((line: string) => this.#log("kube-apiserver", line));
    try {
      this.apiserver = new KubeApiServer(args, this.#deps(sink));
      this.spec.apiserverArgs = args;
      return null;
    } catch (e) {
      if (e instanceof FlagError) {
        sink(klogLine("E", this.clock.now(), "run.go:72", `"command failed" err="${e.message.replace(/"/g, '\\"')}"`));
        return e.message;
      }
      throw e;
    }
  }

  stopApiServer(): void {
    this.apiserver?.stop();
    this.apiserver = null;
  }

  startControllerManager(args: string[], log?: LogSink): string | null {
    this.stopControllerManager();
    const sink = log ?? ((line: string) => this.#log("kube-controller-manager", line));
    try {
      this.controllerManager = new KubeControllerManager(args, this.client, this.#deps(sink));
      this.spec.controllerManagerArgs = args;
      return null;
    } catch (e) {
      if (e instanceof FlagError || e instanceof ConnectionRefusedError) {
        sink(klogLine("E", this.clock.now(), "run.go:72", `"command failed" err="${e.message.replace(/"/g, '\\"')}"`));
        return e.message;
      }
      throw e;
    }
  }

  stopControllerManager(): void {
    this.controllerManager?.stop();
    this.controllerManager = null;
  }

  controllers(): Controller[] {
    return [...(this.apiserver?.controllers ?? []), ...(this.controllerManager?.controllers ?? []), ...this.agents];
  }

  /** Drains every controller queue until nothing is left to do at the current instant. */
  runUntilQuiet(): void {
    for (let steps = 0; steps < MAX_STEPS; ) {
      let worked = false;
      for (const c of this.controllers()) {
        while (c.processNext()) {
          worked = true;
          if (++steps >= MAX_STEPS) return;
        }
      }
      if (!worked) return;
    }
  }

  /** Moves virtual time forward, firing timers in order and settling after each. */
  advance(ms: number): void {
    const target = this.clock.now() + ms;
    this.runUntilQuiet();
    while (this.clock.fireNext(target)) this.runUntilQuiet();
    this.clock.setNow(target);
    this.runUntilQuiet();
  }

  shutdown(): void {
    this.stopApiServer();
    this.stopControllerManager();
    for (const a of this.agents) a.stop();
    this.agents.length = 0;
  }

  #deps(log: LogSink) {
    return { store: this.store, clock: this.clock, random: this.random, log, appendFile: (path: string, text: string) => this.appendFile?.(path, text) };
  }

  #log(component: ComponentName, line: string): void {
    const lines = this.logs.get(component) ?? [];
    lines.push(line);
    this.logs.set(component, lines);
  }
}

/**
 * The cluster's client: requests go to the running apiserver, or fail as a refused connection when
 * none runs; watches follow the store, so informers survive an apiserver restart as they reconnect.
 */
class ClusterClient implements ApiClient {
  constructor(private readonly cluster: Cluster) {}

  #api() {
    const a = this.cluster.apiserver;
    if (!a) throw new ConnectionRefusedError(this.cluster.server);
    return a.api;
  }

  now() {
    return this.cluster.clock.now();
  }
  version() {
    return this.#api().version();
  }
  discovery() {
    return this.#api().discovery();
  }
  get(...a: Parameters<ApiClient["get"]>) {
    return this.#api().get(...a);
  }
  list(...a: Parameters<ApiClient["list"]>) {
    return this.#api().list(...a);
  }
  create(...a: Parameters<ApiClient["create"]>) {
    return this.#api().create(...a);
  }
  update(...a: Parameters<ApiClient["update"]>) {
    return this.#api().update(...a);
  }
  patch(...a: Parameters<ApiClient["patch"]>) {
    return this.#api().patch(...a);
  }
  delete(...a: Parameters<ApiClient["delete"]>) {
    return this.#api().delete(...a);
  }
  table(...a: Parameters<ApiClient["table"]>) {
    return this.#api().table(...a);
  }
  schema(...a: Parameters<ApiClient["schema"]>) {
    return this.#api().schema(...a);
  }
  watch(gvr: GroupVersionResource, handler: WatchHandler): () => void {
    const key = qualifiedName({ group: gvr.group, plural: gvr.resource });
    const apiVersion = groupVersion(gvr.group, gvr.version);
    const conv = <T extends { apiVersion: string }>(o: T) => (o.apiVersion === apiVersion ? o : { ...o, apiVersion });
    return this.cluster.store.subscribe((e) => {
      if (e.resource === key) handler(e.type, conv(e.object), e.old && conv(e.old));
    });
  }
}

/** A klog header line (`E1122 10:15:01.123456       1 run.go:72] msg`), as every component writes. */
export function klogLine(severity: "I" | "W" | "E" | "F", ms: number, source: string, msg: string): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const stamp = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)}`;
  return `${severity}${stamp}       1 ${source}] ${msg}`;
}

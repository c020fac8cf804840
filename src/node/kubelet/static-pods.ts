/**
 * Static pods: the kubelet runs what it finds in its manifest directory, restarts a pod when its file
 * changes, removes it when the file goes away or no longer parses, and restarts failed containers with
 * CrashLoopBackOff (restartPolicy Always). After pkg/kubelet/config/file.go (the file source),
 * pkg/kubelet/kuberuntime (container restarts) and pkg/kubelet/kubelet.go's backoff: 10 s doubling to 5 min.
 *
 * The components themselves (kube-apiserver, kube-controller-manager, ...) are started through a
 * ComponentHost: the cluster starts them from the container's command line and says whether the
 * process would exit at once (a bad flag), which is what makes a crash loop.
 */
import { parse } from "yaml";
import type { TimerHandle, VirtualClock } from "../../apiserver/machinery/clock.ts";
import type { SeededRandom } from "../../apiserver/machinery/random.ts";
import type { Container, ContainerRuntime, Sandbox } from "../runtime.ts";

export type LogSink = (line: string) => void;

export interface ComponentHost {
  /** Starts the process a container runs. Returns the reason it exits at once, or null while it runs. */
  start(container: string, command: string[], log: LogSink): string | null;
  stop(container: string): void;
}

export interface ManifestFile {
  path: string;
  text: string;
}

interface ContainerSpec {
  name: string;
  image: string;
  command: string[];
}

export interface StaticPod {
  /** metadata.name in the manifest ("kube-apiserver"). */
  name: string;
  /** The pod's name in the API: name + "-" + node name. */
  fullName: string;
  namespace: string;
  uid: string;
  text: string;
  path: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  hostNetwork: boolean;
  priorityClassName: string | undefined;
  containers: ContainerSpec[];
  sandbox: Sandbox | null;
  createdAt: number;
  /** Consecutive failed starts per container: the backoff exponent. */
  failures: Map<string, number>;
  /** When a container in back-off is due to start again. */
  backoffUntil: Map<string, number>;
  timers: TimerHandle[];
  /** The raw manifest object, for the mirror pod's spec. */
  manifest: Record<string, unknown>;
}

/** How long the kubelet takes to notice a changed file, kill the old pod and start the new sandbox. */
export const RESTART_DELAY_MS = 2_000;
const BACKOFF_START_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;

export interface StaticPodOptions {
  nodeName: string;
  clock: VirtualClock;
  random: SeededRandom;
  runtime: ContainerRuntime;
  host: ComponentHost;
  /** The kubelet's own log (journalctl -u kubelet). */
  log: LogSink;
  /** Called whenever a pod or container changes state (mirror pods follow). */
  onChange?: () => void;
  /** Records a core/v1 Event about the pod, as the kubelet's event recorder does. */
  event?: (pod: StaticPod, type: "Normal" | "Warning", reason: string, message: string) => void;
}

type ParsedManifest = Omit<StaticPod, "sandbox" | "failures" | "backoffUntil" | "timers" | "createdAt" | "uid">;

export class StaticPods {
  readonly pods = new Map<string, StaticPod>();
  #stopped = false;
  readonly #parsed = new Map<string, { text: string; pod: ParsedManifest | null }>();

  constructor(private readonly o: StaticPodOptions) {}

  /**
   * Reconciles with the manifest directory's files. `immediate` starts new pods now (the kubelet's first
   * sync at boot); otherwise they start after the restart delay, as a real kubelet's do.
   */
  sync(files: readonly ManifestFile[], immediate = false): void {
    if (this.#stopped) return;
    const desired = new Map<string, ManifestFile & { pod: Omit<StaticPod, "sandbox" | "failures" | "backoffUntil" | "timers" | "createdAt" | "uid"> }>();
    for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      const base = f.path.slice(f.path.lastIndexOf("/") + 1);
      // file.go skips hidden files.
      if (base.startsWith(".")) continue;
      // The kubelet looks after every command; parsing only what changed keeps that cheap.
      let cached = this.#parsed.get(f.path);
      if (!cached || cached.text !== f.text) {
        cached = { text: f.text, pod: this.#parse(f) };
        this.#parsed.set(f.path, cached);
      }
      const pod = cached.pod;
      if (pod) desired.set(pod.fullName, { ...f, pod });
    }
    for (const [name, pod] of [...this.pods]) {
      const want = desired.get(name);
      if (!want || want.text !== pod.text) this.#kill(pod, want ? "changed" : "removed");
    }
    for (const [name, want] of desired) {
      if (this.pods.has(name)) continue;
      const pod: StaticPod = {
        ...want.pod,
        uid: this.o.random.uuid(),
        sandbox: null,
        createdAt: this.o.clock.now(),
        failures: new Map(),
        backoffUntil: new Map(),
        timers: [],
      };
      this.pods.set(name, pod);
      if (immediate) this.#startPod(pod);
      else pod.timers.push(this.o.clock.after(RESTART_DELAY_MS, `kubelet: start ${name}`, () => this.#startPod(pod)));
    }
    this.o.onChange?.();
  }

  /** Stops every static pod (the kubelet stops, or the node is torn down). */
  stop(): void {
    for (const pod of [...this.pods.values()]) this.#kill(pod, "removed");
    this.#stopped = true;
  }

  containersOf(pod: StaticPod): Container[] {
    if (!pod.sandbox) return [];
    return this.o.runtime.containers.filter((c) => c.sandboxId === pod.sandbox!.id);
  }

  #parse(f: ManifestFile): Omit<StaticPod, "sandbox" | "failures" | "backoffUntil" | "timers" | "createdAt" | "uid"> | null {
    const fail = (err: string) => {
      this.o.log(kubeletLog("E", this.o.clock.now(), "file.go:187", `"Could not process manifest file" err="${f.path}: ${err.replace(/"/g, '\\"')}" path="${f.path}"`));
      return null;
    };
    let doc: unknown;
    try {
      doc = parse(f.text);
    } catch (e) {
      return fail(`couldn't parse as pod(${(e as Error).message.split("\n")[0]})`);
    }
    if (!doc || typeof doc !== "object") return fail("couldn't parse as pod(Object 'Kind' is missing in 'null')");
    const o = doc as Record<string, any>;
    if (o.kind !== "Pod") return fail(`couldn't parse as pod(Object 'Kind' is missing in '${JSON.stringify(o).slice(0, 60)}')`);
    const name = o.metadata?.name;
    if (typeof name !== "string" || !name) return fail("invalid pod: [metadata.name: Required value: name or generateName is required]");
    const containers: ContainerSpec[] = [];
    for (const c of (o.spec?.containers ?? []) as Record<string, any>[]) {
      const command = [...((c.command as unknown[]) ?? []), ...((c.args as unknown[]) ?? [])].map(String);
      containers.push({ name: String(c.name ?? ""), image: String(c.image ?? ""), command });
    }
    if (containers.length === 0) return fail("invalid pod: [spec.containers: Required value]");
    return {
      name,
      fullName: `${name}-${this.o.nodeName}`,
      namespace: typeof o.metadata?.namespace === "string" ? o.metadata.namespace : "default",
      text: f.text,
      path: f.path,
      labels: { ...(o.metadata?.labels ?? {}) },
      annotations: { ...(o.metadata?.annotations ?? {}) },
      hostNetwork: o.spec?.hostNetwork === true,
      priorityClassName: o.spec?.priorityClassName,
      containers,
      manifest: o,
    };
  }

  #startPod(pod: StaticPod): void {
    if (this.pods.get(pod.fullName) !== pod) return;
    pod.sandbox = this.o.runtime.runSandbox({ name: pod.fullName, namespace: pod.namespace, uid: pod.uid, hostNetwork: pod.hostNetwork }, this.o.clock.now());
    for (const spec of pod.containers) this.#startContainer(pod, spec);
    this.o.onChange?.();
  }

  #startContainer(pod: StaticPod, spec: ContainerSpec): void {
    if (this.pods.get(pod.fullName) !== pod || !pod.sandbox) return;
    const now = this.o.clock.now();
    const c = this.o.runtime.start(pod.sandbox, { name: spec.name, image: spec.image, command: spec.command }, now);
    // pkg/kubelet/events messages (1.34 wording).
    this.o.event?.(pod, "Normal", "Pulled", `Container image "${spec.image}" already present on machine`);
    this.o.event?.(pod, "Normal", "Created", `Created container: ${spec.name}`);
    this.o.event?.(pod, "Normal", "Started", `Started container ${spec.name}`);
    const err = this.o.host.start(spec.name, spec.command, (line) => c.logs.push(line));
    if (err === null) {
      pod.failures.set(spec.name, 0);
      return;
    }
    this.o.runtime.exit(c, 1, now);
    const n = (pod.failures.get(spec.name) ?? 0) + 1;
    pod.failures.set(spec.name, n);
    const delay = Math.min(BACKOFF_START_MS * 2 ** (n - 1), BACKOFF_MAX_MS);
    pod.backoffUntil.set(spec.name, now + delay);
    this.o.event?.(pod, "Warning", "BackOff", `Back-off restarting failed container ${spec.name} in pod ${pod.fullName}_${pod.namespace}(${pod.uid})`);
    this.o.log(
      kubeletLog("E", now, "pod_workers.go:1301", `"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"${spec.name}\\" with CrashLoopBackOff: \\"back-off ${humanBackoff(delay)} restarting failed container=${spec.name} pod=${pod.fullName}_${pod.namespace}(${pod.uid})\\"" pod="${pod.namespace}/${pod.fullName}" podUID="${pod.uid}"`),
    );
    pod.timers.push(
      this.o.clock.after(delay, `kubelet: restart ${pod.fullName}/${spec.name}`, () => {
        pod.backoffUntil.delete(spec.name);
        this.#startContainer(pod, spec);
        this.o.onChange?.();
      }),
    );
  }

  #kill(pod: StaticPod, why: "changed" | "removed"): void {
    for (const t of pod.timers) this.o.clock.cancel(t);
    pod.timers = [];
    const now = this.o.clock.now();
    for (const c of this.containersOf(pod)) {
      if (c.state === "Running") {
        this.o.event?.(pod, "Normal", "Killing", `Stopping container ${c.name}`);
        this.o.host.stop(c.name);
        this.o.runtime.exit(c, 0, now);
        this.o.log(kubeletLog("I", now, "kuberuntime_container.go:808", `"Killing container with a grace period" pod="${pod.namespace}/${pod.fullName}" podUID="${pod.uid}" containerName="${c.name}" containerID="containerd://${c.id}" gracePeriod=30`));
      }
    }
    if (pod.sandbox) this.o.runtime.removeSandbox(pod.sandbox.id);
    this.pods.delete(pod.fullName);
    if (why === "removed") this.o.log(kubeletLog("I", now, "kubelet.go:2479", `"SyncLoop REMOVE" source="file" pods=["${pod.namespace}/${pod.fullName}"]`));
  }
}

/** go-units style for the back-off text ("10s", "20s", "40s", "1m20s", "2m40s", "5m0s"). */
function humanBackoff(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s}s`;
}

export function kubeletLog(severity: "I" | "W" | "E", ms: number, source: string, msg: string): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${severity}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)}    1234 ${source}] ${msg}`;
}

/**
 * The container runtime of one machine, as crictl sees it: pod sandboxes and containers with their IDs,
 * states, attempts and logs. The kubelet drives it; crictl, `ps` and `kubectl logs` read it. IDs come
 * from the seeded random source, so the same session always shows the same IDs.
 */
import type { SeededRandom } from "../apiserver/machinery/random.ts";

export type ContainerState = "Created" | "Running" | "Exited" | "Unknown";

export interface Sandbox {
  id: string;
  name: string;
  namespace: string;
  uid: string;
  attempt: number;
  createdAt: number;
  state: "Ready" | "NotReady";
  /** Host network pods (static pods, kube-proxy) share the node's network namespace. */
  hostNetwork: boolean;
}

export interface Container {
  id: string;
  sandboxId: string;
  name: string;
  image: string;
  /** sha256 image ID: crictl prints its first 13 hex digits in the IMAGE column. */
  imageId: string;
  attempt: number;
  state: ContainerState;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  exitCode: number | null;
  /** The process's command line (what `ps` shows). */
  command: string[];
  /** Process ID on the host, for `ps`. */
  pid: number;
  logs: string[];
}

/**
 * Image IDs of the v1.34 images (first 12 hex digits from real `docker images`, reference §3.3); the rest
 * of each ID is filled deterministically because only a prefix is ever shown.
 */
const KNOWN_IMAGE_IDS: Record<string, string> = {
  "registry.k8s.io/kube-apiserver": "90550c43ad2b",
  "registry.k8s.io/kube-controller-manager": "a0af72f2ec6d",
  "registry.k8s.io/kube-scheduler": "46169d968e92",
  "registry.k8s.io/kube-proxy": "df0860106674",
  "registry.k8s.io/etcd": "5f1f5298c888",
  "registry.k8s.io/coredns/coredns": "52546a367cc9",
  "registry.k8s.io/pause": "cd073f4c5f6a",
};

export class ContainerRuntime {
  readonly sandboxes: Sandbox[] = [];
  readonly containers: Container[] = [];
  #nextPid: number;
  readonly #imageIds = new Map<string, string>();

  constructor(
    private readonly random: SeededRandom,
    firstPid = 2000,
  ) {
    this.#nextPid = firstPid;
  }

  runSandbox(meta: { name: string; namespace: string; uid: string; hostNetwork: boolean }, now: number): Sandbox {
    const attempt = this.sandboxes.filter((s) => s.uid === meta.uid).length;
    const s: Sandbox = { id: this.random.hex(64), ...meta, attempt, createdAt: now, state: "Ready" };
    this.sandboxes.push(s);
    return s;
  }

  stopSandbox(id: string): void {
    const s = this.sandboxes.find((x) => x.id === id);
    if (s) s.state = "NotReady";
    for (const c of this.containers) if (c.sandboxId === id && c.state === "Running") c.state = "Exited";
  }

  removeSandbox(id: string): void {
    const i = this.sandboxes.findIndex((x) => x.id === id);
    if (i >= 0) this.sandboxes.splice(i, 1);
    for (let j = this.containers.length - 1; j >= 0; j--) if (this.containers[j]!.sandboxId === id) this.containers.splice(j, 1);
  }

  /** Creates and starts a container; the caller decides at once whether its process keeps running. */
  start(sandbox: Sandbox, spec: { name: string; image: string; command: string[] }, now: number): Container {
    const attempt = this.containers.filter((c) => c.sandboxId === sandbox.id && c.name === spec.name).length;
    const c: Container = {
      id: this.random.hex(64),
      sandboxId: sandbox.id,
      name: spec.name,
      image: spec.image,
      imageId: this.imageId(spec.image),
      attempt,
      state: "Running",
      createdAt: now,
      startedAt: now,
      finishedAt: null,
      exitCode: null,
      command: spec.command,
      pid: this.#nextPid,
      logs: [],
    };
    this.#nextPid += 1 + this.random.int(40);
    this.containers.push(c);
    return c;
  }

  exit(c: Container, code: number, now: number): void {
    c.state = "Exited";
    c.exitCode = code;
    c.finishedAt = now;
  }

  sandboxOf(c: Container): Sandbox | undefined {
    return this.sandboxes.find((s) => s.id === c.sandboxId);
  }

  /** The newest container of that name in a pod (what `kubectl logs` reads). */
  latest(podUid: string, name: string): Container | undefined {
    const ids = new Set(this.sandboxes.filter((s) => s.uid === podUid).map((s) => s.id));
    const cs = this.containers.filter((c) => ids.has(c.sandboxId) && c.name === name);
    return cs[cs.length - 1];
  }

  imageId(image: string): string {
    let id = this.#imageIds.get(image);
    if (!id) {
      const repo = image.replace(/[:@].*$/, "");
      const known = KNOWN_IMAGE_IDS[repo];
      id = (known ?? this.random.hex(12)) + this.random.hex(52);
      this.#imageIds.set(image, id);
    }
    return id;
  }
}

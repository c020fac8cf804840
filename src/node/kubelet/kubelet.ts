/**
 * The kubelet of one machine: its container runtime, the static pods from its manifest directory, and
 * its own log (what `journalctl -u kubelet` shows). Pod and node agents for API pods join it as the
 * cluster grows nodes (see pods.ts and node-status.ts).
 */
import type { VirtualClock } from "../../apiserver/machinery/clock.ts";
import type { SeededRandom } from "../../apiserver/machinery/random.ts";
import { ContainerRuntime } from "../runtime.ts";
import { StaticPods, type ComponentHost, type ManifestFile, type StaticPodOptions } from "./static-pods.ts";

export interface FileReader {
  exists(path: string): Promise<boolean>;
  readdir(path: string): Promise<string[]>;
  readFile(path: string, encoding: "utf8"): Promise<string>;
  stat(path: string): Promise<{ isDirectory: boolean }>;
}

export const MANIFEST_DIR = "/etc/kubernetes/manifests";

export class Kubelet {
  readonly runtime: ContainerRuntime;
  readonly staticPods: StaticPods;
  /** The kubelet's log lines with the virtual time each was written. */
  readonly journal: { at: number; line: string }[] = [];
  readonly startedAt: number;

  constructor(
    readonly nodeName: string,
    private readonly fs: FileReader,
    clock: VirtualClock,
    random: SeededRandom,
    host: ComponentHost,
    hooks: Pick<StaticPodOptions, "onChange" | "event"> = {},
  ) {
    this.runtime = new ContainerRuntime(random);
    this.startedAt = clock.now();
    this.staticPods = new StaticPods({ nodeName, clock, random, runtime: this.runtime, host, log: (line) => this.journal.push({ at: clock.now(), line }), ...hooks });
  }

  /** Reads the manifest directory and reconciles the static pods with it. */
  async syncFiles(immediate = false): Promise<void> {
    this.staticPods.sync(await this.#manifests(), immediate);
  }

  stop(): void {
    this.staticPods.stop();
  }

  async #manifests(): Promise<ManifestFile[]> {
    if (!(await this.fs.exists(MANIFEST_DIR))) return [];
    const out: ManifestFile[] = [];
    for (const name of await this.fs.readdir(MANIFEST_DIR)) {
      const path = `${MANIFEST_DIR}/${name}`;
      try {
        if ((await this.fs.stat(path)).isDirectory) continue;
        out.push({ path, text: await this.fs.readFile(path, "utf8") });
      } catch {
        // A file removed between readdir and read is simply gone.
      }
    }
    return out;
  }
}

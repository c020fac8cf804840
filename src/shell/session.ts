/**
 * Session is one learner's sandbox: a bash-like shell (just-bash) on the control-plane machine, with
 * kubectl, kubeadm and friends registered as commands, the cluster they talk to, and the virtual clock
 * and random source everything shares. It runs one complete command at a time and carries variables
 * and the working directory from one to the next, as an interactive shell does.
 */
import { Bash, defineCommand, type CustomCommand } from "just-bash";
import { VirtualClock } from "../apiserver/machinery/clock.ts";
import { SeededRandom } from "../apiserver/machinery/random.ts";
import type { Cluster } from "../apiserver/cluster.ts";
import { EXECUTION_LIMITS, explainLimits } from "./limits.ts";
import { CLI_EPOCH, DEFAULT_MACHINE, type Machine } from "./machine.ts";
import { kubectlCommand } from "./commands/kubectl.ts";
import { kubeadmCommand, bootstrapDefaultCluster } from "./commands/kubeadm.ts";
import { dateCommand } from "./commands/date.ts";

export interface SessionOptions {
  seed?: number;
  /** Virtual time at which the session starts (ms since the epoch). */
  startTime?: number;
  /** "default": a ready kubeadm cluster; "none": a machine where kubeadm init has not run. */
  preset?: "default" | "none";
  /** Virtual time that passes before each command line (the CLI's fixed step, so transcripts repeat). */
  stepMs?: number;
}

export interface RunResult {
  /** What the terminal shows: stdout and stderr in order. */
  output: string;
  exitCode: number;
}

export class Session {
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly machine: Machine = DEFAULT_MACHINE;
  readonly seed: number;
  cluster: Cluster | null = null;
  /**
   * Set by a host that can be interrupted (the worker): engine commands await it before each step, and
   * stop when it answers false. Elsewhere engine commands simply run.
   */
  pause: (() => Promise<boolean>) | undefined;
  readonly #bash: Bash;
  #env: Record<string, string> | undefined;
  readonly #stepMs: number;

  private constructor(opts: SessionOptions) {
    this.seed = opts.seed ?? 1;
    this.clock = new VirtualClock(opts.startTime ?? CLI_EPOCH);
    this.random = new SeededRandom(this.seed);
    this.#stepMs = opts.stepMs ?? 0;
    const commands: CustomCommand[] = [kubectlCommand(this), kubeadmCommand(this), dateCommand(this)];
    this.#bash = new Bash({
      customCommands: commands,
      cwd: "/root",
      env: { HOME: "/root", USER: "root", LOGNAME: "root", HOSTNAME: this.machine.hostname, SHELL: "/bin/bash", TERM: "xterm-256color", LANG: "C.UTF-8" },
      executionLimits: EXECUTION_LIMITS,
      sleep: async (ms) => {
        if (this.pause && !(await this.pause())) return;
        this.advance(ms);
      },
      processInfo: { pid: 4242, ppid: 4241, uid: 0, gid: 0 },
    });
  }

  static async create(opts: SessionOptions = {}): Promise<Session> {
    const s = new Session(opts);
    await s.#bash.fs.mkdir("/root", { recursive: true });
    await s.#bash.fs.mkdir("/tmp", { recursive: true });
    if ((opts.preset ?? "default") === "default") await bootstrapDefaultCluster(s);
    return s;
  }

  get fs() {
    return this.#bash.fs;
  }

  /** Lets virtual time pass: timers fire in order and the cluster settles after each. */
  advance(ms: number): void {
    if (this.cluster) this.cluster.advance(ms);
    else this.clock.setNow(this.clock.now() + ms);
  }

  /** Brings virtual time up to `ms` (the page follows wall time this way). */
  advanceTo(ms: number): void {
    const d = ms - this.clock.now();
    if (d > 0) this.advance(d);
  }

  /** Settles the cluster at the current instant (after each command). */
  settle(): void {
    this.cluster?.runUntilQuiet();
  }

  /** Runs one complete command (possibly several lines: a heredoc, a loop). */
  async run(command: string, signal?: AbortSignal): Promise<RunResult> {
    if (this.#stepMs) this.advance(this.#stepMs);
    // just-bash returns a command line's stdout and stderr separately; the terminal shows stdout first.
    // (Merging them with `exec 2>&1` would also send stderr down pipes, e.g. into jq.)
    // just-bash starts each exec with $? = 0; a subshell that exits with the last status carries it over.
    const last = Number(this.#env?.["?"] ?? 0);
    const r = await this.#bash.exec(last ? `(exit ${last}); ${command}` : command, {
      rawScript: true,
      ...(this.#env ? { env: this.#env, replaceEnv: true, cwd: this.#env.PWD } : {}),
      signal,
    });
    this.#env = r.env;
    this.settle();
    const output = r.stdout + explainLimits(r.stderr);
    return { output, exitCode: r.exitCode };
  }

  /** The shell's current working directory. */
  get cwd(): string {
    return this.#env?.PWD ?? "/root";
  }

  get env(): Readonly<Record<string, string>> {
    return this.#env ?? {};
  }
}

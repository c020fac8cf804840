/**
 * Session is one learner's sandbox: a bash-like shell (just-bash) on the learner's machine, with
 * kubectl, kubeadm and friends registered as commands, the lab of machines and clusters they work on,
 * and the virtual clock and random source everything shares. `ssh NODE` moves the terminal to another
 * machine's shell until `exit`. It runs one complete command at a time and carries variables and the
 * working directory from one to the next, as an interactive shell does.
 */
import { Bash, InMemoryFs, type CustomCommand, type IFileSystem } from "just-bash";
import { VirtualClock } from "../apiserver/machinery/clock.ts";
import { SeededRandom } from "../apiserver/machinery/random.ts";
import type { Cluster } from "../apiserver/cluster.ts";
import { Lab, type LabMachine } from "../lab/lab.ts";
import { KubeconfigCache, resolveContext } from "../lab/kubeconfig.ts";
import { EXECUTION_LIMITS, explainLimits } from "./limits.ts";
import { CLI_EPOCH, DEFAULT_MACHINE, type Machine } from "./machine.ts";
import { kubectlCommand } from "./commands/kubectl.ts";
import { kubeadmCommand, bootstrapDefaultCluster } from "./commands/kubeadm.ts";
import { dateCommand } from "./commands/date.ts";
import { nodeToolCommands } from "./commands/node-tools.ts";
import { netToolCommands } from "./commands/net-tools.ts";
import { sshCommand } from "./commands/ssh.ts";
import { quoteInertHeredocs } from "./heredoc-quotes.ts";
import { kindCommand } from "./commands/kind.ts";
import { azCommand } from "./commands/az.ts";

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

/** One machine's interactive shell: its bash and the environment carried between command lines. */
interface Shell {
  hostname: string;
  bash: Bash;
  env: Record<string, string> | undefined;
}

export class Session {
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  /** The learner's own machine, where the terminal opens. */
  readonly machine: Machine = DEFAULT_MACHINE;
  readonly seed: number;
  /** Every machine and cluster of this sandbox. */
  readonly lab: Lab;
  readonly kubeconfigs = new KubeconfigCache();
  /** The API server of the shell's current kubeconfig context, refreshed after every command. */
  #server: string | null = null;
  /**
   * Set by a host that can be interrupted (the worker): engine commands await it before each step, and
   * stop when it answers false. Elsewhere engine commands simply run.
   */
  pause: (() => Promise<boolean>) | undefined;
  readonly #shells = new Map<string, Shell>();
  /** The machine the terminal is on now (ssh moves it). */
  #active: string;
  /** Set by `ssh NODE` without a command: the terminal moves there once the command line ends. */
  pendingLogin: string | null = null;
  readonly #stepMs: number;

  private constructor(opts: SessionOptions) {
    this.seed = opts.seed ?? 1;
    this.clock = new VirtualClock(opts.startTime ?? CLI_EPOCH);
    this.random = new SeededRandom(this.seed);
    this.#stepMs = opts.stepMs ?? 0;
    this.lab = new Lab(this.clock, this.random, () => new InMemoryFs());
    this.#active = this.machine.hostname;
  }

  static async create(opts: SessionOptions = {}): Promise<Session> {
    const s = new Session(opts);
    const home = s.#newShell(s.machine.hostname, new InMemoryFs(), true);
    s.lab.addMachine(s.machine.hostname, [s.machine.address], "host", home.bash.fs);
    await home.bash.fs.mkdir("/root", { recursive: true });
    await home.bash.fs.mkdir("/tmp", { recursive: true });
    if ((opts.preset ?? "default") === "default") await bootstrapDefaultCluster(s);
    await s.#refreshContext();
    return s;
  }

  #newShell(hostname: string, fs: IFileSystem, home: boolean): Shell {
    const commands: CustomCommand[] = [
      kubectlCommand(this),
      kubeadmCommand(this, hostname),
      dateCommand(this),
      sshCommand(this, hostname),
      ...nodeToolCommands(this, hostname),
      ...netToolCommands(this, hostname),
    ];
    // kind talks to the learner's docker and az to their Azure subscription: both live on the home machine.
    if (home) commands.push(kindCommand(this, () => this.lab), azCommand(this, () => this.lab));
    const bash = new Bash({
      fs,
      customCommands: commands,
      cwd: "/root",
      env: { HOME: "/root", USER: "root", LOGNAME: "root", HOSTNAME: hostname, SHELL: "/bin/bash", TERM: "xterm-256color", LANG: "C.UTF-8" },
      executionLimits: EXECUTION_LIMITS,
      sleep: async (ms) => {
        if (this.pause && !(await this.pause())) return;
        this.advance(ms);
      },
      processInfo: { pid: 4242, ppid: 4241, uid: 0, gid: 0 },
    });
    const shell: Shell = { hostname, bash, env: undefined };
    this.#shells.set(hostname, shell);
    return shell;
  }

  /** The shell of a lab machine, created on first use (ssh). */
  async shellOf(m: LabMachine): Promise<Shell> {
    let sh = this.#shells.get(m.hostname);
    if (!sh) {
      sh = this.#newShell(m.hostname, m.fs, false);
      await m.fs.mkdir("/root", { recursive: true });
      await m.fs.mkdir("/tmp", { recursive: true });
    }
    return sh;
  }

  /** The learner's own machine's file system. */
  get fs() {
    return this.#shells.get(this.machine.hostname)!.bash.fs;
  }

  /** Host name of the machine the terminal is on. */
  get hostname(): string {
    return this.#active;
  }

  /** The cluster kubectl talks to from the learner's shell (its kubeconfig's current context), if it runs. */
  get cluster(): Cluster | null {
    return this.#server ? this.lab.clusterForServer(this.#server) : null;
  }

  /** Lets virtual time pass: timers fire in order and every cluster settles after each. */
  advance(ms: number): void {
    this.lab.advance(ms);
  }

  /** Brings virtual time up to `ms` (the page follows wall time this way). */
  advanceTo(ms: number): void {
    const d = ms - this.clock.now();
    if (d > 0) this.advance(d);
  }

  /** Settles every cluster at the current instant (after each command). */
  settle(): void {
    this.lab.settle();
  }

  /** Which cluster the learner's kubeconfig points at now (`kubectl config use-context`, kind, az). */
  async #refreshContext(): Promise<void> {
    const home = this.#shells.get(this.machine.hostname)!;
    const path = (home.env?.KUBECONFIG || "/root/.kube/config").split(":")[0]!;
    let text: string | null = null;
    try {
      if (await this.fs.exists(path)) text = await this.fs.readFile(path, "utf8");
    } catch {
      text = null;
    }
    const cfg = text === null ? null : this.kubeconfigs.parse(text, path);
    const r = resolveContext(cfg && !("error" in cfg) ? cfg : null);
    this.#server = "error" in r || r.cluster === "" ? null : r.server;
  }

  /** Runs a command line in a machine's shell, carrying `$?`, variables and the directory over. */
  async exec(shell: Shell, command: string, signal?: AbortSignal): Promise<RunResult> {
    // just-bash returns a command line's stdout and stderr separately; the terminal shows stdout first.
    // (Merging them with `exec 2>&1` would also send stderr down pipes, e.g. into jq.)
    // just-bash starts each exec with $? = 0; a subshell that exits with the last status carries it over.
    const last = Number(shell.env?.["?"] ?? 0);
    const script = quoteInertHeredocs(command);
    const r = await shell.bash.exec(last ? `(exit ${last}); ${script}` : script, {
      rawScript: true,
      ...(shell.env ? { env: shell.env, replaceEnv: true, cwd: shell.env.PWD } : {}),
      signal,
    });
    shell.env = r.env;
    return { output: r.stdout + explainLimits(r.stderr), exitCode: r.exitCode };
  }

  /** Runs one complete command (possibly several lines: a heredoc, a loop) where the terminal is. */
  async run(command: string, signal?: AbortSignal): Promise<RunResult> {
    if (this.#stepMs) this.advance(this.#stepMs);
    const shell = this.#shells.get(this.#active)!;
    let result: RunResult;
    const word = command.trim();
    if (this.#active !== this.machine.hostname && /^(exit|logout)(\s+\d+)?$/.test(word)) {
      // Leaving an ssh session: the terminal returns to the learner's machine.
      result = { output: `logout\nConnection to ${this.#active} closed.\n`, exitCode: Number(word.split(/\s+/)[1] ?? 0) };
      this.#active = this.machine.hostname;
    } else {
      result = await this.exec(shell, command, signal);
    }
    if (this.pendingLogin) {
      this.#active = this.pendingLogin;
      this.pendingLogin = null;
    }
    // Files change only through commands: now is when a kubelet would see an edited manifest.
    await this.lab.syncNodes();
    this.settle();
    await this.#refreshContext();
    return result;
  }

  /** The terminal's current working directory. */
  get cwd(): string {
    return this.#shells.get(this.#active)?.env?.PWD ?? "/root";
  }

  get env(): Readonly<Record<string, string>> {
    return this.#shells.get(this.#active)?.env ?? {};
  }
}

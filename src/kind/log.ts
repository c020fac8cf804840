/**
 * kind's logger and status line (pkg/internal/cli/logger.go, status.go): everything but command
 * results goes to stderr, every message ends with exactly one newline, and -q discards it all.
 *
 * Two looks, as kind has: "tty" is what a terminal keeps once the spinner is gone (each step as
 * " ✓ <step>", kind's colours left out), "plain" is kind's output when stderr is not a terminal
 * (" • <step>  ..." when a step starts, then " ✓ <step>").
 */
export type StatusStyle = "tty" | "plain";

export class KindLog {
  stdout = "";
  stderr = "";

  constructor(
    readonly style: StatusStyle,
    private readonly quiet: boolean,
  ) {}

  /** logger.V(0).Info / Warn / Error. */
  info(message: string): void {
    if (this.quiet) return;
    this.stderr += message.endsWith("\n") ? message : `${message}\n`;
  }

  /** fmt.Fprintln(streams.Out, ...). */
  out(text: string): void {
    this.stdout += `${text}\n`;
  }

  /** app.logError: "ERROR: <err>", then the output of a failed node command. */
  error(message: string, commandOutput?: string): void {
    this.info(`ERROR: ${message}`);
    if (commandOutput !== undefined) this.info(`${this.style === "plain" ? "\n" : ""}Command Output: ${commandOutput}`);
  }
}

/** cli.Status: one step at a time; starting a step ends the previous one as a success. */
export class Status {
  #current = "";

  constructor(private readonly log: KindLog) {}

  start(status: string): void {
    this.end(true);
    this.#current = status;
    if (this.log.style === "plain") this.log.info(` • ${status}  ...\n`);
  }

  end(success: boolean): void {
    if (this.#current === "") return;
    this.log.info(success ? ` ✓ ${this.#current}\n` : ` ✗ ${this.#current}\n`);
    this.#current = "";
  }
}

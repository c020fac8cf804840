/**
 * TerminalController joins an xterm.js terminal to the line editor model: keys go to the editor, the
 * editor's effects become drawing, command runs, completion and interrupts. It draws the prompt line
 * itself (wrapping across rows, wide Korean characters) because the shell runs in a worker and has no
 * tty of its own.
 */
import { Terminal, type ITheme } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import { Unicode11Addon } from "@xterm/addon-unicode11";
import { WebLinksAddon } from "@xterm/addon-web-links";
import { SearchAddon } from "@xterm/addon-search";
import { LineEditor, type EditorEffect } from "../../shell/line-editor.ts";
import type { Completion } from "../../shell/completion.ts";
import { stringWidth } from "./width.ts";

export interface TerminalCallbacks {
  run(command: string): Promise<{ output: string; exitCode: number; interrupted: boolean }>;
  interrupt(): void;
  complete(line: string, cursor: number): Completion;
  prompt(): string;
  onHistory(history: readonly string[]): void;
  /** A command the page handles itself (reset, clear): true when handled. */
  builtin?(command: string): Promise<boolean>;
  /** A command finished and its output and the next prompt are on screen. */
  onCommandDone?(): void;
}

const PROMPT_COLOR = "\x1b[1;32m";
const PATH_COLOR = "\x1b[1;34m";
const RESET = "\x1b[0m";

export class TerminalController {
  readonly term: Terminal;
  readonly search = new SearchAddon();
  readonly #fit = new FitAddon();
  readonly #editor: LineEditor;
  #busy = false;
  /** Rows above the cursor that belong to the line being edited (it may wrap). */
  #cursorRow = 0;
  #promptText = "";
  #continuing = false;
  #disposed = false;

  constructor(
    host: HTMLElement,
    private readonly cb: TerminalCallbacks,
    history: readonly string[],
    options: { theme: ITheme; fontSize: number; screenReader: boolean; readonly?: boolean },
  ) {
    this.term = new Terminal({
      allowProposedApi: true,
      convertEol: true,
      cursorBlink: true,
      fontFamily: '"JetBrains Mono", "D2Coding", "Noto Sans Mono CJK KR", "Noto Sans Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: options.fontSize,
      lineHeight: 1.15,
      scrollback: 5000,
      theme: options.theme,
      screenReaderMode: options.screenReader,
      disableStdin: options.readonly ?? false,
    });
    this.term.loadAddon(this.#fit);
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = "11";
    this.term.loadAddon(new WebLinksAddon());
    this.term.loadAddon(this.search);
    this.term.open(host);
    this.fit();
    this.#editor = new LineEditor(history);
    this.term.onData((d) => this.#onData(d));
    this.term.onSelectionChange(() => {
      const sel = this.term.getSelection();
      if (sel && typeof navigator !== "undefined" && navigator.clipboard) void navigator.clipboard.writeText(sel).catch(() => {});
    });
    this.#newPrompt();
  }

  fit(): void {
    try {
      this.#fit.fit();
    } catch {
      // not laid out yet
    }
  }

  setTheme(theme: ITheme): void {
    this.term.options.theme = theme;
  }

  setFontSize(size: number): void {
    this.term.options.fontSize = size;
    this.fit();
  }

  setScreenReader(on: boolean): void {
    this.term.options.screenReaderMode = on;
  }

  /** Types and runs a command as if the user had (lessons' "run" buttons, presenter mode). */
  typeAndRun(command: string): Promise<void> {
    this.#onData(command.replace(/\n/g, "\r") + "\r");
    return this.#chain;
  }

  /** Keys from outside the keyboard (the touch palette's Tab, ↑, Ctrl+C), as if typed. */
  input(data: string): void {
    this.#onData(data);
  }

  /**
   * Types a command out at a readable pace (the presenter: the room sees it being typed), then runs it.
   * A long command is typed faster so that no step takes more than about `maxMs`.
   */
  async typeOut(command: string, msPerChar = 18, maxMs = 1200): Promise<void> {
    const text = command.replace(/\n/g, "\r");
    const per = Math.min(msPerChar, maxMs / Math.max(1, text.length));
    const chunk = Math.max(1, Math.ceil(text.length / Math.max(1, Math.floor(maxMs / Math.max(per, 16)))));
    for (let i = 0; i < text.length; i += chunk) {
      this.#onData(text.slice(i, i + chunk));
      await new Promise((r) => setTimeout(r, Math.max(per * chunk, 0)));
    }
    this.#onData("\r");
    await this.#chain;
  }

  /** The terminal's text (scrollback included), rows that only wrapped joined back into one line. */
  screen(): string {
    const b = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < b.length; i++) {
      const row = b.getLine(i);
      const text = row?.translateToString(true) ?? "";
      if (row?.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    return lines.join("\n").replace(/\n+$/, "");
  }

  dispose(): void {
    this.#disposed = true;
    this.term.dispose();
  }

  #newPrompt(): void {
    this.#promptText = this.cb.prompt();
    this.#continuing = false;
    this.#cursorRow = 0;
    this.#endRow = 0;
    this.term.write(this.#styledPrompt());
    this.#redraw();
  }

  #styledPrompt(): string {
    if (this.#continuing) return "> ";
    const m = /^([^:]+):(.*)# $/.exec(this.#promptText);
    return m ? `${PROMPT_COLOR}${m[1]}${RESET}:${PATH_COLOR}${m[2]}${RESET}# ` : this.#promptText;
  }

  #plainPrompt(): string {
    return this.#continuing ? "> " : this.#promptText;
  }

  /** Redraws the line being edited: back to its first row, clear below, prompt + text, place the cursor. */
  #redraw(): void {
    const st = this.#editor.state;
    let prompt = this.#styledPrompt();
    let plain = this.#plainPrompt();
    let text = st.buffer;
    let cursor = st.cursor;
    if (st.search) {
      plain = `(${st.search.failed ? "failed " : ""}reverse-i-search)\`${st.search.query}': `;
      prompt = plain;
      text = st.search.match ?? "";
      cursor = text.length;
    }
    const lay = layout(stringWidth(plain), text, cursor, this.term.cols);
    let out = "";
    if (this.#cursorRow > 0) out += `\x1b[${this.#cursorRow}A`;
    out += "\r\x1b[J" + prompt + text.replace(/\n/g, "\r\n> ");
    if (lay.endsAtEdge) out += " \b";
    if (lay.endRow > lay.cursorRow) out += `\x1b[${lay.endRow - lay.cursorRow}A`;
    out += `\r${lay.cursorCol > 0 ? `\x1b[${lay.cursorCol}C` : ""}`;
    this.#cursorRow = lay.cursorRow;
    this.#endRow = lay.endRow;
    this.term.write(out);
  }

  /** Moves the cursor below the last row drawn (the editor has already cleared its buffer on Enter). */
  #moveToEnd(): void {
    if (this.#endRow > this.#cursorRow) this.term.write(`\x1b[${this.#endRow - this.#cursorRow}B`);
    this.#cursorRow = this.#endRow;
  }
  #endRow = 0;

  #onData(data: string): void {
    if (this.#busy && data === "\x03") {
      this.#generation++;
      this.cb.interrupt();
      return;
    }
    const generation = this.#generation;
    const text = data.replace(/\x1b\[20[01]~/g, "");
    const pasted = text !== "\r" && /[\r\n]/.test(text);
    // Typed keys and pastes are handled one after the other; a paste is typed line by line so that every
    // line is echoed as the user would have typed it, and each complete command runs before the next line.
    this.#chain = this.#chain.then(async () => {
      if (generation !== this.#generation) return;
      if (!pasted) return this.#apply(this.#editor.feed(text));
      const lines = text.replace(/\r\n?/g, "\n").split("\n");
      for (let i = 0; i < lines.length; i++) {
        if (generation !== this.#generation) return;
        const line = lines[i]!.replace(/\t/g, " ");
        if (line) await this.#apply(this.#editor.feed(line));
        if (i < lines.length - 1) await this.#apply(this.#editor.feed("\r"));
      }
    });
  }
  #chain: Promise<void> = Promise.resolve();
  #generation = 0;

  async #apply(effects: EditorEffect[]): Promise<void> {
    for (const e of effects) {
      if (this.#disposed) return;
      switch (e.type) {
        case "redraw":
          this.#redraw();
          break;
        case "continue":
          this.#moveToEnd();
          this.term.write("\r\n");
          this.#continuing = true;
          this.#cursorRow = 0;
          this.term.write("> ");
          this.#redraw();
          break;
        case "submit":
          this.#moveToEnd();
          this.term.write("\r\n");
          this.cb.onHistory(this.#editor.history);
          await this.#runCommand(e.command);
          break;
        case "interrupt":
          this.#moveToEnd();
          this.term.write("^C\r\n");
          this.#newPrompt();
          break;
        case "clear-screen":
          this.term.clear();
          this.term.write("\x1b[H\x1b[2J");
          this.#cursorRow = 0;
          this.term.write(this.#styledPrompt());
          this.#redraw();
          break;
        case "complete":
          this.#complete(e.line, e.cursor);
          break;
        case "eof":
          this.term.write("\x07");
          break;
        case "bell":
          this.term.write("\x07");
          break;
      }
    }
  }

  async #runCommand(command: string): Promise<void> {
    if (!command.trim()) {
      this.#newPrompt();
      return;
    }
    this.#busy = true;
    try {
      if (!(await this.cb.builtin?.(command))) {
        const r = await this.cb.run(command);
        if (r.output) this.term.write(r.output);
        if (r.interrupted) this.term.write("^C\r\n");
      }
    } finally {
      this.#busy = false;
    }
    this.#newPrompt();
    // xterm parses writes asynchronously: report once the prompt has really been drawn.
    this.term.write("", () => this.cb.onCommandDone?.());
  }

  #complete(line: string, cursor: number): void {
    const c = this.cb.complete(line, cursor);
    if (c.candidates.length === 0) {
      this.term.write("\x07");
      return;
    }
    const current = line.slice(c.start, c.end);
    if (c.insert && c.insert !== current) {
      this.#editor.applyCompletion(c.start, c.end, c.insert);
      this.#redraw();
      return;
    }
    if (c.candidates.length > 1) {
      this.#moveToEnd();
      this.term.write("\r\n" + formatColumns(c.candidates, this.term.cols) + "\r\n");
      this.#cursorRow = 0;
      this.term.write(this.#styledPrompt());
      this.#redraw();
    }
  }
}

/** Where the edited text ends and where its cursor is, in rows and columns below the prompt's row. */
function layout(promptWidth: number, text: string, cursor: number, cols: number) {
  let row = 0;
  let col = promptWidth;
  let cursorRow = 0;
  let cursorCol = col;
  const wrap = () => {
    if (col >= cols) {
      row += Math.floor(col / cols);
      col %= cols;
    }
  };
  wrap();
  let i = 0;
  for (const ch of text) {
    if (i === cursor) [cursorRow, cursorCol] = [row, col];
    if (ch === "\n") {
      row++;
      col = 2; // the "> " continuation prompt
    } else {
      const w = stringWidth(ch);
      // A wide character that does not fit in the last column moves to the next row.
      if (col + w > cols) {
        row++;
        col = 0;
      }
      col += w;
      wrap();
    }
    i += ch.length;
  }
  if (cursor >= text.length) [cursorRow, cursorCol] = [row, col];
  // xterm keeps the cursor in the last column after an exact fill; a space and a backspace step past it.
  const endsAtEdge = col === 0 && row > 0 && text.length > 0 && !text.endsWith("\n");
  return { endRow: row, cursorRow, cursorCol, endsAtEdge };
}

function formatColumns(items: readonly string[], cols: number): string {
  const width = Math.max(...items.map(stringWidth)) + 2;
  const per = Math.max(1, Math.floor(cols / width));
  const rows: string[] = [];
  for (let i = 0; i < items.length; i += per) {
    rows.push(items.slice(i, i + per).map((s) => s + " ".repeat(width - stringWidth(s))).join("").trimEnd());
  }
  return rows.join("\r\n");
}

/**
 * A pure model of bash's interactive line editor (readline in emacs mode).
 * The terminal component feeds it xterm's `onData` chunks and acts on the
 * returned effects; it renders the prompt line from `state`. Nothing here
 * touches xterm or the DOM, so every key can be tested as plain strings.
 *
 * Positions are UTF-16 code-unit indexes, as JavaScript strings have them,
 * but every edit and motion steps over whole code points so that an emoji's
 * surrogate pair is never split.
 */
import { openConstructs, type OpenConstruct } from "./continuation.ts";

export interface EditorState {
  buffer: string;
  /** Code-unit index into `buffer`, always at a code-point boundary. */
  cursor: number;
  /** Completed lines of an open construct, shown above the `> ` prompt. */
  continuation: string[];
  /** Present while Ctrl+R is active; `buffer` then holds the matched line. */
  search?: { query: string; match: string | null; failed: boolean };
}

/**
 * What the host does after a chunk, in order. A paste yields several: each
 * `submit` carries its full text (a host echoes its lines, the first after the
 * prompt and the rest after `> `), `continue` marks lines that belong to a
 * later submit or to `state.continuation`, and a final `redraw` shows the
 * unsubmitted rest. Consecutive redraws are merged into one.
 */
export type EditorEffect =
  | { type: "redraw" } // buffer, cursor or search changed: re-render the current line
  | { type: "submit"; command: string } // a complete command, lines joined with "\n"; "" for a blank line
  | { type: "continue" } // Enter inside an open construct: show the "> " prompt for the next line
  | { type: "interrupt" } // Ctrl+C: the input is already dropped
  | { type: "clear-screen" } // Ctrl+L: clear, then draw the prompt and the unchanged line
  | { type: "complete"; line: string; cursor: number } // Tab: ask for completions, then applyCompletion
  | { type: "eof" } // Ctrl+D on an empty line
  | { type: "bell" };

export interface LineEditorOptions {
  /** How many commands `history` keeps (bash's HISTSIZE); the oldest go first. */
  historyLimit?: number;
}

const DEFAULT_HISTORY_LIMIT = 1000;

type Action =
  | "enter" | "backspace" | "delete" | "eof-or-delete"
  | "left" | "right" | "home" | "end" | "word-left" | "word-right"
  | "kill-to-start" | "kill-to-end" | "kill-ws-word-left" | "kill-word-left" | "kill-word-right"
  | "yank" | "transpose" | "history-up" | "history-down" | "search"
  | "complete" | "interrupt" | "clear-screen" | "escape" | "abort";

/** The keys xterm sends, mapped to readline's emacs-mode bindings. */
const KEYS: Readonly<Record<string, Action>> = {
  "\r": "enter",
  "\n": "enter",
  "\x7f": "backspace",
  "\b": "backspace",
  "\x1b[3~": "delete",
  "\x04": "eof-or-delete",
  "\x1b[D": "left",
  "\x1bOD": "left",
  "\x02": "left",
  "\x1b[C": "right",
  "\x1bOC": "right",
  "\x06": "right",
  "\x1b[H": "home",
  "\x1bOH": "home",
  "\x1b[1~": "home",
  "\x01": "home",
  "\x1b[F": "end",
  "\x1bOF": "end",
  "\x1b[4~": "end",
  "\x05": "end",
  "\x1bb": "word-left",
  "\x1b[1;3D": "word-left",
  // Ctrl+Left/Right: most distributions' /etc/inputrc bind them to word motions.
  "\x1b[1;5D": "word-left",
  "\x1bf": "word-right",
  "\x1b[1;3C": "word-right",
  "\x1b[1;5C": "word-right",
  "\x15": "kill-to-start",
  "\x0b": "kill-to-end",
  "\x17": "kill-ws-word-left",
  "\x1b\x7f": "kill-word-left",
  "\x1b\b": "kill-word-left",
  "\x1bd": "kill-word-right",
  "\x19": "yank",
  "\x14": "transpose",
  "\x1b[A": "history-up",
  "\x1bOA": "history-up",
  "\x10": "history-up",
  "\x1b[B": "history-down",
  "\x1bOB": "history-down",
  "\x0e": "history-down",
  "\x12": "search",
  "\t": "complete",
  "\x03": "interrupt",
  "\x0c": "clear-screen",
  "\x1b": "escape",
  "\x07": "abort",
};

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";
const NEWLINE = /\r\n|\r|\n/;
/** Control characters a paste cannot keep (tab is kept as text). */
const PASTE_CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
const SINGLE_ENTER: ReadonlySet<string> = new Set(["\r", "\n", "\r\n"]);
/** Surrogate halves without their partner: inserting them would make positions that split a character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** readline's word characters (rl_alphabetic): letters and digits of any script, not punctuation or `_`. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isControl(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

/**
 * Splits a chunk into tokens: runs of printable text, single control
 * characters, and whole escape sequences (CSI, SS3, or ESC + one character
 * for Alt). A sequence cut off at the end of the chunk comes out as an
 * unknown token, which callers drop.
 */
function tokenize(data: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < data.length) {
    const code = data.charCodeAt(i);
    if (code === 0x1b) {
      let j = i + 1;
      if (data[j] === "[") {
        j++;
        while (j < data.length && data.charCodeAt(j) >= 0x30 && data.charCodeAt(j) <= 0x3f) j++;
        while (j < data.length && data.charCodeAt(j) >= 0x20 && data.charCodeAt(j) <= 0x2f) j++;
        if (j < data.length && data.charCodeAt(j) >= 0x40 && data.charCodeAt(j) <= 0x7e) j++;
      } else if (data[j] === "O" && j + 1 < data.length) {
        j += 2;
      } else if (j < data.length) {
        j = nextCodePoint(data, j);
      }
      tokens.push(data.slice(i, j));
      i = j;
    } else if (isControl(code)) {
      tokens.push(data[i] as string);
      i++;
    } else {
      let j = i + 1;
      while (j < data.length && !isControl(data.charCodeAt(j))) j++;
      tokens.push(data.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function nextCodePoint(s: string, i: number): number {
  if (i >= s.length) return s.length;
  return isHighSurrogate(s.charCodeAt(i)) && isLowSurrogate(s.charCodeAt(i + 1)) ? i + 2 : i + 1;
}

function previousCodePoint(s: string, i: number): number {
  if (i <= 0) return 0;
  return isLowSurrogate(s.charCodeAt(i - 1)) && isHighSurrogate(s.charCodeAt(i - 2)) ? i - 2 : i - 1;
}

function isWordAt(s: string, i: number): boolean {
  return WORD_CHAR.test(s.slice(i, nextCodePoint(s, i)));
}

function isBlank(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\n";
}

/** Only the text of a paste is kept: escape sequences and control characters other than tab are dropped. */
function pastedText(line: string): string {
  if (!PASTE_CONTROL.test(line)) return line;
  return tokenize(line)
    .filter((t) => t === "\t" || !isControl(t.charCodeAt(0)))
    .join("");
}

interface Search {
  query: string;
  /** History index of the line shown, or null before anything matched. */
  index: number | null;
  failed: boolean;
  /** The line being edited when Ctrl+R was pressed, restored on cancel. */
  saved: { buffer: string; cursor: number; position: number };
}

export class LineEditor {
  readonly #limit: number;
  readonly #history: string[];
  #buffer = "";
  #cursor = 0;
  #continuation: string[] = [];
  /** What the last scan of `#continuation` found open, to skip rescanning heredoc bodies. */
  #open: OpenConstruct[] = [];
  /** Position in history while browsing; `#history.length` is the new line. */
  #position: number;
  /** Lines edited while browsing (the new line's draft included), until the next submit. */
  #edits = new Map<number, string>();
  #killed = "";
  /** Whether the last action killed text, and so whether the current kill adds to it: consecutive kills accumulate, as in readline. */
  #lastKilled = false;
  #appendKill = false;
  #search: Search | null = null;
  #lastQuery = "";
  /** Inside a bracketed paste whose end marker has not arrived yet. */
  #pasting = false;

  constructor(history: readonly string[] = [], options: LineEditorOptions = {}) {
    this.#limit = Math.max(0, options.historyLimit ?? DEFAULT_HISTORY_LIMIT);
    this.#history = this.#limit === 0 ? [] : history.slice(-this.#limit);
    this.#position = this.#history.length;
  }

  get state(): Readonly<EditorState> {
    const state: EditorState = { buffer: this.#buffer, cursor: this.#cursor, continuation: this.#continuation.slice() };
    const s = this.#search;
    if (s) state.search = { query: s.query, match: s.index === null ? null : (this.#history[s.index] ?? null), failed: s.failed };
    return state;
  }

  get history(): readonly string[] {
    return this.#history.slice();
  }

  feed(data: string): EditorEffect[] {
    const out: EditorEffect[] = [];
    let i = 0;
    while (i < data.length) {
      const marker = this.#pasting ? PASTE_END : PASTE_START;
      const at = data.indexOf(marker, i);
      const part = data.slice(i, at < 0 ? data.length : at);
      if (this.#pasting) this.#paste(part, out);
      else if (part.length > 0 && !SINGLE_ENTER.has(part) && NEWLINE.test(part)) this.#paste(part, out);
      else for (const token of tokenize(part)) this.#key(token, out);
      if (at < 0) break;
      this.#pasting = !this.#pasting;
      i = at + marker.length;
    }
    return out;
  }

  applyCompletion(replacementStart: number, replacementEnd: number, text: string): void {
    const end = Math.min(Math.max(replacementEnd, 0), this.#buffer.length);
    const start = Math.min(Math.max(replacementStart, 0), end);
    const clean = text.replace(LONE_SURROGATE, "");
    this.#buffer = this.#buffer.slice(0, start) + clean + this.#buffer.slice(end);
    this.#cursor = start + clean.length;
    this.#lastKilled = false;
  }

  reset(): void {
    this.#buffer = "";
    this.#cursor = 0;
    this.#continuation = [];
    this.#open = [];
    this.#search = null;
    this.#pasting = false;
    this.#lastKilled = false;
    this.#endBrowsing();
  }

  // --- dispatch -----------------------------------------------------------

  #key(token: string, out: EditorEffect[]): void {
    const action = KEYS[token];
    const text = action === undefined && !isControl(token.charCodeAt(0)) ? token : null;
    // Unknown escape sequences and unbound control keys do nothing.
    if (action === undefined && text === null) return;
    this.#appendKill = this.#lastKilled;
    this.#lastKilled = false;
    if (this.#search) {
      if (this.#searchKey(action, text, out)) return;
      this.#acceptSearch();
    }
    if (text !== null) {
      this.#insert(text);
      redraw(out);
    } else if (action !== undefined) {
      this.#act(action, out);
    }
  }

  #act(action: Action, out: EditorEffect[]): void {
    const b = this.#buffer;
    const c = this.#cursor;
    switch (action) {
      case "enter":
        return this.#enter(out);
      case "backspace":
        if (c === 0) return bell(out);
        return this.#edit(previousCodePoint(b, c), c, "", out);
      case "delete":
        if (c >= b.length) return bell(out);
        return this.#edit(c, nextCodePoint(b, c), "", out);
      case "eof-or-delete":
        if (b.length > 0) return this.#act("delete", out);
        if (this.#continuation.length === 0) {
          out.push({ type: "eof" });
          return;
        }
        // End of input inside an open construct: bash hands what it has to
        // the parser (an unterminated heredoc still runs, with a warning).
        return this.#submit(this.#continuation.join("\n"), out);
      case "left":
        return c === 0 ? bell(out) : this.#move(previousCodePoint(b, c), out);
      case "right":
        return c >= b.length ? bell(out) : this.#move(nextCodePoint(b, c), out);
      case "home":
        return this.#move(0, out);
      case "end":
        return this.#move(b.length, out);
      case "word-left":
        return this.#move(this.#wordStart(), out);
      case "word-right":
        return this.#move(this.#wordEnd(), out);
      case "kill-to-start":
        return this.#kill(0, c, true, out);
      case "kill-to-end":
        return this.#kill(c, b.length, false, out);
      case "kill-ws-word-left": {
        // unix-word-rubout: words are delimited by whitespace only.
        let i = c;
        while (i > 0 && isBlank(b[i - 1])) i--;
        while (i > 0 && !isBlank(b[i - 1])) i--;
        return this.#kill(i, c, true, out);
      }
      case "kill-word-left":
        return this.#kill(this.#wordStart(), c, true, out);
      case "kill-word-right":
        return this.#kill(c, this.#wordEnd(), false, out);
      case "yank":
        if (this.#killed === "") return bell(out);
        this.#insert(this.#killed);
        return redraw(out);
      case "transpose":
        return this.#transpose(out);
      case "history-up":
        return this.#browse(this.#position - 1, out);
      case "history-down":
        return this.#browse(this.#position + 1, out);
      case "search":
        return this.#startSearch(out);
      case "complete":
        out.push({ type: "complete", line: b, cursor: c });
        return;
      case "interrupt":
        this.reset();
        out.push({ type: "interrupt" });
        return;
      case "clear-screen":
        out.push({ type: "clear-screen" });
        return;
      case "escape":
      case "abort":
        // A lone Esc is readline's meta prefix and Ctrl+G aborts a pending
        // command; with neither pending there is nothing to do.
        return;
    }
  }

  // --- editing ------------------------------------------------------------

  #insert(text: string): void {
    const clean = text.replace(LONE_SURROGATE, "");
    this.#buffer = this.#buffer.slice(0, this.#cursor) + clean + this.#buffer.slice(this.#cursor);
    this.#cursor += clean.length;
  }

  #edit(from: number, to: number, text: string, out: EditorEffect[]): void {
    this.#buffer = this.#buffer.slice(0, from) + text + this.#buffer.slice(to);
    this.#cursor = from + text.length;
    redraw(out);
  }

  #move(cursor: number, out: EditorEffect[]): void {
    if (cursor === this.#cursor) return;
    this.#cursor = cursor;
    redraw(out);
  }

  /** Removes text into the kill buffer; a run of kills collects into one yank, in line order. */
  #kill(from: number, to: number, backward: boolean, out: EditorEffect[]): void {
    if (from === to) return;
    const text = this.#buffer.slice(from, to);
    if (!this.#appendKill) this.#killed = text;
    else this.#killed = backward ? text + this.#killed : this.#killed + text;
    this.#lastKilled = true;
    this.#edit(from, to, "", out);
  }

  /** backward-word: over any non-word characters, then to the start of the word. */
  #wordStart(): number {
    const b = this.#buffer;
    let i = this.#cursor;
    while (i > 0 && !isWordAt(b, previousCodePoint(b, i))) i = previousCodePoint(b, i);
    while (i > 0 && isWordAt(b, previousCodePoint(b, i))) i = previousCodePoint(b, i);
    return i;
  }

  /** forward-word (emacs mode): over any non-word characters, then to the end of the word. */
  #wordEnd(): number {
    const b = this.#buffer;
    let i = this.#cursor;
    while (i < b.length && !isWordAt(b, i)) i = nextCodePoint(b, i);
    while (i < b.length && isWordAt(b, i)) i = nextCodePoint(b, i);
    return i;
  }

  /** transpose-chars: at the end of the line it swaps the last two characters, elsewhere the ones around point. */
  #transpose(out: EditorEffect[]): void {
    const b = this.#buffer;
    let c = this.#cursor;
    if (c === 0 || nextCodePoint(b, 0) >= b.length) return bell(out);
    if (c >= b.length) c = previousCodePoint(b, c);
    const before = previousCodePoint(b, c);
    const after = nextCodePoint(b, c);
    this.#edit(before, after, b.slice(c, after) + b.slice(before, c), out);
  }

  // --- history ------------------------------------------------------------

  #browse(position: number, out: EditorEffect[]): void {
    if (position < 0 || position > this.#history.length) return bell(out);
    // Keep what was typed on this line so coming back finds it unchanged.
    this.#edits.set(this.#position, this.#buffer);
    this.#position = position;
    this.#buffer = this.#edits.get(position) ?? this.#history[position] ?? "";
    this.#cursor = this.#buffer.length;
    redraw(out);
  }

  #endBrowsing(): void {
    this.#edits.clear();
    this.#position = this.#history.length;
  }

  #remember(command: string): void {
    // HISTCONTROL=ignoreboth: no blank lines, no lines starting with a space, no repeats in a row.
    if (this.#limit === 0 || command.trim() === "" || command.startsWith(" ")) return;
    if (this.#history[this.#history.length - 1] === command) return;
    this.#history.push(command);
    if (this.#history.length > this.#limit) this.#history.splice(0, this.#history.length - this.#limit);
  }

  // --- Enter and paste ----------------------------------------------------

  #enter(out: EditorEffect[]): void {
    if (!this.#stillOpen()) {
      const text = [...this.#continuation, this.#buffer].join("\n");
      this.#open = openConstructs(text);
      if (this.#open.length === 0) return this.#submit(text, out);
    }
    this.#continuation.push(this.#buffer);
    this.#buffer = "";
    this.#cursor = 0;
    out.push({ type: "continue" });
  }

  /**
   * True when the current line is inside a heredoc body and is not its
   * delimiter: bash does not scan body lines, so nothing can have closed and
   * the rescan is skipped. That keeps a pasted manifest of thousands of lines
   * linear instead of quadratic.
   */
  #stillOpen(): boolean {
    const open = this.#open[0];
    if (this.#continuation.length === 0 || open?.kind !== "heredoc") return false;
    const line = this.#buffer;
    return !line.includes("\n") && line !== open.delimiter && line.replace(/^\t+/, "") !== open.delimiter;
  }

  #submit(command: string, out: EditorEffect[]): void {
    this.#remember(command);
    this.#buffer = "";
    this.#cursor = 0;
    this.#continuation = [];
    this.#open = [];
    this.#endBrowsing();
    out.push({ type: "submit", command });
  }

  /** Pasted text runs as if typed with Enter after each line; only the last line's change needs drawing. */
  #paste(text: string, out: EditorEffect[]): void {
    if (text.length === 0) return;
    this.#lastKilled = false;
    const lines = text.split(NEWLINE);
    for (let k = 0; k < lines.length; k++) {
      const typed = pastedText(lines[k] as string);
      // During Ctrl+R the text refines the query, exactly as if typed.
      if (this.#search) {
        if (typed !== "") this.#searchKey(undefined, typed, out);
      } else {
        this.#insert(typed);
      }
      if (k < lines.length - 1) {
        this.#acceptSearch();
        this.#enter(out);
      }
    }
    if (lines[lines.length - 1] !== "") redraw(out);
  }

  // --- reverse incremental search -----------------------------------------

  #startSearch(out: EditorEffect[]): void {
    this.#search = {
      query: "",
      index: null,
      failed: false,
      saved: { buffer: this.#buffer, cursor: this.#cursor, position: this.#position },
    };
    redraw(out);
  }

  /** Handles a key during Ctrl+R. Returns false for keys that end the search and then act as usual. */
  #searchKey(action: Action | undefined, text: string | null, out: EditorEffect[]): boolean {
    const s = this.#search as Search;
    if (text !== null) {
      this.#find(s.query + text, s.index ?? this.#history.length - 1, null, out);
      return true;
    }
    switch (action) {
      case "search": {
        // Ctrl+R on an empty query repeats the previous search, as readline does.
        const query = s.query || this.#lastQuery;
        if (query === "") bell(out);
        else if (s.query === "") this.#find(query, this.#history.length - 1, null, out);
        else this.#find(query, (s.index ?? this.#history.length) - 1, this.#matchText(), out);
        return true;
      }
      case "backspace": {
        if (s.query === "") {
          bell(out);
          return true;
        }
        this.#find(s.query.slice(0, previousCodePoint(s.query, s.query.length)), this.#history.length - 1, null, out);
        return true;
      }
      case "escape":
      case "abort":
        this.#lastQuery = s.query || this.#lastQuery;
        this.#buffer = s.saved.buffer;
        this.#cursor = s.saved.cursor;
        this.#search = null;
        redraw(out);
        return true;
      case "interrupt":
        this.#search = null;
        return false;
      default:
        return false;
    }
  }

  #matchText(): string | null {
    const index = this.#search?.index;
    return index === null || index === undefined ? null : (this.#history[index] ?? null);
  }

  /**
   * Looks for `query` from history index `from` towards older entries. A line
   * equal to `skip` (the one shown) is passed over, so repeated commands do not
   * make Ctrl+R look stuck. Without a match the previous one stays, marked failed.
   */
  #find(query: string, from: number, skip: string | null, out: EditorEffect[]): void {
    const s = this.#search as Search;
    s.query = query;
    if (query === "") {
      s.index = null;
      s.failed = false;
      this.#buffer = s.saved.buffer;
      this.#cursor = s.saved.cursor;
      return redraw(out);
    }
    for (let i = Math.min(from, this.#history.length - 1); i >= 0; i--) {
      const line = this.#history[i] as string;
      if (line !== skip && line.includes(query)) {
        s.index = i;
        s.failed = false;
        this.#buffer = line;
        this.#cursor = line.lastIndexOf(query);
        return redraw(out);
      }
    }
    s.failed = true;
    redraw(out);
    bell(out);
  }

  /** Leaves the search with the matched line as the line being edited, at its place in history. */
  #acceptSearch(): void {
    const s = this.#search;
    if (!s) return;
    this.#search = null;
    this.#lastQuery = s.query || this.#lastQuery;
    if (s.index === null) return;
    this.#edits.set(s.saved.position, s.saved.buffer);
    this.#position = s.index;
  }
}

/** Consecutive redraws collapse into one: the host draws the final state anyway. */
function redraw(out: EditorEffect[]): void {
  if (out[out.length - 1]?.type !== "redraw") out.push({ type: "redraw" });
}

function bell(out: EditorEffect[]): void {
  out.push({ type: "bell" });
}

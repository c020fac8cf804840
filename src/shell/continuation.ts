/**
 * Decides, the way interactive bash does, whether the text typed so far is a
 * complete command or leaves a construct open (so the terminal shows the `> `
 * continuation prompt and waits for another line).
 *
 * just-bash cannot answer this for us: it executes incomplete input as if it
 * were complete (a trailing `|` runs, a heredoc without its terminator runs
 * with the body it has), so the terminal scans the text itself before handing
 * it over.
 *
 * This is a scanner, not a parser. It tracks only what decides completeness:
 * quoting, nesting of expansions, heredocs, trailing operators and the reserved
 * words of compound commands. Where the input is a definite syntax error it
 * reports "complete", because interactive bash reports the error and discards
 * the input instead of prompting for more; letting just-bash run it produces
 * that error message without trapping the learner in `> ` prompts.
 */

export type OpenConstruct =
  | { kind: "quote"; quote: "'" | '"' | "`" | "$'" }
  | { kind: "heredoc"; delimiter: string }
  | {
      kind: "keyword";
      expects: "done" | "fi" | "esac" | "}" | ")" | "))" | "then" | "do" | "in";
    }
  | { kind: "operator"; operator: "|" | "&&" | "||" | "\\" };

type PendingOperator = "|" | "&&" | "||";

/**
 * One compound command still open in a command list. Stages exist because the
 * headers of `for` and `case` are not command position: `for done in a` and
 * `case x in if)` use reserved words as plain words.
 */
type Frame =
  | { type: "if"; expects: "then" | "fi" }
  | { type: "loop"; expects: "do" | "done" }
  | { type: "for"; stage: "name" | "afterName" | "list" | "awaitDo" }
  // "pattern": a clause may start (or `esac` end the case); "patternWord": a
  // pattern must follow `(` or `|`; "patternNext": only `|` or `)` may follow.
  | { type: "case"; stage: "word" | "in" | "pattern" | "patternWord" | "patternNext" | "body" }
  | { type: "brace" }
  | { type: "subshell" }
  // After `function`: the next word is the function's name, never a keyword.
  | { type: "fnname" }
  // After `f()` or `function f`: bash keeps reading until the body arrives.
  | { type: "fnhead" };

interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
}

/**
 * Nobody types this many nested constructs by hand; the cap keeps hostile or
 * random input from overflowing the JavaScript stack in the recursive scan.
 */
const MAX_DEPTH = 200;

/** How many times one scan may re-read a `$((`/`((` that was not arithmetic. */
const MAX_ARITH_RETRIES = 32;

class TooDeep extends Error {}

/** The start of an array assignment: `name=(`, `name+=(`, `name[i]=(`. */
const ARRAY_START = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/;

/** A word that is an assignment, `name=value` or `name[i]+=value`. */
const ASSIGNMENT_WORD = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

/** Builtins whose arguments may be array assignments. */
const ASSIGNMENT_BUILTINS: ReadonlySet<string> = new Set(["declare", "typeset", "local", "export", "readonly"]);

/** Reserved words that may begin a function body (which must be a compound command). */
const COMPOUND_STARTERS: ReadonlySet<string> = new Set(["{", "if", "while", "until", "for", "select", "case", "[["]);

const RESERVED: ReadonlySet<string> = new Set([
  "if", "then", "elif", "else", "fi", "while", "until", "do", "done", "for", "select",
  "case", "esac", "in", "{", "}", "function", "[[", "!", "time",
]);

/** Reserved words that end the list before them, which therefore must not be empty. */
const CLOSERS: ReadonlySet<string> = new Set(["then", "elif", "else", "fi", "do", "done", "}"]);

const BACKSLASH: OpenConstruct = { kind: "operator", operator: "\\" };

function isBlank(c: string): boolean {
  return c === " " || c === "\t";
}

/** Characters that end an unquoted word (bash's metacharacters). */
function isMeta(c: string): boolean {
  return c.length === 1 && " \t\n;&|<>()".includes(c);
}

/** Bash's quote removal, enough for heredoc delimiters like `'EOF'`, `"EOF"` or `\\EOF`. */
function removeQuotes(word: string): string {
  let out = "";
  for (let i = 0; i < word.length; i++) {
    const c = word.charAt(i);
    if (c === "\\") {
      const n = word.charAt(i + 1);
      if (n !== "\n") out += n;
      i++;
    } else if (c === "'") {
      const close = word.indexOf("'", i + 1);
      const end = close < 0 ? word.length : close;
      out += word.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < word.length && word.charAt(j) !== '"'; j++) {
        if (word.charAt(j) === "\\" && '"\\$`'.includes(word.charAt(j + 1))) j++;
        out += word.charAt(j);
      }
      i = j;
    } else {
      out += c;
    }
  }
  return out;
}

function expectationOf(frame: Frame): OpenConstruct {
  switch (frame.type) {
    case "if":
    case "loop":
      return { kind: "keyword", expects: frame.expects };
    case "for":
      return { kind: "keyword", expects: "do" };
    case "case":
      return {
        kind: "keyword",
        expects: frame.stage === "word" || frame.stage === "in" ? "in" : "esac",
      };
    case "subshell":
      return { kind: "keyword", expects: ")" };
    case "brace":
    case "fnname":
    case "fnhead":
      // A function body is almost always a brace group, so `}` is the most
      // useful thing to say is missing.
      return { kind: "keyword", expects: "}" };
  }
}

/**
 * One scan of one input. Every scanning method that reaches the end of the
 * input while its construct is open sets `eof` and records its construct after
 * anything recorded by the constructs nested in it, which yields the
 * innermost-first order without a second pass.
 */
class Scanner {
  private readonly s: string;
  private pos = 0;
  private depth = 0;
  // Heredocs whose `<<WORD` has been read but whose body has not started yet;
  // bash reads their bodies after the next unquoted newline, in order.
  private pendingHeredocs: Heredoc[] = [];
  private retriesLeft = MAX_ARITH_RETRIES;
  readonly open: OpenConstruct[] = [];
  eof = false;
  syntaxError = false;

  constructor(s: string) {
    this.s = s;
  }

  run(): void {
    this.deeper(() => this.commands(false));
  }

  private get halted(): boolean {
    return this.eof || this.syntaxError;
  }

  private at(i: number): string {
    return this.s.charAt(i);
  }

  /** Runs a nested scan under the depth cap. */
  private nest<T>(scan: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new TooDeep();
    try {
      return scan();
    } finally {
      this.depth--;
    }
  }

  /** Runs a nested scan under the depth cap. Returns true when the caller must stop too. */
  private deeper(scan: () => void): boolean {
    this.nest(scan);
    return this.halted;
  }

  /** Used when a nested scan halted: on end of input the enclosing construct is open as well. */
  private stopWith(self: OpenConstruct): void {
    if (this.eof) this.open.push(self);
  }

  private endOfInput(self: OpenConstruct): void {
    this.pos = this.s.length;
    this.eof = true;
    this.open.push(self);
  }

  private skipBlanks(): void {
    while (isBlank(this.at(this.pos))) this.pos++;
  }

  private skipComment(): void {
    const nl = this.s.indexOf("\n", this.pos);
    this.pos = nl < 0 ? this.s.length : nl;
  }

  /**
   * A list of commands: the whole input, or the inside of `$(...)`, `<(...)`
   * and `>(...)` when `inSubst` (then an unmatched `)` closes it).
   */
  private commands(inSubst: boolean): void {
    const frames: Frame[] = [];
    // True where a reserved word would be recognised: the first word of a command.
    let cmdPos = true;
    // True while the innermost list (after `if`, `then`, `do`, `{`, ...) has no
    // command yet: bash rejects `if then`, `{ }` and `do done` outright.
    let listEmpty = true;
    // After `!` or `time` an empty pipeline is allowed (`time;` is valid).
    let prefixOnly = false;
    // After a redirection operator the next token must be its target word.
    let needWord = false;
    let pendingOp: PendingOperator | null = null;
    // Inside `[[ ... ]]`, `(`, `)`, `<`, `>`, `&&` and `||` are operands of the
    // test, not shell syntax.
    let dbracket = false;
    // `[[` with nothing after it on the line is an error, not a continuation.
    let dbracketEmpty = false;
    // True right after the first word of a simple command, the only place
    // where `()` makes a function definition.
    let justReadName = false;
    // After `fi`, `done`, `}`, `)`, `]]`, ... only redirections and operators
    // may follow: `(a) b` is a syntax error.
    let afterCompound = false;
    // Whether the words of the current simple command so far are all
    // assignments, and its command name: both decide where `x=(...)` is an
    // array assignment (`x=1 y=(a) cmd`, `declare -a y=(a)`) rather than an error.
    let assignmentsOnly = true;
    let commandName = "";

    const unwind = (): void => {
      // Heredoc bodies come before anything else on the next line.
      this.flushHeredocs();
      if (pendingOp !== null) this.open.push({ kind: "operator", operator: pendingOp });
      for (let i = frames.length - 1; i >= 0; i--) this.open.push(expectationOf(frames[i]));
      if (inSubst) this.open.push({ kind: "keyword", expects: ")" });
    };
    const syntax = (): void => {
      this.syntaxError = true;
    };
    /** In the header of `for`, `case` or `function`, where only words may come. */
    const inHeader = (): boolean => {
      const top = frames[frames.length - 1];
      return (
        (top?.type === "for" && top.stage === "name") ||
        (top?.type === "case" && top.stage !== "body") ||
        top?.type === "fnname"
      );
    };
    /** A command separator (`;`, `&`): fine only after a command. */
    const separator = (): boolean => {
      if ((cmdPos && !prefixOnly) || inHeader()) return false;
      const top = frames[frames.length - 1];
      if (top?.type === "for") {
        // `for i in a b` then a newline, then `;`: the list already ended.
        if (top.stage === "awaitDo") return false;
        top.stage = "awaitDo";
      }
      cmdPos = true;
      prefixOnly = false;
      afterCompound = false;
      return true;
    };

    for (;;) {
      this.skipBlanks();
      const c = this.at(this.pos);
      const next = this.at(this.pos + 1);
      const cur: Frame | undefined = frames[frames.length - 1];
      const canDefine = justReadName;
      justReadName = false;

      if (c === "\\" && next === "\n") {
        // Line continuation: bash removes both characters before tokenising.
        this.pos += 2;
        continue;
      }
      const isTarget = needWord;
      if (needWord) {
        // `echo >` then Enter is "unexpected token `newline'", not a continuation.
        const procSubst = (c === "<" || c === ">") && next === "(";
        if (c === "" || c === "#" || (isMeta(c) && !procSubst)) return syntax();
        needWord = false;
      }
      if ((c === "" || c === "\n" || c === "#") && dbracket && dbracketEmpty) return syntax();
      if (c === "") {
        // The user pressed Enter, so the end of the input is also a newline:
        // `for` or `case` alone there is an error, not a continuation.
        if (cur?.type === "for" && cur.stage === "name") return syntax();
        if (cur?.type === "case" && (cur.stage === "word" || cur.stage === "patternNext")) return syntax();
        if (cur?.type === "fnname") return syntax();
        this.eof = true;
        unwind();
        return;
      }
      if (c === "\\" && next === "") {
        this.pos++;
        this.eof = true;
        this.open.push(BACKSLASH);
        unwind();
        return;
      }
      if (c === "#") {
        // We are at the start of a word here, the only place `#` starts a comment.
        this.skipComment();
        continue;
      }
      if (c === "\n") {
        this.pos++;
        dbracket = false;
        this.readHeredocBodies();
        if (this.eof) {
          unwind();
          return;
        }
        // After `|`, `&&`, `||` bash skips newlines while waiting for the next command.
        if (pendingOp !== null) continue;
        if (cur?.type === "for") {
          // `for` needs its name on the same line; `for i` may still be
          // followed by `in` on the next line, so only the word list ends here.
          if (cur.stage === "name") return syntax();
          if (cur.stage === "list") cur.stage = "awaitDo";
          continue;
        }
        if (cur?.type === "case" && (cur.stage === "word" || cur.stage === "patternNext")) return syntax();
        if (cur?.type === "case" && cur.stage !== "body") continue;
        if (cur?.type === "fnname") return syntax();
        cmdPos = true;
        prefixOnly = false;
        afterCompound = false;
        continue;
      }
      if (dbracket && "()<>&|".includes(c)) {
        this.pos++;
        continue;
      }

      if (c === ";") {
        dbracket = false;
        if (next === ";" || next === "&") {
          // Case clause terminators `;;`, `;&`, `;;&`.
          this.pos += next === ";" && this.at(this.pos + 2) === "&" ? 3 : 2;
          if (cur?.type !== "case" || cur.stage !== "body" || pendingOp !== null) return syntax();
          cur.stage = "pattern";
          cmdPos = true;
          afterCompound = false;
          continue;
        }
        this.pos++;
        // An empty command (`; x`, `then ;`, `| ;`) is a syntax error in bash.
        if (!separator()) return syntax();
        continue;
      }

      if (c === "&") {
        if (next === ">") {
          // `&>` and `&>>` redirect both streams.
          this.pos += this.at(this.pos + 2) === ">" ? 3 : 2;
          if (inHeader() || cur?.type === "for") return syntax();
          if (cmdPos) {
            listEmpty = false;
            assignmentsOnly = true;
            commandName = "";
          }
          cmdPos = false;
          needWord = true;
          pendingOp = null;
          continue;
        }
        dbracket = false;
        if (next === "&") {
          this.pos += 2;
          if (cmdPos || inHeader() || cur?.type === "for") return syntax();
          pendingOp = "&&";
          cmdPos = true;
          afterCompound = false;
          continue;
        }
        this.pos++;
        if (cur?.type === "for" || !separator()) return syntax();
        continue;
      }

      if (c === "|") {
        if (cur?.type === "case" && cur.stage === "patternNext" && next !== "|") {
          // Alternation between case patterns: `a|b)`.
          this.pos++;
          cur.stage = "patternWord";
          continue;
        }
        const op: PendingOperator = next === "|" ? "||" : "|";
        this.pos += next === "|" || next === "&" ? 2 : 1;
        if (cmdPos || inHeader() || cur?.type === "for") return syntax();
        pendingOp = op;
        cmdPos = true;
        afterCompound = false;
        continue;
      }

      if (c === "(") {
        if (cur?.type === "case" && cur.stage === "pattern") {
          // Optional opening parenthesis of a case pattern: `(a) ...`.
          this.pos++;
          cur.stage = "patternWord";
          continue;
        }
        if (cur?.type === "case" && cur.stage !== "body") return syntax();
        let j = this.pos + 1;
        while (isBlank(this.at(j))) j++;
        if (this.at(j) === ")") {
          // `f()` or `function f ()`: a function definition, the body follows.
          this.pos = j + 1;
          if (cur?.type === "fnhead") continue;
          if (!canDefine) return syntax();
          frames.push({ type: "fnhead" });
          cmdPos = true;
          continue;
        }
        if (cur?.type === "for" && cur.stage === "name" && next === "(") {
          // C-style `for ((i = 0; i < n; i++))`.
          this.pos += 2;
          const result = this.arithOrRetry();
          if (result === "halt") {
            if (this.eof) unwind();
            return;
          }
          if (result === "retry") return syntax();
          cur.stage = "afterName";
          continue;
        }
        if (!cmdPos) return syntax();
        if (cur?.type === "fnhead") frames.pop();
        pendingOp = null;
        prefixOnly = false;
        if (next === "(") {
          // `(( expr ))` arithmetic command.
          this.pos += 2;
          const result = this.arithOrRetry();
          if (result === "halt") {
            if (this.eof) unwind();
            return;
          }
          if (result === "ok") {
            cmdPos = false;
            listEmpty = false;
            afterCompound = true;
            continue;
          }
          // Not arithmetic after all: bash re-reads `((a) )` as nested subshells.
          this.pos -= 2;
        }
        this.pos++;
        frames.push({ type: "subshell" });
        cmdPos = true;
        listEmpty = true;
        continue;
      }

      if (c === ")") {
        this.pos++;
        if (cur?.type === "case" && cur.stage === "patternNext") {
          // End of a case pattern, not of any enclosing `(` or `$(`.
          cur.stage = "body";
          cmdPos = true;
          listEmpty = true;
          continue;
        }
        if (pendingOp !== null || inHeader()) return syntax();
        if (cur?.type === "subshell") {
          if (listEmpty) return syntax();
          frames.pop();
          cmdPos = false;
          listEmpty = false;
          afterCompound = true;
          continue;
        }
        if (inSubst && frames.length === 0) return;
        return syntax();
      }

      if (c === "<" || c === ">") {
        if (inHeader() || cur?.type === "for") return syntax();
        if (cmdPos) {
          if (cur?.type === "fnhead") return syntax();
          listEmpty = false;
          assignmentsOnly = true;
          commandName = "";
        }
        if (next === "(") {
          // Process substitution `<(cmd)` / `>(cmd)` is a word.
          if (afterCompound && !isTarget) return syntax();
          this.pos += 2;
          if (this.deeper(() => this.commands(true))) {
            if (this.eof) unwind();
            return;
          }
          cmdPos = false;
          pendingOp = null;
          continue;
        }
        cmdPos = false;
        pendingOp = null;
        if (c === "<" && next === "<" && this.at(this.pos + 2) !== "<") {
          this.pos += 2;
          const stripTabs = this.at(this.pos) === "-";
          if (stripTabs) this.pos++;
          this.skipBlanks();
          const delimiter = this.heredocDelimiter();
          if (this.eof) {
            unwind();
            return;
          }
          // `cat <<` with no word: bash reports a syntax error at the newline.
          if (delimiter === null) return syntax();
          this.pendingHeredocs.push({ delimiter, stripTabs });
          continue;
        }
        // Any other redirection: <, >, >>, <<< (here-string), <&, >&, <>, >|.
        this.pos++;
        if (c === "<" && next === "<") this.pos += 2;
        else if (next === ">" || next === "&" || (c === ">" && next === "|") || (c === "<" && next === ">")) {
          this.pos++;
        }
        needWord = true;
        continue;
      }

      // A word.
      const before = this.pos;
      const arrayOk = cmdPos || assignmentsOnly || ASSIGNMENT_BUILTINS.has(commandName);
      const w = this.word(arrayOk && !dbracket && !isTarget);
      if (this.halted) {
        if (this.eof) unwind();
        return;
      }
      // Never loop without progress, whatever the input.
      if (this.pos === before) this.pos++;
      const after = this.at(this.pos);
      if (w.plain && /^[0-9]+$/.test(w.text) && (after === "<" || after === ">") && !dbracket && !inHeader()) {
        // The file descriptor of a redirection (`2>&1`), not a word.
        continue;
      }
      const afterOperator = pendingOp !== null;
      pendingOp = null;
      const kw = w.plain ? w.text : "";

      if (dbracket) {
        dbracketEmpty = false;
        if (kw === "]]") {
          dbracket = false;
          afterCompound = true;
        }
        continue;
      }
      if (afterCompound && !isTarget) {
        // A compound command is complete by itself, so a reserved word that
        // ends a list may follow it directly: `if (a) then`, `fi fi`.
        if (!CLOSERS.has(kw) && kw !== "esac") return syntax();
        cmdPos = true;
        afterCompound = false;
      }
      if (!isTarget && (cmdPos || assignmentsOnly)) {
        assignmentsOnly = ASSIGNMENT_WORD.test(w.text);
        if (!assignmentsOnly) commandName = w.text;
      }
      if (cur?.type === "for") {
        switch (cur.stage) {
          case "name":
            cur.stage = "afterName";
            continue;
          case "afterName":
            if (kw === "in") cur.stage = "list";
            else if (kw === "do") {
              frames[frames.length - 1] = { type: "loop", expects: "done" };
              cmdPos = true;
              listEmpty = true;
            } else return syntax();
            continue;
          case "list":
            continue;
          case "awaitDo":
            if (kw === "{") {
              // Bash also takes a brace group as the body: `for i in a; { ...; }`.
              frames[frames.length - 1] = { type: "brace" };
            } else if (kw === "do") {
              frames[frames.length - 1] = { type: "loop", expects: "done" };
            } else return syntax();
            cmdPos = true;
            listEmpty = true;
            continue;
        }
      }
      if (cur?.type === "case" && cur.stage !== "body") {
        if (cur.stage === "word") cur.stage = "in";
        else if (cur.stage === "in") {
          if (kw !== "in") return syntax();
          cur.stage = "pattern";
        } else if (cur.stage === "pattern" && kw === "esac") {
          frames.pop();
          cmdPos = false;
          listEmpty = false;
          afterCompound = true;
        } else if (cur.stage === "patternNext") {
          // `a b)`: two words in one pattern.
          return syntax();
        } else {
          // A pattern word: reserved words are plain words there.
          cur.stage = "patternNext";
        }
        continue;
      }
      if (cur?.type === "fnname") {
        frames[frames.length - 1] = { type: "fnhead" };
        cmdPos = true;
        continue;
      }
      if (!cmdPos) continue;

      // Reserved words count only as the first word of a command: `echo done`
      // is an echo, and `x=1 if` is not an `if` either.
      cmdPos = false;
      prefixOnly = false;
      if (cur?.type === "fnhead") {
        // A function body must be a compound command.
        if (!COMPOUND_STARTERS.has(kw)) return syntax();
        frames.pop();
      }
      const top: Frame | undefined = frames[frames.length - 1];
      // The words that end or divide a compound command need a command before
      // them: `if then`, `{ }`, `echo a | fi` are syntax errors.
      const closesList = CLOSERS.has(kw);
      if (closesList && (listEmpty || afterOperator)) return syntax();
      listEmpty = false;
      justReadName = !RESERVED.has(kw) && !ASSIGNMENT_WORD.test(w.text);
      switch (kw) {
        case "if":
          frames.push({ type: "if", expects: "then" });
          cmdPos = true;
          listEmpty = true;
          break;
        case "then":
          if (top?.type !== "if" || top.expects !== "then") return syntax();
          top.expects = "fi";
          cmdPos = true;
          listEmpty = true;
          break;
        case "elif":
          if (top?.type !== "if" || top.expects !== "fi") return syntax();
          top.expects = "then";
          cmdPos = true;
          listEmpty = true;
          break;
        case "else":
          if (top?.type !== "if" || top.expects !== "fi") return syntax();
          cmdPos = true;
          listEmpty = true;
          break;
        case "fi":
          if (top?.type !== "if" || top.expects !== "fi") return syntax();
          frames.pop();
          afterCompound = true;
          break;
        case "while":
        case "until":
          frames.push({ type: "loop", expects: "do" });
          cmdPos = true;
          listEmpty = true;
          break;
        case "do":
          if (top?.type !== "loop" || top.expects !== "do") return syntax();
          top.expects = "done";
          cmdPos = true;
          listEmpty = true;
          break;
        case "done":
          if (top?.type !== "loop" || top.expects !== "done") return syntax();
          frames.pop();
          afterCompound = true;
          break;
        case "for":
        case "select":
          frames.push({ type: "for", stage: "name" });
          break;
        case "case":
          frames.push({ type: "case", stage: "word" });
          break;
        case "esac":
          if (top?.type !== "case") return syntax();
          frames.pop();
          afterCompound = true;
          break;
        case "{":
          frames.push({ type: "brace" });
          cmdPos = true;
          listEmpty = true;
          break;
        case "}":
          if (top?.type !== "brace") return syntax();
          frames.pop();
          afterCompound = true;
          break;
        case "function":
          frames.push({ type: "fnname" });
          break;
        case "in":
        case "]]":
          // `in` only means something after `for NAME` or `case WORD`, `]]` only inside `[[`.
          return syntax();
        case "[[":
          dbracket = true;
          dbracketEmpty = true;
          break;
        case "!":
        case "time":
          // Prefixes: the pipeline they apply to follows, and may be empty.
          cmdPos = true;
          prefixOnly = true;
          break;
      }
    }
  }

  /**
   * Scans `((...))` after its opening parentheses. "retry" means the
   * parentheses do not balance as arithmetic (`$((a) b)`): bash then re-reads
   * the text as nested command substitution or subshells, so the position and
   * the pending heredocs are restored for the caller to do the same.
   */
  private arithOrRetry(): "ok" | "retry" | "halt" {
    const start = this.pos;
    const pending = this.pendingHeredocs.slice();
    const balanced = this.nest(() => this.arith());
    if (this.halted) return "halt";
    if (balanced) return "ok";
    // Each retry rescans text, so a budget keeps adversarial input linear.
    if (--this.retriesLeft < 0) {
      this.syntaxError = true;
      return "halt";
    }
    this.pos = start;
    this.pendingHeredocs = pending;
    return "retry";
  }

  /**
   * An unquoted word, up to the next metacharacter. `plain` is false when any
   * part of it was quoted, escaped or expanded, because `"done"` or `\fi` is
   * never a reserved word. `arrayOk` says whether `name=(` may start an array.
   */
  private word(arrayOk: boolean): { text: string; plain: boolean } {
    const start = this.pos;
    let plain = true;
    while (this.pos < this.s.length) {
      const c = this.at(this.pos);
      if (c === "(") {
        const prev = this.at(this.pos - 1);
        // `arr=(a b)` assignments and extglob patterns like `@(a|b)` keep the
        // parentheses inside the word.
        const extglob = this.pos > start && "?*+@!".includes(prev);
        const array =
          arrayOk && prev === "=" && ARRAY_START.test(this.s.slice(start, this.pos).replaceAll("\\\n", ""));
        if (extglob || array) {
          this.pos++;
          plain = false;
          if (this.deeper(() => this.parenGroup(array))) break;
          continue;
        }
        break;
      }
      if (isMeta(c)) break;
      if (c === "\\") {
        const n = this.at(this.pos + 1);
        if (n === "") {
          this.endOfInput(BACKSLASH);
          break;
        }
        // Backslash-newline disappears before bash tokenises (`do\<newline>ne`
        // is `done`); any other escape makes the word quoted.
        if (n !== "\n") plain = false;
        this.pos += 2;
        continue;
      }
      if (c === "'" || c === '"' || c === "`" || c === "$") {
        plain = false;
        if (this.quoted()) break;
        continue;
      }
      this.pos++;
    }
    return { text: this.s.slice(start, this.pos).replaceAll("\\\n", ""), plain };
  }

  /**
   * The quote, escape or expansion starting at `pos`, in contexts where all of
   * them are active (words, `${...}`, `$((...))`, array assignments).
   * Returns true when scanning must stop.
   */
  private quoted(): boolean {
    const c = this.at(this.pos);
    switch (c) {
      case "'":
        this.pos++;
        return this.deeper(() => this.singleQuote());
      case '"':
        this.pos++;
        return this.deeper(() => this.doubleQuote());
      case "`":
        this.pos++;
        return this.deeper(() => this.backquote());
      case "$":
        return this.dollar(false);
      case "\\":
        if (this.at(this.pos + 1) === "") {
          // The enclosing construct is what is open; it records itself.
          this.pos = this.s.length;
          this.eof = true;
          return true;
        }
        this.pos += 2;
        return false;
    }
    this.pos++;
    return false;
  }

  /** At a `$`: scans the expansion or quote it starts, if any. Returns true when scanning must stop. */
  private dollar(inDoubleQuotes: boolean): boolean {
    const n = this.at(this.pos + 1);
    if (n === "(") {
      if (this.at(this.pos + 2) === "(") {
        this.pos += 3;
        const result = this.arithOrRetry();
        if (result !== "retry") return result === "halt";
        // `$((a) b)` is not arithmetic. Bash then only matches parentheses up
        // to the end of the command substitution, and so does this.
        this.pos--;
        return this.deeper(() => this.parenGroup(false));
      }
      this.pos += 2;
      return this.deeper(() => this.commands(true));
    }
    if (n === "{") {
      this.pos += 2;
      return this.deeper(() => this.braceParam());
    }
    if (n !== "" && "$#?!-@*0123456789".includes(n)) {
      // A special parameter: `$$((` is `$$` followed by `((`, not `$((`.
      this.pos += 2;
      return false;
    }
    // `$'...'` and `$"..."` are quotes only outside double quotes.
    if (!inDoubleQuotes && n === "'") {
      this.pos += 2;
      return this.deeper(() => this.ansiQuote());
    }
    if (!inDoubleQuotes && n === '"') {
      this.pos += 2;
      return this.deeper(() => this.doubleQuote());
    }
    this.pos++;
    return false;
  }

  /** After `'`: nothing is special until the next `'`. */
  private singleQuote(): void {
    const close = this.s.indexOf("'", this.pos);
    if (close < 0) this.endOfInput({ kind: "quote", quote: "'" });
    else this.pos = close + 1;
  }

  /** After `$'`: like single quotes, but a backslash escapes the next character. */
  private ansiQuote(): void {
    while (this.pos < this.s.length) {
      const c = this.at(this.pos);
      if (c === "'") {
        this.pos++;
        return;
      }
      this.pos += c === "\\" ? 2 : 1;
    }
    this.endOfInput({ kind: "quote", quote: "$'" });
  }

  /**
   * After a backquote. The old-style command substitution is only delimited
   * here, not scanned as commands: that is enough for the usual one-liners.
   */
  private backquote(): void {
    while (this.pos < this.s.length) {
      const c = this.at(this.pos);
      if (c === "`") {
        this.pos++;
        return;
      }
      this.pos += c === "\\" ? 2 : 1;
    }
    this.endOfInput({ kind: "quote", quote: "`" });
  }

  /** After `"`: backslash escapes, and `$(...)`, `${...}`, `$((...))` and backquotes nest. */
  private doubleQuote(): void {
    const self: OpenConstruct = { kind: "quote", quote: '"' };
    while (this.pos < this.s.length) {
      const c = this.at(this.pos);
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === "\\") {
        this.pos += 2;
        continue;
      }
      if (c === "`") {
        this.pos++;
        if (this.deeper(() => this.backquote())) return this.stopWith(self);
        continue;
      }
      if (c === "$") {
        if (this.dollar(true)) return this.stopWith(self);
        continue;
      }
      this.pos++;
    }
    this.endOfInput(self);
  }

  /** After `${`: up to the matching `}`, with quotes and expansions nested. */
  private braceParam(): void {
    const self: OpenConstruct = { kind: "keyword", expects: "}" };
    let depth = 0;
    while (this.pos < this.s.length) {
      const c = this.at(this.pos);
      if (c === "}") {
        this.pos++;
        if (depth === 0) return;
        depth--;
        continue;
      }
      if (c === "{") {
        depth++;
        this.pos++;
        continue;
      }
      if ("'\"`$\\".includes(c)) {
        if (this.quoted()) return this.stopWith(self);
        continue;
      }
      this.pos++;
    }
    this.endOfInput(self);
  }

  /**
   * After `((` or `$((`: up to the `))` that balances it. Returns false when a
   * `)` closes the opening parentheses without a second one.
   */
  private arith(): boolean {
    const self: OpenConstruct = { kind: "keyword", expects: "))" };
    let depth = 0;
    while (this.pos < this.s.length) {
      const c = this.at(this.pos);
      if (c === "(") {
        depth++;
        this.pos++;
        continue;
      }
      if (c === ")") {
        if (depth > 0) {
          depth--;
          this.pos++;
          continue;
        }
        if (this.at(this.pos + 1) === ")") {
          this.pos += 2;
          return true;
        }
        return false;
      }
      if ("'\"`$\\".includes(c)) {
        if (this.quoted()) {
          this.stopWith(self);
          return true;
        }
        continue;
      }
      this.pos++;
    }
    this.endOfInput(self);
    return true;
  }

  /**
   * After the `(` of `arr=(...)` or an extglob `@(...)`: up to the balancing
   * `)`. An array holds only words, so operators in it are syntax errors.
   */
  private parenGroup(array: boolean): void {
    const self: OpenConstruct = { kind: "keyword", expects: ")" };
    let depth = 0;
    while (this.pos < this.s.length) {
      const c = this.at(this.pos);
      if (array && ";&|<>(".includes(c)) {
        this.syntaxError = true;
        return;
      }
      if (c === "(") {
        depth++;
        this.pos++;
        continue;
      }
      if (c === ")") {
        this.pos++;
        if (depth === 0) return;
        depth--;
        continue;
      }
      const prev = this.at(this.pos - 1);
      if (c === "#" && (isBlank(prev) || prev === "\n" || prev === "(")) {
        // Multi-line array assignments may carry comments.
        this.skipComment();
        continue;
      }

      if ("'\"`$\\".includes(c)) {
        if (this.quoted()) return this.stopWith(self);
        continue;
      }
      this.pos++;
    }
    this.endOfInput(self);
  }

  /**
   * The word after `<<` or `<<-`, with quotes removed, as bash compares it to
   * the body's lines. Returns null when there is no word or the scan halted.
   */
  private heredocDelimiter(): string | null {
    // `<<#` is a comment, and so no delimiter at all.
    if (this.at(this.pos) === "#") return null;
    const start = this.pos;
    // The delimiter is a full word to bash, quotes and expansions included.
    this.word(false);
    const raw = this.s.slice(start, this.pos).replaceAll("\\\n", "");
    if (this.halted || raw === "") return null;
    return removeQuotes(raw);
  }

  /**
   * Called just after an unquoted newline: consumes the bodies of the pending
   * heredocs, without scanning them, each up to the line equal to its delimiter.
   */
  private readHeredocBodies(): void {
    while (this.pendingHeredocs.length > 0) {
      const doc = this.pendingHeredocs[0];
      for (;;) {
        const nl = this.s.indexOf("\n", this.pos);
        const end = nl < 0 ? this.s.length : nl;
        let line = this.s.slice(this.pos, end);
        if (doc.stripTabs) line = line.replace(/^\t+/, "");
        if (line === doc.delimiter) {
          this.pos = nl < 0 ? this.s.length : nl + 1;
          break;
        }
        if (nl < 0) {
          this.pos = this.s.length;
          this.eof = true;
          this.flushHeredocs();
          return;
        }
        this.pos = nl + 1;
      }
      this.pendingHeredocs.shift();
    }
  }

  private flushHeredocs(): void {
    for (const doc of this.pendingHeredocs) this.open.push({ kind: "heredoc", delimiter: doc.delimiter });
    this.pendingHeredocs = [];
  }
}

/**
 * Scans the whole input so far (lines joined with "\n", no trailing newline)
 * and returns what is still open, innermost first, or [] when the input is
 * complete.
 */
export function openConstructs(input: string): OpenConstruct[] {
  const scanner = new Scanner(input);
  try {
    scanner.run();
  } catch (error) {
    // Absurd nesting: treat it as complete so the shell runs it and reports
    // whatever it makes of it, rather than trapping the user in `> ` prompts.
    if (error instanceof TooDeep || error instanceof RangeError) return [];
    throw error;
  }
  return scanner.syntaxError ? [] : scanner.open;
}

export function isComplete(input: string): boolean {
  return openConstructs(input).length === 0;
}

/** Blank lines and comment-only lines, which bash reads as nothing. */
const SKIPPABLE_LINE = /^[ \t]*(#.*)?$/;

/**
 * Splits a multi-line script (a pasted block or a file) into complete command
 * chunks the way bash reads them line by line: each chunk is the smallest run
 * of lines that is complete. A trailing incomplete chunk is returned as the
 * last element with complete=false.
 *
 * Blank and comment-only lines between commands are dropped; inside an open
 * construct (a heredoc body, a multi-line loop) they are kept, since they are
 * part of it. CRLF line ends are accepted because pasted text often has them.
 */
export function splitCommands(script: string): { text: string; complete: boolean }[] {
  const chunks: { text: string; complete: boolean }[] = [];
  let current: string[] = [];
  let open: OpenConstruct[] = [];
  for (const line of script.split(/\r?\n/)) {
    if (current.length === 0 && SKIPPABLE_LINE.test(line)) continue;
    current.push(line);
    // Inside a heredoc body nothing is scanned, so a line that cannot be the
    // delimiter (even with `<<-` tab stripping) changes nothing. Skipping the
    // rescan keeps a pasted manifest of thousands of lines linear.
    const reading = current.length > 1 ? open[0] : undefined;
    if (reading?.kind === "heredoc" && line !== reading.delimiter && line.replace(/^\t+/, "") !== reading.delimiter) {
      continue;
    }
    const text = current.join("\n");
    open = openConstructs(text);
    if (open.length === 0) {
      chunks.push({ text, complete: true });
      current = [];
    }
  }
  if (current.length > 0) chunks.push({ text: current.join("\n"), complete: false });
  return chunks;
}

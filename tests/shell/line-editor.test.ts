import { beforeEach, describe, expect, it, vi } from "vitest";
import { LineEditor, type EditorEffect } from "../../src/shell/line-editor.ts";

// Counts the characters the continuation scanner reads, so the paste tests can
// check that work grows linearly with the paste without depending on timing.
const scanned = vi.hoisted(() => ({ calls: 0, chars: 0 }));
vi.mock("../../src/shell/continuation.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/shell/continuation.ts")>();
  return {
    ...real,
    openConstructs: (input: string) => {
      scanned.calls++;
      scanned.chars += input.length;
      return real.openConstructs(input);
    },
  };
});

const KEY = {
  enter: "\r",
  backspace: "\x7f",
  ctrlH: "\b",
  delete: "\x1b[3~",
  left: "\x1b[D",
  right: "\x1b[C",
  up: "\x1b[A",
  down: "\x1b[B",
  home: "\x1b[H",
  end: "\x1b[F",
  altB: "\x1bb",
  altF: "\x1bf",
  altBackspace: "\x1b\x7f",
  altD: "\x1bd",
  esc: "\x1b",
  ctrlA: "\x01",
  ctrlB: "\x02",
  ctrlC: "\x03",
  ctrlD: "\x04",
  ctrlE: "\x05",
  ctrlF: "\x06",
  ctrlG: "\x07",
  tab: "\t",
  ctrlK: "\x0b",
  ctrlL: "\x0c",
  ctrlN: "\x0e",
  ctrlP: "\x10",
  ctrlR: "\x12",
  ctrlT: "\x14",
  ctrlU: "\x15",
  ctrlW: "\x17",
  ctrlY: "\x19",
} as const;

/** Feeds each chunk separately, as xterm delivers keys, and returns all effects. */
function press(editor: LineEditor, ...chunks: string[]): EditorEffect[] {
  return chunks.flatMap((c) => editor.feed(c));
}

/** An editor holding `text` with the cursor `fromEnd` code units before the end. */
function editing(text: string, fromEnd = 0, history: string[] = []): LineEditor {
  const e = new LineEditor(history);
  e.feed(text);
  for (let i = 0; i < fromEnd; i++) e.feed(KEY.left);
  return e;
}

function submits(effects: EditorEffect[]): string[] {
  return effects.flatMap((e) => (e.type === "submit" ? [e.command] : []));
}

const line = (e: LineEditor): [string, number] => [e.state.buffer, e.state.cursor];

describe("typing and moving", () => {
  it("inserts text at the cursor and asks for one redraw", () => {
    const e = new LineEditor();
    expect(e.feed("kubectl get")).toEqual([{ type: "redraw" }]);
    press(e, KEY.home, "sudo ");
    expect(line(e)).toEqual(["sudo kubectl get", 5]);
  });

  it("moves with the arrows in both of xterm's cursor key modes", () => {
    for (const [left, right] of [["\x1b[D", "\x1b[C"], ["\x1bOD", "\x1bOC"]]) {
      const e = editing("abc");
      press(e, left as string, left as string);
      expect(e.state.cursor).toBe(1);
      press(e, right as string);
      expect(e.state.cursor).toBe(2);
    }
  });

  it("moves with Ctrl+B and Ctrl+F", () => {
    const e = editing("abc");
    press(e, KEY.ctrlB, KEY.ctrlB, KEY.ctrlF);
    expect(e.state.cursor).toBe(2);
  });

  it("rings the bell at either end of the line", () => {
    const e = editing("ab");
    expect(e.feed(KEY.right)).toEqual([{ type: "bell" }]);
    press(e, KEY.home);
    expect(e.feed(KEY.left)).toEqual([{ type: "bell" }]);
    expect(e.feed(KEY.ctrlB)).toEqual([{ type: "bell" }]);
  });

  it.each(["\x1b[H", "\x1bOH", "\x1b[1~", "\x01"])("goes home with %j", (home) => {
    const e = editing("kubectl get svc");
    e.feed(home);
    expect(e.state.cursor).toBe(0);
  });

  it.each(["\x1b[F", "\x1bOF", "\x1b[4~", "\x05"])("goes to the end with %j", (end) => {
    const e = editing("kubectl get svc", 5);
    e.feed(end);
    expect(e.state.cursor).toBe(15);
  });

  it("deletes backwards with DEL and with Ctrl+H, and rings at the start", () => {
    const e = editing("abcd", 1);
    press(e, KEY.backspace);
    expect(line(e)).toEqual(["abd", 2]);
    press(e, KEY.ctrlH);
    expect(line(e)).toEqual(["ad", 1]);
    press(e, KEY.home);
    expect(e.feed(KEY.backspace)).toEqual([{ type: "bell" }]);
  });

  it("deletes forwards with Delete, and rings at the end", () => {
    const e = editing("abcd", 2);
    press(e, KEY.delete);
    expect(line(e)).toEqual(["abd", 2]);
    press(e, KEY.end);
    expect(e.feed(KEY.delete)).toEqual([{ type: "bell" }]);
  });

  it("ignores unknown escape sequences and unbound control keys instead of inserting them", () => {
    const e = editing("ab");
    for (const seq of ["\x1b[15~", "\x1b[1;2P", "\x1bx", "\x1b[", "\x1bO", "\x1b[3;5~", "\x00", "\x1d", "\x1b\x1b"]) {
      expect(e.feed(seq)).toEqual([]);
    }
    expect(line(e)).toEqual(["ab", 2]);
  });

  it("handles several keys in one chunk", () => {
    const e = new LineEditor();
    press(e, "abc\x1b[D\x1b[DX\x7f\x05!");
    expect(line(e)).toEqual(["abc!", 4]);
  });
});

describe("word motions", () => {
  // readline's words are letters and digits: punctuation separates them.
  const text = "kubectl get svc/my-svc -o=json";

  it("moves back a word with Alt+B and with Alt+Left", () => {
    for (const key of [KEY.altB, "\x1b[1;3D", "\x1b[1;5D"]) {
      const e = editing(text);
      const stops: number[] = [];
      for (let i = 0; i < 6; i++) {
        e.feed(key);
        stops.push(e.state.cursor);
      }
      // json, o, svc, my, svc, get
      expect(stops).toEqual([26, 24, 19, 16, 12, 8]);
    }
  });

  it("moves forward to the end of a word with Alt+F and with Alt+Right", () => {
    for (const key of [KEY.altF, "\x1b[1;3C", "\x1b[1;5C"]) {
      const e = editing(text);
      e.feed(KEY.home);
      const stops: number[] = [];
      for (let i = 0; i < 7; i++) {
        e.feed(key);
        stops.push(e.state.cursor);
      }
      expect(stops).toEqual([7, 11, 15, 18, 22, 25, 30]);
    }
  });

  it("counts underscores as punctuation, as readline does", () => {
    const e = editing("MY_VAR");
    e.feed(KEY.altB);
    expect(e.state.cursor).toBe(3);
  });

  it("kills the previous word with Alt+Backspace, stopping at punctuation", () => {
    const e = editing(text, 8);
    e.feed(KEY.altBackspace);
    expect(line(e)).toEqual(["kubectl get svc/my- -o=json", 19]);
    e.feed(KEY.altBackspace);
    expect(line(e)).toEqual(["kubectl get svc/ -o=json", 16]);
    // Punctuation and blanks before the cursor go with the word before them.
    press(e, KEY.right, KEY.altBackspace);
    expect(line(e)).toEqual(["kubectl get -o=json", 12]);
  });

  it("kills the next word with Alt+D", () => {
    const e = editing(text);
    e.feed(KEY.home);
    press(e, KEY.altD, KEY.altD);
    expect(line(e)).toEqual([" svc/my-svc -o=json", 0]);
  });

  it("kills a whitespace-delimited word with Ctrl+W, punctuation included", () => {
    const e = editing(text);
    e.feed(KEY.ctrlW);
    expect(line(e)).toEqual(["kubectl get svc/my-svc ", 23]);
    e.feed(KEY.ctrlW);
    expect(line(e)).toEqual(["kubectl get ", 12]);
  });

  it("treats Korean letters as word characters", () => {
    const e = editing("echo 한글 단어");
    e.feed(KEY.altB);
    expect(e.state.cursor).toBe(8);
    e.feed(KEY.altBackspace);
    expect(e.state.buffer).toBe("echo 단어");
  });
});

describe("kill and yank", () => {
  it("kills to the start with Ctrl+U and yanks it back with Ctrl+Y", () => {
    const e = editing("kubectl get svc", 4);
    e.feed(KEY.ctrlU);
    expect(line(e)).toEqual([" svc", 0]);
    press(e, KEY.end, KEY.ctrlY);
    expect(line(e)).toEqual([" svckubectl get", 15]);
  });

  it("kills to the end with Ctrl+K", () => {
    const e = editing("kubectl get svc", 4);
    e.feed(KEY.ctrlK);
    expect(line(e)).toEqual(["kubectl get", 11]);
    press(e, KEY.home, KEY.ctrlY);
    expect(line(e)).toEqual([" svckubectl get", 4]);
  });

  it("collects consecutive kills into one yank, in line order", () => {
    const e = editing("kubectl get svc -o wide");
    press(e, KEY.ctrlW, KEY.ctrlW);
    expect(e.state.buffer).toBe("kubectl get svc ");
    press(e, KEY.ctrlY);
    expect(e.state.buffer).toBe("kubectl get svc -o wide");
  });

  it("starts a new kill after any other key", () => {
    const e = editing("one two three");
    press(e, KEY.ctrlW, KEY.left, KEY.ctrlW);
    // The second kill ("two" before the moved cursor) replaced the first.
    press(e, KEY.end, KEY.ctrlY);
    expect(e.state.buffer).toBe("one  two");
  });

  it("rings the bell when there is nothing to yank", () => {
    expect(new LineEditor().feed(KEY.ctrlY)).toEqual([{ type: "bell" }]);
  });
});

describe("transpose", () => {
  it("swaps the characters around the cursor and moves past them", () => {
    const e = editing("kubetcl", 2);
    e.feed(KEY.ctrlT);
    expect(line(e)).toEqual(["kubectl", 6]);
  });

  it("swaps the last two characters at the end of the line", () => {
    const e = editing("sl");
    e.feed(KEY.ctrlT);
    expect(line(e)).toEqual(["ls", 2]);
  });

  it("rings the bell at the start of the line or with one character", () => {
    const e = editing("ab", 2);
    expect(e.feed(KEY.ctrlT)).toEqual([{ type: "bell" }]);
    expect(editing("a").feed(KEY.ctrlT)).toEqual([{ type: "bell" }]);
  });

  it("swaps whole code points", () => {
    const e = editing("한😀");
    e.feed(KEY.ctrlT);
    expect(line(e)).toEqual(["😀한", 3]);
  });
});

describe("Korean and emoji", () => {
  it("edits `kubectl get svc 한글` character by character", () => {
    const e = editing("kubectl get svc 한글");
    expect(line(e)).toEqual(["kubectl get svc 한글", 18]);
    e.feed(KEY.left);
    expect(e.state.cursor).toBe(17);
    e.feed(KEY.backspace);
    expect(line(e)).toEqual(["kubectl get svc 글", 16]);
    e.feed("국어");
    expect(line(e)).toEqual(["kubectl get svc 국어글", 18]);
    e.feed(KEY.delete);
    expect(line(e)).toEqual(["kubectl get svc 국어", 18]);
    press(e, KEY.left, KEY.left, KEY.left);
    expect(e.state.cursor).toBe(15);
  });

  it("never splits a surrogate pair when moving or deleting", () => {
    const e = editing("a😀b");
    expect(e.state.cursor).toBe(4);
    e.feed(KEY.left);
    expect(e.state.cursor).toBe(3);
    e.feed(KEY.left);
    expect(e.state.cursor).toBe(1);
    e.feed(KEY.right);
    expect(e.state.cursor).toBe(3);
    e.feed(KEY.backspace);
    expect(line(e)).toEqual(["ab", 1]);
    e.feed("👩🏽‍💻");
    e.feed(KEY.left);
    e.feed(KEY.delete);
    // The ZWJ sequence is several code points: Delete removes the last one only.
    expect(e.state.buffer).toBe("a👩🏽‍b");
  });

  it("deletes a pair forwards as one character", () => {
    const e = editing("😀😁", 4);
    e.feed(KEY.delete);
    expect(line(e)).toEqual(["😁", 0]);
    e.feed(KEY.ctrlD);
    expect(line(e)).toEqual(["", 0]);
  });

  it("drops lone surrogates so the buffer stays well formed", () => {
    const e = new LineEditor();
    e.feed("a\ud83d");
    e.feed("\ude00b");
    expect(e.state.buffer).toBe("ab");
  });
});

describe("Enter", () => {
  it("submits a complete command and remembers it", () => {
    const e = editing("kubectl get svc", 4);
    expect(e.feed(KEY.enter)).toEqual([{ type: "submit", command: "kubectl get svc" }]);
    expect(e.state).toEqual({ buffer: "", cursor: 0, continuation: [] });
    expect(e.history).toEqual(["kubectl get svc"]);
  });

  it("asks for more lines while a construct is open and submits them joined", () => {
    const e = new LineEditor();
    expect(press(e, "for i in 1 2", KEY.enter)).toEqual([{ type: "redraw" }, { type: "continue" }]);
    expect(e.state.continuation).toEqual(["for i in 1 2"]);
    expect(press(e, "do echo $i", KEY.enter)).toEqual([{ type: "redraw" }, { type: "continue" }]);
    expect(press(e, "done", KEY.enter)).toEqual([{ type: "redraw" }, { type: "submit", command: "for i in 1 2\ndo echo $i\ndone" }]);
    expect(e.state.continuation).toEqual([]);
    expect(e.history).toEqual(["for i in 1 2\ndo echo $i\ndone"]);
  });

  it("continues after a trailing pipe or backslash", () => {
    const e = new LineEditor();
    expect(press(e, "kubectl get svc |", KEY.enter).at(-1)).toEqual({ type: "continue" });
    expect(submits(press(e, "wc -l", KEY.enter))).toEqual(["kubectl get svc |\nwc -l"]);
  });

  it("submits an empty line, which the host answers with a fresh prompt, without remembering it", () => {
    const e = new LineEditor();
    expect(e.feed(KEY.enter)).toEqual([{ type: "submit", command: "" }]);
    expect(press(e, "   ", KEY.enter)).toEqual([{ type: "redraw" }, { type: "submit", command: "   " }]);
    expect(e.history).toEqual([]);
  });

  it("skips immediate duplicates and lines starting with a space (HISTCONTROL=ignoreboth)", () => {
    const e = new LineEditor();
    press(e, "ls", KEY.enter, "ls", KEY.enter, " secret", KEY.enter, "pwd", KEY.enter, "ls", KEY.enter);
    expect(e.history).toEqual(["ls", "pwd", "ls"]);
  });

  it("keeps only the newest commands up to the limit", () => {
    const e = new LineEditor(["a", "b", "c"], { historyLimit: 3 });
    press(e, "d", KEY.enter);
    expect(e.history).toEqual(["b", "c", "d"]);
    expect(new LineEditor(["a", "b", "c", "d"], { historyLimit: 2 }).history).toEqual(["c", "d"]);
    const none = new LineEditor(["a"], { historyLimit: 0 });
    press(none, "b", KEY.enter);
    expect(none.history).toEqual([]);
  });

  it("returns a copy of the history", () => {
    const e = new LineEditor(["a"]);
    (e.history as string[]).push("b");
    expect(e.history).toEqual(["a"]);
  });
});

describe("control keys", () => {
  it("Tab asks the host to complete the line at the cursor", () => {
    const e = editing("kubectl get sv", 0);
    expect(e.feed(KEY.tab)).toEqual([{ type: "complete", line: "kubectl get sv", cursor: 14 }]);
  });

  it("applyCompletion replaces the word and puts the cursor after it", () => {
    const e = editing("kubectl get sv -A", 3);
    e.applyCompletion(12, 14, "services ");
    expect(line(e)).toEqual(["kubectl get services  -A", 21]);
    // Out-of-range positions are clamped rather than corrupting the line.
    e.applyCompletion(30, 99, "!");
    expect(line(e)).toEqual(["kubectl get services  -A!", 25]);
  });

  it("Ctrl+C interrupts and drops the line and any open construct", () => {
    const e = new LineEditor();
    press(e, "for i in 1 2", KEY.enter, "do echo");
    expect(e.feed(KEY.ctrlC)).toEqual([{ type: "interrupt" }]);
    expect(e.state).toEqual({ buffer: "", cursor: 0, continuation: [] });
    expect(submits(press(e, "echo ok", KEY.enter))).toEqual(["echo ok"]);
  });

  it("Ctrl+L clears the screen and keeps the line", () => {
    const e = editing("kubectl", 2);
    expect(e.feed(KEY.ctrlL)).toEqual([{ type: "clear-screen" }]);
    expect(line(e)).toEqual(["kubectl", 5]);
  });

  it("Ctrl+D is end of input on an empty line and deletes a character otherwise", () => {
    const e = editing("ab", 2);
    expect(e.feed(KEY.ctrlD)).toEqual([{ type: "redraw" }]);
    expect(line(e)).toEqual(["b", 0]);
    press(e, KEY.end);
    expect(e.feed(KEY.ctrlD)).toEqual([{ type: "bell" }]);
    expect(new LineEditor().feed(KEY.ctrlD)).toEqual([{ type: "eof" }]);
  });

  it("Ctrl+D on the empty line of an open construct hands over what was typed, as bash does at end of input", () => {
    const e = new LineEditor();
    press(e, "cat <<EOF", KEY.enter, "hello", KEY.enter);
    expect(e.feed(KEY.ctrlD)).toEqual([{ type: "submit", command: "cat <<EOF\nhello" }]);
    expect(e.state.continuation).toEqual([]);
  });

  it("reset drops the input", () => {
    const e = new LineEditor();
    press(e, "echo 'open", KEY.enter, "more");
    e.reset();
    expect(e.state).toEqual({ buffer: "", cursor: 0, continuation: [] });
  });
});

describe("history navigation", () => {
  const history = ["kubectl get svc", "kubectl get servicecidr", "ls"];

  it("walks back and forth with Up and Down and keeps the draft", () => {
    const e = editing("kubectl des", 0, history);
    e.feed(KEY.up);
    expect(line(e)).toEqual(["ls", 2]);
    e.feed(KEY.up);
    expect(e.state.buffer).toBe("kubectl get servicecidr");
    press(e, KEY.down, KEY.down);
    expect(line(e)).toEqual(["kubectl des", 11]);
  });

  it.each([
    ["\x1b[A", "\x1b[B"],
    ["\x1bOA", "\x1bOB"],
    ["\x10", "\x0e"],
  ])("navigates with %j and %j", (up, down) => {
    const e = new LineEditor(history);
    press(e, up, up, up);
    expect(e.state.buffer).toBe("kubectl get svc");
    press(e, down);
    expect(e.state.buffer).toBe("kubectl get servicecidr");
  });

  it("rings the bell past the oldest and the newest entry", () => {
    const e = new LineEditor(["a"]);
    expect(e.feed(KEY.down)).toEqual([{ type: "bell" }]);
    e.feed(KEY.up);
    expect(e.feed(KEY.up)).toEqual([{ type: "bell" }]);
    expect(e.state.buffer).toBe("a");
  });

  it("remembers edits to recalled lines while browsing, and forgets them after a submit", () => {
    const e = new LineEditor(history);
    press(e, KEY.up, " -l", KEY.up, KEY.down);
    expect(e.state.buffer).toBe("ls -l");
    expect(submits(press(e, KEY.enter))).toEqual(["ls -l"]);
    expect(e.history).toEqual([...history, "ls -l"]);
    press(e, KEY.up, KEY.up);
    expect(e.state.buffer).toBe("ls");
  });

  it("recalls a multi-line command as one entry and submits it again", () => {
    const e = new LineEditor();
    press(e, "for i in 1 2; do", KEY.enter, "echo $i", KEY.enter, "done", KEY.enter);
    press(e, KEY.up);
    expect(e.state.buffer).toBe("for i in 1 2; do\necho $i\ndone");
    expect(submits(press(e, KEY.enter))).toEqual(["for i in 1 2; do\necho $i\ndone"]);
  });

  it("starts again from the newest entry after Ctrl+C", () => {
    const e = new LineEditor(history);
    press(e, KEY.up, KEY.up, KEY.ctrlC, KEY.up);
    expect(e.state.buffer).toBe("ls");
  });
});

describe("reverse incremental search", () => {
  const history = ["kubectl get svc", "kubectl apply -f cidr.yaml", "ls", "kubectl get servicecidr", "kubectl get servicecidr", "echo done"];
  let e: LineEditor;
  beforeEach(() => {
    e = editing("draft", 0, history);
  });

  it("finds the newest match as the query grows", () => {
    expect(e.feed(KEY.ctrlR)).toEqual([{ type: "redraw" }]);
    expect(e.state.search).toEqual({ query: "", match: null, failed: false });
    expect(e.state.buffer).toBe("draft");
    e.feed("get");
    expect(e.state.search).toEqual({ query: "get", match: "kubectl get servicecidr", failed: false });
    expect(line(e)).toEqual(["kubectl get servicecidr", 8]);
    e.feed(" svc");
    expect(e.state.search?.match).toBe("kubectl get svc");
  });

  it("finds older matches with Ctrl+R again, passing over repeats", () => {
    press(e, KEY.ctrlR, "kubectl");
    expect(e.state.search?.match).toBe("kubectl get servicecidr");
    e.feed(KEY.ctrlR);
    expect(e.state.search?.match).toBe("kubectl apply -f cidr.yaml");
    e.feed(KEY.ctrlR);
    expect(e.state.search?.match).toBe("kubectl get svc");
    expect(e.feed(KEY.ctrlR)).toEqual([{ type: "redraw" }, { type: "bell" }]);
    expect(e.state.search).toEqual({ query: "kubectl", match: "kubectl get svc", failed: true });
  });

  it("marks a failed search and keeps the last match", () => {
    press(e, KEY.ctrlR, "apply");
    expect(e.feed("z")).toEqual([{ type: "redraw" }, { type: "bell" }]);
    expect(e.state.search).toEqual({ query: "applyz", match: "kubectl apply -f cidr.yaml", failed: true });
    e.feed(KEY.backspace);
    expect(e.state.search).toEqual({ query: "apply", match: "kubectl apply -f cidr.yaml", failed: false });
  });

  it("Enter accepts the match and submits it", () => {
    press(e, KEY.ctrlR, "apply");
    expect(submits(e.feed(KEY.enter))).toEqual(["kubectl apply -f cidr.yaml"]);
    expect(e.state.search).toBeUndefined();
  });

  it.each([["Esc", KEY.esc], ["Ctrl+G", KEY.ctrlG]])("%s cancels and restores the line", (_, key) => {
    press(e, KEY.left, KEY.ctrlR, "apply");
    expect(e.feed(key)).toEqual([{ type: "redraw" }]);
    expect(e.state.search).toBeUndefined();
    expect(line(e)).toEqual(["draft", 4]);
  });

  it("an arrow accepts the match and then moves within it", () => {
    press(e, KEY.ctrlR, "apply");
    expect(e.state.cursor).toBe(8);
    e.feed(KEY.left);
    expect(e.state.search).toBeUndefined();
    expect(line(e)).toEqual(["kubectl apply -f cidr.yaml", 7]);
    // History position follows the match: Up goes to the entry before it, Down back to the draft.
    e.feed(KEY.up);
    expect(e.state.buffer).toBe("kubectl get svc");
    press(e, KEY.down, KEY.down, KEY.down, KEY.down, KEY.down, KEY.down);
    expect(e.state.buffer).toBe("draft");
  });

  it("editing keys accept the match and act on it", () => {
    press(e, KEY.ctrlR, "ls", KEY.ctrlE, " -l");
    expect(e.state.search).toBeUndefined();
    expect(line(e)).toEqual(["ls -l", 5]);
  });

  it("Ctrl+R on an empty query repeats the previous search", () => {
    press(e, KEY.ctrlR, "apply", KEY.esc, KEY.ctrlR, KEY.ctrlR);
    expect(e.state.search).toEqual({ query: "apply", match: "kubectl apply -f cidr.yaml", failed: false });
  });

  it("backspace to an empty query shows the original line again", () => {
    press(e, KEY.ctrlR, "ls", KEY.backspace, KEY.backspace);
    expect(e.state.search).toEqual({ query: "", match: null, failed: false });
    expect(e.state.buffer).toBe("draft");
    expect(e.feed(KEY.backspace)).toEqual([{ type: "bell" }]);
  });

  it("Ctrl+C ends the search and drops the line", () => {
    press(e, KEY.ctrlR, "ls");
    expect(e.feed(KEY.ctrlC)).toEqual([{ type: "interrupt" }]);
    expect(e.state).toEqual({ buffer: "", cursor: 0, continuation: [] });
  });

  it("searches Korean text", () => {
    const k = new LineEditor(["echo 안녕하세요", "echo hi"]);
    press(k, KEY.ctrlR, "안녕");
    expect(k.state.search?.match).toBe("echo 안녕하세요");
  });
});

const SERVICE_CIDR_BLOCK = `cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  name: newcidr1
spec:
  cidrs:
  - 10.96.0.0/24
EOF`;

describe("paste", () => {
  it("runs the ServiceCIDR docs block as one command with its exact text", () => {
    const e = new LineEditor();
    const effects = e.feed(`${SERVICE_CIDR_BLOCK}\n`);
    expect(submits(effects)).toEqual([SERVICE_CIDR_BLOCK]);
    expect(effects.filter((x) => x.type === "continue")).toHaveLength(8);
    expect(effects.at(-1)).toEqual({ type: "submit", command: SERVICE_CIDR_BLOCK });
    expect(e.state).toEqual({ buffer: "", cursor: 0, continuation: [] });
    expect(e.history).toEqual([SERVICE_CIDR_BLOCK]);
  });

  it("accepts the CRLF and CR line ends that terminals and clipboards produce", () => {
    for (const eol of ["\r\n", "\r"]) {
      const e = new LineEditor();
      expect(submits(e.feed(`${SERVICE_CIDR_BLOCK.split("\n").join(eol)}${eol}`))).toEqual([SERVICE_CIDR_BLOCK]);
    }
  });

  it("submits each command of a paste in order, a multi-line loop as one", () => {
    const loop = "for i in $(seq 1 3); do\n  kubectl create service clusterip \"test-$i\" --tcp 80\ndone";
    const paste = `kubectl get servicecidr\nkubectl get svc -A\nkubectl get ipaddress\n${loop}\n`;
    const e = new LineEditor();
    const effects = e.feed(paste);
    expect(effects.map((x) => x.type)).toEqual(["submit", "submit", "submit", "continue", "continue", "submit"]);
    expect(submits(effects)).toEqual(["kubectl get servicecidr", "kubectl get svc -A", "kubectl get ipaddress", loop]);
    expect(e.history).toHaveLength(4);
  });

  it("keeps the text after the last newline in the buffer, unsubmitted", () => {
    const e = new LineEditor();
    const effects = e.feed("echo one\necho two");
    expect(effects).toEqual([{ type: "submit", command: "echo one" }, { type: "redraw" }]);
    expect(line(e)).toEqual(["echo two", 8]);
  });

  it("leaves an unfinished construct open with its lines in the continuation", () => {
    const e = new LineEditor();
    const effects = e.feed("cat <<EOF\nline one\nline");
    expect(effects).toEqual([{ type: "continue" }, { type: "continue" }, { type: "redraw" }]);
    expect(e.state).toEqual({ buffer: "line", cursor: 4, continuation: ["cat <<EOF", "line one"] });
    expect(submits(e.feed(" two\nEOF\n"))).toEqual(["cat <<EOF\nline one\nline two\nEOF"]);
  });

  it("joins the first pasted line to what was already typed", () => {
    const e = editing("kubectl get ", 0);
    expect(submits(e.feed("svc\npods\n"))).toEqual(["kubectl get svc", "pods"]);
  });

  it("inserts tabs in a paste as text rather than completing", () => {
    const e = new LineEditor();
    const effects = e.feed("printf 'a\tb\\n'\n");
    expect(effects).toEqual([{ type: "submit", command: "printf 'a\tb\\n'" }]);
  });

  it("strips escape sequences and control characters from pasted text", () => {
    const e = new LineEditor();
    expect(submits(e.feed("echo \x1b[31mred\x1b[0m\x07\x7f\necho\x1b[A ok\n"))).toEqual(["echo red", "echo ok"]);
  });

  it("takes bracketed paste content as a paste and drops the markers", () => {
    const e = new LineEditor();
    const effects = e.feed(`\x1b[200~${SERVICE_CIDR_BLOCK}\rkubectl get servicecidr\x1b[201~`);
    expect(submits(effects)).toEqual([SERVICE_CIDR_BLOCK]);
    expect(line(e)).toEqual(["kubectl get servicecidr", 23]);
  });

  it("inserts a one-line bracketed paste with tabs and keys as text", () => {
    const e = new LineEditor();
    e.feed("\x1b[200~a\tb\x03c\x1b[201~");
    expect(line(e)).toEqual(["a\tbc", 4]);
    // Keys after the end marker act as keys again.
    expect(e.feed("\x1b[200~x\x1b[201~\t").at(-1)).toEqual({ type: "complete", line: "a\tbcx", cursor: 5 });
  });

  it("follows a bracketed paste split across chunks", () => {
    const e = new LineEditor();
    const effects = press(e, "\x1b[200~echo a\necho", " b\t\n", "\x1b[201~");
    expect(submits(effects)).toEqual(["echo a", "echo b\t"]);
  });

  it("during a reverse search pastes as if typed: into the query, and Enter accepts", () => {
    const e = new LineEditor(["kubectl get svc -A", "kubectl get svc"]);
    press(e, KEY.ctrlR, "svc");
    expect(e.state.search?.match).toBe("kubectl get svc");
    e.feed("\x1b[200~ -A\x1b[201~");
    expect(e.state.search).toEqual({ query: "svc -A", match: "kubectl get svc -A", failed: false });
    press(e, KEY.backspace, KEY.backspace, KEY.backspace);
    expect(submits(e.feed("\x1b[200~ -A\necho next\n\x1b[201~"))).toEqual(["kubectl get svc -A", "echo next"]);
  });
});

/** Lines from `make` until they add up to `size` characters. */
function manyLines(size: number, make: (i: number) => string): string[] {
  const lines: string[] = [];
  for (let i = 0, total = 0; total < size; i++) {
    lines.push(make(i));
    total += (lines[i] as string).length + 1;
  }
  return lines;
}

describe("large pastes stay linear", () => {
  beforeEach(() => {
    scanned.calls = 0;
    scanned.chars = 0;
  });

  it("scans a 200 KB manifest in a heredoc about once", () => {
    const docs = manyLines(200_000, (i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  key: value-${i}`);
    const block = `cat <<EOF | kubectl apply -f -\n${docs.join("\n")}\nEOF`;
    expect(block.length).toBeGreaterThan(200_000);
    const e = new LineEditor();
    const effects = e.feed(`\x1b[200~${block}\n\x1b[201~`);
    expect(submits(effects)).toEqual([block]);
    // The first line and the closing delimiter are scanned; body lines are not.
    expect(scanned.calls).toBe(2);
    expect(scanned.chars).toBeLessThan(block.length * 1.1);
  });

  it("scans each command of a 200 KB paste of commands once", () => {
    const lines = manyLines(200_000, (i) => `kubectl create service clusterip test-${i} --tcp 80`);
    const paste = `${lines.join("\n")}\n`;
    const e = new LineEditor();
    const effects = e.feed(paste);
    expect(submits(effects)).toHaveLength(lines.length);
    expect(scanned.calls).toBe(lines.length);
    expect(scanned.chars).toBeLessThan(paste.length);
    expect(e.history).toHaveLength(1000);
  });

  it("does not scan a 200 KB single line until Enter", () => {
    const text = "x".repeat(200_000);
    const e = new LineEditor();
    expect(e.feed(`\x1b[200~echo ${text}\x1b[201~`)).toEqual([{ type: "redraw" }]);
    expect(scanned.calls).toBe(0);
    expect(e.state.cursor).toBe(200_005);
    expect(submits(e.feed(KEY.enter))).toHaveLength(1);
    expect(scanned.chars).toBe(200_005);
  });
});

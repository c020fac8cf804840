/**
 * `-h` texts laid out as knack/help.py does: header, arguments ordered by group (ungrouped first, named
 * groups alphabetically, Global Arguments last), required before optional, then by name; the name
 * column padded so every " : " lines up; summaries normalized (capital first, final period) with
 * "Allowed values" and "Default" appended; text wrapped at 100 columns with a hanging indent.
 * Summaries are az's short texts; the long descriptions of the real help files are left out.
 */
import { GLOBAL_ARGS, type ArgSpec } from "./argparse.ts";
import type { AzCommand, AzGroup } from "./command.ts";

const WIDTH = 100;
const FIRST_LINE_PREFIX = " : ";
const REQUIRED_TAG = "[Required]";

/**
 * textwrap.TextWrapper(initial_indent, subsequent_indent, width=100).fill(): runs of spaces inside a line
 * stay (they are knack's padding), the spaces where a line breaks are dropped. Lines break at spaces only.
 */
function fill(text: string, indent: string, hanging: string): string {
  const chunks = text.split(/( +)/).filter((c) => c !== "");
  const lines: string[] = [];
  let line = indent;
  let started = false;
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i]!;
    if (!c.startsWith(" ")) {
      line += c;
      started = true;
      continue;
    }
    const next = chunks[i + 1];
    if (!started || next === undefined) continue;
    if (line.length + c.length + next.length > WIDTH) {
      lines.push(line);
      line = hanging + next;
    } else line += c + next;
    i++;
  }
  lines.push(line);
  return lines.join("\n");
}

/** HelpObject._normalize_text: capital first letter, a final period. */
function normalize(s: string): string {
  if (s.length < 2) return s;
  const t = s.trim();
  return t[0]!.toUpperCase() + t.slice(1) + (".!?".includes(t.at(-1)!) ? "" : ".");
}

function shortSummary(a: ArgSpec): string {
  let s = normalize(a.help);
  if (a.choices) s += `  Allowed values: ${[...a.choices].sort().join(", ")}.`;
  if (a.defaultText) s += `  Default: ${a.defaultText}.`;
  return s.trim();
}

const groupTitle = (a: ArgSpec) => (a.group === undefined ? "" : `${a.group} Arguments`);

function argumentLines(args: ArgSpec[]): string[] {
  const titles = [...new Set(args.map(groupTitle).filter((t) => t && t !== "Global Arguments"))].sort();
  const priority = (t: string) => (t === "" ? 0 : t === "Global Arguments" ? 1000 : 2 + titles.indexOf(t));
  const items = args.map((a) => {
    const name = [...a.options].sort().join(" ");
    const tagsLen = a.required ? REQUIRED_TAG.length : 0;
    return { a, name, tags: a.required ? REQUIRED_TAG : "", lineLen: name.length + tagsLen + (tagsLen ? 2 : 1), title: groupTitle(a) };
  });
  const key = (i: (typeof items)[number]) => `${String(priority(i.title)).padStart(6, "0")}${i.a.required ? "False" : "True"}${i.name}`;
  items.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  const max = Math.max(...items.map((i) => i.lineLen));
  const hanging = " ".repeat(max + 4 + FIRST_LINE_PREFIX.length - 1);
  const out: string[] = [];
  let last = "";
  for (const i of items) {
    if (i.title !== last) {
      if (i.title) out.push("", i.title);
      last = i.title;
    }
    const padding = " ".repeat(max - i.lineLen + (i.tags ? 1 : 0));
    out.push(fill(`${i.name}${padding}${i.tags}${FIRST_LINE_PREFIX}${shortSummary(i.a)}`, "    ", hanging));
  }
  out.push("");
  return out;
}

function findLine(name: string): string[] {
  // azure-cli's help adds the pointer to `az find` below knack's text.
  return [`To search AI knowledge base for examples, use: az find "az ${name}"`, ""];
}

export function commandHelp(cmd: AzCommand): string {
  const lines = ["", "Command", fill(`az ${cmd.name}${FIRST_LINE_PREFIX}${normalize(cmd.summary)}`, "    ", "    "), "", "Arguments"];
  lines.push(...argumentLines([...cmd.args, ...GLOBAL_ARGS]));
  if (cmd.examples.length) {
    lines.push("Examples");
    for (const e of cmd.examples) lines.push(fill(e.summary, "    ", "    "), fill(e.command, "        ", "        "), "");
  }
  lines.push("", ...findLine(cmd.name));
  return lines.join("\n") + "\n";
}

/** azure-cli-core's WELCOME_MESSAGE, shown by a bare `az`, then knack's print_description_list of the top level. */
const WELCOME = [
  "",
  "     /\\",
  "    /  \\    _____   _ _  ___ _",
  "   / /\\ \\  |_  / | | | \\'__/ _\\",
  "  / ____ \\  / /| |_| | | |  __/",
  " /_/    \\_\\/___|\\__,_|_|  \\___|",
  "",
  "",
  "Welcome to the cool new Azure CLI!",
  "",
  "Use `az --version` to display the current version.",
  "Here are the base commands:",
  "",
].join("\n");

export function welcome(children: { name: string; summary: string }[]): string {
  const max = Math.max(...children.map((c) => c.name.length));
  const hanging = " ".repeat(max + 4 + FIRST_LINE_PREFIX.length - 1);
  const list = [...children]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((c) => fill(`${c.name.padEnd(max)}${FIRST_LINE_PREFIX}${normalize(c.summary)}`, "    ", hanging));
  return `${WELCOME}\n${list.join("\n")}\n`;
}

export function groupHelp(group: AzGroup, subgroups: AzGroup[], commands: AzCommand[]): string {
  const leaf = (n: string) => n.split(" ").pop()!;
  const header = group.name === "" ? "az" : `az ${group.name}`;
  const lines = ["", "Group", fill(`${header}${FIRST_LINE_PREFIX}${normalize(group.summary)}`, "    ", "    "), ""];
  const names = [...subgroups.map((g) => leaf(g.name)), ...commands.map((c) => leaf(c.name))];
  const max = Math.max(0, ...names.map((n) => n.length + 1));
  const hanging = " ".repeat(max + 4 + FIRST_LINE_PREFIX.length - 1);
  const section = (title: string, items: { name: string; summary: string }[]) => {
    if (!items.length) return;
    lines.push(title);
    for (const i of [...items].sort((a, b) => (leaf(a.name) < leaf(b.name) ? -1 : 1))) {
      const n = leaf(i.name);
      lines.push(fill(`${n}${" ".repeat(max - n.length - 1)}${FIRST_LINE_PREFIX}${normalize(i.summary)}`, "    ", hanging));
    }
    lines.push("");
  };
  section("Subgroups:", subgroups);
  section("Commands:", commands);
  lines.push(...findLine(group.name));
  return lines.join("\n") + "\n";
}

/**
 * Reads one language's lesson file: YAML front matter (parsed with `yaml`), an introduction, then one
 * step per `## Title {#step-id}` heading. In a step, ```run fences are the commands the learner can
 * click, and `> [!HINT]` blockquotes are its hints (taken out of the text, shown one at a time).
 * The Markdown itself stays text; the panel renders it.
 */
import { parse as parseYaml } from "yaml";
import type { Token } from "markdown-it";
import { createMarkdown, runInfo } from "./markdown.ts";
import type { Lang, LessonDoc, LessonMeta, RunCommand, StepDoc } from "./types.ts";

export class LessonFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LessonFormatError";
  }
}

export const STEP_ID = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const HEADING_ID = /\s*\{#([^}\s]*)\}\s*$/;
const HINT_MARK = /^\[!HINT\][ \t]*\n?/i;
const RUN_OPTIONS = ["fails"];

const META_FIELDS: Record<keyof LessonMeta, "string" | "integer"> = {
  title: "string",
  summary: "string",
  order: "integer",
  minutes: "integer",
  preset: "string",
  seed: "integer",
};

/** Splits `---\nyaml\n---\nbody`; line numbers in errors count from the file's first line. */
export function splitFrontMatter(text: string): { yaml: string; body: string; bodyLine: number } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trim() !== "---") throw new LessonFormatError("line 1: a lesson file starts with front matter between two --- lines");
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
  if (end < 0) throw new LessonFormatError("front matter: no closing --- line");
  return { yaml: lines.slice(1, end).join("\n"), body: lines.slice(end + 1).join("\n"), bodyLine: end + 2 };
}

export function parseMeta(yamlText: string): LessonMeta {
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (e) {
    throw new LessonFormatError(`front matter: ${(e as Error).message.split("\n")[0]}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new LessonFormatError("front matter: must be a YAML mapping");
  const o = data as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!(k in META_FIELDS)) throw new LessonFormatError(`front matter: unknown field "${k}" (expected: ${Object.keys(META_FIELDS).join(", ")})`);
  for (const [k, type] of Object.entries(META_FIELDS)) {
    const v = o[k];
    if (v === undefined) throw new LessonFormatError(`front matter: ${k} is required`);
    if (type === "string" && (typeof v !== "string" || v.trim() === "")) throw new LessonFormatError(`front matter: ${k} must be a non-empty string`);
    if (type === "integer" && (typeof v !== "number" || !Number.isInteger(v))) throw new LessonFormatError(`front matter: ${k} must be an integer`);
  }
  if ((o.minutes as number) <= 0) throw new LessonFormatError("front matter: minutes must be at least 1");
  return o as unknown as LessonMeta;
}

export function parseLessonDoc(text: string, lang: Lang): LessonDoc {
  const { yaml, body, bodyLine } = splitFrontMatter(text);
  const meta = parseMeta(yaml);
  const md = createMarkdown();
  const lines = body.split("\n");
  const tokens = md.parse(body, {});
  const headings: { line: number; end: number; text: string }[] = [];
  tokens.forEach((t, i) => {
    if (t.type === "heading_open" && t.tag === "h2" && t.level === 0 && t.map) headings.push({ line: t.map[0], end: t.map[1], text: tokens[i + 1]?.content ?? "" });
  });
  const intro = lines.slice(0, headings[0]?.line ?? lines.length).join("\n").trim();
  if (runCommands(md.parse(intro, {}), "intro").length) throw new LessonFormatError("the introduction has a run block: put commands in a step, where a goal follows them");
  const steps: StepDoc[] = headings.map((h, i) => {
    const m = HEADING_ID.exec(h.text);
    const where = `line ${bodyLine + h.line}`;
    if (!m) throw new LessonFormatError(`${where}: step heading "## ${h.text}" needs an id at its end, e.g. "## ${h.text} {#my-step}"`);
    const id = m[1]!;
    if (!STEP_ID.test(id)) throw new LessonFormatError(`${where}: step id "${id}" must be lower-case letters, digits and '-'`);
    const title = h.text.slice(0, m.index).trim();
    if (!title) throw new LessonFormatError(`${where}: step "${id}" has no title`);
    const stepLines = lines.slice(h.end, headings[i + 1]?.line ?? lines.length);
    return parseStep(md, id, title, stepLines, bodyLine + h.end);
  });
  return { lang, meta, intro, steps };
}

function parseStep(md: ReturnType<typeof createMarkdown>, id: string, title: string, lines: string[], firstLine: number): StepDoc {
  const tokens = md.parse(lines.join("\n"), {});
  const hints: string[] = [];
  const hintLines = new Set<number>();
  tokens.forEach((t, i) => {
    if (t.type !== "blockquote_open" || t.level !== 0 || !t.map) return;
    const first = tokens[i + 2];
    if (tokens[i + 1]?.type !== "paragraph_open" || first?.type !== "inline" || !HINT_MARK.test(first.content)) return;
    const [from, to] = t.map;
    const text = lines
      .slice(from, to)
      .map((l) => l.replace(/^ {0,3}> ?/, ""))
      .join("\n")
      .replace(HINT_MARK, "")
      .trim();
    if (!text) throw new LessonFormatError(`line ${firstLine + from}: step "${id}" has an empty hint`);
    hints.push(text);
    for (let l = from; l < to; l++) hintLines.add(l);
  });
  const text = lines
    .filter((_, i) => !hintLines.has(i))
    .join("\n")
    .trim();
  return { id, title, text, commands: runCommands(md.parse(text, {}), id), hints };
}

function runCommands(tokens: Token[], step: string): RunCommand[] {
  const out: RunCommand[] = [];
  for (const t of tokens) {
    if (t.type !== "fence") continue;
    const info = runInfo(t.info);
    if (!info.run) continue;
    const unknown = info.options.filter((o) => !RUN_OPTIONS.includes(o));
    if (unknown.length) throw new LessonFormatError(`step "${step}": unknown run option "${unknown[0]}" (known: ${RUN_OPTIONS.join(", ")})`);
    const text = t.content.replace(/\n$/, "");
    if (!text.trim()) throw new LessonFormatError(`step "${step}": an empty run block`);
    out.push({ text, fails: info.options.includes("fails") });
  }
  return out;
}

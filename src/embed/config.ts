/**
 * What an embed is told by its host page, from the element's attributes or the iframe page's URL
 * parameters (same names): a bad value falls back to the default and is reported, never fatal.
 */
export interface EmbedConfig {
  preset: "default" | "none";
  seed: number;
  /** Commands typed out and run once the cluster is up, one per line (a line ending in `\` continues). */
  script: string[];
  /** Whether the views pane shows beside the terminal ("map") or not ("none": a terminal only). */
  views: "map" | "none";
  /** CSS height of the widget. */
  height: string;
  theme: "light" | "dark";
  lang: "en" | "ko";
  readonly: boolean;
  /** A lesson to open beside the terminal (its folder name), and the step to start at. */
  lesson: string | null;
  step: string | null;
}

export const EMBED_ATTRIBUTES = ["preset", "seed", "script", "views", "height", "theme", "lang", "readonly", "lesson", "step"] as const;

export const DEFAULT_EMBED: EmbedConfig = {
  preset: "default",
  seed: 1,
  script: [],
  views: "map",
  height: "420px",
  theme: "light",
  lang: "en",
  readonly: false,
  lesson: null,
  step: null,
};

/** Splits a start script into command lines; `\` at a line's end joins it with the next. */
export function scriptLines(text: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = current ? `${current}\n${raw}` : raw;
    if (/\\$/.test(raw)) {
      current = line;
      continue;
    }
    current = "";
    if (line.trim() && !line.trim().startsWith("#")) out.push(line.trim());
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

const CSS_LENGTH = /^\d+(\.\d+)?(px|rem|em|vh|%)$/;
/** Lesson folders and step ids: lower-case letters, digits and `-` (README, "Writing a lesson"). */
const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function parseEmbedConfig(get: (name: string) => string | null): { config: EmbedConfig; problems: string[] } {
  const config: EmbedConfig = { ...DEFAULT_EMBED, script: [] };
  const problems: string[] = [];
  const bad = (name: string, value: string, expected: string) => problems.push(`${name}="${value}": expected ${expected}`);

  const preset = get("preset");
  if (preset !== null) (preset === "default" || preset === "none" ? (config.preset = preset) : bad("preset", preset, "default or none"));
  const seed = get("seed");
  if (seed !== null) (/^\d{1,9}$/.test(seed) ? (config.seed = Number(seed)) : bad("seed", seed, "a whole number"));
  const script = get("script");
  if (script !== null) config.script = scriptLines(script);
  const views = get("views");
  if (views !== null) (views === "map" || views === "none" ? (config.views = views) : bad("views", views, "map or none"));
  const height = get("height");
  if (height !== null) (CSS_LENGTH.test(height) ? (config.height = height) : bad("height", height, "a CSS length such as 420px"));
  const theme = get("theme");
  if (theme !== null) (theme === "light" || theme === "dark" ? (config.theme = theme) : bad("theme", theme, "light or dark"));
  const lang = get("lang");
  if (lang !== null) (lang === "en" || lang === "ko" ? (config.lang = lang) : bad("lang", lang, "en or ko"));
  const readonly = get("readonly");
  if (readonly !== null) config.readonly = readonly !== "false";
  const lesson = get("lesson");
  if (lesson !== null) (ID.test(lesson) ? (config.lesson = lesson) : bad("lesson", lesson, "a lesson's folder name"));
  const step = get("step");
  if (step !== null) (ID.test(step) ? (config.step = step) : bad("step", step, "a step id"));
  return { config, problems };
}

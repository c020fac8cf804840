/**
 * The one Markdown dialect of lessons, shared by the parser (which finds steps, hints and run blocks) and
 * the panel (which renders them), so both count the same ```run fences. Raw HTML is off and stays text,
 * links are never made from bare URLs, images are off (the page loads nothing from elsewhere), and
 * markdown-it's own link check refuses javascript:, vbscript:, file: and data: links.
 */
import markdownIt, { type MarkdownIt, type RendererRule } from "markdown-it";

export function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  md.disable("image");
  return md;
}

/** The words of a ```run fence's info string: "run" then options ("fails"). */
export function runInfo(info: string): { run: boolean; options: string[] } {
  const words = info.trim().split(/\s+/).filter(Boolean);
  return { run: words[0] === "run", options: words.slice(1) };
}

interface RenderEnv {
  runIndex?: number;
  opts?: RenderOptions;
}

export interface RenderOptions {
  /** Accessible label and text of the button on each run block. */
  runLabel: string;
  /** Note shown on a block that is expected to fail. */
  failsNote?: string;
}

/**
 * Renders lesson Markdown to HTML for the panel. Each run block becomes the code and a button carrying
 * data-run="<index>" (its position among the text's run blocks), so the panel handles clicks by
 * delegation and never builds HTML of its own.
 */
export function createRenderer(): (markdown: string, opts: RenderOptions) => string {
  const md = createMarkdown();
  const escape = md.utils.escapeHtml;
  const fence = md.renderer.rules.fence!;
  const runFence: RendererRule = (tokens, idx, options, renderEnv, self) => {
    const env = renderEnv as RenderEnv;
    const token = tokens[idx]!;
    const info = runInfo(token.info);
    if (!info.run || !env.opts) return fence(tokens, idx, options, renderEnv, self);
    const n = env.runIndex ?? 0;
    env.runIndex = n + 1;
    const fails = info.options.includes("fails");
    const note = fails && env.opts.failsNote ? `<span class="run-note">${escape(env.opts.failsNote)}</span>` : "";
    return (
      `<div class="run-block${fails ? " run-fails" : ""}"><pre><code>${escape(token.content.replace(/\n$/, ""))}</code></pre>` +
      `<div class="run-bar">${note}<button type="button" class="run-button" data-run="${n}">${escape(env.opts.runLabel)}</button></div></div>\n`
    );
  };
  md.renderer.rules.fence = runFence;
  const linkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]!.attrSet("target", "_blank");
    tokens[idx]!.attrSet("rel", "noopener noreferrer");
    return linkOpen(tokens, idx, options, env, self);
  };
  return (markdown, opts) => md.render(markdown, { opts, runIndex: 0 });
}

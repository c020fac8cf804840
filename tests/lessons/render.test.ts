import { describe, expect, it } from "vitest";
import { createRenderer } from "../../src/lessons/markdown.ts";
import { parseLessonDoc } from "../../src/lessons/parse.ts";

const render = createRenderer();
const opts = { runLabel: "Run", failsNote: "fails on purpose" };

describe("lesson Markdown rendering", () => {
  it("never lets raw HTML through: script and event handlers come out as text", () => {
    const html = render('Hi <script>alert(1)</script> and <img src=x onerror="alert(2)">\n\n<div onclick="x()">block</div>\n', opts);
    expect(html).not.toMatch(/<script|<img|<div onclick/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;");
  });

  it("refuses script links, makes no links from bare URLs and draws no images", () => {
    const html = render("[click](javascript:alert(1)) https://example.com ![pic](https://example.com/a.png) [docs](https://kubernetes.io/docs/)", opts);
    expect(html).not.toContain('href="javascript');
    expect(html).not.toContain('href="https://example.com"');
    expect(html).not.toContain("<img");
    expect(html).toContain('<a href="https://kubernetes.io/docs/" target="_blank" rel="noopener noreferrer">docs</a>');
  });

  it("escapes what is inside a run block, and numbers the run buttons", () => {
    const html = render("```run\necho '<b>' && kubectl get svc\n```\n\n```sh\nplain\n```\n\n```run fails\nkubectl get nope\n```\n", opts);
    expect(html).toContain(`<pre><code>echo '&lt;b&gt;' &amp;&amp; kubectl get svc</code></pre>`);
    expect(html).toContain('<button type="button" class="run-button" data-run="0">Run</button>');
    expect(html).toContain('<div class="run-block run-fails">');
    expect(html).toContain('<span class="run-note">fails on purpose</span><button type="button" class="run-button" data-run="1">Run</button>');
    expect(html).toContain('<pre><code class="language-sh">plain\n</code></pre>');
  });

  it("escapes a button label", () => {
    expect(render("```run\nls\n```\n", { runLabel: "<Run>" })).toContain(">&lt;Run&gt;</button>");
  });

  it("renders a parsed step with as many buttons as the step has commands", () => {
    const doc = parseLessonDoc("---\ntitle: T\nsummary: S\norder: 1\nminutes: 1\npreset: none\nseed: 1\n---\n## A {#a}\n\n```run\nls\n```\n\n> [!HINT]\n> ```run\n> not a command of the step\n> ```\n\n```run fails\nfalse\n```\n", "en");
    const step = doc.steps[0]!;
    expect(step.commands.map((c) => c.text)).toEqual(["ls", "false"]);
    expect(render(step.text, opts).match(/data-run="/g)).toHaveLength(2);
  });
});

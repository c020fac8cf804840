import { describe, expect, it } from "vitest";
import { LessonFormatError, parseLessonDoc } from "../../src/lessons/parse.ts";
import { EN } from "./fixtures.ts";

function fails(text: string): string {
  try {
    parseLessonDoc(text, "en");
  } catch (e) {
    expect(e).toBeInstanceOf(LessonFormatError);
    return (e as Error).message;
  }
  throw new Error("parsed");
}

const HEAD = "---\ntitle: T\nsummary: S\norder: 1\nminutes: 5\npreset: default\nseed: 1\n---\n";

describe("parseLessonDoc", () => {
  it("reads front matter, the introduction, steps, run blocks and hints", () => {
    const doc = parseLessonDoc(EN, "en");
    expect(doc.meta).toEqual({ title: "A small lesson", summary: "Two steps.", order: 9, minutes: 3, preset: "default", seed: 1 });
    expect(doc.intro).toBe("Some introduction with `code`.");
    expect(doc.steps.map((s) => [s.id, s.title])).toEqual([
      ["make", "Make a Service"],
      ["break", "Break it"],
    ]);
    const make = doc.steps[0]!;
    expect(make.commands).toEqual([{ text: "kubectl create service clusterip web --tcp=80", fails: false }]);
    expect(make.hints).toEqual(["First hint, with **bold**.", "Second hint\non two lines."]);
    expect(make.text).not.toContain("[!HINT]");
    expect(make.text).toContain("> A plain quote stays in the text.");
    expect(make.text).toContain("```sh\necho not a run block\n```");
    expect(doc.steps[1]!.commands).toEqual([
      { text: "kubectl create service clusterip web --tcp=80", fails: true },
      { text: "kubectl delete service web", fails: false },
    ]);
  });

  it("keeps a multi-line run block (a heredoc) whole, and ignores ## inside code", () => {
    const doc = parseLessonDoc(`${HEAD}\n## One {#one}\n\n\`\`\`run\ncat <<EOF | kubectl apply -f -\n## not a heading\nEOF\n\`\`\`\n`, "en");
    expect(doc.steps).toHaveLength(1);
    expect(doc.steps[0]!.commands[0]!.text).toBe("cat <<EOF | kubectl apply -f -\n## not a heading\nEOF");
  });

  it("reports what is wrong, with the line", () => {
    expect(fails("title: x\n")).toBe("line 1: a lesson file starts with front matter between two --- lines");
    expect(fails("---\ntitle: x\n")).toBe("front matter: no closing --- line");
    expect(fails("---\ntitle: [\n---\n")).toMatch(/^front matter: /);
    expect(fails(HEAD.replace("seed: 1\n", "seed: 1\ncolour: red\n"))).toBe('front matter: unknown field "colour" (expected: title, summary, order, minutes, preset, seed)');
    expect(fails(HEAD.replace("minutes: 5\n", ""))).toBe("front matter: minutes is required");
    expect(fails(HEAD.replace("order: 1", "order: first"))).toBe("front matter: order must be an integer");
    expect(fails(`${HEAD}\n## No id here\n`)).toBe('line 10: step heading "## No id here" needs an id at its end, e.g. "## No id here {#my-step}"');
    expect(fails(`${HEAD}\n## Bad {#Bad_Id}\n`)).toBe(`line 10: step id "Bad_Id" must be lower-case letters, digits and '-'`);
    expect(fails(`${HEAD}\n## {#x}\n`)).toBe('line 10: step "x" has no title');
    expect(fails(`${HEAD}\n## A {#a}\n\n\`\`\`run twice\nls\n\`\`\`\n`)).toBe('step "a": unknown run option "twice" (known: fails)');
    expect(fails(`${HEAD}\n## A {#a}\n\n> [!HINT]\n`)).toBe('line 12: step "a" has an empty hint');
    expect(fails(`${HEAD}\n\`\`\`run\nls\n\`\`\`\n\n## A {#a}\n`)).toBe("the introduction has a run block: put commands in a step, where a goal follows them");
  });
});

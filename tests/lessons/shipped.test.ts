/** The lessons in lessons/ load and validate (lessons:check then plays them through the engine). */
import { describe, expect, it } from "vitest";
import { loadLessons } from "../../src/lessons/load.ts";
import { readLessonFiles } from "../../scripts/lesson-files.ts";
import { validateLesson } from "../../src/lessons/validate.ts";
import { formatRoute, parseRoute, fill } from "../../src/ui/lesson/route.ts";

describe("shipped lessons", () => {
  const { lessons, issues } = loadLessons(readLessonFiles());

  it("load without problems, in order, each step with a hint", () => {
    expect(issues).toEqual([]);
    expect(lessons.map((l) => l.id)).toEqual([
      "services-and-clusterips",
      "extending-the-service-range",
      "deleting-a-servicecidr",
      "guard-rails",
      "dual-stack-services",
      "reconfiguring-the-default-range",
      "kube-proxy",
      "pod-cidrs-and-kubenet",
      "where-pod-addresses-come-from",
    ]);
    expect(lessons.map((l) => l.docs.en.meta.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const l of lessons) {
      expect(validateLesson(l)).toEqual([]);
      for (const lang of ["en", "ko"] as const) for (const step of l.docs[lang].steps) expect(step.hints.length, `${l.id}/${lang}/${step.id}`).toBeGreaterThan(0);
    }
  });

  it("have Korean text in ko.md and none in en.md", () => {
    const hangul = /[\uac00-\ud7a3]/;
    for (const l of lessons) {
      expect(hangul.test(l.docs.ko.meta.title + l.docs.ko.steps.map((s) => s.text).join(""))).toBe(true);
      expect(hangul.test(l.docs.en.meta.title + l.docs.en.intro + l.docs.en.steps.map((s) => s.text + s.hints.join("")).join(""))).toBe(false);
    }
  });
});

describe("lesson routes", () => {
  it("reads and writes #/lessons/<id>/<step>", () => {
    expect(parseRoute("#/lessons")).toEqual({ lesson: null, step: null });
    expect(parseRoute("#/lessons/")).toEqual({ lesson: null, step: null });
    expect(parseRoute("#/lessons/services-and-clusterips")).toEqual({ lesson: "services-and-clusterips", step: null });
    expect(parseRoute("#/lessons/services-and-clusterips/bands")).toEqual({ lesson: "services-and-clusterips", step: "bands" });
    expect(parseRoute("#/other")).toBeNull();
    expect(parseRoute("")).toBeNull();
    expect(parseRoute("#/lessons/a/b/c")).toBeNull();
    expect(formatRoute({ lesson: "x", step: "y" })).toBe("#/lessons/x/y");
    expect(formatRoute({ lesson: null, step: null })).toBe("#/lessons");
    expect(fill("{done} of {total} steps", { done: 2, total: 6 })).toBe("2 of 6 steps");
    expect(fill("{missing} stays", {})).toBe("{missing} stays");
  });
});

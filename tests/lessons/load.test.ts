import { describe, expect, it } from "vitest";
import { commandsBefore, loadLessons, startCommands } from "../../src/lessons/load.ts";
import { commandProblem, validateLesson } from "../../src/lessons/validate.ts";
import { parseSolution, ScriptError } from "../../src/lessons/scripts.ts";
import { EN, GOALS, KO, SOLUTION, smallLessonFiles } from "./fixtures.ts";

function problems(files: Record<string, string>): string[] {
  return loadLessons(files).issues.map((i) => `${i.lesson}/${i.file}: ${i.message}`);
}

describe("loadLessons", () => {
  it("loads a lesson folder", () => {
    const { lessons, issues } = loadLessons(smallLessonFiles());
    expect(issues).toEqual([]);
    expect(lessons).toHaveLength(1);
    const l = lessons[0]!;
    expect(l.id).toBe("small");
    expect(l.docs.ko.meta.title).toBe("작은 레슨");
    expect(l.docs.ko.steps.map((s) => s.title)).toEqual(["서비스 만들기", "지우기"]);
    expect([...l.goals.keys()]).toEqual(["make", "break"]);
    expect([...l.solution]).toEqual([
      ["make", ["kubectl create service clusterip web --tcp=80"]],
      ["break", ["kubectl delete service web"]],
    ]);
    expect(l.start).toEqual({ base: "default", seed: 1, commands: [] });
    expect(validateLesson(l)).toEqual([]);
  });

  it("orders lessons by front matter, and resolves named presets plus setup.sh", () => {
    const files = {
      ...smallLessonFiles(),
      "lessons/tiny.preset.sh": "# A /28 cluster\n# base: none\nkubeadm init --service-cidr=10.96.0.0/28\n",
      "x/first/en.md": EN.replace("order: 9", "order: 1").replace("preset: default", "preset: tiny"),
      "x/first/ko.md": KO.replace("order: 9", "order: 1").replace("preset: default", "preset: tiny"),
      "x/first/goals.yaml": GOALS,
      "x/first/solution.sh": SOLUTION,
      "x/first/setup.sh": "kubectl create namespace lab\nfor i in 1 2; do\n  echo $i\ndone\n",
    };
    const { lessons, presets, issues } = loadLessons(files);
    expect(issues).toEqual([]);
    expect(lessons.map((l) => l.id)).toEqual(["first", "small"]);
    expect(presets.get("tiny")).toEqual({ name: "tiny", base: "none", description: "A /28 cluster", commands: ["kubeadm init --service-cidr=10.96.0.0/28"] });
    const first = lessons[0]!;
    expect(first.start).toEqual({ base: "none", seed: 1, commands: ["kubeadm init --service-cidr=10.96.0.0/28"] });
    expect(startCommands(first)).toEqual(["kubeadm init --service-cidr=10.96.0.0/28", "kubectl create namespace lab", "for i in 1 2; do\n  echo $i\ndone"]);
    expect(commandsBefore(first, "break")).toEqual([...startCommands(first), "kubectl create service clusterip web --tcp=80"]);
    expect(commandsBefore(first, "make")).toEqual(startCommands(first));
  });

  it("refuses a lesson whose languages disagree on steps or front matter", () => {
    expect(problems(smallLessonFiles({ "lessons/small/ko.md": KO.replace("{#break}", "{#remove}") }))).toEqual([
      "small/ko.md: steps differ from en.md: en has [make, break], ko has [make, remove]",
    ]);
    expect(problems(smallLessonFiles({ "lessons/small/ko.md": KO.replace(/## 지우기 \{#break\}[^]*$/, "") }))).toEqual([
      "small/ko.md: steps differ from en.md: en has [make, break], ko has [make]",
    ]);
    expect(problems(smallLessonFiles({ "lessons/small/ko.md": KO.replace("seed: 1", "seed: 2").replace("minutes: 3", "minutes: 4") }))).toEqual([
      'small/ko.md: front matter minutes is 4 but en.md says 3',
      'small/ko.md: front matter seed is 2 but en.md says 1',
    ]);
  });

  it("refuses missing files, goals, solution steps and presets", () => {
    expect(problems(smallLessonFiles({ "lessons/small/ko.md": undefined }))).toEqual(["small/ko.md: missing"]);
    expect(problems(smallLessonFiles({ "lessons/small/goals.yaml": GOALS.replace(/break:[^]*$/, "") }))).toEqual(['small/goals.yaml: no goal for step "break"']);
    expect(problems(smallLessonFiles({ "lessons/small/goals.yaml": `${GOALS}extra:\n  goal: {exists: {resource: pods}}\n` }))).toEqual(['small/goals.yaml: goal for "extra", which is not a step of the lesson']);
    expect(problems(smallLessonFiles({ "lessons/small/solution.sh": "# step: break\nkubectl delete service web\n# step: make\nls\n" }))).toEqual([
      'small/solution.sh: its "# step:" sections must be the lesson\'s steps in order: expected [make, break], found [break, make]',
    ]);
    expect(problems(smallLessonFiles({ "lessons/small/en.md": EN.replace("preset: default", "preset: huge"), "lessons/small/ko.md": KO.replace("preset: default", "preset: huge") }))).toEqual([
      'small/en.md: preset "huge" is neither default, none, nor a file lessons/huge.preset.sh',
    ]);
    expect(problems(smallLessonFiles({ "lessons/small/en.md": EN.replace("## Break it {#break}", "## Break it {#make}") }))).toEqual([
      "small/ko.md: steps differ from en.md: en has [make, make], ko has [make, break]",
      'small/en.md: step id "make" is used twice',
      'small/goals.yaml: goal for "break", which is not a step of the lesson',
      'small/solution.sh: its "# step:" sections must be the lesson\'s steps in order: expected [make, make], found [make, break]',
    ]);
    expect(problems({ ...smallLessonFiles(), "lessons/bad.preset.sh": "kubeadm init\n" })).toEqual(['lessons/bad.preset.sh: preset bad: needs a "# base: none" or "# base: default" line']);
  });

  it("checks that click-to-run commands are whole commands the shell can parse", () => {
    expect(commandProblem("kubectl get svc | grep web")).toBeNull();
    expect(commandProblem("cat <<EOF | kubectl apply -f -\nkind: x\nEOF")).toBeNull();
    expect(commandProblem("cat <<EOF | kubectl apply -f -\nkind: x")).toBe("the command is not finished (an open quote, heredoc or loop): the terminal would wait for more lines");
    expect(commandProblem("for i in 1 2; do echo $i")).toMatch(/not finished/);
    expect(commandProblem("if then fi")).toMatch(/^the shell cannot parse it: /);
    const { lessons } = loadLessons(smallLessonFiles({ "lessons/small/ko.md": KO.replace("kubectl delete service web", "echo 'unclosed") }));
    expect(validateLesson(lessons[0]!).map((i) => `${i.file}: ${i.message}`)).toEqual([
      'ko.md: step "break", run block 2: the command is not finished (an open quote, heredoc or loop): the terminal would wait for more lines',
    ]);
  });
});

describe("parseSolution", () => {
  it("splits commands by step, keeping heredocs whole", () => {
    const s = parseSolution("# a comment\n\n# step: one\nkubectl apply -f - <<EOF\n# not a marker\nEOF\n# step: two\n\n");
    expect([...s]).toEqual([
      ["one", ["kubectl apply -f - <<EOF\n# not a marker\nEOF"]],
      ["two", []],
    ]);
  });

  it("refuses commands before the first step, repeated steps and unfinished commands", () => {
    expect(() => parseSolution("ls\n# step: one\n")).toThrow('line 1: a command before the first "# step: <id>" line');
    expect(() => parseSolution("# step: one\n# step: one\n")).toThrow("line 2: step one appears twice");
    expect(() => parseSolution("# step: one\necho 'open\n# step: two\n")).toThrow(ScriptError);
  });
});

import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { checkLesson } from "../../src/lessons/check.ts";
import { holds } from "../../src/lessons/goals/evaluate.ts";
import { missing } from "../../src/lessons/goals/describe.ts";
import { parsePredicate } from "../../src/lessons/goals/predicate.ts";
import { loadLessons } from "../../src/lessons/load.ts";
import { stateFromStore } from "../../src/lessons/state.ts";
import { Session } from "../../src/shell/session.ts";
import { EN, GOALS, KO, smallLessonFiles } from "./fixtures.ts";

function lessonOf(files: Record<string, string>) {
  const { lessons, issues } = loadLessons(files);
  expect(issues).toEqual([]);
  return lessons[0]!;
}

describe("goals on a real session's state", () => {
  it("reads the store the way the page reads its informer cache", async () => {
    const session = await Session.create({ seed: 1, preset: "default", stepMs: 5000 });
    const goal = parsePredicate(
      parseYaml(`
all:
  - field: {resource: services, namespace: default, name: kubernetes, path: spec.clusterIP, equals: 10.96.0.1}
  - field: {resource: services, namespace: kube-system, name: kube-dns, path: spec.clusterIPs, in: 10.96.0.0/24}
  - condition: {resource: servicecidrs, name: kubernetes, type: Ready, status: "True"}
  - exists: {resource: ipaddresses, name: 10.96.0.10, where: [{path: spec.parentRef.name, equals: kube-dns}]}
  - exists: {resource: services, name: web, where: [{path: spec.clusterIP, in: 10.96.0.0/12}, {path: spec.clusterIP, notIn: 10.96.0.0/24}]}
`),
      "goal",
    );
    expect(missing(goal, stateFromStore(session.cluster!.store), "en")).toEqual(["Service web [spec.clusterIP in 10.96.0.0/12, spec.clusterIP not in 10.96.0.0/24] exists"]);
    expect((await session.run("kubectl create service clusterip web --tcp=80")).exitCode).toBe(0);
    expect(holds(goal, stateFromStore(session.cluster!.store))).toBe(true);
    await session.run("kubectl delete service kube-dns -n kube-system");
    expect(missing(goal, stateFromStore(session.cluster!.store), "en")).toEqual(["Service kube-system/kube-dns: spec.clusterIPs in 10.96.0.0/24", "IPAddress 10.96.0.10 [spec.parentRef.name = kube-dns] exists"]);
  });
});

describe("checkLesson", () => {
  it("plays a solvable lesson and reports every step good", async () => {
    const report = await checkLesson(lessonOf(smallLessonFiles()));
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => [s.id, s.heldBefore, s.holdsAfter, s.runs.map((r) => [r.langs, r.commands, r.failures.length, r.reachesGoal])])).toEqual([
      ["make", false, true, [[["en", "ko"], 1, 0, true]]],
      ["break", false, true, [[["en", "ko"], 2, 0, true]]],
    ]);
  });

  it("fails a goal that does not hold, or holds too early, and a keep goal that breaks", async () => {
    const goals = `make:
  keep: true
  goal:
    exists: {resource: services, name: web, where: [{path: spec.type, equals: NodePort}]}
break:
  goal:
    absent: {resource: services, name: api}
`;
    const report = await checkLesson(lessonOf(smallLessonFiles({ "lessons/small/goals.yaml": goals })));
    expect(report.ok).toBe(false);
    const [make, brk] = report.steps;
    expect(make).toMatchObject({ heldBefore: false, holdsAfter: false, missing: ["Service web [spec.type = NodePort] exists"] });
    expect(brk).toMatchObject({ heldBefore: true, holdsAfter: true });
    expect(brk!.keepBroken).toEqual([{ step: "make", missing: ["Service web [spec.type = NodePort] exists"] }]);
  });

  it("fails run blocks that exit otherwise than marked, solution commands that fail, and unknown resources", async () => {
    const en = EN.replace("```run fails\nkubectl create service clusterip web --tcp=80\n```", "```run fails\nkubectl get services\n```");
    const files = smallLessonFiles({
      "lessons/small/en.md": en,
      "lessons/small/solution.sh": "# step: make\nkubectl create service clusterip web --tcp=80\n# step: break\nkubectl delete service nope\nkubectl delete service web\n",
      "lessons/small/goals.yaml": GOALS.replace("absent:\n      resource: services", "absent:\n      resource: widgets"),
    });
    const report = await checkLesson(lessonOf(files));
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => i.message)).toEqual(['goals.yaml names the resource "widgets", which the cluster does not serve']);
    const brk = report.steps[1]!;
    expect(brk.failedSolution.map((f) => [f.command, f.exitCode, f.output])).toEqual([["kubectl delete service nope", 1, 'Error from server (NotFound): services "nope" not found\n']]);
    expect(brk.runs.map((r) => [r.langs, r.failures.map((f) => [f.command, f.expected])])).toEqual([
      [["en"], [["kubectl get services", "non-zero"]]],
      [["ko"], []],
    ]);
    expect(KO).toContain("```run fails\nkubectl create service clusterip web --tcp=80");
  });
});

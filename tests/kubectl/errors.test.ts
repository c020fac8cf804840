/**
 * Command-line errors as kubectl v1.34 prints them: cobra's unknown command with its suggestions
 * (SuggestionsFor: Levenshtein ≤ 2, prefixes, SuggestFor words, in the order commands were added),
 * pflag's flag errors followed by templates.FlagErrorFunc's "See 'kubectl <cmd> --help' for usage.",
 * and the resource builder's unknown type, which has no usage line. Every one exits non-zero.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/shell/session.ts";
import { cluster, failsWithoutChange, run, stderr, stdout } from "./kubectl-helpers.ts";

describe("kubectl command-line errors", () => {
  let s: Session;
  beforeAll(async () => {
    s = await cluster();
  });

  it("unknown command without suggestions", async () => {
    expect(await failsWithoutChange(s, "kubectl frobnicate")).toEqual({ output: 'error: unknown command "frobnicate" for "kubectl"\n', exitCode: 1 });
  });

  it("unknown command with suggestions, in kubectl's command order", async () => {
    expect(await failsWithoutChange(s, "kubectl gett svc")).toEqual({ output: 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n', exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl lable svc a b=c")).toEqual({ output: 'error: unknown command "lable" for "kubectl"\n\nDid you mean this?\n\tlabel\n', exitCode: 1 });
    // SuggestFor words: list and ps → get, rm → delete, inspect → describe.
    expect((await failsWithoutChange(s, "kubectl list")).output).toBe('error: unknown command "list" for "kubectl"\n\nDid you mean this?\n\tget\n');
    // "rm" is also within distance 2 of run and cp; each command is checked in turn.
    expect((await failsWithoutChange(s, "kubectl rm svc x")).output).toBe('error: unknown command "rm" for "kubectl"\n\nDid you mean this?\n\trun\n\tdelete\n\tcp\n');
    expect((await failsWithoutChange(s, "kubectl inspect svc")).output).toBe('error: unknown command "inspect" for "kubectl"\n\nDid you mean this?\n\tdescribe\n');
    // Prefixes (and "cp", two edits away).
    expect((await failsWithoutChange(s, "kubectl api")).output).toBe('error: unknown command "api" for "kubectl"\n\nDid you mean this?\n\tcp\n\tapi-versions\n\tapi-resources\n');
    // Errors go to stderr only.
    expect((await stdout(s, "kubectl gett")).output).toBe("");
    expect((await stderr(s, "kubectl gett")).output).toMatch(/^error: unknown command "gett"/);
  });

  it("unknown flag", async () => {
    expect(await failsWithoutChange(s, "kubectl get svc --foo")).toEqual({ output: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n", exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl describe svc --output=yaml")).toEqual({ output: "error: unknown flag: --output\nSee 'kubectl describe --help' for usage.\n", exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl --foo")).toEqual({ output: "error: unknown flag: --foo\nSee 'kubectl --help' for usage.\n", exitCode: 1 });
  });

  it("unknown shorthand", async () => {
    expect(await failsWithoutChange(s, "kubectl get svc -x")).toEqual({ output: "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n", exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl get svc -Az")).toEqual({ output: "error: unknown shorthand flag: 'z' in -Az\nSee 'kubectl get --help' for usage.\n", exitCode: 1 });
  });

  it("a flag that needs an argument", async () => {
    expect(await failsWithoutChange(s, "kubectl get svc -o")).toEqual({ output: "error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n", exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl get svc --output")).toEqual({ output: "error: flag needs an argument: --output\nSee 'kubectl get --help' for usage.\n", exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl get svc -n")).toEqual({ output: "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n", exitCode: 1 });
  });

  it("invalid int and bool values name the flag with its shorthand when it has one", async () => {
    expect(await failsWithoutChange(s, "kubectl delete svc kubernetes --grace-period=soon")).toEqual({
      output: 'error: invalid argument "soon" for "--grace-period" flag: strconv.ParseInt: parsing "soon": invalid syntax\nSee \'kubectl delete --help\' for usage.\n',
      exitCode: 1,
    });
    expect(await failsWithoutChange(s, "kubectl get svc --all-namespaces=maybe")).toEqual({
      output: 'error: invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee \'kubectl get --help\' for usage.\n',
      exitCode: 1,
    });
    expect((await failsWithoutChange(s, "kubectl get svc -A=yes")).output).toBe(
      'error: invalid argument "yes" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "yes": invalid syntax\nSee \'kubectl get --help\' for usage.\n',
    );
    expect((await failsWithoutChange(s, "kubectl delete svc kubernetes --timeout=10")).output).toBe(
      'error: invalid argument "10" for "--timeout" flag: time: missing unit in duration "10"\nSee \'kubectl delete --help\' for usage.\n',
    );
    // Go's spellings of true are accepted.
    expect((await run(s, "kubectl get svc -A=T --no-headers=True")).exitCode).toBe(0);
  });

  it("an unknown resource type: no usage line; the part before the first dot is named", async () => {
    expect(await failsWithoutChange(s, "kubectl get foo")).toEqual({ output: 'error: the server doesn\'t have a resource type "foo"\n', exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl get widgets.example.com")).toEqual({ output: 'error: the server doesn\'t have a resource type "widgets"\n', exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl get svc,widgets")).toEqual({ output: 'error: the server doesn\'t have a resource type "widgets"\n', exitCode: 1 });
    expect(await failsWithoutChange(s, "kubectl delete foo bar")).toEqual({ output: 'error: the server doesn\'t have a resource type "foo"\n', exitCode: 1 });
    // Resource names are case-insensitive and take every form discovery lists.
    expect((await run(s, "kubectl get SVC kubernetes --no-headers")).exitCode).toBe(0);
    expect((await run(s, "kubectl get servicecidrs.networking.k8s.io kubernetes --no-headers")).exitCode).toBe(0);
    expect((await run(s, "kubectl get servicecidr.v1.networking.k8s.io kubernetes --no-headers")).exitCode).toBe(0);
  });

  it("global flags may come before the command", async () => {
    expect((await run(s, "kubectl -n kube-system get svc --no-headers")).output).toMatch(/^kube-dns /);
    expect((await run(s, "kubectl --namespace=kube-system get svc -o name")).output).toBe("service/kube-dns\n");
  });

  it("no apiserver: the connection error", async () => {
    const t = await (await import("../../src/shell/session.ts")).Session.create({ seed: 1, stepMs: 5000, preset: "none" });
    const r = await run(t, "kubectl get svc");
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/The connection to the server [^ ]+ was refused - did you specify the right host or port\?\n$/);
  });
});

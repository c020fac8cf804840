import { describe, expect, it } from "vitest";
import { explainLimits } from "../../src/shell/limits.ts";

describe("limit messages", () => {
  it("says what the sandbox stopped, in the learner's terms", () => {
    expect(explainLimits("bash: while loop: too many iterations (100000), increase executionLimits.maxLoopIterations\n")).toBe(
      "bash: while loop: stopped after 100000 iterations: the sandbox ends runaway loops here\n",
    );
    expect(explainLimits("bash: too many commands executed (>200000), increase executionLimits.maxCommandCount\n")).toBe(
      "bash: stopped after 200000 commands: the sandbox ends runaway loops here\n",
    );
    expect(explainLimits("bash: execution exceeded execution deadline (15000ms)\n")).toBe("bash: execution: stopped after 15 s: the sandbox ends commands that run too long\n");
    expect(explainLimits("plain text\n")).toBe("plain text\n");
  });
});

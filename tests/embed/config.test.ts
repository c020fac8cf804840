import { describe, expect, it } from "vitest";
import { DEFAULT_EMBED, parseEmbedConfig, scriptLines } from "../../src/embed/config.ts";

const from = (attrs: Record<string, string>) => parseEmbedConfig((n) => attrs[n] ?? null);

describe("embed configuration", () => {
  it("defaults when nothing is set", () => {
    expect(from({})).toEqual({ config: DEFAULT_EMBED, problems: [] });
  });

  it("reads every attribute", () => {
    const { config, problems } = from({ preset: "none", seed: "42", views: "none", height: "30rem", theme: "dark", lang: "ko", readonly: "", script: "kubeadm init\nkubectl get svc", lesson: "guard-rails", step: "bind" });
    expect(problems).toEqual([]);
    expect(config).toEqual({ preset: "none", seed: 42, views: "none", height: "30rem", theme: "dark", lang: "ko", readonly: true, script: ["kubeadm init", "kubectl get svc"], lesson: "guard-rails", step: "bind" });
    expect(from({ lesson: "../etc" }).problems).toEqual(['lesson="../etc": expected a lesson\'s folder name']);
    expect(from({ readonly: "false" }).config.readonly).toBe(false);
  });

  it("keeps the default for a bad value and says which and why", () => {
    const { config, problems } = from({ seed: "-3", height: "expression(alert(1))", theme: "neon", preset: "kind" });
    expect(config.seed).toBe(1);
    expect(config.height).toBe("420px");
    expect(config.theme).toBe("light");
    expect(config.preset).toBe("default");
    expect(problems).toEqual([
      'preset="kind": expected default or none',
      'seed="-3": expected a whole number',
      'height="expression(alert(1))": expected a CSS length such as 420px',
      'theme="neon": expected light or dark',
    ]);
  });

  it("splits a start script into commands, joining continued lines and skipping comments", () => {
    expect(scriptLines("# set up\nkubectl create service clusterip a \\\n  --tcp 80\r\n\n  kubectl get svc  \n")).toEqual(["kubectl create service clusterip a \\\n  --tcp 80", "kubectl get svc"]);
  });
});

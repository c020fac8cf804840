import { describe, expect, it } from "vitest";
import { parseArgs, pyRepr, type ArgSpec } from "../../../src/azure/cli/argparse.ts";

const ARGS: ArgSpec[] = [
  { dest: "resource_group_name", options: ["--resource-group", "-g"], required: true, help: "" },
  { dest: "name", options: ["--name", "-n"], required: true, help: "" },
  { dest: "node_count", options: ["--node-count", "-c"], kind: "int", help: "" },
  { dest: "network_plugin", options: ["--network-plugin"], choices: ["azure", "kubenet", "none"], help: "" },
  { dest: "network_policy", options: ["--network-policy"], help: "" },
  { dest: "prefixes", options: ["--address-prefixes"], kind: "list", help: "" },
  { dest: "yes", options: ["--yes", "-y"], kind: "flag", help: "" },
];

const parse = (line: string) => parseArgs("az aks create", line.split(" ").filter(Boolean), ARGS);

describe("az argument parsing (argparse rules)", () => {
  it("reads options, short forms, --opt=value, -ovalue, lists and flags", () => {
    expect(parse("-g rg --name=c -c 3 --network-plugin Kubenet --address-prefixes 10.0.0.0/16 fd00::/48 -y -otsv")).toEqual({
      kind: "ok",
      values: { resource_group_name: "rg", name: "c", node_count: 3, network_plugin: "kubenet", prefixes: ["10.0.0.0/16", "fd00::/48"], yes: true, _output: "tsv" },
      ignored: [],
    });
  });

  it("accepts a unique prefix of a long option and refuses an ambiguous one", () => {
    expect(parse("-g rg -n c --node-c 2")).toMatchObject({ kind: "ok", values: { node_count: 2 } });
    expect(parse("-g rg -n c --network-p kubenet")).toEqual({
      kind: "error",
      message: "ambiguous option: --network-p could match --network-plugin, --network-policy",
      recommendations: [],
      examples: true,
    });
  });

  it("lists the missing required arguments with their option strings", () => {
    expect(parse("")).toMatchObject({ kind: "error", message: "the following arguments are required: --resource-group/-g, --name/-n" });
    expect(parse("-n c")).toMatchObject({ message: "the following arguments are required: --resource-group/-g" });
  });

  it("reports leftovers as unrecognized, after the required check, without examples", () => {
    expect(parse("-g rg -n c --foo bar baz")).toEqual({ kind: "error", message: "unrecognized arguments: --foo bar baz", recommendations: [], examples: false });
    expect(parse("--foo -n c")).toMatchObject({ message: "the following arguments are required: --resource-group/-g" });
  });

  it("checks types and choices as it reads them", () => {
    expect(parse("-g rg -n c -c three")).toMatchObject({ message: "argument --node-count/-c: invalid int value: 'three'" });
    expect(parse("-g rg -n c --network-plugin kubnet")).toEqual({
      kind: "error",
      message: "az aks create: 'kubnet' is not a valid value for '--network-plugin'. Allowed values: azure, kubenet, none.",
      recommendations: ["Did you mean 'kubenet' ?"],
      examples: true,
    });
    expect(parse("-g rg -n c -o xml")).toMatchObject({ message: "az aks create: 'xml' is not a valid value for '--output'. Allowed values: json, jsonc, yaml, yamlc, table, tsv, none." });
    expect(parse("-g -n c")).toMatchObject({ message: "argument --resource-group/-g: expected one argument" });
    expect(parse("-g rg -n c --address-prefixes")).toMatchObject({ message: "argument --address-prefixes: expected at least one argument" });
  });

  it("compiles --query while parsing, as knack's jmespath_type does", () => {
    expect(parse("-g rg -n c --query [].name[")).toEqual({
      kind: "error",
      message: "argument --query: invalid jmespath_type value: '[].name['",
      recommendations: ["To learn more about --query, please visit: 'https://learn.microsoft.com/cli/azure/query-azure-cli'"],
      examples: false,
    });
  });

  it("stops at -h/--help", () => {
    expect(parse("-g rg --help --foo")).toEqual({ kind: "help" });
  });

  it("quotes values as Python's repr does", () => {
    expect(pyRepr("a")).toBe("'a'");
    expect(pyRepr("it's")).toBe(`"it's"`);
  });
});

/** The az front end: help, error layout, --query, -o, confirmation, and the account and group commands. */
import { describe, expect, it } from "vitest";
import { azShell } from "../harness.ts";

describe("az front end", () => {
  it("prints a missing argument with up to three examples, most similar first, and exits 2", async () => {
    const s = await azShell();
    const r = await s.run("az group create -n rg");
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`the following arguments are required: --location/-l

Examples from command's help:
az group create -l westus -n MyResourceGroup
Create a new resource group in the West US region.

https://aka.ms/cli_ref
Read more about the command in reference docs
`);
    expect(r.exitCode).toBe(2);
  });

  it("prints unrecognized arguments and unknown commands without examples", async () => {
    const s = await azShell();
    const r = await s.run("az group list --foo bar");
    expect(r.stderr).toBe("unrecognized arguments: --foo bar\n\nhttps://aka.ms/cli_ref\nRead more about the command in reference docs\n");
    expect(r.exitCode).toBe(2);
    const u = await s.run("az aks craete -g rg");
    expect(u.stderr).toBe("'craete' is misspelled or not recognized by the system.\nDid you mean 'create' ?\n\nhttps://aka.ms/cli_ref\nRead more about the command in reference docs\n");
  });

  it("prints a command's help in knack's layout, and a group's help", async () => {
    const s = await azShell();
    const h = await s.run("az aks get-credentials -h");
    expect(h.exitCode).toBe(0);
    expect(h.stdout).toBe(`
Command
    az aks get-credentials : Get access credentials for a managed Kubernetes cluster.

Arguments
    --name -n           [Required] : Name of the managed cluster.
    --resource-group -g [Required] : Name of resource group. You can configure the default group
                                     using \`az configure --defaults group=<name>\`.
    --admin -a                     : Get cluster administrator credentials.  Default: cluster user
                                     credentials.
    --context                      : If specified, overwrite the default context name.
    --file -f                      : Kubernetes configuration file to update. Use "-" to print YAML
                                     to stdout instead.  Default: ~/.kube/config.
    --overwrite-existing           : Overwrite any existing cluster entry with the same name.

Global Arguments
    --debug                        : Increase logging verbosity to show all debug logs.
    --help -h                      : Show this help message and exit.
    --only-show-errors             : Only show errors, suppressing warnings.
    --output -o                    : Output format.  Allowed values: json, jsonc, none, table, tsv,
                                     yaml, yamlc.  Default: json.
    --query                        : JMESPath query string. See http://jmespath.org/ for more
                                     information and examples.
    --subscription                 : Name or ID of subscription. You can configure the default
                                     subscription using \`az account set -s NAME_OR_ID\`.
    --verbose                      : Increase logging verbosity. Use --debug for full debug logs.

Examples
    Get access credentials for a managed Kubernetes cluster.
        az aks get-credentials --name MyManagedCluster --resource-group MyResourceGroup


To search AI knowledge base for examples, use: az find "az aks get-credentials"

`);
    const g = await s.run("az aks nodepool");
    expect(g.stdout).toBe(`
Group
    az aks nodepool : Commands to manage node pools in Kubernetes kubernetes cluster.

Commands:
    add    : Add a node pool to the managed Kubernetes cluster.
    delete : Delete the agent pool in the managed Kubernetes cluster.
    list   : List node pools in the managed Kubernetes cluster.
    scale  : Scale the node pool in a managed Kubernetes cluster.
    show   : Show the details for a node pool in the managed Kubernetes cluster.

To search AI knowledge base for examples, use: az find "az aks nodepool"

`);
    const w = await s.run("az");
    expect(w.stdout.split("\n").slice(8, 13)).toEqual([
      "Welcome to the cool new Azure CLI!",
      "",
      "Use `az --version` to display the current version.",
      "Here are the base commands:",
      "",
    ]);
  });

  it("says that the sandbox is signed in, and shows the subscription", async () => {
    const s = await azShell();
    const sub = s.cloud.subscription;
    const login = await s.run("az login --query '[0].name' -o tsv");
    expect(login).toEqual({ stdout: "Azure subscription 1\n", stderr: `The sandbox has no browser or network: it is signed in to its simulated Azure as ${sub.user}.\n`, exitCode: 0 });
    const show = await s.run("az account show");
    expect(JSON.parse(show.stdout)).toEqual({
      environmentName: "AzureCloud",
      homeTenantId: sub.tenantId,
      id: sub.id,
      isDefault: true,
      managedByTenants: [],
      name: "Azure subscription 1",
      state: "Enabled",
      tenantDefaultDomain: "cidrlab.onmicrosoft.com",
      tenantDisplayName: "Default Directory",
      tenantId: sub.tenantId,
      user: { name: sub.user, type: "user" },
    });
    // The same seed gives the same subscription; another seed another one.
    expect((await azShell(1)).cloud.subscription.id).toBe(sub.id);
    expect((await azShell(2)).cloud.subscription.id).not.toBe(sub.id);
  });

  it("lists groups as a table through az's transformer, and in yaml", async () => {
    const s = await azShell();
    await s.run("az group create -n myResourceGroup -l 'East US' -o none");
    await s.run("az group create -n second -l westeurope -o none");
    const t = await s.run("az group list -o table");
    expect(t.stdout).toBe("Name             Location    Status\n---------------  ----------  ---------\nmyResourceGroup  eastus      Succeeded\nsecond           westeurope  Succeeded\n");
    const y = await s.run("az group show -n second -o yaml");
    expect(y.stdout).toBe(`id: /subscriptions/${s.cloud.subscription.id}/resourceGroups/second
location: westeurope
managedBy: null
name: second
properties:
  provisioningState: Succeeded
tags: null
type: Microsoft.Resources/resourceGroups
`);
  });

  it("refuses an unknown region and moving a group, as ARM does", async () => {
    const s = await azShell();
    const r = await s.run("az group create -n rg -l mars");
    expect(r.stderr).toMatch(/^\(LocationNotAvailableForResourceGroup\) The provided location 'mars' is not available for resource group\. List of available regions is 'australiacentral,australiacentral2,.*,westus3'\.\nCode: LocationNotAvailableForResourceGroup\n/);
    await s.run("az group create -n rg -l eastus -o none");
    const moved = await s.run("az group create -n rg -l westus");
    expect(moved.stderr).toBe(
      "(InvalidResourceGroupLocation) Invalid resource group location 'westus'. The Resource group already exists in location 'eastus'.\nCode: InvalidResourceGroupLocation\nMessage: Invalid resource group location 'westus'. The Resource group already exists in location 'eastus'.\n",
    );
    const missing = await s.run("az group show -n nope");
    expect(missing.exitCode).toBe(3);
  });

  it("reports a query that fails on the data", async () => {
    const s = await azShell();
    await s.run("az group create -n rg -l eastus -o none");
    const r = await s.run("az group show -n rg --query 'length(managedBy)'");
    expect(r.stderr).toBe(
      "Invalid jmespath query supplied for `--query`: TypeError: length() expected argument 1 to be type string,array,object but received type null instead.\nTo learn more about --query, please visit: 'https://learn.microsoft.com/cli/azure/query-azure-cli'\n",
    );
    expect(r.exitCode).toBe(1);
  });

  it("asks before deleting, and needs y on standard input or --yes", async () => {
    const s = await azShell();
    await s.run("az group create -n rg -l eastus -o none");
    await s.run("az aks create -g rg -n aks --network-plugin kubenet --node-count 1 -o none");
    const no = await s.run("az aks delete -g rg -n aks");
    expect(no).toEqual({ stdout: "Are you sure you want to perform this operation? (y/n): ", stderr: "Operation cancelled.\n", exitCode: 1 });
    expect(s.cloud.clusters).toHaveLength(1);
    const yes = await s.run("echo y | az aks delete -g rg -n aks");
    expect(yes.exitCode).toBe(0);
    expect(s.cloud.clusters).toHaveLength(0);
    expect(s.lab.removed).toEqual(["aks"]);
    expect((await s.run("az group list --query '[].name' -o tsv")).stdout).toBe("rg\n");
  });

  it("notes arguments it accepts without simulating them", async () => {
    const s = await azShell();
    await s.run("az group create -n rg -l eastus -o none");
    const r = await s.run("az aks create -g rg -n aks --network-plugin kubenet --node-count 1 --enable-addons monitoring --tags env=lab -o none");
    expect(r.stderr).toBe("The sandbox accepts --tags but does not simulate what it changes.\nThe sandbox accepts --enable-addons but does not simulate what it changes.\n");
    expect(r.exitCode).toBe(0);
  });

  it("advances the virtual clock by the time the operation takes", async () => {
    const s = await azShell();
    await s.run("az group create -n rg -l eastus -o none");
    const t0 = s.session.clock.now();
    await s.run("az aks create -g rg -n aks --network-plugin kubenet --node-count 1 -o none");
    expect(s.session.clock.now() - t0).toBe(300_000);
    await s.run("az aks scale -g rg -n aks -c 2 --no-wait");
    expect(s.session.clock.now() - t0).toBe(300_000);
  });
});

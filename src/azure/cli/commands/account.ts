/**
 * `az login`, `az account show|list|set` and `az version`. The sandbox is signed in from the start:
 * there is no browser or network, so `az login` only says so and lists the one subscription.
 */
import type { AzureCloud } from "../../cloud.ts";
import { clientError } from "../../errors.ts";
import type { AzCommand } from "../command.ts";
import { str } from "../command.ts";

export const AZ_CLI_VERSION = "2.77.0";

function accountJson(cloud: AzureCloud, key: "environmentName" | "cloudName"): Record<string, unknown> {
  const s = cloud.subscription;
  return {
    [key]: "AzureCloud",
    homeTenantId: s.tenantId,
    id: s.id,
    isDefault: true,
    managedByTenants: [],
    name: s.name,
    state: "Enabled",
    tenantDefaultDomain: s.tenantDomain,
    tenantDisplayName: "Default Directory",
    tenantId: s.tenantId,
    user: { name: s.user, type: "user" },
  };
}

export const ACCOUNT_COMMANDS: AzCommand[] = [
  {
    name: "login",
    summary: "Log in to Azure.",
    args: [
      { dest: "username", options: ["--username", "-u"], help: "User name, service principal, or managed service identity ID.", ignored: true },
      { dest: "tenant", options: ["--tenant", "-t"], help: "The Microsoft Entra tenant, must be provided when using a service principal.", ignored: true },
      { dest: "use_device_code", options: ["--use-device-code"], kind: "flag", help: "Use CLI's old authentication flow based on device code.", ignored: true },
    ],
    examples: [{ summary: "Log in interactively.", command: "az login" }],
    async run(_v, host) {
      const s = host.cloud.subscription;
      return {
        warnings: [`The sandbox has no browser or network: it is signed in to its simulated Azure as ${s.user}.`],
        result: [accountJson(host.cloud, "cloudName")],
      };
    },
  },
  {
    name: "account show",
    summary: "Get the details of a subscription.",
    args: [{ dest: "name", options: ["--name", "--subscription", "-n", "-s"], help: "Name or ID of subscription." }],
    examples: [{ summary: "Get the details of the current subscription.", command: "az account show" }],
    async run(v, host) {
      const want = str(v, "name");
      const s = host.cloud.subscription;
      if (want !== undefined && want !== s.id && want.toLowerCase() !== s.name.toLowerCase()) {
        return { error: clientError(`Subscription '${want}' not found. Check the spelling and casing and try again.`) };
      }
      return { result: accountJson(host.cloud, "environmentName") };
    },
  },
  {
    name: "account list",
    summary: "Get a list of subscriptions for the logged in account.",
    args: [{ dest: "all", options: ["--all"], kind: "flag", help: "List all subscriptions from all clouds, rather than just 'enabled' ones." }],
    examples: [{ summary: "Get a list of subscriptions.", command: "az account list" }],
    tableTransformer: (r) =>
      (r as Record<string, unknown>[]).map((a) => ({ Name: a.name, CloudName: a.cloudName, SubscriptionId: a.id, TenantId: a.tenantId, State: a.state, IsDefault: a.isDefault })),
    async run(_v, host) {
      return { result: [accountJson(host.cloud, "cloudName")] };
    },
  },
  {
    name: "account set",
    summary: "Set a subscription to be the current active subscription.",
    args: [{ dest: "subscription", options: ["--name", "--subscription", "-n", "-s"], required: true, help: "Name or ID of subscription." }],
    examples: [{ summary: "Set the current subscription.", command: "az account set --subscription MySubscription" }],
    async run(v, host) {
      const want = str(v, "subscription")!;
      const s = host.cloud.subscription;
      if (want !== s.id && want.toLowerCase() !== s.name.toLowerCase()) {
        return { error: clientError(`The subscription of '${want}' doesn't exist in cloud 'AzureCloud'.`) };
      }
      return {};
    },
  },
  {
    name: "version",
    summary: "Show the versions of Azure CLI modules and extensions in JSON format by default or format configured by --output.",
    args: [],
    examples: [{ summary: "Show the versions of Azure CLI modules and extensions in JSON format.", command: "az version" }],
    async run() {
      return { result: { "azure-cli": AZ_CLI_VERSION, "azure-cli-core": AZ_CLI_VERSION, "azure-cli-telemetry": "1.1.0", extensions: {} } };
    },
  },
];

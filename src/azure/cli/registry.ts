/** The az command tree the sandbox knows: groups (for help and for walking the words) and commands. */
import type { AzCommand, AzGroup } from "./command.ts";
import { ACCOUNT_COMMANDS } from "./commands/account.ts";
import { AKS_COMMANDS } from "./commands/aks.ts";
import { GROUP_COMMANDS } from "./commands/group.ts";
import { IDENTITY_COMMANDS } from "./commands/identity.ts";
import { NETWORK_COMMANDS } from "./commands/network.ts";
import { NODEPOOL_COMMANDS } from "./commands/nodepool.ts";

export const GROUPS: AzGroup[] = [
  { name: "", summary: "Azure Command-Line Interface, as far as this sandbox simulates it." },
  { name: "account", summary: "Manage Azure subscription information." },
  { name: "group", summary: "Manage resource groups and template deployments." },
  { name: "network", summary: "Manage Azure Network resources." },
  { name: "network vnet", summary: "Manage Azure Virtual Networks." },
  { name: "network vnet subnet", summary: "Manage subnets in an Azure Virtual Network." },
  { name: "network route-table", summary: "Manage route tables." },
  { name: "network route-table route", summary: "Manage routes in a route table." },
  { name: "identity", summary: "Managed Identities." },
  { name: "role", summary: "Manage Azure role-based access control (Azure RBAC)." },
  { name: "role assignment", summary: "Manage role assignments." },
  { name: "aks", summary: "Azure Kubernetes Service." },
  { name: "aks nodepool", summary: "Commands to manage node pools in Kubernetes kubernetes cluster." },
];

export const COMMANDS: AzCommand[] = [...ACCOUNT_COMMANDS, ...GROUP_COMMANDS, ...NETWORK_COMMANDS, ...IDENTITY_COMMANDS, ...AKS_COMMANDS, ...NODEPOOL_COMMANDS];

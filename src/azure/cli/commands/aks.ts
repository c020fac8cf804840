/**
 * `az aks create|show|list|scale|delete|get-credentials`. Argument names and defaults follow az-cli
 * acs/_params.py and custom.py; what the cluster becomes is carried to the lab as a ClusterPlan, and
 * node changes as the new node list.
 */
import { clusterPlan, nodePlans } from "../../aks/plan.ts";
import { createCluster, deleteCluster, type AksCreateInput } from "../../aks/create.ts";
import { clusterKubeconfig, mergeKubeconfig } from "../../aks/kubeconfig.ts";
import { managedClusterJson } from "../../aks/json.ts";
import { requireCluster } from "../../aks/lookup.ts";
import { AKS_DEFAULTS } from "../../aks/naming.ts";
import { checkPoolGrowth, resizePool } from "../../aks/pools.ts";
import { clientError, resourceGroupNotFound, serviceError } from "../../errors.ts";
import type { NetworkPlugin } from "../../types.ts";
import type { ArgSpec, ParsedArgs } from "../argparse.ts";
import type { AzCommand, AzHost, CommandOutcome } from "../command.ts";
import { LOCATION, NO_WAIT, RESOURCE_GROUP, YES, flag, num, str } from "../command.ts";
import { resolveSshKey } from "./ssh-key.ts";
import { stringify } from "yaml";

/** Virtual time the operations take, so node ages and event times look as after a real run. */
export const AKS_DURATION_MS = { create: 300_000, scale: 120_000, delete: 180_000, nodepoolAdd: 180_000 } as const;

const NAME: ArgSpec = { dest: "name", options: ["--name", "-n"], required: true, help: "Name of the managed cluster." };
const ignoredArg = (dest: string, options: string[], help: string, kind: ArgSpec["kind"] = "string"): ArgSpec => ({ dest, options, help, kind, ignored: true });

/** acs/_format.py _aks_table_format. */
export function aksTableRow(r: unknown): Record<string, unknown> {
  const c = r as Record<string, unknown>;
  return {
    name: c.name,
    location: c.location,
    resourceGroup: c.resourceGroup,
    kubernetesVersion: c.kubernetesVersion,
    currentKubernetesVersion: c.currentKubernetesVersion,
    provisioningState: c.provisioningState,
    fqdn: c.fqdn || c.privateFqdn,
  };
}

function commaList(v: ParsedArgs, k: string): string[] | undefined {
  const s = str(v, k);
  return s === undefined ? undefined : s.split(",").map((x) => x.trim()).filter(Boolean);
}

/** Hands the lab the cluster's new node list; nothing to do when no lab runs clusters. */
export async function pushNodes(host: AzHost, clusterName: string, nodes: ReturnType<typeof nodePlans>): Promise<void> {
  await host.provisioner()?.setNodes("aks", clusterName, nodes);
}

const CREATE_ARGS: ArgSpec[] = [
  RESOURCE_GROUP,
  NAME,
  LOCATION,
  { dest: "kubernetes_version", options: ["--kubernetes-version", "-k"], help: "Version of Kubernetes to use for creating the cluster, such as \"1.7.12\" or \"1.8.7\".", defaultText: "1.34" },
  { dest: "node_count", options: ["--node-count", "-c"], kind: "int", help: "Number of nodes in the Kubernetes node pool. After creating a cluster, you can change the size of its node pool with `az aks scale`.", defaultText: "3", group: "Node Pool" },
  { dest: "node_vm_size", options: ["--node-vm-size", "-s"], help: "Size of Virtual Machines to create as Kubernetes nodes.", group: "Node Pool" },
  { dest: "max_pods", options: ["--max-pods", "-m"], kind: "int", help: "The maximum number of pods deployable to a node. If not specified, defaults based on network-plugin. 30 for \"azure\", 110 for \"kubenet\", or 250 for \"none\".", group: "Node Pool" },
  { dest: "nodepool_name", options: ["--nodepool-name"], help: "Node pool name, up to 12 alphanumeric characters.", defaultText: "nodepool1", group: "Node Pool" },
  { dest: "vnet_subnet_id", options: ["--vnet-subnet-id"], help: "The ID of a subnet in an existing VNet into which to deploy the cluster.", group: "Node Pool" },
  { dest: "network_plugin", options: ["--network-plugin"], choices: ["azure", "kubenet", "none"], help: "The Kubernetes network plugin to use. Specify \"azure\" for routable pod IPs from VNET, \"kubenet\" for non-routable pod IPs with an overlay network, or \"none\" for no networking configured.", group: "Network" },
  { dest: "network_plugin_mode", options: ["--network-plugin-mode"], choices: ["overlay"], help: "The network plugin mode to use.", group: "Network" },
  { dest: "network_policy", options: ["--network-policy"], choices: ["azure", "calico", "cilium", "none"], help: "The network policy to use.", group: "Network" },
  { dest: "pod_cidr", options: ["--pod-cidr"], help: "A CIDR notation IP range from which to assign pod IPs when kubenet is used.", group: "Network" },
  { dest: "service_cidr", options: ["--service-cidr"], help: "A CIDR notation IP range from which to assign service cluster IPs.", group: "Network" },
  { dest: "dns_service_ip", options: ["--dns-service-ip"], help: "An IP address assigned to the Kubernetes DNS service.", group: "Network" },
  { dest: "pod_cidrs", options: ["--pod-cidrs"], help: "A comma-separated list of CIDR notation IP ranges from which to assign pod IPs when kubenet is used.", group: "Network" },
  { dest: "service_cidrs", options: ["--service-cidrs"], help: "A comma-separated list of CIDR notation IP ranges from which to assign service cluster IPs.", group: "Network" },
  { dest: "ip_families", options: ["--ip-families"], help: "A comma-separated list of IP versions to use for cluster networking.", group: "Network" },
  { dest: "load_balancer_sku", options: ["--load-balancer-sku"], choices: ["basic", "standard"], help: "Azure Load Balancer SKU selection for your cluster. basic or standard.", group: "Network" },
  { dest: "outbound_type", options: ["--outbound-type"], choices: ["loadBalancer", "managedNATGateway", "userAssignedNATGateway", "userDefinedRouting"], help: "How outbound traffic will be configured for a cluster.", group: "Network" },
  { dest: "dns_name_prefix", options: ["--dns-name-prefix", "-p"], help: "Prefix for hostnames that are created. If not specified, generate a hostname using the managed cluster and resource group names." },
  { dest: "assign_identity", options: ["--assign-identity"], help: "Specify an existing user assigned identity for control plane's usage in order to manage cluster resource group." },
  { dest: "enable_managed_identity", options: ["--enable-managed-identity"], kind: "flag", help: "Using a system assigned managed identity to manage cluster resource group." },
  { dest: "skip_subnet_role_assignment", options: ["--skip-subnet-role-assignment"], kind: "flag", help: "Skip role assignment for subnet (advanced networking)." },
  { dest: "generate_ssh_keys", options: ["--generate-ssh-keys"], kind: "flag", help: "Generate SSH public and private key files if missing. The keys will be stored in the ~/.ssh directory." },
  { dest: "ssh_key_value", options: ["--ssh-key-value"], help: "Public key path or key contents to install on node VMs for SSH access." },
  { dest: "no_ssh_key", options: ["--no-ssh-key", "-x"], kind: "flag", help: "Do not use or create a local SSH key." },
  { dest: "tier", options: ["--tier"], choices: ["free", "standard", "premium"], help: "Specify SKU tier for managed clusters." },
  NO_WAIT,
  YES,
  ignoredArg("tags", ["--tags"], 'Space-separated tags: key[=value] [key[=value] ...].', "list"),
  ignoredArg("zones", ["--zones", "-z"], "Space-separated list of availability zones where agent nodes will be placed.", "list"),
  ignoredArg("enable_addons", ["--enable-addons", "-a"], "Enable the Kubernetes addons in a comma-separated list."),
  ignoredArg("node_osdisk_size", ["--node-osdisk-size"], "Size in GiB of the OS disk for each node in the node pool."),
  ignoredArg("os_sku", ["--os-sku"], "The OS SKU of the agent node pool."),
  ignoredArg("enable_cluster_autoscaler", ["--enable-cluster-autoscaler"], "Enable cluster autoscaler, default value is false.", "flag"),
  ignoredArg("min_count", ["--min-count"], "Minimum nodes count used for autoscaler."),
  ignoredArg("max_count", ["--max-count"], "Maximum nodes count used for autoscaler."),
  ignoredArg("attach_acr", ["--attach-acr"], "Grant the 'acrpull' role assignment to the ACR specified by name or resource ID."),
  ignoredArg("enable_oidc_issuer", ["--enable-oidc-issuer"], "Enable OIDC issuer.", "flag"),
  ignoredArg("enable_workload_identity", ["--enable-workload-identity"], "Enable workload identity addon.", "flag"),
  ignoredArg("nodepool_labels", ["--nodepool-labels"], "The node labels for all node pool.", "list"),
  ignoredArg("nodepool_taints", ["--nodepool-taints"], "The node taints for all node pool."),
  ignoredArg("enable_aad", ["--enable-aad"], "Enable managed AAD feature for cluster.", "flag"),
  ignoredArg("enable_azure_rbac", ["--enable-azure-rbac"], "Enable Azure RBAC to control authorization checks on cluster.", "flag"),
  ignoredArg("admin_username", ["--admin-username", "-u"], "User account to create on node VMs for SSH access."),
];

async function aksCreate(v: ParsedArgs, host: AzHost): Promise<CommandOutcome> {
  const cloud = host.cloud;
  const warnings: string[] = [];
  const ssh = await resolveSshKey(host, { ...(str(v, "ssh_key_value") !== undefined ? { value: str(v, "ssh_key_value")! } : {}), generate: flag(v, "generate_ssh_keys"), noKey: flag(v, "no_ssh_key") });
  if ("kind" in ssh) return { error: ssh };
  if (ssh.warning) warnings.push(ssh.warning);
  const families = commaList(v, "ip_families")?.map((f) => (f.toLowerCase() === "ipv6" ? "IPv6" : f.toLowerCase() === "ipv4" ? "IPv4" : f));
  if (families && (families.some((f) => f !== "IPv4" && f !== "IPv6") || families[0] !== "IPv4" || families.length > 2)) {
    return { warnings, error: clientError("--ip-families: only \"ipv4\" or \"ipv4,ipv6\" are supported.") };
  }
  const input: AksCreateInput = {
    resourceGroup: str(v, "resource_group_name")!,
    name: str(v, "name")!,
    nodeCount: num(v, "node_count") ?? AKS_DEFAULTS.nodeCount,
    nodepoolName: str(v, "nodepool_name") ?? AKS_DEFAULTS.nodepoolName,
    sshKey: ssh.key,
    skipSubnetRoleAssignment: flag(v, "skip_subnet_role_assignment"),
  };
  const optional: [keyof AksCreateInput, unknown][] = [
    ["location", str(v, "location")],
    ["kubernetesVersion", str(v, "kubernetes_version")],
    ["nodeVmSize", str(v, "node_vm_size")],
    ["maxPods", num(v, "max_pods")],
    ["networkPlugin", str(v, "network_plugin") as NetworkPlugin | undefined],
    ["networkPluginMode", str(v, "network_plugin_mode")],
    ["networkPolicy", str(v, "network_policy")],
    ["podCidr", str(v, "pod_cidr")],
    ["serviceCidr", str(v, "service_cidr")],
    ["dnsServiceIp", str(v, "dns_service_ip")],
    ["podCidrs", commaList(v, "pod_cidrs")],
    ["serviceCidrs", commaList(v, "service_cidrs")],
    ["ipFamilies", families],
    ["vnetSubnetId", str(v, "vnet_subnet_id")],
    ["assignIdentity", str(v, "assign_identity")],
    ["loadBalancerSku", str(v, "load_balancer_sku")],
    ["outboundType", str(v, "outbound_type")],
    ["dnsNamePrefix", str(v, "dns_name_prefix")],
    ["tier", str(v, "tier") === undefined ? undefined : str(v, "tier")![0]!.toUpperCase() + str(v, "tier")!.slice(1)],
  ];
  for (const [k, val] of optional) if (val !== undefined) (input as unknown as Record<string, unknown>)[k] = val;
  const created = createCluster(cloud, input);
  if ("kind" in created) return { warnings, error: created };
  const cluster = created.cluster;
  const lab = host.provisioner();
  if (lab) {
    const r = await lab.provision(clusterPlan(cloud, cluster));
    if (r.errors.length) {
      deleteCluster(cloud, cluster);
      return { warnings, error: serviceError("ControlPlaneAddOnsNotReady", r.errors.join("; ")) };
    }
  }
  if (flag(v, "no_wait")) return { warnings };
  host.advance(AKS_DURATION_MS.create);
  return { warnings, result: managedClusterJson(cloud, cluster) };
}

async function aksGetCredentials(v: ParsedArgs, host: AzHost): Promise<CommandOutcome> {
  const cluster = requireCluster(host.cloud, str(v, "resource_group_name")!, str(v, "name")!);
  if ("kind" in cluster) return { error: cluster };
  const admin = flag(v, "admin");
  const config = clusterKubeconfig(cluster, admin);
  const defaultPath = `${host.home}/.kube/config`;
  let path = str(v, "file") ?? defaultPath;
  if (path === "-") return { stdout: stringify(config, { version: "1.1", indentSeq: false, lineWidth: 0, sortMapEntries: true }) };
  // KUBECONFIG replaces the default path (its first entry), but not an explicit --file.
  const env = host.env("KUBECONFIG");
  if (env && path === defaultPath) path = env.split(":")[0] || path;
  path = path.replace(/^~(?=\/)/, host.home);
  const existing = await host.readFile(path);
  const context = str(v, "context");
  const merged = mergeKubeconfig(existing ?? "", path, config, flag(v, "overwrite_existing"), context);
  if ("kind" in merged) return { error: merged };
  const warnings: string[] = [];
  const mode = await host.fileMode(path);
  if (mode !== null && (mode & 0o777) !== 0o600) {
    warnings.push(`${path} has permissions "${(mode & 0o777).toString(8)}".\nIt should be readable and writable only by its owner.`);
  }
  await host.writeFile(path, merged.text, mode === null ? 0o600 : mode);
  warnings.push(`Merged "${merged.context}" as current context in ${path}`);
  return { warnings };
}

async function aksScale(v: ParsedArgs, host: AzHost): Promise<CommandOutcome> {
  const cloud = host.cloud;
  const cluster = requireCluster(cloud, str(v, "resource_group_name")!, str(v, "name")!);
  if ("kind" in cluster) return { error: cluster };
  const poolName = str(v, "nodepool_name") ?? "";
  if (cluster.pools.length > 1 && poolName === "") {
    return { error: clientError("There are more than one node pool in the cluster. Please specify nodepool name or use az aks nodepool command to scale node pool") };
  }
  const pool = cluster.pools.find((p) => p.name === poolName || (poolName === "" && cluster.pools.length === 1));
  if (!pool) return { error: clientError(`The nodepool "${poolName}" was not found.`) };
  const count = num(v, "node_count")!;
  if (count < (pool.mode === "System" ? 1 : 0)) return { error: serviceError("InvalidParameter", "The value of parameter agentPoolProfile.count is invalid.", "agentPoolProfile.count") };
  const err = checkPoolGrowth(cloud, cluster, { ...pool, existing: pool }, count);
  if (err) return { error: err };
  resizePool(cloud, cluster, pool, count);
  await pushNodes(host, cluster.name, nodePlans(cloud, cluster));
  if (flag(v, "no_wait")) return {};
  host.advance(AKS_DURATION_MS.scale);
  return { result: managedClusterJson(cloud, cluster) };
}

export const AKS_COMMANDS: AzCommand[] = [
  {
    name: "aks create",
    summary: "Create a new managed Kubernetes cluster.",
    args: CREATE_ARGS,
    examples: [
      { summary: "Create a Kubernetes cluster with an existing SSH public key.", command: "az aks create -g MyResourceGroup -n MyManagedCluster --ssh-key-value /path/to/publickey" },
      {
        summary: "Create a kubernetes cluster with default kubernetes version, default SKU load balancer (Standard) and default vm set type (VirtualMachineScaleSets).",
        command: "az aks create -g MyResourceGroup -n MyManagedCluster",
      },
      {
        summary: "Create a kubernetes cluster with kubenet in an existing subnet.",
        command: "az aks create -g MyResourceGroup -n MyManagedCluster --network-plugin kubenet --vnet-subnet-id $SUBNET_ID",
      },
    ],
    run: aksCreate,
  },
  {
    name: "aks show",
    summary: "Show the details for a managed Kubernetes cluster.",
    args: [RESOURCE_GROUP, NAME],
    examples: [{ summary: "Show the details for a managed Kubernetes cluster", command: "az aks show -g MyResourceGroup -n MyManagedCluster" }],
    tableTransformer: (r) => [aksTableRow(r)],
    async run(v, host) {
      const c = requireCluster(host.cloud, str(v, "resource_group_name")!, str(v, "name")!);
      return "kind" in c ? { error: c } : { result: managedClusterJson(host.cloud, c) };
    },
  },
  {
    name: "aks list",
    summary: "List managed Kubernetes clusters.",
    args: [{ ...RESOURCE_GROUP, required: false }],
    examples: [{ summary: "List managed Kubernetes clusters.", command: "az aks list -o table" }],
    tableTransformer: (r) => (r as unknown[]).map(aksTableRow),
    async run(v, host) {
      const group = str(v, "resource_group_name");
      if (group !== undefined && !host.cloud.findGroup(group)) return { error: resourceGroupNotFound(group) };
      const list = host.cloud.clusters.filter((c) => group === undefined || c.resourceGroup.toLowerCase() === group.toLowerCase());
      return { result: list.map((c) => managedClusterJson(host.cloud, c)) };
    },
  },
  {
    name: "aks scale",
    summary: "Scale the node pool in a managed Kubernetes cluster.",
    args: [
      RESOURCE_GROUP,
      NAME,
      { dest: "node_count", options: ["--node-count", "-c"], kind: "int", required: true, help: "Number of nodes in the Kubernetes node pool." },
      { dest: "nodepool_name", options: ["--nodepool-name"], help: "Node pool name, up to 12 alphanumeric characters." },
      NO_WAIT,
    ],
    examples: [{ summary: "Scale the node pool in a managed Kubernetes cluster.", command: "az aks scale -g MyResourceGroup -n MyManagedCluster --node-count 5" }],
    run: aksScale,
  },
  {
    name: "aks delete",
    summary: "Delete a managed Kubernetes cluster.",
    args: [RESOURCE_GROUP, NAME, NO_WAIT, YES],
    confirmation: true,
    examples: [{ summary: "Delete a managed Kubernetes cluster.", command: "az aks delete -g MyResourceGroup -n MyManagedCluster" }],
    async run(v, host) {
      const c = requireCluster(host.cloud, str(v, "resource_group_name")!, str(v, "name")!);
      if ("kind" in c) return { error: c };
      deleteCluster(host.cloud, c);
      await host.provisioner()?.deprovision("aks", c.name);
      if (!flag(v, "no_wait")) host.advance(AKS_DURATION_MS.delete);
      return {};
    },
  },
  {
    name: "aks get-credentials",
    summary: "Get access credentials for a managed Kubernetes cluster.",
    args: [
      RESOURCE_GROUP,
      NAME,
      { dest: "admin", options: ["--admin", "-a"], kind: "flag", help: "Get cluster administrator credentials.", defaultText: "cluster user credentials" },
      { dest: "file", options: ["--file", "-f"], help: 'Kubernetes configuration file to update. Use "-" to print YAML to stdout instead.', defaultText: "~/.kube/config" },
      { dest: "overwrite_existing", options: ["--overwrite-existing"], kind: "flag", help: "Overwrite any existing cluster entry with the same name." },
      { dest: "context", options: ["--context"], help: "If specified, overwrite the default context name." },
    ],
    examples: [{ summary: "Get access credentials for a managed Kubernetes cluster.", command: "az aks get-credentials --name MyManagedCluster --resource-group MyResourceGroup" }],
    run: aksGetCredentials,
  },
];

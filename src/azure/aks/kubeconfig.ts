/**
 * `az aks get-credentials`: the kubeconfig AKS returns (local accounts: a client certificate and a
 * token) merged into the user's kubeconfig the way acs/custom.py merge_kubernetes_configurations does:
 * clusters, users and contexts are merged by name (an equal entry is replaced, a different one is
 * refused unless --overwrite-existing), the admin context gets "-admin", and current-context moves to
 * the new context. The file is written back as PyYAML's safe_dump writes it (sorted keys, sequences
 * not indented).
 */
import { parse, stringify } from "yaml";
import { clientError, type AzError } from "../errors.ts";
import type { ManagedCluster } from "../types.ts";
import { clusterFqdn } from "./json.ts";

type Entry = { name?: unknown } & Record<string, unknown>;
type Config = Record<string, unknown> & { clusters?: Entry[]; users?: Entry[]; contexts?: Entry[] };

/** The kubeconfig the AKS API hands out (listClusterUserCredential / listClusterAdminCredential). */
export function clusterKubeconfig(c: ManagedCluster, admin: boolean): Config {
  const user = `${admin ? "clusterAdmin" : "clusterUser"}_${c.resourceGroup}_${c.name}`;
  return {
    apiVersion: "v1",
    clusters: [{ cluster: { "certificate-authority-data": "DATA+OMITTED", server: `https://${clusterFqdn(c)}:443` }, name: c.name }],
    contexts: [{ context: { cluster: c.name, user }, name: c.name }],
    "current-context": c.name,
    kind: "Config",
    preferences: {},
    users: [
      {
        name: user,
        user: {
          "client-certificate-data": "DATA+OMITTED",
          "client-key-data": "DATA+OMITTED",
          token: admin ? c.credentials.adminToken : c.credentials.userToken,
        },
      },
    ],
  };
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

function handleMerge(existing: Config, addition: Config, key: "clusters" | "users" | "contexts", replace: boolean): AzError | null {
  const add = addition[key];
  if (!add || add.length === 0) return null;
  if (!(key in existing)) {
    return clientError(
      `No such key '${key}' in existing config, please confirm whether it is a valid config file. May back up this config file, delete it and retry the command.`,
    );
  }
  const list = existing[key];
  if (!list || list.length === 0) {
    existing[key] = add;
    return null;
  }
  for (const i of add) {
    for (const j of [...list]) {
      if (!i.name || !j.name || i.name !== j.name) continue;
      // No terminal prompt here: the CLI's "Overwrite?" question answers no, as without a TTY.
      if (!replace && canonical(i) !== canonical(j)) return clientError(`A different object named ${String(i.name)} already exists in ${key} in your kubeconfig file.`);
      list.splice(list.indexOf(j), 1);
    }
    list.push(i);
  }
  return null;
}

export interface MergeResult {
  text: string;
  context: string;
}

/** Merges the cluster's kubeconfig into `existingText` (empty or missing: the file is created). */
export function mergeKubeconfig(existingText: string, path: string, addition: Config, overwrite: boolean, contextName?: string): MergeResult | AzError {
  if (contextName !== undefined) {
    const ctx = addition.contexts![0]!;
    ctx.name = contextName;
    (ctx.context as Record<string, unknown>).cluster = contextName;
    addition.clusters![0]!.name = contextName;
    addition["current-context"] = contextName;
  }
  // The admin context is renamed so that it does not replace the user context.
  for (const ctx of addition.contexts ?? []) {
    const user = (ctx.context as Record<string, unknown> | undefined)?.user;
    if (typeof user === "string" && user.startsWith("clusterAdmin")) {
      ctx.name = `${String(ctx.name)}-admin`;
      addition["current-context"] = ctx.name;
      break;
    }
  }
  let existing: Config | null;
  try {
    existing = (parse(existingText) as Config | null) ?? null;
  } catch (e) {
    return clientError(`Error parsing ${path} (${(e as Error).message})`);
  }
  if (existing === null) {
    existing = addition;
  } else {
    for (const key of ["clusters", "users", "contexts"] as const) {
      const err = handleMerge(existing, addition, key, overwrite);
      if (err) return err;
    }
    existing["current-context"] = addition["current-context"];
  }
  const text = stringify(existing, { version: "1.1", indentSeq: false, lineWidth: 0, sortMapEntries: true, singleQuote: true });
  return { text, context: String(addition["current-context"]) };
}

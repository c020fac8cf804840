/**
 * kubeconfig files as kubectl reads and the cluster tools write them (k8s.io/client-go/tools/clientcmd):
 * which server the current context points at, and merging a new cluster/context/user in, as
 * `kind create cluster` and `az aks get-credentials` do. Certificates are not simulated; their fields
 * keep the shape with placeholder data.
 */
import { parse, stringify } from "yaml";

export interface NamedCluster {
  name: string;
  cluster: { server: string; "certificate-authority-data"?: string; "insecure-skip-tls-verify"?: boolean };
}
export interface NamedContext {
  name: string;
  context: { cluster: string; user: string; namespace?: string };
}
export interface NamedUser {
  name: string;
  user: Record<string, unknown>;
}

export interface Kubeconfig {
  apiVersion: "v1";
  kind: "Config";
  clusters: NamedCluster[];
  contexts: NamedContext[];
  "current-context": string;
  preferences: Record<string, unknown>;
  users: NamedUser[];
}

export function emptyKubeconfig(): Kubeconfig {
  return { apiVersion: "v1", kind: "Config", clusters: [], contexts: [], "current-context": "", preferences: {}, users: [] };
}

/** Reads a kubeconfig; a file that does not parse gives kubectl's load error. */
export function parseKubeconfig(text: string, path: string): Kubeconfig | { error: string } {
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (e) {
    return { error: `error: error loading config file "${path}": ${(e as Error).message.split("\n")[0]}` };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { error: `error: error loading config file "${path}": couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }` };
  }
  const r = raw as Record<string, unknown>;
  const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === "object") as T[]) : []);
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: list<NamedCluster>(r.clusters).filter((c) => typeof c.name === "string" && c.cluster && typeof c.cluster.server === "string"),
    contexts: list<NamedContext>(r.contexts).filter((c) => typeof c.name === "string" && c.context && typeof c.context.cluster === "string"),
    "current-context": typeof r["current-context"] === "string" ? r["current-context"] : "",
    preferences: (r.preferences as Record<string, unknown>) ?? {},
    users: list<NamedUser>(r.users).filter((u) => typeof u.name === "string"),
  };
}

/**
 * Every command reads the kubeconfig (kubectl, and the shell to know which cluster the views show), and
 * YAML parsing was a quarter of a command's time. The file rarely changes: the last parse is kept and a
 * copy handed out, so a caller may change what it gets.
 */
export class KubeconfigCache {
  #key = "";
  #value: ReturnType<typeof parseKubeconfig> | null = null;

  parse(text: string, path: string): ReturnType<typeof parseKubeconfig> {
    const key = `${path}\0${text}`;
    if (this.#value === null || key !== this.#key) {
      this.#key = key;
      this.#value = parseKubeconfig(text, path);
    }
    return structuredClone(this.#value);
  }
}

/** As clientcmd.Write (and kind) write it: Go structs through JSON to YAML, so keys sorted and lists unindented. */
export function serializeKubeconfig(cfg: Kubeconfig): string {
  return stringify(cfg, { lineWidth: 0, indentSeq: false, sortMapEntries: true });
}

export interface Resolved {
  context: string;
  cluster: string;
  /** "https://192.168.0.7:6443" */
  server: string;
  /** "192.168.0.7:6443", as kubectl prints it in connection errors. */
  hostPort: string;
  namespace: string;
}

/**
 * The server and namespace kubectl talks to (clientcmd's DirectClientConfig). With no usable context,
 * client-go falls back to http://localhost:8080, which is where the famous refusal comes from.
 */
export function resolveContext(cfg: Kubeconfig | null, contextOverride?: string): Resolved | { error: string } {
  const name = contextOverride || cfg?.["current-context"] || "";
  if (contextOverride && !cfg?.contexts.some((c) => c.name === contextOverride)) {
    return { error: `error: context "${contextOverride}" does not exist` };
  }
  const ctx = cfg?.contexts.find((c) => c.name === name);
  const cluster = ctx ? cfg?.clusters.find((c) => c.name === ctx.context.cluster) : undefined;
  if (!ctx || !cluster) return { context: name, cluster: "", server: "http://localhost:8080", hostPort: "localhost:8080", namespace: "default" };
  return {
    context: name,
    cluster: cluster.name,
    server: cluster.cluster.server,
    hostPort: hostPort(cluster.cluster.server),
    namespace: ctx.context.namespace || "default",
  };
}

export function hostPort(server: string): string {
  const m = /^[a-z]+:\/\/([^/]+)/.exec(server);
  const hp = m ? m[1]! : server;
  if (/:\d+$/.test(hp)) return hp;
  return `${hp}:${server.startsWith("http://") ? 80 : 443}`;
}

export interface KubeconfigEntry {
  cluster: string;
  context: string;
  user: string;
  server: string;
  namespace?: string;
}

/** Adds or replaces a cluster, context and user (clientcmd merge semantics: same names are overwritten). */
export function mergeEntry(cfg: Kubeconfig, e: KubeconfigEntry, makeCurrent: boolean): Kubeconfig {
  const out: Kubeconfig = { ...cfg, clusters: [...cfg.clusters], contexts: [...cfg.contexts], users: [...cfg.users] };
  const put = <T extends { name: string }>(arr: T[], item: T) => {
    const i = arr.findIndex((x) => x.name === item.name);
    if (i >= 0) arr[i] = item;
    else arr.push(item);
  };
  put(out.clusters, { name: e.cluster, cluster: { "certificate-authority-data": "DATA+OMITTED", server: e.server } });
  put(out.contexts, { name: e.context, context: { cluster: e.cluster, user: e.user, ...(e.namespace ? { namespace: e.namespace } : {}) } });
  put(out.users, { name: e.user, user: { "client-certificate-data": "DATA+OMITTED", "client-key-data": "DATA+OMITTED" } });
  if (makeCurrent) out["current-context"] = e.context;
  return out;
}

/** Removes a cluster's entries (kind delete cluster); the current context is cleared if it was one of them. */
export function removeEntry(cfg: Kubeconfig, e: { cluster: string; context: string; user: string }): Kubeconfig {
  return {
    ...cfg,
    clusters: cfg.clusters.filter((c) => c.name !== e.cluster),
    contexts: cfg.contexts.filter((c) => c.name !== e.context),
    users: cfg.users.filter((u) => u.name !== e.user),
    "current-context": cfg["current-context"] === e.context ? "" : cfg["current-context"],
  };
}

// `kubeadm init --config FILE`: reading a kubeadm configuration file.
//
// k/k cmd/kubeadm/app/util/config/initconfiguration.go (BytesToInitConfiguration,
// documentMapToInitConfiguration: GVKs sorted by string, so ClusterConfiguration is decoded first),
// cmd/kubeadm/app/util/marshal.go SplitConfigDocuments (k8s.io/apimachinery/pkg/util/yaml YAMLReader,
// runtime/serializer/yaml DefaultMetaFactory.Interpret), cmd/kubeadm/app/util/config/common.go
// validateSupportedVersion (v1beta3 deprecated, klog warning at common.go:100 in a v1.34.2 transcript),
// cmd/kubeadm/app/util/config/strict/strict.go (unknown fields are only a klog warning).
// Conversion of v1beta3 extraArgs maps: cmd/kubeadm/app/apis/kubeadm/v1beta3/conversion.go (keys sorted).

import { parseDocument } from "yaml";
import { DEFAULT_BIND_PORT, DEFAULT_DNS_DOMAIN, DEFAULT_SERVICE_SUBNET } from "./constants.ts";
import { aggregate, goQuote } from "./errors.ts";
import type { Arg, InitOptions } from "./types.ts";
import { resolveKubernetesVersion } from "./validation.ts";

export interface ConfigWarning {
  /** klog source location ("file.go:line") for the W line; see klogLine. */
  source: string;
  message: string;
}

export type ConfigLoadResult = { options: InitOptions; warnings: ConfigWarning[] } | { error: string; warnings: ConfigWarning[] };

interface GVK {
  group: string;
  version: string;
  kind: string;
}

const gvkString = (g: GVK): string => `${g.group}/${g.version}, Kind=${g.kind}`;
const gvkGoSyntax = (g: GVK): string =>
  `schema.GroupVersionKind{Group:${goQuote(g.group)}, Version:${goQuote(g.version)}, Kind:${goQuote(g.kind)}}`;
const gvString = (g: GVK): string => (g.group === "" ? g.version : `${g.group}/${g.version}`);

const KUBEADM_GROUP = "kubeadm.k8s.io";
const SCHEME = "k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm/scheme/scheme.go:31";
const KUBEADM_KINDS = ["InitConfiguration", "ClusterConfiguration", "JoinConfiguration", "ResetConfiguration", "UpgradeConfiguration"];
const COMPONENT_CONFIGS = new Set(["kubelet.config.k8s.io/v1beta1, Kind=KubeletConfiguration", "kubeproxy.config.k8s.io/v1alpha1, Kind=KubeProxyConfiguration"]);
const OLD_VERSIONS: Record<string, string> = {
  "kubeadm.k8s.io/v1alpha1": "v1.11",
  "kubeadm.k8s.io/v1alpha2": "v1.12",
  "kubeadm.k8s.io/v1alpha3": "v1.14",
  "kubeadm.k8s.io/v1beta1": "v1.15",
  "kubeadm.k8s.io/v1beta2": "v1.22",
};
const MIGRATE = "'kubeadm config migrate --old-config old-config-file --new-config new-config-file'";

// ---------------------------------------------------------------------------------------------
// Document splitting (YAMLReader) and GVK interpretation

function splitDocuments(text: string): string[] | { error: string } {
  const docs: string[] = [];
  let buf = "";
  const lines = text.split(/(?<=\n)/);
  for (const line of lines) {
    if (line.startsWith("---")) {
      const trimmed = line.slice(3).trim();
      if (trimmed.length > 0 && trimmed[0] !== "#") return { error: `invalid Yaml document separator: ${trimmed}` };
      if (buf.length !== 0) docs.push(buf);
      buf = "";
      continue;
    }
    buf += line;
  }
  if (buf.length !== 0) docs.push(buf);
  return docs;
}

/** go-yaml v2 wording for the common syntax errors (approximation, see report). */
function goYamlError(code: string, line: number): string {
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return `yaml: line ${line}: mapping values are not allowed in this context`;
    case "TAB_AS_INDENT":
      return `yaml: line ${line}: found character that cannot start any token`;
    case "MISSING_CHAR":
      return `yaml: line ${line}: found unexpected end of stream`;
    default:
      return `yaml: line ${line}: did not find expected key`;
  }
}

function parseGroupVersion(apiVersion: string): { group: string; version: string } | { error: string } {
  if (apiVersion === "" || apiVersion === "/") return { group: "", version: "" };
  const parts = apiVersion.split("/");
  if (parts.length === 1) return { group: "", version: apiVersion };
  if (parts.length === 2) return { group: parts[0] ?? "", version: parts[1] ?? "" };
  return { error: `unexpected GroupVersion string: ${apiVersion}` };
}

type Doc = { gvk: GVK; data: Record<string, unknown> };

function interpret(chunk: string): Doc | { error: string } {
  const doc = parseDocument(chunk, { uniqueKeys: false });
  const first = doc.errors[0];
  if (first !== undefined) {
    const line = first.linePos?.[0].line ?? 1;
    return { error: `could not interpret GroupVersionKind; unmarshal error: error converting YAML to JSON: ${goYamlError(first.code, line)}` };
  }
  const js: unknown = doc.toJS();
  const data = js !== null && typeof js === "object" && !Array.isArray(js) ? (js as Record<string, unknown>) : {};
  const apiVersion = typeof data.apiVersion === "string" ? data.apiVersion : "";
  const kind = typeof data.kind === "string" ? data.kind : "";
  const gv = parseGroupVersion(apiVersion);
  if ("error" in gv) return gv;
  return { gvk: { ...gv, kind }, data };
}

// ---------------------------------------------------------------------------------------------
// Strict field checking (unknown fields are reported as a klog warning only)

type Shape = { [field: string]: Shape | true };

const ARGS_HOLDER_V1BETA4: Shape = { extraArgs: true, extraVolumes: true, extraEnvs: true };
const ARGS_HOLDER_V1BETA3: Shape = { extraArgs: true, extraVolumes: true };

function shapeFor(gvk: GVK): Shape | null {
  if (gvk.group !== KUBEADM_GROUP) return null;
  const v4 = gvk.version === "v1beta4";
  if (gvk.version !== "v1beta3" && !v4) return null;
  if (gvk.kind === "InitConfiguration") {
    return {
      apiVersion: true,
      kind: true,
      bootstrapTokens: true,
      nodeRegistration: {
        name: true,
        criSocket: true,
        taints: true,
        kubeletExtraArgs: true,
        ignorePreflightErrors: true,
        imagePullPolicy: true,
        ...(v4 ? { imagePullSerial: true } : {}),
      },
      localAPIEndpoint: { advertiseAddress: true, bindPort: true },
      certificateKey: true,
      skipPhases: true,
      patches: true,
      ...(v4 ? { dryRun: true, timeouts: true } : {}),
    };
  }
  if (gvk.kind === "ClusterConfiguration") {
    return {
      apiVersion: true,
      kind: true,
      etcd: true,
      networking: { serviceSubnet: true, podSubnet: true, dnsDomain: true },
      kubernetesVersion: true,
      controlPlaneEndpoint: true,
      apiServer: v4 ? { ...ARGS_HOLDER_V1BETA4, certSANs: true } : { ...ARGS_HOLDER_V1BETA3, certSANs: true, timeoutForControlPlane: true },
      controllerManager: v4 ? ARGS_HOLDER_V1BETA4 : ARGS_HOLDER_V1BETA3,
      scheduler: v4 ? ARGS_HOLDER_V1BETA4 : ARGS_HOLDER_V1BETA3,
      dns: true,
      certificatesDir: true,
      imageRepository: true,
      featureGates: true,
      clusterName: true,
      ...(v4
        ? { proxy: true, encryptionAlgorithm: true, certificateValidityPeriod: true, caCertificateValidityPeriod: true }
        : {}),
    };
  }
  return {};
}

function unknownFields(data: Record<string, unknown>, shape: Shape, prefix: string): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const s = shape[key];
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (s === undefined) out.push(`unknown field ${goQuote(path)}`);
    else if (s !== true && value !== null && typeof value === "object" && !Array.isArray(value)) {
      out.push(...unknownFields(value as Record<string, unknown>, s, path));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Decoding the fields this module models

function getObj(o: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const v = o[key];
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function jsonTypeName(v: unknown): string {
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return "number";
  if (typeof v === "string") return "string";
  if (Array.isArray(v)) return "array";
  return "object";
}

function decodeExtraArgs(gvk: GVK, holder: Record<string, unknown> | undefined, goStruct: string, jsonPath: string): Arg[] | { error: string } {
  const raw = holder?.extraArgs;
  if (raw === undefined || raw === null) return [];
  if (gvk.version === "v1beta3") {
    if (typeof raw !== "object" || Array.isArray(raw)) {
      return { error: `json: cannot unmarshal ${jsonTypeName(raw)} into Go struct field ${goStruct}.${jsonPath}.extraArgs of type map[string]string` };
    }
    const entries = Object.entries(raw as Record<string, unknown>);
    for (const [, v] of entries) {
      if (typeof v !== "string") {
        return { error: `json: cannot unmarshal ${jsonTypeName(v)} into Go struct field ${goStruct}.${jsonPath}.extraArgs of type string` };
      }
    }
    return entries
      .map(([name, value]) => ({ name, value: value as string }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  if (!Array.isArray(raw)) {
    return { error: `json: cannot unmarshal ${jsonTypeName(raw)} into Go struct field ${goStruct}.${jsonPath}.extraArgs of type []v1beta4.Arg` };
  }
  const out: Arg[] = [];
  for (const item of raw) {
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      return { error: `json: cannot unmarshal ${jsonTypeName(item)} into Go struct field ${goStruct}.${jsonPath}.extraArgs of type v1beta4.Arg` };
    }
    const rec = item as Record<string, unknown>;
    for (const f of ["name", "value"]) {
      const v = rec[f];
      if (v !== undefined && v !== null && typeof v !== "string") {
        return { error: `json: cannot unmarshal ${jsonTypeName(v)} into Go struct field Arg.${jsonPath}.extraArgs.${f} of type string` };
      }
    }
    out.push({ name: typeof rec.name === "string" ? rec.name : "", value: typeof rec.value === "string" ? rec.value : "" });
  }
  return out;
}

function stringField(
  obj: Record<string, unknown> | undefined,
  key: string,
  goStruct: string,
  path: string,
): string | undefined | { error: string } {
  const v = obj?.[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") return { error: `json: cannot unmarshal ${jsonTypeName(v)} into Go struct field ${goStruct}.${path} of type string` };
  return v;
}

const isErr = (v: unknown): v is { error: string } => v !== null && typeof v === "object" && "error" in (v as object);

// ---------------------------------------------------------------------------------------------

/** Reads a kubeadm config file on top of options; returns the klog warnings kubeadm would log too. */
export function loadConfigFile(options: InitOptions, text: string): ConfigLoadResult {
  const warnings: ConfigWarning[] = [];
  const fail = (error: string): ConfigLoadResult => ({ error, warnings });

  const chunks = splitDocuments(text);
  if ("error" in chunks) return fail(chunks.error);
  const docs: Doc[] = [];
  const known = new Set<string>();
  const dupErrs: string[] = [];
  for (const chunk of chunks) {
    const d = interpret(chunk);
    if ("error" in d) return fail(d.error);
    const { gvk } = d;
    if (gvk.group === "" || gvk.version === "" || gvk.kind === "") {
      return fail(`invalid configuration for GroupVersionKind ${gvkString(gvk)}: kind and apiVersion is mandatory information that must be specified`);
    }
    if (known.has(gvk.kind)) {
      dupErrs.push(`invalid configuration: kind ${goQuote(gvk.kind)} is specified twice in YAML file`);
      continue;
    }
    known.add(gvk.kind);
    docs.push(d);
  }
  const dup = aggregate(dupErrs);
  if (dup !== null) return fail(dup);

  docs.sort((a, b) => {
    const x = gvkString(a.gvk);
    const y = gvkString(b.gvk);
    return x < y ? -1 : x > y ? 1 : 0;
  });

  let init: Doc | undefined;
  let cluster: Doc | undefined;
  for (const d of docs) {
    const { gvk } = d;
    const gv = gvString(gvk);
    const old = OLD_VERSIONS[gv];
    if (old !== undefined) {
      return fail(
        `your configuration file uses an old API spec: ${goQuote(gv)} (kind: ${goQuote(gvk.kind)}). Please use kubeadm ${old} instead and run ${MIGRATE}, which will write the new, similar spec using a newer API version.`,
      );
    }
    if (gv === `${KUBEADM_GROUP}/v1beta3`) {
      warnings.push({
        source: "common.go:100",
        message: `your configuration file uses a deprecated API spec: ${goQuote(gv)} (kind: ${goQuote(gvk.kind)}). Please use ${MIGRATE}, which will write the new, similar spec using a newer API version.`,
      });
    }
    const knownKubeadm = gvk.group === KUBEADM_GROUP && (gvk.version === "v1beta3" || gvk.version === "v1beta4") && KUBEADM_KINDS.includes(gvk.kind);
    const shape = shapeFor(gvk);
    if (!knownKubeadm && !COMPONENT_CONFIGS.has(gvkString(gvk))) {
      warnings.push({
        source: "initconfiguration.go:333",
        message: `unknown configuration ${gvkGoSyntax(gvk)} for scheme definitions in ${goQuote(SCHEME)} and "k8s.io/kubernetes/cmd/kubeadm/app/componentconfigs/scheme.go:28"`,
      });
    } else if (shape !== null && Object.keys(shape).length > 0) {
      const unknown = unknownFields(d.data, shape, "");
      if (unknown.length > 0) {
        warnings.push({
          source: "initconfiguration.go:333",
          message: `error unmarshaling configuration ${gvkGoSyntax(gvk)}: strict decoding error: ${unknown.join(", ")}`,
        });
      }
    }
    if (gvk.kind === "InitConfiguration" || gvk.kind === "ClusterConfiguration") {
      if (!knownKubeadm) {
        return fail(`no kind ${goQuote(gvk.kind)} is registered for version ${goQuote(gv)} in scheme ${goQuote(SCHEME)}`);
      }
      if (gvk.kind === "InitConfiguration") init = d;
      else cluster = d;
      continue;
    }
    if (!COMPONENT_CONFIGS.has(gvkString(gvk))) {
      warnings.push({
        source: "initconfiguration.go:349",
        message: `[config] WARNING: Ignored configuration document with GroupVersionKind ${gvkString(gvk)}`,
      });
    }
  }
  if (init === undefined && cluster === undefined) {
    return fail("no InitConfiguration or ClusterConfiguration kind was found in the configuration file");
  }

  // --config replaces the flag-built configuration; unset fields take the API defaults.
  const next: InitOptions = {
    ...options,
    serviceCIDR: DEFAULT_SERVICE_SUBNET,
    podNetworkCIDR: undefined,
    serviceDNSDomain: DEFAULT_DNS_DOMAIN,
    apiserverBindPort: DEFAULT_BIND_PORT,
    apiserverExtraArgs: [],
    controllerManagerExtraArgs: [],
    ignorePreflightErrors: [...options.ignorePreflightErrors],
  };
  delete next.podNetworkCIDR;

  if (cluster !== undefined) {
    const { data, gvk } = cluster;
    const net = getObj(data, "networking");
    const svc = stringField(net, "serviceSubnet", "Networking", "networking.serviceSubnet");
    const pod = stringField(net, "podSubnet", "Networking", "networking.podSubnet");
    const dom = stringField(net, "dnsDomain", "Networking", "networking.dnsDomain");
    const ver = stringField(data, "kubernetesVersion", "ClusterConfiguration", "kubernetesVersion");
    for (const f of [svc, pod, dom, ver]) if (isErr(f)) return fail(f.error);
    if (typeof svc === "string" && svc !== "") next.serviceCIDR = svc;
    if (typeof pod === "string" && pod !== "") next.podNetworkCIDR = pod;
    if (typeof dom === "string" && dom !== "") next.serviceDNSDomain = dom;
    if (typeof ver === "string" && ver !== "") next.kubernetesVersion = ver;
    else {
      // v1beta4 default "stable-1": offline kubeadm falls back to its own version.
      const r = resolveKubernetesVersion("stable-1");
      if (!("error" in r)) next.kubernetesVersion = r.version;
    }
    const api = decodeExtraArgs(gvk, getObj(data, "apiServer"), "APIServer", "apiServer");
    if (isErr(api)) return fail(api.error);
    const cm = decodeExtraArgs(gvk, getObj(data, "controllerManager"), "ControlPlaneComponent", "controllerManager");
    if (isErr(cm)) return fail(cm.error);
    next.apiserverExtraArgs = api;
    next.controllerManagerExtraArgs = cm;
  }

  if (init !== undefined) {
    const { data } = init;
    const ep = getObj(data, "localAPIEndpoint");
    const addr = stringField(ep, "advertiseAddress", "APIEndpoint", "localAPIEndpoint.advertiseAddress");
    if (isErr(addr)) return fail(addr.error);
    if (typeof addr === "string" && addr !== "") next.apiserverAdvertiseAddress = addr;
    const port = ep?.bindPort;
    if (port !== undefined && port !== null) {
      if (typeof port !== "number" || !Number.isInteger(port)) {
        return fail(`json: cannot unmarshal ${jsonTypeName(port)} into Go struct field APIEndpoint.localAPIEndpoint.bindPort of type int32`);
      }
      next.apiserverBindPort = port === 0 ? DEFAULT_BIND_PORT : port;
    }
    const nr = getObj(data, "nodeRegistration");
    const name = stringField(nr, "name", "NodeRegistrationOptions", "nodeRegistration.name");
    if (isErr(name)) return fail(name.error);
    if (typeof name === "string" && name !== "") next.nodeName = name;
    const ign = nr?.ignorePreflightErrors;
    if (Array.isArray(ign)) next.ignorePreflightErrors = [...ign.filter((x): x is string => typeof x === "string"), ...next.ignorePreflightErrors];
  }
  return { options: next, warnings };
}

/**
 * Applies a kubeadm config file (InitConfiguration + ClusterConfiguration, kubeadm.k8s.io/v1beta4 or
 * v1beta3) on top of options. Errors are the text kubeadm prints after "error: ".
 */
export function applyConfigFile(options: InitOptions, text: string): InitOptions | { error: string } {
  const r = loadConfigFile(options, text);
  return "error" in r ? { error: r.error } : r.options;
}

/**
 * Cluster.Validate of kind v0.30.0 (pkg/internal/apis/config/validate.go): every problem with the
 * config, joined the way kind's errors.NewAggregate prints them (one alone, several as "[a, b]").
 * kind does not look at pod/service overlap, nor at sizes: kubeadm does that later, inside the node.
 */
import { goIPString } from "../kubeadm/validation.ts";
import { aggregate, goQuote } from "../kubeadm/errors.ts";
import { isIPv4Mapped, parseCIDRDetailed, parseIPDetailed, type CIDR } from "../net/index.ts";
import type { KindCluster, KindNode, PortMapping } from "./types.ts";

const VALID_NAME = /^[a-z0-9.-]+$/;

/** Go net.ParseCIDR (netip address rules: no leading zeros, no zone; the prefix may have them). */
export function goParseCIDR(s: string): CIDR | { error: string } {
  const bad = { error: `invalid CIDR address: ${s}` };
  const r = parseCIDRDetailed(s);
  if (r.cidr === null) return bad;
  if (r.problem === "leading-zeros" && parseIPDetailed(s.slice(0, s.indexOf("/"))).problem === "leading-zeros") return bad;
  return r.cidr;
}

/** net.IP.To4() != nil: IPv4, or IPv4 written as an IPv4-mapped IPv6 address. */
function isV4(c: CIDR): boolean {
  return c.family === "IPv4" || isIPv4Mapped(c.network);
}

function validatePort(port: number): string | null {
  // -1 asks the container backend to pick the port.
  return port < -1 || port > 65535 ? `invalid port number: ${port}` : null;
}

const DUAL_STACK_MSG = "expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking";

function validateSubnets(subnetStr: string, family: string): string | null {
  const subnets: CIDR[] = [];
  for (const item of subnetStr.split(",")) {
    const c = goParseCIDR(item);
    if ("error" in c) return `failed to parse cidr value:${goQuote(item)} with error: ${c.error}`;
    subnets.push(c);
  }
  const dual = family === "dual";
  const first = subnets[0]!;
  // One case at most, in this order, as the switch in validateSubnets.
  if (dual && subnets.length > 2) return DUAL_STACK_MSG;
  if (dual && subnets.length === 2) return isV4(first) !== isV4(subnets[1]!) ? null : DUAL_STACK_MSG;
  if (!dual && subnets.length > 1) return "only one CIDR allowed for single-stack networking";
  if (family === "ipv4" && !isV4(first)) return "expected IPv4 CIDR for IPv4 family";
  if (family === "ipv6" && isV4(first)) return "expected IPv6 CIDR for IPv6 family";
  return null;
}

/** net.ParseIP(s).String(): "<nil>" when it does not parse. */
function goIPText(s: string): string {
  const r = parseIPDetailed(s);
  if (r.ip === null || r.problem === "leading-zeros") return "<nil>";
  return goIPString(r.ip);
}

function validatePortMappings(mappings: readonly PortMapping[]): string | null {
  const errMsg = "port mapping with same listen address, port and protocol already configured";
  const bindMap = new Map<string, Set<string>>();
  for (const pm of mappings) {
    // Port -1 and 0 cause a random port to be selected, thus duplicates are allowed.
    if (pm.hostPort === -1 || pm.hostPort === 0) continue;
    let addr = goIPText(pm.listenAddress);
    const portProtocol = `${pm.hostPort}/${pm.protocol}`;
    const possibleErr = `${errMsg}: ${addr}:${portProtocol}`;
    // 0.0.0.0 and [::] are the same wildcard to Go (golang/go#48723).
    if (addr === "::") addr = "0.0.0.0";
    const bound = bindMap.get(portProtocol);
    if (bound) {
      if (addr === "0.0.0.0" && bound.size > 0) return possibleErr;
      if (bound.has(addr) || bound.has("0.0.0.0")) return possibleErr;
      bound.add(addr);
    } else {
      bindMap.set(portProtocol, new Set([addr]));
    }
  }
  return null;
}

function validateNode(n: KindNode): string | null {
  const errs: string[] = [];
  if (n.role !== "control-plane" && n.role !== "worker") errs.push(`${goQuote(n.role)} is not a valid node role`);
  if (n.image === "") errs.push("image is a required field");
  for (const pm of n.extraPortMappings) {
    const host = validatePort(pm.hostPort);
    if (host !== null) errs.push(`invalid hostPort: ${host}`);
    const container = validatePort(pm.containerPort);
    if (container !== null) errs.push(`invalid containerPort: ${container}`);
  }
  const dup = validatePortMappings(n.extraPortMappings);
  if (dup !== null) errs.push(`invalid portMapping: ${dup}`);
  return aggregate(errs);
}

/** The error kind returns for this (defaulted) config, or null when it is valid. */
export function validateCluster(c: KindCluster): string | null {
  const errs: string[] = [];
  if (!VALID_NAME.test(c.name)) {
    errs.push(`'${c.name}' is not a valid cluster name, cluster names must match \`${VALID_NAME.source}\``);
  }
  // The api server port only needs checking if kind is not picking a random one.
  if (c.networking.apiServerPort !== 0) {
    const bad = validatePort(c.networking.apiServerPort);
    if (bad !== null) errs.push(`invalid apiServerPort: ${bad}`);
  }
  const family = c.networking.ipFamily;
  if (family !== "ipv4" && family !== "ipv6" && family !== "dual") errs.push(`invalid ipFamily: ${family}`);
  const pod = validateSubnets(c.networking.podSubnet, family);
  if (pod !== null) errs.push(`invalid pod subnet ${pod}`);
  const svc = validateSubnets(c.networking.serviceSubnet, family);
  if (svc !== null) errs.push(`invalid service subnet ${svc}`);
  const mode = c.networking.kubeProxyMode;
  if (mode !== "iptables" && mode !== "ipvs" && mode !== "none" && mode !== "nftables") errs.push(`invalid kubeProxyMode: ${mode}`);
  c.nodes.forEach((n, i) => {
    const e = validateNode(n);
    if (e !== null) errs.push(`invalid configuration for node ${i}: ${e}`);
  });
  if (!c.nodes.some((n) => n.role === "control-plane")) errs.push("must have at least one control-plane node");
  return aggregate(errs);
}

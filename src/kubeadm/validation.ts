// kubeadm's dynamic defaulting and validation of an InitConfiguration.
//
// Order of events in `kubeadm init` (k/k cmd/kubeadm/app/cmd/init.go newInitData,
// cmd/kubeadm/app/util/config/initconfiguration.go SetInitDynamicDefaults + DefaultedInitConfiguration):
//   1. SetNodeRegistrationDynamicDefaults: nodeutil.GetHostname (trim, lower-case, "empty hostname is invalid")
//   2. SetAPIEndpointDynamicDefaults: ParseIPSloppy of the advertise address, loopback handling
//   3. SetClusterDynamicDefaults: NormalizeKubernetesVersion (cmd/kubeadm/app/util/config/common.go,
//      cmd/kubeadm/app/util/version.go)
//   4. validation.ValidateInitConfiguration(...).ToAggregate()
//      (cmd/kubeadm/app/apis/kubeadm/validation/validation.go)
//   5. configutil.VerifyAPIServerBindAddress
//   6. validation.ValidateIgnorePreflightErrors

import { CIDR, IP, isIPv4Mapped, parseCIDRDetailed, parseIPDetailed } from "../net/index.ts";
import {
  KUBEADM_VERSION,
  MAXIMUM_BITS_FOR_SERVICE_SUBNET,
  MINIMUM_ADDRESSES_IN_POD_SUBNET,
  MINIMUM_ADDRESSES_IN_SERVICE_SUBNET,
  MINIMUM_CONTROL_PLANE_VERSION,
  POD_SUBNET_NODE_MASK_MAX_DIFF,
} from "./constants.ts";
import { aggregate, formatFieldError, goQuote, type FieldError } from "./errors.ts";
import type { Arg, InitOptions } from "./types.ts";

// ---------------------------------------------------------------------------------------------
// apimachinery pkg/util/validation/validation.go IsDNS1123Subdomain

const DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push("must be no more than 253 characters");
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character " +
        `(e.g. 'example.com', regex used for validation is '${DNS1123_SUBDOMAIN_FMT}')`,
    );
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------
// k8s.io/utils/net

/** netutils.ParseCIDRs(strings.Split(s, ",")): every item through ParseCIDRSloppy, or null. */
export function parseCIDRsSloppy(list: string): CIDR[] | null {
  const out: CIDR[] = [];
  for (const item of list.split(",")) {
    const r = parseCIDRDetailed(item);
    if (r.cidr === null) return null;
    out.push(r.cidr);
  }
  return out;
}

/** netutils.RangeSize: 1 << host bits, capped at MaxInt64 from 63 host bits on. */
function rangeSize(c: CIDR): bigint {
  const hostBits = c.bits - c.prefix;
  if (hostBits >= 63) return (1n << 63n) - 1n;
  return 1n << BigInt(hostBits);
}

/** Go net.IP.String(): IPv4-mapped IPv6 addresses print as dotted quads. */
export function goIPString(ip: IP): string {
  if (isIPv4Mapped(ip)) return IP.fromBigInt(ip.value & 0xffffffffn, "IPv4").toString();
  return ip.toString();
}

/** netutils.ParseIPSloppy (Go 1.16 net.ParseIP). */
export function parseIPSloppy(text: string): IP | null {
  const r = parseIPDetailed(text);
  return r.problem === "invalid" ? null : r.ip;
}

function isIPv6(ip: IP): boolean {
  return ip.family === "IPv6" && !isIPv4Mapped(ip);
}

// ---------------------------------------------------------------------------------------------
// validation.go

const invalid = (field: string, value: string | number, detail: string): FieldError => ({ field, value, detail });

function validateIPNetFromString(subnetStr: string, minAddrs: number, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const subnets = parseCIDRsSloppy(subnetStr);
  if (subnets === null) return [invalid(field, subnetStr, "couldn't parse subnet")];
  const dualStackMsg = "expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking";
  if (subnets.length > 2) {
    errs.push(invalid(field, subnetStr, dualStackMsg));
  } else if (subnets.length === 2) {
    const [a, b] = subnets as [CIDR, CIDR];
    if (isIPv6(a.network) === isIPv6(b.network)) errs.push(invalid(field, subnetStr, dualStackMsg));
  }
  for (const s of subnets) {
    const n = rangeSize(s);
    if (n < BigInt(minAddrs)) {
      errs.push(invalid(field, s.toString(), `subnet with ${n} address(es) is too small, the minimum is ${minAddrs}`));
    }
    // fec0::/10 only produces a klog warning (see siteLocalWarnings).
  }
  return errs;
}

function validateServiceSubnetSize(subnetStr: string, field: string): FieldError[] {
  const subnets = parseCIDRsSloppy(subnetStr) ?? [];
  const errs: FieldError[] = [];
  for (const s of subnets) {
    const bits = s.bits;
    if (bits - s.prefix > MAXIMUM_BITS_FOR_SERVICE_SUBNET) {
      errs.push(
        invalid(
          field,
          s.toString(),
          `specified service subnet is too large; for ${bits}-bit addresses, the mask must be >= ${bits - MAXIMUM_BITS_FOR_SERVICE_SUBNET}`,
        ),
      );
    }
  }
  return errs;
}

/** kubeadm.GetArgValue(args, name, -1): the last occurrence wins. */
export function getArgValue(args: readonly Arg[], name: string): string | undefined {
  for (let i = args.length - 1; i >= 0; i--) {
    const a = args[i];
    if (a !== undefined && a.name === name) return a.value;
  }
  return undefined;
}

function getClusterNodeMask(cmArgs: readonly Arg[], ipv6: boolean): { mask: number } | { error: string } {
  const maskArg = ipv6 ? "node-cidr-mask-size-ipv6" : "node-cidr-mask-size-ipv4";
  const v = getArgValue(cmArgs, maskArg);
  if (v !== undefined && v.length !== 0) {
    // strconv.Atoi
    if (!/^[+-]?[0-9]+$/.test(v)) {
      return {
        error: `could not parse the value of the kube-controller-manager flag ${maskArg} as an integer: strconv.Atoi: parsing ${goQuote(v)}: invalid syntax`,
      };
    }
    const n = BigInt(v);
    if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) {
      return {
        error: `could not parse the value of the kube-controller-manager flag ${maskArg} as an integer: strconv.Atoi: parsing ${goQuote(v)}: value out of range`,
      };
    }
    return { mask: Number(n) };
  }
  return { mask: ipv6 ? 64 : 24 };
}

function validatePodSubnetNodeMask(subnetStr: string, cmArgs: readonly Arg[], field: string): FieldError[] {
  const subnets = parseCIDRsSloppy(subnetStr) ?? [];
  const errs: FieldError[] = [];
  for (const s of subnets) {
    const maskSize = s.prefix;
    const nm = getClusterNodeMask(cmArgs, isIPv6(s.network));
    if ("error" in nm) {
      errs.push(invalid(field, s.toString(), nm.error));
      continue;
    }
    const nodeMask = nm.mask;
    if (maskSize > nodeMask) {
      errs.push(
        invalid(
          field,
          s.toString(),
          `the size of pod subnet with mask ${maskSize} is smaller than the size of node subnet with mask ${nodeMask}`,
        ),
      );
    } else if (nodeMask - maskSize > POD_SUBNET_NODE_MASK_MAX_DIFF) {
      errs.push(
        invalid(
          field,
          s.toString(),
          `pod subnet mask (${maskSize}) and node-mask (${nodeMask}) difference is greater than ${POD_SUBNET_NODE_MASK_MAX_DIFF}`,
        ),
      );
    }
  }
  return errs;
}

function validateExtraArgs(args: readonly Arg[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  args.forEach((a, idx) => {
    if (a.name.length === 0) errs.push(invalid(field, `index ${idx}`, "argument has no name"));
  });
  return errs;
}

/** validation.ValidateNetworking. */
export function validateNetworking(o: InitOptions): FieldError[] {
  const errs: FieldError[] = [];
  for (const e of isDNS1123Subdomain(o.serviceDNSDomain)) errs.push(invalid("networking.dnsDomain", o.serviceDNSDomain, e));
  if (o.serviceCIDR.length !== 0) {
    errs.push(...validateIPNetFromString(o.serviceCIDR, MINIMUM_ADDRESSES_IN_SERVICE_SUBNET, "networking.serviceSubnet"));
    errs.push(...validateServiceSubnetSize(o.serviceCIDR, "networking.serviceSubnet"));
  }
  const pod = o.podNetworkCIDR ?? "";
  if (pod.length !== 0) {
    errs.push(...validateIPNetFromString(pod, MINIMUM_ADDRESSES_IN_POD_SUBNET, "networking.podSubnet"));
    if (getArgValue(o.controllerManagerExtraArgs, "allocate-node-cidrs") !== "false") {
      errs.push(...validatePodSubnetNodeMask(pod, o.controllerManagerExtraArgs, "networking.podSubnet"));
    }
  }
  return errs;
}

/** validation.ValidateInitConfiguration, restricted to the fields this module models. */
export function validateInitConfiguration(o: InitOptions): FieldError[] {
  const errs: FieldError[] = [];
  // nodeRegistration
  if (o.nodeName.length === 0) {
    // field.Required; unreachable after GetHostname, kept for completeness.
  } else {
    for (const e of isDNS1123Subdomain(o.nodeName)) errs.push(invalid("nodeRegistration.name", o.nodeName, e));
  }
  // ClusterConfiguration: dns (nothing modelled), networking, apiServer, controllerManager
  errs.push(...validateNetworking(o));
  errs.push(...validateExtraArgs(o.apiserverExtraArgs, "apiServer.extraArgs"));
  errs.push(...validateExtraArgs(o.controllerManagerExtraArgs, "controllerManager.extraArgs"));
  // localAPIEndpoint
  if (parseIPSloppy(o.apiserverAdvertiseAddress) === null) {
    errs.push(invalid("localAPIEndpoint.advertiseAddress", o.apiserverAdvertiseAddress, "ip address is not valid"));
  }
  const p = o.apiserverBindPort;
  if (!Number.isInteger(p) || p < 1 || p > 65535) errs.push(invalid("localAPIEndpoint.bindPort", p, "port number is not valid"));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// cmd/kubeadm/app/util/version.go and config/common.go NormalizeKubernetesVersion

const KUBE_RELEASE_RE = /^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)([-0-9a-zA-Z_.+]*)?$/;
const KUBE_RELEASE_LABEL_RE = /^((latest|stable)+(-[1-9](\.[1-9]([0-9])?)?)?)$/;
const KUBE_BUCKET_PREFIXES = /^((release|ci)\/)?([-\w.+]+)$/;

/**
 * Resolves a --kubernetes-version value. Labels ("stable-1", "latest", ...) cannot be fetched in the
 * sandbox, so they fall back to the local client version exactly as offline kubeadm does
 * (the two klog warnings are reported in `fellBack`).
 */
export function resolveKubernetesVersion(version: string): { version: string; fellBack: boolean } | { error: string } {
  if (KUBE_RELEASE_RE.test(version)) return { version: version.startsWith("v") ? version : `v${version}`, fellBack: false };
  const m = KUBE_BUCKET_PREFIXES.exec(version);
  if (m === null) return { error: `invalid version ${goQuote(version)}` };
  const label = m[3] ?? "";
  if (KUBE_RELEASE_RE.test(label)) return { version: label.startsWith("v") ? label : `v${label}`, fellBack: false };
  if (KUBE_RELEASE_LABEL_RE.test(label)) return { version: KUBEADM_VERSION, fellBack: true };
  return { error: `version ${goQuote(version)} doesn't match patterns for neither semantic version nor labels (stable, latest, ...)` };
}

function semverLess(v: string, min: string): boolean {
  const parse = (s: string): [number, number, number, boolean] => {
    const m = /^v?(\d+)\.(\d+)\.(\d+)(-[^+]*)?/.exec(s);
    return m === null ? [0, 0, 0, false] : [Number(m[1]), Number(m[2]), Number(m[3]), m[4] !== undefined];
  };
  const [a1, a2, a3, aPre] = parse(v);
  const [b1, b2, b3] = parse(min);
  if (a1 !== b1) return a1 < b1;
  if (a2 !== b2) return a2 < b2;
  if (a3 !== b3) return a3 < b3;
  return aPre;
}

// ---------------------------------------------------------------------------------------------

function isGlobalUnicast(ip: IP): boolean {
  const v4 = ip.family === "IPv4" ? ip.value : isIPv4Mapped(ip) ? ip.value & 0xffffffffn : null;
  if (v4 !== null) {
    if (v4 === 0xffffffffn || v4 === 0n) return false;
    if (v4 >> 24n === 127n) return false;
    if (v4 >> 28n === 0xen) return false; // 224.0.0.0/4
    if (v4 >> 16n === 0xa9fen) return false; // 169.254.0.0/16
    return true;
  }
  if (ip.value === 0n || ip.value === 1n) return false;
  if (ip.value >> 120n === 0xffn) return false; // ff00::/8
  if (ip.value >> 118n === 0x3fan) return false; // fe80::/10
  return true;
}

function isLoopback(ip: IP): boolean {
  const v4 = ip.family === "IPv4" ? ip.value : isIPv4Mapped(ip) ? ip.value & 0xffffffffn : null;
  if (v4 !== null) return v4 >> 24n === 127n;
  return ip.value === 1n;
}

/**
 * Dynamic defaulting plus validation: the options kubeadm would go on with, or the error it prints
 * (the text after "error: ").
 */
export function normalizeInit(options: InitOptions): InitOptions | { error: string } {
  // 1. nodeutil.GetHostname
  const nodeName = options.nodeName.trim().toLowerCase();
  if (nodeName.length === 0) return { error: "empty hostname is invalid" };

  // 2. SetAPIEndpointDynamicDefaults
  const adv = options.apiserverAdvertiseAddress;
  const ip = parseIPSloppy(adv);
  if (ip === null && adv !== "") {
    return { error: `couldn't use "${adv}" as "apiserver-advertise-address", must be ipv4 or ipv6 address` };
  }
  if (ip !== null && isLoopback(ip)) {
    // netutil.ChooseBindAddressForInterface("lo") finds no global unicast address on a plain loopback.
    return { error: "unable to resolve link-local addresses" };
  }
  const advertise = ip === null ? adv : goIPString(ip);

  // 3. NormalizeKubernetesVersion
  const ver = resolveKubernetesVersion(options.kubernetesVersion);
  if ("error" in ver) return { error: ver.error };
  if (semverLess(ver.version, MINIMUM_CONTROL_PLANE_VERSION)) {
    return {
      error: `this version of kubeadm only supports deploying clusters with the control plane version >= ${MINIMUM_CONTROL_PLANE_VERSION}. Current version: ${ver.version}`,
    };
  }

  const normalized: InitOptions = {
    ...options,
    nodeName,
    apiserverAdvertiseAddress: advertise,
    kubernetesVersion: ver.version,
  };

  // 4. ValidateInitConfiguration(...).ToAggregate()
  const agg = aggregate(validateInitConfiguration(normalized).map(formatFieldError));
  if (agg !== null) return { error: agg };

  // 5. VerifyAPIServerBindAddress
  if (ip !== null && !isGlobalUnicast(ip)) {
    return { error: `cannot use ${goQuote(adv)} as the bind address for the API Server` };
  }

  // 6. ValidateIgnorePreflightErrors: lower-cased set; "all" must stand alone.
  const ignore = [...new Set(options.ignorePreflightErrors.map((s) => s.toLowerCase()))].sort();
  if (ignore.includes("all") && ignore.length > 1) {
    return {
      error: formatFieldError(invalid("ignore-preflight-errors", ignore.join(","), "don't specify individual checks if 'all' is used")),
    };
  }
  return normalized;
}

/**
 * kubeadm's validation (reference §1.4): the error text after "error: " (aggregated "[e1, e2]" when
 * several) or null. Includes the advertise-address check and the other dynamic-defaulting errors.
 */
export function validateInit(options: InitOptions): string | null {
  const r = normalizeInit(options);
  return "error" in r ? r.error : null;
}

/** The klog warnings kubeadm logs for IPv6 site-local subnets (validation.go ValidateIPNetFromString). */
export function siteLocalWarnings(options: InitOptions): string[] {
  const siteLocal = CIDR.parse("fec0::/10");
  const out: string[] = [];
  for (const list of [options.serviceCIDR, options.podNetworkCIDR ?? ""]) {
    if (list === "") continue;
    for (const s of parseCIDRsSloppy(list) ?? []) {
      if (siteLocal.contains(s.network) || s.contains(siteLocal.network)) {
        out.push(`the subnet ${s.toString()} contains IPv6 site-local addresses that belong to fec0::/10 which has been deprecated by rfc3879`);
      }
    }
  }
  return out;
}

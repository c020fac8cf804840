/**
 * Service validation from pkg/apis/core/validation/validation.go (ValidateService,
 * ValidateServiceClusterIPsRelatedFields, ValidateServiceUpdate and the upgrade/downgrade checks).
 */
import { field, FieldPath, goStruct, type FieldError } from "../../machinery/errors.ts";
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { nameIsDNS1035Label } from "../../machinery/names.ts";
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortName } from "../../machinery/names.ts";
import { parseIPDetailed } from "../../../net/index.ts";
import { CLUSTER_IP_NONE, isHeadless, type Service, type ServicePort } from "./types.ts";

const SPEC = FieldPath.root("spec");
const SUPPORTED_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const SUPPORTED_PROTOCOLS = ["SCTP", "TCP", "UDP"];
const SUPPORTED_AFFINITY = ["ClientIP", "None"];
const SUPPORTED_FAMILIES = ["IPv4", "IPv6"];
const SUPPORTED_POLICIES = ["PreferDualStack", "RequireDualStack", "SingleStack"];
const KUBELET_PORT = 10250;

/** Legacy IP fields (clusterIPs, externalIPs) still accept what ParseIPSloppy accepts. */
function legacyIPProblems(ip: string): string[] {
  return parseIPDetailed(ip).problem === "invalid" ? ["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"] : [];
}

export function familyOfIP(ip: string): "IPv4" | "IPv6" {
  const r = parseIPDetailed(ip);
  if (r.ip) {
    // ParseIPSloppy reads an IPv4-mapped address as IPv4.
    if (r.problem === "ipv4-mapped") return "IPv4";
    return r.ip.family;
  }
  return ip.includes(":") ? "IPv6" : "IPv4";
}

function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : ["must be between 1 and 65535, inclusive"];
}

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(field.required(path.child("name")));
  else if (sp.name) {
    for (const m of isDNS1123Label(sp.name)) errs.push(field.invalid(path.child("name"), sp.name, m));
    if (names.has(sp.name)) errs.push(field.duplicate(path.child("name"), sp.name));
    else names.add(sp.name);
  }
  for (const m of isValidPortNum(sp.port)) errs.push(field.invalid(path.child("port"), sp.port, m));
  if (!sp.protocol) errs.push(field.required(path.child("protocol")));
  else if (!SUPPORTED_PROTOCOLS.includes(sp.protocol)) errs.push(field.notSupported(path.child("protocol"), sp.protocol, SUPPORTED_PROTOCOLS));
  const tp = sp.targetPort;
  if (typeof tp === "number") for (const m of isValidPortNum(tp)) errs.push(field.invalid(path.child("targetPort"), tp, m));
  else if (typeof tp === "string") for (const m of isValidPortName(tp)) errs.push(field.invalid(path.child("targetPort"), tp, m));
  if (sp.appProtocol !== undefined) for (const m of isQualifiedName(sp.appProtocol)) errs.push(field.invalid(path.child("appProtocol"), sp.appProtocol, m));
  return errs;
}

/** ValidateServiceClusterIPsRelatedFields: also run by the allocator before it infers families. */
export function validateClusterIPsRelatedFields(svc: Service): FieldError[] {
  const spec = svc.spec;
  if (spec.type === "ExternalName") return [];
  const errs: FieldError[] = [];
  const ipsPath = SPEC.child("clusterIPs");
  const famPath = SPEC.child("ipFamilies");
  const ips = spec.clusterIPs ?? [];
  let hasInvalidIPs = false;
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(field.required(ipsPath));
    else if (ips[0] !== spec.clusterIP) errs.push(field.invalid(ipsPath, ips, "first value must match `clusterIP`"));
  } else if (ips.length) {
    errs.push(field.invalid(ipsPath, ips, "must be empty when `clusterIP` is not specified"));
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((f, i) => {
    if (!SUPPORTED_FAMILIES.includes(f)) errs.push(field.notSupported(famPath.index(i), f, SUPPORTED_FAMILIES));
    if (seen.has(f)) errs.push(field.duplicate(famPath.index(i), f));
    seen.add(f);
  });
  if (spec.ipFamilyPolicy !== undefined && !SUPPORTED_POLICIES.includes(spec.ipFamilyPolicy)) {
    errs.push(field.notSupported(SPEC.child("ipFamilyPolicy"), spec.ipFamilyPolicy, SUPPORTED_POLICIES));
  }
  ips.forEach((ip, i) => {
    if (i === 0 && ip === CLUSTER_IP_NONE) {
      if (ips.length > 1) {
        hasInvalidIPs = true;
        errs.push(field.invalid(ipsPath, ips, "'None' must be the first and only value"));
      }
      return;
    }
    const msgs = legacyIPProblems(ip);
    if (msgs.length) hasInvalidIPs = true;
    for (const m of msgs) errs.push(field.invalid(ipsPath.index(i), ip, m));
  });
  if (ips.length > 2) errs.push(field.invalid(ipsPath, ips, "may only hold up to 2 values"));
  if (hasInvalidIPs) return errs;
  // netutils.IsDualStackIPStrings: true when both families appear anywhere in the list.
  if (ips.length > 1 && new Set(ips.map(familyOfIP)).size < 2) {
    errs.push(field.invalid(ipsPath, ips, "may specify no more than one IP for each IP family"));
  }
  const fams = spec.ipFamilies ?? [];
  if (!isHeadless(svc) && ips.length && fams.length) {
    ips.forEach((ip, i) => {
      if (i > fams.length - 1) return;
      const v6 = familyOfIP(ip) === "IPv6";
      if (fams[i] === "IPv4" && v6) errs.push(field.invalid(ipsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (fams[i] === "IPv6" && !v6) errs.push(field.invalid(ipsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

export function validateService(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label, FieldPath.root("metadata"));
  const ports = spec.ports ?? [];
  const headless = isHeadless(svc);
  if (ports.length === 0 && !headless && spec.type !== "ExternalName") errs.push(field.required(SPEC.child("ports")));
  switch (spec.type) {
    case "LoadBalancer":
      if (headless) errs.push(field.invalid(SPEC.child("clusterIPs").index(0), spec.clusterIPs![0], "may not be set to 'None' for LoadBalancer services"));
      ports.forEach((p, i) => {
        if (p.port === KUBELET_PORT) {
          errs.push(field.invalid(SPEC.child("ports").index(i), p.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
        }
      });
      break;
    case "NodePort":
      if (headless) errs.push(field.invalid(SPEC.child("clusterIPs").index(0), spec.clusterIPs![0], "may not be set to 'None' for NodePort services"));
      break;
    case "ExternalName": {
      if ((spec.clusterIPs?.length ?? 0) > 0) errs.push(field.forbidden(SPEC.child("clusterIPs"), "may not be set for ExternalName services"));
      if ((spec.ipFamilies?.length ?? 0) > 0) errs.push(field.forbidden(SPEC.child("ipFamilies"), "may not be set for ExternalName services"));
      if (spec.ipFamilyPolicy !== undefined) errs.push(field.forbidden(SPEC.child("ipFamilyPolicy"), "may not be set for ExternalName services"));
      const cname = (spec.externalName ?? "").replace(/\.$/, "");
      if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(field.invalid(SPEC.child("externalName"), cname, m));
      else errs.push(field.required(SPEC.child("externalName")));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, SPEC.child("ports").index(i))));
  if (spec.selector) errs.push(...validateLabels(spec.selector, SPEC.child("selector")));
  if (!spec.sessionAffinity) errs.push(field.required(SPEC.child("sessionAffinity")));
  else if (!SUPPORTED_AFFINITY.includes(spec.sessionAffinity)) errs.push(field.notSupported(SPEC.child("sessionAffinity"), spec.sessionAffinity, SUPPORTED_AFFINITY));
  if (spec.sessionAffinity === "None" && spec.sessionAffinityConfig) {
    errs.push(field.forbidden(SPEC.child("sessionAffinityConfig"), "must not be set when session affinity is None"));
  }
  errs.push(...validateClusterIPsRelatedFields(svc));
  (spec.externalIPs ?? []).forEach((ip, i) => {
    for (const m of legacyIPProblems(ip)) errs.push(field.invalid(SPEC.child("externalIPs").index(i), ip, m));
  });
  if (!spec.type) errs.push(field.required(SPEC.child("type")));
  else if (!SUPPORTED_TYPES.includes(spec.type)) errs.push(field.notSupported(SPEC.child("type"), spec.type, SUPPORTED_TYPES));
  if (spec.type === "ClusterIP") {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(field.forbidden(SPEC.child("ports").index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(field.duplicate(SPEC.child("ports").index(i).child("nodePort"), p.nodePort));
    nodePorts.add(key);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    // The duplicate's value is the internal core.ServicePort key struct, printed as JSON in Go field
    // order (a zero intstr.IntOrString marshals as 0).
    if (seenPorts.has(key)) {
      errs.push(field.duplicate(SPEC.child("ports").index(i), goStruct({ Name: "", Protocol: p.protocol, AppProtocol: null, Port: p.port, TargetPort: 0, NodePort: 0 })));
    }
    seenPorts.add(key);
  });
  errs.push(...validateTrafficPolicies(svc));
  if (spec.loadBalancerClass !== undefined && spec.type !== "LoadBalancer") {
    errs.push(field.forbidden(SPEC.child("loadBalancerClass"), "may only be used when `type` is 'LoadBalancer'"));
  }
  return errs;
}

function validateTrafficPolicies(svc: Service): FieldError[] {
  const spec = svc.spec;
  const errs: FieldError[] = [];
  const etp = spec.externalTrafficPolicy;
  const accessible = spec.type === "LoadBalancer" || spec.type === "NodePort" || (spec.type === "ClusterIP" && (spec.externalIPs?.length ?? 0) > 0);
  if (!accessible) {
    if (etp) errs.push(field.invalid(SPEC.child("externalTrafficPolicy"), etp, "may only be set for externally-accessible services"));
  } else if (!etp) {
    errs.push(field.required(SPEC.child("externalTrafficPolicy")));
  } else if (etp !== "Cluster" && etp !== "Local") {
    errs.push(field.notSupported(SPEC.child("externalTrafficPolicy"), etp, ["Cluster", "Local"]));
  }
  if (!(spec.type === "LoadBalancer" && etp === "Local")) {
    if (spec.healthCheckNodePort) {
      errs.push(field.invalid(SPEC.child("healthCheckNodePort"), spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
  } else if (!spec.healthCheckNodePort) {
    errs.push(field.required(SPEC.child("healthCheckNodePort")));
  } else {
    for (const m of isValidPortNum(spec.healthCheckNodePort)) errs.push(field.invalid(SPEC.child("healthCheckNodePort"), spec.healthCheckNodePort, m));
  }
  const itp = spec.internalTrafficPolicy;
  if (itp === undefined) {
    if (spec.type === "NodePort" || spec.type === "LoadBalancer" || spec.type === "ClusterIP") errs.push(field.required(SPEC.child("internalTrafficPolicy")));
  } else if (itp !== "Cluster" && itp !== "Local") {
    errs.push(field.notSupported(SPEC.child("internalTrafficPolicy"), itp, ["Cluster", "Local"]));
  }
  return errs;
}

function validateUpgradeDowngradeClusterIPs(old: Service, svc: Service): FieldError[] {
  if (svc.spec.type === "ExternalName" || old.spec.type === "ExternalName") return [];
  if (isHeadless(old) && isHeadless(svc)) return [];
  const errs: FieldError[] = [];
  const o = old.spec.clusterIPs ?? [];
  const n = svc.spec.clusterIPs ?? [];
  const p = SPEC.child("clusterIPs");
  if (o.length === n.length) {
    o.forEach((ip, i) => {
      if (ip !== n[i]) errs.push(field.invalid(p.index(i), n, "may not change once set"));
    });
  } else if (o.length > n.length) {
    if (n.length === 0) errs.push(field.invalid(p.index(0), n, "primary clusterIP can not be unset"));
    if (o.length > 0 && n.length > 0 && n[0] !== o[0]) errs.push(field.invalid(p.index(0), n, "may not change once set"));
    if (n.length === 1 && svc.spec.ipFamilyPolicy !== "SingleStack") {
      errs.push(field.invalid(SPEC.child("ipFamilyPolicy"), svc.spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (o.length > 0 && n[0] !== o[0]) {
    errs.push(field.invalid(p.index(0), n, "may not change once set"));
  }
  return errs;
}

function validateUpgradeDowngradeIPFamilies(old: Service, svc: Service): FieldError[] {
  if (svc.spec.type === "ExternalName" || old.spec.type === "ExternalName") return [];
  if (isHeadless(old) !== isHeadless(svc) || isHeadless(svc)) return [];
  const errs: FieldError[] = [];
  const o = old.spec.ipFamilies ?? [];
  const n = svc.spec.ipFamilies ?? [];
  const p = SPEC.child("ipFamilies").index(0);
  if (o.length === n.length) {
    o.forEach((f, i) => {
      if (f !== n[i]) errs.push(field.invalid(p, n, "may not change once set"));
    });
  } else if (o.length > n.length) {
    if ((svc.spec.clusterIPs ?? []).length === 0) errs.push(field.invalid(p, n, "primary ipFamily can not be unset"));
    if (n.length > 0 && n[0] !== o[0]) errs.push(field.invalid(p, svc.spec.clusterIPs ?? [], "may not change once set"));
    if (n.length === 1 && svc.spec.ipFamilyPolicy !== "SingleStack") {
      errs.push(field.invalid(SPEC.child("ipFamilyPolicy"), svc.spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
    }
  } else if (o.length > 0 && n.length > 0 && n[0] !== o[0]) {
    errs.push(field.invalid(p, svc.spec.clusterIPs ?? [], "may not change once set"));
  }
  return errs;
}

export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata, FieldPath.root("metadata"));
  errs.push(...validateUpgradeDowngradeClusterIPs(old, svc));
  errs.push(...validateUpgradeDowngradeIPFamilies(old, svc));
  if (old.spec.type === "LoadBalancer" && svc.spec.type === "LoadBalancer" && old.spec.loadBalancerClass !== svc.spec.loadBalancerClass) {
    errs.push(field.invalid(SPEC.child("loadBalancerClass"), svc.spec.loadBalancerClass ?? null, "may not change once set"));
  }
  // validateServiceExternalTrafficFieldsUpdate: a health check port in use cannot move.
  const needsHC = (s: Service) => s.spec.type === "LoadBalancer" && s.spec.externalTrafficPolicy === "Local";
  if (needsHC(old) && needsHC(svc) && (svc.spec.healthCheckNodePort ?? 0) !== (old.spec.healthCheckNodePort ?? 0)) {
    errs.push(field.forbidden(SPEC.child("healthCheckNodePort"), "field is immutable"));
  }
  return [...errs, ...validateService(svc)];
}

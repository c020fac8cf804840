/**
 * EndpointSlice validation and strategy (pkg/apis/discovery/validation/validation.go,
 * pkg/registry/discovery/endpointslice/strategy.go): the generation moves when the endpoints, ports or
 * address type change.
 */
import { field, FieldPath, type FieldError } from "../../machinery/errors.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { isValidPortName, isValidPortNum, nameIsDNSSubdomain } from "../../machinery/names.ts";
import { deepEqual } from "../../machinery/object.ts";
import { validateImmutable, type RESTStrategy } from "../../machinery/rest.ts";
import { parseIPSloppy } from "../../../net/index.ts";
import type { EndpointSlice } from "./types.ts";

const ADDRESS_TYPES = ["FQDN", "IPv4", "IPv6"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const MAX_ADDRESSES = 100;
const MAX_ENDPOINTS = 1000;
const MAX_PORTS = 20000;

export function validateEndpointSlice(s: EndpointSlice): FieldError[] {
  const errs = validateObjectMeta(s.metadata, true, nameIsDNSSubdomain, FieldPath.root("metadata"));
  const at = FieldPath.root("addressType");
  if (!s.addressType) errs.push(field.required(at));
  else if (!ADDRESS_TYPES.includes(s.addressType)) errs.push(field.notSupported(at, s.addressType, ADDRESS_TYPES));
  const eps = s.endpoints ?? [];
  if (eps.length > MAX_ENDPOINTS) errs.push(field.tooMany(FieldPath.root("endpoints"), eps.length, MAX_ENDPOINTS));
  eps.forEach((ep, i) => {
    const ap = FieldPath.root("endpoints").index(i).child("addresses");
    const addrs = ep.addresses ?? [];
    if (!addrs.length) errs.push(field.required(ap, "must contain at least 1 address"));
    else if (addrs.length > MAX_ADDRESSES) errs.push(field.tooMany(ap, addrs.length, MAX_ADDRESSES));
    addrs.forEach((a, j) => {
      if (s.addressType !== "IPv4" && s.addressType !== "IPv6") return;
      const ip = parseIPSloppy(a);
      if (!ip || ip.family !== s.addressType) errs.push(field.invalid(ap.index(j), a, `must be an ${s.addressType} address`));
    });
  });
  const ports = s.ports ?? [];
  if (ports.length > MAX_PORTS) errs.push(field.tooMany(FieldPath.root("ports"), ports.length, MAX_PORTS));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const pp = FieldPath.root("ports").index(i);
    if (p.name) for (const m of isValidPortName(p.name)) errs.push(field.invalid(pp.child("name"), p.name, m));
    if (names.has(p.name ?? "")) errs.push(field.duplicate(pp.child("name"), p.name ?? ""));
    names.add(p.name ?? "");
    if (!p.protocol) errs.push(field.required(pp.child("protocol")));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(field.notSupported(pp.child("protocol"), p.protocol, PROTOCOLS));
    if (p.port !== undefined) for (const m of isValidPortNum(p.port)) errs.push(field.invalid(pp.child("port"), p.port, m));
  });
  return errs;
}

export const endpointSliceStrategy = {
  prepareForCreate(s) {
    s.metadata.generation = 1;
  },
  validate: (s) => validateEndpointSlice(s),
  prepareForUpdate(s, old) {
    const changed = !deepEqual(s.endpoints ?? null, old.endpoints ?? null) || !deepEqual(s.ports ?? null, old.ports ?? null) || s.addressType !== old.addressType;
    if (changed) s.metadata.generation = (old.metadata.generation ?? 0) + 1;
  },
  validateUpdate: (s, old) => [
    ...validateObjectMetaUpdate(s.metadata, old.metadata, FieldPath.root("metadata")),
    ...validateEndpointSlice(s),
    ...validateImmutable(s.addressType, old.addressType, "addressType"),
  ],
} satisfies RESTStrategy<EndpointSlice>;

/** SetDefaults_EndpointPort: protocol TCP, name "" (a pointer the v1 types always set). */
export function setEndpointSliceDefaults(s: EndpointSlice): void {
  for (const p of s.ports ?? []) {
    if (!p.protocol) p.protocol = "TCP";
    if (p.name === undefined) p.name = "";
  }
}

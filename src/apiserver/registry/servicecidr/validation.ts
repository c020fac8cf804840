/** ServiceCIDR validation, pkg/apis/networking/validation/validation.go (1.33+ form). */
import { field, FieldPath, goStruct, type FieldError } from "../../machinery/errors.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../machinery/objectmeta.ts";
import { isValidCIDR } from "../../machinery/ipvalidation.ts";
import { nameIsDNSSubdomain } from "../../machinery/names.ts";
import { isIPv4Mapped, parseCIDRDetailed } from "../../../net/index.ts";
import type { ServiceCIDR } from "./types.ts";

const CIDRS = FieldPath.root("spec").child("cidrs");

/**
 * netutils.IPFamilyOfCIDRString (k8s.io/utils/net): ParseCIDRSloppy, then the family of the masked
 * network address as net.IP.To4 sees it. So anything ParseCIDRSloppy accepts has a family (leading
 * zeros, host bits), and an IPv4-mapped network such as ::ffff:10.0.0.0/104 counts as IPv4.
 */
function familyOf(text: string): "IPv4" | "IPv6" | "" {
  const r = parseCIDRDetailed(text);
  if (!r.cidr) return "";
  return isIPv4Mapped(r.cidr.network) ? "IPv4" : r.cidr.family;
}

export function validateServiceCIDRSpec(cidrs: string[] | undefined, path: FieldPath = CIDRS): FieldError[] {
  const list = cidrs ?? [];
  if (list.length === 0) return [field.required(path, "at least one CIDR required")];
  // The bad value is the internal networking.ServiceCIDRSpec, which has no JSON tags.
  if (list.length > 2) return [field.invalid(path, goStruct({ CIDRs: list }), "may only hold up to 2 values")];
  const errs: FieldError[] = [];
  list.forEach((c, i) => errs.push(...isValidCIDR(path.index(i), c)));
  if (list.length === 2) {
    const f0 = familyOf(list[0]!);
    if (f0 !== "" && f0 === familyOf(list[1]!)) {
      errs.push(field.invalid(path, list, "may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64"));
    }
  }
  return errs;
}

export function validateServiceCIDR(obj: ServiceCIDR): FieldError[] {
  return [
    ...validateObjectMeta(obj.metadata, false, nameIsDNSSubdomain, FieldPath.root("metadata")),
    ...validateServiceCIDRSpec(obj.spec?.cidrs),
  ];
}

/** Immutable, except that a single-CIDR object may gain a second CIDR of the other family (k/k #131261). */
export function validateServiceCIDRUpdate(obj: ServiceCIDR, old: ServiceCIDR): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata, old.metadata, FieldPath.root("metadata"));
  const next = obj.spec?.cidrs ?? [];
  const prev = old.spec?.cidrs ?? [];
  // A list left out is a nil slice upstream, which the error renders as JSON null (an empty one as []).
  const nextValue = obj.spec?.cidrs ?? null;
  if (next.length === prev.length) {
    prev.forEach((c, i) => {
      if (c !== next[i]) errs.push(field.invalid(CIDRS.index(i), next[i], "field is immutable"));
    });
  } else if (prev.length === 1 && next.length === 2) {
    if (next[0] !== prev[0]) errs.push(field.invalid(CIDRS.index(0), next[0], "field is immutable"));
    errs.push(...validateServiceCIDRSpec(next));
  } else {
    errs.push(field.invalid(CIDRS, nextValue, "field is immutable"));
  }
  return errs;
}

export function validateServiceCIDRStatusUpdate(obj: ServiceCIDR, old: ServiceCIDR): FieldError[] {
  return validateObjectMetaUpdate(obj.metadata, old.metadata, FieldPath.root("metadata"));
}

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../src/apiserver/machinery/object.ts";
import { applyEvents, EMPTY_CACHE, list, values, type CacheSnapshot } from "../../src/ui/engine/informer.ts";
import type { WireEvent } from "../../src/worker/protocol.ts";

const SVC = "services";
const CIDR = "servicecidrs.networking.k8s.io";

function svc(namespace: string, name: string, clusterIP = "10.96.0.10", rv = 1): KubeObject & { spec: { clusterIP: string } } {
  return { apiVersion: "v1", kind: "Service", metadata: { namespace, name, resourceVersion: String(rv) }, spec: { clusterIP } };
}

function cidr(name: string, rv = 1): KubeObject {
  return { apiVersion: "networking.k8s.io/v1", kind: "ServiceCIDR", metadata: { name, resourceVersion: String(rv) } };
}

function ev(type: WireEvent["type"], resource: string, object: KubeObject, rv: number): WireEvent {
  const { namespace, name } = object.metadata;
  return { rv, type, resource, key: namespace ? `${namespace}/${name}` : name!, object, time: 0 };
}

function keys(cache: CacheSnapshot, resource: string): string[] {
  return [...(cache.objects.get(resource)?.keys() ?? [])].sort();
}

/** A deep copy of a snapshot's maps, to compare a cache before and after. */
function dump(cache: CacheSnapshot): unknown {
  return { rv: cache.resourceVersion, objects: [...cache.objects].map(([r, m]) => [r, [...m]]) };
}

describe("applyEvents", () => {
  it("adds, modifies and deletes objects by resource and key", () => {
    const web = svc("default", "web", "10.96.0.10", 3);
    const web2 = svc("default", "web", "10.96.0.10", 5);
    let c = applyEvents(EMPTY_CACHE, [ev("ADDED", SVC, web, 3), ev("ADDED", SVC, svc("default", "api", "10.96.0.11", 4), 4), ev("ADDED", CIDR, cidr("kubernetes", 2), 2)]);
    expect(keys(c, SVC)).toEqual(["default/api", "default/web"]);
    expect(keys(c, CIDR)).toEqual(["kubernetes"]);
    expect(c.objects.get(SVC)!.get("default/web")).toBe(web);

    c = applyEvents(c, [ev("MODIFIED", SVC, web2, 5)]);
    expect(c.objects.get(SVC)!.get("default/web")).toBe(web2);
    expect(keys(c, SVC)).toEqual(["default/api", "default/web"]);

    c = applyEvents(c, [ev("DELETED", SVC, web2, 6)]);
    expect(keys(c, SVC)).toEqual(["default/api"]);
    expect(keys(c, CIDR)).toEqual(["kubernetes"]);
  });

  it("applies events in order: the last one for a key wins", () => {
    const a = svc("default", "web", "10.96.0.1", 1);
    const b = svc("default", "web", "10.96.0.2", 2);
    const c = applyEvents(EMPTY_CACHE, [ev("ADDED", SVC, a, 1), ev("MODIFIED", SVC, b, 2)]);
    expect(c.objects.get(SVC)!.get("default/web")).toBe(b);
    const d = applyEvents(EMPTY_CACHE, [ev("ADDED", SVC, a, 1), ev("DELETED", SVC, a, 2), ev("ADDED", SVC, b, 3)]);
    expect(d.objects.get(SVC)!.get("default/web")).toBe(b);
    const e = applyEvents(EMPTY_CACHE, [ev("ADDED", SVC, a, 1), ev("DELETED", SVC, a, 2)]);
    expect(values(e, SVC)).toEqual([]);
  });

  it("keys namespaced objects by namespace/name: the same name in two namespaces is two objects", () => {
    const c = applyEvents(EMPTY_CACHE, [ev("ADDED", SVC, svc("a", "web"), 1), ev("ADDED", SVC, svc("b", "web"), 2)]);
    expect(keys(c, SVC)).toEqual(["a/web", "b/web"]);
    const d = applyEvents(c, [ev("DELETED", SVC, svc("a", "web"), 3)]);
    expect(keys(d, SVC)).toEqual(["b/web"]);
  });

  it("keeps the highest resourceVersion seen, even when events arrive out of order", () => {
    let c = applyEvents(EMPTY_CACHE, [ev("ADDED", SVC, svc("d", "x"), 7), ev("ADDED", SVC, svc("d", "y"), 4)]);
    expect(c.resourceVersion).toBe(7);
    c = applyEvents(c, [ev("MODIFIED", SVC, svc("d", "y"), 5)]);
    expect(c.resourceVersion).toBe(7);
    c = applyEvents(c, [ev("DELETED", SVC, svc("d", "x"), 9)]);
    expect(c.resourceVersion).toBe(9);
    expect(applyEvents(c, []).resourceVersion).toBe(9);
  });

  it("with replace, drops every resource and the old resourceVersion", () => {
    const old = applyEvents(EMPTY_CACHE, [ev("ADDED", SVC, svc("default", "web"), 50), ev("ADDED", CIDR, cidr("extra"), 51)]);
    const c = applyEvents(old, [ev("ADDED", CIDR, cidr("kubernetes", 3), 3)], true);
    expect([...c.objects.keys()]).toEqual([CIDR]);
    expect(keys(c, CIDR)).toEqual(["kubernetes"]);
    expect(values(c, SVC)).toEqual([]);
    expect(c.resourceVersion).toBe(3);

    const empty = applyEvents(old, [], true);
    expect(empty.objects.size).toBe(0);
    expect(empty.resourceVersion).toBe(0);
  });

  it("never mutates the cache it was given", () => {
    const c1 = applyEvents(EMPTY_CACHE, [ev("ADDED", SVC, svc("default", "web"), 1), ev("ADDED", CIDR, cidr("kubernetes"), 2)]);
    const before = dump(c1);
    const c2 = applyEvents(c1, [ev("ADDED", SVC, svc("default", "api"), 3), ev("DELETED", SVC, svc("default", "web"), 4), ev("DELETED", CIDR, cidr("kubernetes"), 5)]);
    expect(dump(c1)).toEqual(before);
    expect(keys(c1, SVC)).toEqual(["default/web"]);
    expect(keys(c2, SVC)).toEqual(["default/api"]);
    expect(c2).not.toBe(c1);
    expect(c2.objects).not.toBe(c1.objects);
    expect(c2.objects.get(SVC)).not.toBe(c1.objects.get(SVC));

    const c3 = applyEvents(c2, [], true);
    expect(keys(c2, SVC)).toEqual(["default/api"]);
    expect(c3.objects.size).toBe(0);
    expect(EMPTY_CACHE.objects.size).toBe(0);
    expect(EMPTY_CACHE.resourceVersion).toBe(0);
  });

  it("shares the maps of resources no event touched (cheap snapshots), and copies the touched ones", () => {
    const c1 = applyEvents(EMPTY_CACHE, [ev("ADDED", SVC, svc("default", "web"), 1), ev("ADDED", CIDR, cidr("kubernetes"), 2)]);
    const c2 = applyEvents(c1, [ev("ADDED", SVC, svc("default", "api"), 3)]);
    expect(c2.objects.get(CIDR)).toBe(c1.objects.get(CIDR));
    expect(c2.objects.get(SVC)).not.toBe(c1.objects.get(SVC));
  });
});

describe("list and values", () => {
  const cache = applyEvents(EMPTY_CACHE, [
    ev("ADDED", SVC, svc("kube-system", "kube-dns"), 1),
    ev("ADDED", SVC, svc("default", "web"), 2),
    ev("ADDED", SVC, svc("default", "api"), 3),
    ev("ADDED", SVC, svc("apps", "zeta"), 4),
    ev("ADDED", SVC, svc("default", "api-2"), 5),
    ev("ADDED", SVC, svc("default-2", "a"), 6),
    ev("ADDED", CIDR, cidr("zz"), 7),
    ev("ADDED", CIDR, cidr("kubernetes"), 8),
  ]);
  const names = (objs: KubeObject[]) => objs.map((o) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name));

  it("lists a resource sorted by namespace, then name", () => {
    expect(names(list(cache, SVC))).toEqual(["apps/zeta", "default/api", "default/api-2", "default/web", "default-2/a", "kube-system/kube-dns"]);
    expect(names(list(cache, CIDR))).toEqual(["kubernetes", "zz"]);
  });

  it("filters by namespace exactly, not by prefix", () => {
    expect(names(list(cache, SVC, "default"))).toEqual(["default/api", "default/api-2", "default/web"]);
    expect(names(list(cache, SVC, "default-2"))).toEqual(["default-2/a"]);
    expect(list(cache, SVC, "nowhere")).toEqual([]);
  });

  it("answers empty lists for a resource never seen", () => {
    expect(list(cache, "pods")).toEqual([]);
    expect(values(cache, "pods")).toEqual([]);
    expect(list(EMPTY_CACHE, SVC, "default")).toEqual([]);
  });

  it("values holds every object of the resource, in any order", () => {
    const v = values(cache, SVC);
    expect(v).toHaveLength(6);
    expect(new Set(v)).toEqual(new Set(cache.objects.get(SVC)!.values()));
    expect(names(v).sort()).toEqual(names(list(cache, SVC)).sort());
  });

  it("returns fresh arrays: sorting or changing them leaves the cache alone", () => {
    const l = list(cache, SVC);
    l.reverse();
    l.pop();
    const v = values(cache, SVC);
    v.length = 0;
    expect(list(cache, SVC)).toHaveLength(6);
    expect(values(cache, SVC)).toHaveLength(6);
    expect(names(list(cache, SVC))[0]).toBe("apps/zeta");
  });
});

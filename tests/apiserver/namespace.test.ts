// Namespaces: the apiserver's system namespaces controller
// (pkg/controlplane/controller/systemnamespaces), namespace storage
// (pkg/registry/core/namespace/storage/storage.go: two-phase delete, the `kubernetes` finalizer), the
// NamespaceLifecycle admission plugin and the controller-manager's namespace controller.
import { describe, expect, it } from "vitest";
import { IP_ADDRESSES, NAMESPACES, SERVICES, createService, expectError, newCluster, service, tryGet } from "./harness.ts";
import type { Namespace } from "../../src/apiserver/registry/namespace/types.ts";

const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const ns = (name: string, extra: Partial<Namespace["metadata"]> = {}): Namespace => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, ...extra } });
const getNs = (t: ReturnType<typeof newCluster>, name: string) => tryGet(t.api, NAMESPACES, undefined, name) as Namespace | undefined;

describe("system namespaces", () => {
  it("exist from the start, Active, labelled with their name and carrying the kubernetes finalizer", () => {
    const t = newCluster();
    const names = t.api.list(NAMESPACES, undefined).items.map((o) => o.metadata.name);
    expect(names).toEqual(["default", "kube-node-lease", "kube-public", "kube-system"]);
    for (const n of names) {
      const o = getNs(t, n!)!;
      expect(o.metadata.labels).toEqual({ "kubernetes.io/metadata.name": n });
      expect(o.spec?.finalizers).toEqual(["kubernetes"]);
      expect(o.status?.phase).toBe("Active");
    }
  });

  it("default, kube-system and kube-public may not be deleted", () => {
    const t = newCluster();
    for (const n of ["default", "kube-system", "kube-public"]) {
      expectError(() => t.api.delete(NAMESPACES, undefined, n), `namespaces "${n}" is forbidden: this namespace may not be deleted`, "Forbidden", 403);
    }
  });

  it("kube-node-lease can be deleted, and the apiserver brings it back within a minute", () => {
    const t = newCluster();
    t.api.delete(NAMESPACES, undefined, "kube-node-lease");
    t.advance(0);
    expect(getNs(t, "kube-node-lease")).toBeUndefined();
    t.advance(60_000);
    expect(getNs(t, "kube-node-lease")?.status?.phase).toBe("Active");
  });
});

describe("creating namespaces", () => {
  it("defaults the name label, the finalizer and the phase", () => {
    const t = newCluster();
    const created = t.api.create(NAMESPACES, undefined, ns("team-a", { labels: { owner: "me" } })) as Namespace;
    expect(created.metadata.labels).toEqual({ owner: "me", "kubernetes.io/metadata.name": "team-a" });
    expect(created.spec).toEqual({ finalizers: ["kubernetes"] });
    expect(created.status).toEqual({ phase: "Active" });
  });

  it("labels a generated name with the final name", () => {
    const t = newCluster();
    const created = t.api.create(NAMESPACES, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { generateName: "tmp-" } }) as Namespace;
    expect(created.metadata.name).toMatch(/^tmp-[a-z0-9]{5}$/);
    expect(created.metadata.labels?.["kubernetes.io/metadata.name"]).toBe(created.metadata.name);
  });

  it("names namespaces as DNS-1123 labels", () => {
    const t = newCluster();
    expectError(() => t.api.create(NAMESPACES, undefined, ns("Team_A")), `Namespace "Team_A" is invalid: metadata.name: Invalid value: "Team_A": ${DNS1123_LABEL_MSG}`, "Invalid", 422);
    expectError(() => t.api.create(NAMESPACES, undefined, ns("team.a")), 'Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": must not contain dots');
    expectError(() => t.api.create(NAMESPACES, undefined, ns("default")), 'namespaces "default" already exists', "AlreadyExists", 409);
  });

  it("keeps the name label and the spec on update", () => {
    const t = newCluster();
    t.api.create(NAMESPACES, undefined, ns("team-a"));
    const cur = structuredClone(getNs(t, "team-a")!);
    cur.metadata.labels = { "kubernetes.io/metadata.name": "other", extra: "1" };
    cur.spec = { finalizers: [] };
    const out = t.api.update(NAMESPACES, undefined, cur) as Namespace;
    expect(out.metadata.labels).toEqual({ "kubernetes.io/metadata.name": "team-a", extra: "1" });
    expect(out.spec).toEqual({ finalizers: ["kubernetes"] });
  });
});

describe("deleting a namespace", () => {
  it("marks it Terminating, empties it (releasing Service IPs and NodePorts), then removes it", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    t.api.create(NAMESPACES, undefined, ns("team-a"));
    const svc = createService(t.api, "web", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }, "team-a");
    t.advance(2000);
    const { object, deleted } = t.api.delete(NAMESPACES, undefined, "team-a");
    expect(deleted).toBe(false);
    expect((object as Namespace).status?.phase).toBe("Terminating");
    expect(object.metadata.deletionTimestamp).toBe("2025-11-03T09:00:02Z");
    expect(object.metadata.deletionGracePeriodSeconds).toBe(0);
    // Nothing new may be created inside while it terminates.
    expectError(
      () => t.api.create(SERVICES, "team-a", service("late", {}, "team-a")),
      'services "late" is forbidden: unable to create new content in namespace team-a because it is being terminated',
      "Forbidden",
      403,
    );
    t.advance(0);
    expect(getNs(t, "team-a")).toBeUndefined();
    expect(tryGet(t.api, SERVICES, "team-a", "web")).toBeUndefined();
    expect(tryGet(t.api, IP_ADDRESSES, undefined, svc.spec.clusterIP!)).toBeUndefined();
    expect(createService(t.api, "again", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }).spec.ports![0]!.nodePort).toBe(30080);
  });

  it("a second delete while it terminates is a Conflict", () => {
    const t = newCluster();
    t.api.create(NAMESPACES, undefined, ns("team-a"));
    t.api.delete(NAMESPACES, undefined, "team-a");
    expectError(
      () => t.api.delete(NAMESPACES, undefined, "team-a"),
      'Operation cannot be fulfilled on namespaces "team-a": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
      "Conflict",
      409,
    );
  });

  it("leaves other namespaces and cluster-scoped objects alone", () => {
    const t = newCluster({ range: "10.96.0.0/28" });
    t.api.create(NAMESPACES, undefined, ns("team-a"));
    createService(t.api, "web", {}, "team-a");
    const keep = createService(t.api, "web");
    t.api.delete(NAMESPACES, undefined, "team-a");
    t.advance(0);
    expect(tryGet(t.api, SERVICES, "default", "web")).toBeDefined();
    expect(tryGet(t.api, IP_ADDRESSES, undefined, keep.spec.clusterIP!)).toBeDefined();
    expect(t.api.list(SERVICES, undefined).items.map((s) => `${s.metadata.namespace}/${s.metadata.name}`)).toEqual(["default/kubernetes", "default/web"]);
  });

  it("reports a missing namespace as NotFound", () => {
    const t = newCluster();
    expectError(() => t.api.delete(NAMESPACES, undefined, "nope"), 'namespaces "nope" not found', "NotFound", 404);
  });
});

/**
 * How a policy is evaluated (validator.go): matchConditions gate it, variables compose, messageExpression
 * words the refusal, auditAnnotations annotate, params parameterize, and `request` describes the call.
 */
import { describe, expect, it } from "vitest";
import { createServiceCIDR, expectError, NAMESPACES, newCluster, serviceCIDR, SERVICE_CIDRS, SERVICES, service, statusError } from "../harness.ts";
import { bind, binding, BINDINGS, POLICIES, policy } from "./policy-helpers.ts";
import { APISERVER_USER } from "../../../src/apiserver/controllers/default-servicecidr.ts";

const refusal = (name: string, text: string, p = "p") => `servicecidrs.networking.k8s.io "${name}" is forbidden: ValidatingAdmissionPolicy '${p}' with binding '${p}-binding' denied request: ${text}`;

describe("matchConditions", () => {
  it("skip the policy when any condition is false", () => {
    const { api } = newCluster();
    bind(api, "p", {
      matchConditions: [
        { name: "not-default", expression: "object.metadata.name != 'kubernetes'" },
        { name: "labelled", expression: "has(object.metadata.labels) && 'team' in object.metadata.labels" },
      ],
      validations: [{ expression: "false", message: "no" }],
    });
    expect(createServiceCIDR(api, "free", ["10.0.0.0/24"]).metadata.name).toBe("free");
    const labelled = { ...serviceCIDR("team", ["10.1.0.0/24"]), metadata: { name: "team", labels: { team: "net" } } };
    expectError(() => api.create(SERVICE_CIDRS, undefined, labelled), refusal("team", "no"));
  });

  it("an erroring condition denies under Fail, with every error aggregated", () => {
    const { api } = newCluster();
    bind(api, "p", {
      matchConditions: [
        { name: "a", expression: "object.spec.x == 1" },
        { name: "b", expression: "object.spec.y == 1" },
      ],
      validations: [{ expression: "true" }],
    });
    expectError(
      () => createServiceCIDR(api, "x", ["10.0.0.0/24"]),
      refusal("x", "[expression 'object.spec.x == 1' resulted in error: no such key: x, expression 'object.spec.y == 1' resulted in error: no such key: y]"),
    );
  });

  it("a false condition wins over an erroring one", () => {
    const { api } = newCluster();
    bind(api, "p", {
      matchConditions: [
        { name: "a", expression: "object.spec.x == 1" },
        { name: "b", expression: "false" },
      ],
      validations: [{ expression: "false" }],
    });
    expect(createServiceCIDR(api, "x", ["10.0.0.0/24"]).metadata.name).toBe("x");
  });
});

describe("messageExpression", () => {
  it("words the refusal, trimmed", () => {
    const { api } = newCluster();
    bind(api, "p", {
      validations: [{ expression: "object.spec.cidrs.all(c, cidr(c).prefixLength() >= 24)", message: "fallback", messageExpression: "'  ' + object.spec.cidrs.join(', ') + ' is wider than /24  '" }],
    });
    expectError(() => createServiceCIDR(api, "x", ["10.0.0.0/16"]), refusal("x", "10.0.0.0/16 is wider than /24"));
  });

  it.each([
    ["an error", "object.spec.nope"],
    ["an empty string", "'   '"],
    ["a line break", "'a\\nb'"],
  ])("falls back to message on %s", (_, expr) => {
    const { api } = newCluster();
    bind(api, "p", { validations: [{ expression: "false", message: " the message ", messageExpression: expr.startsWith("'") ? expr : `string(${expr})` }] });
    expectError(() => createServiceCIDR(api, "x", ["10.0.0.0/24"]), refusal("x", "the message"));
  });

  it("falls back to the expression when there is no message", () => {
    const { api } = newCluster();
    bind(api, "p", { validations: [{ expression: " false ", messageExpression: "''" }] });
    expectError(() => createServiceCIDR(api, "x", ["10.0.0.0/24"]), refusal("x", "failed expression: false"));
  });
});

describe("variables", () => {
  it("compose, each evaluated once and typed for the expressions after it", () => {
    const { api } = newCluster();
    bind(api, "p", {
      variables: [
        { name: "cidrs", expression: "object.spec.cidrs.map(c, cidr(c))" },
        { name: "narrow", expression: "variables.cidrs.all(c, c.prefixLength() >= 24)" },
      ],
      validations: [{ expression: "variables.narrow", messageExpression: "'widest: ' + string(variables.cidrs[0].masked())" }],
    });
    expectError(() => createServiceCIDR(api, "x", ["10.0.0.0/16"]), refusal("x", "widest: 10.0.0.0/16"));
    expect(createServiceCIDR(api, "y", ["10.0.0.0/24"]).metadata.name).toBe("y");
  });

  it("report the variable that failed", () => {
    const { api } = newCluster();
    bind(api, "p", { variables: [{ name: "bad", expression: "object.spec.nope" }], validations: [{ expression: "variables.bad == 'x'" }] });
    expectError(
      () => createServiceCIDR(api, "x", ["10.0.0.0/24"]),
      refusal("x", `expression 'variables.bad == 'x'' resulted in error: composited variable "bad" fails to evaluate: no such key: nope`),
    );
  });
});

describe("auditAnnotations", () => {
  it("annotate the audit event with <policy>/<key>, and an error denies under Fail whatever the actions", () => {
    const { api, cluster } = newCluster();
    bind(api, "p", { auditAnnotations: [{ key: "cidrs", valueExpression: "object.spec.cidrs.join(',')" }, { key: "none", valueExpression: "null" }] });
    createServiceCIDR(api, "x", ["10.0.0.0/24"]);
    expect(cluster.apiserver!.auditEvents()[0]!.annotations).toEqual({ "p/cidrs": "10.0.0.0/24" });

    const { api: api2 } = newCluster();
    bind(api2, "q", { auditAnnotations: [{ key: "k", valueExpression: "string(object.spec.nope)" }] }, ["Audit"]);
    expectError(
      () => createServiceCIDR(api2, "x", ["10.0.0.0/24"]),
      refusal("x", "expression 'string(object.spec.nope)' resulted in error: no such key: nope", "q"),
    );
  });
});

describe("params", () => {
  // A ServiceCIDR as the param: "new ranges must sit inside the default one".
  const INSIDE_DEFAULT = {
    paramKind: { apiVersion: "networking.k8s.io/v1", kind: "ServiceCIDR" },
    matchConditions: [{ name: "not-default", expression: "object.metadata.name != 'kubernetes'" }],
    validations: [{ expression: "object.spec.cidrs.all(c, params.spec.cidrs.exists(p, cidr(p).containsCIDR(c)))", messageExpression: "'outside ' + params.metadata.name" }],
  };

  it("come from the object paramRef names", () => {
    const { api } = newCluster({ range: "10.96.0.0/16" });
    bind(api, "p", INSIDE_DEFAULT, ["Deny"], { paramRef: { name: "kubernetes", parameterNotFoundAction: "Deny" } });
    expect(createServiceCIDR(api, "inside", ["10.96.200.0/24"]).metadata.name).toBe("inside");
    expectError(() => createServiceCIDR(api, "outside", ["10.97.0.0/24"]), refusal("outside", "outside kubernetes"));
  });

  it("come from every object the selector picks, each evaluated", () => {
    const { api } = newCluster({ range: "10.96.0.0/16" });
    api.create(SERVICE_CIDRS, undefined, { ...serviceCIDR("pool-a", ["10.100.0.0/16"]), metadata: { name: "pool-a", labels: { pool: "yes" } } });
    api.create(SERVICE_CIDRS, undefined, { ...serviceCIDR("pool-b", ["10.100.0.0/20"]), metadata: { name: "pool-b", labels: { pool: "yes" } } });
    bind(api, "p", INSIDE_DEFAULT, ["Deny"], { paramRef: { selector: { matchLabels: { pool: "yes" } }, parameterNotFoundAction: "Deny" } });
    expect(createServiceCIDR(api, "small", ["10.100.1.0/24"]).metadata.name).toBe("small");
    expectError(() => createServiceCIDR(api, "mid", ["10.100.128.0/24"]), refusal("mid", "outside pool-b"));
  });

  it("not found: Deny refuses the binding, Allow skips it", () => {
    const { api } = newCluster();
    bind(api, "p", INSIDE_DEFAULT, ["Deny"], { paramRef: { name: "missing", parameterNotFoundAction: "Deny" } });
    expectError(
      () => createServiceCIDR(api, "x", ["10.0.0.0/24"]),
      refusal("x", "failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction"),
    );
    const { api: api2 } = newCluster();
    bind(api2, "p", INSIDE_DEFAULT, ["Deny"], { paramRef: { name: "missing", parameterNotFoundAction: "Allow" } });
    expect(createServiceCIDR(api2, "x", ["10.0.0.0/24"]).metadata.name).toBe("x");
  });

  it("are null without a paramRef", () => {
    const { api } = newCluster();
    bind(api, "p", { paramKind: { apiVersion: "v1", kind: "Namespace" }, validations: [{ expression: "params == null", message: "params set" }] });
    expect(createServiceCIDR(api, "x", ["10.0.0.0/24"]).metadata.name).toBe("x");
  });

  it("refuse a paramKind the server does not serve, without naming a binding", () => {
    const { api } = newCluster();
    bind(api, "p", { paramKind: { apiVersion: "example.com/v1", kind: "ReplicaLimit" }, validations: [{ expression: "true" }] }, ["Deny"], {
      paramRef: { name: "x", parameterNotFoundAction: "Deny" },
    });
    expectError(
      () => createServiceCIDR(api, "x", ["10.0.0.0/24"]),
      `servicecidrs.networking.k8s.io "x" is forbidden: ValidatingAdmissionPolicy 'p' denied request: failed to configure policy: failed to find resource referenced by paramKind: 'example.com/v1, Kind=ReplicaLimit'`,
    );
  });

  it("refuse a namespaced paramKind without namespace for a cluster-scoped request", () => {
    const { api } = newCluster();
    bind(api, "p", { paramKind: { apiVersion: "v1", kind: "Service" }, validations: [{ expression: "true" }] }, ["Deny"], {
      paramRef: { name: "kubernetes", parameterNotFoundAction: "Deny" },
    });
    expectError(
      () => createServiceCIDR(api, "x", ["10.0.0.0/24"]),
      refusal("x", "failed to configure binding: cannot use namespaced paramRef in policy binding that matches cluster-scoped resources"),
    );
  });
});

describe("request and the objects", () => {
  it("describe the call: operation, user, kinds, dry run; oldObject on update", () => {
    const { api } = newCluster({ range: "10.96.0.0/16" });
    bind(api, "p", {
      matchConditions: [{ name: "not-default", expression: "object.metadata.name != 'kubernetes'" }],
      validations: [
        {
          expression: "false",
          messageExpression:
            "request.operation + ' ' + request.kind.kind + '/' + request.resource.resource + ' ' + request.name + ' by ' + request.userInfo.username + (request.dryRun ? ' (dry run)' : '') + (oldObject == null ? '' : ' from ' + oldObject.spec.cidrs[0])",
        },
      ],
    });
    expectError(() => createServiceCIDR(api, "x", ["10.0.0.0/24"]), refusal("x", "CREATE ServiceCIDR/servicecidrs x by kubernetes-admin"));
    expectError(() => api.create(SERVICE_CIDRS, undefined, serviceCIDR("y", ["10.0.0.0/24"]), { dryRun: true }), refusal("y", "CREATE ServiceCIDR/servicecidrs y by kubernetes-admin (dry run)"));
  });

  it("lets the apiserver's own writes through the docs' deny policy", () => {
    const { api } = newCluster();
    bind(api, "p", {
      validations: [
        { expression: "object.metadata.name == 'kubernetes'", message: "you can only create or update the default ServiceCIDR" },
        { expression: "request.userInfo.username == 'system:apiserver' && 'system:masters' in request.userInfo.groups", message: "you can not create or update ServiceCIDR objects" },
      ],
    });
    const cur = structuredClone(api.get(SERVICE_CIDRS, undefined, "kubernetes"));
    cur.metadata.labels = { touched: "yes" };
    expect(api.update(SERVICE_CIDRS, undefined, cur, { user: APISERVER_USER }).metadata.labels).toEqual({ touched: "yes" });
    cur.metadata.resourceVersion = undefined;
    expectError(() => api.update(SERVICE_CIDRS, undefined, cur), refusal("kubernetes", "you can not create or update ServiceCIDR objects"));
  });

  it("DELETE has no object, so the refusal names Unknown", () => {
    const { api } = newCluster();
    createServiceCIDR(api, "x", ["10.0.0.0/24"]);
    bind(api, "p", {
      matchConstraints: { resourceRules: [{ apiGroups: ["networking.k8s.io"], apiVersions: ["*"], operations: ["DELETE"], resources: ["servicecidrs"] }] },
      validations: [{ expression: "object == null && oldObject.metadata.name == 'keep'", message: "kept" }],
    });
    expectError(
      () => api.delete(SERVICE_CIDRS, undefined, "x"),
      `servicecidrs.networking.k8s.io "Unknown" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'p-binding' denied request: kept`,
    );
  });

  it("namespaceObject is the request's namespace, null for cluster-scoped objects", () => {
    const { api } = newCluster();
    api.create(NAMESPACES, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name: "prod", labels: { env: "prod" } } });
    bind(api, "p", {
      matchConstraints: { resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["services"] }] },
      validations: [{ expression: "namespaceObject.metadata.?labels.?env.orValue('') != 'prod' || object.spec.type == 'ClusterIP'", message: "prod Services are ClusterIP" }],
    });
    expect(statusError(() => api.create(SERVICES, "prod", service("web", { type: "NodePort" }, "prod"))).status.message).toBe(
      `services "web" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'p-binding' denied request: prod Services are ClusterIP`,
    );
    expect(api.create(SERVICES, "default", service("web", { type: "NodePort" })).metadata.name).toBe("web");
    bind(api, "q", {
      matchConstraints: { resourceRules: [{ apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["servicecidrs"] }] },
      validations: [{ expression: "namespaceObject == null", message: "has a namespace" }],
    });
    expect(createServiceCIDR(api, "x", ["10.0.0.0/24"]).metadata.name).toBe("x");
  });
});

describe("bindings", () => {
  it("without a binding a policy does nothing; a binding to a missing policy is ignored", () => {
    const { api } = newCluster();
    api.create(POLICIES, undefined, policy("unbound", { validations: [{ expression: "false" }] }));
    api.create(BINDINGS, undefined, binding("orphan", "missing", ["Deny"]));
    expect(createServiceCIDR(api, "x", ["10.0.0.0/24"]).metadata.name).toBe("x");
  });

  it("matchResources narrows a binding to some of what the policy matches", () => {
    const { api } = newCluster();
    bind(api, "p", { validations: [{ expression: "false", message: "no" }] }, ["Deny"], {
      matchResources: { objectSelector: { matchLabels: { guarded: "true" } } },
    });
    expect(createServiceCIDR(api, "x", ["10.0.0.0/24"]).metadata.name).toBe("x");
    const guarded = { ...serviceCIDR("g", ["10.1.0.0/24"]), metadata: { name: "g", labels: { guarded: "true" } } };
    expectError(() => api.create(SERVICE_CIDRS, undefined, guarded), refusal("g", "no"));
  });
});

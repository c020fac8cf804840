/**
 * Port of k8s.io/client-go/util/jsonpath/{jsonpath_test.go,parser_test.go} plus kubectl-shaped cases.
 * Upstream feeds Go structs in some tests; here everything is decoded JSON (what kubectl passes), so struct field
 * order becomes sorted map-key order and `map[string]int` becomes `map[string]interface {}` — noted where it matters.
 */
import { describe, expect, it } from "vitest";
import { JSONPathError, parseJSONPath, relaxedJSONPathExpression } from "../../src/kubectl/printers/jsonpath.ts";

const run = (template: string, data: unknown, allowMissingKeys = false): string =>
  parseJSONPath(template).execute(data, { allowMissingKeys });

function execError(template: string, data: unknown, allowMissingKeys = false): string {
  const t = parseJSONPath(template);
  try {
    t.execute(data, { allowMissingKeys });
  } catch (e) {
    expect(e).toBeInstanceOf(JSONPathError);
    return (e as Error).message;
  }
  throw new Error(`expected ${template} to fail`);
}

function parseError(template: string): string {
  try {
    parseJSONPath(template);
  } catch (e) {
    expect(e).toBeInstanceOf(JSONPathError);
    return (e as Error).message;
  }
  throw new Error(`expected ${template} not to parse`);
}

// ---------------------------------------------------------------------------------------------------------------
// Kubernetes-shaped fixtures

const kubernetesSvc = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" } },
  spec: {
    clusterIP: "10.96.0.1",
    clusterIPs: ["10.96.0.1"],
    ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }],
    type: "ClusterIP",
  },
};
const kubeDNSSvc = {
  apiVersion: "v1",
  kind: "Service",
  metadata: {
    name: "kube-dns",
    namespace: "kube-system",
    labels: { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" },
  },
  spec: {
    clusterIP: "10.96.0.10",
    clusterIPs: ["10.96.0.10"],
    ports: [
      { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
      { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
      { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
    ],
    type: "ClusterIP",
  },
};
const serviceList = { apiVersion: "v1", kind: "List", items: [kubernetesSvc, kubeDNSSvc], metadata: { resourceVersion: "" } };
const dualStackSvc = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "web", namespace: "default", annotations: { note: "<b>fast</b> & cheap" } },
  spec: {
    clusterIP: "10.0.223.73",
    clusterIPs: ["10.0.223.73", "fd17:d93e:db1f:f771::54e"],
    ipFamilies: ["IPv4", "IPv6"],
    ipFamilyPolicy: "PreferDualStack",
    ports: [{ port: 80, protocol: "TCP", targetPort: 8080 }],
  },
};
const endpointSlices = {
  apiVersion: "v1",
  kind: "List",
  items: [
    {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "kube-dns-4x7q2", labels: { "kubernetes.io/service-name": "kube-dns" } },
      addressType: "IPv4",
      endpoints: [{ addresses: ["10.244.0.2"], conditions: { ready: true } }, { addresses: ["10.244.0.3"], conditions: { ready: false } }],
    },
    {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "kubernetes", labels: { "kubernetes.io/service-name": "kubernetes" } },
      addressType: "IPv4",
      endpoints: [{ addresses: ["172.18.0.2"], conditions: { ready: true } }],
    },
  ],
};

describe("kubectl get -o jsonpath on Kubernetes objects", () => {
  it("prints every match of one expression separated by a single space", () => {
    expect(run("{.items[*].spec.clusterIP}", serviceList)).toBe("10.96.0.1 10.96.0.10");
    expect(run("{.items[*].metadata.name}", serviceList)).toBe("kubernetes kube-dns");
  });

  it("ranges with literal text and a newline string", () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{.spec.clusterIP}{"\\n"}{end}', serviceList)).toBe(
      "kubernetes\t10.96.0.1\nkube-dns\t10.96.0.10\n",
    );
    expect(run("{range .items[*]}{.metadata.name}{'\\n'}{end}", serviceList)).toBe("kubernetes\nkube-dns\n");
    expect(run('{range .items[*]}{.metadata.name}:{range .spec.ports[*]}{.port}/{.protocol} {end}{"\\n"}{end}', serviceList)).toBe(
      "kubernetes:443/TCP \nkube-dns:53/UDP 53/TCP 9153/TCP \n",
    );
  });

  it("prints slices and maps as compact JSON with sorted keys", () => {
    expect(run("{.spec.clusterIPs}", dualStackSvc)).toBe('["10.0.223.73","fd17:d93e:db1f:f771::54e"]');
    expect(run("{.spec.clusterIPs[*]}", dualStackSvc)).toBe("10.0.223.73 fd17:d93e:db1f:f771::54e");
    expect(run("{.metadata.labels}", kubeDNSSvc)).toBe(
      '{"k8s-app":"kube-dns","kubernetes.io/cluster-service":"true","kubernetes.io/name":"CoreDNS"}',
    );
    expect(run("{.spec.ports[0]}", kubernetesSvc)).toBe('{"name":"https","port":443,"protocol":"TCP","targetPort":6443}');
  });

  it("escapes HTML characters inside JSON but prints strings raw", () => {
    expect(run("{.metadata.annotations}", dualStackSvc)).toBe('{"note":"\\u003cb\\u003efast\\u003c/b\\u003e \\u0026 cheap"}');
    expect(run("{.metadata.annotations.note}", dualStackSvc)).toBe("<b>fast</b> & cheap");
    expect(run("{.a}", { a: ["tab\there", "nl\n", "q\"", "\u2028", "\u0001\b\f"] })).toBe(
      '["tab\\there","nl\\n","q\\"","\\u2028","\\u0001\\b\\f"]',
    );
  });

  it("prints numbers and booleans the way Go does", () => {
    expect(run("{.spec.ports[*].port}", kubeDNSSvc)).toBe("53 53 9153");
    expect(run("{.a} {.b} {.c} {.d} {.e} {.f}", { a: 0.5, b: 1234567.5, c: 0.00001, d: 123456.5, e: -2.25, f: 1e21 })).toBe(
      "0.5 1.2345675e+06 1e-05 123456.5 -2.25 1e+21",
    );
    expect(run("{.a}", { a: [0.5, 1e-7, 1e21, 3] })).toBe("[0.5,1e-7,1e+21,3]");
    expect(run("{.endpoints[*].conditions.ready}", endpointSlices.items[0])).toBe("true false");
    // number literals: ints print as ints, floats with %v (1e+06), signs are parsed
    expect(run("{3.0} {1000000.0} {1000000} {+5} {-7} {2.50}", {})).toBe("3 1e+06 1000000 5 -7 2.5");
  });

  it("filters on an escaped dotted label key", () => {
    const tmpl = '{.items[?(@.metadata.labels.kubernetes\\.io/service-name=="kube-dns")].endpoints[*].addresses[0]}';
    expect(run(tmpl, endpointSlices)).toBe("10.244.0.2 10.244.0.3");
    expect(run("{.items[0].metadata.labels.kubernetes\\.io/service-name}", endpointSlices)).toBe("kube-dns");
    // the bracket form is re-parsed as `.key`, so the escape is still needed there
    expect(run("{.items[0].metadata.labels['kubernetes\\.io/service-name']}", endpointSlices)).toBe("kube-dns");
    expect(run("{.items[0].metadata.labels['kubernetes.io/service-name']}", endpointSlices, true)).toBe("");
  });

  it("filters with numeric and string comparisons", () => {
    expect(run("{.spec.ports[?(@.port==53)].name}", kubeDNSSvc)).toBe("dns dns-tcp");
    expect(run("{.spec.ports[?(@.port>100)].name}", kubeDNSSvc)).toBe("metrics");
    expect(run("{.spec.ports[?(@.port<=53)].protocol}", kubeDNSSvc)).toBe("UDP TCP");
    expect(run("{.spec.ports[?(@.port>=53)].port}", kubeDNSSvc)).toBe("53 53 9153");
    expect(run("{.spec.ports[?(@.port<9153)].name}", kubeDNSSvc)).toBe("dns dns-tcp");
    expect(run('{.spec.ports[?(@.protocol!="UDP")].name}', kubeDNSSvc)).toBe("dns-tcp metrics");
    expect(run("{.spec.ports[?(@.name>'dns-')].name}", kubeDNSSvc)).toBe("dns-tcp metrics");
    expect(run("{.endpoints[?(@.conditions.ready==true)].addresses[0]}", endpointSlices.items[0])).toBe("10.244.0.2");
  });

  it("walks everything with recursive descent", () => {
    expect(run("{..clusterIP}", serviceList)).toBe("10.96.0.1 10.96.0.10");
    expect(run("{..port}", kubeDNSSvc)).toBe("53 53 9153");
    expect(run("{..addresses[0]}", endpointSlices)).toBe("10.244.0.2 10.244.0.3 172.18.0.2");
  });

  it("prints the current object with {@} and {$}", () => {
    expect(run("{@}", { b: 1, a: [true, null] })).toBe('{"a":[true,null],"b":1}');
    expect(run("{$.metadata.name}", kubernetesSvc)).toBe("kubernetes");
    expect(run("{range .spec.clusterIPs[*]}[{@}]{end}", dualStackSvc)).toBe("[10.0.223.73][fd17:d93e:db1f:f771::54e]");
  });

  it("unions bracketed paths", () => {
    expect(run("{.items[*]['metadata.name', 'spec.clusterIP']}", serviceList)).toBe("kubernetes kube-dns 10.96.0.1 10.96.0.10");
    expect(run("{.spec.ports[0,2].name}", kubeDNSSvc)).toBe("dns metrics");
  });

  it("handles missing keys with and without allowMissingKeys", () => {
    expect(run("{.spec.loadBalancerIP}", kubernetesSvc, true)).toBe("");
    expect(run("ip={.spec.loadBalancerIP};", kubernetesSvc, true)).toBe("ip=;");
    expect(execError("{.spec.loadBalancerIP}", kubernetesSvc)).toBe("loadBalancerIP is not found");
    expect(execError("{.status.loadBalancer.ingress[0].ip}", kubernetesSvc)).toBe("status is not found");
    expect(run("{.status.loadBalancer.ingress[0].ip}", kubernetesSvc, true)).toBe("");
    // only an error when no input has the key
    expect(run("{.items[*].metadata.labels.k8s-app}", serviceList)).toBe("kube-dns");
  });

  it("text outside braces is literal, so a bare path is not evaluated", () => {
    expect(run(".spec.clusterIP", kubernetesSvc)).toBe(".spec.clusterIP");
    expect(run(relaxedJSONPathExpression(".spec.clusterIP"), kubernetesSvc)).toBe("10.96.0.1");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// jsonpath_test.go

describe("TestTypesInput", () => {
  const types = {
    bools: [true, false, true, false],
    integers: [1, 2, 3, 4],
    floats: [1.0, 2.2, 3.3, 4.0],
    strings: ["one", "two", "three", "four"],
    interfaces: [true, "one", 1, 1.1],
    maps: [
      { name: "one", value: 1 },
      { name: "two", value: 2.02 },
      { name: "three", value: 3.03 },
      { name: "four", value: 4.04 },
    ],
  };
  it.each([
    ["{ .bools }", "[true,false,true,false]"],
    ["{ .bools[0] }", "true"],
    ["{ .bools[-1] }", "false"],
    ["{ .bools[0:2] }", "true false"],
    ["{ .bools[:2] }", "true false"],
    ["{ .bools[:4:2] }", "true true"],
    ["{ .integers }", "[1,2,3,4]"],
    ["{ .integers[0] }", "1"],
    ["{ .integers[-2] }", "3"],
    ["{ .integers[0:2] }", "1 2"],
    ["{ .integers[:2] }", "1 2"],
    ["{ .integers[:4:2] }", "1 3"],
    ["{ .floats }", "[1,2.2,3.3,4]"],
    ["{ .floats[0] }", "1"],
    ["{ .floats[-2] }", "3.3"],
    ["{ .floats[0:2] }", "1 2.2"],
    ["{ .floats[:4:2] }", "1 3.3"],
    ["{ .strings }", '["one","two","three","four"]'],
    ["{ .strings[0] }", "one"],
    ["{ .strings[-2] }", "three"],
    ["{ .strings[0:2] }", "one two"],
    ["{ .strings[:4:2] }", "one three"],
    ["{ .interfaces }", '[true,"one",1,1.1]'],
    ["{ .interfaces[0] }", "true"],
    ["{ .interfaces[-2] }", "1"],
    ["{ .interfaces[0:2] }", "true one"],
    ["{ .interfaces[:4:2] }", "true 1"],
    ["{ .maps }", '[{"name":"one","value":1},{"name":"two","value":2.02},{"name":"three","value":3.03},{"name":"four","value":4.04}]'],
    ["{ .maps[0] }", '{"name":"one","value":1}'],
    ["{ .maps[-2] }", '{"name":"three","value":3.03}'],
    ["{ .maps[0:2] }", '{"name":"one","value":1} {"name":"two","value":2.02}'],
    ["{ .maps[::2] }", '{"name":"one","value":1} {"name":"three","value":3.03}'],
    ["{ .maps[1::2] }", '{"name":"two","value":2.02} {"name":"four","value":4.04}'],
  ])("%s", (template, expected) => {
    expect(run(template, types)).toBe(expected);
  });
});

describe("TestStructInput (as decoded JSON)", () => {
  const store = {
    Name: "jsonpath",
    Book: [
      { Category: "reference", Author: "Nigel Rees", Title: "Sayings of the Centurey", Price: 8.95 },
      { Category: "fiction", Author: "Evelyn Waugh", Title: "Sword of Honour", Price: 12.99 },
      { Category: "fiction", Author: "Herman Melville", Title: "Moby Dick", Price: 8.99 },
    ],
    Bicycle: [
      { Color: "red", Price: 19.95, IsNew: true },
      { Color: "green", Price: 20.01, IsNew: false },
    ],
    Labels: { engieer: 10, "web/html": 15, "k8s-app": 20 },
    Employees: { jason: "manager", dan: "clerk" },
  };
  it.each<[string, unknown, string]>([
    ["hello jsonpath", null, "hello jsonpath"],
    ["{..}", [1, 2, 3], "[1,2,3]"],
    ["{[?(@<5)]}", [2, 6, 3, 7], "2 3"],
    ['{"{"}', null, "{"],
    ["{[1,3,4]}", [0, 1, 2, 3, 4], "1 3 4"],
    ["{[0:2]}", ["Monday", "Tudesday"], "Monday Tudesday"],
    ["hello {.Name}", store, "hello jsonpath"],
    ["{$.Labels.web/html}", store, "15"],
    ["{$.Employees.jason}", store, "manager"],
    ["{$.Employees.dan}", store, "clerk"],
    ["{.Labels.k8s-app}", store, "20"],
    ["{.Bicycle[*].Color}", store, "red green"],
    ["{.Book[*].Author}", store, "Nigel Rees Evelyn Waugh Herman Melville"],
    // a map's values come in key order (Color, IsNew, Price) where upstream's struct used field order
    ['{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}', store, "{red true 19.95} {green false 20.01} "],
    // Bicycle sorts before Book; upstream's struct visited Book first
    ["{..Price}", store, "19.95 20.01 8.95 12.99 8.99"],
    ["{...Price}", store, "19.95 20.01 8.95 12.99 8.99"],
    ["{.Bicycle}", store, '[{"Color":"red","IsNew":true,"Price":19.95},{"Color":"green","IsNew":false,"Price":20.01}]'],
    ['{range .Bicycle[*]}{ @ }{ " " }{end}', store, '{"Color":"red","IsNew":true,"Price":19.95} {"Color":"green","IsNew":false,"Price":20.01} '],
    ["{.Book[-1:]}", store, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
    ["{..Book[2]}", store, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
    ["{.Bicycle[?(@.IsNew==true)]}", store, '{"Color":"red","IsNew":true,"Price":19.95}'],
  ])("%s", (template, data, expected) => {
    expect(run(template, data)).toBe(expected);
  });

  it("superrecurfields fails to parse", () => {
    expect(parseError("{............................................................Price}")).toBe("invalid multiple recursive descent");
  });

  it("missing keys are empty when allowed", () => {
    expect(run("{.hello}", store, true)).toBe("");
    expect(run("before-{.hello}after", store, true)).toBe("before-after");
  });

  it.each([
    ["{hello}", "unrecognized identifier hello"],
    ["{.hello}", "hello is not found"],
    ["{.Labels[0]}", "map[string]interface {} is not array or slice"],
    ["{.Book[?(@.Price<>10)]}", "unrecognized filter operator <>"],
    ["{range .Labels.*}{@}{end}{end}", "not in range, nothing to end"],
  ])("fails: %s", (template, message) => {
    expect(execError(template, store)).toBe(message);
  });
});

describe("TestJSONInput", () => {
  const points = [
    { id: "i1", x: 4, y: -5 },
    { id: "i2", x: -2, y: -5, z: 1 },
    { id: "i3", x: 8, y: 3 },
    { id: "i4", x: -6, y: -1 },
    { id: "i5", x: 0, y: 2, z: 1 },
    { id: "i6", x: 1, y: 4 },
    { id: "i7", x: null, y: 4 },
  ];
  it.each([
    ["{[?(@.z)].id}", "i2 i5"],
    ["{[0]['id']}", "i1"],
    ["{[-1]['x']}", "null"],
  ])("%s", (template, expected) => {
    expect(run(template, points)).toBe(expected);
  });
});

describe("TestKubernetes", () => {
  const nodes = {
    kind: "List",
    items: [
      {
        kind: "None",
        metadata: { name: "127.0.0.1", labels: { "kubernetes.io/hostname": "127.0.0.1" } },
        status: { capacity: { cpu: "4" }, ready: true, addresses: [{ type: "LegacyHostIP", address: "127.0.0.1" }] },
      },
      {
        kind: "None",
        metadata: { name: "127.0.0.2", labels: { "kubernetes.io/hostname": "127.0.0.2" } },
        status: {
          capacity: { cpu: "8" },
          ready: false,
          addresses: [
            { type: "LegacyHostIP", address: "127.0.0.2" },
            { type: "another", address: "127.0.0.3" },
          ],
        },
      },
    ],
    users: [
      { name: "myself", user: {} },
      { name: "e2e", user: { username: "admin", password: "secret" } },
    ],
  };
  it.each([
    ["{range .items[*]}{.metadata.name}, {end}{.kind}", "127.0.0.1, 127.0.0.2, List"],
    ['{range .items[*]}{.metadata.name}{"\\t"}{end}', "127.0.0.1\t127.0.0.2\t"],
    ["{.items[*].status.addresses[*].address}", "127.0.0.1 127.0.0.2 127.0.0.3"],
    ["{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}", "127.0.0.1, 127.0.0.2, 127.0.0.3, "],
    ["{.items[*].metadata.name}", "127.0.0.1 127.0.0.2"],
    ["{.items[*]['metadata.name', 'status.capacity']}", '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    ["{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}", '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
    ['{.users[?(@.name=="e2e")].user.password}', "secret"],
    ["{.items[0].metadata.labels.kubernetes\\.io/hostname}", "127.0.0.1"],
    ['{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', "None"],
    ["{.items[?(@..ready==true)].metadata.name}", "127.0.0.1"],
    // upstream sorts this output because Go visits maps randomly; ours is deterministic
    ["{..name}", "127.0.0.1 127.0.0.2 myself e2e"],
  ])("%s", (template, expected) => {
    expect(run(template, nodes)).toBe(expected);
  });
});

describe("ranges", () => {
  const pods = {
    items: [
      {
        metadata: { name: "pod1" },
        spec: {
          containers: [
            { name: "foo", another: [{ name: "value1" }, { name: "value2" }] },
            { name: "bar", another: [{ name: "value1" }, { name: "value2" }] },
          ],
        },
      },
      { metadata: { name: "pod2" }, spec: { containers: [{ name: "baz", another: [{ name: "value1" }, { name: "value2" }] }] } },
    ],
  };

  it("TestEmptyRange", () => {
    expect(run("{range .items[*]}{.metadata.name}{end}", { items: [] }, true)).toBe("");
    expect(
      run('{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', { items: [] }, true),
    ).toBe("");
  });

  it("TestNestedRanges", () => {
    expect(run('{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', pods)).toBe(
      "pod1:foo,bar,+pod2:baz,+",
    );
    expect(
      run(
        '{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}',
        pods,
      ),
    ).toBe("pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#");
    expect(
      run(
        '{range .items[*]}{.metadata.name}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\n"}{end}',
        pods,
      ),
    ).toBe("pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n");
  });

  it("TestRunningPodsJSONPathOutput: filter without @ inside range", () => {
    const data = {
      kind: "List",
      items: [
        { kind: "Pod", metadata: { name: "pod1" }, status: { phase: "Running" } },
        { kind: "Pod", metadata: { name: "pod2" }, status: { phase: "Running" } },
        { kind: "Pod", metadata: { name: "pod3" }, status: { phase: "Running" } },
        { resourceVersion: "" },
      ],
    };
    expect(run('{range .items[?(.status.phase=="Running")]}{.metadata.name}{" is Running\\n"}{end}', data, true)).toBe(
      "pod1 is Running\npod2 is Running\npod3 is Running\n",
    );
  });

  it("a missing {end} runs the body once more against the outer object", () => {
    expect(run('{range .items[*]}{.metadata.name}{" "}', pods, true)).toBe("pod1 pod2  ");
  });

  it("a null range element is the zero reflect.Value and prints <no value>", () => {
    expect(run("{range .a[*]}[{@}]{end}", { a: ["x", null, 1] })).toBe("[x][<no value>][1]");
    expect(run("{.a[1]}", { a: ["x", null, 1] })).toBe("null");
  });

  it("a bare {end} outside a range is an execution error", () => {
    expect(execError("{end}", {})).toBe("not in range, nothing to end");
  });
});

describe("TestFilterPartialMatchesSometimesMissingAnnotations", () => {
  const data = {
    kind: "List",
    items: [
      { kind: "Pod", metadata: { name: "pod1", annotations: { color: "blue" } } },
      { kind: "Pod", metadata: { name: "pod2" } },
      { kind: "Pod", metadata: { name: "pod3", annotations: { color: "green" } } },
      { kind: "Pod", metadata: { name: "pod4", annotations: { color: "blue" } } },
    ],
  };
  const tmpl = '{.items[?(@.metadata.annotations.color=="blue")].metadata.name}';
  it("tolerates missing keys when allowed", () => expect(run(tmpl, data, true)).toBe("pod1 pod4"));
  it("errors on missing keys otherwise", () => expect(execError(tmpl, data)).toBe("annotations is not found"));
});

describe("TestNegativeIndex and TestStep", () => {
  const pod = { apiVersion: "v1", kind: "Pod", spec: { containers: [0, 1, 2, 3].map((i) => ({ image: "radial/busyboxplus:curl", name: `fake${i}` })) } };
  const six = { spec: { containers: [0, 1, 2, 3, 4, 5].map((i) => ({ name: `fake${i}` })) } };
  it.each([
    ["{.spec.containers[0].name}", "fake0"],
    ["{.spec.containers[0:0].name}", ""],
    ["{.spec.containers[0:-1].name}", "fake0 fake1 fake2"],
    ["{.spec.containers[-1].name}", "fake3"],
    ["{.spec.containers[-1:].name}", "fake3"],
    ["{.spec.containers[-2].name}", "fake2"],
    ["{.spec.containers[-2:].name}", "fake2 fake3"],
    ["{.spec.containers[-3].name}", "fake1"],
    ["{.spec.containers[-4].name}", "fake0"],
    ["{.spec.containers[-4:].name}", "fake0 fake1 fake2 fake3"],
    ["{.spec.containers[5:5].name}", ""],
    ["{.spec.containers[-5:-5].name}", ""],
  ])("%s", (template, expected) => {
    expect(run(template, pod)).toBe(expected);
  });

  it.each([
    ["{.spec.containers[-1:0].name}", "starting index 3 is greater than ending index 0"],
    ["{.spec.containers[-5].name}", "array index out of bounds: index -1, length 4"],
    ["{.spec.containers[4].name}", "array index out of bounds: index 4, length 4"],
    ["{.spec.containers[1:9].name}", "array index out of bounds: index 8, length 4"],
    ["{.spec.containers[3:1].name}", "starting index 3 is greater than ending index 1"],
    ["{.spec.containers[-1:-2].name}", "starting index 3 is greater than ending index 2"],
  ])("fails: %s", (template, message) => {
    expect(execError(template, pod)).toBe(message);
  });

  it.each([
    ["{.spec.containers[0:].name}", "fake0 fake1 fake2 fake3 fake4 fake5"],
    ["{.spec.containers[0:6:].name}", "fake0 fake1 fake2 fake3 fake4 fake5"],
    ["{.spec.containers[0:6:1].name}", "fake0 fake1 fake2 fake3 fake4 fake5"],
    ["{.spec.containers[1:4:2].name}", "fake1 fake3"],
    ["{.spec.containers[1:4:3].name}", "fake1"],
    ["{.spec.containers[1:4:4].name}", "fake1"],
    ["{.spec.containers[0:6:2].name}", "fake0 fake2 fake4"],
    ["{.spec.containers[0:6:3].name}", "fake0 fake3"],
    ["{.spec.containers[0:6:5].name}", "fake0 fake5"],
    ["{.spec.containers[0:6:6].name}", "fake0"],
  ])("step %s", (template, expected) => {
    expect(run(template, six)).toBe(expected);
  });

  it.each(["{.spec.containers[0:6:0].name}", "{.spec.containers[0:6:-1].name}"])("step error %s", (template) => {
    expect(execError(template, six)).toBe("step must be > 0");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// parser_test.go and the other parser errors

describe("parser errors", () => {
  it.each([
    // parser_test.go TestFailParser
    ["{.hello", "unclosed action"],
    ["{*}", "unrecognized character in action: U+002A '*'"],
    ["{+12.3.0}", "cannot parse number +12.3.0"],
    ["{[1}", "unterminated array"],
    ["{[?(.price]}", "unterminated filter"],
    ["{........}", "invalid multiple recursive descent"],
    // parser_test.go "malformat input"
    ["{\\\\\\}", "unrecognized character in action: U+005C '\\'"],
    // every other message in parser.go
    ["{.a\n}", "unclosed action"],
    ["{", "unclosed action"],
    ["{\t}", "unrecognized character in action: U+0009"],
    ["{.a,.b}", "unrecognized character in action: U+002C ','"],
    ["{-}", "cannot parse number -"],
    ["{[1\n]}", "unterminated array"],
    ["{[a]}", "invalid array index a"],
    ['{["a"]}', 'invalid array index "a"'],
    ["{[1:2:3:4]}", "invalid array index 1:2:3:4"],
    ["{[-]}", "array index - is not a number"],
    ["{[99999999999999999999]}", "array index 99999999999999999999 is not a number"],
    ["{[?(@.a\n)]}", "unterminated filter"],
    ["{[?(@.a)x]}", "unclosed array expect ]"],
    ["{[?(!@.a)]}", "unrecognized character in action: U+0021 '!'"],
    ['{"abc}', "unterminated quoted string"],
    ['{"a\nb"}', "unterminated quoted string"],
    ['{"a\\\\"}', "unterminated quoted string"], // the escaped backslash still "escapes" the closing quote
    ['{"\\q"}', 'unquote string "\\q" error invalid syntax'],
    ["{'\\\"'}", "unquote string '\\\"' error invalid syntax"],
    ['{"\\x4"}', 'unquote string "\\x4" error invalid syntax'],
    ['{"\\ud800"}', 'unquote string "\\ud800" error invalid syntax'],
    ["{[1,x]}", "invalid array index x"],
  ])("%j", (template, message) => {
    expect(parseError(template)).toBe(message);
  });
});

describe("parser successes (parser_test.go)", () => {
  it.each<[string, unknown, string]>([
    ["{['jsonpath']}", { jsonpath: "v" }, "v"],
    ["{['book.price']}", { book: { price: 3 } }, "3"],
    ["{['bicycle.price', 'book.price']}", { bicycle: { price: 1 }, book: { price: 2 } }, "1 2"],
    ["{[1:3]}", ["a", "b", "c", "d"], "b c"],
    ["{.bicycle.*}", { bicycle: { color: "red", price: 19.95 } }, "red 19.95"],
    ['{[?(@.status.nodeInfo.osImage == "()")].n}', [{ n: 1, status: { nodeInfo: { osImage: "()" } } }], "1"],
    ['{[?(@.status.nodeInfo.osImage == "(\\"\\")")].n}', [{ n: 2, status: { nodeInfo: { osImage: '("")' } } }], "2"],
    ['{[?(@.test == "())(")].n}', [{ n: 3, test: "())(" }], "3"],
    ["{[?(@.status.nodeInfo.osImage == 'Linux')].n}", [{ n: 4, status: { nodeInfo: { osImage: "Linux" } } }], "4"],
    ['{[?(@.status.nodeInfo.osImage == "{[()]}")].n}', [{ n: 5, status: { nodeInfo: { osImage: "{[()]}" } } }], "5"],
    ["{[?(@.s == \"''\")].n}", [{ n: 6, s: "''" }], "6"],
    ["{[?(@.s == '\"\"')].n}", [{ n: 7, s: '""' }], "7"],
    ["{[?(@.s == '\\\\\\'')].n}", [{ n: 8, s: "\\'" }], "8"],
    ["{[-5:]}", [1, 2, 3, 4, 5, 6], "2 3 4 5 6"],
    ["{[1:-1]}", [1, 2, 3, 4], "2 3"],
    ['{"\\x41\\u00e9\\101\\U0001F600\\a"}', null, "Aé\u0041\u{1F600}\x07"],
    ["{'it\\'s'}", null, "it's"],
    ["{[]}", ["first", "second"], "first"],
  ])("%s", (template, data, expected) => {
    expect(run(template, data)).toBe(expected);
  });

  it("union with an integer index that is out of range fails at execution", () => {
    expect(execError("{['bicycle.price', 3, 'book.price']}", { bicycle: { price: 1 } })).toBe("map[string]interface {} is not array or slice");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Upstream quirks that are easy to get wrong

describe("upstream quirks", () => {
  it("comparing an int64 field with a string or a float literal is an error, not false", () => {
    expect(execError('{.spec.ports[?(@.port=="53")].name}', kubeDNSSvc)).toBe("incompatible types for comparison");
    expect(execError("{.spec.ports[?(@.port==53.0)].name}", kubeDNSSvc)).toBe("incompatible types for comparison");
    expect(execError("{[?(@.ok<true)]}", [{ ok: false }])).toBe("invalid type for comparison");
    expect(execError("{[?(@.a==1)]}", [{ a: null }])).toBe("invalid type for comparison");
    expect(execError("{[?(@.a==1)]}", [{ a: [1, 2] }])).toBe("invalid type for comparison");
    expect(execError("{[?(@.a[*]==1)]}", [{ a: [1, 2] }])).toBe("can only compare one element at a time");
  });

  it("an exists filter keeps null and false values and swallows errors", () => {
    const items = [{ n: "a", v: null }, { n: "b", v: false }, { n: "c" }];
    expect(run("{[?(@.v)].n}", items)).toBe("a b");
    // evalArray returns its input with the error, so an out-of-range index still "exists"
    expect(run("{[?(@.xs[5])].n}", [{ n: "a", xs: [1] }, { n: "b" }])).toBe("a");
  });

  it("filtering something that is not a list prints it with %v", () => {
    expect(execError("{.metadata[?(@.x)]}", kubernetesSvc)).toBe(
      "map[labels:map[component:apiserver provider:kubernetes] name:kubernetes namespace:default] is not array or slice and cannot be filtered",
    );
    expect(execError("{.a[?(@.x)]}", { a: null })).toBe("<nil> is not array or slice and cannot be filtered");
    expect(execError("{.a[0]}", { a: "str" })).toBe("string is not array or slice");
  });

  it("an empty slice stops evaluation of the remaining inputs of that step", () => {
    const list = { items: [{ p: [1] }, { p: [] }, { p: [3] }] };
    expect(run("{.items[*].p[*]}", list)).toBe("1");
    expect(run("{range .items[*]}{.p[*]}{end}", list)).toBe("13");
  });

  it("`.*` on a string yields its UTF-8 bytes and `..` includes non-empty strings", () => {
    expect(run("{.kind.*}", { kind: "Pod" })).toBe("80 111 100");
    expect(run("{..}", { a: "x", b: "", c: 1, d: {} })).toBe('{"a":"x","b":"","c":1,"d":{}} x');
  });

  it("`{.}` looks up the empty key instead of printing the object", () => {
    expect(execError("{.}", { a: 1 })).toBe(" is not found");
    expect(run("{.}", { "": "empty" })).toBe("empty");
  });

  it("literals are evaluated once per current value", () => {
    expect(run("{.items[*] true}", { items: [1, 2] })).toBe("true true");
    expect(run('{.nothing "x"}', {}, true)).toBe("x");
  });

  it("templates can be executed repeatedly", () => {
    const t = parseJSONPath("{range .items[*]}{.metadata.name}{end}");
    expect(t.execute(serviceList)).toBe("kuberneteskube-dns");
    expect(t.execute(serviceList)).toBe("kuberneteskube-dns");
  });
});

describe("relaxedJSONPathExpression (customcolumn.go)", () => {
  it.each([
    ["metadata.name", "{.metadata.name}"],
    [".metadata.name", "{.metadata.name}"],
    ["{metadata.name}", "{.metadata.name}"],
    ["{.metadata.name}", "{.metadata.name}"],
    [".spec.clusterIPs[0]", "{.spec.clusterIPs[0]}"],
    ["", ""],
  ])("%j", (expr, expected) => {
    expect(relaxedJSONPathExpression(expr)).toBe(expected);
  });

  it.each(["{range .items[*]}{.metadata.name}{end}", "{.a}{.b}", "{.a", "a}"])("rejects %j", (expr) => {
    expect(() => relaxedJSONPathExpression(expr)).toThrow(
      new JSONPathError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"),
    );
  });
});

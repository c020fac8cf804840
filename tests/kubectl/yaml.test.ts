/**
 * toKubectlYAML against real kubectl output.
 *
 * Every expected document below (except the ServiceCIDR one, which is copied from the Kubernetes docs, and
 * the few marked "by reading the source") was printed by a real kubectl binary (v1.33.1; like v1.34 its -o yaml is
 * sigs.k8s.io/yaml's JSONToYAML on go-yaml v2) with
 * `kubectl annotate --local -f obj.json foo- -o yaml`, which prints a local object without a server. For the
 * smaller cases the object's apiVersion/kind/metadata lines were then cut out, so these inputs are printed at
 * the document root, as they were in that output.
 */
import { describe, expect, it } from "vitest";
import { toKubectlYAML } from "../../src/kubectl/printers/yaml.ts";

/** String.raw keeps go-yaml's backslash escapes readable; the leading newline is only there for layout. */
const yaml = (s: string): string => s.slice(1);

const SERVICE = {
  apiVersion: "v1",
  kind: "Service",
  metadata: {
    annotations: {
      "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"web\"},\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"ports\":[{\"name\":\"80\",\"port\":80,\"protocol\":\"TCP\",\"targetPort\":80}],\"selector\":{\"app\":\"web\"},\"type\":\"LoadBalancer\"}}\n"
    },
    creationTimestamp: "2024-05-02T09:41:12Z",
    labels: {
      app: "web"
    },
    name: "web",
    namespace: "default",
    resourceVersion: "48213",
    uid: "0b1c6a4e-6f7d-4a53-9d3e-2f0d8c6b1e7a"
  },
  spec: {
    allocateLoadBalancerNodePorts: true,
    clusterIP: "10.96.120.17",
    clusterIPs: [
      "10.96.120.17"
    ],
    externalTrafficPolicy: "Cluster",
    internalTrafficPolicy: "Cluster",
    ipFamilies: [
      "IPv4"
    ],
    ipFamilyPolicy: "SingleStack",
    ports: [
      {
        name: "80",
        nodePort: 31380,
        port: 80,
        protocol: "TCP",
        targetPort: 80
      }
    ],
    selector: {
      app: "web"
    },
    sessionAffinity: "None",
    type: "LoadBalancer"
  },
  status: {
    conditions: [
      {
        lastTransitionTime: "2024-05-02T09:41:12Z",
        message: "",
        reason: "",
        status: "True",
        type: "LoadBalancerPending"
      }
    ],
    loadBalancer: {}
  }
};

const KUBE_PROXY_CONF = [
  "apiVersion: kubeproxy.config.k8s.io/v1alpha1",
  "bindAddress: 0.0.0.0",
  "bindAddressHardFail: false",
  "clientConnection:",
  "  acceptContentTypes: \"\"",
  "  burst: 0",
  "  contentType: \"\"",
  "  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf",
  "  qps: 0",
  "clusterCIDR: 10.244.0.0/16",
  "configSyncPeriod: 0s",
  "conntrack:",
  "  maxPerCore: null",
  "  min: null",
  "  tcpCloseWaitTimeout: null",
  "  tcpEstablishedTimeout: null",
  "detectLocalMode: \"\"",
  "enableProfiling: false",
  "healthzBindAddress: \"\"",
  "hostnameOverride: \"\"",
  "iptables:",
  "  localhostNodePorts: null",
  "  masqueradeAll: false",
  "  masqueradeBit: null",
  "  minSyncPeriod: 0s",
  "  syncPeriod: 0s",
  "ipvs:",
  "  excludeCIDRs: null",
  "  minSyncPeriod: 0s",
  "  scheduler: \"\"",
  "  strictARP: false",
  "  syncPeriod: 0s",
  "  tcpFinTimeout: 0s",
  "  tcpTimeout: 0s",
  "  udpTimeout: 0s",
  "kind: KubeProxyConfiguration",
  "metricsBindAddress: \"\"",
  "mode: \"\"",
  "nodePortAddresses: null",
  "oomScoreAdj: null",
  "portRange: \"\"",
  "showHiddenMetricsForVersion: \"\"",
  "winkernel:",
  "  enableDSR: false",
  "  forwardHealthCheckVip: false",
  "  networkName: \"\"",
  "  rootHnsEndpointName: \"\"",
  "  sourceVip: \"\"",
].join("\n");

const KUBE_PROXY_KUBECONFIG = [
  "apiVersion: v1",
  "kind: Config",
  "clusters:",
  "- cluster:",
  "    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt",
  "    server: https://control-plane.minikube.internal:8443",
  "  name: default",
  "contexts:",
  "- context:",
  "    cluster: default",
  "    namespace: default",
  "    user: default",
  "  name: default",
  "current-context: default",
  "users:",
  "- name: default",
  "  user:",
  "    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token",
  "",
].join("\n");

const KUBE_PROXY = {
  apiVersion: "v1",
  data: {
    "config.conf": KUBE_PROXY_CONF,
    "kubeconfig.conf": KUBE_PROXY_KUBECONFIG
  },
  kind: "ConfigMap",
  metadata: {
    annotations: {
      "kubeadm.kubernetes.io/component-config.hash": "sha256:1b8d3c2e2f0a4b7f9e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f"
    },
    creationTimestamp: "2024-05-02T09:30:02Z",
    labels: {
      app: "kube-proxy"
    },
    name: "kube-proxy",
    namespace: "kube-system",
    resourceVersion: "265",
    uid: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
  }
};

const POD = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    annotations: {
      "kubernetes.io/description": "A long human readable description of this pod which is long enough that go-yaml has to fold it onto a second line, and even a third line because it keeps going on and on."
    },
    creationTimestamp: "2024-05-02T10:00:00Z",
    generateName: "web-7d4b9c8f6d-",
    labels: {
      app: "web",
      "pod-template-hash": "7d4b9c8f6d"
    },
    name: "web-7d4b9c8f6d-x2k9p",
    namespace: "default",
    ownerReferences: [
      {
        apiVersion: "apps/v1",
        blockOwnerDeletion: true,
        controller: true,
        kind: "ReplicaSet",
        name: "web-7d4b9c8f6d",
        uid: "11111111-2222-4333-8444-555555555555"
      }
    ],
    resourceVersion: "1042",
    uid: "66666666-7777-4888-9999-000000000000"
  },
  spec: {
    containers: [
      {
        args: [
          "-c",
          "echo hello; sleep 3600"
        ],
        command: [
          "/bin/sh"
        ],
        env: [
          {
            name: "DEBUG",
            value: "true"
          },
          {
            name: "PORT",
            value: "8080"
          },
          {
            name: "GREETING",
            value: "hello: world"
          },
          {
            name: "EMPTY",
            value: ""
          },
          {
            name: "SCRIPT",
            value: "#!/bin/sh\nset -e\necho \"starting\"\n\texec nginx -g 'daemon off;'\n"
          }
        ],
        image: "nginx:1.25",
        imagePullPolicy: "IfNotPresent",
        name: "web",
        ports: [
          {
            containerPort: 8080,
            name: "http",
            protocol: "TCP"
          }
        ],
        readinessProbe: {
          failureThreshold: 3,
          httpGet: {
            path: "/healthz",
            port: "http",
            scheme: "HTTP"
          },
          periodSeconds: 10,
          successThreshold: 1,
          timeoutSeconds: 1
        },
        resources: {
          limits: {
            cpu: "500m",
            memory: "128Mi"
          },
          requests: {
            cpu: "250m",
            memory: "64Mi"
          }
        },
        terminationMessagePath: "/dev/termination-log",
        terminationMessagePolicy: "File",
        volumeMounts: [
          {
            mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
            name: "kube-api-access-abcde",
            readOnly: true
          }
        ]
      }
    ],
    dnsPolicy: "ClusterFirst",
    enableServiceLinks: true,
    nodeName: "kind-control-plane",
    preemptionPolicy: "PreemptLowerPriority",
    priority: 0,
    restartPolicy: "Always",
    schedulerName: "default-scheduler",
    securityContext: {},
    serviceAccount: "default",
    serviceAccountName: "default",
    terminationGracePeriodSeconds: 30,
    tolerations: [
      {
        effect: "NoExecute",
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        tolerationSeconds: 300
      }
    ],
    volumes: [
      {
        name: "kube-api-access-abcde",
        projected: {
          defaultMode: 420,
          sources: [
            {
              serviceAccountToken: {
                expirationSeconds: 3607,
                path: "token"
              }
            },
            {
              configMap: {
                items: [
                  {
                    key: "ca.crt",
                    path: "ca.crt"
                  }
                ],
                name: "kube-root-ca.crt"
              }
            }
          ]
        }
      }
    ]
  },
  status: {
    conditions: [
      {
        lastProbeTime: null,
        lastTransitionTime: "2024-05-02T10:00:01Z",
        status: "True",
        type: "Ready"
      }
    ],
    hostIP: "172.18.0.2",
    hostIPs: [
      {
        ip: "172.18.0.2"
      }
    ],
    phase: "Running",
    podIP: "10.244.0.5",
    podIPs: [
      {
        ip: "10.244.0.5"
      }
    ],
    qosClass: "Burstable",
    startTime: "2024-05-02T10:00:00Z"
  }
};

const CLUSTER_ROLE = {
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "ClusterRole",
  metadata: {
    annotations: {
      "rbac.authorization.kubernetes.io/autoupdate": "true"
    },
    creationTimestamp: "2024-05-02T09:29:52Z",
    labels: {
      "kubernetes.io/bootstrapping": "rbac-defaults"
    },
    name: "cluster-admin",
    resourceVersion: "72",
    uid: "abcdefab-cdef-4abc-8def-abcdefabcdef"
  },
  rules: [
    {
      apiGroups: [
        "*"
      ],
      resources: [
        "*"
      ],
      verbs: [
        "*"
      ]
    },
    {
      nonResourceURLs: [
        "*"
      ],
      verbs: [
        "*"
      ]
    }
  ]
};

const FIXTURES: Array<[string, unknown, string]> = [
  ["a LoadBalancer Service with last-applied-configuration", SERVICE, yaml(String.raw`
apiVersion: v1
kind: Service
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"ports":[{"name":"80","port":80,"protocol":"TCP","targetPort":80}],"selector":{"app":"web"},"type":"LoadBalancer"}}
  creationTimestamp: "2024-05-02T09:41:12Z"
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "48213"
  uid: 0b1c6a4e-6f7d-4a53-9d3e-2f0d8c6b1e7a
spec:
  allocateLoadBalancerNodePorts: true
  clusterIP: 10.96.120.17
  clusterIPs:
  - 10.96.120.17
  externalTrafficPolicy: Cluster
  internalTrafficPolicy: Cluster
  ipFamilies:
  - IPv4
  ipFamilyPolicy: SingleStack
  ports:
  - name: "80"
    nodePort: 31380
    port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: web
  sessionAffinity: None
  type: LoadBalancer
status:
  conditions:
  - lastTransitionTime: "2024-05-02T09:41:12Z"
    message: ""
    reason: ""
    status: "True"
    type: LoadBalancerPending
  loadBalancer: {}
`)],
  ["the kube-proxy ConfigMap with multi-line data", KUBE_PROXY, yaml(String.raw`
apiVersion: v1
data:
  config.conf: |-
    apiVersion: kubeproxy.config.k8s.io/v1alpha1
    bindAddress: 0.0.0.0
    bindAddressHardFail: false
    clientConnection:
      acceptContentTypes: ""
      burst: 0
      contentType: ""
      kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
      qps: 0
    clusterCIDR: 10.244.0.0/16
    configSyncPeriod: 0s
    conntrack:
      maxPerCore: null
      min: null
      tcpCloseWaitTimeout: null
      tcpEstablishedTimeout: null
    detectLocalMode: ""
    enableProfiling: false
    healthzBindAddress: ""
    hostnameOverride: ""
    iptables:
      localhostNodePorts: null
      masqueradeAll: false
      masqueradeBit: null
      minSyncPeriod: 0s
      syncPeriod: 0s
    ipvs:
      excludeCIDRs: null
      minSyncPeriod: 0s
      scheduler: ""
      strictARP: false
      syncPeriod: 0s
      tcpFinTimeout: 0s
      tcpTimeout: 0s
      udpTimeout: 0s
    kind: KubeProxyConfiguration
    metricsBindAddress: ""
    mode: ""
    nodePortAddresses: null
    oomScoreAdj: null
    portRange: ""
    showHiddenMetricsForVersion: ""
    winkernel:
      enableDSR: false
      forwardHealthCheckVip: false
      networkName: ""
      rootHnsEndpointName: ""
      sourceVip: ""
  kubeconfig.conf: |
    apiVersion: v1
    kind: Config
    clusters:
    - cluster:
        certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
        server: https://control-plane.minikube.internal:8443
      name: default
    contexts:
    - context:
        cluster: default
        namespace: default
        user: default
      name: default
    current-context: default
    users:
    - name: default
      user:
        tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
kind: ConfigMap
metadata:
  annotations:
    kubeadm.kubernetes.io/component-config.hash: sha256:1b8d3c2e2f0a4b7f9e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f
  creationTimestamp: "2024-05-02T09:30:02Z"
  labels:
    app: kube-proxy
  name: kube-proxy
  namespace: kube-system
  resourceVersion: "265"
  uid: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
`)],
  ["a Pod", POD, yaml(String.raw`
apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubernetes.io/description: A long human readable description of this pod which
      is long enough that go-yaml has to fold it onto a second line, and even a third
      line because it keeps going on and on.
  creationTimestamp: "2024-05-02T10:00:00Z"
  generateName: web-7d4b9c8f6d-
  labels:
    app: web
    pod-template-hash: 7d4b9c8f6d
  name: web-7d4b9c8f6d-x2k9p
  namespace: default
  ownerReferences:
  - apiVersion: apps/v1
    blockOwnerDeletion: true
    controller: true
    kind: ReplicaSet
    name: web-7d4b9c8f6d
    uid: 11111111-2222-4333-8444-555555555555
  resourceVersion: "1042"
  uid: 66666666-7777-4888-9999-000000000000
spec:
  containers:
  - args:
    - -c
    - echo hello; sleep 3600
    command:
    - /bin/sh
    env:
    - name: DEBUG
      value: "true"
    - name: PORT
      value: "8080"
    - name: GREETING
      value: 'hello: world'
    - name: EMPTY
      value: ""
    - name: SCRIPT
      value: "#!/bin/sh\nset -e\necho \"starting\"\n\texec nginx -g 'daemon off;'\n"
    image: nginx:1.25
    imagePullPolicy: IfNotPresent
    name: web
    ports:
    - containerPort: 8080
      name: http
      protocol: TCP
    readinessProbe:
      failureThreshold: 3
      httpGet:
        path: /healthz
        port: http
        scheme: HTTP
      periodSeconds: 10
      successThreshold: 1
      timeoutSeconds: 1
    resources:
      limits:
        cpu: 500m
        memory: 128Mi
      requests:
        cpu: 250m
        memory: 64Mi
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access-abcde
      readOnly: true
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  nodeName: kind-control-plane
  preemptionPolicy: PreemptLowerPriority
  priority: 0
  restartPolicy: Always
  schedulerName: default-scheduler
  securityContext: {}
  serviceAccount: default
  serviceAccountName: default
  terminationGracePeriodSeconds: 30
  tolerations:
  - effect: NoExecute
    key: node.kubernetes.io/not-ready
    operator: Exists
    tolerationSeconds: 300
  volumes:
  - name: kube-api-access-abcde
    projected:
      defaultMode: 420
      sources:
      - serviceAccountToken:
          expirationSeconds: 3607
          path: token
      - configMap:
          items:
          - key: ca.crt
            path: ca.crt
          name: kube-root-ca.crt
status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: "2024-05-02T10:00:01Z"
    status: "True"
    type: Ready
  hostIP: 172.18.0.2
  hostIPs:
  - ip: 172.18.0.2
  phase: Running
  podIP: 10.244.0.5
  podIPs:
  - ip: 10.244.0.5
  qosClass: Burstable
  startTime: "2024-05-02T10:00:00Z"
`)],
  ["a ClusterRole with '*' rules", CLUSTER_ROLE, yaml(String.raw`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  annotations:
    rbac.authorization.kubernetes.io/autoupdate: "true"
  creationTimestamp: "2024-05-02T09:29:52Z"
  labels:
    kubernetes.io/bootstrapping: rbac-defaults
  name: cluster-admin
  resourceVersion: "72"
  uid: abcdefab-cdef-4abc-8def-abcdefabcdef
rules:
- apiGroups:
  - '*'
  resources:
  - '*'
  verbs:
  - '*'
- nonResourceURLs:
  - '*'
  verbs:
  - '*'
`)],
];

const long = "There are still IPAddresses referencing the ServiceCIDR, please remove them or create a new ServiceCIDR and then wait for the controller to finish its work";
const CASES: Array<{ name: string; input: Record<string, unknown> }> = [
  { name: "sorts keys with go-yaml's natural order: non-letters before letters, digit runs by value", input: { x10: 1, x9: 2, x09: 3, "a-b": 4, aB: 5, ab: 6, "a.b": 7, a_b: 8, A: 9, Z: 10, _x: 11, "1": 12, "10": 13, "2": 14, "é": 15, "item-10": 16, "item-9": 17, a1: 18, a01: 19, a001b: 20, "a/b": 21, "a~b": 22 } },
  { name: "quotes every YAML 1.1 boolean spelling, and only those", input: { bools: ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"], plain: ["yES", "tRUE", "Yep", "nope", "onion", "offset", "t", "f", "T", "F"] } },
  { name: "quotes null spellings and the empty string", input: { nulls: ["", "~", "null", "Null", "NULL"], plain: ["nil", "NuLL", "none", "~x"] } },
  { name: "quotes anything strconv.ParseInt/ParseUint (base 0) accepts", input: { ints: ["0", "1133", "9153", "-1", "+1", "0x1F", "0X1f", "0o17", "017", "08", "0b101", "-0b101", "1_000", "1_2_3", "18446744073709551615", "99999999999999999999"], plain: ["0x", "0xg", "1-2", "+", "-", "1a", "0x1ffffffffffffffffffff"] } },
  { name: "quotes YAML-style floats and the special float spellings", input: { floats: ["1.5", "1.", "-.5", ".5", ".5e3", "1e3", "1E3", "1e+3", "1e-3", ".5_5", ".inf", ".Inf", ".INF", "+.inf", "-.inf", "-.Inf", ".nan", ".NaN", ".NAN"], plain: ["1e400", "._5", ".", "...x", "1.2.3", "1e", ".infinity", "+.5x", "1.5Gi"] } },
  { name: "quotes strings time.Parse reads as a timestamp, and not invalid dates", input: { timestamps: ["2023-10-12", "2023-1-2", "2023-10-12T15:11:07Z", "2023-10-12t15:11:07.123+05:30", "2023-10-12T15:11:07,5-07:00", "2023-10-12 15:11:07", "2023-10-12  15:11:07", "2023-10-12 15:11:07.999999999999", "2024-02-29", "2000-02-29"], plain: ["2023-02-29", "1900-02-29", "2023-13-01", "2023-04-31", "2023-10-12T25:00:00Z", "2023-10-12T15:11:07+25:00", "2023-10-12T15:11:07", "20231-10-12", "2023-10-12x", "2023-10-12T15:11:07 Z", "v2023-10-12"] } },
  { name: "quotes YAML 1.1 sexagesimal numbers", input: { base60: ["1:20", "12:30:45", "-1:20", "+1:20", "1:20.5", "80:30", "1_0:20"], plain: ["1:60", "1:2:3a", "10.96.0.0:80", "8080:80", "a1:20", "1:"] } },
  { name: "single-quotes strings that start with an indicator or contain ': ' or ' #'", input: { quoted: ["*", "- x", "-", "? x", "?", ": x", ":", "@x", "`x", "%x", "&x", "!x", "|x", ">x", "#x", "[x", "]x", "{x", "}x", ",x", "'x'", "\"x\"", "x: y", "x:", "x #y", "---", "--- x", "...", " lead", "trail ", " "], plain: ["-x", "--x", "?x", ":x", "x#y", "x:y", "a'b", "http://x:80/y", "<<", "=", "a,b", "a[b]", "a{b}", "--", "..", "a - b", "a ? b"] } },
  { name: "doubles single quotes inside single-quoted strings", input: { a: "'quoted'", b: "it's: here", c: "- don't" } },
  { name: "double-quotes non-printable characters with go-yaml's escapes", input: { tab: "a\tb", nul: "a\u0000b", cr: "a\rb", esc: "\u001b[0m", soh: "\u0001", emoji: "ok 😀", mixed: "a\\b\"c\t", bom: "\ufeffab c", bomInside: "a\ufeffb", unicode: "é中 ok" } },
  { name: "uses literal block scalars for newlines with go-yaml's chomping and indentation indicators", input: { strip: "a\nb", clip: "a\nb\n", keep: "a\n\n", onlyNewline: "\n", leadingSpace: " a\nb", leadingNewline: "\na", blankLine: "a\n\nb\n", indented: "a:\n  b: c\n" } },
  { name: "falls back to double quotes when a block scalar would lose information", input: { spaceBeforeBreak: "a \nb", tab: "a\tb\nc", trailingSpace: "a\nb ", breakThenSpace: "a\n b" } },
  { name: "puts block scalars inside sequences and nested maps", input: { list: ["a\nb\n", "plain", ["x\ny"]], nested: { deeper: { text: "one\ntwo\n" } } } },
  { name: "folds long plain strings past column 80, continuing one level deeper than the key", input: { message: long, nested: { deeper: { message: long } }, list: [long, { message: long }] } },
  { name: "never breaks a word, however long", input: { url: "https://example.com/" + "a".repeat(120), words: "short " + "b".repeat(100) + " then more words after the very long one and even more words to go past the limit", deep: { deeper: { deepest: "x".repeat(200) } } } },
  { name: "does not fold at runs of spaces", input: { spaced: "a".repeat(78) + "  two spaces here and then " + "c".repeat(10) + " words words words words words words words words" } },
  { name: "folds single- and double-quoted strings too", input: { single: "@" + long + " " + long, double: "\t" + long, doubleSpaces: "\t" + "x".repeat(77) + "  y   z " + "w".repeat(90) + " end" } },
  { name: "never folds keys, and uses '? ' for keys over 128 bytes or with newlines", input: { ["k".repeat(128)]: "simple", ["k".repeat(129)]: "complex", ["中".repeat(42)]: "126 bytes", ["中".repeat(43)]: "129 bytes", ["key with spaces ".repeat(6)]: "folded?", "multi\nline": 1, [long]: { nested: [1] } } },
  { name: "quotes keys the same way as values", input: { "": 1, "yes": 2, "1": 3, "n": 4, "x: y": 5, "- a": 6, "a\tb": 7, "2023-10-12": 8 } },
  { name: "prints nested sequences compactly", input: { lists: [[1, [2, [3]]], [[]], [{}], [{ a: [1, 2], b: { c: [] } }], [[{ x: 1, y: [[2]] }]]] } },
  { name: "prints empty collections in flow style", input: { a: {}, b: [], c: [{}], d: [[]], e: { f: {} }, g: [[], {}, [[]]] } },
  { name: "prints numbers the way Go's float64 path does", input: { ints: [0, -0, 1, -1, 80, 9153, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64 - 2048, -(2 ** 63)], floats: [1.5, 0.1, -2.5, 1e-7, 0.0001, 0.00001, 100000.5, 123456.5, 1234567.5, 3.14159, 1e20, 1e21, 2 ** 64, 1.7976931348623157e308, 5e-324] } },
  { name: "prints booleans and null", input: { t: true, f: false, n: null, list: [true, null, false] } },
];

const EXPECTED: Record<string, string> = {
  "sorts keys with go-yaml's natural order: non-letters before letters, digit runs by value": yaml(String.raw`
_x: 11
"1": 12
"2": 14
"10": 13
A: 9
Z: 10
a-b: 4
a.b: 7
a/b: 21
a_b: 8
a~b: 22
a1: 18
a01: 19
a001b: 20
aB: 5
ab: 6
item-9: 17
item-10: 16
x9: 2
x09: 3
x10: 1
é: 15
`),
  "quotes every YAML 1.1 boolean spelling, and only those": yaml(String.raw`
bools:
- "y"
- "Y"
- "yes"
- "Yes"
- "YES"
- "n"
- "N"
- "no"
- "No"
- "NO"
- "true"
- "True"
- "TRUE"
- "false"
- "False"
- "FALSE"
- "on"
- "On"
- "ON"
- "off"
- "Off"
- "OFF"
plain:
- yES
- tRUE
- Yep
- nope
- onion
- offset
- t
- f
- T
- F
`),
  "quotes null spellings and the empty string": yaml(String.raw`
nulls:
- ""
- "~"
- "null"
- "Null"
- "NULL"
plain:
- nil
- NuLL
- none
- ~x
`),
  "quotes anything strconv.ParseInt/ParseUint (base 0) accepts": yaml(String.raw`
ints:
- "0"
- "1133"
- "9153"
- "-1"
- "+1"
- "0x1F"
- "0X1f"
- "0o17"
- "017"
- "08"
- "0b101"
- "-0b101"
- "1_000"
- "1_2_3"
- "18446744073709551615"
- "99999999999999999999"
plain:
- 0x
- 0xg
- 1-2
- +
- '-'
- 1a
- 0x1ffffffffffffffffffff
`),
  "quotes YAML-style floats and the special float spellings": yaml(String.raw`
floats:
- "1.5"
- "1."
- "-.5"
- ".5"
- ".5e3"
- "1e3"
- "1E3"
- "1e+3"
- "1e-3"
- ".5_5"
- ".inf"
- ".Inf"
- ".INF"
- "+.inf"
- "-.inf"
- "-.Inf"
- ".nan"
- ".NaN"
- ".NAN"
plain:
- 1e400
- ._5
- .
- '...x'
- 1.2.3
- 1e
- .infinity
- +.5x
- 1.5Gi
`),
  "quotes strings time.Parse reads as a timestamp, and not invalid dates": yaml(String.raw`
plain:
- 2023-02-29
- 1900-02-29
- 2023-13-01
- 2023-04-31
- 2023-10-12T25:00:00Z
- 2023-10-12T15:11:07+25:00
- 2023-10-12T15:11:07
- 20231-10-12
- 2023-10-12x
- 2023-10-12T15:11:07 Z
- v2023-10-12
timestamps:
- "2023-10-12"
- "2023-1-2"
- "2023-10-12T15:11:07Z"
- "2023-10-12t15:11:07.123+05:30"
- "2023-10-12T15:11:07,5-07:00"
- "2023-10-12 15:11:07"
- "2023-10-12  15:11:07"
- "2023-10-12 15:11:07.999999999999"
- "2024-02-29"
- "2000-02-29"
`),
  "quotes YAML 1.1 sexagesimal numbers": yaml(String.raw`
base60:
- "1:20"
- "12:30:45"
- "-1:20"
- "+1:20"
- "1:20.5"
- "80:30"
- "1_0:20"
plain:
- 1:60
- 1:2:3a
- 10.96.0.0:80
- 8080:80
- a1:20
- '1:'
`),
  "single-quotes strings that start with an indicator or contain ': ' or ' #'": yaml(String.raw`
plain:
- -x
- --x
- ?x
- :x
- x#y
- x:y
- a'b
- http://x:80/y
- <<
- =
- a,b
- a[b]
- a{b}
- --
- ..
- a - b
- a ? b
quoted:
- '*'
- '- x'
- '-'
- '? x'
- '?'
- ': x'
- ':'
- '@x'
- '${"`"}x'
- '%x'
- '&x'
- '!x'
- '|x'
- '>x'
- '#x'
- '[x'
- ']x'
- '{x'
- '}x'
- ',x'
- '''x'''
- '"x"'
- 'x: y'
- 'x:'
- 'x #y'
- '---'
- '--- x'
- '...'
- ' lead'
- 'trail '
- ' '
`),
  "doubles single quotes inside single-quoted strings": yaml(String.raw`
a: '''quoted'''
b: 'it''s: here'
c: '- don''t'
`),
  "double-quotes non-printable characters with go-yaml's escapes": yaml(String.raw`
bom: "\uFEFF\x61\x62\x20\x63"
bomInside: "a\uFEFFb"
cr: "a\rb"
emoji: "ok \U0001F600"
esc: "\e[0m"
mixed: "a\\b\"c\t"
nul: "a\0b"
soh: "\x01"
tab: "a\tb"
unicode: é中 ok
`),
  "uses literal block scalars for newlines with go-yaml's chomping and indentation indicators": yaml(String.raw`
blankLine: |
  a

  b
clip: |
  a
  b
indented: |
  a:
    b: c
keep: |+
  a

leadingNewline: |2-

  a
leadingSpace: |2-
   a
  b
onlyNewline: |2+

strip: |-
  a
  b
`),
  "falls back to double quotes when a block scalar would lose information": yaml(String.raw`
breakThenSpace: |-
  a
   b
spaceBeforeBreak: "a \nb"
tab: "a\tb\nc"
trailingSpace: "a\nb "
`),
  "puts block scalars inside sequences and nested maps": yaml(String.raw`
list:
- |
  a
  b
- plain
- - |-
    x
    y
nested:
  deeper:
    text: |
      one
      two
`),
  "folds long plain strings past column 80, continuing one level deeper than the key": yaml(String.raw`
list:
- There are still IPAddresses referencing the ServiceCIDR, please remove them or create
  a new ServiceCIDR and then wait for the controller to finish its work
- message: There are still IPAddresses referencing the ServiceCIDR, please remove
    them or create a new ServiceCIDR and then wait for the controller to finish its
    work
message: There are still IPAddresses referencing the ServiceCIDR, please remove them
  or create a new ServiceCIDR and then wait for the controller to finish its work
nested:
  deeper:
    message: There are still IPAddresses referencing the ServiceCIDR, please remove
      them or create a new ServiceCIDR and then wait for the controller to finish
      its work
`),
  "never breaks a word, however long": yaml(String.raw`
deep:
  deeper:
    deepest: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
url: https://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
words: short bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
  then more words after the very long one and even more words to go past the limit
`),
  "does not fold at runs of spaces": yaml(String.raw`
spaced: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  two
  spaces here and then cccccccccc words words words words words words words words
`),
  "folds single- and double-quoted strings too": yaml(String.raw`
double: "\tThere are still IPAddresses referencing the ServiceCIDR, please remove
  them or create a new ServiceCIDR and then wait for the controller to finish its
  work"
doubleSpaces: "\txxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
  \ y   z wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww
  end"
single: '@There are still IPAddresses referencing the ServiceCIDR, please remove them
  or create a new ServiceCIDR and then wait for the controller to finish its work
  There are still IPAddresses referencing the ServiceCIDR, please remove them or create
  a new ServiceCIDR and then wait for the controller to finish its work'
`),
  "never folds keys, and uses '? ' for keys over 128 bytes or with newlines": yaml(String.raw`
? There are still IPAddresses referencing the ServiceCIDR, please remove them or create
  a new ServiceCIDR and then wait for the controller to finish its work
: nested:
  - 1
'key with spaces key with spaces key with spaces key with spaces key with spaces key with spaces ': folded?
kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: simple
? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk
: complex
? |-
  multi
  line
: 1
中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中: 126 bytes
? 中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中
: 129 bytes
`),
  "quotes keys the same way as values": yaml(String.raw`
"": 1
'- a': 6
"1": 3
"2023-10-12": 8
"a\tb": 7
"n": 4
'x: y': 5
"yes": 2
`),
  "prints nested sequences compactly": yaml(String.raw`
lists:
- - 1
  - - 2
    - - 3
- - []
- - {}
- - a:
    - 1
    - 2
    b:
      c: []
- - - x: 1
      "y":
      - - 2
`),
  "prints empty collections in flow style": yaml(String.raw`
a: {}
b: []
c:
- {}
d:
- []
e:
  f: {}
g:
- []
- {}
- - []
`),
  "prints numbers the way Go's float64 path does": yaml(String.raw`
floats:
- 1.5
- 0.1
- -2.5
- 1e-07
- 0.0001
- 1e-05
- 100000.5
- 123456.5
- 1.2345675e+06
- 3.14159
- 1e+20
- 1e+21
- 1.8446744073709552e+19
- 1.7976931348623157e+308
- 5e-324
ints:
- 0
- 0
- 1
- -1
- 80
- 9153
- 9007199254740992
- 9007199254740994
- 9223372036854776000
- 18446744073709550000
- -9.223372036854776e+18
`),
  "prints booleans and null": yaml(String.raw`
f: false
list:
- true
- null
- false
"n": null
t: true
`),
};

const SERVICE_CIDR = {
  apiVersion: "networking.k8s.io/v1",
  kind: "ServiceCIDR",
  metadata: {
    creationTimestamp: "2023-10-12T15:11:07Z",
    deletionGracePeriodSeconds: 0,
    deletionTimestamp: "2023-10-12T15:12:45Z",
    finalizers: ["networking.k8s.io/service-cidr-finalizer"],
    name: "newcidr1",
    resourceVersion: "1133",
    uid: "5ffd8afe-c78f-4e60-ae76-cec448a8af40",
  },
  spec: { cidrs: ["10.96.0.0/24"] },
  status: {
    conditions: [
      {
        lastTransitionTime: "2023-10-12T15:12:45Z",
        message: "There are still IPAddresses referencing the ServiceCIDR, please remove them or create a new ServiceCIDR",
        reason: "OrphanIPAddress",
        status: "False",
        type: "Ready",
      },
    ],
  },
};

describe("toKubectlYAML", () => {
  it("prints the ServiceCIDR example from the Kubernetes docs exactly", () => {
    // kubernetes/website content/en/docs/tasks/network/extend-service-ip-ranges.md; input keys deliberately out of order.
    const { status, spec, metadata, kind, apiVersion } = SERVICE_CIDR;
    expect(toKubectlYAML({ status, spec, metadata, kind, apiVersion })).toBe(yaml(String.raw`
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  creationTimestamp: "2023-10-12T15:11:07Z"
  deletionGracePeriodSeconds: 0
  deletionTimestamp: "2023-10-12T15:12:45Z"
  finalizers:
  - networking.k8s.io/service-cidr-finalizer
  name: newcidr1
  resourceVersion: "1133"
  uid: 5ffd8afe-c78f-4e60-ae76-cec448a8af40
spec:
  cidrs:
  - 10.96.0.0/24
status:
  conditions:
  - lastTransitionTime: "2023-10-12T15:12:45Z"
    message: There are still IPAddresses referencing the ServiceCIDR, please remove
      them or create a new ServiceCIDR
    reason: OrphanIPAddress
    status: "False"
    type: Ready
`));
  });

  for (const [name, input, expected] of FIXTURES) {
    it(`prints ${name} as kubectl does`, () => {
      expect(toKubectlYAML(input)).toBe(expected);
    });
  }

  for (const { name, input } of CASES) {
    it(name, () => {
      expect(toKubectlYAML(input)).toBe(EXPECTED[name]);
    });
  }

  it("prints non-mapping documents at the root", () => {
    expect(toKubectlYAML("x")).toBe("x\n");
    expect(toKubectlYAML("yes")).toBe('"yes"\n');
    expect(toKubectlYAML("a\nb")).toBe("|-\n  a\n  b\n");
    expect(toKubectlYAML(null)).toBe("null\n");
    expect(toKubectlYAML(42)).toBe("42\n");
    expect(toKubectlYAML([])).toBe("[]\n");
    expect(toKubectlYAML({})).toBe("{}\n");
    expect(toKubectlYAML(["a", ["b"], { c: 1 }])).toBe("- a\n- - b\n- c: 1\n");
  });

  it("escapes DEL as \\x7F and keeps a no-break space plain (by reading the source: yamlprivateh.go is_printable)", () => {
    // kubectl's own input reader rejects a raw DEL, so this one cannot be checked against the binary.
    expect(toKubectlYAML({ del: "a\u007fb", nbsp: "a\u00a0b" })).toBe('del: "a\\x7Fb"\nnbsp: a\u00a0b\n');
  });

  it("follows JSON.stringify for undefined and toJSON, as kubectl prints the object's JSON form", () => {
    expect(toKubectlYAML({ a: undefined, b: [undefined], c: new Date(Date.UTC(2023, 9, 12, 15, 11, 7)) })).toBe(
      'b:\n- null\nc: "2023-10-12T15:11:07.000Z"\n',
    );
  });
});

/** Small lessons and cluster states for the lesson engine's tests. */
import type { KubeObject } from "../../src/apiserver/machinery/object.ts";
import type { ClusterState } from "../../src/lessons/state.ts";

/** A state holding these objects under the informer's resource keys. */
export function stateOf(entries: [resource: string, object: KubeObject][]): ClusterState {
  const objects = new Map<string, Map<string, KubeObject>>();
  for (const [resource, o] of entries) {
    if (!objects.has(resource)) objects.set(resource, new Map());
    objects.get(resource)!.set(o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!, o);
  }
  return { objects };
}

export function service(name: string, spec: Record<string, unknown>, namespace = "default", labels?: Record<string, string>): [string, KubeObject] {
  return ["services", { apiVersion: "v1", kind: "Service", metadata: { name, namespace, ...(labels ? { labels } : {}) }, spec } as KubeObject];
}

export function ipAddress(ip: string, parent: string, managed = true): [string, KubeObject] {
  return [
    "ipaddresses.networking.k8s.io",
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "IPAddress",
      metadata: { name: ip, ...(managed ? { labels: { "ipaddress.kubernetes.io/managed-by": "ipallocator.k8s.io" } } : {}) },
      spec: { parentRef: { resource: "services", namespace: "default", name: parent } },
    } as KubeObject,
  ];
}

export function serviceCIDR(name: string, cidrs: string[], extra: { deleting?: boolean; ready?: { status: string; reason: string } } = {}): [string, KubeObject] {
  return [
    "servicecidrs.networking.k8s.io",
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "ServiceCIDR",
      metadata: {
        name,
        finalizers: ["networking.k8s.io/service-cidr-finalizer"],
        ...(extra.deleting ? { deletionTimestamp: "2025-11-03T09:00:36Z" } : {}),
      },
      spec: { cidrs },
      status: { conditions: [{ type: "Ready", status: extra.ready?.status ?? "True", reason: extra.ready?.reason ?? "", message: "", lastTransitionTime: "2025-11-03T09:00:00Z" }] },
    } as KubeObject,
  ];
}

export const EN = `---
title: A small lesson
summary: Two steps.
order: 9
minutes: 3
preset: default
seed: 1
---

Some introduction with \`code\`.

## Make a Service {#make}

Create it:

\`\`\`run
kubectl create service clusterip web --tcp=80
\`\`\`

\`\`\`sh
echo not a run block
\`\`\`

> [!HINT]
> First hint, with **bold**.

> A plain quote stays in the text.

> [!HINT]
> Second hint
> on two lines.

## Break it {#break}

\`\`\`run fails
kubectl create service clusterip web --tcp=80
\`\`\`

\`\`\`run
kubectl delete service web
\`\`\`
`;

export const KO = EN.replace("title: A small lesson", "title: 작은 레슨").replace("## Make a Service {#make}", "## 서비스 만들기 {#make}").replace("## Break it {#break}", "## 지우기 {#break}");

export const GOALS = `make:
  goal:
    exists:
      resource: services
      name: web
break:
  goal:
    absent:
      resource: services
      name: web
`;

export const SOLUTION = `# step: make
kubectl create service clusterip web --tcp=80

# step: break
kubectl delete service web
`;

export function smallLessonFiles(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const files: Record<string, string | undefined> = {
    "lessons/small/en.md": EN,
    "lessons/small/ko.md": KO,
    "lessons/small/goals.yaml": GOALS,
    "lessons/small/solution.sh": SOLUTION,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined));
}

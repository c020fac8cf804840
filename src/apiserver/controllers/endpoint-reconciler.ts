/**
 * The kube-apiserver's endpoint reconciler (pkg/controlplane/reconcilers, with the EndpointsAdapter's
 * endpointSliceFromEndpoints): every 10 s the EndpointSlice default/kubernetes is made to hold this
 * apiserver's advertise address and secure port, under the single label kubernetes.io/service-name.
 * The endpointslice controller leaves it alone: Service default/kubernetes has no selector.
 */
import type { ApiClient } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { isStatusError } from "../machinery/errors.ts";
import { deepEqual } from "../machinery/object.ts";
import { IP } from "../../net/index.ts";
import { LABEL_SERVICE_NAME, type EndpointSlice } from "../registry/endpointslice/types.ts";
import { APISERVER_USER } from "./default-servicecidr.ts";
import { PeriodicController } from "./periodic.ts";

const ENDPOINT_SLICES = { group: "discovery.k8s.io", version: "v1", resource: "endpointslices" };
const INTERVAL_MS = 10_000;

export class EndpointReconciler extends PeriodicController {
  constructor(
    private readonly address: string,
    private readonly port: number,
    private readonly client: ApiClient,
    clock: VirtualClock,
  ) {
    super("endpoint-reconciler", clock, INTERVAL_MS);
  }


  sync(): void {
    const ip = IP.tryParse(this.address);
    if (!ip) return;
    const want = {
      addressType: ip.family,
      endpoints: [{ addresses: [ip.toString()], conditions: { ready: true } }],
      ports: [{ name: "https", port: this.port, protocol: "TCP" as const }],
      labels: { [LABEL_SERVICE_NAME]: "kubernetes" },
    };
    let current: EndpointSlice | undefined;
    try {
      current = this.client.get(ENDPOINT_SLICES, "default", "kubernetes") as EndpointSlice;
    } catch (e) {
      if (!isStatusError(e) || e.reason !== "NotFound") return;
    }
    const slice: EndpointSlice = {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { ...(current?.metadata ?? { name: "kubernetes", namespace: "default" }), labels: want.labels },
      addressType: want.addressType,
      endpoints: want.endpoints,
      ports: want.ports,
    };
    try {
      if (!current) this.client.create(ENDPOINT_SLICES, "default", slice, { user: APISERVER_USER });
      else if (current.addressType !== want.addressType) {
        // The address type is immutable: a family change means a new slice.
        this.client.delete(ENDPOINT_SLICES, "default", "kubernetes", { user: APISERVER_USER });
        this.client.create(ENDPOINT_SLICES, "default", { ...slice, metadata: { name: "kubernetes", namespace: "default", labels: want.labels } }, { user: APISERVER_USER });
      } else if (!deepEqual([current.endpoints, current.ports, current.metadata.labels], [want.endpoints, want.ports, want.labels])) {
        this.client.update(ENDPOINT_SLICES, "default", slice, { user: APISERVER_USER });
      }
    } catch {
      // Retried on the next tick, as the reconciler's loop does.
    }
  }
}

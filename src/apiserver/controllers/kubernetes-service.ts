/**
 * The kube-apiserver's bootstrap controller for Service default/kubernetes
 * (pkg/controlplane/controller/kubernetesservice/controller.go): every 10 s it creates the Service if it
 * is missing, at the first IP of the primary --service-cluster-ip-range, and never updates it afterwards.
 * That is why deleting it is how the Service moves to a new range after a reconfiguration.
 */
import type { ApiClient } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { isStatusError } from "../machinery/errors.ts";
import type { Service } from "../registry/service/types.ts";
import { APISERVER_USER } from "./default-servicecidr.ts";
import { PeriodicController } from "./periodic.ts";

export const SERVICES = { group: "", version: "v1", resource: "services" };
const INTERVAL_MS = 10_000;

export class KubernetesServiceController extends PeriodicController {
  /** Set while the last attempt failed, for the sandbox's explanation of why the Service is missing. */
  lastError = "";

  constructor(
    private readonly serviceIP: string,
    private readonly securePort: number,
    private readonly client: ApiClient,
    clock: VirtualClock,
  ) {
    super("kubernetes-service-controller", clock, INTERVAL_MS);
  }


  sync(): void {
    try {
      this.client.get(SERVICES, "default", "kubernetes");
      this.lastError = "";
      return;
    } catch (e) {
      if (!isStatusError(e) || e.reason !== "NotFound") return;
    }
    const svc: Service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" } },
      spec: {
        ports: [{ name: "https", protocol: "TCP", port: 443, targetPort: this.securePort }],
        clusterIP: this.serviceIP,
        sessionAffinity: "None",
        type: "ClusterIP",
        ipFamilyPolicy: "SingleStack",
      },
    };
    try {
      this.client.create(SERVICES, "default", svc, { user: APISERVER_USER });
      this.lastError = "";
    } catch (e) {
      // "unable to sync kubernetes service": retried on the next tick.
      this.lastError = (e as Error).message;
    }
  }
}

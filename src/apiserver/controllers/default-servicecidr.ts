/**
 * The kube-apiserver's default ServiceCIDR controller
 * (pkg/controlplane/controller/defaultservicecidr/default_servicecidr_controller.go): creates the
 * `kubernetes` ServiceCIDR from --service-cluster-ip-range, upgrades it from single- to dual-stack when
 * the flags add a secondary range with the same primary, and otherwise only reports an inconsistency.
 * It runs once at startup and then every 10 seconds.
 */
import type { ApiClient } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { deepClone, findCondition, type Condition } from "../machinery/object.ts";
import type { UserInfo } from "../machinery/rest.ts";
import { isStatusError } from "../machinery/errors.ts";
import { DEFAULT_SERVICE_CIDR_NAME, INCONSISTENT_REASON, type ServiceCIDR } from "../registry/servicecidr/types.ts";
import type { EventRecorder } from "./events.ts";
import { PeriodicController } from "./periodic.ts";
import { setCondition } from "./conditions.ts";

export const SERVICE_CIDRS = { group: "networking.k8s.io", version: "v1", resource: "servicecidrs" };
export const APISERVER_USER: UserInfo = { username: "system:apiserver", uid: "", groups: ["system:authenticated", "system:masters"] };
const INTERVAL_MS = 10_000;

export class DefaultServiceCIDRController extends PeriodicController {
  #reportedMismatch = false;
  #reportedNotReady = false;

  constructor(
    private readonly cidrs: readonly string[],
    private readonly client: ApiClient,
    clock: VirtualClock,
    private readonly events: EventRecorder,
  ) {
    super("kubernetes-service-cidr-controller", clock, INTERVAL_MS);
  }


  sync(): void {
    let sc: ServiceCIDR | undefined;
    try {
      sc = this.client.get(SERVICE_CIDRS, undefined, DEFAULT_SERVICE_CIDR_NAME) as ServiceCIDR;
    } catch (e) {
      if (!isStatusError(e) || e.reason !== "NotFound") throw e;
    }
    if (sc) {
      const cur = sc.spec.cidrs ?? [];
      if (this.cidrs.length === 2 && cur.length === 1 && this.cidrs[0] === cur[0]) {
        const copy = deepClone(sc);
        copy.spec.cidrs = [...this.cidrs];
        try {
          this.client.update(SERVICE_CIDRS, undefined, copy, { user: APISERVER_USER });
        } catch (e) {
          this.events.event(sc, "Warning", "KubernetesDefaultServiceCIDRError", `The default ServiceCIDR can not be upgraded from ${this.cidrs[0]} to dual stack [${this.cidrs.join(" ")}] : ${(e as Error).message}`);
        }
      } else {
        this.#syncStatus(sc);
      }
      return;
    }
    const fresh: ServiceCIDR = { apiVersion: "networking.k8s.io/v1", kind: "ServiceCIDR", metadata: { name: DEFAULT_SERVICE_CIDR_NAME }, spec: { cidrs: [...this.cidrs] } };
    try {
      sc = this.client.create(SERVICE_CIDRS, undefined, fresh, { user: APISERVER_USER }) as ServiceCIDR;
    } catch (e) {
      if (!(isStatusError(e) && e.reason === "AlreadyExists")) {
        this.events.event(fresh, "Warning", "KubernetesDefaultServiceCIDRError", "The default ServiceCIDR can not be created");
        throw e;
      }
      sc = this.client.get(SERVICE_CIDRS, undefined, DEFAULT_SERVICE_CIDR_NAME) as ServiceCIDR;
    }
    this.#syncStatus(sc);
  }

  #syncStatus(sc: ServiceCIDR): void {
    if (sc.metadata.deletionTimestamp) return; // deletion belongs to the controller-manager
    const cur = sc.spec.cidrs ?? [];
    const same = cur.length === this.cidrs.length && cur.every((c, i) => c === this.cidrs[i]);
    const ready = findCondition(sc.status?.conditions, "Ready");
    if (!same) {
      if (!this.#reportedMismatch) {
        this.#reportedMismatch = true;
        this.events.event(
          sc,
          "Warning",
          INCONSISTENT_REASON,
          `The default ServiceCIDR [${cur.join(" ")}] does not match the controller flag configurations [${this.cidrs.join(" ")}]`,
        );
      }
      return;
    }
    if (ready?.status === "False") {
      if (!this.#reportedNotReady) {
        this.#reportedNotReady = true;
        this.events.event(sc, "Warning", ready.reason, `Configuration matches, but ${ready.message}`);
      }
      return;
    }
    if (ready?.status === "True") return;
    const copy = deepClone(sc);
    copy.status = {
      ...copy.status,
      conditions: setCondition(copy.status?.conditions as Condition[] | undefined, { type: "Ready", status: "True", reason: "", message: "Kubernetes default Service CIDR is ready" }, this.clock.now()),
    };
    try {
      this.client.update(SERVICE_CIDRS, undefined, copy, { user: APISERVER_USER, subresource: "status" });
    } catch {
      this.events.event(sc, "Warning", "KubernetesDefaultServiceCIDRError", "The default ServiceCIDR Status can not be set to Ready=True");
    }
  }
}

/**
 * The controller-manager's ServiceCIDR controller (pkg/controller/servicecidrs/servicecidrs_controller.go):
 * puts the protection finalizer on every ServiceCIDR, marks it Ready, and on deletion holds it until no
 * allocator-managed IPAddress would be left without a containing ServiceCIDR. A deletable ServiceCIDR
 * goes 10 seconds after its deletionTimestamp, so that no allocator still hands out its addresses.
 */
import type { ApiClient } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { deepClone, findCondition, type Condition } from "../machinery/object.ts";
import { isStatusError } from "../machinery/errors.ts";
import { parseTime } from "../machinery/time.ts";
import { CIDR, IP } from "../../net/index.ts";
import { prefixContainsIP } from "../allocators/clusterip/meta-allocator.ts";
import { IPALLOCATOR_MANAGER, LABEL_IP_FAMILY, LABEL_MANAGED_BY, type IPAddress } from "../registry/ipaddress/types.ts";
import { SERVICE_CIDR_FINALIZER, SERVICE_CIDR_REASON_TERMINATING, type ServiceCIDR } from "../registry/servicecidr/types.ts";
import type { EventRecorder } from "./events.ts";
import { QueueController } from "./queue.ts";
import { sameCondition, setCondition } from "./conditions.ts";
import { SERVICE_CIDRS } from "./default-servicecidr.ts";

const IP_ADDRESSES = { group: "networking.k8s.io", version: "v1", resource: "ipaddresses" };
const DELETION_GRACE_MS = 10_000;
const USER = { username: "system:serviceaccount:kube-system:service-cidrs-controller", groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"] };
export const READY_MESSAGE = "Kubernetes Service CIDR is ready";
export const TERMINATING_MESSAGE = "There are still IPAddresses referencing the ServiceCIDR, please remove them or create a new ServiceCIDR";

function prefixes(sc: ServiceCIDR): CIDR[] {
  return (sc.spec.cidrs ?? []).map((c) => CIDR.tryParse(c)).filter((c): c is CIDR => c !== null);
}

export class ServiceCIDRsController extends QueueController {
  constructor(
    private readonly client: ApiClient,
    clock: VirtualClock,
    private readonly events: EventRecorder,
  ) {
    super("service-cidr-controller", clock);
    for (const sc of this.#serviceCIDRs()) this.queue.add(sc.metadata.name!);
    this.onStop(
      client.watch(SERVICE_CIDRS, (_t, obj) => {
        this.queue.add(obj.metadata.name!);
        for (const n of this.#overlapping(obj as ServiceCIDR)) this.queue.add(n);
      }),
    );
    this.onStop(
      client.watch(IP_ADDRESSES, (t, obj) => {
        if (t === "MODIFIED") return;
        for (const n of this.#containing(obj as IPAddress)) this.queue.add(n);
      }),
    );
  }

  #serviceCIDRs(): ServiceCIDR[] {
    return this.client.list(SERVICE_CIDRS, undefined).items as ServiceCIDR[];
  }

  #overlapping(sc: ServiceCIDR): string[] {
    const mine = prefixes(sc);
    return this.#serviceCIDRs()
      .filter((o) => prefixes(o).some((p) => mine.some((m) => m.overlaps(p))))
      .map((o) => o.metadata.name!);
  }

  #containing(ip: IPAddress): string[] {
    if (ip.metadata.labels?.[LABEL_MANAGED_BY] !== IPALLOCATOR_MANAGER) return [];
    const addr = IP.tryParse(ip.metadata.name ?? "");
    if (!addr) return [];
    return this.#serviceCIDRs()
      .filter((sc) => prefixes(sc).some((p) => prefixContainsIP(p, addr)))
      .map((sc) => sc.metadata.name!);
  }

  protected sync(key: string): void {
    let sc: ServiceCIDR;
    try {
      sc = this.client.get(SERVICE_CIDRS, undefined, key) as ServiceCIDR;
    } catch (e) {
      if (isStatusError(e) && e.reason === "NotFound") return;
      throw e;
    }
    if (sc.metadata.deletionTimestamp) {
      if (!this.#canDelete(sc)) {
        this.#applyReady(sc, { type: "Ready", status: "False", reason: SERVICE_CIDR_REASON_TERMINATING, message: TERMINATING_MESSAGE });
        return;
      }
      const remaining = parseTime(sc.metadata.deletionTimestamp)! + DELETION_GRACE_MS - this.clock.now();
      if (remaining > 0) {
        this.queue.addAfter(key, remaining);
        return;
      }
      if (sc.metadata.finalizers?.includes(SERVICE_CIDR_FINALIZER)) {
        this.client.patch(SERVICE_CIDRS, undefined, key, "strategic", { metadata: { [`$deleteFromPrimitiveList/finalizers`]: [SERVICE_CIDR_FINALIZER] } }, { user: USER });
      }
      return;
    }
    if (!sc.metadata.finalizers?.includes(SERVICE_CIDR_FINALIZER)) {
      sc = this.client.patch(SERVICE_CIDRS, undefined, key, "strategic", { metadata: { finalizers: [SERVICE_CIDR_FINALIZER] } }, { user: USER }) as ServiceCIDR;
    }
    try {
      this.#applyReady(sc, { type: "Ready", status: "True", reason: "", message: READY_MESSAGE });
    } catch (e) {
      this.events.event(sc, "Warning", "KubernetesServiceCIDRError", "The ServiceCIDR Status can not be set to Ready=True");
      throw e;
    }
  }

  /** canDeleteCIDR: deletable when another ServiceCIDR contains it, or no managed IP depends on it alone. */
  #canDelete(sc: ServiceCIDR): boolean {
    const all = this.#serviceCIDRs();
    let hasParent = true;
    for (const p of prefixes(sc)) {
      const parents = all.filter((o) => prefixes(o).some((q) => q.prefix <= p.prefix && q.overlaps(p)));
      if (parents.length === 0 || (parents.length === 1 && parents[0]!.metadata.name === sc.metadata.name)) hasParent = false;
    }
    if (hasParent) return true;
    for (const p of prefixes(sc)) {
      const ips = this.client.list(IP_ADDRESSES, undefined, {
        labelSelector: `${LABEL_IP_FAMILY}=${p.family},${LABEL_MANAGED_BY}=${IPALLOCATOR_MANAGER}`,
      }).items;
      for (const ip of ips) {
        const addr = IP.tryParse(ip.metadata.name ?? "");
        if (!addr) continue;
        const holders = all.filter((o) => prefixes(o).some((q) => prefixContainsIP(q, addr)));
        if (holders.length === 1 && holders[0]!.metadata.name === sc.metadata.name) return false;
      }
    }
    return true;
  }

  #applyReady(sc: ServiceCIDR, cond: Omit<Condition, "lastTransitionTime">): void {
    if (sameCondition(findCondition(sc.status?.conditions, "Ready"), cond)) return;
    const copy = deepClone(sc);
    copy.status = { ...copy.status, conditions: setCondition(copy.status?.conditions, cond, this.clock.now()) };
    this.client.update(SERVICE_CIDRS, undefined, copy, { user: USER, subresource: "status" });
  }
}
